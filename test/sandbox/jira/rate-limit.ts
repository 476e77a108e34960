/**
 * Jira's request limits, as the emulator enforces them when a test turns them on: how many requests Jira works
 * on at once, and Jira's burst limit — requests per second to one endpoint (tenant + route + HTTP method; the
 * `jira-burst-based` reason in Atlassian's rate-limiting guide). A refused request answers 429 with the headers
 * Jira sends: `Retry-After` (seconds), `X-RateLimit-Reset` (ISO 8601, to the minute), `X-RateLimit-Limit`,
 * `X-RateLimit-Remaining` and `RateLimit-Reason`.
 *
 * Jira publishes no separate reason for too many requests at once; a burst of parallel calls is what its burst
 * limit catches, so concurrency refusals carry `jira-burst-based` too. The per-hour points quota and the
 * per-issue write limit are not modelled.
 */
import type { SandboxResponse } from '../http';

export interface JiraRateLimit {
  /** Requests the emulator works on at once; one more is refused. Absent = no limit. */
  maxConcurrent?: number;
  /** Requests to one endpoint (method + route template) in any one-second window. Absent = no limit. */
  perSecond?: number;
  /** Retry-After of a concurrency refusal (a per-second refusal says when its window frees up). Default 1. */
  retryAfterSeconds?: number;
}

export interface RateLimitStats {
  /** Requests admitted and not yet answered. */
  inFlight: number;
  /** The most that were ever in flight at once since the stats were last reset. */
  peakInFlight: number;
  refusedConcurrent: number;
  refusedPerSecond: number;
}

export type Admission = { admitted: true; release: () => void } | { admitted: false; response: SandboxResponse };

const WINDOW_MS = 1000;
export const RATE_LIMIT_REASON = 'jira-burst-based';

/** `2026-01-31T10:05Z`: Jira's X-RateLimit-Reset, rounded up to the minute so it is never early. */
function resetStamp(at: Date): string {
  const ms = Math.ceil(at.getTime() / 60_000) * 60_000;
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

export class RateLimiter {
  private inFlight = 0;
  private stats: RateLimitStats = { inFlight: 0, peakInFlight: 0, refusedConcurrent: 0, refusedPerSecond: 0 };
  /** Start times of admitted requests per endpoint, oldest first, pruned to the last second. */
  private readonly recent = new Map<string, number[]>();

  constructor(
    /** Monotonic milliseconds, for the one-second windows. */
    private readonly clock: () => number,
    /** Wall time, for X-RateLimit-Reset. */
    private readonly wallClock: () => Date,
  ) {}

  /**
   * Decides on one request to `endpoint` under `limit` (null = no limits: every request is admitted, and still
   * counted, so a test can turn limits on between requests and see the in-flight count right). An admitted
   * request must be released when its answer is ready.
   */
  admit(limit: JiraRateLimit | null, endpoint: string): Admission {
    const now = this.clock();
    if (limit?.maxConcurrent !== undefined && this.inFlight >= limit.maxConcurrent) {
      this.stats.refusedConcurrent += 1;
      return { admitted: false, response: this.refusal(limit.maxConcurrent, limit.retryAfterSeconds ?? 1, 'Too many concurrent requests.') };
    }
    // History is kept only while a per-second limit is on; requests made without one do not count against it.
    if (limit?.perSecond !== undefined) {
      const window = (this.recent.get(endpoint) ?? []).filter((startedAt) => startedAt > now - WINDOW_MS);
      this.recent.set(endpoint, window);
      if (window.length >= limit.perSecond) {
        this.stats.refusedPerSecond += 1;
        // The window frees a place when its oldest request is a second old; Retry-After is whole seconds.
        const waitMs = (window[0] ?? now) + WINDOW_MS - now; // a limit of 0 has no oldest request
        return { admitted: false, response: this.refusal(limit.perSecond, Math.max(1, Math.ceil(waitMs / 1000)), 'Rate limit exceeded.') };
      }
      window.push(now);
    }
    this.inFlight += 1;
    this.stats.inFlight = this.inFlight;
    this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.stats.inFlight = this.inFlight;
      },
    };
  }

  snapshot(): RateLimitStats {
    return { ...this.stats };
  }

  /** Clears the counters (not the requests still in flight) and the per-second history. */
  reset(): void {
    this.stats = { inFlight: this.inFlight, peakInFlight: this.inFlight, refusedConcurrent: 0, refusedPerSecond: 0 };
    this.recent.clear();
  }

  private refusal(limit: number, retryAfterSeconds: number, message: string): SandboxResponse {
    return {
      status: 429,
      headers: {
        'content-type': 'application/json',
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-reset': resetStamp(new Date(this.wallClock().getTime() + retryAfterSeconds * 1000)),
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'ratelimit-reason': RATE_LIMIT_REASON,
      },
      body: { errorMessages: [message], errors: {} },
    };
  }
}
