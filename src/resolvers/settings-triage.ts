import type { PracticeResolvers } from './define';

export const triageSettingsResolvers: PracticeResolvers<'settings.triage'> = {};
