/**
 * The open cluster: its signals with their reasons, and the clusters most like it. `reload` keeps what is on
 * screen until the answer arrives (after a conflict, the person's selection stays on the signals still there).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverOutput } from '../../../../src/contract';
import type { InboxSignal } from '../../../../src/contract/signals';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';

export type ClusterView = ResolverOutput<'signals.cluster'>;

export interface OpenCluster {
  clusterId: string | null;
  view: ClusterView | null;
  loading: boolean;
  error: ResolverCallError | null;
  /** Loads the open cluster again; resolves with what it loaded (null when it failed or another opened meanwhile). */
  reload: () => Promise<ClusterView | null>;
  /** Changes what is on screen to a write's answer. */
  update: (change: (view: ClusterView) => ClusterView) => void;
  replaceSignal: (signal: InboxSignal) => void;
}

export function useOpenCluster(projectKey: string, clusterId: string | null): OpenCluster {
  const [view, setView] = useState<ClusterView | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ResolverCallError | null>(null);
  const generation = useRef(0);

  const load = useCallback(async (): Promise<ClusterView | null> => {
    const mine = ++generation.current;
    if (clusterId === null) {
      setView(null);
      setLoading(false);
      setError(null);
      return null;
    }
    setLoading(true);
    setError(null);
    try {
      const answer = await callResolver('signals.cluster', { projectKey, clusterId });
      if (mine !== generation.current) return null;
      setView(answer);
      return answer;
    } catch (caught: unknown) {
      if (mine === generation.current) setError(asResolverCallError(caught));
      return null;
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [projectKey, clusterId]);

  useEffect(() => {
    // Another cluster's signals must never show under this one's title.
    setView((current) => (current && current.cluster.id === clusterId ? current : null));
    void load();
    return () => {
      generation.current++;
    };
  }, [load, clusterId]);

  const update = useCallback((change: (current: ClusterView) => ClusterView) => {
    generation.current++;
    setLoading(false);
    setView((current) => (current ? change(current) : current));
  }, []);

  const replaceSignal = useCallback(
    (signal: InboxSignal) => update((current) => ({ ...current, signals: current.signals.map((s) => (s.id === signal.id ? signal : s)) })),
    [update],
  );

  return { clusterId, view: view && view.cluster.id === clusterId ? view : null, loading, error, reload: load, update, replaceSignal };
}
