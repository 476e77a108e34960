import Heading from '@atlaskit/heading';
import { Inline, Text } from '@atlaskit/primitives';
import type { SurfaceProps } from '../main';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';
import { Metric } from '../ui/Metric';

function TriageOverview({ projectKey }: { projectKey: string }) {
  const overview = useResolver('triage.overview', { projectKey });
  return (
    <Resolved result={overview} what="the triage queue">
      {(data) => (
        <>
          <Heading size="large" as="h1">
            Upstream triage: {data.project.name}
          </Heading>
          <Inline space="space.200" shouldWrap>
            <Metric label="Open issues" value={data.openIssueCount} testId="triage-open-issues" />
            <Metric label="Without a work type" value={data.unclassifiedCount} testId="triage-unclassified" />
          </Inline>
          <Text as="p">
            {data.unclassifiedCount === 0
              ? 'Every open issue has a work type.'
              : `${data.unclassifiedCount} open ${data.unclassifiedCount === 1 ? 'issue has' : 'issues have'} no work type yet.`}{' '}
            The signals inbox, clusters, parking lot, unclassified issues and discovery notes land on this page next.
          </Text>
        </>
      )}
    </Resolved>
  );
}

/** The project page product leads triage from. */
export default function TriagePage({ context }: SurfaceProps) {
  return (
    <SurfaceLayout label="Upstream triage">
      {context.projectKey ? (
        <TriageOverview projectKey={context.projectKey} />
      ) : (
        <Empty title="No project here">Open Upstream triage from a project's sidebar.</Empty>
      )}
    </SurfaceLayout>
  );
}
