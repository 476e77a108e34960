/**
 * The signal Inbox's reads (resolver keys `signals.inbox` and `signals.cluster`) and the shapes every `signals.*`
 * answer shares: a cluster's summary, a signal with why it is where it is, and the caller's change they can undo.
 *
 * Each read asks Jira whether the caller may browse the project (access.ts) in parallel with its SQL reads: the
 * Inbox's first page is 5 statements in 2 round trips (tabReads), the Parking lot, Routed and Declined 6 for a
 * triager (their decisions' notification state joins the second round); the cluster view 4 (the cluster, its
 * members, the clusters most like it, all at once; then the terms that score them).
 */
import type { z } from 'zod';
import type { ClusterSummary, Contract, InboxSignal, ResolverOutput } from '../../contract';
import { INBOX_STATES, TREND_WEEKS, inboxAgeDays, type ClusterDetails, type TabCounts } from '../../contract/signals';
import type { ParkingThresholds } from '../../domain/routing';
import { triageRules } from '../settings/triage-rules';
import { AppError } from '../../errors';
import { displayNamesOf } from '../../jira/users';
import { clusterCountsByState, getCluster, inboxPage, similarOpenClusters, type ClusterRead } from '../../store/cluster-repository';
import { getRouteDecisionsWithEffects, type RouteDecisionWithEffect } from '../../store/routing-decision-repository';
import { lastClusterChange, type ClusterChange } from '../../store/cluster-change-repository';
import { clusterMembers, weeklySignalCounts } from '../../store/signal-reads';
import { deliveriesOfStandingDecisions } from '../../store/notification-repository';
import { termsOfClusters } from '../../store/term-repository';
import { scoreCandidate } from '../../domain/clustering';
import type { WeightedTerm } from '../../domain/terms';
import { wordsOfTerms } from '../../domain/signal-features';
import type { ClusterReason, SignalClustering } from '../../store/signal-repository';
import { clock } from '../clock';
import { requireSignalReader } from './access';
import { notificationStatesFrom, type NotificationState } from './notify-raisers';
import { decisionDtoOf, notificationDtoOf } from './routing-dto';

type InputOf<K extends keyof Contract> = z.output<Contract[K]['input']>;
type UndoableChange = NonNullable<ResolverOutput<'signals.inbox'>['undoable']>;

/** How many similar clusters the cluster view offers. */
export const SIMILAR_CLUSTERS_SHOWN = 5;

/** Unix ms as ISO; a value no Date can hold (a damaged row) reads as the epoch rather than failing the page. */
const isoOf = (ms: number): string => new Date(Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : 0).toISOString();

const CONCEPT_PREFIX = '~';

/** Terms and concept terms apart, concepts without their `~` (the contract's `sharedConcepts`). */
/**
 * Shared index terms as a person reads them: concepts apart, and each stem as the word the signals wrote
 * (`words`, from wordsOfTerms: "invoic" → "invoices"); a stem the texts at hand do not contain stays as it is.
 */
function termsAndConcepts(
  terms: readonly string[],
  concepts: readonly string[] = [],
  words: ReadonlyMap<string, string> = new Map(),
): { sharedTerms: string[]; sharedConcepts: string[] } {
  const sharedConcepts = new Set(concepts.map((c) => (c.startsWith(CONCEPT_PREFIX) ? c.slice(1) : c)));
  const sharedTerms: string[] = [];
  for (const term of terms) {
    if (term.startsWith(CONCEPT_PREFIX)) sharedConcepts.add(term.slice(1));
    else {
      const word = words.get(term) ?? term;
      if (!sharedTerms.includes(word)) sharedTerms.push(word);
    }
  }
  return { sharedTerms, sharedConcepts: [...sharedConcepts] };
}

