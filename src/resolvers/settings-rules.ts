import { saveSuggestionRules, suggestionRulesSettings } from '../services/settings/suggestion-rules';
import type { ResolverImplementation } from './define';

export const settingsRulesResolvers: {
  'settings.rules.get': ResolverImplementation<'settings.rules.get'>;
  'settings.rules.save': ResolverImplementation<'settings.rules.save'>;
} = {
  'settings.rules.get': () => suggestionRulesSettings(),
  'settings.rules.save': ({ rules }, caller) => saveSuggestionRules(rules, caller.accountId),
};
