/**
 * The concept list on the settings page: words that mean the same thing in this product, as clustering uses
 * them. Jira admins only. A save or reset names the list's `updatedAt` as the page loaded it; a list changed
 * meanwhile — a confirmed merge taught it a pair, or another admin saved — is `conflict`, and nothing is written.
 * KVS has no conditional write for a plain key, so the check is a read just before the write: two saves in the
 * same few milliseconds could still both pass it.
 */
import type { ResolverOutput } from '../../contract';
import { DEFAULT_CONCEPTS, MERGES_TO_LEARN, normaliseWord, type Concept, type ConceptList } from '../../domain/concepts';
import { AppError } from '../../errors';
import { displayNamesOf } from '../../jira/users';
import { readConceptList, writeEditedConceptList, type StoredConceptList } from '../../store/concept-list-store';
import { clock } from '../clock';
import { requireJiraAdmin } from './jira-admin';

type ConceptSettings = ResolverOutput<'settings.concepts.get'>;

const CHANGE_REFUSAL = 'Only Jira admins can change the concept list. Ask a Jira admin to do this for you.';

const updatedAtOf = (stored: StoredConceptList): string | null => (stored.state === 'stored' ? new Date(stored.updatedAt).toISOString() : null);

const sameConcepts = (a: readonly Concept[], b: readonly Concept[]): boolean =>
  a.length === b.length && a.every((concept, i) => concept.id === b[i]!.id && concept.words.length === b[i]!.words.length && concept.words.every((w, k) => w === b[i]!.words[k]));

async function settingsView(stored: StoredConceptList): Promise<ConceptSettings> {
  const names = stored.state === 'stored' ? await displayNamesOf([stored.updatedBy]) : new Map<string, string>();
  return {
    concepts: stored.list.concepts.map(({ id, words }) => ({
      id,
      words,
      learnedWords: stored.learned.filter((learned) => learned.concept === id).map((learned) => learned.word),
    })),
    evidence: stored.list.evidence.map(({ a, b, count }) => ({ a, b, count })),
    mergesToLearn: MERGES_TO_LEARN,
    isDefault: sameConcepts(stored.list.concepts, DEFAULT_CONCEPTS.concepts),
    updatedAt: updatedAtOf(stored),
    updatedBy: stored.state === 'stored' ? (names.get(stored.updatedBy) ?? 'someone Jira no longer lists') : null,
  };
}

export async function conceptSettings(): Promise<ConceptSettings> {
  // Read alongside the admin check to save a round trip; nothing read is returned unless it passes.
  const [, stored] = await Promise.all([requireJiraAdmin(), readConceptList()]);
  return settingsView(stored);
}

/**
 * What the contract cannot check one concept at a time: a name used twice, a word twice in a concept, a word in
 * two concepts (as clustering reads words: "Spreadsheets" is "spreadsheet"), a word with no letter or number. Each with its path, as the
 * resolver names a field ("concepts.2.words.0").
 */
export function conceptListProblems(concepts: readonly Concept[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const ids = new Map<string, number>();
  const words = new Map<string, { concept: string; word: string }>();
  concepts.forEach((concept, i) => {
    const earlier = ids.get(concept.id);
    if (earlier !== undefined) fields[`concepts.${i}.id`] = `There is already a concept named ${concept.id} (number ${earlier + 1}).`;
    else ids.set(concept.id, i);
    const own = new Set<string>();
    concept.words.forEach((word, k) => {
      const normalised = normaliseWord(word).join(' ');
      const path = `concepts.${i}.words.${k}`;
      if (!normalised) {
        fields[path] = 'A word needs at least one letter or number.';
        return;
      }
      if (own.has(word.toLowerCase())) {
        fields[path] = `“${word}” is already in this concept.`;
        return;
      }
      own.add(word.toLowerCase());
      // Forms of one word in one concept ("report", "reporting") are harmless; across two concepts they are not.
      const first = words.get(normalised);
      if (!first) words.set(normalised, { concept: concept.id, word });
      else if (first.concept !== concept.id) fields[path] = `“${word}” is already in the concept ${first.concept} (as “${first.word}”): a word means one concept.`;
    });
  });
  return fields;
}

function refuseProblems(fields: Record<string, string>): void {
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  const [path, message] = entries[0]!;
  throw new AppError('invalid-input', `The concepts were not saved: ${entries.length === 1 ? 'one thing' : `${entries.length} things`} to fix, first ${path}: ${message}`, { fields });
}

/** Reads the list and refuses when it is not the one the page loaded. */
async function currentUnchangedSince(expectedUpdatedAt: string | null): Promise<StoredConceptList> {
  const current = await readConceptList();
  const updatedAt = updatedAtOf(current);
  if (updatedAt !== expectedUpdatedAt) {
    throw new AppError(
      'conflict',
      'The concept list changed after you opened it (a confirmed merge taught it new words, or another admin saved it). Reload it: your edits stay on the page to apply again.',
    );
  }
  return current;
}

async function replaceConcepts(concepts: Concept[], expectedUpdatedAt: string | null, accountId: string): Promise<ConceptSettings> {
  const current = await currentUnchangedSince(expectedUpdatedAt);
  // Evidence is what merges showed, not what the admin typed: it is kept whatever the concepts become.
  const list: ConceptList = { version: 1, concepts, evidence: current.list.evidence };
  const stored = await writeEditedConceptList(current, list, accountId, clock.now().getTime());
  return settingsView(stored);
}

export async function saveConceptSettings(input: { concepts: Concept[]; expectedUpdatedAt: string | null }, accountId: string): Promise<ConceptSettings> {
  await requireJiraAdmin(CHANGE_REFUSAL);
  const concepts = input.concepts.map(({ id, words }) => ({ id, words: [...words] }));
  refuseProblems(conceptListProblems(concepts));
  return replaceConcepts(concepts, input.expectedUpdatedAt, accountId);
}

export async function resetConceptSettings(input: { expectedUpdatedAt: string | null }, accountId: string): Promise<ConceptSettings> {
  await requireJiraAdmin(CHANGE_REFUSAL);
  return replaceConcepts(DEFAULT_CONCEPTS.concepts.map(({ id, words }) => ({ id, words: [...words] })), input.expectedUpdatedAt, accountId);
}