export function clusterSummary(cluster: ClusterRead): ClusterSummary {
  return {
    id: cluster.id,
    title: cluster.title,
    category: cluster.category ?? null,
    state: cluster.state,
    signalCount: Math.max(0, cluster.signalCount),
    customerCount: Math.max(0, cluster.customerCount),
    arrTotal: Math.max(0, cluster.arrTotal),
    evidenceScore: Number.isFinite(cluster.evidenceScore) ? cluster.evidenceScore : 0,
    firstSeenAt: isoOf(cluster.firstSeenAt),
    lastSeenAt: isoOf(cluster.lastSeenAt),
    version: cluster.version,
  };
}

const quoted = (titles: Record<string, string>, id: string | undefined): string =>
  id !== undefined && titles[id] !== undefined ? `“${titles[id]}”` : 'a cluster that no longer exists';

/** "Merged “CSV export” into “Export to Excel”", "Moved 2 signals from “A” to “B”", "Split 3 signals from “A” into a new cluster “C”". */
export function describeChange(change: ClusterChange): string {
  const [fromId, toId] = change.restore.touched;
  const from = quoted(change.titles, fromId);
  const to = quoted(change.titles, toId);
  const count = change.restore.signals.length;
  const signals = count === 1 ? 'a signal' : `${count} signals`;
  if (change.kind === 'merge') return `Merged ${from} into ${to}`;
  if (change.restore.createdClusterId !== undefined) {
    const created = change.titles[change.restore.createdClusterId] !== undefined ? `a new cluster ${to}` : 'a new cluster';
    return change.kind === 'split' ? `Split ${signals} from ${from} into ${created}` : `Moved ${signals} from ${from} into ${created}`;
  }
  return `Moved ${signals} from ${from} to ${to}`;
}

export const undoableOf = (change: ClusterChange): UndoableChange => ({
  changeId: change.id,
  kind: change.kind,
  description: describeChange(change),
  at: isoOf(change.changedAt),
});

/** The caller's latest change not undone, for the Undo button (one statement). */
export async function undoableFor(accountId: string): Promise<UndoableChange | null> {
  const last = await lastClusterChange(accountId);
  return last ? undoableOf(last) : null;
}

/** Display names of the people who moved these signals (read as the app: see displayNamesOf). */
export async function moversOf(signals: readonly SignalClustering[]): Promise<Map<string, string>> {
  const movers = signals.flatMap((s) => (s.clusterReason?.how === 'moved' && s.clusterReason.by ? [s.clusterReason.by] : []));
  return movers.length > 0 ? displayNamesOf(movers) : new Map();
}

function reasonDto(reason: ClusterReason, names: ReadonlyMap<string, string>, text: string): NonNullable<InboxSignal['reason']> {
  return {
    how: reason.how,
    by: reason.how === 'moved' ? (reason.by !== undefined ? (names.get(reason.by) ?? 'someone no longer in Jira') : 'someone') : null,
    score: reason.score !== undefined && Number.isFinite(reason.score) ? reason.score : null,
    ...termsAndConcepts(reason.sharedTerms, reason.sharedConcepts, wordsOfTerms([text])),
    at: isoOf(reason.at),
  };
}

const CATEGORY_SOURCES = ['suggested', 'confirmed'] as const;

