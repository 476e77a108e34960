import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverInput, ResolverKey, ResolverOutput } from '../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';

export type RefreshableState<K extends ResolverKey> =
  | { state: 'loading' }
  | { state: 'error'; error: ResolverCallError }
  | { state: 'ready'; data: ResolverOutput<K> };

export interface Refreshable<K extends ResolverKey> {
  result: RefreshableState<K>;
  /** Loads again and shows "Loading…" (a retry after an error). */
  reload: () => void;
  /** Loads again behind the data on screen, which stays until the answer arrives (after a change elsewhere). */
  refresh: () => void;
  /** Replaces the data on screen with what a write answered, before (or instead of) a refresh. */
  update: (change: (data: ResolverOutput<K>) => ResolverOutput<K>) => void;
}

/**
 * Like useResolver, for surfaces that change what they show: a refresh keeps the current data on screen instead
 * of flashing a spinner, and a failed refresh keeps it too (the next refresh may succeed). A stale answer never
 * overwrites a newer one.
 */
export function useRefreshable<K extends ResolverKey>(key: K, input: ResolverInput<K>): Refreshable<K> {
  const inputKey = JSON.stringify(input);
  const [result, setResult] = useState<RefreshableState<K>>({ state: 'loading' });
  const generation = useRef(0);

  const load = useCallback(
    (quiet: boolean) => {
      const mine = ++generation.current;
      if (!quiet) setResult({ state: 'loading' });
      callResolver(key, JSON.parse(inputKey) as ResolverInput<K>).then(
        (data) => mine === generation.current && setResult({ state: 'ready', data }),
        (error: unknown) => {
          if (mine !== generation.current) return;
          setResult((current) => (quiet && current.state === 'ready' ? current : { state: 'error', error: asResolverCallError(error) }));
        },
      );
    },
    [key, inputKey],
  );

  useEffect(() => {
    load(false);
    return () => {
      generation.current++;
    };
  }, [load]);

  const reload = useCallback(() => load(false), [load]);
  const refresh = useCallback(() => load(true), [load]);
  const update = useCallback((change: (data: ResolverOutput<K>) => ResolverOutput<K>) => {
    // A write's answer is newer than any read in flight.
    generation.current++;
    setResult((current) => (current.state === 'ready' ? { state: 'ready', data: change(current.data) } : current));
  }, []);
  return { result, reload, refresh, update };
}
