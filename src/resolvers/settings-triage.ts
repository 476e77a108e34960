import { saveTriageSettings, triageSettings } from '../services/settings/triage';
import type { PracticeResolvers } from './define';

export const triageSettingsResolvers: PracticeResolvers<'settings.triage'> = {
  'settings.triage.get': () => triageSettings(),
  'settings.triage.save': (input, caller) => saveTriageSettings(input, caller.accountId),
};
