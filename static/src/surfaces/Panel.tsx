import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { IssueSummary } from '../../../src/contract';
import type { SurfaceProps } from '../main';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';

const STATUS_APPEARANCE = { new: 'default', indeterminate: 'inprogress', done: 'success' } as const;

function IssueFacts({ issue }: { issue: IssueSummary }) {
  return (
    <Stack space="space.100">
      <Heading size="small" as="h2">
        {issue.key}: {issue.summary}
      </Heading>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance={STATUS_APPEARANCE[issue.status.category]}>{issue.status.name}</Lozenge>
        <Text color="color.text.subtle">{issue.issueType}</Text>
        <Text color="color.text.subtle">·</Text>
        <Text color="color.text.subtle">
          {issue.project.name} ({issue.project.key})
        </Text>
      </Inline>
    </Stack>
  );
}

function SignedInAs() {
  const viewer = useResolver('viewer.get', {});
  if (viewer.state !== 'ready') return null;
  return (
    <Text size="small" color="color.text.subtlest" testId="upstream-signed-in-as">
      Signed in as {viewer.data.displayName}
    </Text>
  );
}

function IssueOverview({ issueKey }: { issueKey: string }) {
  const overview = useResolver('panel.overview', { issueKey });
  return (
    <Resolved result={overview} what="the issue's context">
      {({ issue }) => (
        <>
          <IssueFacts issue={issue} />
          <Text as="p">
            The work type, where this issue came from (signals and discovery notes) and its design walkthrough land
            here next.
          </Text>
          <SignedInAs />
        </>
      )}
    </Resolved>
  );
}

/** The issue panel: for now the issue's own facts, proving the whole path from Jira to the resolvers. */
export default function Panel({ context }: SurfaceProps) {
  return (
    <SurfaceLayout label="Upstream context">
      {context.issueKey ? (
        <IssueOverview issueKey={context.issueKey} />
      ) : (
        <Empty title="No issue here">Open Upstream from an issue to see its context.</Empty>
      )}
    </SurfaceLayout>
  );
}
