/**
 * The sandbox's async events queue, driven by the real `@forge/events` 3.0.8 SDK through the Forge runtime
 * stand-in: what the SDK sends is answered as the platform answers it, events reach a consumer as AsyncEvents,
 * InvocationError retries are honoured, the limits are refused as the SDK and platform refuse them, and
 * injected failures and duplicates behave as at-least-once delivery does.
 */
import {
  InternalServerError,
  InvalidPushSettingsError,
  InvocationError,
  InvocationErrorCode,
  PayloadTooBigError,
  Queue,
  RateLimitError,
  TooManyEventsError,
} from '@forge/events';
import { installForgeRuntime, invocationScope } from '../sandbox/runtime';
import { EventsQueue, type AsyncEventShape } from '../sandbox/events/events-queue';
import { Sandbox } from '../sandbox/sandbox';
import type { RequestHandler } from '../sandbox/http';

const unused: RequestHandler = { handle: async () => ({ status: 501 }) };
let received: AsyncEventShape[] = [];
let consumer: (event: AsyncEventShape) => Promise<unknown> = async () => undefined;

/** A queue with a test consumer, installed as the runtime's events target. */
function queueWith(options: ConstructorParameters<typeof EventsQueue>[2] = {}): EventsQueue {
  received = [];
  const queue = new EventsQueue(new Set(['signal-work']), async (_queueName, event) => {
    received.push(event);
    return consumer(event);
  }, options);
  installForgeRuntime({ jira: unused, storage: unused, events: queue, appId: 'app', environmentId: 'env', installationId: 'inst' });
  return queue;
}
const asApp = <T>(work: () => Promise<T>) => invocationScope.run({ accountId: null, moduleKey: 'test' }, work);
const sdkQueue = () => new Queue({ key: 'signal-work' });

afterEach(() => {
  consumer = async () => undefined;
});

