/**
 * The admin's suggestion rules, one KVS key. Read back through the contract's schema: a stored value that no
 * longer validates (hand-edited, or written by an older version) is reported as `corrupt`, and the caller
 * falls back to the defaults rather than suggesting from rules it cannot trust.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { suggestionRulesSchema } from '../contract/work-type';
import type { SuggestionRules } from '../domain/suggestion-rules';

const RULES_KEY = 'settings:suggestion-rules';

const storedRulesSchema = z.object({ rules: suggestionRulesSchema, updatedAt: z.iso.datetime(), updatedBy: z.string() });

export type StoredRules =
  | { state: 'absent' }
  | { state: 'corrupt' }
  | { state: 'stored'; rules: SuggestionRules; updatedAt: string; updatedBy: string };

export async function readSuggestionRules(): Promise<StoredRules> {
  const value: unknown = await kvs.get(RULES_KEY);
  if (value === undefined || value === null) return { state: 'absent' };
  const parsed = storedRulesSchema.safeParse(value);
  if (!parsed.success) {
    console.warn('stored suggestion rules do not validate; suggestions use the defaults until an admin saves rules again');
    return { state: 'corrupt' };
  }
  return { state: 'stored', ...parsed.data };
}

export async function writeSuggestionRules(rules: SuggestionRules, updatedAt: string, updatedBy: string): Promise<void> {
  await kvs.set(RULES_KEY, { rules, updatedAt, updatedBy });
}
