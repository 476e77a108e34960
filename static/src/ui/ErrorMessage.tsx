import { useEffect, useState } from 'react';
import SectionMessage from '@atlaskit/section-message';
import Button from '@atlaskit/button/new';
import { Stack, Text } from '@atlaskit/primitives';
import type { ResolverCallError, ResolverCallErrorCode } from '../api';

interface Guidance {
  title: string;
  appearance: 'warning' | 'error' | 'information';
  /** What the person can do next, after the resolver's own message. */
  nextStep: string | null;
  /** Whether trying again can help; access and input problems do not go away on their own. */
  retryable: boolean;
}

const GUIDANCE: Record<ResolverCallErrorCode, Guidance> = {
  unauthenticated: {
    title: 'Sign in to Jira again',
    appearance: 'warning',
    nextStep: 'Your Jira session has ended. Sign in again, then reload this page.',
    retryable: false,
  },
  forbidden: {
    title: "You don't have access to this",
    appearance: 'warning',
    nextStep: 'A Jira admin can grant access; send them the message above.',
    retryable: false,
  },
  'not-found': {
    title: 'Not found, or not visible to you',
    appearance: 'warning',
    nextStep: 'Check the key, or ask whoever shared the link.',
    retryable: false,
  },
  'invalid-input': {
    title: 'Upstream sent a request Jira could not accept',
    appearance: 'error',
    nextStep: 'This is a problem in Upstream, not something you did. Reload the page; if it persists, tell your Jira admin.',
    retryable: false,
  },
  conflict: {
    title: 'Someone else changed this at the same time',
    appearance: 'warning',
    nextStep: 'Load the latest version and try again.',
    retryable: true,
  },
  'jira-unavailable': {
    title: 'Jira is not answering',
    appearance: 'error',
    nextStep: 'Jira may be briefly unavailable. Try again in a moment.',
    retryable: true,
  },
  'rate-limited': {
    title: 'Jira is busy',
    appearance: 'warning',
    nextStep: null,
    retryable: true,
  },
  'storage-unavailable': {
    title: "Upstream's storage is not answering",
    appearance: 'error',
    nextStep: null,
    retryable: true,
  },
  internal: {
    title: 'Something went wrong in Upstream',
    appearance: 'error',
    nextStep: 'Try again; if it keeps happening, tell your Jira admin.',
    retryable: true,
  },
  'bridge-failure': {
    title: 'Upstream did not answer',
    appearance: 'error',
    nextStep: null,
    retryable: true,
  },
  'invalid-response': {
    title: 'Upstream could not read the answer',
    appearance: 'error',
    nextStep: null,
    retryable: true,
  },
};

/** Counts down a rate limit's wait, so "try again in N s" stays true while the person reads it. */
function useSecondsLeft(initial: number | undefined): number {
  const [left, setLeft] = useState(initial ?? 0);
  useEffect(() => {
    setLeft(initial ?? 0);
    if (!initial) return;
    const timer = setInterval(() => setLeft((s) => (s > 1 ? s - 1 : (clearInterval(timer), 0))), 1000);
    return () => clearInterval(timer);
  }, [initial]);
  return left;
}

/** Shows a resolver error as an error: its person-readable message, and the next step that fits its code. */
export function ErrorMessage({ error, onRetry }: { error: ResolverCallError; onRetry?: () => void }) {
  const guidance = GUIDANCE[error.code];
  const counted = error.code === 'rate-limited' || error.code === 'storage-unavailable';
  const secondsLeft = useSecondsLeft(counted ? error.retryAfterSeconds : undefined);
  const waitText = counted ? (secondsLeft > 0 ? `Try again in ${secondsLeft} s.` : 'You can try again now.') : guidance.nextStep;
  return (
    <SectionMessage appearance={guidance.appearance} title={guidance.title} testId={`upstream-error-${error.code}`}>
      <Stack space="space.100">
        <Text as="p">{error.message}</Text>
        {waitText && <Text as="p" color="color.text.subtle">{waitText}</Text>}
        {guidance.retryable && onRetry && (
          <div>
            <Button onClick={onRetry} isDisabled={secondsLeft > 0}>
              Try again
            </Button>
          </div>
        )}
      </Stack>
    </SectionMessage>
  );
}
