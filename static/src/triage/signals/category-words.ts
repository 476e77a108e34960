/**
 * The words that drove a suggested category, found again in the signal's own text so the Inbox can mark them.
 *
 * The category engine reports its cue words from a normalised copy of the text (lowercase, apostrophes dropped,
 * hyphens as spaces: "Can't re-key" → "cant re key"), so a plain search of the original text misses "can't" and
 * "re-key". Here the original text is normalised the same way one character at a time, keeping where each
 * normalised character came from; the cue words are searched on word boundaries in that copy and the matches
 * are mapped back to the original characters. Pure: no React, no DOM (unit-tested in
 * test/unit/signal-inbox-highlight.test.ts).
 */

export interface TextSegment {
  text: string;
  /** One of the category's cue words. */
  marked: boolean;
}

const APOSTROPHES = /['\u2019\u02bc]/u;
const HYPHENS = /[-\u2010-\u2015]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The normalised text and, for each of its characters, the index of the original character it came from. */
function normaliseWithOrigins(text: string): { normalised: string; origins: number[] } {
  let normalised = '';
  const origins: number[] = [];
  let index = 0;
  for (const char of text) {
    const width = char.length;
    if (!APOSTROPHES.test(char)) {
      const mapped = HYPHENS.test(char) ? ' ' : char.normalize('NFKC').toLowerCase();
      for (const piece of mapped) {
        normalised += piece;
        for (let i = 0; i < piece.length; i++) origins.push(index);
      }
    }
    index += width;
  }
  return { normalised, origins };
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A cue word as a pattern over the normalised text: whole words, any run of separators between them. */
function cuePattern(word: string): RegExp | null {
  const { normalised } = normaliseWithOrigins(word.trim());
  const parts = normalised.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length > 0);
  if (parts.length === 0) return null;
  const body = parts.map(escapeRegExp).join('[^\\p{L}\\p{N}]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'gu');
}

/** Character ranges [start, end) of the original text, merged where they touch or overlap. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** The end (exclusive) in the original text of the character a normalised index came from. */
function originalEnd(text: string, origin: number): number {
  const code = text.codePointAt(origin);
  return origin + (code !== undefined && code > 0xffff ? 2 : 1);
}

/**
 * The text cut into segments, the cue words' occurrences `marked` (every occurrence, on word boundaries, in any
 * case, with or without apostrophes and hyphens). Joined back together, the segments are the text unchanged.
 */
export function markCategoryWords(text: string, words: readonly string[]): TextSegment[] {
  if (text.length === 0) return [];
  const { normalised, origins } = normaliseWithOrigins(text);
  const ranges: Array<[number, number]> = [];
  for (const word of new Set(words)) {
    const pattern = cuePattern(word);
    if (!pattern) continue;
    for (const match of normalised.matchAll(pattern)) {
      const first = origins[match.index];
      const last = origins[match.index + match[0].length - 1];
      if (first === undefined || last === undefined) continue;
      ranges.push([first, originalEnd(text, last)]);
    }
  }
  const segments: TextSegment[] = [];
  let at = 0;
  for (const [start, end] of mergeRanges(ranges)) {
    if (start > at) segments.push({ text: text.slice(at, start), marked: false });
    segments.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false });
  return segments;
}

/** Whether a character is part of a word (exported for the tests' property: marks start and end on words). */
export const isWordCharacter = (char: string): boolean => WORD_CHAR.test(char);
