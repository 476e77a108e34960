/**
 * Forge's async events (`@forge/events` 3.0.8), locally. What the SDK sends, read in its out/queue.js,
 * queries.js and validators.js: `__requestAtlassianAsApp` = `__fetchProduct({ provider: 'app', remote:
 * 'stargate', type: 'fpp' })`, POST with a JSON body to
 *   /webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}   { queueName, jobId, type, schema, payload: PushEvent[], time } → 201
 *   /webhook/queue/stats/…                                                     { queueName, jobId, time } → 200 { success, inProgress, failed } | 404
 *   /webhook/queue/cancel/…                                                    { queueName, jobId, time } → 204 | 404
 * (the `{…}` placeholders are sent literally; the platform's proxy fills them in). The SDK reads 429 as
 * RateLimitError, 413 `{ errorMessage }` as PayloadTooBigError, 202 `{ failedEvents }` as PartialSuccessError and
 * any other non-2xx `{ message }` as InternalServerError.
 *
 * What the platform does, done here (forge-reference §1.10, the async events docs):
 * - refuses a push of more than 50 events, over 200 KB, with a delay outside 0–900 s or a body that is not an
 *   object (the SDK refuses these first; raw requests meet the same rules here), and more than 500 events a
 *   minute per installation (429);
 * - delivers each event to the function the manifest's consumer for that queue names, as an AsyncEvent
 *   (`body`, `queueName`, `jobId`, `eventId`, `delayInSeconds?`, `retryContext?`), after its delay;
 * - at least once: a returned/thrown `InvocationError` (`{ _retry: true, retryOptions }`) is delivered again after
 *   `retryAfter` (1–900 s) with `retryContext { retryCount, retryReason, retryData, retentionWindow }`; any other
 *   thrown error (an app-level error) is retried with exponential backoff up to 15 min; a platform-level failure
 *   (injected with `failureRate`, before the consumer runs) is retried the same way without counting in
 *   `retryCount`. An event is dropped once its retention window (24 h; 96 h for platform errors) is spent — or,
 *   for tests, after `maxDeliveries`.
 *
 * Delays are multiplied by `delayScale`: 0 (the default) delivers at once, for tests; `npm start` uses 1.
 * Injected faults draw from seeded streams, so a run fails the same deliveries every time.
 */
import { z } from 'zod';
import { json, type RequestHandler, type SandboxRequest, type SandboxResponse } from '../http';
import { SeededRandom } from '../seed/random';

/** The platform's limits (forge-reference §1.10). */
export const EVENTS_LIMITS = {
  eventsPerPush: 50,
  pushBytes: 200 * 1024,
  maxDelaySeconds: 900,
  eventsPerMinute: 500,
  maxRetryAfterSeconds: 900,
  retentionSeconds: 24 * 3600,
  platformRetentionSeconds: 96 * 3600,
} as const;

export interface EventsQueueOptions {
  /** Multiplies every delay (delayInSeconds, retryAfter, backoff): 0 = at once (default), 1 = real time. */
  delayScale?: number;
  /** Share (0–1) of deliveries that fail as a platform error before the consumer runs; retried later. */
  failureRate?: number;
  /** Share (0–1) of successful deliveries that are delivered once more (at-least-once delivery). */
  duplicateRate?: number;
  /** Share (0–1) of pushes answered 500 (the SDK throws InternalServerError; nothing is enqueued). */
  pushFailureRate?: number;
  /** Seeds the fault streams (default 1). */
  seed?: number;
  /** Deliveries of one event before it is dropped regardless of its retention window (tests); unlimited by default. */
  maxDeliveries?: number;
  /** Consumer invocations running at once (the platform runs many; a few keep MariaDB calm). */
  concurrency?: number;
  eventsPerMinute?: number;
}

/** What the sandbox hands a consumer: Forge's AsyncEvent. */
export interface AsyncEventShape {
  body: Record<string, unknown>;
  queueName: string;
  jobId: string;
  eventId: string;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
  retryContext?: {
    retryCount: number;
    retryReason: string;
    retryData: unknown;
    retentionWindow: { startTime: string; remainingTimeMs: number };
  };
}

