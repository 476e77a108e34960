import { Box } from '@atlaskit/primitives';
import type { SurfaceProps } from '../main';
import { useRefreshable } from '../ui/use-refreshable';
import { useIssueChanges } from '../ui/issue-events';
import { Loading } from '../ui/Loading';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { WorkTypeLozenge } from '../ui/WorkTypeLozenge';

function WorkTypeValue({ issueKey }: { issueKey: string }) {
  const { result, reload, refresh } = useRefreshable('workType.get', { issueKey });
  // The panel (or Jira) changed the value: show the new one without a spinner in between.
  useIssueChanges({ key: issueKey }, refresh);
  if (result.state === 'loading') return <Loading what="work type" />;
  if (result.state === 'error') return <LazyErrorMessage error={result.error} onRetry={reload} />;
  return <WorkTypeLozenge value={result.data.value} />;
}

/** The Work type field as the issue view shows it: compact, one line. */
export default function WorkTypeView({ context }: SurfaceProps) {
  return (
    <Box padding="space.050" aria-label="Work type" testId="work-type-view">
      {context.issueKey ? <WorkTypeValue issueKey={context.issueKey} /> : <WorkTypeLozenge value={context.fieldValue} />}
    </Box>
  );
}
