/**
 * A suggested category for a signal (SIGNAL_CATEGORIES: request, pain point, confusion, bug, other), from how the
 * sentence is said — explainable (the words that drove it come back with it) and the same for every product,
 * since the cues are about how people speak ("can you add", "keeps failing", "how do I", "takes ages", "renewal"),
 * not about what the product does.
 *
 * - The text is normalised like the tokenizer's input (NFKC, lowercase, apostrophes dropped: "can't" → "cant")
 *   and each cue matches on word boundaries; a cue ending in `*` matches any word starting with it.
 * - Each category sums the weights of its cues found (a cue counts once; a cue inside a longer cue of the same
 *   category counts once). Bug cues weigh most (a report of something broken is what matters first, even if it
 *   ends "please fix"); an explicit ask ("can you add", "would love") outweighs a described effort ("manually",
 *   "by hand"), since the effort is usually the reason for the ask.
 * - Sentence structure adds cues of its own (`structuralCues`): a sentence that opens with a verb in the
 *   imperative ("Sync…", "Track…", "Automatically ask…") is an ask (3); a question that opens with a question word
 *   or an auxiliary ("How long…?", "Is SSO included…?", "Can one vet…?") asks about the product as it is
 *   (confusion, 3 or 2.5), unless it asks the vendor to do something ("Can you…?", "Could you…?": a request cue);
 *   a stated duration ("10 seconds", "2 hours") is an effort or a wait (pain point).
 * - `other` has cues too: praise, pricing and renewal talk, churn, and scheduling noise ("call moved to Friday").
 * - Effort described beside an explicit ask (a request cue of weight ≥ 2.5) is the reason for the ask, so the
 *   request is lifted to the pain point's sum (and wins the tie); likewise effort beside a clear fault (a bug cue
 *   of weight ≥ 3) is the fault's cost.
 * - The highest sum wins; ties go bug > confusion > request > pain-point > other.
 * - No cue at all: `request` with no words and confidence 0.3 — feedback that names a thing without saying
 *   anything about it ("Dark theme for the pipeline view.", "Vipps for Norway") is, far more often than not,
 *   someone asking for it; a low confidence says it is a guess. A text with no letter or number is `other`.
 * - confidence = best / (best + second best + 1): one weak cue ≈ 0.5, several agreeing cues → towards 1, cues of
 *   two categories in balance ≈ 1/2 or less.
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
export const CATEGORY_CUES: Readonly<Record<SignalCategory, readonly Cue[]>> = {
  bug: [
    ...cues(3, 'broken|broke|bug|bugs|buggy|error|errors|crash*|fails|failed|failing|failure|doesnt work|does not work|didnt work|not working|stopped working|no longer works|no longer work|wrong total|wrong amount|wrong|incorrect*|glitch*|regression|500 error|502|504|exception|blank page|blank screen'),
    ...cues(3, 'fail|ran twice|run twice|runs twice|charged twice|sent twice|arrive twice|does nothing|nothing happens|already expired|keeps failing|keep failing|keeps crashing|not found|page not found|404|cuts it off|cut off|cuts off|truncat*'),
    ...cues(3, 'after the latest update|after the last update|after the update|after the latest release|after the last release|since the update|since the last update|since the latest update|since the release|since the last release|started after|started happening|since this morning|since yesterday|since last week|since monday|since tuesday|since wednesday|since thursday|since friday'),
    ...cues(2, 'duplicate|duplicated|duplicates|drops|dropped|flooded|missing|stuck|loop|freez*|never went out|never arrived|never arrive|never sent|never upload*|never load*|never show*|never appear*|never end*|never finish*|never sync*|never came|never comes|went missing|disappear*|vanish*|missing from|not showing|doesnt show|does not show|doesnt load|wont load|cant log in|cannot log in|timed out|time out|times out|expired before|still worked|still works|even though|even after|should not|shouldnt|should only|instead of the|mismatch*|different fee|different total|different amount|rejected|declined|corrupt*|lost|went to a|went to the|ignored|ignores|ignoring|logged out|logs us out|logs them out|stays pending|stays on|stay on|still says|still shows|still showing|third time|second time|keeps happening|drains|draining|overheat*|not reported|not included|not used|not saved|not applied|not restored|not updated|not sent|not delivered|not triggered|reverted|resets|reset itself'),
    ...cues(1.5, 'twice|expired|cannot|cant|did not|didnt|blank|works fine in|should be|off from|off by|appear as|appears as|shows up as|shows up in|show up in|showing up in|showed it as|shows it as|a day early|day earlier|too early|too late|an hour late|an hour early|429|429s|500|503|last night|overnight|yesterday|this morning|again'),
  ],
  confusion: [
    ...cues(3, 'how do i|how do we|how do you|how can i|how can we|how to|is it possible|is there a way|is there any way|thought it would|we thought|i thought|cant find|cannot find|couldnt find|where is|where do|where can|confus*|unclear|not sure|dont understand|do not understand|didnt understand|what does|what is the difference|why does|why is|supposed to|am i missing|are we missing'),
    ...cues(3, 'why do|why are|asking why|asked why|asked what|what do|what happens|did it go through|does that mean|what counts|how long|how many|how much does|what is included|is it included|thought that was|thought this was|doesnt say|does not say|doesnt explain|no explanation'),
    ...cues(1.5, 'expected it to|we expected|i expected|not obvious|hard to find|no idea|means|or not|included in'),
  ],
  request: [
    ...cues(3, 'would love|wed love|would like|wed like|can you add|could you add|please add|need a way|we need|they need|need to be able|want to be able|would be nice|would be great|would be lovely|would be helpful|it would help|wish|feature request|any plans|on your roadmap|on the roadmap|could you support|can you support|please support|support for|let us|let them|allow us|allow them|ability to|option to|could we|can we get|could invoices|could it|could an|could the|could you|can you|will you|would you|now need|requires|require|before we can|should be able|would be easier|would make|would save|want to|wants to|want a|want an|must have|must be able|hard requirement|top ask|main ask|biggest ask|is a must|would pay|every competitor|competitors have|competitor has'),
    ...cues(2.5, 'want|wants|can i|can we|do you support|do you offer|is that possible|any chance|asked if|asked for|asked whether|asking about|asking if|asking whether|needed|would help|would really help|would switch|prefer|prefers|requirement|in one go'),
    ...cues(2, 'ask for|asks for|asking for|keep asking|need|needs|please sync|add a|add an|instead of emailing|should'),
    ...cues(2, 'could|asked|asking'),
    ...cues(1.5, 'instead of|so that|so we can|so they can|so i can|so we dont|so people|automatically|automatic'),
    ...cues(2, 'please'),
  ],
  'pain-point': [
    ...cues(2.5, 'takes forever|took forever|takes ages|took ages|takes a long time|takes so long|takes too long|manually|by hand|every week we have to|every month we have to|one by one|tedious|painful|time consuming|waste of time|wasting|wasted|wastes|re keys|rekey*|re key*|re type*|retype*|re enter*|copy and paste|copy paste|workaround|took all|takes hours|takes days|takes minutes|spends|spend hours|spend days|two days|whole day|whole evening|whole morning|half the day|an afternoon|all of monday|in a spreadsheet|in spreadsheets|in a notebook|on paper|on a whiteboard|back to a whiteboard|gone back to|went back to|nobody has time|no time to'),
    ...cues(2, 'every one of|manual|not happy|grumbl*|complain*|spending|most manual|sluggish|struggle*|killing|for nothing|over and over|stopped trusting|dont trust|do not trust|constantly|from scratch|types|typed|typing|copies|copying|chasing|chase'),
    ...cues(1.5, 'slow|every week|every month|every time|each time|each month|each week|every morning|every evening|every day|every night|every build|every commit|every run|all day|took|costing us|costs us|embarrass*|annoy*|frustrat*|hours|have to|has to|had to|spinner|scattered|burning|by the time|still'),
  ],
  other: [
    ...cues(3, 'renewal|renew|renewing|churn*|discount|price increase|case study|procurement|multi year|rumour|rumor|no comment|please ignore|test test|nothing to action|no action needed|pushing back'),
    ...cues(2.5, 'happy with|very happy|so happy|love the|love it|loves it|loved it|brilliant|best thing|great job|well done|thank you|thanks for|kudos|went smoothly|impressed|competitor*|evaluating'),
    ...cues(2, 'pricing|overage|moved to|pushed to|rescheduled|postponed|call moved|meeting moved|conference|trade show|met the|met with|nice people|catch up|caught up|fyi|no ask'),
  ],
};

/**
 * Verbs that open a sentence in the imperative ("Track driving hours…", "Print a day sheet…"): an ask. Words that
 * open sentences as nouns as often as verbs ("build", "report", "order", "update", "test") are left out.
 */
