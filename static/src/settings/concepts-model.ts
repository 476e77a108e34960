/**
 * The concept editor's model: the contract's concepts as editable rows (each word a chip that remembers whether
 * a merge taught it), validation that mirrors the resolver's (the contract's schema per concept, then names and
 * words used twice, as clustering reads words), and the rebase that keeps a person's edits when the list
 * changed under them (a `conflict` on save).
 */
import type { z } from 'zod';
import { conceptEditSchema, type ResolverOutput } from '../../../src/contract';
import { normaliseWord } from '../../../src/domain/concepts';

export type ConceptSettings = ResolverOutput<'settings.concepts.get'>;

export interface WordChip {
  /** Stable across edits, so React keeps focus where it was. */
  key: number;
  text: string;
  learned: boolean;
}

export interface ConceptRow {
  key: number;
  id: string;
  words: WordChip[];
}

/** Per row key: what is wrong with its name, and with each word (by chip key) or the words as a whole. */
export type ConceptErrors = Record<number, { id?: string; words?: string; word?: Record<number, string> }>;

let nextKey = 1;
export const newChip = (text: string, learned = false): WordChip => ({ key: nextKey++, text, learned });
export const newConcept = (): ConceptRow => ({ key: nextKey++, id: '', words: [] });

export function rowsFrom(settings: ConceptSettings): ConceptRow[] {
  return settings.concepts.map((concept) => ({
    key: nextKey++,
    id: concept.id,
    words: concept.words.map((word) => newChip(word, concept.learnedWords.includes(word))),
  }));
}

/** What would be sent: names and words trimmed, in the order shown. */
export const conceptsOf = (rows: readonly ConceptRow[]) => rows.map((row) => ({ id: row.id.trim(), words: row.words.map((chip) => chip.text.trim()) }));

/** The page's "unsaved changes" test: the same names and words in the same order. */
export const sameConcepts = (a: readonly ConceptRow[], b: readonly ConceptRow[]): boolean => JSON.stringify(conceptsOf(a)) === JSON.stringify(conceptsOf(b));

/** Zod's words made plain, as the rules editor does. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big' && issue.origin === 'string') return `At most ${String(issue.maximum)} characters.`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `At most ${String(issue.maximum)} words.`;
  return issue.message;
}

export interface Validation {
  errors: ConceptErrors;
  problemCount: number;
}

/** Every row checked as the resolver will: a name, 1–200 words of 2+ characters, nothing listed twice. */
export function validate(rows: readonly ConceptRow[]): Validation {
  const errors: ConceptErrors = {};
  const entry = (key: number) => (errors[key] ??= {});
  const ids = new Map<string, string>();
  const words = new Map<string, { conceptId: string; row: number; text: string }>();
  for (const row of rows) {
    const parsed = conceptEditSchema.safeParse({ id: row.id, words: row.words.map((chip) => chip.text) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [field, index] = issue.path;
        if (field === 'id') entry(row.key).id ??= plainMessage(issue);
        else if (field === 'words' && typeof index === 'number') {
          const chip = row.words[index];
          if (chip) (entry(row.key).word ??= {})[chip.key] ??= plainMessage(issue);
        } else if (field === 'words') entry(row.key).words ??= plainMessage(issue);
      }
    }
    const id = row.id.trim();
    if (id && ids.has(id)) entry(row.key).id ??= `There is already a concept named ${id}.`;
    else if (id) ids.set(id, id);
    const own = new Set<string>();
    for (const chip of row.words) {
      const text = chip.text.trim();
      const normalised = normaliseWord(text).join(' ');
      const wordErrors = () => (entry(row.key).word ??= {});
      if (text.length >= 2 && !normalised) wordErrors()[chip.key] ??= 'A word needs at least one letter or number.';
      if (own.has(text.toLowerCase())) wordErrors()[chip.key] ??= `“${text}” is already in this concept.`;
      own.add(text.toLowerCase());
      if (!normalised) continue;
      const first = words.get(normalised);
      if (!first) words.set(normalised, { conceptId: id, row: row.key, text });
      else if (first.row !== row.key) wordErrors()[chip.key] ??= `Already in the concept ${first.conceptId || '(unnamed)'} as “${first.text}”: a word means one concept.`;
    }
  }
  const problemCount = Object.values(errors).reduce((n, e) => n + (e.id ? 1 : 0) + (e.words ? 1 : 0) + Object.keys(e.word ?? {}).length, 0);
  return { errors, problemCount };
}

/** The resolver's `fields` ("concepts.2.words.0") mapped back onto the rows that were sent. */
export function errorsFromServer(sent: readonly ConceptRow[], fields: Readonly<Record<string, string>> | undefined): ConceptErrors {
  const errors: ConceptErrors = {};
  for (const [path, message] of Object.entries(fields ?? {})) {
    const [root, index, field, wordIndex] = path.split('.');
    const row = root === 'concepts' ? sent[Number(index)] : undefined;
    if (!row) continue;
    const entry = (errors[row.key] ??= {});
    if (field === 'id') entry.id = message;
    else if (field === 'words' && wordIndex !== undefined) {
      const chip = row.words[Number(wordIndex)];
      if (chip) (entry.word ??= {})[chip.key] = message;
    } else if (field === 'words') entry.words = message;
  }
  return errors;
}

/**
 * The person's edits laid over a list that changed since they loaded it (`loaded` → `fresh`): words the list
 * gained meanwhile join the person's concept of that name (unless they already have the word); concepts it
 * gained that the person has none of are added; what the person removed stays removed; the learned marks are
 * the fresh list's. Answers the rows and how many words or concepts came in.
 */
export function rebase(draft: readonly ConceptRow[], loaded: ConceptSettings, fresh: ConceptSettings): { rows: ConceptRow[]; added: number } {
  const loadedById = new Map(loaded.concepts.map((concept) => [concept.id, concept]));
  const rows = draft.map((row) => ({ ...row, words: [...row.words] }));
  let added = 0;
  for (const concept of fresh.concepts) {
    const learned = new Set(concept.learnedWords);
    const before = loadedById.get(concept.id);
    const mine = rows.find((row) => row.id.trim() === concept.id);
    if (!mine) {
      if (before) continue; // the person removed it
      rows.push({ key: nextKey++, id: concept.id, words: concept.words.map((word) => newChip(word, learned.has(word))) });
      added += 1;
      continue;
    }
    const had = new Set(mine.words.map((chip) => chip.text.trim().toLowerCase()));
    for (const word of concept.words) {
      if (before?.words.includes(word) || had.has(word.toLowerCase())) continue;
      mine.words.push(newChip(word, learned.has(word)));
      added += 1;
    }
    mine.words = mine.words.map((chip) => ({ ...chip, learned: learned.has(chip.text.trim()) }));
  }
  return { rows, added };
}

/** "csv ↔ spreadsheet: seen in 2 of 3 merges needed". */
export const describePair = (pair: { a: string; b: string; count: number }, needed: number): string =>
  `${pair.a} ↔ ${pair.b}: seen in ${pair.count} of ${needed} merges needed`;
