/**
 * The suggestion rules a Jira admin tunes on the settings page, and the rules suggestions use. A stored value
 * that does not validate counts as "no rules saved": suggestions use the defaults and the page says so
 * (isDefault = true), so an admin sees what is really in effect and can save again.
 */
import type { ResolverOutput } from '../../contract';
import { DEFAULT_SUGGESTION_RULES, type SuggestionRules } from '../../domain/suggestion-rules';
import { readSuggestionRules, writeSuggestionRules } from '../../store/suggestion-rules-store';
import { clock } from '../clock';
import { requireJiraAdmin } from './jira-admin';

type RulesView = ResolverOutput<'settings.rules.get'>;

async function rulesView(): Promise<RulesView> {
  const stored = await readSuggestionRules();
  if (stored.state !== 'stored') return { rules: DEFAULT_SUGGESTION_RULES, isDefault: true, updatedAt: null };
  return { rules: stored.rules, isDefault: false, updatedAt: stored.updatedAt };
}

/** The rules suggestions are computed with; no permission needed, as they reveal nothing about issues. */
export async function suggestionRulesInEffect(): Promise<SuggestionRules> {
  return (await rulesView()).rules;
}

export async function suggestionRulesSettings(): Promise<RulesView> {
  // Read alongside the admin check to save a round trip; nothing read is returned unless it passes.
  const [, view] = await Promise.all([requireJiraAdmin(), rulesView()]);
  return view;
}

export async function saveSuggestionRules(rules: SuggestionRules, accountId: string): Promise<RulesView> {
  await requireJiraAdmin();
  const updatedAt = clock.now().toISOString();
  await writeSuggestionRules(rules, updatedAt, accountId);
  return { rules, isDefault: false, updatedAt };
}