const IMPERATIVE_VERBS: ReadonlySet<string> = new Set(
  `add allow sync export import integrate support show let enable provide offer give include make translate send connect
automate track record warn scan print take plan share notify alert remind display hide remove delete archive merge split
assign link attach upload download save keep set rename move copy schedule generate calculate validate check flag
mark highlight bring expose surface group sort filter search find limit cap block stop prevent require ask suggest
tell prefill fill lock unlock restrict publish embed customise customize configure
default detect quarantine retry rerun skip pause resume reorder optimise optimize estimate forecast predict
preview approve reject sign collect capture`.split(/\s+/),
);

/** Words that, opening a sentence, turn the imperative after them into an ask too ("Automatically ask…", "Only build…"). */
const ASK_ADVERBS: ReadonlySet<string> = new Set('automatically auto only also just please'.split(' '));
/** After an ask adverb the verb is clear, so the verbs that are as often nouns count too ("Only build…"). */
const VERBS_AFTER_ADVERB: ReadonlySet<string> = new Set([...IMPERATIVE_VERBS, ...'build run report test update order log cache process deploy'.split(' ')]);
/** A second word that makes the first a subject, not an imperative ("Sync is broken", "Export keeps failing"). */
const NOT_IMPERATIVE_AFTER: ReadonlySet<string> = new Set(
  'is are was were has have had keeps kept does doesnt did didnt not never fails stopped stops will wont can cant should of'.split(' '),
);
/** An imperative opening weighs a little more than one explicit cue: it is the sentence's own verb. */
const IMPERATIVE_WEIGHT = 3.5;
/** "stops syncing", "stopped loading": something that worked no longer does. */
const STOPPED = /(?<![\p{L}\p{N}])(?:stops|stopped) [\p{L}]+ing(?![\p{L}\p{N}])/u;

