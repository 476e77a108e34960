/**
 * A person's changes to clusters (the Inbox's resolvers reach them through inbox-changes.ts): move signals to
 * another cluster or a new one, split signals out, merge two clusters, mark "not the same", undo the last change,
 * confirm or change a signal's category, rename a cluster.
 *
 * - **Optimistic concurrency**: every change names the version of each cluster it touches as the person saw it;
 *   the clusters are claimed in one statement (both or neither), and a version that moved on — someone else's
 *   change, or a new signal joining — is `conflict` (ClusterConflict, with the clusters as they are now).
 * - **Undo**: the change is recorded in `cluster_change` with what undoing it restores (each signal's cluster and
 *   reason; each changed cluster's state, title and reason; the cluster it created) before anything moves.
 * - **Evidence and terms** of every touched cluster are recounted from its signals after the change, never
 *   adjusted, so the counts always equal a recount.
 * - A merge is a person confirming two clusters are the same: it feeds `learnFromMerge`, and the grown concept
 *   list is saved.
 *
 * Forge SQL has no transactions: the steps are ordered claim → record the change → move → recount, each one
 * statement. A failure after the claim leaves the clusters' versions bumped (the person reloads and sees where
 * things are); after the move, the recounts are what is left, and any later change or undo of these clusters
 * recounts them again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { suggestClusterTitle } from '../../domain/clustering';
import { learnFromMerge } from '../../domain/concepts';
import { root, signalFeatures, wordsOfTerms } from '../../domain/signal-features';
import { tokenize } from '../../domain/terms';
import { SIGNAL_CATEGORIES, type SignalCategory } from '../../domain/signals';
import type { WeightedTerm } from '../../domain/terms';
import { AppError } from '../../errors';
import {
  ClusterConflict,
  claimClusters,
  clusterHeader,
  deleteEmptyCluster,
  getCluster,
  getClusters,
  refreshEvidence,
  renameCluster,
  setClusterState,
  upsertClusterWithEvidence,
  type ClusterRead,
  type ExpectedVersion,
} from '../../store/cluster-repository';
import { getClusterChange, lastClusterChange, markClusterChangeUndone, recordClusterChange, type ClusterChange, type ClusterChangeKind, type ClusterRestore } from '../../store/cluster-change-repository';
import { conceptListForClustering, readConceptList, writeConceptList } from '../../store/concept-list-store';
import { markNotSame as storeNotSame } from '../../store/not-same-repository';
import { clusterMembers, getSignalsClustering } from '../../store/signal-reads';
import { confirmSignalCategory, getSignalClustering, setSignalsCluster, type ClusterReason, type SignalClustering } from '../../store/signal-repository';
import { deleteClusterTerms, pruneClusterTerms, refreshClusterTerms, termsOfClusters } from '../../store/term-repository';
import { clock } from '../clock';

export interface ClusterChangeResult {
  /** The change's id (for undo); absent for changes that are not undone this way (not-the-same, category). */
  changeId?: string;
  /** The touched clusters as they are after the change (with their new versions). */
  clusters: ClusterRead[];
}

/** Where moved signals go: an existing cluster at the version the person saw, or a new cluster. */
export type MoveTarget = ExpectedVersion | { new: true; title?: string };

const isNew = (to: MoveTarget): to is { new: true; title?: string } => 'new' in to;

/** A new cluster made by a change: its id derived from the change's, so the change's record names it before it exists. */
const clusterIdForChange = (changeId: string): string => `cluster-${createHash('sha256').update(`change\u0000${changeId}`).digest('hex').slice(0, 40)}`;

const newChangeId = (): string => `change-${randomUUID()}`;

const movedBy = (by: string, now: number): ClusterReason => ({ how: 'moved', by, sharedTerms: [], sharedConcepts: [], at: now });

/** Recounts evidence and terms of clusters a change touched (each: recount, prune, refresh). */
async function recount(clusterIds: readonly string[], now: number): Promise<void> {
  for (const id of new Set(clusterIds)) {
    await refreshEvidence(id, now);
    await pruneClusterTerms(id);
    await refreshClusterTerms(id);
  }
}

/**
 * Moves signals out of `from` into `to` (an existing cluster, or a new one): a move when one signal, a split
 * when several go to a new cluster. With `notSame`, each moved signal is also remembered as not the same as
 * `from`, so clustering never puts it back there.
 */
