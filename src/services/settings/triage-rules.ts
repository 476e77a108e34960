/**
 * The triage settings as everyone else reads them (the triage permission, the parking lot): the stored choice or
 * today's defaults. Read fresh on each call, as team roles are: a change on the settings page applies to the next
 * action, with no cache to go stale across invocations.
 */
import { DEFAULT_PARKING_THRESHOLDS, type ParkingThresholds } from '../../domain/routing';
import { readTriageSettings, type StoredTriagers } from '../../store/triage-settings-store';

export interface TriageRules {
  triagers: StoredTriagers;
  parking: ParkingThresholds;
}

export const DEFAULT_TRIAGE_RULES: TriageRules = { triagers: { kind: 'project-admins' }, parking: DEFAULT_PARKING_THRESHOLDS };

export async function triageRules(): Promise<TriageRules> {
  const stored = await readTriageSettings();
  return stored ? { triagers: stored.triagers, parking: stored.parking } : DEFAULT_TRIAGE_RULES;
}
