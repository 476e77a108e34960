/**
 * One note as its page shows it: loaded once, then replaced by the answer of each change (every discovery write
 * answers the note as it now is, so a change costs one round trip and the page never shows a stale version).
 * A change that fails keeps the page as it was, and its error is handed back to whoever asked for it, so the
 * person's typing stays in their field and the refusal is shown where they were working.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DiscoveryNoteView, ResolverInput } from '../../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';

export type NoteChangeKey =
  | 'discovery.update'
  | 'discovery.addInput'
  | 'discovery.resolveQuestion'
  | 'discovery.reopenQuestion'
  | 'discovery.linkEvidence'
  | 'discovery.unlinkEvidence'
  | 'discovery.setStatus';

/** A change's input without what every change names (the project and the note). */
export type ChangeInput<K extends NoteChangeKey> = Omit<ResolverInput<K>, 'projectKey' | 'noteId'>;

export interface NoteState {
  view: DiscoveryNoteView | null;
  loading: boolean;
  error: ResolverCallError | null;
  reload: () => Promise<DiscoveryNoteView | null>;
  /** Sends a change; answers null when it was made, else the refusal (the note is reloaded after a conflict). */
  change: <K extends NoteChangeKey>(key: K, input: ChangeInput<K>) => Promise<ResolverCallError | null>;
  /** Which change is on its way (its key), so its button can say so. */
  pending: NoteChangeKey | null;
}

export function useNote(projectKey: string, noteId: string): NoteState {
  const [view, setView] = useState<DiscoveryNoteView | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ResolverCallError | null>(null);
  const [pending, setPending] = useState<NoteChangeKey | null>(null);
  const generation = useRef(0);

  const reload = useCallback(async (): Promise<DiscoveryNoteView | null> => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const answer = await callResolver('discovery.get', { projectKey, noteId });
      if (mine !== generation.current) return null;
      setView(answer);
      setError(null);
      return answer;
    } catch (cause: unknown) {
      if (mine === generation.current) setError(asResolverCallError(cause));
      return null;
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [projectKey, noteId]);

  useEffect(() => {
    setView(null);
    void reload();
  }, [reload]);

  const change = useCallback(
    async <K extends NoteChangeKey>(key: K, input: ChangeInput<K>): Promise<ResolverCallError | null> => {
      setPending(key);
      try {
        const answer = (await callResolver(key, { projectKey, noteId, ...input } as unknown as ResolverInput<K>)) as DiscoveryNoteView;
        generation.current += 1;
        setView(answer);
        return null;
      } catch (cause: unknown) {
        const refusal = asResolverCallError(cause);
        // Someone saved first: show the note as it now is; what this person typed stays in their field.
        if (refusal.code === 'conflict') await reload();
        return refusal;
      } finally {
        setPending(null);
      }
    },
    [projectKey, noteId, reload],
  );

  return { view, loading, error, reload, change, pending };
}
