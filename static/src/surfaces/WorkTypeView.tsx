import { Box } from '@atlaskit/primitives';
import type { SurfaceProps } from '../main';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { WorkTypeLozenge } from '../ui/WorkTypeLozenge';

function WorkTypeValue({ issueKey }: { issueKey: string }) {
  const workType = useResolver('workType.get', { issueKey });
  return (
    <Resolved result={workType} what="work type">
      {(data) => <WorkTypeLozenge value={data.value} />}
    </Resolved>
  );
}

/** The Work type field as the issue view shows it: compact, one line. */
export default function WorkTypeView({ context }: SurfaceProps) {
  return (
    <Box padding="space.050" aria-label="Work type">
      {context.issueKey ? <WorkTypeValue issueKey={context.issueKey} /> : <WorkTypeLozenge value={context.fieldValue} />}
    </Box>
  );
}
