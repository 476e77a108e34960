import type { PracticeResolvers } from './define';

export const slackSettingsResolvers: PracticeResolvers<'settings.slack'> = {};