export async function moveSignals(input: { signalIds: readonly string[]; from: ExpectedVersion; to: MoveTarget; by: string; notSame?: boolean }): Promise<ClusterChangeResult> {
  const ids = [...new Set(input.signalIds)];
  if (ids.length === 0) throw new AppError('invalid-input', 'Choose at least one signal to move.', { fields: { signalIds: 'empty' } });
  if (!isNew(input.to) && input.to.id === input.from.id) throw new AppError('invalid-input', 'The signals are already in that cluster.', { fields: { to: 'same as from' } });
  const now = clock.now().getTime();
  const signals = await getSignalsClustering(ids);
  const unknown = ids.find((id) => !signals.some((s) => s.signal.id === id));
  if (unknown !== undefined) throw new AppError('not-found', `There is no signal ${unknown}. Reload the cluster to see its signals as they are now.`);
  const outside = ids.filter((id) => signals.find((s) => s.signal.id === id)?.clusterId !== input.from.id);
  if (outside.length > 0) {
    // Someone moved them meanwhile (or they never were there): the person sees the clusters as they are.
    throw new ClusterConflict(
      await getClusters([input.from.id, ...(isNew(input.to) ? [] : [input.to.id])]),
      `Signal ${outside[0]} is no longer in this cluster; here are the clusters as they are now. Review them and try again.`,
    );
  }
  await claimClusters(isNew(input.to) ? [input.from] : [input.from, input.to], now);

  const changeId = newChangeId();
  const toId = isNew(input.to) ? clusterIdForChange(changeId) : input.to.id;
  const kind: ClusterChangeKind = isNew(input.to) && ids.length > 1 ? 'split' : 'move';
  const restore: ClusterRestore = {
    signals: signals.map((s) => ({ id: s.signal.id, clusterId: s.clusterId ?? null, reason: s.clusterReason ?? null })),
    movedTo: toId,
    clusters: [],
    ...(isNew(input.to) ? { createdClusterId: toId } : {}),
    touched: [input.from.id, toId],
  };
  await recordClusterChange({ id: changeId, kind, restore, changedBy: input.by }, now);
  await setSignalsCluster(ids, toId, movedBy(input.by, now), now, { fromClusterId: input.from.id });
  if (isNew(input.to)) {
    const concepts = await conceptListForClustering(now);
    const terms = signals.flatMap((s) => signalFeatures(s.signal.text, concepts, s.signal.customer).terms);
    const words = wordsOfTerms(signals.map((s) => s.signal.text));
    const category = signals.find((s) => s.category !== undefined)?.category;
    await upsertClusterWithEvidence(
      {
        id: toId,
        title: (input.to.title ?? suggestClusterTitle(terms, words)).slice(0, 255),
        state: 'new',
        ...(category && (SIGNAL_CATEGORIES as readonly string[]).includes(category) ? { category: category as SignalCategory } : {}),
      },
      now,
    );
    await refreshClusterTerms(toId);
    await recount([input.from.id], now);
  } else {
    await recount([input.from.id, toId], now);
  }
  if (input.notSame) for (const id of ids) await storeNotSame(id, input.from.id, input.by, now);
  return { changeId, clusters: await getClusters([input.from.id, toId]) };
}

/** Moves one signal (see moveSignals). */
export const moveSignal = (input: { signalId: string; from: ExpectedVersion; to: MoveTarget; by: string; notSame?: boolean }): Promise<ClusterChangeResult> =>
  moveSignals({ signalIds: [input.signalId], from: input.from, to: input.to, by: input.by, ...(input.notSame !== undefined ? { notSame: input.notSame } : {}) });

/** Splits signals out of a cluster into a new one (see moveSignals). */
export const splitSignals = (input: { signalIds: readonly string[]; from: ExpectedVersion; title?: string; by: string; notSame?: boolean }): Promise<ClusterChangeResult> =>
  moveSignals({
    signalIds: input.signalIds,
    from: input.from,
    to: input.title !== undefined ? { new: true, title: input.title } : { new: true },
    by: input.by,
    ...(input.notSame !== undefined ? { notSame: input.notSame } : {}),
  });

/**
 * Merges `from` into `into`: every signal of `from` moves, `from` is marked `merged` (its reason names the
 * cluster it went into) and has no terms left. A person confirmed the two are the same, so the concept list
 * learns from their terms (`learnFromMerge`) and is saved.
 */