describe('the sandbox events queue', () => {
  it('delivers each pushed event to the consumer as an AsyncEvent, and reports the job', async () => {
    const queue = queueWith();
    const { jobId } = await asApp(() => sdkQueue().push([{ body: { n: 1 } }, { body: { n: 2 }, delayInSeconds: 30 }]));
    await queue.settle();
    expect(received.map((e) => e.body).sort((a, b) => Number(a.n) - Number(b.n))).toEqual([{ n: 1 }, { n: 2 }]);
    for (const event of received) {
      expect(event).toMatchObject({ queueName: 'signal-work', jobId, eventId: expect.stringContaining(jobId) });
      expect(event.retryContext).toBeUndefined();
    }
    expect(received.find((e) => e.body.n === 2)?.delayInSeconds).toBe(30);
    expect(await asApp(() => sdkQueue().getJob(jobId).getStats())).toEqual({ success: 2, inProgress: 0, failed: 0 });
  });

  it('runs events that share a concurrency key at most `limit` at a time, and the others alongside', async () => {
    const queue = queueWith();
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    consumer = async (event) => {
      const key = String(event.body.group);
      running.set(key, (running.get(key) ?? 0) + 1);
      peak.set(key, Math.max(peak.get(key) ?? 0, running.get(key)!));
      await new Promise((resolve) => setTimeout(resolve, 5));
      running.set(key, running.get(key)! - 1);
    };
    await asApp(async () => {
      await sdkQueue().push(Array.from({ length: 6 }, (_, n) => ({ body: { group: 'serial', n }, concurrency: { key: 'clustering', limit: 1 } })));
      await sdkQueue().push(Array.from({ length: 6 }, (_, n) => ({ body: { group: 'free', n } })));
    });
    await queue.settle();
    expect(received).toHaveLength(12);
    expect(peak.get('serial')).toBe(1);
    // The sandbox runs 4 invocations at once: unkeyed events are not held back by the keyed ones.
    expect(peak.get('free')).toBeGreaterThan(1);
  });

  it('honours InvocationError (returned or thrown) and retries a thrown error, with retryContext', async () => {
    const queue = queueWith();
    const tries = new Map<unknown, number>();
    consumer = async (event) => {
      const n = (tries.get(event.body.kind) ?? 0) + 1;
      tries.set(event.body.kind, n);
      if (n > 2) return undefined;
      if (event.body.kind === 'returned') return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED, retryData: { n } });
      if (event.body.kind === 'thrown') throw new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
      throw new Error('boom');
    };
    await asApp(() => sdkQueue().push([{ body: { kind: 'returned' } }, { body: { kind: 'thrown' } }, { body: { kind: 'error' } }]));
    await queue.settle();
    const returned = received.filter((e) => e.body.kind === 'returned');
    expect(returned.map((e) => e.retryContext?.retryCount ?? 0)).toEqual([0, 1, 2]);
    expect(returned[1]?.retryContext).toMatchObject({ retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { n: 1 } });
    expect(returned[1]?.retryContext?.retentionWindow.remainingTimeMs).toBeLessThan(24 * 3600 * 1000);
    expect(received.filter((e) => e.body.kind === 'thrown')).toHaveLength(3);
    expect(received.filter((e) => e.body.kind === 'error').map((e) => e.retryContext?.retryReason)).toEqual([undefined, 'FUNCTION_ERROR', 'FUNCTION_ERROR']);
    expect(queue.stats).toMatchObject({ retriesRequested: 4, appErrors: 2, succeeded: 3, dropped: 0 });
  });

  it('refuses what the SDK and the platform refuse: 50 events, 200 KB, a delay over 900 s, the rate limit', async () => {
    const queue = queueWith({ eventsPerMinute: 60 });
    const many = Array.from({ length: 51 }, (_, n) => ({ body: { n } }));
    await expect(asApp(() => sdkQueue().push(many))).rejects.toBeInstanceOf(TooManyEventsError);
    await expect(asApp(() => sdkQueue().push([{ body: { blob: 'x'.repeat(210 * 1024) } }]))).rejects.toBeInstanceOf(PayloadTooBigError);
    await expect(asApp(() => sdkQueue().push([{ body: {}, delayInSeconds: 901 }]))).rejects.toBeInstanceOf(InvalidPushSettingsError);
    expect(queue.stats.pushes).toBe(0);
    // The same limits hold for a raw request that skips the SDK's checks.
    const raw = (payload: unknown[]) =>
      queue.handle({ method: 'POST', path: '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}', headers: {}, asUser: null, body: JSON.stringify({ queueName: 'signal-work', jobId: 'j', payload }) });
    expect((await raw(many)).status).toBe(400);
    expect(await raw([{ body: { blob: 'x'.repeat(210 * 1024) } }])).toMatchObject({ status: 413, body: { errorMessage: expect.stringContaining('200KB') } });
    expect((await raw([{ body: 'not an object' }])).status).toBe(400);
    expect((await raw([{ body: {}, delayInSeconds: 901 }])).status).toBe(400);
    // 60 events a minute here: a 50 goes, the next 50 is refused with 429 → RateLimitError.
    await asApp(() => sdkQueue().push(many.slice(0, 50)));
    await expect(asApp(() => sdkQueue().push(many.slice(0, 50)))).rejects.toBeInstanceOf(RateLimitError);
    await expect(asApp(() => new Queue({ key: 'no-such-queue' }).push([{ body: {} }]))).rejects.toBeInstanceOf(InternalServerError);
    await queue.settle();
    expect(received).toHaveLength(50);
  });

  it('injects push failures, delivery failures (retried, then dropped at the limit) and duplicates, seeded', async () => {
    const queue = queueWith({ failureRate: 0.5, duplicateRate: 0.5, maxDeliveries: 2, seed: 42 });
    const events = Array.from({ length: 40 }, (_, n) => ({ body: { n } }));
    const { jobId } = await asApp(() => sdkQueue().push(events));
    await queue.settle();
    const { stats } = queue;
    expect(stats.deliveryFailuresInjected).toBeGreaterThan(0);
    expect(stats.duplicatesDelivered).toBeGreaterThan(0);
    expect(stats.dropped).toBeGreaterThan(0);
    // Every event ends once: delivered or dropped; duplicates arrive with the same eventId as the original.
    const job = await asApp(() => sdkQueue().getStats(jobId));
    expect(job).toEqual({ success: 40 - stats.dropped, inProgress: 0, failed: stats.dropped });
    const byEventId = new Map<string, number>();
    for (const e of received) byEventId.set(e.eventId, (byEventId.get(e.eventId) ?? 0) + 1);
    expect([...byEventId.values()].filter((n) => n === 2)).toHaveLength(stats.duplicatesDelivered);

    queue.configure({ pushFailureRate: 1, failureRate: 0, duplicateRate: 0 });
    await expect(asApp(() => sdkQueue().push([{ body: {} }]))).rejects.toBeInstanceOf(InternalServerError);
    expect(stats.pushFailuresInjected).toBe(1);
  });

  it('cancels a job: events not yet started are not delivered', async () => {
    const queue = queueWith({ delayScale: 1 });
    const { jobId } = await asApp(() => sdkQueue().push([{ body: { late: true }, delayInSeconds: 1 }]));
    await asApp(() => sdkQueue().cancel(jobId));
    await queue.settle();
    expect(received).toEqual([]);
    expect(queue.stats.cancelled).toBe(1);
  });
});

describe('the sandbox delivers to the consumer manifest.yml names', () => {
  it('runs signalWorkHandler, which drops a body it cannot read instead of asking for retries', async () => {
    const sandbox = new Sandbox();
    try {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      await sandbox.asApp(() => sdkQueue().push([{ body: { notAnOutboxId: 1 } }]));
      await sandbox.events.settle();
      expect(sandbox.events.log).toEqual([expect.objectContaining({ outcome: 'success', body: { notAnOutboxId: 1 } })]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('without a usable outboxId'));
      warn.mockRestore();
    } finally {
      await sandbox.close();
    }
  });
});
