/**
 * A suggested category for a signal (SIGNAL_CATEGORIES: request, pain point, confusion, bug, other), from cue
 * phrases — explainable (the words that drove it come back with it) and the same for every product, since the
 * cues are about how people speak, not about what the product does.
 *
 * - The text is normalised like the tokenizer's input (NFKC, lowercase, apostrophes dropped: "can't" → "cant")
 *   and each cue matches on word boundaries; a cue ending in `*` matches any word starting with it.
 * - Each category sums the weights of its cues found (a cue counts once). Bug cues weigh most (a report of
 *   something broken is what matters first, even if it ends "please fix"); an explicit ask ("can you add",
 *   "would love") outweighs a described effort ("manually", "by hand"), since the effort is usually the reason
 *   for the ask; confusion cues are questions about the product as it is.
 * - A text that opens with an order ("Sync…", "Export…", "Add…") counts as an explicit ask (3).
 * - Effort described beside an explicit ask (a request cue of weight ≥ 2.5) is the reason for the ask, so the
 *   request is lifted to the pain point's sum (and wins the tie): pain-point is what people say when they only
 *   describe the effort ("every week we have to…").
 * - The same for effort beside a clear fault (a bug cue of weight 3): "…took all of Monday" is the bug's cost.
 * - The highest sum wins; ties go bug > confusion > request > pain-point. No cue: `other`.
 * - confidence = best / (best + second best + 1): one weak cue ≈ 0.5, several agreeing cues → towards 1, cues of
 *   two categories in balance ≈ 1/2 or less. `other` has confidence 0.5 (nothing said otherwise, nothing said it).
 */
import type { SignalCategory } from './signals';

interface Cue {
  phrase: string;
  weight: number;
}

const cues = (weight: number, phrases: string): Cue[] =>
  phrases
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((phrase) => ({ phrase, weight }));

/** The cue phrases, per category (normalised: lowercase, no apostrophes). */
export const CATEGORY_CUES: Readonly<Record<Exclude<SignalCategory, 'other'>, readonly Cue[]>> = {
  bug: [
    ...cues(3, 'broken|broke|bug|bugs|buggy|error|errors|crash*|fails|failed|failing|failure|doesnt work|does not work|didnt work|not working|stopped working|no longer works|wrong total|wrong amount|wrong|incorrect*|glitch*|regression|500 error|502|504|exception|blank page|blank screen'),
    ...cues(3, 'fail|ran twice|run twice|runs twice|charged twice|sent twice|arrive twice|does nothing|nothing happens|already expired'),
    ...cues(2, 'duplicate|duplicated|duplicates|drops|dropped|flooded|missing|stuck|loop|freez*|never went out|never arrived|never sent|went missing|disappear*|missing from|not showing|doesnt show|does not show|doesnt load|wont load|cant log in|cannot log in|timed out|time out|times out|expired before|still worked|still works|even though|should not|shouldnt|instead of the|mismatch*|different fee|different total|different amount|rejected|declined|corrupt*|lost|went to a|went to the'),
    ...cues(1.5, 'twice|expired|cannot|cant|did not|didnt|blank|works fine in|should be|off from|off by|appear as|appears as|shows up as|a day early|day earlier|too early|too late|429|429s|500|503'),
  ],
  confusion: [
    ...cues(3, 'how do i|how do we|how can i|how can we|how to|is it possible|is there a way|thought it would|we thought|i thought|cant find|cannot find|couldnt find|where is|where do|where can|confus*|unclear|not sure|dont understand|do not understand|didnt understand|what does|what is the difference|why does|why is|supposed to|am i missing|are we missing'),
    ...cues(3, 'why do|why are|asking why|asked why|asked what|what do|what happens|did it go through|does that mean'),
    ...cues(1.5, 'expected it to|we expected|i expected|not obvious|hard to find|no idea|means'),
  ],
  request: [
    ...cues(3, 'would love|wed love|would like|wed like|can you add|could you add|please add|need a way|we need|they need|need to be able|want to be able|would be nice|would be great|would be lovely|would be helpful|it would help|wish|feature request|any plans|on your roadmap|on the roadmap|could you support|can you support|please support|support for|let us|let them|allow us|allow them|ability to|option to|could we|can we get|could invoices|could it|could an|could the|could you|now need|requires|require|before we can|should be able|would be easier|would make|would save|want to|wants to|want a|want an'),
    ...cues(2.5, 'want|wants|can i|can we|will you|do you support|do you offer|is that possible|any chance|asked if|asked for|asked whether|asking about|asking if|asking whether|must have|needed|would help|would really help|would switch|prefer|prefers'),
    ...cues(2, 'ask for|asks for|asking for|keep asking|need|needs|please sync|add a|add an|instead of emailing|should'),
    ...cues(2, 'could|asked|asking'),
    ...cues(1, 'please'),
  ],
  'pain-point': [
    ...cues(2.5, 'takes forever|took forever|manually|by hand|every week we have to|every month we have to|one by one|tedious|painful|time consuming|waste of time|wasting|re keys|rekey*|re key*|copy and paste|copy paste|workaround|took all|takes hours|takes days|spends|spend hours|spend days|two days|whole day|an afternoon|all of monday|in a spreadsheet'),
    ...cues(2, 'every one of|manual|not happy|grumbl*|complain*|spending|most manual'),
    ...cues(1.5, 'slow|every week|every month|every time|each time|each month|each week|took|costing us|costs us|embarrass*|annoy*|frustrat*|hours|have to'),
  ],
};

