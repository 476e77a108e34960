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
 * - Sentence forms (`CATEGORY_FORMS`, src/domain/category-forms.ts) are cues that need a pattern rather than a
 *   phrase: a question asked on someone's behalf ("asked whether…", "wants to know if…") or a belief that may be
 *   wrong ("they assumed…", "didnt realise you could…") is confusion, unless it asks the vendor ("asked if we could
 *   add…": request); a negation of something a product does ("arent getting", "didnt arrive"), a value that cannot
 *   be right ("shows £0"), data in the wrong place ("on the wrong day"), "still" after it should have stopped,
 *   "anymore" are a fault; a task that costs another ("means entering…"), calls the product causes ("ring to
 *   check…"), a chore per item ("has to be done twice") are a pain point. A capability question ("can we…?",
 *   "do you support…?", "is that possible?") is confusion; asking about plans ("any plans…", "on the roadmap") is
 *   a request. Bugs told in plain words have forms of their own: a change named as the moment it began ("since the
 *   printer firmware update"), two figures that should agree ("says 4,210 … but the settlement was 4,390"), one
 *   period's data in another's, a setting on and not obeyed, "still orderable", "used to send", "go missing",
 *   "counted twice", "only 40 of the 60"; and so do pain points told as time, waiting and workarounds ("for ages",
 *   "waiting for the import to finish", "go back to paper", "takes her a whole day", "chasing failed payments",
 *   "emails from parents asking what…"), where a fault word inside ("failed", "wrong", "error") is the work, not
 *   the fault.
 * - A cue inside a longer cue of another category is read as part of it and dropped ("wants" in "wants to know",
 *   "please" in "please check", "lost" in "lost a deal").
 * - `other` has cues too: praise, pricing and renewal talk, churn, and scheduling noise ("call moved to Friday").
 * - Effort described beside an explicit ask (a request cue of weight ≥ 2.5) is the reason for the ask, so the
 *   request is lifted to the pain point's sum (and wins the tie); likewise effort beside a clear fault (a bug cue
 *   of weight ≥ 3) is the fault's cost.
 * - The highest sum wins; ties go bug > confusion > request > pain-point > other.
 * - No cue at all: the sentence's shape (`noCueShape`), at confidence 0.3: people doing a chore as a routine
 *   ("the office prints the list…") is a pain point, an event told as it happened ("jobs are appearing on
 *   Sunday") a bug; otherwise `request` with no words — feedback that names a thing without saying anything about
 *   it ("Dark theme for the pipeline view.", "Vipps for Norway") is, far more often than not, someone asking for
 *   it; a low confidence says it is a guess. A text with no letter or number is `other`.
 * - confidence = best / (best + second best + 1): one weak cue ≈ 0.5, several agreeing cues → towards 1, cues of
 *   two categories in balance ≈ 1/2 or less.
 */
import { CATEGORY_FORMS, noCueShape } from './category-forms';
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
    ...cues(3, 'broken|broke|bug|bugs|buggy|error|errors|crash*|fails|failed|failing|failure|doesnt work|does not work|didnt work|not working|stopped working|no longer works|no longer work|wrong total|wrong amount|wrong|incorrect*|glitch*|regression|500 error|502|504|exception|blank page|blank screen|white screen|white page|black screen|grey screen|gray screen'),
    ...cues(3, 'fail|ran twice|run twice|runs twice|charged twice|sent twice|arrive twice|does nothing|nothing happens|already expired|keeps failing|keep failing|keeps crashing|not found|page not found|404|cuts it off|cuts off|truncat*'),
    ...cues(3, 'after the latest update|after the last update|after the update|after the latest release|after the last release|since the update|since the last update|since the latest update|since the release|since the last release|started after|started happening|since this morning|since yesterday|since last week|since monday|since tuesday|since wednesday|since thursday|since friday'),
    ...cues(2, 'duplicate|duplicated|duplicates|drops|dropped|missing|stuck|in a loop|looping|infinite loop|redirect loop|freez*|never went out|never arrived|never arrive|never sent|never upload*|never load*|never show*|never appear*|never end*|never finish*|never sync*|never came|never comes|went missing|disappear*|vanish*|missing from|not showing|doesnt show|does not show|doesnt load|wont load|cant log in|cannot log in|timed out|time out|times out|expired before|still worked|still works|even though|even after|should not|shouldnt|should only|mismatch*|different fee|different total|different amount|rejected|declined|corrupt*|lost|went to a|went to the|ignored|ignores|ignoring|logged out|logs us out|logs them out|stays pending|stays on|stay on|still says|still shows|still showing|third time|second time|keeps happening|drains|draining|overheat*|not reported|not included|not used|not saved|not applied|not restored|not updated|not sent|not delivered|not triggered|reverted|resets|reset itself'),
    ...cues(2, 'bounce|bounces|bounced|bouncing|rejects|rejecting|hangs|hung|spins forever|keeps spinning|spinning forever|stretched|distorted|garbled|misaligned|oversold|oversell*|overbook*|double booked|double booking*|overlapping|double charg*|went negative|gone negative|goes negative'),
    // Asking the vendor to investigate is reporting a fault ("Please check.", "can you look into it?").
    ...cues(3, 'please check|please explain|please look into|please investigate|please fix|please advise|please have a look|can you check|could you check|can you look into|could you look into|look into it|looking into it|access denied|permission denied|forbidden|unauthorised|unauthorized|not authorised|not authorized'),
    ...cues(2, 'is allowed|are allowed|was allowed|were allowed|even when|goes silent|went silent|gone silent|goes quiet|went quiet|goes dark|went dark|goes blank|went blank|goes offline|went offline|kicked out|kicks us out|kicks them out|blurry|pixelated|pixellated|fuzzy|squashed|cropped|upside down|illegible|unreadable on'),
    ...cues(1.5, 'even if|weird|strange|oddly|randomly|intermittent*|sometimes'),
    ...cues(2, 'out of sync|messed up|messes up|mess up|gibberish|garbage|weird characters|overwrit*|overwrote|reverts to|reverted to|resets to|defaults back|ghost|phantom|wrongly|by mistake|for no reason|out of nowhere|should have been|shouldve been'),
    // A fault noticed by someone: "their auditors flagged it", "two landlords noticed before we did".
    ...cues(1.5, 'noticed|flagged|spotted'),
    // How a thing came out, told as a fault: "the logo comes out as a black box".
    ...cues(2, 'comes out as|came out as|come out as|prints as|printed as|renders as|rendered as|prints out as'),
    ...cues(2, 'flip back|flips back|flipped back|jump back|jumps back|jumped back|switch back|switches back|switched back'),
    ...cues(1.5, 'two times|2 times|anyway|twice|expired|cannot|cant|did not|didnt|blank|works fine in|should be|off from|off by|appear as|appears as|shows up as|shows up in|show up in|showing up in|showed it as|shows it as|a day early|day earlier|too early|too late|an hour late|an hour early|429|429s|500|503|last night|overnight|yesterday|this morning|again'),
  ],
  confusion: [
    ...cues(3, 'how do i|how do we|how do you|how can i|how can we|how to|is it possible|is there a way|is there any way|thought it would|we thought|i thought|cant find|cannot find|couldnt find|where is|where do|where can|confus*|unclear|not sure|dont understand|do not understand|didnt understand|what does|what is the difference|why does|why is|supposed to|am i missing|are we missing'),
    ...cues(3, 'why do|why are|asking why|asked why|asked what|what do|what happens|did it go through|does that mean|what counts|how long|how many|how much does|what is included|is it included|thought that was|thought this was|doesnt say|does not say|doesnt explain|no explanation'),
    // A question whether the product does something, not an ask for it (an ask says so: "can we get", "please add").
    ...cues(2.5, 'can i|can we|do you support|do you offer|is that possible|does it support|does it have|does it do'),
    ...cues(3, 'how come|cant figure|couldnt figure|cant work out|couldnt work out|figure out how|work out how|couldnt see where|couldnt see how|misunderst*|misread'),
    ...cues(2.5, 'should we|should i|meant to'),
    ...cues(2, 'documentation|the docs|help article|help centre|help center|walked them through|walk them through|walked her through|walked him through|mixed up|mix up'),
    ...cues(1.5, 'expected it to|we expected|i expected|not obvious|hard to find|no idea|means|or not|included in'),
  ],
  request: [
    ...cues(3, 'would love|wed love|would like|wed like|can you add|could you add|please add|need a way|we need|they need|need to be able|want to be able|would be nice|would be great|would be amazing|would be awesome|would be fantastic|would make life easier|theyd like|theyd love|theyd pay|id like|id love|hoping you|hoping to get|hoping for|hope you can|if we had|if you had|if it had|time saver|keen on|keen to|keen for|interested in|would be lovely|would be helpful|it would help|wish|feature request|could you support|can you support|please support|support for|let us|let them|allow us|allow them|ability to|option to|could we|can we get|could invoices|could it|could an|could the|could you|can you|will you|would you|now need|requires|require|before we can|should be able|would be easier|would make|would save|want to|wants to|want a|want an|must have|must be able|hard requirement|top ask|main ask|biggest ask|is a must|would pay|every competitor|competitors have|competitor has'),
    // Asking about the vendor's plans is asking for the thing, however it is phrased ("asked if it is on the roadmap").
    ...cues(4, 'any plans|on your roadmap|on the roadmap|on the road map'),
    ...cues(2.5, 'want|wants|any chance|asked for|asking about|needed|would help|would really help|would switch|prefer|prefers|requirement|in one go'),
    ...cues(2, 'ask for|asks for|asking for|keep asking|need|needs|please sync|add a|add an|instead of emailing|should'),
    ...cues(2, 'could|asked|asking'),
    ...cues(2, 'would be handy|would be useful|would be good|be good if|be nice if|be great if|if only|wishlist|wish list|doesnt have|does not have|dont have|lacks|lacking'),
    // Copying a thing as an action asked for ("duplicate an event"), not a duplicate made by a fault.
    ...cues(2.5, 'duplicate a|duplicate an|duplicate the|to duplicate|clone a|clone an|clone the'),
    ...cues(1.5, 'no way to|theres no way|there is no way|instead of|so that|so we can|so they can|so i can|so we dont|so people|automatically|automatic'),
    ...cues(2, 'please'),
  ],
  'pain-point': [
    ...cues(2.5, 'takes forever|took forever|takes ages|took ages|takes a long time|takes so long|takes too long|manually|by hand|every week we have to|every month we have to|one by one|tedious|painful|time consuming|waste of time|wasting|wasted|wastes|re keys|rekey*|re key*|re type*|retype*|re enter*|copy and paste|copy paste|workaround|took all|takes hours|takes days|takes minutes|spends|spend hours|spend days|two days|whole day|whole evening|whole morning|half the day|an afternoon|all of monday|in a spreadsheet|in spreadsheets|in a notebook|on paper|on a whiteboard|back to a whiteboard|gone back to|went back to|nobody has time|no time to'),
    ...cues(2, 'one at a time|separately|individually|one after another|one after the other|every single|lose an|lose a|lose hours|lose time|loses|losing|brutal|nightmare|headache|clunky|fiddl*|cumbersome|awkward|laborious|clicks|so slow|very slow|too slow|really slow|painfully|slow to|laggy|from nothing|all over again|start over|starting over|rebuild*|recreat*|redo|re do|re sort*|re push*|keeps a|keep a separate|a separate'),
    ...cues(3, 'error prone|prone to errors|prone to error|prone to mistakes'),
    // Too much of something that works: "inboxes flooded", "fed up".
    ...cues(2, 'flooded|swamped|drowning in|bombarded'),
    ...cues(1.5, 'fed up'),
    // Losing track, keying data, being stuck on calls: the effort, even where a fault word ("lost") is in it.
    ...cues(2.5, 'lose track|lost track|losing track|loses track|data entry|double keying|stuck on the phone|stuck on hold|again and again'),
    // People forgetting is what a chore done by hand costs ("managers forget to approve", "half of them just forget").
    ...cues(1.5, 'forget|forgets|forgetting|keep forgetting|keeps forgetting|forget to|forgot to'),
    ...cues(2, 'stuck with|stuck doing|stuck using|hassle|faff*|chore|juggl*|double entry|double handling|messy|a mess|is a pain|a real pain|pain in the|bottleneck|busywork|paperwork|legwork|too many|so many clicks|so many steps|get missed|gets missed|got missed|slip through|slips through|get forgotten|gets forgotten|mistakes|error prone|human error|barely|full day|a full day|two person|unusable|unreadable|impossible to|hard to|difficult to|into excel|in excel|into a spreadsheet|into spreadsheets|into a sheet|chases|chased|row by row|line by line|week by week|day by day|page by page|screen by screen|item by item|person by person'),
    ...cues(1.5, 'forever|involves|involved|herself|himself|themselves|ourselves|times a day|times a week|all the time|lag|lags'),
    ...cues(2, 'every one of|manual|not happy|grumbl*|complain*|spending|most manual|sluggish|struggle*|killing|for nothing|over and over|stopped trusting|dont trust|do not trust|constantly|from scratch|types|typed|typing|copies|copying|chasing|chase'),
    ...cues(1.5, 'slow|every week|every month|every time|each time|each month|each week|every morning|every evening|every day|every night|every build|every commit|every run|all day|took|costing us|costs us|embarrass*|annoy*|frustrat*|hours|have to|has to|had to|spinner|scattered|burning|by the time|still'),
  ],
  other: [
    ...cues(3, 'renewal|renew|renewing|churn*|price increase|case study|procurement|multi year|rumour|rumor|no comment|please ignore|test test|nothing to action|no action needed|pushing back'),
    ...cues(2.5, 'happy with|very happy|so happy|love the|love it|loves it|loved it|brilliant|best thing|great job|well done|thank you|thanks for|kudos|went smoothly|impressed|competitor*|evaluating'),
    ...cues(3, 'acquired|acquisition|being bought|bought by|merger|merging with|quoted them|quoted us|cheaper|half our price|half the price'),
    ...cues(2.5, 'wants to talk|want to talk|wanted to talk|wants to discuss|want to discuss|wanted to discuss|wants a call|wanted a call|sales are up|revenue is up|bookings are up|orders are up|since switching to us|since moving to us|since they switched to us|since joining us|good chat|great chat|nice chat|good call|great call|good meeting|great meeting'),
    ...cues(2.5, 'lost a deal|lost the deal|lost them|lost the customer|lost a customer|lost to'),
    ...cues(2, 'testimonial|reference call|webinar|out of office|annual plan|yearly plan|plan price|price rise|contract length|contract term|lunch with|dinner with|coffee with|drinks with|might open|opening a new|expanding to|expansion|amazing|fantastic|excellent|awesome|superb|outstanding|nothing new|all good|no issues|no concerns|our price'),
    ...cues(2.5, 'loved|loves|liked|enjoy*|praised|raving|raves|compliment*|shout out|thrilled|delighted|picked it up|new head of|intro call|left the company|new champion|new contact|thinking about it|thinking about switching|thinking about leaving|considering switching|considering leaving|considering moving|shopping around|looking at alternatives|cancel their|cancelling their|canceling their'),
    ...cues(1.5, 'pricing'),
    ...cues(1.5, 'discount'),
    ...cues(2, 'overage|moved to|pushed to|rescheduled|postponed|call moved|meeting moved|conference|trade show|met the|met with|nice people|catch up|caught up|fyi|no ask'),
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
/** After "please", verbs that ask the vendor to look at something that went wrong. */
const INVESTIGATE_VERBS: ReadonlySet<string> = new Set('check look explain fix investigate advise help confirm'.split(' '));
/** A second word that makes the first a subject, not an imperative ("Sync is broken", "Export keeps failing"). */
const NOT_IMPERATIVE_AFTER: ReadonlySet<string> = new Set(
  ('is are was were has have had keeps kept does doesnt did didnt not never fails stopped stops will wont can cant should of ' +
    // A verb of the third person after the first word makes the first word its subject ("Search returns…").
    'returns puts shows takes gets goes says sends makes gives lets adds looks seems works runs loads crashes opens appears ' +
    'displays lists uses needs breaks hangs freezes jumps flips resets counts misses skips ignores').split(' '),
);
/** An imperative opening weighs a little more than one explicit cue: it is the sentence's own verb. */
const IMPERATIVE_WEIGHT = 3.5;
/**
 * "stops syncing", "stopped loading": something that worked no longer does — a fault as clear as "stopped working"
 * (so it weighs as much). People who stop doing something ("stopped trusting", "stopped calling") are not one.
 */
const STOPPED =
  /(?<![\p{L}\p{N}])(?:stops|stopped) (?!(?:using|trusting|calling|asking|ordering|buying|paying|booking|coming|complaining|chasing|checking|bothering|trying)(?![\p{L}\p{N}]))[\p{L}]+ing(?![\p{L}\p{N}])/u;

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
 * also keeps its whole words (`need`) and its prefix word's stem ("crash*" → `stem` "crash"), so a text is only
 * searched for the cues all of whose words it has: most of the several hundred cues are skipped at once.
 */
interface CompiledCue {
  /** Its place in CATEGORY_CUES: cues are tried in that order, whichever word found them. */
  order: number;
  category: SignalCategory;
  cue: Cue;
  re: RegExp;
  need: readonly string[];
  stem: string | undefined;
}
const COMPILED: readonly CompiledCue[] = (Object.entries(CATEGORY_CUES) as Array<[SignalCategory, readonly Cue[]]>)
  .flatMap(([category, list]) => list.map((cue) => ({ category, cue })))
  .map(({ category, cue }, order) => {
    const prefix = cue.phrase.endsWith('*');
    const body = escape(prefix ? cue.phrase.slice(0, -1) : cue.phrase).replace(/ /g, '[^\\p{L}\\p{N}]+');
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`, 'u');
    const words = cue.phrase.split(' ');
    // Every whole word of the cue must be a word of the text (a prefix word, "crash*", must start one).
    const need = prefix ? words.slice(0, -1) : words;
    const stem = prefix ? words[words.length - 1]!.slice(0, -1) : undefined;
    return { order, category, cue, re, need, stem };
  });
/** The cues by their first whole word, and the one-word prefix cues ("crash*"), so a text looks up only its own words. */
const BY_FIRST_WORD = new Map<string, CompiledCue[]>();
const PREFIX_ONLY: CompiledCue[] = [];
for (const compiled of COMPILED) {
  const first = compiled.need[0];
  if (first === undefined) PREFIX_ONLY.push(compiled);
  else BY_FIRST_WORD.set(first, [...(BY_FIRST_WORD.get(first) ?? []), compiled]);
}

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
        out.push({ category: 'confusion', found: { at, span: first.length, word: `${first} ${second} …?`, weight: MODALS.has(first) ? 1.5 : 3 } });
        question = true;
      }
    } else if (!text.includes('?') && !ask) {
      const adverb = ASK_ADVERBS.has(first) && second !== undefined;
      const verb = adverb ? second : first;
      const next = adverb ? words[2] : second;
      // "Please check." / "Please look into it" asks the vendor to investigate a fault (a bug cue), not for something new.
      const investigate = first === 'please' && INVESTIGATE_VERBS.has(verb);
      const imperative = !investigate && (adverb ? VERBS_AFTER_ADVERB.has(verb) : IMPERATIVE_VERBS.has(verb));
      if (imperative && !(next !== undefined && NOT_IMPERATIVE_AFTER.has(next))) {
        const word = adverb ? `${first} ${verb}` : first;
        out.push({ category: 'request', found: { at, span: word.length, word, weight: IMPERATIVE_WEIGHT } });
        ask = true;
      }
    }
  }
  const stopped = STOPPED.exec(normalised);
  if (stopped) out.push({ category: 'bug', found: { at: stopped.index, span: stopped[0].length, word: stopped[0], weight: 3 } });
  const duration = DURATION.exec(normalised);
  if (duration) out.push({ category: 'pain-point', found: { at: duration.index, span: duration[0].length, word: duration[0], weight: 1.5 } });
  return out;
}

/** The suggested category of a signal's text, the cue phrases behind it, and how sure (see the module comment). */
export function suggestCategory(text: string): CategorySuggestion {
  const normalised = normalise(text);
  const found = new Map<SignalCategory, Found[]>();
  const tokens = new Set(normalised.match(/[\p{L}\p{N}]+/gu) ?? []);
  // The words of the text, each after a space: " crash" is in it when a word starts with "crash".
  const starts = ` ${[...tokens].join(' ')}`;
  const candidates: CompiledCue[] = [];
  for (const token of tokens) for (const compiled of BY_FIRST_WORD.get(token) ?? []) candidates.push(compiled);
  candidates.push(...PREFIX_ONLY);
  candidates.sort((a, b) => a.order - b.order);
  for (const { category, cue, re, need, stem } of candidates) {
    if (!need.every((w) => tokens.has(w))) continue;
    if (stem !== undefined && !starts.includes(` ${stem}`)) continue;
    const match = re.exec(normalised);
    if (!match) continue;
    const list = found.get(category) ?? [];
    // A cue inside a longer cue of the same category already found ("need" in "we need") counts once.
    if (list.some((f) => f.at <= match.index && match.index + match[0].length <= f.at + f.span)) continue;
    const kept = list.filter((f) => !(match.index <= f.at && f.at + f.span <= match.index + match[0].length));
    kept.push({ at: match.index, span: match[0].length, word: match[0], weight: cue.weight });
    found.set(category, kept);
  }
  for (const { category, weight, re, guard } of CATEGORY_FORMS) {
    if (guard && !guard.every((group) => group.some((w) => tokens.has(w)))) continue;
    const match = re.exec(normalised);
    if (!match) continue;
    const list = found.get(category) ?? [];
    if (list.some((f) => f.at <= match.index && match.index + match[0].length <= f.at + f.span)) continue;
    const kept = list.filter((f) => !(match.index <= f.at && f.at + f.span <= match.index + match[0].length));
    kept.push({ at: match.index, span: match[0].length, word: match[0].replace(/\s+/gu, ' '), weight });
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
  // A cue inside a longer cue of another category is read as part of it: "wants" inside "wants to know"
  // (confusion), "lost" inside "lose an hour" (pain point), "asked" inside "asked whether".
  const all = [...found.values()].flat();
  for (const [category, list] of found) {
    found.set(
      category,
      list.filter((f) => !all.some((g) => !list.includes(g) && g.span > f.span && g.at <= f.at && f.at + f.span <= g.at + g.span)),
    );
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
    const shape = noCueShape(normalised);
    if (shape) return { category: shape.category, words: [shape.word], confidence: NO_CUE_CONFIDENCE };
    return { category: 'request', words: [], confidence: NO_CUE_CONFIDENCE };
  }
  const second = ranked[1]?.score ?? 0;
  const words = [...(found.get(best.category) ?? [])].sort((a, b) => a.at - b.at).map((f) => f.word);
  return { category: best.category, words, confidence: Math.round((best.score / (best.score + second + 1)) * 1000) / 1000 };
}

/** The confidence of the no-cue guess (`request`): below any suggestion a cue supports. */
export const NO_CUE_CONFIDENCE = 0.3;
