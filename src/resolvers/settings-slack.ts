import { saveSlackToken, slackSettings, testSlackToken } from '../services/settings/slack';
import type { PracticeResolvers } from './define';

export const slackSettingsResolvers: PracticeResolvers<'settings.slack'> = {
  'settings.slack.get': () => slackSettings(),
  'settings.slack.save': ({ token }, caller) => saveSlackToken(token, caller.accountId),
  'settings.slack.test': () => testSlackToken(),
};