/** First words that make a sentence an ask ("Sync due dates…", "Export payouts…"). */
const IMPERATIVE_OPENINGS: ReadonlySet<string> = new Set(
  'add allow sync export import integrate support show let enable provide offer give include make translate send connect automate'.split(' '),
);

const cueWeight = (category: Exclude<SignalCategory, 'other'>, phrase: string): number =>
  phrase === '' ? 0 : (CATEGORY_CUES[category].find((c) => c.phrase === phrase)?.weight ?? (IMPERATIVE_OPENINGS.has(phrase) ? 3 : 0));

const TIE_ORDER: readonly SignalCategory[] = ['bug', 'confusion', 'request', 'pain-point'];

export interface CategorySuggestion {
  category: SignalCategory;
  /** The cue phrases found that drove the winning category, in the order of the text. */
  words: string[];
  /** In [0, 1]; see the module comment. */
  confidence: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression per cue, compiled once: word boundaries on letters and numbers of any script. */
const COMPILED: ReadonlyArray<{ category: Exclude<SignalCategory, 'other'>; cue: Cue; re: RegExp }> = (
  Object.entries(CATEGORY_CUES) as Array<[Exclude<SignalCategory, 'other'>, readonly Cue[]]>
).flatMap(([category, list]) =>
  list.map((cue) => {
    const prefix = cue.phrase.endsWith('*');
    const body = escape(prefix ? cue.phrase.slice(0, -1) : cue.phrase).replace(/ /g, '[^\\p{L}\\p{N}]+');
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`, 'u');
    return { category, cue, re };
  }),
);

/** NFKC, lowercase, apostrophes dropped, hyphens as spaces ("re-keys" → "re keys"). */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/['\u2019\u02bc]/gu, '').replace(/[-\u2010-\u2015]/gu, ' ');
}

/** The suggested category of a signal's text, the cue phrases behind it, and how sure (see the module comment). */
export function suggestCategory(text: string): CategorySuggestion {
  const normalised = normalise(text);
  const scores = new Map<SignalCategory, number>();
  const found = new Map<SignalCategory, Array<{ at: number; word: string; phrase: string }>>();
  for (const { category, cue, re } of COMPILED) {
    const match = re.exec(normalised);
    if (!match) continue;
    const list = found.get(category) ?? [];
    // A cue inside a longer cue of the same category already found ("need" in "we need") counts once.
    if (list.some((f) => f.at <= match.index && match.index + match[0].length <= f.at + f.word.length)) continue;
    for (let i = list.length - 1; i >= 0; i--) {
      const f = list[i]!;
      if (match.index <= f.at && f.at + f.word.length <= match.index + match[0].length) {
        scores.set(category, (scores.get(category) ?? 0) - (CATEGORY_CUES[category as Exclude<SignalCategory, 'other'>].find((c) => c.phrase === f.phrase)?.weight ?? 0));
        list.splice(i, 1);
      }
    }
    list.push({ at: match.index, word: match[0], phrase: cue.phrase });
    found.set(category, list);
    scores.set(category, (scores.get(category) ?? 0) + cue.weight);
  }
  // A request phrased as an order: "Sync due dates with…", "Export payouts to…".
  const opening = /^[^\p{L}\p{N}]*([\p{L}]+)/u.exec(normalised)?.[1];
  if (opening && IMPERATIVE_OPENINGS.has(opening) && !(found.get('request') ?? []).some((f) => f.at === 0)) {
    scores.set('request', (scores.get('request') ?? 0) + 3);
    found.set('request', [...(found.get('request') ?? []), { at: 0, word: opening, phrase: opening }]);
  }
  // Effort described beside an explicit ask is the reason for the ask: the ask is the category.
  // Likewise effort beside a clear fault ("matched to the wrong invoice… took all of Monday") is the fault's cost.
  for (const [category, strong] of [['request', 2.5], ['bug', 3]] as const) {
    if ((scores.get('pain-point') ?? 0) > (scores.get(category) ?? 0) && (found.get(category) ?? []).some((f) => cueWeight(category, f.phrase) >= strong)) {
      scores.set(category, scores.get('pain-point')!);
    }
  }
  const ranked = TIE_ORDER.map((category) => ({ category, score: scores.get(category) ?? 0 }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || TIE_ORDER.indexOf(a.category) - TIE_ORDER.indexOf(b.category));
  const best = ranked[0];
  if (!best) return { category: 'other', words: [], confidence: 0.5 };
  const second = ranked[1]?.score ?? 0;
  const words = (found.get(best.category) ?? []).sort((a, b) => a.at - b.at).map((f) => f.word);
  return { category: best.category, words, confidence: Math.round((best.score / (best.score + second + 1)) * 1000) / 1000 };
}
