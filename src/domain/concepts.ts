/**
 * The concept list: words that mean the same thing in a product, mapped to one concept ("spreadsheet", "csv",
 * "xlsx", "excel", "download" → `export`), so that two customers who describe one problem in different words
 * still share an index term (`signal-features.ts` adds each concept a signal mentions as a term `~export`).
 *
 * - A concept's words are matched on the same normalised terms the tokenizer gives (`terms.ts`: NFKC,
 *   lowercase, light stemming), so "Spreadsheets" matches "spreadsheet". A word of several tokens
 *   ("dark mode", "single sign on") matches those tokens in a row.
 * - DEFAULT_CONCEPTS are general SaaS defaults, not tuned to any one product. Words that are everywhere in
 *   feedback ("app", "data", "page") are deliberately left out: a concept that every signal has would make
 *   unrelated signals look alike, and precision matters more than recall here.
 * - The list is a stored setting (checked by `validateConceptList`; the zod schema around it is
 *   `conceptListSchema` in scripts/signals.ts until the store or contract takes it: the domain imports no
 *   library), edited on the settings page, and it grows from confirmed merges (`learnFromMerge`), not from
 *   tuning.
 *
 * Pure and deterministic: the same list and text always give the same concepts.
 */
import { stem, tokenize, type WeightedTerm } from './terms';

/** The prefix of a concept's index term: `~export`. No token can start with it (tokens are letters and numbers). */
export const CONCEPT_PREFIX = '~';
/** A concept id is at most 63 characters, so `~id` fits the term column (VARCHAR(64)). */
export const MAX_CONCEPT_ID_LENGTH = 63;
/** How many confirmed merges must show a word pair before the pair becomes synonyms (see learnFromMerge). */
export const MERGES_TO_LEARN = 3;
/** How many distinguishing terms of each side a merge counts as evidence (the heaviest ones). */
export const DISTINGUISHING_TERMS_PER_SIDE = 5;
/** The most word pairs kept as evidence in a stored list (the weakest, then the oldest-named, are dropped). */
export const MAX_EVIDENCE_PAIRS = 500;

export interface Concept {
  /** Lowercase letters, numbers and dashes, e.g. `export`, `sso`. */
  id: string;
  /** The words and phrases that mean it, as people write them ("spreadsheet", "dark mode"). */
  words: string[];
}

/** Evidence from confirmed merges: two terms (a < b) seen on opposite sides of `count` confirmed merges. */
export interface PairEvidence {
  a: string;
  b: string;
  count: number;
}

export interface ConceptList {
  version: 1;
  concepts: Concept[];
  /** Word pairs seen in confirmed merges that have not (yet) become synonyms. */
  evidence: PairEvidence[];
}

/** A concept id: lowercase letters (any script), numbers and dashes, starting with a letter or number. */
export const CONCEPT_ID_PATTERN = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}-]*$/u;
export const MAX_CONCEPTS = 500;
export const MAX_WORDS_PER_CONCEPT = 200;
export const MAX_WORD_LENGTH = 100;

export interface ConceptListIssue {
  /** Where, as a path into the value: ['concepts', 3, 'words', 0]. */
  path: Array<string | number>;
  message: string;
}

/**
 * Checks a value (a stored setting, the settings page's form) as a concept list: every issue, with its path.
 * Pure, so the domain stays free of a schema library; the zod schema the store and contract use wraps it
 * (`z.unknown().superRefine(…validateConceptList…)`, see scripts/signals.ts). A missing `evidence` is none.
 */
