import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverOutput } from '../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';

export type UnclassifiedIssue = ResolverOutput<'triage.unclassified'>['issues'][number];
export interface QueueRow extends UnclassifiedIssue {
  saving: boolean;
  /** Why the last write for this row was refused; the row stays in the list with it. */
  refusal: string | null;
}

export const PAGE_SIZE = 50;

export interface UnclassifiedQueue {
  rows: QueueRow[];
  total: number;
  nextPageToken: string | null;
  /** First load, or a reload of the head of the queue. */
  loading: boolean;
  loadingMore: boolean;
  error: ResolverCallError | null;
  loadMoreError: ResolverCallError | null;
  reload: () => void;
  loadMore: () => void;
  setSaving: (keys: readonly string[], saving: boolean) => void;
  /** Classified issues leave the queue; refused ones stay with their reason. */
  settle: (updated: readonly string[], refused: ReadonlyArray<{ issueKey: string; reason: string }>) => void;
}

/**
 * The project's unclassified issues, a page at a time (Jira's nextPageToken), past any number of issues.
 *
 * Classified rows leave the list in place. Because classifying shrinks the very result set being paged, the
 * queue is worked from its head: when every loaded row is gone, the first page is fetched again (it now holds
 * the next unclassified issues) rather than following a token issued before the list shrank.
 */
export function useUnclassifiedQueue(projectKey: string): UnclassifiedQueue {
  const [rows, setRows] = useState<QueueRow[]>([]);
  const [total, setTotal] = useState(0);
  const [nextPageToken, setNextPageToken] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ResolverCallError | null>(null);
  const [loadMoreError, setLoadMoreError] = useState<ResolverCallError | null>(null);
  const generation = useRef(0);

  const toRows = (issues: UnclassifiedIssue[]): QueueRow[] => issues.map((issue) => ({ ...issue, saving: false, refusal: null }));

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    setLoadMoreError(null);
    callResolver('triage.unclassified', { projectKey, pageSize: PAGE_SIZE }).then(
      (page) => {
        if (mine !== generation.current) return;
        setRows(toRows(page.issues));
        // An empty first page is the truth, whatever Jira's approximate count says (and it ends the refetching below).
        setTotal(page.issues.length === 0 ? 0 : page.total);
        setNextPageToken(page.issues.length === 0 ? null : page.nextPageToken);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(asResolverCallError(failure));
        setLoading(false);
      },
    );
  }, [projectKey]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  const loadMore = useCallback(() => {
    if (!nextPageToken) return;
    const mine = generation.current;
    setLoadingMore(true);
    setLoadMoreError(null);
    callResolver('triage.unclassified', { projectKey, pageSize: PAGE_SIZE, nextPageToken }).then(
      (page) => {
        if (mine !== generation.current) return;
        setRows((current) => {
          const known = new Set(current.map((row) => row.key));
          return [...current, ...toRows(page.issues.filter((issue) => !known.has(issue.key)))];
        });
        setTotal(page.total);
        setNextPageToken(page.nextPageToken);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setLoadMoreError(asResolverCallError(failure));
        setLoadingMore(false);
      },
    );
  }, [projectKey, nextPageToken]);

  const setSaving = useCallback((keys: readonly string[], saving: boolean) => {
    const wanted = new Set(keys);
    setRows((current) => current.map((row) => (wanted.has(row.key) ? { ...row, saving, refusal: saving ? null : row.refusal } : row)));
  }, []);

  const settle = useCallback(
    (updated: readonly string[], refused: ReadonlyArray<{ issueKey: string; reason: string }>) => {
      const gone = new Set(updated);
      const reasons = new Map(refused.map((r) => [r.issueKey, r.reason]));
      setRows((current) =>
        current
          .filter((row) => !gone.has(row.key))
          .map((row) => (reasons.has(row.key) ? { ...row, saving: false, refusal: reasons.get(row.key) ?? null } : row)),
      );
      setTotal((n) => Math.max(0, n - gone.size));
    },
    [],
  );

  // Every loaded row classified, but the project has more: fetch the head of the queue again.
  const exhausted = !loading && !error && rows.length === 0 && (nextPageToken !== null || total > 0);
  useEffect(() => {
    if (exhausted) reload();
  }, [exhausted, reload]);

  return { rows, total, nextPageToken, loading, loadingMore, error, loadMoreError, reload, loadMore, setSaving, settle };
}
