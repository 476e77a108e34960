/**
 * The Inbox's clusters: the first page for the filters, further pages with the cursor ("Load more"), whether the
 * person may triage, and their last change to undo. A change's answer updates the loaded clusters in place
 * (inbox-list.ts), so nobody loses their place to a reload. A stale answer never overwrites a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClusterSummary } from '../../../../src/contract/signals';
import type { ResolverOutput } from '../../../../src/contract';
import type { SignalCategory } from '../../../../src/domain/signals';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { appendPage, applyClusterChanges, replaceCluster, type InboxSort } from './inbox-list';

export const INBOX_PAGE_SIZE = 50;
/** The Inbox shows clusters nobody has triaged yet. */
const INBOX_STATE = 'new';

export interface InboxFilters {
  category?: SignalCategory;
  customer?: string;
  sort: InboxSort;
}

export type Undoable = ResolverOutput<'signals.inbox'>['undoable'];

export interface InboxData {
  clusters: ClusterSummary[];
  nextCursor: string | null;
  canTriage: boolean;
  undoable: Undoable;
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
}

const inputOf = (projectKey: string, filters: InboxFilters, cursor?: string) => ({
  projectKey,
  state: INBOX_STATE,
  sort: filters.sort,
  pageSize: INBOX_PAGE_SIZE,
  ...(filters.category ? { category: filters.category } : {}),
  ...(filters.customer ? { customer: filters.customer } : {}),
  ...(cursor ? { cursor } : {}),
}) as const;

export function useInbox(projectKey: string, filters: InboxFilters): Inbox {
  const [data, setData] = useState<InboxData | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ResolverCallError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<ResolverCallError | null>(null);
  const generation = useRef(0);
  const filtersKey = JSON.stringify(filters);
  const latest = useRef({ data, filters });
  latest.current = { data, filters };

  const loadFirst = useCallback(
    async (quiet: boolean) => {
      const mine = ++generation.current;
      if (!quiet) {
        setLoading(true);
        setError(null);
      }
      try {
        const page = await callResolver('signals.inbox', inputOf(projectKey, JSON.parse(filtersKey) as InboxFilters));
        if (mine !== generation.current) return;
        setData({ clusters: page.clusters, nextCursor: page.nextCursor, canTriage: page.canTriage, undoable: page.undoable });
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
    [projectKey, filtersKey],
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
    callResolver('signals.inbox', inputOf(projectKey, latest.current.filters, cursor)).then(
      (page) => {
        if (mine !== generation.current) return;
        setData((current) =>
          current
            ? { ...current, clusters: appendPage(current.clusters, page.clusters), nextCursor: page.nextCursor, canTriage: page.canTriage, undoable: page.undoable }
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
  }, [projectKey]);

  const applyChange = useCallback((changed: readonly ClusterSummary[], undoable: Undoable) => {
    setData((current) => {
      if (!current) return current;
      const view = { state: INBOX_STATE, sort: latest.current.filters.sort, category: latest.current.filters.category, hasMore: current.nextCursor !== null };
      return { ...current, clusters: applyClusterChanges(current.clusters, changed, view), undoable };
    });
  }, []);

  const replace = useCallback((cluster: ClusterSummary) => {
    setData((current) => (current ? { ...current, clusters: replaceCluster(current.clusters, cluster) } : current));
  }, []);

  const reload = useCallback(() => void loadFirst(false), [loadFirst]);
  const refresh = useCallback(() => loadFirst(true), [loadFirst]);
  return { loading, error, data, loadingMore, loadMoreError, reload, refresh, loadMore, applyChange, replace };
}
