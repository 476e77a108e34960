/**
 * The admin's suggestion rules, one KVS key, read back through the store's own schema. A stored value that
 * no longer validates (hand-edited, or written by an older version) is reported and read as `corrupt`, and
 * the caller falls back to the defaults rather than suggesting from rules it cannot trust. Kinds of rule a
 * later version adds are ignored, not a reason to distrust the rest.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { SuggestionRules } from '../domain/suggestion-rules';
import { WORK_TYPES } from '../domain/work-type';
import { withStorageRetry } from './storage-retry';
import { inspectStored } from './stored-record';

const RULES_KEY = 'settings:suggestion-rules';
const RULES_KIND = 'suggestion-rules';

/**
 * The limits the settings page saves rules under, held here too: rules that read back are rules an admin
 * could have saved, so the settings page can always show them again.
 */
const MAX_RULES = 500;
const workType = z.enum(WORK_TYPES);
const storedSuggestionRulesSchema = z
  .object({
    issueTypes: z.record(z.string().min(1).max(60), workType),
    labels: z.record(z.string().min(1).max(255).regex(/^\S+$/), workType),
    keywords: z.record(z.string().min(2).max(60), workType),
  })
  .refine((r) => Object.keys(r.issueTypes).length + Object.keys(r.labels).length + Object.keys(r.keywords).length <= MAX_RULES, {
    message: `At most ${MAX_RULES} rules in all.`,
  }) satisfies z.ZodType<SuggestionRules>;

const storedRulesSchema = z.object({ rules: storedSuggestionRulesSchema, updatedAt: z.iso.datetime(), updatedBy: z.string() });

export type StoredRules =
  | { state: 'absent' }
  | { state: 'corrupt' }
  | { state: 'stored'; rules: SuggestionRules; updatedAt: string; updatedBy: string };

export async function readSuggestionRules(): Promise<StoredRules> {
  const value: unknown = await withStorageRetry(() => kvs.get(RULES_KEY));
  const read = inspectStored(RULES_KIND, RULES_KEY, storedRulesSchema, value);
  if (read.state === 'absent') return { state: 'absent' };
  if (read.state === 'unreadable') return { state: 'corrupt' };
  return { state: 'stored', ...read.value };
}

export async function writeSuggestionRules(rules: SuggestionRules, updatedAt: string, updatedBy: string): Promise<void> {
  await withStorageRetry(() => kvs.set(RULES_KEY, { rules, updatedAt, updatedBy }));
}
