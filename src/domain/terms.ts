/**
 * The terms of a signal's text, for finding similar signals and clusters through the term index (`signal_term`,
 * `cluster_term`). Pure and deterministic: the same text always gives the same terms and weights, so indexing a
 * signal twice (outbox delivery is at least once) writes the same rows.
 *
 * - Lowercased (locale-independent) and NFKC-normalised, so "Ｅｘｐｏｒｔ" and "export" are one term.
 * - Split on anything that is not a Unicode letter or number (apostrophes inside words are dropped, so "can't"
 *   is "cant" and then a stop word).
 * - English stop words and single-character tokens are dropped: they are in every signal and only add noise.
 * - A light stemmer folds plurals and -ing / -ed endings ("exports", "exporting", "exported" → "export"); it is
 *   deliberately conservative — a wrong merge makes unrelated signals look alike, a missed one only costs recall.
 * - A term is at most MAX_TERM_LENGTH characters (the column is VARCHAR(64)); longer tokens are cut, not dropped.
 * - Weight is 1 + ln(term frequency): a word said five times matters more than once, but not five times more.
 * - At most MAX_TERMS_PER_SIGNAL terms, the heaviest (ties by term, for determinism): bounds the index rows per
 *   signal and the IN list of a similarity query.
 */

export const MAX_TERM_LENGTH = 64;
export const MAX_TERMS_PER_SIGNAL = 40;

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Common English words that say nothing about what a signal is about. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
but by can cannot cant could couldnt did didnt do does doesnt doing dont down during each either else etc even ever
every few for from further get gets got had hadnt has hasnt have havent having he hed hes her here hers herself him
himself his how however i id if ill im in into is isnt it its itself ive just let lets like may me might more most
much must mustnt my myself need no nor not now of off on once only or other our ours ourselves out over own per
please really same shant she shes should shouldnt so some still such than that thats the their theirs them
themselves then there theres these they theyd theyll theyre theyve this those though through thus to too under
until up upon us very via was wasnt we wed well were werent weve what whats when where which while who whom whose
why will with wont would wouldnt yet you youd youll youre youve your yours yourself yourselves`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

/** A run of letters, marks and numbers; apostrophes are removed before splitting. */
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
const APOSTROPHES = /['\u2019\u02bc]/gu;

/**
 * Folds plural, -ing and -ed endings. Only for tokens long enough that the rest is still a word ("bus", "red",
 * "sing" stay), and only for ASCII words: the rules are English ones.
 */
export function stem(token: string): string {
  if (!/^[a-z]+$/.test(token)) return token;
  let word = token;
  if (word.length > 4 && word.endsWith('ies')) word = `${word.slice(0, -3)}y`;
  else if (word.length > 4 && /(ss|x|ch|sh|z)es$/.test(word)) word = word.slice(0, -2);
  else if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) word = word.slice(0, -1);

  if (word.length > 5 && word.endsWith('ing')) word = undouble(word.slice(0, -3));
  else if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) word = undouble(word.slice(0, -2));
  return word;
}

/** "stopp" → "stop", "runn" → "run": the doubled consonant that -ing / -ed added. "ll", "ss", "zz" stay ("install"). */
function undouble(word: string): string {
  return /([b-df-hj-km-np-rtv-y])\1$/.test(word) && !/(ll|ss|zz)$/.test(word) ? word.slice(0, -1) : word;
}

/** The tokens of a text, in order, before stop words and stemming. */
export function tokenize(text: string): string[] {
  const normalised = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '');
  return normalised.match(TOKEN) ?? [];
}

/** Cuts a term to MAX_TERM_LENGTH code points without splitting a surrogate pair. */
function clip(term: string): string {
  if (term.length <= MAX_TERM_LENGTH) return term;
  const codePoints = Array.from(term);
  let clipped = '';
  for (const codePoint of codePoints) {
    if (clipped.length + codePoint.length > MAX_TERM_LENGTH) break;
    clipped += codePoint;
  }
  return clipped;
}

/** The weighted terms of a text (see the module comment), heaviest first; `stemmer` is `stem` unless given (signal features use `porterStem`). */
export function termsOf(text: string, maxTerms: number = MAX_TERMS_PER_SIGNAL, stemmer: (token: string) => string = stem): WeightedTerm[] {
  const counts = new Map<string, number>();
  for (const token of tokenize(text)) {
    if (token.length < 2 || STOP_WORDS.has(token)) continue;
    const term = clip(stemmer(token));
    // Stemming can land on a stop word ("using" → "us"); clipping can not, but checked once here for both.
    if (term.length < 2 || STOP_WORDS.has(term)) continue;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const weighted = [...counts].map(([term, count]) => ({ term, weight: 1 + Math.log(count) }));
  weighted.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return weighted.slice(0, Math.max(0, maxTerms));
}

/**
 * A stronger English stemmer for index terms (`signal-features.ts`): Porter's 1980 algorithm, after folding
 * British -ise spellings to -ize ("optimise", "optimisation" → "optim", like "optimize"). It folds derivations
 * the light `stem` leaves apart — "reminder"/"remind", "insurance"/"insurer", "notification"/"notify",
 * "caching"/"cache", "flaky"/"flakiness" — which is what lets two wordings of one need share a term. Stems are
 * index keys, not words to show ("insur", "cach"). Only for a–z words; others are returned as they are.
 */
export function porterStem(token: string): string {
  if (!/^[a-z]+$/.test(token) || token.length <= 2) return token;
  let w = token.replace(/is(ation|ations|e|es|ed|ing|er|ers)$/, 'iz$1');
  w = step1ab(w);
  if (w.length > 2) {
    // 1c: a y after a vowel-containing stem is an i ("happy" → "happi", like "happiness" → "happi").
    if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
    w = replaceSuffix(w, STEP2, 0);
    w = replaceSuffix(w, STEP3, 0);
    w = step4(w);
    w = step5(w);
  }
  return w;
}

const STEP2: ReadonlyArray<[string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'], ['alli', 'al'],
  ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'],
  ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: ReadonlyArray<[string, string]> = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

function isConsonant(w: string, i: number): boolean {
  const c = w[i]!;
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 || !isConsonant(w, i - 1);
  return true;
}

/** Porter's m: the number of vowel–consonant sequences in a stem. */
function measure(stem: string): number {
  let m = 0;
  let previousVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const vowel = !isConsonant(stem, i);
    if (!vowel && previousVowel) m++;
    previousVowel = vowel;
  }
  return m;
}

function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

/** *o: consonant–vowel–consonant at the end, the last not w, x or y ("hop", not "snow"). */
function endsCvc(w: string): boolean {
  const n = w.length;
  return n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) && !'wxy'.includes(w[n - 1]!);
}

function endsDoubleConsonant(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

function step1ab(word: string): string {
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);

  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    return w;
  }
  const suffix = w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : undefined;
  if (!suffix || !hasVowel(w.slice(0, -suffix.length))) return w;
  w = w.slice(0, -suffix.length);
  if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) return `${w}e`;
  if (endsDoubleConsonant(w) && !/[lsz]$/.test(w)) return w.slice(0, -1);
  if (measure(w) === 1 && endsCvc(w)) return `${w}e`;
  return w;
}

/** Replaces the first (longest listed) matching suffix when what stays has measure > `minMeasure`. */
function replaceSuffix(w: string, rules: ReadonlyArray<[string, string]>, minMeasure: number): string {
  for (const [suffix, replacement] of rules) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    return measure(stem) > minMeasure ? stem + replacement : w;
  }
  return w;
}

function step4(w: string): string {
  const suffix = [...STEP4].sort((a, b) => b.length - a.length).find((s) => w.endsWith(s));
  if (!suffix) return w;
  const stem = w.slice(0, -suffix.length);
  if (measure(stem) <= 1) return w;
  if (suffix === 'ion' && !/[st]$/.test(stem)) return w;
  return stem;
}

function step5(word: string): string {
  let w = word;
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem;
  }
  if (measure(w) > 1 && endsDoubleConsonant(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w;
}
