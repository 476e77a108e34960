/**
 * The signal Inbox's reads (resolver keys `signals.inbox` and `signals.cluster`) and the shapes every `signals.*`
 * answer shares: a cluster's summary, a signal with why it is where it is, and the caller's change they can undo.
 *
 * Each read asks Jira whether the caller may browse the project (access.ts) in parallel with its SQL reads: the
 * Inbox page is 2 statements (the page, the caller's last change with its clusters' titles), the cluster view 3
 * (the cluster, its members, the clusters most like it with the terms they share), all sent at once.
 */
import type { z } from 'zod';
import type { ClusterSummary, Contract, InboxSignal, ResolverOutput } from '../../contract';
import { AppError } from '../../errors';
import { displayNamesOf } from '../../jira/users';
import { getCluster, inboxPage, similarOpenClusters, type ClusterRead } from '../../store/cluster-repository';
import { lastClusterChange, type ClusterChange } from '../../store/cluster-change-repository';
import { clusterMembers } from '../../store/signal-reads';
import type { ClusterReason, SignalClustering } from '../../store/signal-repository';
import { requireSignalReader } from './access';

type InputOf<K extends keyof Contract> = z.output<Contract[K]['input']>;
type UndoableChange = NonNullable<ResolverOutput<'signals.inbox'>['undoable']>;

/** How many similar clusters the cluster view offers. */
export const SIMILAR_CLUSTERS_SHOWN = 5;

/** Unix ms as ISO; a value no Date can hold (a damaged row) reads as the epoch rather than failing the page. */
const isoOf = (ms: number): string => new Date(Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : 0).toISOString();

const CONCEPT_PREFIX = '~';

/** Terms and concept terms apart, concepts without their `~` (the contract's `sharedConcepts`). */
function termsAndConcepts(terms: readonly string[], concepts: readonly string[] = []): { sharedTerms: string[]; sharedConcepts: string[] } {
  const sharedConcepts = new Set(concepts.map((c) => (c.startsWith(CONCEPT_PREFIX) ? c.slice(1) : c)));
  const sharedTerms: string[] = [];
  for (const term of terms) {
    if (term.startsWith(CONCEPT_PREFIX)) sharedConcepts.add(term.slice(1));
    else sharedTerms.push(term);
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

function reasonDto(reason: ClusterReason, names: ReadonlyMap<string, string>): NonNullable<InboxSignal['reason']> {
  return {
    how: reason.how,
    by: reason.how === 'moved' ? (reason.by !== undefined ? (names.get(reason.by) ?? 'someone no longer in Jira') : 'someone') : null,
    score: reason.score !== undefined && Number.isFinite(reason.score) ? reason.score : null,
    ...termsAndConcepts(reason.sharedTerms, reason.sharedConcepts),
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
    reason: member.clusterReason ? reasonDto(member.clusterReason, names) : null,
    pending: member.clusterId === undefined || member.clusteredAt === undefined,
    version: member.version,
  };
}

/** One page of the Inbox, with whether the caller may triage and their change to undo. */
export async function signalsInbox(input: InputOf<'signals.inbox'>, accountId: string): Promise<ResolverOutput<'signals.inbox'>> {
  const [access, page, last] = await Promise.all([
    requireSignalReader(input.projectKey),
    inboxPage({
      state: input.state,
      sort: input.sort,
      limit: input.pageSize,
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.customer !== undefined ? { customer: input.customer } : {}),
      ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
    }),
    lastClusterChange(accountId),
  ]);
  return {
    clusters: page.clusters.map(clusterSummary),
    nextCursor: page.nextCursor ?? null,
    canTriage: access.canTriage,
    // Someone who can no longer triage cannot undo either: the button would only be refused.
    undoable: access.canTriage && last ? undoableOf(last) : null,
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
  const names = await moversOf(members);
  // The query was the cluster's summed terms: over its own signal count, the score is centroid against centroid.
  const ownSignals = Math.max(cluster.signalCount, 1);
  return {
    cluster: clusterSummary(cluster),
    signals: members.map((m) => inboxSignal(m, names)),
    similar: similar.map((s) => ({
      cluster: clusterSummary(s.cluster),
      score: Number.isFinite(s.score) ? s.score / ownSignals : 0,
      ...termsAndConcepts(s.sharedTerms),
    })),
    canTriage: access.canTriage,
  };
}
