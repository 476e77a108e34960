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
  'reflect\\w*|register\\w*|line up|lines up|tall(?:y|ies)|notif\\w*|record\\w*|pick\\w* up|kick\\w* in|clear\\w*|reset\\w*|respond\\w*|start\\w*|finish\\w*';

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
  // An ask told as how much better it would be: "would be so much easier if…", "would make life a lot simpler".
  form('request', 3, 'would (?:be|make (?:it|life|things|this|that)) (?:so much |much |a lot |way |far |loads )(?:easier|better|faster|quicker|simpler|nicer|clearer)', 'would; easier better faster quicker simpler nicer clearer'),
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
  form('bug', 2.5, '(?:charges|charged|charging|bills|billed|billing|takes|took|collects|collected) (?:\\p{L}+ ){0,3}(?:at full price|full price|both|twice|double|again|two times|2 times|three times)', 'charges charged charging bills billed billing takes took collected collects; full both twice double again times'),
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
  // A slip the product makes easy: "easy to miss", "easy to pick the wrong one", "easy to get wrong".
  form('pain-point', 2.5, '(?:easy|easier) to (?:miss|forget|overlook|mix up|mix|lose|pick|click|choose|select|send|enter|type|book|get (?:it |them |things |this |that )?wrong|make (?:a )?mistakes?)(?: (?:the|a) wrong)?', 'easy easier'),
  // Calls and emails the product causes: "customers ring to check the order went through".
  form('pain-point', 2.5, '(?:ring|rings|call|calls|phone|phones|email|emails|message|messages|calling|ringing|phoning|emailing|text|texts|texting) (?:us |in |the \\p{L}+ |them |back )?to (?:check|ask|confirm|find out|chase|make sure)', 'ring rings call calls phone phones email emails message messages calling ringing phoning emailing text texts texting; check ask confirm find chase sure'),
  // "Changing the start time means editing every ticket type": a task that costs another one.
  form('pain-point', 2, '(?:means|meant|mean) (?:\\p{L}+ing|we have to|we need to|having to|someone has to|i have to|they have to|(?:we|they|i|someone|staff|the team|everyone|people) (?:ring|call|phone|email|chase|check|redo|retype|re enter|fix|lose|spend)\\p{L}*)', 'means meant mean'),

  // A chore done per item: "open each profile", "has to be set up twice".
  form('pain-point', 2, '(?:open|opening|check|checking|edit|editing|click|clicking|go into|going into|visit|update|updating|change|changing|enter|entering) (?:each|every) (?:single )?\\p{L}+', 'open opening check checking edit editing click clicking go going visit update updating change changing enter entering; each every'),
  form('pain-point', 2.5, '(?:have|has|had|having) to (?:be )?\\p{L}+(?: \\p{L}+)? twice', 'twice'),

  // "got a confirmation but no tickets", "paid but nothing".
  form('bug', 2, 'but (?:no|nothing|none|zero|never)', 'but'),

  // ── bugs told in plain words: no "error" or "broken", just what happened (forms added for issue 9) ──
  // A change named as the moment it began: "since the printer firmware update", "after last weeks release" (the
  // fixed cues only know "since the update"; people put words between).
  form(
    'bug',
    3,
    '(?:since|after|following) (?:the|a|an|last|latest|recent|yesterdays|todays|last weeks|this weeks|our|their|your|that|this) ' +
      '(?:[\\p{L}\\p{N}.]+ ){0,3}(?:update|updates|upgrade|upgrades|release|releases|version|firmware|patch|migration|rollout|roll out|deploy|deployment)',
    'since after following; update updates upgrade upgrades release releases version firmware patch migration rollout roll deploy deployment',
  ),
  // Two figures that should agree, told side by side: "the report says 4,210 but the card machine was 4,390",
  // "shows a surcharge of 1.9% but the pricing page says 1.4%".
  form(
    'bug',
    3,
    '(?:says|said|shows?|showed|showing|reads|displays?|displayed|lists?|listed|reports?|reported|totals?|totalled|totaled|comes to|came to) ' +
      '[^.!?;\\d]{0,40}?[£$€]?\\d+(?:[.,]\\d+)*%?[^.!?;]{0,60}? (?:but|while|whereas|yet) [^.!?;\\d]{0,60}?[£$€]?\\d+(?:[.,]\\d+)*%?',
    'says said shows show showed showing reads displays display displayed lists list listed reports report reported totals total totalled totaled comes came; but while whereas yet',
  ),
  // One period's data shown in another's: "shows yesterdays refunds in todays takings".
  form(
    'bug',
    3,
    '(?:yesterdays|todays|tomorrows|last (?:nights|weeks|months|years)|this (?:weeks|months|years)|next (?:weeks|months)|previous (?:days|weeks|months)) ' +
      '(?:\\p{L}+ ){0,3}(?:in|on|under|into|with|as) (?:todays|yesterdays|tomorrows|this (?:weeks|months|years)|last (?:weeks|months|years)|next (?:weeks|months)|the (?:next|previous|following) (?:days?|weeks?|months?))',
    'yesterdays todays tomorrows weeks months years nights days; todays yesterdays tomorrows weeks months years days',
  ),
  // What a product did, beside what it should have: "round to the hour instead of the quarter", "lands on the
  // home page instead of the order" — the verbs the "shows … instead of" form above does not list.
  form(
    'bug',
    2.5,
    '(?:rounds?|rounded|rounding|lands?|landed|jumps?|jumped|converts?|converted|saves?|saved|counts?|counted|adds?|added|' +
      'assigns?|assigned|routes?|routed|sorts?|sorted|calculates?|calculated|applies|applied|comes? out|came out|comes? through|came through|' +
      'opens?|opened|switches|switched|resets?) (?:[\\p{L}\\p{N}:%£$€]+ ){0,5}instead of',
    'instead',
  ),
  // A setting that is on and not obeyed: "approval is switched on but servers can still apply discounts",
  // "we turned off reminders for him and he still gets them".
  form(
    'bug',
    2.5,
    '(?:(?:switched|turned|toggled|set) (?:on|off)(?![\\p{L}\\p{N}])|enabled|disabled|ticked|unticked|activated|deactivated)[^.!?;]{0,60}? (?:but|yet|and still|still)',
    'switched turned toggled set enabled disabled ticked unticked activated deactivated; but yet still',
  ),
  // Still possible after it should have stopped: "still orderable on the website", "servers can still apply them"
  // ("can we still…" asks, and "still available", "still possible" say nothing wrong, so they are left out).
  form(
    'bug',
    2.5,
    'still (?!(?:able|table|stable|capable|possible|responsible|eligible|reliable|affordable|available|valuable|suitable|reasonable|comfortable|usable|acceptable|applicable|payable)(?![\\p{L}\\p{N}]))\\p{L}+(?:able|ible)',
    'still',
  ),
  form('bug', 2, '(?<!(?:we|i|you) )(?:can|could|are able to|is able to) still (?!be )\\p{L}+', 'still'),
  // Something that should be one way and is not: "is supposed to round up but rounds down", "should show the
  // net amount, but…" ("should be able to … but" is an ask, so it is left out).
  form('bug', 2.5, '(?:should(?! be able)(?! have (?:a|an|the) )|supposed to|meant to) [^.!?;]{1,50}? but', 'should supposed meant; but'),
  // A regression: "used to work", "used to send a text the day before".
  form('bug', 2.5, 'used to (?:work|show|send|sync|load|print|arrive|appear|update|include|go through|come through|be fine|be there|be able|let)\\p{L}*', 'used'),
  // Gone: "tickets go missing", "the link is missing from the email" ("is gone" is left out: "by the time we call,
  // the slot is gone" is no fault).
  form('bug', 3, '(?:is|are|was|were|go|goes|going|gone|keep going|went) missing', 'missing'),

  // Deleted or wiped by itself, told as something that happened to the data: "notes got wiped", "the shift got unassigned".
  form('bug', 2.5, '(?:got|gets|getting|have been|has been|had been) (?:deleted|removed|wiped|cleared|erased|overwritten|unassigned|duplicated|reset|lost|scrambled|jumbled)', 'got gets getting been; deleted removed wiped cleared erased overwritten unassigned duplicated reset lost scrambled jumbled'),
  // Old data shown after a change: "still has the old price", "invoices use last years address".
  form('bug', 2.5, '(?:shows?|showing|showed|displays?|displayed|uses?|using|used|sent|sends|pulls?|pulled|prints?|printed) (?:the |their |our )?(?:old|previous|outdated|stale|last years|last weeks|last months|former)(?= \\p{L})', 'old previous outdated stale years weeks months former'),
  // Numbers that are out: "the totals are off", "stock counts were out by 12" (not "stock is out": sold out).
  form('bug', 2.5, '(?:numbers|figures|totals?|counts?|stock|balances?|hours|amounts?|sums?|prices?|dates?|times?) (?:are|is|were|was|seem|seems|look|looks|came out|come out) (?:all |way |slightly |a bit |completely )?(?:off|wrong|out by)', 'off out wrong'),
  // Nobody told: "no email went out", "nobody got the reminder", "none of the drivers were notified".
  form('bug', 2.5, '(?:no|nobody|no one|noone|none of (?:them|the \\p{L}+)) (?:\\p{L}+ ){0,2}?(?:got|gets|received|receives|was sent|were sent|went out|came through|arrived|showed up|was notified|were notified|is notified|are notified|heard)', 'no nobody noone none'),
  // Did nothing, or something came twice: "mentions send nothing", "hours are counted twice", "orders came through twice".
  form('bug', 2.5, '(?:send|sends|sent|show|shows|showed|return|returns|returned|load|loads|loaded|print|prints|printed|save|saves|saved|sync|syncs|synced) nothing|nothing (?:arrives|arrived|shows|showed|comes|came|loads|loaded|prints|printed|syncs|synced|goes|went) (?:up|out|through|in)?', 'nothing'),
  form('bug', 2.5, 'doubled|double counted|double counting|(?:counted|listed|shows?|showing|showed|appears?|appeared|imported|synced|booked|created|posted|comes? through|came through|comes? up|came up|(?:shows?|showed|showing) up) twice', 'doubled double twice'),
  // Part of a batch: "only 40 of the 60 products synced".
  form('bug', 2.5, 'only \\d+ (?:of|out of) (?:the |our |their |my )?\\d+', 'only; of'),
  // Works for some and not others: "fine for most stores but not for the two in Ireland".
  form('bug', 2, 'but not (?:for |on |in |with )?(?:others|the others|the rest|everyone|all of them|the \\p{L}+ in)', 'but; not'),
  // Out of the blue: "all of a sudden the rota is empty", "for some reason it logs them out".
  form('bug', 2, 'all of a sudden|suddenly|out of the blue|for some reason|at random', 'sudden suddenly blue reason random'),

  // Cut short: "the address gets cut off" — not the deadline ("before the cut-off", "cut-off time").
  form('bug', 3, '(?<!(?:the|a|before|after|by|until|past|miss|missed) )cut off(?! (?:time|times|date|dates|day|days|point|for))', 'cut'),

  // ── confusion: not knowing which is which ──
  // "they cant tell if missing dishes are the server or the system", "didnt know whether".
  form('confusion', 3, '(?:cant|cannot|can not|couldnt|could not|dont|do not|didnt|did not) (?:tell|know|work out) (?:if|whether|which|what|who|how|why|when)', 'tell know work; if whether which what who how why when'),
  // A question reported as asked, without "if": "asked can one add-on group be shared…", "asked does it…"
  // (not "asked can you…", "asked could we…": those ask the vendor).
  form('confusion', 2.5, '(?:asked|asks|asking|wondering|wondered)[,:]? (?:can|could|does|do|is|are|will|should|would)(?! (?:you|u|yall|we|your)(?![\\p{L}\\p{N}]))(?= \\p{L})', 'asked asks asking wondering wondered; can could does do is are will should would'),

  // ── other: praise and churn told plainly ──
  // "not sure were worth it for a single site", "not worth the money" (not "would be worth it if…").
  form('other', 3.5, '(?:not sure )?(?:(?:we|were|its|it is|you|youre|they|this|that)(?: are| is)? )?(?:not )?(?<!(?:would|might|could|be) )worth (?:it|the (?:money|price|cost|fee|spend)|paying(?: for)?|what (?:they|we) pay)', 'worth'),
  // Looking at someone else: "is looking at Square", "have been trialling another tool".
  form('other', 2.5, '(?:is|are|were|was|been|started|start) (?:looking at|trialling|trialing|demoing|piloting) (?!the |a |an |our |their |your |it |how |why |what |whether |if |this |that |ways |options? |moving |adding |getting )\\p{L}+', 'looking trialling trialing demoing piloting'),
  // Praise: "the new editor is so much easier" (not "would be so much easier if…", not "was faster before").
  form('other', 3, '(?:is|are|its|it is|feels|looks) (?:so much|much|way|a lot|loads|heaps) (?:easier|better|faster|quicker|simpler|nicer|clearer)(?! (?:if|when|before|to have|than it was))', 'easier better faster quicker simpler nicer clearer'),
  // Time saved, in the past: "saved me a whole evening" (not "would save").
  form('other', 3, '(?:has |have |already )?saved (?:me|us|them|her|him|the team|their team|our team) (?:a |an |the |\\d|hours|days|so much|loads|time)', 'saved'),

  // ── pain point: the effort told as time, waiting and workarounds ──
  // "we go back to paper", "fall back to a spreadsheet" (the cues know "gone back to", "went back to").
  form('pain-point', 2.5, '(?:go|goes|going|fall|falls|fell|falling) back to (?:using )?(?:paper|pen|excel|a spreadsheet|spreadsheets|email|whatsapp|the phone|phones|a whiteboard|whiteboards|notepads?|clipboards?|post its|manual|the old|their old|our old)', 'back'),
  // Working on paper: "paper checklists", "using paper" ("on paper" is a cue).
  form('pain-point', 2, '(?:with|using) paper|paper (?:checklists?|forms?|lists?|notes?|copies|records?|diar(?:y|ies)|rotas?|logs?|trails?|based)', 'paper'),
  // Waiting: "waiting for the pipeline to fail", "wait ages for it to load".
  form('pain-point', 2.5, '(?:waiting|wait|waits|waited) (?:for )?(?:\\p{L}+ ){0,3}?(?:to (?:fail|finish|load|complete|run|sync|come back|refresh|upload|download|print|process|go through)|for ages|forever|ages)', 'waiting wait waits waited'),
  // "spinner for ages", "spend ages working out".
  form('pain-point', 2.5, '(?:for|takes|took|taking|spend|spends|spent|spending) ages', 'ages'),
  // Hunting for the fault is the pain, not the fault: "finding the error in a huge log is painful".
  form('pain-point', 3, '(?:find|finding|spot|spotting|locate|locating|track down|tracking down|dig out|digging out|hunt for|hunting for|search for|searching for|work out|working out|figure out|figuring out) (?:the |an |a |which |what |where |whose )?(?:\\p{L}+ )?(?:error|errors|failure|failures|bug|bugs|problem|problems|issue|issues|mistake|mistakes|typo|typos|culprit)', 'error errors failure failures bug bugs problem problems issue issues mistake mistakes typo typos culprit'),
  // Time eaten, people added: "eats 10 minutes", "an extra person on the pass", "double checks every ticket"
  // (not "theyd eat the fee").
  form('pain-point', 2.5, '(?:eats|eat|ate|eating) (?:up |into )?(?:[\\p{L}\\p{N}]+ ){0,2}?(?:hours?|minutes?|mins?|days?|mornings?|afternoons?|evenings?|weeks?|time)', 'eats eat ate eating; hour hours minute minutes min mins day days morning mornings afternoon afternoons evening evenings week weeks time'),
  form('pain-point', 2, 'extra (?:person|people|staff|step|steps|click|clicks|hour|hours|day|days|shift|shifts|work|admin)|(?:double|triple) check\\p{L}*', 'extra double triple'),
  // How long a task takes, said in words: "takes her half a day", "took them the whole afternoon".
  form('pain-point', 2.5, '(?:takes|took|taking|take) (?:us |them |her |him |me |the team |someone )?(?:about |around |over |nearly |almost |like |a good |at least )?(?:half an? |an? |a whole |the whole |all |two |three |several |most of (?:the |a )?)(?:hour|hours|day|days|morning|afternoon|evening|week|weekend)', 'takes took taking take; hour hours day days morning afternoon evening week weekend'),
  // Relying on people to remember: "someone has to remember to switch it off".
  form('pain-point', 1.5, 'remember to|remembering to|remembers to', 'remember remembering remembers'),
  // Finding out what is wrong is the work, not the fault: "plumbers turn up without knowing whats wrong".
  form('pain-point', 2, '(?:knowing|know|tell|telling|see|seeing|find out|finding out|work out|working out|figure out|figuring out|diagnose|diagnosing) (?:what|whats|what is|what was|what went|whats gone|what has gone) wrong', 'wrong'),
  // People getting it wrong is the product being error-prone, not broken: "when a tenant pays with the wrong
  // reference", "staff keep picking the wrong site".
  form(
    'pain-point',
    2.5,
    `(?:${PEOPLE}|customers?|clients?|tenants?|users?|guests?|buyers?|patients?|parents?|drivers?|reps?|members?) (?:keep |often |sometimes |always |still )?` +
      '(?:pays?|paid|uses?|used|using|enters?|entered|entering|types?|typed|typing|picks?|picked|picking|selects?|selected|selecting|chooses|chose|choosing|books?|booked|booking|clicks?|clicked|clicking|puts?|put|putting) (?:in |with |on |into )?(?:the |a )?wrong',
    'wrong',
  ),
  // Handling what failed is the work: "chasing failed payments", "rerunning the flaky jobs by hand".
  form(
    'pain-point',
    3,
    '(?:chase|chases|chasing|follow up on|following up on|retry|retrying|rerun|reruns|rerunning|re run|re running|resend|resending|sort out|sorting out|deal with|dealing with|handle|handling|clean up|cleaning up) ' +
      '(?:the |all the |all |every |each |our |their |those )?(?:failed|failing|declined|bounced|rejected|missed|broken|flaky|duplicate|duplicated) \\p{L}+',
    'failed failing declined bounced rejected missed broken flaky duplicate duplicated',
  ),
  // Questions the product causes: "clients email me asking where to join", "30 emails a week from parents asking what".
  form('pain-point', 2.5, '(?:emails?|calls?|rings?|messages?|tickets?|questions?|complaints?|phones?|texts?)(?: (?:a|per|every) (?:day|week|month))? (?:me |us |them |in |from (?:\\p{L}+ ){0,2})?asking (?:what|where|how|why|when|if|whether|which|who)', 'asking'),
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
  // Not after "who", "which", "what": "a log of who changed settings" names a record, it tells no event.
  '(?<![\\p{L}\\p{N}])(?<!(?:who|which|what|whoever|whatever)\\s)(?:(?:is|are|was|were|keeps|keep|kept)\\s+(?!going|looking|hoping|planning|trying|asking|wanting|waiting|using|thinking|working|considering)\\p{L}{3,}ing|' +
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