/** Runs the consumer for `queueName` (the Sandbox resolves it from manifest.yml); throws if there is none. */
export type DeliverFn = (queueName: string, event: AsyncEventShape) => Promise<unknown>;

export interface EventsStats {
  pushes: number;
  eventsPushed: number;
  pushesRefused: number;
  pushFailuresInjected: number;
  deliveries: number;
  deliveryFailuresInjected: number;
  /** Redeliveries the consumer asked for with InvocationError. */
  retriesRequested: number;
  /** Redeliveries after the consumer threw. */
  appErrors: number;
  duplicatesDelivered: number;
  succeeded: number;
  dropped: number;
  cancelled: number;
}

export interface DeliveryRecord {
  eventId: string;
  jobId: string;
  queueName: string;
  body: Record<string, unknown>;
  outcome: 'success' | 'retry-requested' | 'app-error' | 'platform-failure' | 'dropped' | 'cancelled';
  retryCount: number;
}

const pushEventSchema = z.object({
  body: z.record(z.string(), z.unknown()),
  delayInSeconds: z.number().min(0).max(EVENTS_LIMITS.maxDelaySeconds).optional(),
  concurrency: z.object({ key: z.string().min(1), limit: z.number().int().positive() }).optional(),
});
const pushRequestSchema = z.object({
  queueName: z.string().regex(/^[a-zA-Z0-9-_]+$/),
  jobId: z.string().min(1),
  type: z.string().optional(),
  schema: z.string().optional(),
  payload: z.array(z.unknown()),
  time: z.string().optional(),
});
const jobRequestSchema = z.object({ queueName: z.string(), jobId: z.string().min(1) });
/** What `new InvocationError(...)` turns into (its constructor returns its JSON form). */
const retryRequestSchema = z.object({
  _retry: z.literal(true),
  retryOptions: z.object({ retryAfter: z.number(), retryReason: z.string(), retryData: z.unknown().optional() }).partial().optional(),
});

interface Job {
  queueName: string;
  success: number;
  inProgress: number;
  failed: number;
  cancelled: boolean;
}

interface Delivery {
  event: AsyncEventShape;
  job: Job;
  enqueuedAt: number;
  /** Simulated seconds since it was enqueued (delays as the platform counts them, whatever the scale). */
  ageSeconds: number;
  /** Deliveries so far, of any kind. */
  attempts: number;
  /** Platform-level failures in a row, for their backoff. */
  platformFailures: number;
  /** A duplicate copy: its outcome does not change the job's counts. */
  duplicate: boolean;
}

const PUSH = /^\/webhook\/queue\/publish\//;
const STATS = /^\/webhook\/queue\/stats\//;
const CANCEL = /^\/webhook\/queue\/cancel\//;

export class EventsQueue implements RequestHandler {
  readonly stats: EventsStats = {
    pushes: 0,
    eventsPushed: 0,
    pushesRefused: 0,
    pushFailuresInjected: 0,
    deliveries: 0,
    deliveryFailuresInjected: 0,
    retriesRequested: 0,
    appErrors: 0,
    duplicatesDelivered: 0,
    succeeded: 0,
    dropped: 0,
    cancelled: 0,
  };
  readonly log: DeliveryRecord[] = [];
  options: Required<Omit<EventsQueueOptions, 'maxDeliveries'>> & { maxDeliveries: number };
  private readonly jobs = new Map<string, Job>();
  private readonly pushTimes: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ready: Delivery[] = [];
  private running = 0;
  /** Running deliveries per concurrency key (events pushed with `concurrency`). */
  private readonly runningByKey = new Map<string, number>();
  private outstanding = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;
  private failureDice: SeededRandom;
  private duplicateDice: SeededRandom;
  private pushDice: SeededRandom;

