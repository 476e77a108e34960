/**
 * What a signal is about, as index terms: its words (`termsOf`) without the words every piece of feedback has,
 * plus one reserved term per concept it mentions (`~export`), so the SQL term index (`signal_term`,
 * `cluster_term`) and the offline in-memory index store concepts exactly like words.
 *
 * - FEEDBACK_WORDS are dropped: who said it ("customer", "client", "team"), how they asked ("want", "ask",
 *   "love", "add") and how they felt ("annoying"). They are in signals about everything, so sharing one says
 *   nothing about sharing a problem — and they are the category's cues (`category.ts`), not the topic's.
 * - Numbers, ordinals and amounts ("900", "2nd", "5k") are dropped: they say how much, not what about.
 * - Words are stemmed with Porter's algorithm (`root`, terms.ts `porterStem`): words with one root ("reminder",
 *   "remind"; "insurer", "insurance") are one term. A concept term weighs CONCEPT_WEIGHT × (1 + ln(how many times
 *   the text names the concept)).
 * - Time words ("morning", "hours", "every", "week") and light verbs ("take", "give", "keep", "show") are feedback
 *   words too: they say when or how much, in signals about anything.
 * - The customer's own name is dropped ("Dumpling Republic: the KDS drops tickets"): it says who said it, and two
 *   signals from one customer about different needs would otherwise share two words and join. Matched word by
 *   word on stems, so "dumpling republic" and "Dumpling Republic Ltd" both go; a customer named for what the
 *   product does ("Payroll Partners") loses that word too, which other customers' signals still carry.
 * - At most MAX_TERMS_PER_SIGNAL word terms plus MAX_CONCEPTS_PER_SIGNAL concept terms; every term ≤ 64
 *   characters (concept ids are ≤ 63 by the concept list's schema, and clipped here all the same).
 *
 * Pure and deterministic, so indexing a signal twice writes the same rows and the offline command's features are
 * intake's.
 */
import { conceptHits, conceptTerm, type ConceptList } from './concepts';
import { MAX_TERM_LENGTH, MAX_TERMS_PER_SIGNAL, porterStem, STOP_WORDS, termsOf, tokenize, type WeightedTerm } from './terms';

export const MAX_CONCEPTS_PER_SIGNAL = 10;
/** A concept term weighs this much more than a word named as often: it is what several wordings share. */
export const CONCEPT_WEIGHT = 1.5;

/**
 * The index key of a word: Porter's stem (`porterStem`), which folds derivational endings as well as
 * inflections — "approval" / "approve" → "approv", "reminder" / "remind" → "remind", "manually" / "manual" →
 * "manual", "optimisation" / "optimize" → "optim". The result is an index key, not a word to show.
 */
export function root(term: string): string {
  return porterStem(term);
}

/** Words that every kind of feedback has (matched as written and as their stem); never index terms. */
export const FEEDBACK_WORDS: ReadonlySet<string> = new Set(
  `customer client user people person team member staff folk colleague someone somebody anyone everyone everybody
want wish ask asked love lovely like nice great good bad awesome amazing terrible annoying annoy frustrating frustrat
add allow able ability option way feature request need needs idea suggestion thing stuff something anything everything
make use work time today tomorrow yesterday always sometimes often usually
again already also actually currently right now new old one two three four five lot lots bit little big small
thank thanks hi hello hey sorry issue problem help support said say says told tell think thought know seem seems
could should would will can may might must let get go going come see look looks want wants wanted wanting
us our we they them their ours product tool app system platform feature software
wrong broken bug buggy fix ad
day days week weeks month months year morning afternoon evening night minute minutes hour hours second seconds
last next every each per half whole january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
extra keep kept take takes took give gives gave put show shows showed`
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .flatMap((word) => [word, porterStem(word)]),
);

/** Numbers, ordinals and amounts ("900", "2nd", "5k", "3x"): they say how much, not what about. */
const NUMBER = /^\p{N}+(st|nd|rd|th|k|m|x)?$/u;

export interface SignalFeatures {
  /** Index terms, heaviest first (ties by term): words, then concept terms (`~id`) among them by weight. */
  terms: WeightedTerm[];
  /** The concept ids the text mentions, sorted. */
  concepts: string[];
}

const byWeightThenTerm = (a: WeightedTerm, b: WeightedTerm): number => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/**
 * The text without the words of the customer's name (matched as tokens and as stems), or the text itself when
 * it does not name them: what the signal says, not who said it.
 */
export function withoutCustomerName(text: string, customer: string | undefined): string {
  if (!customer) return text;
  const name = tokenize(customer).filter((token) => token.length > 1 && !STOP_WORDS.has(token));
  if (name.length === 0) return text;
  const nameWords = new Set([...name, ...name.map(root)]);
  const tokens = tokenize(text);
  const kept = tokens.filter((token) => !nameWords.has(token) && !nameWords.has(root(token)));
  return kept.length === tokens.length ? text : kept.join(' ');
}

/** The index terms and concepts of a signal's text (see the module comment); `customer` is who the signal is from. */
export function signalFeatures(text: string, concepts: ConceptList, customer?: string): SignalFeatures {
  text = withoutCustomerName(text, customer);
  const rooted = new Map<string, number>();
  for (const { term: key, weight } of termsOf(text, Number.MAX_SAFE_INTEGER, root)) {
    if (FEEDBACK_WORDS.has(key) || NUMBER.test(key)) continue;
    // Two words with one root ("approve", "approval") are one term, weighted by their summed count.
    const count = (rooted.get(key) ?? 0) + Math.round(Math.exp(weight - 1));
    rooted.set(key, count);
  }
  const words = [...rooted]
    .map(([term, count]) => ({ term, weight: 1 + Math.log(count) }))
    .sort(byWeightThenTerm)
    .slice(0, MAX_TERMS_PER_SIGNAL);
  const hits = conceptHits(text, concepts)
    .map(({ id, count }) => ({ term: conceptTerm(id).slice(0, MAX_TERM_LENGTH), weight: CONCEPT_WEIGHT * (1 + Math.log(count)) }))
    .sort(byWeightThenTerm)
    .slice(0, MAX_CONCEPTS_PER_SIGNAL);
  return {
    terms: [...words, ...hits].sort(byWeightThenTerm),
    concepts: hits.map(({ term }) => term.slice(1)).sort(),
  };
}

/**
 * The word people wrote for each index term of some texts ("invoic" → "invoices"): index terms are stems, made
 * to match, and a person reading a title or a reason should see words. For each term, the form the texts use
 * most often (ties: the shorter, then the first by code point). Terms the texts do not contain are absent.
 */
export function wordsOfTerms(texts: readonly string[]): Map<string, string> {
  const forms = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const token of tokenize(text)) {
      if (token.length < 2 || STOP_WORDS.has(token)) continue;
      const term = Array.from(root(token)).slice(0, MAX_TERM_LENGTH).join('');
      const counts = forms.get(term) ?? new Map<string, number>();
      counts.set(token, (counts.get(token) ?? 0) + 1);
      forms.set(term, counts);
    }
  }
  const words = new Map<string, string>();
  for (const [term, counts] of forms) {
    const [best] = [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (best) words.set(term, best[0]);
  }
  return words;
}
