/**
 * The Inbox's loaded clusters kept true after a change without reloading every page: a change answers the
 * clusters it touched as they are now, and each takes its place in the list by the list's own order (the
 * server's: evidence, last seen, ARR or signal count, descending, then id descending). A merged cluster leaves; one an undo brought
 * back returns to its place. Pure (unit-tested in test/unit/signal-inbox-list.test.ts).
 */
import type { ClusterSummary } from '../../../../src/contract/signals';

export type InboxSort = 'evidence' | 'recent' | 'arr' | 'count';

export interface InboxView {
  /** Which state the list shows (the Inbox: `new`). */
  state: string;
  sort: InboxSort;
  category?: string;
  /** Whether later pages exist: a cluster that sorts after the last loaded one belongs to them, not here. */
  hasMore: boolean;
}

const sortKey = (cluster: ClusterSummary, sort: InboxSort): number =>
  sort === 'evidence' ? cluster.evidenceScore : sort === 'arr' ? cluster.arrTotal : sort === 'count' ? cluster.signalCount : Date.parse(cluster.lastSeenAt) || 0;

/** Negative when `a` comes first, as the server orders them. */
export function compareClusters(a: ClusterSummary, b: ClusterSummary, sort: InboxSort): number {
  const byKey = sortKey(b, sort) - sortKey(a, sort);
  if (byKey !== 0) return byKey;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Whether a cluster belongs in this list at all (its state and the category filter). */
const belongs = (cluster: ClusterSummary, view: InboxView): boolean =>
  cluster.state === view.state && (view.category === undefined || cluster.category === view.category);

/**
 * The list after a change: each changed cluster replaced, removed (merged away, or no longer matching the
 * filter) or inserted at its place. Clusters the change did not touch keep their order.
 */
export function applyClusterChanges(list: readonly ClusterSummary[], changed: readonly ClusterSummary[], view: InboxView): ClusterSummary[] {
  if (changed.length === 0) return [...list];
  const changedIds = new Set(changed.map((c) => c.id));
  let next = list.filter((cluster) => !changedIds.has(cluster.id));
  const last = list[list.length - 1];
  for (const cluster of changed) {
    if (!belongs(cluster, view)) continue;
    const wasListed = list.some((c) => c.id === cluster.id);
    // A cluster sorting after the last loaded one is on a later page: "Load more" brings it.
    if (!wasListed && view.hasMore && last && compareClusters(cluster, last, view.sort) > 0) continue;
    const at = next.findIndex((c) => compareClusters(cluster, c, view.sort) < 0);
    next = at < 0 ? [...next, cluster] : [...next.slice(0, at), cluster, ...next.slice(at)];
  }
  return next;
}

/** Replaces one cluster's summary where it is (a rename: the order does not change). */
export const replaceCluster = (list: readonly ClusterSummary[], cluster: ClusterSummary): ClusterSummary[] =>
  list.map((c) => (c.id === cluster.id ? cluster : c));

/** Adds a further page, skipping clusters already listed (a change may have moved one across the page edge). */
export function appendPage(list: readonly ClusterSummary[], page: readonly ClusterSummary[]): ClusterSummary[] {
  const seen = new Set(list.map((c) => c.id));
  return [...list, ...page.filter((c) => !seen.has(c.id))];
}