  constructor(
    private readonly queues: ReadonlySet<string>,
    private readonly deliver: DeliverFn,
    options: EventsQueueOptions = {},
  ) {
    this.options = {
      delayScale: 0,
      failureRate: 0,
      duplicateRate: 0,
      pushFailureRate: 0,
      seed: 1,
      maxDeliveries: Infinity,
      concurrency: 4,
      eventsPerMinute: EVENTS_LIMITS.eventsPerMinute,
      ...options,
    };
    this.failureDice = new SeededRandom(this.options.seed);
    this.duplicateDice = new SeededRandom(this.options.seed + 1);
    this.pushDice = new SeededRandom(this.options.seed + 2);
  }

  /** Changes the fault settings (and reseeds their dice when `seed` is given). */
  configure(options: EventsQueueOptions): void {
    this.options = { ...this.options, ...options };
    if (options.seed !== undefined) {
      this.failureDice = new SeededRandom(options.seed);
      this.duplicateDice = new SeededRandom(options.seed + 1);
      this.pushDice = new SeededRandom(options.seed + 2);
    }
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    if (req.method !== 'POST') return json(405, { message: 'Method not allowed.' });
    let body: unknown;
    try {
      body = JSON.parse(req.body ?? '');
    } catch {
      return json(400, { message: 'The request body is not JSON.' });
    }
    if (PUSH.test(req.path)) return this.push(body);
    if (STATS.test(req.path)) return this.jobStats(body);
    if (CANCEL.test(req.path)) return this.cancel(body);
    return json(404, { message: `No such events endpoint: ${req.path}` });
  }

  private refuse(status: number, body: Record<string, unknown>): SandboxResponse {
    this.stats.pushesRefused += 1;
    return json(status, body);
  }

  private push(raw: unknown): SandboxResponse {
    const request = pushRequestSchema.safeParse(raw);
    if (!request.success) return this.refuse(400, { message: `Invalid push request: ${request.error.issues[0]?.message ?? 'bad shape'}` });
    const { queueName, jobId, payload } = request.data;
    // The platform's answer for a queue no consumer reads is not documented; refusing it catches a typo'd key.
    if (!this.queues.has(queueName)) return this.refuse(400, { message: `No consumer in manifest.yml reads queue ${queueName}.` });
    if (payload.length === 0) return this.refuse(400, { message: 'No events pushed.' });
    if (payload.length > EVENTS_LIMITS.eventsPerPush) {
      return this.refuse(400, { message: `This push contains more than the ${EVENTS_LIMITS.eventsPerPush} events allowed.` });
    }
    if (Buffer.byteLength(JSON.stringify(payload)) > EVENTS_LIMITS.pushBytes) {
      return this.refuse(413, { errorMessage: `The maximum payload size is ${EVENTS_LIMITS.pushBytes / 1024}KB.` });
    }
    const events: Array<z.infer<typeof pushEventSchema>> = [];
    for (const event of payload) {
      const parsed = pushEventSchema.safeParse(event);
      if (!parsed.success) return this.refuse(400, { message: `Invalid event: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}` });
      events.push(parsed.data);
    }
    const now = Date.now();
    while (this.pushTimes.length > 0 && this.pushTimes[0]! <= now - 60_000) this.pushTimes.shift();
    if (this.pushTimes.length + events.length > this.options.eventsPerMinute) return this.refuse(429, { message: 'Too many requests.' });
    if (this.options.pushFailureRate > 0 && this.pushDice.next() < this.options.pushFailureRate) {
      this.stats.pushFailuresInjected += 1;
      return json(500, { message: 'Injected push failure (sandbox).' });
    }
    this.stats.pushes += 1;
    this.stats.eventsPushed += events.length;
    for (let i = 0; i < events.length; i += 1) this.pushTimes.push(now);
    const job: Job = { queueName, success: 0, inProgress: events.length, failed: 0, cancelled: false };
    this.jobs.set(jobId, job);
    events.forEach((event, index) => {
      const delivery: Delivery = {
        event: {
          body: event.body,
          queueName,
          jobId,
          eventId: `${jobId}-${index}`,
          ...(event.delayInSeconds !== undefined ? { delayInSeconds: event.delayInSeconds } : {}),
          ...(event.concurrency ? { concurrency: event.concurrency } : {}),
        },
        job,
        enqueuedAt: now,
        ageSeconds: 0,
        attempts: 0,
        platformFailures: 0,
        duplicate: false,
      };
      this.schedule(delivery, event.delayInSeconds ?? 0);
    });
    return json(201, { jobId });
  }

