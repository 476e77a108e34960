/**
 * When to try a failed request again, shared by the Jira client and the storage layer so both back off the
 * same way. Pure: the caller supplies the jitter (a number in [0, 1)) and does the waiting.
 */

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  /** A wait longer than this is not sat out inside a 25 s resolver: the person is told to come back instead. */
  maxWaitMs: number;
}

/**
 * How long to wait before the next try after failed try number `attempt` (0 for the first), or null when the
 * caller should give up: the retries are spent, or the server asked for a wait longer than the policy allows.
 * The server's own Retry-After wins; otherwise exponential backoff with ±25 % jitter.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterSeconds: number | undefined, jitter: number): number | null {
  const delay = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : policy.baseDelayMs * 2 ** attempt * (0.75 + jitter * 0.5);
  return attempt >= policy.maxRetries || delay > policy.maxWaitMs ? null : delay;
}
