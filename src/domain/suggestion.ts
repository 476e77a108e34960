/**
 * Suggests a work type from what an issue says about itself. Every matched rule adds weight to one work type;
 * the suggestion is the heaviest, its confidence the share of all weight it holds, and its reasons the matched
 * rules in words a person can check. A person always confirms: a suggestion is never written by itself.
 */
import type { SuggestionRules } from './suggestion-rules';
import type { WorkType } from './work-type';
import { WORK_TYPES } from './work-type';

/** How the signal an issue came from was routed in triage. */
export type SignalRoute = 'quick-fix' | 'roadmap' | 'parking-lot' | 'declined' | 'duplicate';

export interface IssueFacts {
  issueType: string;
  labels: readonly string[];
  summary: string;
  /** Plain text of the description; empty when there is none. */
  description: string;
  /** The parent (usually an epic): its summary always, its work type when someone has set it. */
  parent: { summary: string; workType: WorkType | null } | null;
  /** What the issue's recorded origin says: routes of its linked signals, and whether a discovery note led to it. */
  origin: { signalRoutes: readonly SignalRoute[]; fromDiscoveryNote: boolean } | null;
}

export interface Suggestion {
  workType: WorkType;
  /** 0–1: the winner's share of all matched weight. */
  confidence: number;
  reasons: string[];
}

/**
 * Why these weights: the issue type, labels and origin are deliberate choices a person made, so they outweigh
 * words; summary words outweigh description words, which are often boilerplate; a parent's summary is context,
 * not a statement about this issue.
 */
export const SUGGESTION_WEIGHTS = {
  issueType: 3,
  label: 2,
  signalRoute: 3,
  discoveryNote: 2,
  parentWorkType: 2,
  summaryKeyword: 1.5,
  descriptionKeyword: 0.5,
  parentKeyword: 0.5,
} as const;

/** Below this much evidence in all, a suggestion would be a guess from one stray word in a description. */
const MIN_TOTAL_WEIGHT = 1;

interface Evidence {
  workType: WorkType;
  weight: number;
  reason: string;
}

const ROUTE_TO_WORK_TYPE: Partial<Record<SignalRoute, { workType: WorkType; words: string }>> = {
  'quick-fix': { workType: 'Corrective', words: 'a quick-fix signal' },
  roadmap: { workType: 'Innovative', words: 'a roadmap signal' },
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole words, allowing plural and past/continuous endings ("fails", "upgraded", "adding"). */
function keywordPattern(keyword: string): RegExp {
  const words = keyword.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?:s|es|d|ed|ing)?(?![\\p{L}\\p{N}])`, 'iu');
}

const patternCache = new Map<string, RegExp>();
function mentions(text: string, keyword: string): boolean {
  let pattern = patternCache.get(keyword);
  if (!pattern) {
    pattern = keywordPattern(keyword);
    if (patternCache.size > 2000) patternCache.clear();
    patternCache.set(keyword, pattern);
  }
  return pattern.test(text);
}

const lookup = <T>(table: Record<string, T>, name: string): T | undefined => {
  const wanted = name.trim().toLowerCase();
  const entry = Object.entries(table).find(([key]) => key.trim().toLowerCase() === wanted);
  return entry?.[1];
};

function keywordEvidence(rules: SuggestionRules, text: string, weight: number, where: string): Evidence[] {
  if (text.trim() === '') return [];
  const found: Evidence[] = [];
  for (const [keyword, workType] of Object.entries(rules.keywords)) {
    if (mentions(text, keyword)) found.push({ workType, weight, reason: `${where} mentions ${keyword}` });
  }
  return found;
}

export function collectEvidence(facts: IssueFacts, rules: SuggestionRules): Evidence[] {
  const evidence: Evidence[] = [];
  const byType = lookup(rules.issueTypes, facts.issueType);
  if (byType) evidence.push({ workType: byType, weight: SUGGESTION_WEIGHTS.issueType, reason: `${facts.issueType} issue type` });
  for (const label of new Set(facts.labels)) {
    const byLabel = lookup(rules.labels, label);
    if (byLabel) evidence.push({ workType: byLabel, weight: SUGGESTION_WEIGHTS.label, reason: `label \`${label}\`` });
  }
  for (const route of new Set(facts.origin?.signalRoutes ?? [])) {
    const routed = ROUTE_TO_WORK_TYPE[route];
    if (routed) evidence.push({ workType: routed.workType, weight: SUGGESTION_WEIGHTS.signalRoute, reason: `came from ${routed.words}` });
  }
  if (facts.origin?.fromDiscoveryNote) {
    evidence.push({ workType: 'Innovative', weight: SUGGESTION_WEIGHTS.discoveryNote, reason: 'came from a discovery note' });
  }
  if (facts.parent?.workType) {
    evidence.push({ workType: facts.parent.workType, weight: SUGGESTION_WEIGHTS.parentWorkType, reason: `parent is ${facts.parent.workType}` });
  }
  const summaryHits = keywordEvidence(rules, facts.summary, SUGGESTION_WEIGHTS.summaryKeyword, 'summary');
  evidence.push(...summaryHits);
  // A word already counted in the summary is not counted again from the description.
  const inSummary = new Set(summaryHits.map((e) => e.reason.slice('summary mentions '.length)));
  evidence.push(
    ...keywordEvidence(rules, facts.description, SUGGESTION_WEIGHTS.descriptionKeyword, 'description').filter(
      (e) => !inSummary.has(e.reason.slice('description mentions '.length)),
    ),
  );
  if (facts.parent && !facts.parent.workType) {
    evidence.push(...keywordEvidence(rules, facts.parent.summary, SUGGESTION_WEIGHTS.parentKeyword, "parent's summary"));
  }
  return evidence;
}

const roundConfidence = (share: number): number => Math.round(share * 100) / 100;

/**
 * The suggestion, or null when nothing matched, when the evidence is too thin, or when two work types tie for
 * the most weight: a coin flip presented as a suggestion would teach people to ignore suggestions.
 * Reasons list what supports the winner, strongest first, then what pointed elsewhere ("but: …").
 */
export function suggestWorkType(facts: IssueFacts, rules: SuggestionRules): Suggestion | null {
  const evidence = collectEvidence(facts, rules);
  const scores = new Map<WorkType, number>(WORK_TYPES.map((t) => [t, 0]));
  for (const e of evidence) scores.set(e.workType, (scores.get(e.workType) ?? 0) + e.weight);
  const total = [...scores.values()].reduce((sum, s) => sum + s, 0);
  if (total < MIN_TOTAL_WEIGHT) return null;
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [winner, winnerScore] = ranked[0];
  if (ranked[1][1] === winnerScore) return null;
  const byWeight = (a: Evidence, b: Evidence) => b.weight - a.weight;
  const support = evidence.filter((e) => e.workType === winner).sort(byWeight).map((e) => e.reason);
  // "parent is Enabling" already names its type; "summary mentions export" needs it said.
  const against = evidence
    .filter((e) => e.workType !== winner)
    .sort(byWeight)
    .map((e) => (e.reason.includes(e.workType) ? `but ${e.reason}` : `but ${e.reason} (${e.workType})`));
  return { workType: winner, confidence: roundConfidence(winnerScore / total), reasons: [...support, ...against] };
}
