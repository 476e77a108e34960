/** The loaded clusters after a change: merged ones leave, restored ones return to their place, the rest keep theirs. */
import type { ClusterSummary } from '../../src/contract/signals';
import { appendPage, applyClusterChanges, compareClusters, replaceCluster, type InboxView } from '../../static/src/triage/signals/inbox-list';

const cluster = (id: string, evidenceScore: number, over: Partial<ClusterSummary> = {}): ClusterSummary => ({
  id,
  title: id,
  category: 'request',
  state: 'new',
  signalCount: 1,
  customerCount: 1,
  arrTotal: 0,
  evidenceScore,
  firstSeenAt: '2026-11-01T00:00:00Z',
  lastSeenAt: '2026-11-01T00:00:00Z',
  version: 1,
  ...over,
});
const ids = (list: ClusterSummary[]) => list.map((c) => c.id);
const VIEW: InboxView = { state: 'new', sort: 'evidence', hasMore: false };
const LIST = [cluster('cluster-e', 9), cluster('cluster-d', 7), cluster('cluster-c', 5), cluster('cluster-b', 3)];

describe('applyClusterChanges', () => {
  it('a merge: the merged cluster leaves and the grown one moves to its place by evidence', () => {
    const next = applyClusterChanges(LIST, [cluster('cluster-b', 0, { state: 'merged' }), cluster('cluster-c', 8, { signalCount: 2 })], VIEW);
    expect(ids(next)).toEqual(['cluster-e', 'cluster-c', 'cluster-d']);
    expect(next[1]!.signalCount).toBe(2);
  });

  it('its undo: the merged cluster comes back where it belongs, counts restored', () => {
    const merged = applyClusterChanges(LIST, [cluster('cluster-b', 0, { state: 'merged' }), cluster('cluster-c', 8)], VIEW);
    const undone = applyClusterChanges(merged, [cluster('cluster-b', 3), cluster('cluster-c', 5)], VIEW);
    expect(ids(undone)).toEqual(ids(LIST));
  });

  it('a split: the new cluster is inserted by its evidence', () => {
    const next = applyClusterChanges(LIST, [cluster('cluster-new', 6), cluster('cluster-e', 8.5)], VIEW);
    expect(ids(next)).toEqual(['cluster-e', 'cluster-d', 'cluster-new', 'cluster-c', 'cluster-b']);
  });

  it('leaves a new cluster that sorts after the last loaded one to a later page', () => {
    const next = applyClusterChanges(LIST, [cluster('cluster-a', 1)], { ...VIEW, hasMore: true });
    expect(ids(next)).toEqual(ids(LIST));
    expect(ids(applyClusterChanges(LIST, [cluster('cluster-a', 1)], VIEW))).toEqual([...ids(LIST), 'cluster-a']);
  });

  it('drops a cluster the category filter no longer matches', () => {
    const next = applyClusterChanges(LIST, [cluster('cluster-d', 7, { category: 'bug' })], { ...VIEW, category: 'request' });
    expect(ids(next)).toEqual(['cluster-e', 'cluster-c', 'cluster-b']);
  });

  it('orders by last seen for "most recent", ties by id descending as the server does', () => {
    const recent: InboxView = { ...VIEW, sort: 'recent' };
    const a = cluster('cluster-a', 1, { lastSeenAt: '2026-12-01T00:00:00Z' });
    const b = cluster('cluster-b', 1, { lastSeenAt: '2026-12-01T00:00:00Z' });
    expect(compareClusters(a, b, 'recent')).toBeGreaterThan(0);
    expect(ids(applyClusterChanges([b], [a], recent))).toEqual(['cluster-b', 'cluster-a']);
    expect(ids(applyClusterChanges([a], [cluster('cluster-z', 0, { lastSeenAt: '2026-12-02T00:00:00Z' })], recent))).toEqual(['cluster-z', 'cluster-a']);
  });

  it('changes nothing when nothing changed', () => {
    expect(applyClusterChanges(LIST, [], VIEW)).toEqual(LIST);
  });
});

describe('replaceCluster and appendPage', () => {
  it('a rename keeps the order', () => {
    expect(replaceCluster(LIST, cluster('cluster-c', 5, { title: 'CSV export' })).map((c) => c.title)).toEqual(['cluster-e', 'cluster-d', 'CSV export', 'cluster-b']);
  });

  it('a further page skips clusters already listed', () => {
    expect(ids(appendPage(LIST, [cluster('cluster-b', 3), cluster('cluster-a', 1)]))).toEqual([...ids(LIST), 'cluster-a']);
  });
});