export async function mergeClusters(input: { from: ExpectedVersion; into: ExpectedVersion; by: string }): Promise<ClusterChangeResult> {
  if (input.from.id === input.into.id) throw new AppError('invalid-input', 'A cluster cannot be merged into itself.', { fields: { into: 'same as from' } });
  const now = clock.now().getTime();
  await claimClusters([input.from, input.into], now);
  const [members, intoMembers, header, terms] = await Promise.all([
    clusterMembers(input.from.id),
    clusterMembers(input.into.id),
    clusterHeader(input.from.id),
    termsOfClusters([input.from.id, input.into.id]),
  ]);
  if (!header) throw new AppError('not-found', `There is no cluster ${input.from.id}.`);
  const changeId = newChangeId();
  const restore: ClusterRestore = {
    signals: members.map((s) => ({ id: s.signal.id, clusterId: input.from.id, reason: s.clusterReason ?? null })),
    movedTo: input.into.id,
    clusters: [{ id: header.id, state: header.state, title: header.title, reason: header.reason }],
    touched: [input.from.id, input.into.id],
  };
  await recordClusterChange({ id: changeId, kind: 'merge', restore, changedBy: input.by }, now);
  await setSignalsCluster(
    members.map((s) => s.signal.id),
    input.into.id,
    movedBy(input.by, now),
    now,
    { fromClusterId: input.from.id },
  );
  await setClusterState(input.from.id, 'merged', now, { reason: JSON.stringify({ mergedInto: input.into.id, by: input.by, at: now }) });
  await refreshEvidence(input.from.id, now);
  await deleteClusterTerms(input.from.id);
  await refreshEvidence(input.into.id, now);
  await refreshClusterTerms(input.into.id);

  // Learning is a setting's update after the merge has committed: a failure here loses one merge's evidence,
  // never the merge.
  try {
    const list = (await readConceptList()).list;
    const both = [...members, ...intoMembers].map((s) => s.signal);
    const grown = learnFromMerge(list, terms.get(input.from.id) ?? ([] as WeightedTerm[]), terms.get(input.into.id) ?? [], {
      wordOf: wordOfIn(wordsOfTerms(both.map((s) => s.text))),
      exclude: customerTerms(both.map((s) => s.customer)),
    });
    await writeConceptList(grown, input.by, now);
  } catch (error: unknown) {
    console.warn(`merge ${changeId}: the concept list could not learn from it:`, error instanceof Error ? error.message : error);
  }
  return { changeId, clusters: await getClusters([input.from.id, input.into.id]) };
}

/**
 * Remembers that a signal or a cluster is not the same as a cluster: clustering never puts the signal there (nor
 * suggests it), and the pair is never suggested again. Cluster pairs are remembered both ways round.
 */
export async function markNotSame(input: { subjectId: string; clusterId: string; by: string; subjectIsCluster?: boolean }): Promise<void> {
  if (input.subjectId === input.clusterId) throw new AppError('invalid-input', 'A cluster is always the same as itself.', { fields: { clusterId: 'same as subject' } });
  await storeNotSame(input.subjectId, input.clusterId, input.by, clock.now().getTime(), { subjectIsCluster: input.subjectIsCluster ?? false });
}

/**
 * Undoes the last change not yet undone (by `by` when `onlyMine`, or the change named by `changeId`): signals
 * still where the change put them go back, with the reasons they had; clusters the change altered get their
 * state, title and reason back; a cluster it created is deleted once empty; every touched cluster is recounted.
 * A change is undone at most once (`conflict` for a second undo).
 */
