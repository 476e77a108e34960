import Spinner from '@atlaskit/spinner';
import { Inline, Text } from '@atlaskit/primitives';

/** A spinner that says what is loading, so screen readers and people both know what they are waiting for. */
export function Loading({ what }: { what: string }) {
  return (
    <Inline space="space.100" alignBlock="center" testId="upstream-loading">
      <Spinner size="small" label={`Loading ${what}`} />
      <Text color="color.text.subtle">Loading {what}…</Text>
    </Inline>
  );
}
