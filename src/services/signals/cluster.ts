/**
 * Clusters a stored signal: the outbox effect `cluster-signal` (after intake, `process.ts`). It categorises the
 * signal (a suggestion, unless a person confirmed a category), indexes its terms and concepts, and either joins
 * the open cluster it is most like or starts a cluster of its own, with the reason written on the signal.
 *
 * Exactly once in effect — delivery is at least once, and a delivery may stop after any statement:
 * - the signal's first clustering is ONE guarded statement (`clustered_at IS NULL`): a second delivery, or a
 *   retry after it, never clusters the signal again; it only finishes the writes that follow (below);
 * - a new cluster's id is derived from the signal's id, and the cluster is created with an upsert that recounts
 *   its evidence from the signals in it — so a retry can neither make a second cluster nor count twice;
 * - every other write sets values outright (terms' weights, evidence recounts), never increments.
 *
 * Statements (SQL) for a new signal: read it, write its terms, the candidates, the first clustering, the
 * evidence (a recount, or the new cluster's upsert), the cluster's terms, and — to join — whether the cluster was
 * parked and now comes back (one read): seven to join; seven to start a cluster
 * (one more look for a cluster started at the same moment, see settleConcurrentStart; more only when it finds
 * one). One KVS read of the concept list per CONCEPT_LIST_CACHE_MS per process. A repeat of a clustered signal:
 * read it, then the evidence and terms of its cluster again (three; four when it started the cluster).
 */
import { createHash } from 'node:crypto';
import { suggestCategory, type CategorySuggestion } from '../../domain/category';
import { assignCluster, DEFAULT_JOIN_THRESHOLD, suggestClusterTitle, type Assignment } from '../../domain/clustering';
import type { ConceptList } from '../../domain/concepts';
import { signalFeatures, wordsOfTerms, type SignalFeatures } from '../../domain/signal-features';
import { SIGNAL_CATEGORIES, type SignalCategory } from '../../domain/signals';
import { deleteEmptyCluster, refreshEvidence, upsertClusterWithEvidence } from '../../store/cluster-repository';
import { clusterMembers } from '../../store/signal-reads';
import { conceptListForClustering } from '../../store/concept-list-store';
import { getSignalClustering, recordFirstClustering, setSignalsCluster, type ClusterReason, type SignalClustering } from '../../store/signal-repository';
import { CANDIDATE_CLUSTERS, clusterCandidates, pruneClusterTerms, refreshClusterTerms, refreshClusterTermsFor, writeSignalTerms } from '../../store/term-repository';
import { clock } from '../clock';
import { returnParkedClusters } from './routing-parking';

/** The cluster a signal starts when it joins none: derived from the signal's id, so a retry finds the same one. */
export const newClusterIdFor = (signalId: string): string => `cluster-${createHash('sha256').update(`new-cluster\u0000${signalId}`).digest('hex').slice(0, 40)}`;

export type ClusterOutcome =
  | { outcome: 'absent'; signalId: string }
  | { outcome: 'already-clustered'; signalId: string; clusterId: string }
  | { outcome: 'joined' | 'started'; signalId: string; clusterId: string; category: string; reason: ClusterReason; decisionMs: number };

/** The pure part before SQL: features and the category suggestion. */
export function featuresOf(text: string, concepts: ConceptList, customer?: string): { features: SignalFeatures; category: CategorySuggestion } {
  return { features: signalFeatures(text, concepts, customer), category: suggestCategory(text) };
}

const asCategory = (value: string | undefined): SignalCategory | undefined =>
  value !== undefined && (SIGNAL_CATEGORIES as readonly string[]).includes(value) ? (value as SignalCategory) : undefined;

/** CPU spent in the pure clustering decision (features, category, scoring, assignment) by this process, for the bench. */
export const clusteringCpu = { calls: 0, totalMs: 0, lastMs: 0 };

