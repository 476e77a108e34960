/**
 * Sentence forms for suggesting a signal's category (used by `suggestCategory`, src/domain/category.ts): patterns of
 * how people report, ask and complain in English, not words of any one product. A form is a regular expression over
 * the normalised text (lowercase, apostrophes dropped: "isn't" → "isnt") whose match is the "word" shown as the
 * reason, so a person can check it ("arent getting", "asked whether", "shows 0").
 *
 * Where a phrase cue needs alternation (a negation before any of the verbs of something a system does, an indirect
 * question that is not an ask), it is a form here; a fixed phrase stays a cue in category.ts. Every form is one
 * linear regular expression, tried only when its first-word guard is in the text, so a decision costs microseconds.
 */
import type { SignalCategory } from './signals';

export interface CategoryForm {
  category: SignalCategory;
  weight: number;
  re: RegExp;
  /**
   * A cheap filter: in each group, one of its words must be in the text for the form to be tried (the form cannot
   * match otherwise); none = always tried.
   */
  guard?: ReadonlyArray<readonly string[]>;
}

/** Word boundaries on letters and numbers of any script, as for the cues. */
const form = (category: SignalCategory, weight: number, source: string, guard?: string): CategoryForm => ({
  category,
  weight,
  // A space in a form is any run of white space (the text keeps its own).
  re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${source.replace(/ /g, '\\s+')})(?![\\p{L}\\p{N}])`, 'u'),
  ...(guard ? { guard: guard.split(';').map((group) => group.trim().split(/\s+/)) } : {}),
});

/** People (by role, not by product), as the subject of a sentence. */
const PEOPLE =
  'we|they|i|staff|team|teams|office|reception|receptionists?|admins?|managers?|owners?|finance|ops|accountants?|' +
  'bookkeepers?|everyone|everybody|people|someone|somebody|she|he|their team|our team|the team';
/** Verbs of something a product does on its own: sends, shows, syncs, saves, arrives… (any inflection: `\w*`). */
const SYSTEM_VERBS =
  '(?:get|gets|getting|got)(?= (?:the|a|an|any|their|our|his|her|its|it|them|one|emails?|notif\\w*|alerts?|messages?|texts?|reminders?|paid)(?![\\p{L}\\p{N}]))|receiv\\w*|arriv\\w*|reach\\w*|show\\w*|appear\\w*|updat\\w*|sync\\w*|sav(?:e|es|ed|ing)|load\\w*|' +
  'send\\w*|sent|(?:go|goes|going|gone|went) (?:out|through|off|live)|mov(?:e|es|ed|ing)|complet\\w*|match\\w*|trigger\\w*|fir(?:e|es|ed|ing)|' +
  '(?:come|comes|coming|came)(?: through| in| up| across|(?=\\s*[.,;:!?)]|$))|count\\w*|print\\w*|refresh\\w*|add up|adding up|deliver\\w*|process\\w*|post(?:s|ed|ing)?|' +
  'carr(?:y|ies|ied)|pull\\w*|import\\w*|upload\\w*|download\\w*|calculat\\w*|appl(?:y|ies|ied)|chang(?:e|es|ed|ing)|' +
  'reflect\\w*|register\\w*|notif\\w*|record\\w*|pick\\w* up|kick\\w* in|clear\\w*|reset\\w*|respond\\w*|start\\w*|finish\\w*';

/** A negation of the kind used to report what did not happen ("arent getting", "didnt arrive", "never completes"). */
/**
 * A negation of the kind used to report what did not happen: in the past or as it happens ("didnt arrive",
 * "arent getting", "never completes", "no longer syncs") — a fault; in the simple present ("doesnt sync with…")
 * it as often states a limitation someone wants lifted, so it weighs less.
 */
const NEGATION = 'isnt|arent|wasnt|werent|didnt|havent|hasnt|hadnt|not|never|no longer';
const PRESENT_NEGATION = 'doesnt|dont|does not|do not';

/** The subjects after "asked if…" that make the indirect question an ask of the vendor ("asked if we could add…"). */
const ASKING_CLAUSE = '(?:we|you|u|yall|your team)(?: guys)? (?:can|could|will|would|might|plan|are planning|have plans|are going to|intend|offer|support|do|have|provide)';

export const CATEGORY_FORMS: readonly CategoryForm[] = [
  // ── confusion: a question asked on someone's behalf, and a belief about the product that may be wrong ──
  // "Kestrel asked whether refunds go back to the card", "wants to know if", "wondering how" — unless the question
  // asks the vendor for something ("asked if we could add…": a request form, below).
  form(
    'confusion',
    3,
    `(?:asked|asks|asking|wants to know|want to know|wanted to know|would like to know|wondering|wonders|wondered|` +
      `(?:not|wasnt|werent|isnt|arent|never) (?:sure|clear|certain)|unsure|uncertain|unclear|checking|confirm)(?: \\p{L}+){0,4}? (?:if|whether|how|what|where|why|when|which|who)` +
      `(?! ${ASKING_CLAUSE})`,
    'asked asks asking know wondering wonders wondered unsure sure clear certain uncertain unclear checking confirm; if whether how what where why when which who',
  ),
  // "They assumed the early-bird price would switch off", "under the impression that", "thinks they cant…".
  form('confusion', 3, 'assum(?:e|es|ed|ing)|under the impression|(?:thought|thinks|believed|believes|figured|presumed)(?! (?:about|of|through|over|so|maybe|it over))', 'assume assumes assumed assuming impression thought thinks believed believes figured presumed'),
  // "They expected the menu to translate itself" (not "works as expected").
  form('confusion', 2.5, '(?<!as )(?:expected|expecting|expects)(?! behaviou?r)', 'expected expecting expects'),
  // "didnt realise they could", "did not know you can", "werent aware".
  form('confusion', 3, `(?:didnt|did not|dont|do not|doesnt|does not|never) (?:realis|realiz|know|knew)\\w*(?: that)?(?: (?:they|you|we|it|he|she|i|there) (?:could|can|was|were|is|are|had|have))?|(?:not|wasnt|werent|isnt|arent) aware|unaware`, 'realise realize realised realized realising realizing know knew aware unaware'),
  form('confusion', 3, '(?:had|have|has) no (?:idea|clue)', 'had have has; idea clue'),
  // Checking a belief: "is that right?", "is this expected?", "whats the difference between…".
  form('confusion', 2.5, '(?:is|was) (?:that|this|it) (?:right|correct|true|expected|normal|intended|how it works)|am i right|whats the difference|difference between', 'is was am whats difference; right correct true expected normal intended works difference'),

  // A question offering alternatives asks how the product is: "charged automatically or do we approve each one?".
  form('confusion', 2, 'or (?:does|do|is|are|will|would|can|only|just|should|must|has|have)(?= [^?.!]*[?])|or not(?= ?[?])', 'or'),

  // ── request: an indirect question that asks the vendor ("asked if we could add", "asking whether you will support") ──
  form('request', 3, `(?:asked|asks|asking|ask|wondering|wondered|wants to know) (?:if|whether) ${ASKING_CLAUSE}`, 'asked asks asking ask wondering wondered know'),
  // Naming an ask: "big ask from Kestrel", "top request", "looking for a way to".
  form('request', 3, '(?:big|biggest|top|main|one|an|the|their|another|a) (?:ask|request)|looking for (?:a way|an? option|something|a tool|a feature)|requested', 'ask request looking requested'),

  // ── bug: something a product does that did not happen, a wrong value, a thing that used to work ──
  // "organisers arent getting the email", "didnt arrive", "never completes", "no longer syncs".
  form('bug', 2.5, `(?:${NEGATION}) (?:been |being |even |always |actually |properly |correctly )?(?:${SYSTEM_VERBS})(?! to)`, NEGATION.replace(/\|/g, ' ')),
  form('bug', 2, `(?:${PRESENT_NEGATION}) (?:even |always |actually |properly |correctly )?(?:${SYSTEM_VERBS})(?! to)`, 'doesnt dont not'),
  // "shows UTC instead of local time", "charged the full price instead of…": a wrong result beside the right one.
  form('bug', 2.5, '(?:shows?|showing|showed|says|said|displays?|displayed|lists?|listed|uses?|used|using|sent|sends|went|goes|runs?|ran|charged|charges|picks?|picked|prints?|printed|defaults? to|defaulted to) (?:[\\p{L}\\p{N}:%£$€]+ ){0,5}instead of', 'shows show showing showed says said displays display displayed lists list listed uses use used using sent sends went goes runs run ran charged charges picks pick picked prints print printed defaults default defaulted; instead'),
  // A total that disagrees: "£312 less than the sum of", "more than it should".
  form('bug', 2.5, '(?:less|more|lower|higher|fewer|bigger|smaller) than (?:the (?:sum|total|actual|real|amount|number)|it should|they should|expected|what (?:we|they|it) (?:sold|paid|charged|entered|set))', 'less more lower higher fewer bigger smaller; than'),
  // One thing done more than once: "two reminder texts for the same appointment", "charged twice for the same".
  form('bug', 2.5, '(?:two|2|three|3|double|duplicate|duplicated|multiple|several) (?:\\p{L}+ ){0,3}(?:for|on|of|in|to|into) the same', 'two 2 three 3 double duplicate duplicated multiple several; same'),
  // Data put in the wrong place: "land on the next day", "filed under the other customer", "arent on the ticket".
  form('bug', 3, '(?:on|under|into|to|for|in|onto) the (?:wrong (?:\\p{L}+)|(?:next|previous|other) (?:days?|dates?|weeks?|months?|company|account))|(?:isnt|arent|wasnt|werent) (?:on|in) (?:the|their|our|my|any)', 'wrong next previous other isnt arent wasnt werent'),
  // Charged wrongly: "charges both halves at full price", "billed twice".
  form('bug', 2.5, '(?:charges|charged|charging|bills|billed|billing|takes|took) (?:\\p{L}+ ){0,3}(?:at full price|full price|both|twice|double|again)', 'charges charged charging bills billed billing takes took; full both twice double again'),
  // "wont" refuses: "the calendar wont let them book", "wont open" (not "wont need", "wont be").
  form('bug', 2.5, `(?<!(?<![\\p{L}\\p{N}])(?:${PEOPLE}) )wont (?!be |need|have|mind|matter|happen|work with|support|pay|sign|renew|buy|use|log)\\p{L}+`, 'wont'),
  // Someone sees or changes what is not theirs: "tutors can see other tutors pay".
  form('bug', 2, '(?:can|could|are able to|were able to) (?:see|view|access|edit|delete|change|open) (?:other|others|each others|everyones|another)', 'can could able; other others each everyones another'),
  // "anymore": it used to ("doesnt open anymore").
  form('bug', 2, 'anymore|any more', 'anymore any'),
  // Still wrong after it should not be: "still havent reached", "still go out with the old time".
  form('bug', 2.5, '(?:can|could|is|are) still be \\p{L}+ed|still (?:getting|get|gets|receiv\\w*|being|hasnt|havent|isnt|arent|doesnt|dont|not|no|nothing|missing|wrong|broken|go out|goes out|went out|sends?|sending|sent|charg\\w*|appear\\w*|show\\w*|say\\w*|lists?|listed|counts?|counted|unpaid|pending|open|outstanding|overdue|active|there|listed|visible|locked|empty|blank|zero)', 'still'),
  // A value that cannot be right: "shows £0", "says zero", "came out blank", "went negative".
  form('bug', 3, '(?:shows?|showing|showed|says|said|displays?|displayed|reads|comes? (?:out|up) as|came (?:out|up) as|returns?|returned|is|are|was|were|went|goes|gone|going) (?:as )?(?:[£$€]\\s?0(?:[.,]0+)?|0(?:[.,]0+)?(?: ?%)?|zero|empty|blank|null|undefined|nan|negative|minus \\d+)(?![.,]?\\d)', 'shows show showing showed says said displays display displayed reads comes come came returns return returned is are was were went goes gone going; zero empty blank null undefined nan negative minus 0 00'),
  // Off by an amount of time or money: "an hour off", "a day behind", "two days early".
  form('bug', 2, '(?:an?|one|two|three|\\d+|few|couple of) (?:hours?|days?|minutes?|mins?|weeks?|months?|pence|cents?|pennies|dollars?|pounds?|euros?) (?:off|out|behind|ahead|early|earlier|short|over|too (?:much|many|few|early|late))', 'off out behind ahead early earlier short over too'),
  // ── pain point: the effort a thing takes ──
  // A slip the product makes easy: "easy to miss", "easy to pick the wrong one".
  form('pain-point', 2.5, '(?:easy|easier) to (?:miss|forget|overlook|mix up|mix|lose|pick|click|choose|select|send|enter|type|book)(?: (?:the|a) wrong)?', 'easy easier'),
  // Calls and emails the product causes: "customers ring to check the order went through".
  form('pain-point', 2.5, '(?:ring|rings|call|calls|phone|phones|email|emails|message|messages|calling|ringing|phoning|emailing|text|texts|texting) (?:us |in |the \\p{L}+ |them |back )?to (?:check|ask|confirm|find out|chase|make sure)', 'ring rings call calls phone phones email emails message messages calling ringing phoning emailing text texts texting; check ask confirm find chase sure'),
  // "Changing the start time means editing every ticket type": a task that costs another one.
  form('pain-point', 2, '(?:means|meant|mean) (?:\\p{L}+ing|we have to|we need to|having to|someone has to|i have to|they have to)', 'means meant mean'),

  // A chore done per item: "open each profile", "has to be set up twice".
  form('pain-point', 2, '(?:open|opening|check|checking|edit|editing|click|clicking|go into|going into|visit|update|updating|change|changing|enter|entering) (?:each|every) (?:single )?\\p{L}+', 'open opening check checking edit editing click clicking go going visit update updating change changing enter entering; each every'),
  form('pain-point', 2.5, '(?:have|has|had|having) to (?:be )?\\p{L}+(?: \\p{L}+)? twice', 'twice'),

  // "got a confirmation but no tickets", "paid but nothing".
  form('bug', 2, 'but (?:no|nothing|none|zero|never)', 'but'),
];

/**
 * When no cue is found, the shape of the sentence still says something (see `noCueShape`): people doing a chore
 * as a routine ("Staff phone round every tenant", "the office re-enters each job") is a pain point; something
 * that happened or is happening, told as an event ("reminders went out for…", "jobs are appearing on Sunday") is a
 * fault; a thing named without a verb ("Dark theme for the pipeline view") stays the guess, an ask.
 */
/** Verbs of work people do by hand: a routine, not a thing the product does. */
const WORK_VERBS =
  'do|does|phone|phones|call|calls|ring|rings|check|checks|print|prints|type|types|copy|copies|export|exports|pull|pulls|' +
  'chase|chases|email|emails|text|texts|track|tracks|keep|keeps|write|writes|fill|fills|count|counts|match|matches|' +
  'spend|spends|go through|goes through|update|updates|enter|enters|re enter|re enters|make|makes|build|builds|set up|sets up|' +
  'download|downloads|upload|uploads|cross check|cross checks|reconcile|reconciles|tick|ticks|sort|sorts|look up|looks up|' +
  'work out|works out|add up|adds up|send|sends|compile|compiles|collate|collates|paste|pastes|key|keys|book|books|move|moves';
const ROUTINE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${PEOPLE})\\s+(?:(?:now|still|just|then|all|currently|usually|always|manually|basically|each|also|often)\\s+)?(?:${WORK_VERBS})(?![\\p{L}\\p{N}])`.replace(/ /g, '\\s+'),
  'u',
);
/** Something happening or that happened: a progressive ("are appearing") or a past of a verb of change. */
const EVENT = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:(?:is|are|was|were|keeps|keep|kept)\\s+(?!going|looking|hoping|planning|trying|asking|wanting|waiting|using|thinking|working|considering)\\p{L}{3,}ing|' +
    'went|came|got|showed|appeared|flipped|flips|jumped|jumps|moved|changed|switched|dropped|marked|ended up|landed|popped|reverted|' +
    'slipped|shifted|doubled|happened|happens|turned|turns|disappeared|deleted|removed|overwrote|overwritten|overwrites|lost|skipped|skips)(?![\\p{L}\\p{N}])',
  'u',
);

export function noCueShape(normalised: string): { category: SignalCategory; word: string } | undefined {
  const routine = ROUTINE.exec(normalised);
  if (routine) return { category: 'pain-point', word: routine[0].replace(/\s+/gu, ' ') };
  const event = EVENT.exec(normalised);
  if (event) return { category: 'bug', word: event[0].replace(/\s+/gu, ' ') };
  return undefined;
}
