/**
 * The concept list (src/domain/concepts.ts): one KVS key, a setting the settings page edits and confirmed merges
 * grow. Read through the domain's own schema; absent, or stored but no longer readable (reported), it reads as
 * DEFAULT_CONCEPTS, so clustering never stops for want of a list.
 *
 * The stored value is `{ list, updatedAt, updatedBy, learned }`: `list` is exactly what clustering reads, and
 * `learned` sits beside it, naming the words that merges taught (not typed by an admin), so the settings page
 * can mark them. Values stored before `learned` existed read with none learned.
 *
 * The consumer reads it for every signal it clusters, so a process keeps what it read for CACHE_MS: a change
 * made elsewhere reaches clustering within that time, a change made by this process (a merge, a save) at once.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { DEFAULT_CONCEPTS, validateConceptList, type Concept, type ConceptList } from '../domain/concepts';
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

/** A word a confirmed merge added to a concept (learnFromMerge), as opposed to one an admin typed. */
export interface LearnedWord {
  concept: string;
  word: string;
}

const learnedWordSchema = z.object({ concept: z.string(), word: z.string() });

const storedConceptListSchema = z.object({
  list: conceptListSchema,
  updatedAt: z.number().int(),
  updatedBy: z.string(),
  // Lenient on read: an unreadable entry is dropped rather than hiding the whole list from clustering.
  learned: z
    .array(z.unknown())
    .optional()
    .transform((entries) => (entries ?? []).flatMap((entry) => {
      const parsed = learnedWordSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    })),
});

export type StoredConceptList =
  | { state: 'default'; list: ConceptList; learned: LearnedWord[] }
  | { state: 'stored'; list: ConceptList; learned: LearnedWord[]; updatedAt: number; updatedBy: string };

let cached: { at: number; value: StoredConceptList } | null = null;

/** Forgets what this process read (tests, and the settings page after a save elsewhere). */
export function forgetCachedConceptList(): void {
  cached = null;
}

/** The stored list (fresh from KVS), or the defaults when there is none or it does not read (reported). */
export async function readConceptList(): Promise<StoredConceptList> {
  const value: unknown = await withStorageRetry(() => kvs.get(CONCEPTS_KEY));
  const read = inspectStored(CONCEPTS_KIND, CONCEPTS_KEY, storedConceptListSchema, value);
  const result: StoredConceptList = read.state === 'stored' ? { state: 'stored', ...read.value } : { state: 'default', list: DEFAULT_CONCEPTS, learned: [] };
  cached = { at: Date.now(), value: result };
  return result;
}

/** The list clustering uses: this process's copy if younger than CACHE_MS, else read again (one KVS call). */
export async function conceptListForClustering(nowMs: number = Date.now()): Promise<ConceptList> {
  if (cached && nowMs - cached.at >= 0 && nowMs - cached.at < CONCEPT_LIST_CACHE_MS) return cached.value.list;
  return (await readConceptList()).list;
}

const learnedKey = (concept: string, word: string): string => `${concept}\u0000${word}`;

/** The learned words that are still in the list (an admin may have removed some, or a concept). */
function learnedStillListed(learned: readonly LearnedWord[], concepts: readonly Concept[]): LearnedWord[] {
  const listed = new Set(concepts.flatMap((concept) => concept.words.map((word) => learnedKey(concept.id, word))));
  const seen = new Set<string>();
  return learned.filter(({ concept, word }) => {
    const key = learnedKey(concept, word);
    if (!listed.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Words in `after` that `before` did not have (per concept; every word of a new concept). */
function wordsAdded(before: readonly Concept[], after: readonly Concept[]): LearnedWord[] {
  const had = new Set(before.flatMap((concept) => concept.words.map((word) => learnedKey(concept.id, word))));
  return after.flatMap((concept) => concept.words.filter((word) => !had.has(learnedKey(concept.id, word))).map((word) => ({ concept: concept.id, word })));
}

async function writeStored(list: ConceptList, learned: readonly LearnedWord[], updatedBy: string, nowMs: number): Promise<StoredConceptList> {
  const checked = conceptListSchema.parse(list);
  const value = { list: checked, updatedAt: nowMs, updatedBy, learned: learnedStillListed(learned, checked.concepts) };
  await withStorageRetry(() => kvs.set(CONCEPTS_KEY, value));
  // This process's clustering uses the new list at once (other processes within CONCEPT_LIST_CACHE_MS).
  const stored: StoredConceptList = { state: 'stored', ...value };
  cached = { at: Date.now(), value: stored };
  return stored;
}

/**
 * Saves a list grown by a confirmed merge (validated by the domain's schema: a list that would not read back is
 * refused here). Every word it adds to what is stored now is recorded as learned; one more KVS read, which a
 * merge (a person's action, not a signal's) can afford.
 */
export async function writeConceptList(list: ConceptList, updatedBy: string, nowMs: number = Date.now()): Promise<void> {
  const before = await readConceptList();
  await writeStored(list, [...before.learned, ...wordsAdded(before.list.concepts, list.concepts)], updatedBy, nowMs);
}

/**
 * Saves a list as an admin edited it, over `current` (what the caller read and checked for conflicts): learned
 * words the admin kept stay marked as learned; words the admin typed are theirs.
 */
export async function writeEditedConceptList(current: StoredConceptList, list: ConceptList, updatedBy: string, nowMs: number): Promise<StoredConceptList> {
  return writeStored(list, current.learned, updatedBy, nowMs);
}
