/** Who may triage signals and when a parked cluster comes back (resolver keys `settings.triage.*`). */

export const settingsTriageContract = {} as const;
