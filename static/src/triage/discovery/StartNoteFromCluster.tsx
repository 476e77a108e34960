import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { view } from '@forge/bridge';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { readSurfaceContext } from '../../forge-context';
import { LazyErrorMessage } from '../../ui/LazyErrorMessage';
import { noteHistory, notePath } from './note-history';

export interface StartNoteFromClusterProps {
  /** The triage page's project; read from the frame's context when not given. */
  projectKey?: string;
  clusterId: string;
  clusterTitle: string;
}

/** A stand-in problem the lead rewrites on the note's page: the note needs one, and the cluster names it. */
const problemFrom = (title: string): string =>
  `Customers raised “${title}” (the signals linked below). Rewrite this as the problem they have, in their terms.`;

/**
 * "Start a discovery note" on an open cluster: one click makes a note titled after the cluster, with the cluster
 * and its signals as its evidence, and opens it on the Discovery tab. The resolver refuses anyone who may not
 * start notes, with the reason shown here.
 */
export function StartNoteFromCluster({ projectKey, clusterId, clusterTitle }: StartNoteFromClusterProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverCallError | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const key = projectKey ?? readSurfaceContext(await view.getContext()).projectKey;
      if (!key) throw new Error('This page names no project');
      const made = await callResolver('discovery.create', { projectKey: key, title: clusterTitle.slice(0, 255), problem: problemFrom(clusterTitle), clusterId });
      const history = await noteHistory();
      history?.push(notePath(made.note.id));
    } catch (cause: unknown) {
      setError(asResolverCallError(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button spacing="compact" onClick={() => void start()} isLoading={busy} testId="start-note-from-cluster">
        Start a discovery note
      </Button>
      {error && <LazyErrorMessage error={error} />}
    </>
  );
}
