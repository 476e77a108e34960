/** The discovery practice's resolver keys (`discovery.*`): one input and one output schema each. */
export const discoveryContract = {} as const;
