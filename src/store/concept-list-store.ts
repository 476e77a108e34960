/**
 * The concept list (src/domain/concepts.ts): one KVS key, a setting the settings page edits and confirmed merges
 * grow. Read through the domain's own schema; absent, or stored but no longer readable (reported), it reads as
 * DEFAULT_CONCEPTS, so clustering never stops for want of a list.
 *
 * The consumer reads it for every signal it clusters, so a process keeps what it read for CACHE_MS: a change
 * made elsewhere reaches clustering within that time, a change made by this process (a merge, a save) at once.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { DEFAULT_CONCEPTS, validateConceptList, type ConceptList } from '../domain/concepts';
import { withStorageRetry } from './storage-retry';
import { inspectStored } from './stored-record';

const CONCEPTS_KEY = 'settings:concept-list';
const CONCEPTS_KIND = 'concept-list';
export const CONCEPT_LIST_CACHE_MS = 60_000;

/** The domain's check (validateConceptList) as a zod schema: the store reads and writes through zod. */
export const conceptListSchema: z.ZodType<ConceptList> = z.unknown().transform((value, ctx) => {
  const checked = validateConceptList(value);
  if (checked.ok) return checked.list;
  for (const issue of checked.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
});

const storedConceptListSchema = z.object({ list: conceptListSchema, updatedAt: z.number().int(), updatedBy: z.string() });

export type StoredConceptList =
  | { state: 'default'; list: ConceptList }
  | { state: 'stored'; list: ConceptList; updatedAt: number; updatedBy: string };

let cached: { at: number; value: StoredConceptList } | null = null;

/** Forgets what this process read (tests, and the settings page after a save elsewhere). */
export function forgetCachedConceptList(): void {
  cached = null;
}

/** The stored list (fresh from KVS), or the defaults when there is none or it does not read (reported). */
export async function readConceptList(): Promise<StoredConceptList> {
  const value: unknown = await withStorageRetry(() => kvs.get(CONCEPTS_KEY));
  const read = inspectStored(CONCEPTS_KIND, CONCEPTS_KEY, storedConceptListSchema, value);
  const result: StoredConceptList = read.state === 'stored' ? { state: 'stored', ...(read.value as z.output<typeof storedConceptListSchema>) } as StoredConceptList : { state: 'default', list: DEFAULT_CONCEPTS };
  cached = { at: Date.now(), value: result };
  return result;
}

/** The list clustering uses: this process's copy if younger than CACHE_MS, else read again (one KVS call). */
export async function conceptListForClustering(nowMs: number = Date.now()): Promise<ConceptList> {
  if (cached && nowMs - cached.at >= 0 && nowMs - cached.at < CONCEPT_LIST_CACHE_MS) return cached.value.list;
  return (await readConceptList()).list;
}

/** Saves the list (validated by the domain's schema: a list that would not read back is refused here). */
export async function writeConceptList(list: ConceptList, updatedBy: string, nowMs: number = Date.now()): Promise<void> {
  const value = { list: conceptListSchema.parse(list), updatedAt: nowMs, updatedBy };
  await withStorageRetry(() => kvs.set(CONCEPTS_KEY, value));
  cached = { at: Date.now(), value: { state: 'stored', ...value } as StoredConceptList };
}
