/**
 * Wraps an emulator with what the real cloud adds on the way: latency per request, injected faults (429 with
 * Retry-After, 500, 503; every matching request, or a seeded share of them), and a log of every request with
 * its start and end time. Benchmarks read the log to count calls and to measure the sequential round-trip
 * depth: the longest chain of requests each of which started only after the previous one had ended.
 */
import type { RequestHandler, SandboxRequest, SandboxResponse } from './http';
import { SeededRandom } from './seed/random';

export interface LoggedRequest {
  method: string;
  path: string;
  asUser: string | null;
  status: number;
  startedAt: number;
  endedAt: number;
}

/** Transient answers (429, 5xx) a caller should retry, and refusals (400, 403) that fail for good at once. */
export type FaultStatus = 400 | 403 | 429 | 500 | 503;

export interface Fault {
  /** Which requests it hits; all when absent. */
  match?: (req: SandboxRequest) => boolean;
  /** The answer it gives; with several, each failed request draws one of them (seeded, like `rate`). */
  status: FaultStatus | readonly FaultStatus[];
  retryAfterSeconds?: number;
  /** How many matching requests it fails before it clears itself; Infinity for a standing fault. */
  times: number;
  /**
   * The chance (0–1) that a matching request fails; every matching one when absent. A request the dice spare
   * passes through and does not use up `times`.
   */
  rate?: number;
  /**
   * Seeds the fault's dice (default 1), so a test that fails 20 % of requests fails the same ones on every
   * run: the draws depend only on the seed and the order in which matching requests arrive.
   */
  seed?: number;
}

/** A fault as held: its own dice, so adding a fault does not reshuffle which requests another one fails. */
interface ActiveFault extends Fault {
  dice: SeededRandom;
}

export class InstrumentedHandler implements RequestHandler {
  latencyMs = 0;
  readonly log: LoggedRequest[] = [];
  private faulted = 0;
  private faults: ActiveFault[] = [];

  constructor(
    private readonly inner: RequestHandler,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  injectFault(fault: Fault): void {
    if (fault.rate !== undefined && !(fault.rate >= 0 && fault.rate <= 1)) throw new Error(`A fault's rate is between 0 and 1; got ${fault.rate}.`);
    if (typeof fault.status !== 'number' && fault.status.length === 0) throw new Error('A fault needs at least one status.');
    this.faults.push({ ...fault, dice: new SeededRandom(fault.seed ?? 1) });
  }

  /** How many requests a fault answered instead of the emulator since the log was last cleared. */
  get faultedCount(): number {
    return this.faulted;
  }

  clearFaults(): void {
    this.faults = [];
  }

  clearLog(): void {
    this.log.length = 0;
    this.faulted = 0;
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
    // Each matching fault rolls its dice in turn; the first that fires answers. Rolling only for matching
    // requests keeps the draws a function of the seed and of the requests the fault cares about.
    const fault = this.faults.find((f) => f.times > 0 && (!f.match || f.match(req)) && (f.rate === undefined || f.dice.next() < f.rate));
    if (!fault) return undefined;
    fault.times -= 1;
    this.faulted += 1;
    const status = typeof fault.status === 'number' ? fault.status : fault.status[Math.floor(fault.dice.next() * fault.status.length)];
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    if (isStorageRequest(req)) return { status, headers, body: storageErrorBody(status) };
    if (status === 429) headers['ratelimit-reason'] = 'jira-burst-based';
    const message = FAULT_MESSAGES[status];
    return { status, headers, body: { errorMessages: [message], errors: {} } };
  }
}

const FAULT_MESSAGES: Record<FaultStatus, string> = {
  400: 'The request was refused as invalid.',
  403: 'You do not have permission to do this.',
  429: 'Rate limit exceeded.',
  500: 'Internal server error.',
  503: 'Service unavailable.',
};

/** `@forge/kvs` posts to `/api/v1/…` on the storage host; Jira's REST paths start with `/rest/`. */
const isStorageRequest = (req: SandboxRequest): boolean => req.path.startsWith('/api/v1/');

/**
 * The storage's error body, `{ code, message }`, which `@forge/kvs` turns into a ForgeKvsAPIError. A 429 is
 * documented as RATE_LIMIT_EXCEEDED (Forge's "Error handling for the Key-Value Store"); no code is published
 * for a 5xx, so these two are the sandbox's choice. `@forge/kvs` 1.6 keeps the status but drops the response
 * headers, so a Retry-After header sent with a storage fault never reaches the app.
 */
function storageErrorBody(status: FaultStatus): { code: string; message: string } {
  if (status === 429) return { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded.' };
  if (status === 503) return { code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable.' };
  if (status === 400) return { code: 'INVALID_REQUEST', message: FAULT_MESSAGES[400] };
  if (status === 403) return { code: 'FORBIDDEN', message: FAULT_MESSAGES[403] };
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' };
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
