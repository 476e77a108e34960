/**
 * My signals stays current without a reload: it asks again when the page comes back into view or gets focus,
 * and every 30 s while it is visible (a hidden tab asks nothing). A refresh re-reads as many signals as are on
 * screen, in one call, so "Show more" survives it; an answer to an older question never overwrites a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MySignalStatus, ResolverOutput } from '../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';

type Answer = ResolverOutput<'mySignals.list'>;
export const PAGE_SIZE = 25;
const MAX_PAGE = 50;
export const REFRESH_MS = 30_000;

export type LiveState =
  | { state: 'loading' }
  | { state: 'error'; error: ResolverCallError }
  | { state: 'ready'; signals: Answer['signals']; counts: Answer['counts']; nextCursor: string | null; refreshedAt: Date; loadingMore: boolean; moreError: ResolverCallError | null };

export function useLiveSignals(status: MySignalStatus | null) {
  const [live, setLive] = useState<LiveState>({ state: 'loading' });
  const generation = useRef(0);
  const shown = useRef(PAGE_SIZE);

  const load = useCallback(
    (quiet: boolean) => {
      const mine = ++generation.current;
      if (!quiet) {
        shown.current = PAGE_SIZE;
        setLive({ state: 'loading' });
      }
      callResolver('mySignals.list', { status, pageSize: Math.min(MAX_PAGE, Math.max(PAGE_SIZE, shown.current)) }).then(
        (data) => {
          if (mine !== generation.current) return;
          setLive({ state: 'ready', signals: data.signals, counts: data.counts, nextCursor: data.nextCursor, refreshedAt: new Date(), loadingMore: false, moreError: null });
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          // A failed background refresh keeps what is on screen; the next one may succeed.
          setLive((current) => (quiet && current.state === 'ready' ? current : { state: 'error', error: asResolverCallError(error) }));
        },
      );
    },
    [status],
  );

  useEffect(() => {
    load(false);
    const refreshIfVisible = () => {
      if (document.visibilityState === 'visible') load(true);
    };
    const timer = setInterval(refreshIfVisible, REFRESH_MS);
    document.addEventListener('visibilitychange', refreshIfVisible);
    window.addEventListener('focus', refreshIfVisible);
    return () => {
      generation.current++;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refreshIfVisible);
      window.removeEventListener('focus', refreshIfVisible);
    };
  }, [load]);

  const showMore = useCallback(() => {
    setLive((current) => {
      if (current.state !== 'ready' || !current.nextCursor || current.loadingMore) return current;
      const mine = ++generation.current;
      const cursor = current.nextCursor;
      callResolver('mySignals.list', { status, cursor, pageSize: PAGE_SIZE }).then(
        (data) => {
          if (mine !== generation.current) return;
          setLive((now) => {
            if (now.state !== 'ready') return now;
            const signals = [...now.signals, ...data.signals];
            shown.current = signals.length;
            return { ...now, signals, counts: data.counts, nextCursor: data.nextCursor, loadingMore: false, moreError: null };
          });
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          setLive((now) => (now.state === 'ready' ? { ...now, loadingMore: false, moreError: asResolverCallError(error) } : now));
        },
      );
      return { ...current, loadingMore: true, moreError: null };
    });
  }, [status]);

  return { live, reload: () => load(false), refresh: () => load(true), showMore };
}