export function inboxSignal(member: SignalClustering, names: ReadonlyMap<string, string>): InboxSignal {
  const { signal } = member;
  const source = CATEGORY_SOURCES.find((s) => s === member.categorySource) ?? null;
  return {
    id: signal.id,
    customer: signal.customer,
    text: signal.text,
    arr: signal.arr !== undefined && signal.arr >= 0 ? signal.arr : null,
    source: signal.source,
    raisedBy: signal.raisedByName,
    receivedAt: isoOf(signal.receivedAt * 1000),
    category: member.category ?? null,
    categorySource: source,
    categoryWords: member.categoryWords ?? [],
    reason: member.clusterReason ? reasonDto(member.clusterReason, names, signal.text) : null,
    pending: member.clusterId === undefined || member.clusteredAt === undefined,
    version: member.version,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The tab counts from clusters per state: the Inbox is `new` (what it lists). */
const tabCounts = (byState: Record<string, number>): TabCounts => ({
  inbox: byState.new ?? 0,
  parking: byState.parked ?? 0,
  routed: byState.routed ?? 0,
  declined: byState.declined ?? 0,
});

/** The tabs that list decided clusters: there, a triager sees who was told of each decision. */
const DECIDED_STATES: ReadonlySet<string> = new Set(['parked', 'routed', 'declined']);

/**
 * A cluster's decision, trend, — parked, or back in the Inbox from the parking lot — its evidence since parking,
 * and (when read: `told` is undefined when it was not) who was told of its decision.
 */
function detailsOf(
  cluster: ClusterRead,
  decision: RouteDecisionWithEffect | undefined,
  trend: number[] | undefined,
  thresholds: ParkingThresholds,
  told: ReadonlyMap<string, NotificationState> | undefined,
): ClusterDetails {
  const parking = decision?.route === 'parking-lot' && decision.parkedAt && (cluster.state === 'parked' || cluster.state === 'new') ? decision.parkedAt : null;
  return {
    decision: decision ? decisionDtoOf(decision, decision.jiraEffectId ? (decision.effect ?? { state: 'absent' }) : undefined) : null,
    trend: trend ?? Array.from({ length: TREND_WEEKS }, () => 0),
    sinceParking: parking
      ? { signals: cluster.signalCount - parking.signals, arr: cluster.arrTotal - parking.arr, thresholds: { ...thresholds } }
      : null,
    notifications: told && decision?.decisionId ? notificationDtoOf(told.get(decision.decisionId)) : null,
  };
}

/** What a tab page reads from Forge SQL (and the settings), before Jira's answer on access is known. */
export interface TabReads {
  page: Awaited<ReturnType<typeof inboxPage>>;
  last: ClusterChange | null;
  counts: TabCounts | null;
  details: Record<string, ClusterDetails>;
}

/**
 * A tab page's reads in two round trips whatever the number of signals: the page, the caller's last change, the
 * counts (first page only) and the parking thresholds at once; then the page's decisions (with their outbox
 * effects) and weekly counts at once — and, on the tabs of decided clusters for a caller who may triage
 * (`withNotifications`), the deliveries of those decisions, one more statement in the same round. Exported for
 * the benchmark (`signals.inbox 1k/100k`).
 */
export async function tabReads(input: InputOf<'signals.inbox'>, accountId: string, now: number, withNotifications = false): Promise<TabReads> {
  return tabSecondRound(await tabFirstRound(input, accountId, now), now, withNotifications && DECIDED_STATES.has(input.state));
}

type FirstRound = Omit<TabReads, 'details'> & { parking: ParkingThresholds };

async function tabFirstRound(input: InputOf<'signals.inbox'>, accountId: string, now: number): Promise<FirstRound> {
  const [page, last, byState, rules] = await Promise.all([
    inboxPage({
      state: input.state,
      sort: input.sort,
      limit: input.pageSize,
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.customer !== undefined ? { customer: input.customer } : {}),
      ...(input.source !== undefined ? { source: input.source } : {}),
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.age !== undefined ? { receivedSince: now - inboxAgeDays(input.age) * DAY_MS } : {}),
      ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
    }),
    lastClusterChange(accountId),
    input.cursor === undefined ? clusterCountsByState(INBOX_STATES) : Promise.resolve(null),
    // The parking lot's thresholds as set on the settings page: "2 of 3 new signals" is shown against them.
    triageRules(),
  ]);
  return { page, last, counts: byState ? tabCounts(byState) : null, parking: rules.parking };
}