export async function clusterSignal(signalId: string): Promise<ClusterOutcome> {
  const read = await getSignalClustering(signalId);
  if (!read) {
    // Not an error to retry: a signal that is gone has nothing to cluster, and retrying would not bring it back.
    console.warn(`cluster signal: signal ${signalId} not found; nothing clustered`);
    return { outcome: 'absent', signalId };
  }
  if (read.clusterId !== undefined) {
    // Clustered before (or put in a cluster by a person, or by the seed): never clustered again.
    await finishClustering(read);
    return { outcome: 'already-clustered', signalId, clusterId: read.clusterId };
  }
  const concepts = await conceptListForClustering(clock.now().getTime());

  let started = performance.now();
  const { features, category } = featuresOf(read.signal.text, concepts, read.signal.customer);
  let decisionMs = performance.now() - started;

  await writeSignalTerms(signalId, features.terms);
  const candidates = await clusterCandidates(features.terms, signalId, CANDIDATE_CLUSTERS);

  started = performance.now();
  // "Not the same" is left out by the candidates statement itself (for this signal), so nothing more to exclude.
  const assignment: Assignment = assignCluster(features.terms, candidates, { threshold: DEFAULT_JOIN_THRESHOLD, notSame: new Set() });
  decisionMs += performance.now() - started;
  clusteringCpu.calls += 1;
  clusteringCpu.totalMs += decisionMs;
  clusteringCpu.lastMs = decisionMs;

  const now = clock.now().getTime();
  const confirmed = read.categorySource === 'confirmed' ? asCategory(read.category) : undefined;
  const write = { category: category.category, categoryWords: category.words };
  if (assignment.kind === 'join') {
    const reason: ClusterReason = {
      how: 'joined',
      score: assignment.score,
      sharedTerms: assignment.sharedTerms,
      sharedConcepts: assignment.sharedConcepts,
      at: now,
    };
    if (!(await recordFirstClustering(signalId, { clusterId: assignment.clusterId, reason, ...write }, now))) {
      // Another delivery clustered it a moment ago: that one finishes the job.
      return { outcome: 'already-clustered', signalId, clusterId: assignment.clusterId };
    }
    // The recount as an upsert: should the cluster have been emptied and deleted a moment ago (signals that
    // started clusters at the same moment converging, see settleConcurrentStart), it is made again around this
    // signal rather than leaving the signal in a cluster that does not exist.
    await upsertClusterWithEvidence({ id: assignment.clusterId, title: titleFor(features, read.signal.text), state: 'new', category: confirmed ?? category.category }, now);
    await refreshClusterTermsFor(assignment.clusterId, features.terms.map((t) => t.term));
    // A parked cluster it joined may now have gained enough evidence to come back to the Inbox.
    await returnParkedClusters([assignment.clusterId]);
    return { outcome: 'joined', signalId, clusterId: assignment.clusterId, category: confirmed ?? category.category, reason, decisionMs };
  }

  const clusterId = newClusterIdFor(signalId);
  const reason: ClusterReason = {
    how: 'started',
    ...(assignment.bestScore !== undefined ? { score: assignment.bestScore } : {}),
    sharedTerms: [],
    sharedConcepts: features.concepts,
    at: now,
  };
  if (!(await recordFirstClustering(signalId, { clusterId, reason, ...write }, now))) {
    return { outcome: 'already-clustered', signalId, clusterId };
  }
  // The title in the words the signal used ("invoices"), not the index's stems ("invoic") the domain's assignment titles with.
  await upsertClusterWithEvidence({ id: clusterId, title: titleFor(features, read.signal.text), state: 'new', category: confirmed ?? category.category }, now);
  await refreshClusterTermsFor(clusterId, features.terms.map((t) => t.term));
  const settled = await settleConcurrentStart(signalId, clusterId, features, read.signal.text, now);
  if (settled) return { outcome: 'joined', signalId, clusterId: settled.clusterId, category: confirmed ?? category.category, reason: settled.reason, decisionMs };
  return { outcome: 'started', signalId, clusterId, category: confirmed ?? category.category, reason, decisionMs };
}

/** Clusters of at most this many signals, all placed by clustering (none by a person), may be pulled over. */
const PULL_AT_MOST = 5;

/**
 * Signals about one thing clustered at the same moment (the platform runs many consumers at once) do not see
 * each other: each starts a cluster. So a signal that started one looks once more (one statement: the
 * candidates again). If it would now join other clusters, they converge on the one with the smallest id,
 * whichever signal looks: a signal whose cluster is not the smallest moves into the smallest; the one whose
 * cluster is the smallest pulls the others' signals over — only from clusters of at most PULL_AT_MOST signals
 * that clustering alone placed (never a signal a person moved). Every move is guarded by where the signal is
 * (`cluster_id = ?`), so two sides doing the same move make one; the cluster receiving signals is written with
 * the upsert that recounts it (so it exists even if a third side emptied and deleted it a moment before); an
 * emptied cluster is deleted (guarded: only while it has no signal), and the late upsert of its own effect, if
 * that is still running, makes nothing, since an upsert of a cluster with no signal does nothing.
 * Answers where this signal ended up when it moved.
 */
