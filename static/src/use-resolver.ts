import { useCallback, useEffect, useState } from 'react';
import type { ResolverInput, ResolverKey, ResolverOutput } from '../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from './api';

export type ResolverState<K extends ResolverKey> =
  | { state: 'loading'; data?: undefined; error?: undefined; reload: () => void }
  | { state: 'error'; data?: undefined; error: ResolverCallError; reload: () => void }
  | { state: 'ready'; data: ResolverOutput<K>; error?: undefined; reload: () => void };

type Settled<K extends ResolverKey> =
  | { state: 'loading' }
  | { state: 'error'; error: ResolverCallError }
  | { state: 'ready'; data: ResolverOutput<K> };

/**
 * Calls a resolver when the component mounts and whenever the input changes (compared by value, so callers can
 * pass object literals), and on `reload()`. A stale answer from an earlier input never overwrites a newer one.
 */
export function useResolver<K extends ResolverKey>(key: K, input: ResolverInput<K>): ResolverState<K> {
  const inputKey = JSON.stringify(input);
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<K>>({ state: 'loading' });

  useEffect(() => {
    let current = true;
    setSettled({ state: 'loading' });
    callResolver(key, JSON.parse(inputKey) as ResolverInput<K>).then(
      (data) => current && setSettled({ state: 'ready', data }),
      (error: unknown) => current && setSettled({ state: 'error', error: asResolverCallError(error) }),
    );
    return () => {
      current = false;
    };
  }, [key, inputKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...settled, reload } as ResolverState<K>;
}