async function tabSecondRound(first: FirstRound, now: number, withNotifications: boolean): Promise<TabReads> {
  const { page, parking, ...rest } = first;
  const ids = page.clusters.map((c) => c.id);
  const [decisions, trends, deliveries] =
    ids.length === 0
      ? [new Map<string, RouteDecisionWithEffect>(), new Map<string, number[]>(), undefined]
      : await Promise.all([getRouteDecisionsWithEffects(ids), weeklySignalCounts(ids, now, TREND_WEEKS), withNotifications ? deliveriesOfStandingDecisions(ids) : undefined]);
  const told = deliveries ? notificationStatesFrom(deliveries) : undefined;
  return { ...rest, page, details: Object.fromEntries(page.clusters.map((c) => [c.id, detailsOf(c, decisions.get(c.id), trends.get(c.id), parking, told)])) };
}

/**
 * One page of a signal tab (Inbox, Parking lot, Routed, Declined), with whether the caller may triage, their
 * change to undo, each cluster's decision and trend, and — on the first page — the clusters per tab. Jira is
 * asked about access while the SQL reads run; nothing is answered until it has said yes.
 */
export async function signalsInbox(input: InputOf<'signals.inbox'>, accountId: string): Promise<ResolverOutput<'signals.inbox'>> {
  const now = clock.now().getTime();
  // Jira's answer on access comes with the first round; the second is sent only once it said yes, so a refused
  // caller leaves no reads running behind the refusal.
  const [access, first] = await Promise.all([requireSignalReader(input.projectKey), tabFirstRound(input, accountId, now)]);
  // Who was told of each decision is for those who may triage (the same answer from Jira that shows the actions).
  const reads = await tabSecondRound(first, now, access.canTriage && DECIDED_STATES.has(input.state));
  const { page, last } = reads;
  return {
    clusters: page.clusters.map(clusterSummary),
    nextCursor: page.nextCursor ?? null,
    canTriage: access.canTriage,
    // Someone who can no longer triage cannot undo either: the button would only be refused.
    undoable: access.canTriage && last ? undoableOf(last) : null,
    details: reads.details,
    counts: reads.counts,
  };
}

/** A cluster with its signals and why each is there, and the open clusters most like it. */
export async function signalsCluster(input: InputOf<'signals.cluster'>): Promise<ResolverOutput<'signals.cluster'>> {
  const [access, cluster, members, similar] = await Promise.all([
    requireSignalReader(input.projectKey),
    getCluster(input.clusterId),
    clusterMembers(input.clusterId),
    similarOpenClusters(input.clusterId, SIMILAR_CLUSTERS_SHOWN),
  ]);
  if (!cluster) throw new AppError('not-found', `There is no cluster ${input.clusterId} (an undo or a merge may have removed it). Reload the Inbox.`);
  const [names, terms] = await Promise.all([moversOf(members), termsOfClusters([cluster.id, ...similar.map((s) => s.cluster.id)])]);
  // The terms a similar cluster shares are this cluster's too: its signals' words name them.
  const ownWords = wordsOfTerms(members.map((m) => m.signal.text));
  return {
    cluster: clusterSummary(cluster),
    signals: members.map((m) => inboxSignal(m, names)),
    similar: similar.map((s) => ({
      cluster: clusterSummary(s.cluster),
      score: similarityScore(terms.get(cluster.id) ?? [], cluster.signalCount, terms.get(s.cluster.id) ?? [], s.cluster.signalCount),
      ...termsAndConcepts(s.sharedTerms, [], ownWords),
    })),
    canTriage: access.canTriage,
  };
}

/**
 * How alike two clusters are on the scale a signal's join is scored (0–1, scoreCandidate), so the Inbox shows one
 * kind of score: one cluster's average signal (its summed terms over its count) asked of the other as a candidate.
 * The statement that finds similar clusters ranks them by a raw dot product, which has no fixed scale.
 */
function similarityScore(own: readonly WeightedTerm[], ownCount: number, theirs: readonly WeightedTerm[], theirCount: number): number {
  const n = Math.max(1, ownCount);
  const query = own.map(({ term, weight }) => ({ term, weight: weight / n }));
  const { score } = scoreCandidate(query, { clusterId: 'similar', signalCount: theirCount, matched: [...theirs] });
  return Number.isFinite(score) ? score : 0;
}
