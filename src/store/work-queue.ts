/**
 * The one file that imports `@forge/events` (.dependency-cruiser.js: `forge-events-only-in-work-queue`): the
 * `signal-work` queue that manifest.yml's consumer reads, and the retry answer a consumer gives the platform.
 * It lives in src/store because the queue is Forge-held state like KVS and SQL, reached by services only.
 *
 * What the SDK (3.0.8) refuses before sending: more than 50 events or 200 KB in one push, a delay outside
 * 0–900 s, a body that is not a plain object. The platform adds 500 events a minute per installation (429 →
 * RateLimitError). Delivery is at least once, so every consumer must be idempotent.
 */
import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';

/** manifest.yml: `consumer: [{ key: signal-work, queue: signal-work, function: signal-work-fn }]`. */
export const WORK_QUEUE_KEY = 'signal-work';
/** `Queue.push` refuses more than this many events in one call. */
export const MAX_EVENTS_PER_PUSH = 50;
/** The longest delay the queue accepts for an event or a retry. */
export const MAX_DELAY_SECONDS = 900;

/** What one event carries: the outbox row to perform; the row itself (in SQL) is the truth. */
export interface WorkEventBody extends Record<string, unknown> {
  outboxId: string;
}

let queue: Queue<WorkEventBody> | null = null;
/** Created on first use, so that importing this file needs no Forge runtime (unit tests, the sandbox's loader). */
const workQueue = (): Queue<WorkEventBody> => (queue ??= new Queue<WorkEventBody>({ key: WORK_QUEUE_KEY }));

/** `@forge/events`' concurrency control: events sharing `key` run at most `limit` at a time. */
export interface WorkConcurrency {
  key: string;
  limit: number;
}

/** Pushes up to 50 events as one job; throws what the SDK throws (validation, rate limit, server errors). */
export async function pushWork(bodies: readonly WorkEventBody[], delayInSeconds = 0, concurrency?: WorkConcurrency): Promise<{ jobId: string }> {
  if (bodies.length === 0) throw new Error('pushWork needs at least one event');
  if (bodies.length > MAX_EVENTS_PER_PUSH) throw new Error(`pushWork takes at most ${MAX_EVENTS_PER_PUSH} events per push`);
  const delay = Math.max(0, Math.min(MAX_DELAY_SECONDS, Math.round(delayInSeconds)));
  return workQueue().push(
    bodies.map((body) => ({ body, ...(delay > 0 ? { delayInSeconds: delay } : {}), ...(concurrency ? { concurrency: { ...concurrency } } : {}) })),
  );
}

/** The platform's retry answer as a value a consumer returns: deliver this event again after `seconds`. */
export type RetryRequest = ReturnType<InvocationError['toJSON']>;

/** Asks the platform to deliver the event again after `seconds` (1–900), with why. */
export function retryLater(seconds: number, retryData?: Record<string, unknown>): RetryRequest {
  const retryAfter = Math.max(1, Math.min(MAX_DELAY_SECONDS, Math.ceil(seconds)));
  // InvocationError's constructor returns its JSON form ({ _retry, retryOptions }), which is what the platform reads.
  return new InvocationError({
    retryAfter,
    retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    ...(retryData ? { retryData } : {}),
  }) as unknown as RetryRequest;
}
