/**
 * The Inbox's changes (resolver keys `signals.move`, `merge`, `undo`, `notSame`, `setCategory`, `renameCluster`):
 * each refuses a caller who may not triage (access.ts) before anything is read or written, runs one cluster
 * operation, and answers in the contract's shapes. Move, merge and undo also answer the caller's latest change
 * still undoable, so the Undo button stays right after every step.
 */
import type { z } from 'zod';
import type { Contract, ResolverOutput } from '../../contract';
import { requireSignalTriager } from './access';
import { confirmCategory, markClustersNotSame, mergeClusters, moveSignals, renameClusterTitle, undoClusterChange, type ClusterChangeResult, type MoveTarget } from './cluster-operations';
import { clusterSummary, inboxSignal, moversOf, undoableFor, undoableOf } from './inbox';

type InputOf<K extends keyof Contract> = z.output<Contract[K]['input']>;

async function changeOutput(result: ClusterChangeResult, accountId: string): Promise<ResolverOutput<'signals.move'>> {
  return {
    changeId: result.changeId ?? null,
    clusters: result.clusters.map(clusterSummary),
    undoable: await undoableFor(accountId),
  };
}

/** One signal to another cluster is a move; several to a new cluster is a split (see moveSignals). */
export async function moveInboxSignals(input: InputOf<'signals.move'>, accountId: string): Promise<ResolverOutput<'signals.move'>> {
  await requireSignalTriager(input.projectKey);
  const to: MoveTarget =
    'new' in input.to ? { new: true, ...(input.to.title !== undefined ? { title: input.to.title } : {}) } : { id: input.to.clusterId, version: input.to.version };
  const result = await moveSignals({
    signalIds: input.signalIds,
    from: { id: input.from.clusterId, version: input.from.version },
    to,
    by: accountId,
    notSame: input.notSame,
  });
  return changeOutput(result, accountId);
}

export async function mergeInboxClusters(input: InputOf<'signals.merge'>, accountId: string): Promise<ResolverOutput<'signals.merge'>> {
  await requireSignalTriager(input.projectKey);
  const result = await mergeClusters({
    from: { id: input.from.clusterId, version: input.from.version },
    into: { id: input.into.clusterId, version: input.into.version },
    by: accountId,
  });
  return changeOutput(result, accountId);
}

/**
 * Undoes the caller's own last change, or the change named: anyone who may triage may undo a teammate's change
 * by its id (they could redo the same steps by hand).
 */
export async function undoInboxChange(input: InputOf<'signals.undo'>, accountId: string): Promise<ResolverOutput<'signals.undo'>> {
  await requireSignalTriager(input.projectKey);
  const result = await undoClusterChange(input.changeId !== undefined ? { by: accountId, changeId: input.changeId } : { by: accountId, onlyMine: true });
  return { ...(await changeOutput(result, accountId)), undone: undoableOf(result.undone) };
}

export async function markInboxNotSame(input: InputOf<'signals.notSame'>, accountId: string): Promise<ResolverOutput<'signals.notSame'>> {
  await requireSignalTriager(input.projectKey);
  await markClustersNotSame({ clusterId: input.clusterId, otherClusterId: input.otherClusterId, by: accountId });
  return { clusterId: input.clusterId, otherClusterId: input.otherClusterId };
}

export async function setInboxCategory(input: InputOf<'signals.setCategory'>, accountId: string): Promise<ResolverOutput<'signals.setCategory'>> {
  await requireSignalTriager(input.projectKey);
  const signal = await confirmCategory({ signalId: input.signalId, category: input.category, expectedVersion: input.version, by: accountId });
  return { signal: inboxSignal(signal, await moversOf([signal])) };
}

export async function renameInboxCluster(input: InputOf<'signals.renameCluster'>): Promise<ResolverOutput<'signals.renameCluster'>> {
  await requireSignalTriager(input.projectKey);
  return { cluster: clusterSummary(await renameClusterTitle({ clusterId: input.clusterId, version: input.version, title: input.title })) };
}
