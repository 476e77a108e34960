/**
 * The signal-intake webtrigger's request as a signed sender (a CRM, the feedback form) makes it: the body
 * signed with the intake secret over `<timestamp>.<body>`, in Forge's WebTriggerRequest shape for
 * `sandbox.webtrigger('signal-intake', …)`.
 */
import { signIntakeBody } from '../../src/services/signals/intake';

export interface IntakeWebtriggerRequest {
  method: string;
  path: string;
  body: string;
  headers: Record<string, string[]>;
  queryParameters: Record<string, string[]>;
}

/** `timestampSeconds` defaults to now; a test with a fake clock passes its own. */
export function signedIntakeRequest(secret: string, signal: Record<string, unknown>, timestampSeconds = Math.floor(Date.now() / 1000)): IntakeWebtriggerRequest {
  const body = JSON.stringify(signal);
  const timestamp = String(timestampSeconds);
  return {
    method: 'POST',
    path: '/x1/signal-intake',
    body,
    headers: {
      'Content-Type': ['application/json'],
      'X-Upstream-Timestamp': [timestamp],
      'X-Upstream-Signature': [signIntakeBody(secret, timestamp, body)],
    },
    queryParameters: {},
  };
}