export function validateConceptList(value: unknown): { ok: true; list: ConceptList } | { ok: false; issues: ConceptListIssue[] } {
  const issues: ConceptListIssue[] = [];
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(value)) return { ok: false, issues: [{ path: [], message: 'a concept list is an object' }] };
  if (value.version !== 1) issues.push({ path: ['version'], message: 'version must be 1' });
  const concepts = value.concepts;
  if (!Array.isArray(concepts)) issues.push({ path: ['concepts'], message: 'concepts must be a list' });
  else {
    if (concepts.length > MAX_CONCEPTS) issues.push({ path: ['concepts'], message: `at most ${MAX_CONCEPTS} concepts` });
    const seen = new Set<string>();
    concepts.forEach((concept: unknown, i) => {
      if (!isRecord(concept)) return issues.push({ path: ['concepts', i], message: 'a concept is an object with an id and words' });
      const { id, words } = concept;
      if (typeof id !== 'string' || id.length === 0 || id.length > MAX_CONCEPT_ID_LENGTH || !CONCEPT_ID_PATTERN.test(id)) {
        issues.push({ path: ['concepts', i, 'id'], message: `a concept id is 1–${MAX_CONCEPT_ID_LENGTH} lowercase letters, numbers and dashes` });
      } else if (seen.has(id)) issues.push({ path: ['concepts', i, 'id'], message: `concept ${id} is listed twice` });
      else seen.add(id);
      if (!Array.isArray(words) || words.length === 0 || words.length > MAX_WORDS_PER_CONCEPT) {
        issues.push({ path: ['concepts', i, 'words'], message: `a concept has 1–${MAX_WORDS_PER_CONCEPT} words` });
      } else {
        words.forEach((word: unknown, k) => {
          if (typeof word !== 'string' || word.trim().length < 2 || word.length > MAX_WORD_LENGTH || tokenize(word).length === 0) {
            issues.push({ path: ['concepts', i, 'words', k], message: `a word is 2–${MAX_WORD_LENGTH} characters with at least one letter or number` });
          }
        });
      }
      return undefined;
    });
  }
  const evidence = value.evidence ?? [];
  if (!Array.isArray(evidence) || evidence.length > MAX_EVIDENCE_PAIRS) {
    issues.push({ path: ['evidence'], message: `evidence is a list of at most ${MAX_EVIDENCE_PAIRS} pairs` });
  } else {
    evidence.forEach((pair: unknown, i) => {
      const ok =
        isRecord(pair) &&
        typeof pair.a === 'string' && pair.a.length > 0 && pair.a.length <= 64 &&
        typeof pair.b === 'string' && pair.b.length > 0 && pair.b.length <= 64 &&
        typeof pair.count === 'number' && Number.isInteger(pair.count) && pair.count >= 1;
      if (!ok) issues.push({ path: ['evidence', i], message: 'a pair is { a, b, count ≥ 1 }' });
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const list = value as unknown as ConceptList;
  return {
    ok: true,
    list: {
      version: 1,
      concepts: list.concepts.map(({ id, words }) => ({ id, words: words.map((w) => w.trim()) })),
      evidence: (list.evidence ?? []).map(({ a, b, count }) => ({ a, b, count })),
    },
  };
}

const c = (id: string, words: string): Concept => ({ id, words: words.split(',').map((w) => w.trim()).filter((w) => w.length > 0) });

/** General SaaS defaults. Each word belongs to one concept only. */
export const DEFAULT_CONCEPTS: ConceptList = {
  version: 1,
  concepts: [
    c('export', 'export, spreadsheet, csv, xlsx, xls, excel, download, extract, dump'),
    c('import', 'import, upload, bulk upload, migrate, migration, onboard data, load data'),
    c('notification', 'notification, notify, alert, email notification, reminder, digest, push notification, ping'),
    c('permission', 'permission, role, access, access control, admin rights, read only, viewer, editor role, privilege, restrict, visibility'),
    c('login', 'login, log in, sign in, signin, logon, sso, single sign on, saml, okta, password, 2fa, mfa, two factor, authentication, locked out, logged out, azure ad, active directory'),
    c('performance', 'slow, slowness, performance, lag, laggy, latency, timeout, time out, timed out, loading, spinner, freeze, freezes, frozen, hang, sluggish, speed, unresponsive, load time, loading time'),
    c('mobile', 'mobile, phone, ios, android, iphone, ipad, tablet, mobile app, smartphone'),
    c('integration', 'integration, integrate, sync, connector, zapier, slack, salesforce, hubspot, jira, github, gitlab, xero, quickbooks, netsuite, sage, datev, google drive, microsoft teams, outlook, gmail, shopify'),
    c('report', 'report, reporting, dashboard, chart, graph, analytics, metric, kpi, insight, visualisation, visualization'),
    c('billing', 'billing, pricing, price, subscription, receipt'),
    c('search', 'search, filter, find, lookup, look up, query, sort, search bar'),
    c('bulk', 'bulk, batch, mass, at once, one by one, one at a time, in one go, multi select, multiselect, select all, all of them'),
    c('calendar', 'calendar, schedule, scheduling, due date, deadline, reminder date, timezone, time zone, ical'),
    c('weekday', 'monday, tuesday, wednesday, thursday, friday, saturday, sunday, weekday, weekend, mon, tue, tues, wed, thu, thur, thurs, fri, sat, sun'),
    c('currency', 'currency, multi currency, exchange rate, fx, conversion, usd, eur, euro, gbp, aud, cad, chf, jpy, sek, nok, dkk, sgd'),
    c('duplicate', 'duplicate, twice, double, doubled, two times, dedupe, deduplicate'),
    c('customise', 'customise, customize, customisable, customizable, configure, configurable, personalise, personalize, choose, pick, preference'),
    c('approval', 'approve, approval, approver, sign off, signoff, review step, four eyes'),
    c('messaging', 'sms, text message, whatsapp, messenger, telegram, wechat, imessage'),
    c('document', 'pdf, document, attachment, zip, file, files'),
    c('security', 'security, soc2, soc 2, iso 27001, pen test, penetration test, gdpr, compliance, encryption, vulnerability'),
    c('api', 'api, webhook, endpoint, rest api, graphql, rate limit, token, sdk'),
    c('localisation', 'language, translation, translate, localisation, localization, locale, i18n, multilingual, spanish, french, german, portuguese, japanese, right to left'),
    c('theme', 'dark mode, theme, light mode, contrast, colour, color, branding, brand, font, logo'),
    c('template', 'template, preset, boilerplate, duplicate template'),
    c('audit', 'audit, audit log, history, changelog, activity log, version history, track changes'),
    c('accessibility', 'accessibility, screen reader, keyboard navigation, wcag, a11y'),
    c('onboarding', 'onboarding, tutorial, walkthrough, getting started, documentation, docs, help article, guide'),
    c('user-management', 'invite, seat, deactivate, offboard, team member, user management, provisioning, scim'),
    c('intermittent', 'intermittent, intermittently, flaky, flakey, flakiness, randomly, sporadic, sporadically, unreliable, unstable, inconsistent, hit and miss, now and then, every so often'),
    c('retry', 'retry, retries, rerun, re run, reruns, try again, resubmit'),
    c('offline', 'offline, no signal, no internet, no connection, no coverage, no reception, connectivity, poor signal, bad signal, dead zone, lost connection, internet connection'),
    c('image', 'photo, picture, image, screenshot, snapshot, camera, selfie'),
    c('location', 'location, locations, multi location, multi site, multiple sites, second site, branch office, branches, franchise, geolocation, gps, geocode, geocoding, coordinates, map pin'),
    c('cost', 'cost, costs, costing, expense, expenses, spend, spending, profitability, profit, margin, budget'),
    c('usage', 'usage, quota, consumption, overage, allowance, spending cap, usage limit'),
    c('waitlist', 'waitlist, wait list, waiting list, queue, queued, standby'),
    c('form', 'form, forms, questionnaire, survey, intake form, checklist, fill in, fill out'),
    c('video', 'video, video call, zoom, google meet, teams call, virtual, webinar, meeting link, video link'),
    c('chat', 'chat, live chat, in app chat, instant message, instant messaging'),
    c('secret', 'secret, secrets, credential, credentials, api key, api keys, env var, env vars, environment variable, environment variables, vault'),
    c('conflict', 'overlap, overlaps, overlapping, clash, clashes, clashing, conflict, conflicts, conflicting, double booked, double booking, double bookings, double book, overbooked, overbooking'),
    c('recurring', 'recurring, recurrence, repeat, repeating, repeated, series, every week'),
    c('capacity', 'capacity, overload, overloaded, overcapacity, max load, maximum load, too many'),
    c('retention', 'retention, retain, retained, archive, archived, archiving, purge, purged'),
  ],
  evidence: [],
};

/** A word or phrase as the tokenizer's terms: "Spreadsheets" → ["spreadsheet"], "Dark mode" → ["dark", "mode"]. */
export function normaliseWord(word: string): string[] {
  return tokenize(word).map(stem);
}

/** A compiled list: single-term words in a map, phrases by their first term. Built once per list and cached. */
interface CompiledConcepts {
  single: Map<string, string[]>;
  phrases: Map<string, Array<{ rest: string[]; id: string }>>;
}

const compiled = new WeakMap<ConceptList, CompiledConcepts>();

function compile(list: ConceptList): CompiledConcepts {
  const cached = compiled.get(list);
  if (cached) return cached;
  const single = new Map<string, string[]>();
  const phrases = new Map<string, Array<{ rest: string[]; id: string }>>();
  for (const concept of list.concepts) {
    for (const word of concept.words) {
      const parts = normaliseWord(word);
      if (parts.length === 0) continue;
      if (parts.length === 1) {
        const ids = single.get(parts[0]!) ?? [];
        if (!ids.includes(concept.id)) ids.push(concept.id);
        single.set(parts[0]!, ids);
      } else {
        const list2 = phrases.get(parts[0]!) ?? [];
        list2.push({ rest: parts.slice(1), id: concept.id });
        phrases.set(parts[0]!, list2);
      }
    }
  }
  const result = { single, phrases };
  compiled.set(list, result);
  return result;
}

/**
 * The concepts a text mentions, with how many times and through which words (normalised terms or phrases),
 * sorted by concept id.
 */
export function conceptHits(text: string, list: ConceptList): Array<{ id: string; count: number; words: string[] }> {
  const { single, phrases } = compile(list);
  const tokens = normaliseWord(text);
  const hits = new Map<string, { count: number; words: Set<string> }>();
  const hit = (id: string, word: string) => {
    const entry = hits.get(id) ?? { count: 0, words: new Set<string>() };
    entry.count += 1;
    entry.words.add(word);
    hits.set(id, entry);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    for (const id of single.get(token) ?? []) hit(id, token);
    for (const phrase of phrases.get(token) ?? []) {
      if (phrase.rest.every((part, k) => tokens[i + 1 + k] === part)) hit(phrase.id, [token, ...phrase.rest].join(' '));
    }
  }
  return [...hits]
    .map(([id, { count, words }]) => ({ id, count, words: [...words].sort() }))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

export const conceptTerm = (id: string): string => `${CONCEPT_PREFIX}${id}`;
export const isConceptTerm = (term: string): boolean => term.startsWith(CONCEPT_PREFIX);

/** The concept ids whose words include this single word, matched as the list matches text (normaliseWord). */
function conceptsOfTerm(list: ConceptList, term: string): string[] {
  const parts = normaliseWord(term);
  return parts.length === 1 ? (compile(list).single.get(parts[0]!) ?? []) : [];
}

const byTerm = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Learns from a person confirming that two clusters are the same (a merge), given each cluster's terms.
 *
 * The rule (conservative, so that a word joins a concept only on repeated evidence, never from one merge):
 * 1. The *distinguishing* terms of each side are its terms the other side does not have — leaving out concept
 *    terms (`~…`), terms of fewer than 3 characters and numbers — and of those only the
 *    DISTINGUISHING_TERMS_PER_SIDE heaviest (ties by term): the words that carry each cluster.
 * 2. Every pair (one distinguishing term of A, one of B) gains one count of evidence, unless the two are already
 *    in one concept (nothing to learn) or each is in a different concept (two concepts are never joined
 *    automatically: a person can do that on the settings page). The same pair counts once per merge.
 * 3. When a pair's count reaches MERGES_TO_LEARN (3 confirmed merges), it becomes synonyms and leaves the
 *    evidence: if one term is in a concept and the other in none, the other joins that concept; if neither is
 *    in any, a new concept is made, named by the first of the two (by code point), with both words.
 * 4. The evidence is bounded (MAX_EVIDENCE_PAIRS): beyond it, the pairs with the lowest counts are dropped
 *    (ties: the last by term), so the stored setting stays small.
 *
 * Pure: returns a new list, the given one is not changed. Learning the same merge again counts again — the
 * caller records each confirmed merge once.
 *
 * The clusters' terms are index stems ("invoic"), which the concept list's own matching (light `stem` of the
 * text's words) would never find again: `wordOf` gives the word the signals wrote for each, and that word is what
 * is counted and learned. `exclude` names terms never to learn — the customers' names, which distinguish two
 * clusters without meaning anything about the need ("download" ↔ "halcyon").
 */
export function learnFromMerge(
  list: ConceptList,
  termsA: readonly WeightedTerm[],
  termsB: readonly WeightedTerm[],
  options: { wordOf?: (term: string) => string; exclude?: ReadonlySet<string> } = {},
): ConceptList {
  const wordOf = options.wordOf ?? ((term: string) => term);
  const exclude = options.exclude ?? new Set<string>();
  const namesA = new Set(termsA.map((t) => t.term));
  const namesB = new Set(termsB.map((t) => t.term));
  const distinguishing = (own: readonly WeightedTerm[], other: Set<string>): string[] => {
    const best = new Map<string, number>();
    for (const { term, weight } of own) {
      if (other.has(term) || exclude.has(term) || isConceptTerm(term) || term.length < 3 || /^\p{N}+$/u.test(term)) continue;
      best.set(term, Math.max(best.get(term) ?? 0, weight));
    }
    return [...best]
      .sort((x, y) => y[1] - x[1] || byTerm(x[0], y[0]))
      .slice(0, DISTINGUISHING_TERMS_PER_SIDE)
      .map(([term]) => wordOf(term).toLowerCase());
  };
  const onlyA = distinguishing(termsA, namesB);
  const onlyB = distinguishing(termsB, namesA);

  const concepts = list.concepts.map((concept) => ({ id: concept.id, words: [...concept.words] }));
  const evidence = new Map<string, PairEvidence>(list.evidence.map((e) => [`${e.a}\u0000${e.b}`, { ...e }]));
  const working: ConceptList = { version: 1, concepts, evidence: [] };

  const seenThisMerge = new Set<string>();
  for (const x of onlyA) {
    for (const y of onlyB) {
      if (x === y) continue;
      const [a, b] = byTerm(x, y) <= 0 ? [x, y] : [y, x];
      const key = `${a}\u0000${b}`;
      if (seenThisMerge.has(key)) continue;
      seenThisMerge.add(key);
      const conceptsA = conceptsOfTerm(working, a);
      const conceptsB = conceptsOfTerm(working, b);
      if (conceptsA.some((id) => conceptsB.includes(id))) continue; // already synonyms
      if (conceptsA.length > 0 && conceptsB.length > 0) continue; // in different concepts: a person joins those
      const entry = evidence.get(key) ?? { a, b, count: 0 };
      entry.count += 1;
      evidence.set(key, entry);
      if (entry.count < MERGES_TO_LEARN) continue;
      evidence.delete(key);
      if (conceptsA.length > 0 || conceptsB.length > 0) {
        const id = (conceptsA[0] ?? conceptsB[0])!;
        const word = conceptsA.length > 0 ? b : a;
        concepts.find((concept) => concept.id === id)!.words.push(word);
      } else {
        const id = uniqueId(concepts, a);
        concepts.push({ id, words: [a, b] });
      }
      compiled.delete(working); // the words changed: compile again on the next lookup
    }
  }

  const kept = [...evidence.values()].sort((x, y) => y.count - x.count || byTerm(x.a, y.a) || byTerm(x.b, y.b)).slice(0, MAX_EVIDENCE_PAIRS);
  kept.sort((x, y) => byTerm(x.a, y.a) || byTerm(x.b, y.b));
  return { version: 1, concepts, evidence: kept };
}

/** A concept id from a term: lowercase letters, numbers and dashes, unique in the list. */
function uniqueId(concepts: readonly Concept[], term: string): string {
  const base = (term.toLowerCase().replace(/[^\p{Ll}\p{Lo}\p{N}-]+/gu, '-').replace(/^-+/, '') || 'concept').slice(0, MAX_CONCEPT_ID_LENGTH - 3);
  const taken = new Set(concepts.map((concept) => concept.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