  private jobStats(raw: unknown): SandboxResponse {
    const request = jobRequestSchema.safeParse(raw);
    const job = request.success ? this.jobs.get(request.data.jobId) : undefined;
    if (!job) return json(404, { message: 'Job not found.' });
    return json(200, { success: job.success, inProgress: job.inProgress, failed: job.failed });
  }

  private cancel(raw: unknown): SandboxResponse {
    const request = jobRequestSchema.safeParse(raw);
    const job = request.success ? this.jobs.get(request.data.jobId) : undefined;
    if (!job) return json(404, { message: 'Job not found.' });
    // Events not yet started (retries included) are not processed; running invocations finish.
    job.cancelled = true;
    return json(204);
  }

  private schedule(delivery: Delivery, delaySeconds: number): void {
    if (this.closed) return;
    delivery.ageSeconds += delaySeconds;
    this.outstanding += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(delivery);
      this.pump();
    }, delaySeconds * 1000 * this.options.delayScale);
    timer.unref();
    this.timers.add(timer);
  }

  /**
   * Starts ready deliveries, oldest first, up to the sandbox's own concurrency; an event pushed with
   * `concurrency: { key, limit }` waits while `limit` events of its key are running, as the platform's
   * concurrency control does, and the events behind it go ahead.
   */
  private pump(): void {
    for (let index = 0; this.running < this.options.concurrency && index < this.ready.length; ) {
      const delivery = this.ready[index]!;
      const control = delivery.event.concurrency;
      if (control && (this.runningByKey.get(control.key) ?? 0) >= control.limit) {
        index += 1;
        continue;
      }
      this.ready.splice(index, 1);
      this.running += 1;
      if (control) this.runningByKey.set(control.key, (this.runningByKey.get(control.key) ?? 0) + 1);
      void this.attempt(delivery).finally(() => {
        this.running -= 1;
        if (control) this.runningByKey.set(control.key, (this.runningByKey.get(control.key) ?? 1) - 1);
        this.outstanding -= 1;
        this.pump();
        if (this.outstanding === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
    }
  }

  private record(delivery: Delivery, outcome: DeliveryRecord['outcome']): void {
    this.log.push({
      eventId: delivery.event.eventId,
      jobId: delivery.event.jobId,
      queueName: delivery.event.queueName,
      body: delivery.event.body,
      outcome,
      retryCount: delivery.event.retryContext?.retryCount ?? 0,
    });
  }

  /** Ends an event for good: the job counts it (a duplicate copy never changes the job's counts). */
  private finish(delivery: Delivery, result: 'success' | 'failed'): void {
    if (delivery.duplicate) return;
    delivery.job.inProgress -= 1;
    if (result === 'success') delivery.job.success += 1;
    else delivery.job.failed += 1;
  }

  private retentionLeftMs(delivery: Delivery, platform: boolean): number {
    const window = platform ? EVENTS_LIMITS.platformRetentionSeconds : EVENTS_LIMITS.retentionSeconds;
    return Math.max(0, (window - delivery.ageSeconds) * 1000);
  }

  /** Schedules a redelivery, or drops the event when its retention window (or maxDeliveries) is spent. */
  private redeliver(delivery: Delivery, afterSeconds: number, platform: boolean, context?: { reason: string; data: unknown }): void {
    const spent = delivery.ageSeconds + afterSeconds > (platform ? EVENTS_LIMITS.platformRetentionSeconds : EVENTS_LIMITS.retentionSeconds);
    if (spent || delivery.attempts >= this.options.maxDeliveries) {
      this.stats.dropped += 1;
      this.record(delivery, 'dropped');
      this.finish(delivery, 'failed');
      return;
    }
    if (context) {
      // Platform-level failures do not count in retryCount (the docs' RetryContext reference).
      delivery.event = {
        ...delivery.event,
        retryContext: {
          retryCount: (delivery.event.retryContext?.retryCount ?? 0) + 1,
          retryReason: context.reason,
          retryData: context.data,
          retentionWindow: {
            startTime: new Date(delivery.enqueuedAt).toISOString(),
            remainingTimeMs: this.retentionLeftMs(delivery, false) - afterSeconds * 1000,
          },
        },
      };
    }
    this.schedule(delivery, afterSeconds);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (delivery.job.cancelled) {
      this.stats.cancelled += 1;
      this.record(delivery, 'cancelled');
      this.finish(delivery, 'failed');
      return;
    }
    delivery.attempts += 1;
    this.stats.deliveries += 1;
    // A duplicate copy is itself the injected fault; it is not failed again, so every copy reaches the consumer.
    if (!delivery.duplicate && this.options.failureRate > 0 && this.failureDice.next() < this.options.failureRate) {
      // A platform-level error: the consumer never ran; retried with backoff, not counted in retryCount.
      this.stats.deliveryFailuresInjected += 1;
      this.record(delivery, 'platform-failure');
      delivery.platformFailures += 1;
      this.redeliver(delivery, Math.min(EVENTS_LIMITS.maxRetryAfterSeconds, 2 ** delivery.platformFailures), true);
      return;
    }
    delivery.platformFailures = 0;
    let result: unknown;
    try {
      result = await this.deliver(delivery.event.queueName, delivery.event);
    } catch (error: unknown) {
      // The consumer may also *throw* an InvocationError; anything else thrown is an app-level error.
      const retry = retryRequestSchema.safeParse(error);
      if (!retry.success) {
        this.stats.appErrors += 1;
        this.record(delivery, 'app-error');
        const backoff = Math.min(EVENTS_LIMITS.maxRetryAfterSeconds, 2 ** (delivery.event.retryContext?.retryCount ?? 0) * 5);
        this.redeliver(delivery, backoff, false, { reason: 'FUNCTION_ERROR', data: undefined });
        return;
      }
      result = error;
    }
    const retry = retryRequestSchema.safeParse(result);
    if (retry.success) {
      this.stats.retriesRequested += 1;
      this.record(delivery, 'retry-requested');
      const options = retry.data.retryOptions ?? {};
      const after = Math.min(EVENTS_LIMITS.maxRetryAfterSeconds, Math.max(1, options.retryAfter ?? 1));
      this.redeliver(delivery, after, false, { reason: options.retryReason ?? 'FUNCTION_RETRY_REQUEST', data: options.retryData });
      return;
    }
    this.stats.succeeded += 1;
    this.record(delivery, 'success');
    this.finish(delivery, 'success');
    if (!delivery.duplicate && this.options.duplicateRate > 0 && this.duplicateDice.next() < this.options.duplicateRate) {
      // At least once: the same event (same eventId) arrives again.
      this.stats.duplicatesDelivered += 1;
      this.schedule({ ...delivery, event: { ...delivery.event }, duplicate: true, attempts: 0 }, 0);
    }
  }

  /** Whether nothing is scheduled or running. */
  get idle(): boolean {
    return this.outstanding === 0;
  }

  /**
   * Waits until every pushed event has been delivered, retried to the end or dropped — including events pushed
   * by the consumers meanwhile. With `delayScale` 0 this is quick; with real delays it waits them out.
   */
  async settle(): Promise<void> {
    // The delivery timers are unref'd so a forgotten queue never holds a process open; someone waiting here
    // does want the process kept alive until the queue drains (a bench script exited silently without this).
    const keepAlive = setInterval(() => undefined, 60_000);
    try {
      while (this.outstanding > 0) {
        await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
        // Let promise chains that push more events run before deciding the queue is empty.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Stops scheduling; what is running finishes (await `settle()` or `close()` for that). */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.outstanding -= this.timers.size;
    this.timers.clear();
    this.outstanding -= this.ready.length;
    this.ready.length = 0;
    if (this.outstanding > 0) await this.settle();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
