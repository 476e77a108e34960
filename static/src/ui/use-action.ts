import { useCallback, useRef, useState } from 'react';
import { asResolverCallError, type ResolverCallError } from '../api';

export interface Action {
  /** Which action is running (e.g. "confirm", "unlink:signal-1"), or null. */
  pending: string | null;
  failure: { name: string; error: ResolverCallError; retry: () => void } | null;
  run: (name: string, work: () => Promise<void>) => Promise<boolean>;
  dismiss: () => void;
}

/**
 * One write at a time from a surface, with its failure kept for the person to read and retry. The work itself
 * keeps nothing on failure, so what the person chose stays on screen.
 */
export function useAction(): Action {
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<Action['failure']>(null);
  const busy = useRef(false);

  const run = useCallback(async (name: string, work: () => Promise<void>): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setPending(name);
    setFailure(null);
    try {
      await work();
      return true;
    } catch (error: unknown) {
      setFailure({ name, error: asResolverCallError(error), retry: () => void run(name, work) });
      return false;
    } finally {
      busy.current = false;
      setPending(null);
    }
  }, []);

  const dismiss = useCallback(() => setFailure(null), []);
  return { pending, failure, run, dismiss };
}