export async function undoClusterChange(input: { by: string; changeId?: string; onlyMine?: boolean }): Promise<ClusterChangeResult & { undone: ClusterChange }> {
  const change = input.changeId !== undefined ? await getClusterChange(input.changeId) : await lastClusterChange(input.onlyMine ? input.by : undefined);
  if (!change) {
    throw new AppError('not-found', input.changeId !== undefined ? `There is no change ${input.changeId} to undo.` : 'You have no change left to undo.');
  }
  const now = clock.now().getTime();
  if (!(await markClusterChangeUndone(change.id, now))) throw new AppError('conflict', 'That change has already been undone.');
  const { restore } = change;
  const byCluster = new Map<string, Array<{ id: string; reason: ClusterReason | null }>>();
  for (const s of restore.signals) {
    if (s.clusterId === null) continue;
    const list = byCluster.get(s.clusterId) ?? [];
    list.push({ id: s.id, reason: s.reason });
    byCluster.set(s.clusterId, list);
  }
  for (const [clusterId, list] of byCluster) {
    await setSignalsCluster(
      list.map((s) => s.id),
      clusterId,
      null,
      now,
      { fromClusterId: restore.movedTo, reasons: new Map(list.map((s) => [s.id, s.reason])) },
    );
  }
  for (const cluster of restore.clusters) await setClusterState(cluster.id, cluster.state, now, { title: cluster.title, reason: cluster.reason });
  const touched = restore.touched.filter((id) => id !== restore.createdClusterId);
  if (restore.createdClusterId !== undefined) await deleteEmptyCluster(restore.createdClusterId);
  await recount(touched, now);
  return { changeId: change.id, undone: change, clusters: await getClusters(restore.touched) };
}

/**
 * "These two clusters are not the same", remembered both ways round, once both are known to exist (two
 * statements: the read, then one multi-row upsert).
 */
export async function markClustersNotSame(input: { clusterId: string; otherClusterId: string; by: string }): Promise<void> {
  if (input.clusterId === input.otherClusterId) throw new AppError('invalid-input', 'A cluster is always the same as itself.', { fields: { otherClusterId: 'same as clusterId' } });
  const found = await getClusters([input.clusterId, input.otherClusterId]);
  const missing = [input.clusterId, input.otherClusterId].find((id) => !found.some((c) => c.id === id));
  if (missing !== undefined) throw new AppError('not-found', `There is no cluster ${missing}. Reload the Inbox.`);
  await markNotSame({ subjectId: input.clusterId, clusterId: input.otherClusterId, by: input.by, subjectIsCluster: true });
}

/**
 * A person names a cluster (its title was suggested from its top terms until then), at the version they saw:
 * one UPDATE with the version check, then the cluster as it is now. ClusterConflict when it moved on or was merged.
 */
export async function renameClusterTitle(input: { clusterId: string; version: number; title: string }): Promise<ClusterRead> {
  const now = clock.now().getTime();
  const renamed = await renameCluster(input.clusterId, input.version, input.title, now);
  const current = await getCluster(input.clusterId);
  if (!current) throw new AppError('not-found', `There is no cluster ${input.clusterId}. Reload the Inbox.`);
  if (!renamed) {
    throw new ClusterConflict(
      [current],
      current.state === 'merged'
        ? `“${current.title}” was merged into another cluster; rename the cluster it went into instead.`
        : 'This cluster changed since you opened it (a signal joined, or someone else changed it); here it is now. Check the title and try again.',
    );
  }
  return current;
}

/** The signal changed since the person saw it: they get it as it is now. */
export class SignalConflict extends AppError {
  constructor(readonly current: SignalClustering | null) {
    super('conflict', 'This signal changed since you opened it; here it is now. Review it and try again.');
    this.name = 'SignalConflict';
  }
}

/**
 * A person confirms (or changes) a signal's category, naming the signal's version they saw. The category is then
 * `confirmed`: clustering's suggestion never writes over it.
 */
export async function confirmCategory(input: { signalId: string; category: SignalCategory; expectedVersion: number; by: string }): Promise<SignalClustering> {
  if (!(SIGNAL_CATEGORIES as readonly string[]).includes(input.category)) {
    throw new AppError('invalid-input', `A category is one of ${SIGNAL_CATEGORIES.join(', ')}.`, { fields: { category: 'unknown' } });
  }
  const now = clock.now().getTime();
  if (!(await confirmSignalCategory(input.signalId, input.category, input.expectedVersion, now))) {
    const current = await getSignalClustering(input.signalId);
    if (!current) throw new AppError('not-found', `There is no signal ${input.signalId}.`);
    throw new SignalConflict(current);
  }
  const after = await getSignalClustering(input.signalId);
  if (!after) throw new AppError('not-found', `There is no signal ${input.signalId}.`);
  return after;
}

const wordOfIn = (words: ReadonlyMap<string, string>) => (term: string): string => words.get(term) ?? term;

/** The index terms of customers' names ("Halcyon Analytics" → "halcyon", "analyt"): never learned as synonyms. */
function customerTerms(customers: readonly string[]): Set<string> {
  return new Set(customers.flatMap((name) => tokenize(name).map(root)));
}