/** Question words and auxiliaries that open a question about the product as it is. */
const QUESTION_WORDS: ReadonlySet<string> = new Set('how why what where which who whats'.split(' '));
const AUXILIARIES: ReadonlySet<string> = new Set('is are does do did was were has have should will am isnt arent doesnt dont'.split(' '));
/**
 * "Can…?" / "Could…?" questions are as often asks ("Could reminders be sent on WhatsApp?") as questions about the
 * product ("Can one vet belong to two locations?"): a weak confusion cue that any request cue outweighs.
 */
const MODALS: ReadonlySet<string> = new Set('can could'.split(' '));
/** After an auxiliary, these make the question an ask of the vendor ("Can you…", "Could we get…"), not confusion. */
const ASKING_SUBJECTS: ReadonlySet<string> = new Set('you u'.split(' '));

const TIE_ORDER: readonly SignalCategory[] = ['bug', 'confusion', 'request', 'pain-point', 'other'];

export interface CategorySuggestion {
  category: SignalCategory;
  /** The cue phrases found that drove the winning category, in the order of the text. */
  words: string[];
  /** In [0, 1]; see the module comment. */
  confidence: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One regular expression per cue, compiled once: word boundaries on letters and numbers of any script. Each cue
 * also keeps its first word (`lead`; undefined when the first word is itself a prefix, "crash*"), so a text is
 * only searched for the cues whose first word it has: most of the several hundred cues are skipped at once.
 */
const COMPILED: ReadonlyArray<{ category: SignalCategory; cue: Cue; re: RegExp; lead: string | undefined }> = (
  Object.entries(CATEGORY_CUES) as Array<[SignalCategory, readonly Cue[]]>
).flatMap(([category, list]) =>
  list.map((cue) => {
    const prefix = cue.phrase.endsWith('*');
    const body = escape(prefix ? cue.phrase.slice(0, -1) : cue.phrase).replace(/ /g, '[^\\p{L}\\p{N}]+');
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`, 'u');
    const words = cue.phrase.split(' ');
    const lead = prefix && words.length === 1 ? undefined : words[0];
    return { category, cue, re, lead };
  }),
);

/** NFKC, lowercase, apostrophes dropped, hyphens as spaces ("re-keys" → "re keys"). */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/['\u2019\u02bc]/gu, '').replace(/[-\u2010-\u2015]/gu, ' ');
}

interface Found {
  /** Where in the normalised text, and how many characters of it. */
  at: number;
  span: number;
  /** What to show: the text itself, or for a question "how …?". */
  word: string;
  weight: number;
}

/** A stated duration ("10+ seconds", "2 hours", "25 minutes"): how long something takes or someone spends. */
const DURATION = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)?\+?\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)(?![\p{L}\p{N}])/u;

/**
 * Cues from sentence structure (see the module comment), each with where it is in the text. A sentence's opening
 * skips a leading "Name:" or "Subject:" label, as in call notes ("nordlys: can invoices…").
 */
function structuralCues(normalised: string): Array<{ category: SignalCategory; found: Found }> {
  const out: Array<{ category: SignalCategory; found: Found }> = [];
  const sentence = /[^.!?\n]+[.!?\n]*/gu;
  let question = false;
  let ask = false;
  for (let match = sentence.exec(normalised); match; match = sentence.exec(normalised)) {
    const text = match[0];
    const label = /^[^\p{L}\p{N}]*(?:[\p{L}\p{N}&]+[^\p{L}\p{N}:]*){0,3}:\s*/u.exec(text);
    const offset = match.index + (label ? label[0].length : 0);
    const words = normalised.slice(offset, match.index + text.length).match(/[\p{L}\p{N}]+/gu) ?? [];
    const [first, second] = words;
    if (!first) continue;
    const at = normalised.indexOf(first, offset);
    if (text.includes('?') && !question) {
      if (QUESTION_WORDS.has(first)) {
        out.push({ category: 'confusion', found: { at, span: first.length, word: `${first} …?`, weight: 3 } });
        question = true;
      } else if ((AUXILIARIES.has(first) || MODALS.has(first)) && second !== undefined && !ASKING_SUBJECTS.has(second)) {
        out.push({ category: 'confusion', found: { at, span: first.length, word: `${first} ${second} …?`, weight: MODALS.has(first) ? 1.5 : 2.5 } });
        question = true;
      }
    } else if (!text.includes('?') && !ask) {
      const adverb = ASK_ADVERBS.has(first) && second !== undefined;
      const verb = adverb ? second : first;
      const next = adverb ? words[2] : second;
      const imperative = adverb ? VERBS_AFTER_ADVERB.has(verb) : IMPERATIVE_VERBS.has(verb);
      if (imperative && !(next !== undefined && NOT_IMPERATIVE_AFTER.has(next))) {
        const word = adverb ? `${first} ${verb}` : first;
        out.push({ category: 'request', found: { at, span: word.length, word, weight: IMPERATIVE_WEIGHT } });
        ask = true;
      }
    }
  }
  const stopped = STOPPED.exec(normalised);
  if (stopped) out.push({ category: 'bug', found: { at: stopped.index, span: stopped[0].length, word: stopped[0], weight: 2 } });
  const duration = DURATION.exec(normalised);
  if (duration) out.push({ category: 'pain-point', found: { at: duration.index, span: duration[0].length, word: duration[0], weight: 1.5 } });
  return out;
}

/** The suggested category of a signal's text, the cue phrases behind it, and how sure (see the module comment). */
export function suggestCategory(text: string): CategorySuggestion {
  const normalised = normalise(text);
  const found = new Map<SignalCategory, Found[]>();
  const tokens = new Set(normalised.match(/[\p{L}\p{N}]+/gu) ?? []);
  for (const { category, cue, re, lead } of COMPILED) {
    if (lead !== undefined && !tokens.has(lead)) continue;
    const match = re.exec(normalised);
    if (!match) continue;
    const list = found.get(category) ?? [];
    // A cue inside a longer cue of the same category already found ("need" in "we need") counts once.
    if (list.some((f) => f.at <= match.index && match.index + match[0].length <= f.at + f.span)) continue;
    const kept = list.filter((f) => !(match.index <= f.at && f.at + f.span <= match.index + match[0].length));
    kept.push({ at: match.index, span: match[0].length, word: match[0], weight: cue.weight });
    found.set(category, kept);
  }
  for (const { category, found: cue } of structuralCues(normalised)) {
    const list = found.get(category) ?? [];
    // The opening is already a cue of this category ("Let us…" is a request cue): counted once, at the larger weight.
    const same = list.find((f) => f.at < cue.at + cue.span && cue.at < f.at + f.span);
    if (same) {
      same.weight = Math.max(same.weight, cue.weight);
      if (cue.span > same.span) Object.assign(same, { at: cue.at, span: cue.span, word: cue.word });
    }
    else found.set(category, [...list, cue]);
  }
  const scores = new Map<SignalCategory, number>();
  for (const [category, list] of found) scores.set(category, list.reduce((sum, f) => sum + f.weight, 0));

  // Effort described beside an explicit ask is the reason for the ask: the ask is the category.
  // Likewise effort beside a clear fault ("matched to the wrong invoice… took all of Monday") is the fault's cost.
  for (const [category, strong] of [['request', 2.5], ['bug', 3]] as const) {
    if ((scores.get('pain-point') ?? 0) > (scores.get(category) ?? 0) && (found.get(category) ?? []).some((f) => f.weight >= strong)) {
      scores.set(category, scores.get('pain-point')!);
    }
  }
  const ranked = TIE_ORDER.map((category) => ({ category, score: scores.get(category) ?? 0 }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || TIE_ORDER.indexOf(a.category) - TIE_ORDER.indexOf(b.category));
  const best = ranked[0];
  if (!best) {
    // Nothing said at all (no letter or number) is not an ask.
    if (!/[\p{L}\p{N}]/u.test(normalised)) return { category: 'other', words: [], confidence: 0.5 };
    return { category: 'request', words: [], confidence: NO_CUE_CONFIDENCE };
  }
  const second = ranked[1]?.score ?? 0;
  const words = [...(found.get(best.category) ?? [])].sort((a, b) => a.at - b.at).map((f) => f.word);
  return { category: best.category, words, confidence: Math.round((best.score / (best.score + second + 1)) * 1000) / 1000 };
}

/** The confidence of the no-cue guess (`request`): below any suggestion a cue supports. */
export const NO_CUE_CONFIDENCE = 0.3;
