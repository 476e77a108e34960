/**
 * Wraps an emulator with what the real cloud adds on the way: latency per request, injected faults (429 with
 * Retry-After, 500, 503), and a log of every request with its start and end time. Benchmarks read the log to
 * count calls and to measure the sequential round-trip depth: the longest chain of requests each of which
 * started only after the previous one had ended.
 */
import type { RequestHandler, SandboxRequest, SandboxResponse } from './http';

export interface LoggedRequest {
  method: string;
  path: string;
  asUser: string | null;
  status: number;
  startedAt: number;
  endedAt: number;
}

export interface Fault {
  /** Which requests it hits; all when absent. */
  match?: (req: SandboxRequest) => boolean;
  status: 429 | 500 | 503;
  retryAfterSeconds?: number;
  /** How many matching requests it fails before it clears itself; Infinity for a standing fault. */
  times: number;
}

export class InstrumentedHandler implements RequestHandler {
  latencyMs = 0;
  readonly log: LoggedRequest[] = [];
  private faults: Fault[] = [];

  constructor(
    private readonly inner: RequestHandler,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  injectFault(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  clearLog(): void {
    this.log.length = 0;
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    const startedAt = this.clock();
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const fault = this.takeFault(req);
    const res = fault ?? (await this.inner.handle(req));
    this.log.push({
      method: req.method,
      path: req.path,
      asUser: req.asUser,
      status: res.status,
      startedAt,
      endedAt: this.clock(),
    });
    return res;
  }

  private takeFault(req: SandboxRequest): SandboxResponse | undefined {
    const fault = this.faults.find((f) => f.times > 0 && (!f.match || f.match(req)));
    if (!fault) return undefined;
    fault.times -= 1;
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    if (fault.status === 429) headers['ratelimit-reason'] = 'jira-burst-based';
    const message =
      fault.status === 429 ? 'Rate limit exceeded.' : fault.status === 503 ? 'Service unavailable.' : 'Internal server error.';
    return { status: fault.status, headers, body: { errorMessages: [message], errors: {} } };
  }
}

/**
 * Longest chain of non-overlapping requests (interval scheduling by end time, then DP over the chain). With a
 * fixed latency per request this is the number of sequential round trips the operation waited for.
 */
export function sequentialDepth(requests: ReadonlyArray<Pick<LoggedRequest, 'startedAt' | 'endedAt'>>): number {
  const sorted = [...requests].sort((a, b) => a.endedAt - b.endedAt);
  const depthEndingAt: number[] = [];
  let best = 0;
  sorted.forEach((r, i) => {
    let d = 1;
    for (let j = 0; j < i; j += 1) {
      if (sorted[j].endedAt <= r.startedAt) d = Math.max(d, depthEndingAt[j] + 1);
    }
    depthEndingAt[i] = d;
    best = Math.max(best, d);
  });
  return best;
}
