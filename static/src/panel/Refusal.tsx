import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import type { ResolverCallError } from '../api';

/** A refused issue is not an error to retry: say plainly that this person cannot see it, and what to do. */
export default function Refusal({ issueKey, error }: { issueKey: string; error: ResolverCallError }) {
  return (
    <SectionMessage appearance="warning" title="You can't see this issue in Upstream" testId="panel-refused">
      <Stack space="space.100">
        <Text as="p">{error.message}</Text>
        <Text as="p" color="color.text.subtle">
          Upstream shows {issueKey}'s work type and origin only to people who can browse its project. Ask a Jira admin or
          the project's admin for access if you need it.
        </Text>
      </Stack>
    </SectionMessage>
  );
}
