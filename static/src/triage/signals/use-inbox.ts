/**
 * The Inbox's clusters: the first page for the filters, further pages with the cursor ("Load more"), whether the
 * person may triage, and their last change to undo. A change's answer updates the loaded clusters in place
 * (inbox-list.ts), so nobody loses their place to a reload. A stale answer never overwrites a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClusterDetails, ClusterSummary, TabCounts } from '../../../../src/contract/signals';
import type { ResolverOutput } from '../../../../src/contract';
import type { SignalCategory, SignalSource } from '../../../../src/domain/signals';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { appendPage, applyClusterChanges, replaceCluster, type InboxSort } from './inbox-list';

export const INBOX_PAGE_SIZE = 50;

/** The cluster state each tab lists: the Inbox shows clusters nobody has decided on yet. */
export type TabState = 'new' | 'parked' | 'routed' | 'declined';

export type InboxAge = '7d' | '30d' | '90d' | '365d';

export interface InboxFilters {
  category?: SignalCategory;
  customer?: string;
  source?: SignalSource;
  age?: InboxAge;
  text?: string;
  sort: InboxSort;
}

export type Undoable = ResolverOutput<'signals.inbox'>['undoable'];

export interface InboxData {
  clusters: ClusterSummary[];
  nextCursor: string | null;
  canTriage: boolean;
  undoable: Undoable;
  /** Each listed cluster's decision, trend and evidence since parking. */
  details: Record<string, ClusterDetails>;
}

export interface Inbox {
  loading: boolean;
  error: ResolverCallError | null;
  data: InboxData | null;
  loadingMore: boolean;
  loadMoreError: ResolverCallError | null;
  /** Loads the first page again, showing "Loading…" (a retry). */
  reload: () => void;
  /** Loads the first page again behind the list on screen (after a signal was shared or imported). */
  refresh: () => Promise<void>;
  loadMore: () => void;
  /** A change's answer: the clusters it touched as they are now, and the person's change to undo now. */
  applyChange: (changed: readonly ClusterSummary[], undoable: Undoable) => void;
  replace: (cluster: ClusterSummary) => void;
  /** Clusters routed away from this tab leave it at once (the counts follow with a quiet refresh). */
  remove: (clusterIds: readonly string[]) => void;
  setDetails: (clusterId: string, details: ClusterDetails) => void;
}

const inputOf = (projectKey: string, state: TabState, filters: InboxFilters, cursor?: string) => ({
  projectKey,
  state,
  sort: filters.sort,
  pageSize: INBOX_PAGE_SIZE,
  ...(filters.category ? { category: filters.category } : {}),
  ...(filters.customer ? { customer: filters.customer } : {}),
  ...(filters.source ? { source: filters.source } : {}),
  ...(filters.age ? { age: filters.age } : {}),
  ...(filters.text ? { text: filters.text } : {}),
  ...(cursor ? { cursor } : {}),
}) as const;

export function useInbox(projectKey: string, filters: InboxFilters, state: TabState = 'new', onCounts?: (counts: TabCounts) => void): Inbox {
  const [data, setData] = useState<InboxData | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ResolverCallError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<ResolverCallError | null>(null);
  const generation = useRef(0);
  const filtersKey = JSON.stringify(filters);
  const latest = useRef({ data, filters, onCounts });
  latest.current = { data, filters, onCounts };

  const loadFirst = useCallback(
    async (quiet: boolean) => {
      const mine = ++generation.current;
      if (!quiet) {
        setLoading(true);
        setError(null);
      }
      try {
        const page = await callResolver('signals.inbox', inputOf(projectKey, state, JSON.parse(filtersKey) as InboxFilters));
        if (mine !== generation.current) return;
        setData({ clusters: page.clusters, nextCursor: page.nextCursor, canTriage: page.canTriage, undoable: page.undoable, details: page.details });
        if (page.counts) latest.current.onCounts?.(page.counts);
        setError(null);
        setLoadMoreError(null);
      } catch (caught: unknown) {
        if (mine !== generation.current) return;
        // A quiet refresh that fails keeps the list on screen; the next one may succeed.
        if (!quiet || latest.current.data === null) setError(asResolverCallError(caught));
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [projectKey, filtersKey, state],
  );

  useEffect(() => {
    void loadFirst(false);
    return () => {
      generation.current++;
    };
  }, [loadFirst]);

  const loadMore = useCallback(() => {
    const cursor = latest.current.data?.nextCursor;
    if (!cursor) return;
    const mine = generation.current;
    setLoadingMore(true);
    setLoadMoreError(null);
    callResolver('signals.inbox', inputOf(projectKey, state, latest.current.filters, cursor)).then(
      (page) => {
        if (mine !== generation.current) return;
        setData((current) =>
          current
            ? {
                ...current,
                clusters: appendPage(current.clusters, page.clusters),
                nextCursor: page.nextCursor,
                canTriage: page.canTriage,
                undoable: page.undoable,
                details: { ...current.details, ...page.details },
              }
            : current,
        );
        setLoadingMore(false);
      },
      (caught: unknown) => {
        if (mine !== generation.current) return;
        setLoadMoreError(asResolverCallError(caught));
        setLoadingMore(false);
      },
    );
  }, [projectKey, state]);

  const applyChange = useCallback((changed: readonly ClusterSummary[], undoable: Undoable) => {
    setData((current) => {
      if (!current) return current;
      const view = { state, sort: latest.current.filters.sort, category: latest.current.filters.category, hasMore: current.nextCursor !== null };
      return { ...current, clusters: applyClusterChanges(current.clusters, changed, view), undoable };
    });
  }, [state]);

  const replace = useCallback((cluster: ClusterSummary) => {
    setData((current) => (current ? { ...current, clusters: replaceCluster(current.clusters, cluster) } : current));
  }, []);

  const remove = useCallback((clusterIds: readonly string[]) => {
    const leaving = new Set(clusterIds);
    setData((current) => (current ? { ...current, clusters: current.clusters.filter((c) => !leaving.has(c.id)) } : current));
  }, []);

  const setDetails = useCallback((clusterId: string, details: ClusterDetails) => {
    setData((current) => (current ? { ...current, details: { ...current.details, [clusterId]: details } } : current));
  }, []);

  const reload = useCallback(() => void loadFirst(false), [loadFirst]);
  const refresh = useCallback(() => loadFirst(true), [loadFirst]);
  return { loading, error, data, loadingMore, loadMoreError, reload, refresh, loadMore, applyChange, replace, remove, setDetails };
}
