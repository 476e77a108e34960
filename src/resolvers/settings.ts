import { channelSettings, rotateSalesforceSecret, setChannelSecret, setSalesforceOrganization } from '../services/settings/channels';
import { conceptSettings, resetConceptSettings, saveConceptSettings } from '../services/settings/concepts';
import { intakeSettings, rotateIntakeSecret } from '../services/settings/intake-secret';
import { saveSuggestionRules, suggestionRulesSettings } from '../services/settings/suggestion-rules';
import { defaultTargetMix, saveDefaultTargetMix } from '../services/settings/target-mix';
import { projectRolesForSettings, saveTeamRoleSettings, searchTeamRoleGroups, teamRoleSettings } from '../services/settings/team-roles';
import type { PracticeResolvers } from './define';
import { slackSettingsResolvers } from './settings-slack';
import { triageSettingsResolvers } from './settings-triage';

export const settingsResolvers: PracticeResolvers<'settings'> = {
  'settings.overview': () => intakeSettings(),
  'settings.rotateIntakeSecret': () => rotateIntakeSecret(),
  'settings.channels.get': () => channelSettings(),
  'settings.channels.setSecret': ({ channel, secret }) => setChannelSecret(channel, secret),
  'settings.channels.rotateSalesforce': () => rotateSalesforceSecret(),
  'settings.channels.setSalesforceOrg': ({ organizationId }) => setSalesforceOrganization(organizationId),
  'settings.rules.get': () => suggestionRulesSettings(),
  'settings.rules.save': ({ rules }, caller) => saveSuggestionRules(rules, caller.accountId),
  'settings.targetMix.get': () => defaultTargetMix(),
  'settings.targetMix.save': ({ target }) => saveDefaultTargetMix(target),
  'settings.concepts.get': () => conceptSettings(),
  'settings.concepts.save': (input, caller) => saveConceptSettings(input, caller.accountId),
  'settings.concepts.reset': (input, caller) => resetConceptSettings(input, caller.accountId),
  'settings.roles.get': () => teamRoleSettings(),
  'settings.roles.save': ({ roles }, caller) => saveTeamRoleSettings(roles, caller.accountId),
  'settings.roles.searchGroups': ({ query }) => searchTeamRoleGroups(query),
  'settings.roles.projectRoles': ({ projectKey }) => projectRolesForSettings(projectKey),
  ...slackSettingsResolvers,
  ...triageSettingsResolvers,
};