async function settleConcurrentStart(signalId: string, ownClusterId: string, features: SignalFeatures, text: string, now: number): Promise<{ clusterId: string; reason: ClusterReason } | null> {
  const candidates = await clusterCandidates(features.terms, signalId, CANDIDATE_CLUSTERS);
  const options = { threshold: DEFAULT_JOIN_THRESHOLD, notSame: new Set<string>() };
  const joins = candidates
    .filter((c) => c.clusterId !== ownClusterId)
    .map((c) => assignCluster(features.terms, [c], options))
    .filter((a): a is Extract<Assignment, { kind: 'join' }> => a.kind === 'join')
    .sort((x, y) => (x.clusterId < y.clusterId ? -1 : 1));
  if (joins.length === 0) return null;
  const title = titleFor(features, text);
  const [smallest] = joins;
  if (smallest.clusterId < ownClusterId) {
    const reason: ClusterReason = { how: 'joined', score: smallest.score, sharedTerms: smallest.sharedTerms, sharedConcepts: smallest.sharedConcepts, at: now };
    const moved = await setSignalsCluster([signalId], smallest.clusterId, reason, now, { fromClusterId: ownClusterId });
    if (moved === 0) return null;
    await upsertClusterWithEvidence({ id: smallest.clusterId, title, state: 'new' }, now);
    await refreshClusterTerms(smallest.clusterId);
    await deleteOrRecount(ownClusterId, now);
    return { clusterId: smallest.clusterId, reason };
  }
  let pulled = 0;
  for (const join of joins) {
    const members = await clusterMembers(join.clusterId);
    if (members.length === 0 || members.length > PULL_AT_MOST || members.some((m) => m.clusterReason?.how === 'moved' || m.clusterReason === undefined)) continue;
    const reason: ClusterReason = { how: 'joined', score: join.score, sharedTerms: join.sharedTerms, sharedConcepts: join.sharedConcepts, at: now };
    pulled += await setSignalsCluster(members.map((m) => m.signal.id), ownClusterId, reason, now, { fromClusterId: join.clusterId });
    await deleteOrRecount(join.clusterId, now);
  }
  if (pulled > 0) {
    await upsertClusterWithEvidence({ id: ownClusterId, title, state: 'new' }, now);
    await refreshClusterTerms(ownClusterId);
  }
  return null;
}

/**
 * A cluster that signals just left: deleted when empty; otherwise (a signal joined it meanwhile) recounted, so
 * its evidence and terms are its signals' again.
 */
async function deleteOrRecount(clusterId: string, now: number): Promise<void> {
  if (await deleteEmptyCluster(clusterId)) return;
  await refreshEvidence(clusterId, now);
  await pruneClusterTerms(clusterId);
  await refreshClusterTerms(clusterId);
}

const clip = (title: string): string => (title.length <= 255 ? title : `${title.slice(0, 254)}…`);
/** A new cluster's suggested title, in the words the signal wrote (its terms are stems). */
const titleFor = (features: SignalFeatures, text: string): string => clip(suggestClusterTitle(features.terms, wordsOfTerms([text])));

/**
 * A signal already clustered (by an earlier delivery that may have stopped part-way, or by a person): the writes
 * after the first clustering are done again — its cluster's upsert, which recounts it (and makes it, if the
 * delivery stopped before) — and the cluster's terms refreshed. Each sets values outright, so doing them again
 * changes nothing.
 */
async function finishClustering(read: SignalClustering): Promise<void> {
  const clusterId = read.clusterId!;
  const now = clock.now().getTime();
  const concepts = await conceptListForClustering(now);
  const { features, category } = featuresOf(read.signal.text, concepts, read.signal.customer);
  const confirmed = read.categorySource === 'confirmed' ? asCategory(read.category) : undefined;
  await upsertClusterWithEvidence({ id: clusterId, title: titleFor(features, read.signal.text), state: 'new', category: confirmed ?? category.category }, now);
  await refreshClusterTerms(clusterId);
  // The delivery that joined a parked cluster may have stopped before asking whether it comes back.
  if (read.clusterReason?.how === 'joined') await returnParkedClusters([clusterId]);
  // The delivery that started it may have stopped before looking for a cluster started at the same moment.
  if (clusterId === newClusterIdFor(read.signal.id) && read.clusterReason?.how === 'started') await settleConcurrentStart(read.signal.id, clusterId, features, read.signal.text, now);
}
