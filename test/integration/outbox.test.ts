/**
 * The outbox end to end, in the sandbox: signals arrive through the signed webtrigger, each commits its signal
 * and its `index-signal-terms` outbox row before the 2xx, the push goes to the sandbox's `@forge/events` queue,
 * the manifest's consumer (`signalWorkHandler`) performs the effect and marks the row done. Then the same with
 * faults everywhere — deliveries failing 20 % of the time (seeded) and dropped after 2 tries, pushes failing,
 * the effect's own SQL writes failing, duplicate deliveries — and the sweeper run until nothing is pending:
 * no effect may be lost, and none may be done twice in a way that shows.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { signedIntakeRequest } from '../sandbox/intake-request';
import { clock } from '../../src/services/clock';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { executeWrite, selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import {
  OUTBOX_MAX_ATTEMPTS,
  claimOutboxRow,
  getOutboxRow,
  listDueOutboxRows,
  markOutboxDone,
  recordOutboxEffect,
  recordOutboxFailure,
} from '../../src/store/outbox-repository';
import { pushWork } from '../../src/store/work-queue';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let secret: string;
let fakeNow = Date.now();
const realNow = clock.now;
const realSleep = storageRetryPolicy.sleep;

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  // The services' clock moves only when a test moves it, so "due again in 15 min" can be reached at once.
  fakeNow = Date.now();
  clock.now = () => new Date(fakeNow);
  const rotated = (await sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.rotateIntakeSecret', {})) as {
    data: { secret: string };
  };
  secret = rotated.data.secret;
});
afterAll(async () => {
  clock.now = realNow;
  storageRetryPolicy.sleep = realSleep;
  await sandbox.close();
});

// Signed with the fake clock's time: the intake's freshness check reads that clock, which stays near the real one.
const intake = (signal: Record<string, unknown>) =>
  sandbox.webtrigger('signal-intake', signedIntakeRequest(secret, signal, Math.floor(fakeNow / 1000)) as never);

const signal = (n: number) => ({
  externalId: `crm-outbox-${n}`,
  source: 'crm',
  customer: `Customer ${n % 7}`,
  text: `Finance team ${n} cannot split invoices across cost centres; exports reconciliation spreadsheets every month`,
  raisedBy: { name: 'Marcus Bell' },
});

const outboxRows = () => sandbox.asApp(() => selectRows(db.selectFrom('outbox').selectAll().orderBy('id').compile()));
const termSignals = async (): Promise<Set<string>> => {
  const rows = await sandbox.asApp(() => selectRows(db.selectFrom('signal_term').select('signal_id').distinct().compile()));
  return new Set(rows.map((r) => r.signal_id));
};

describe('the outbox repository: one guarded statement per change', () => {
  it('records an effect once, claims and marks it done once, and lists only due pending rows in due order', async () => {
    const t = 1_000_000;
    await sandbox.asApp(async () => {
      await recordOutboxEffect({ id: 'repo-test:a', kind: 'index-signal-terms', payload: { signalId: 'x' } }, t, t + 10);
      // Recording again (even with another payload) leaves the first row as it was.
      await recordOutboxEffect({ id: 'repo-test:a', kind: 'index-signal-terms', payload: { signalId: 'y' } }, t + 5, t + 99);
      await recordOutboxEffect({ id: 'repo-test:b', kind: 'index-signal-terms', payload: { signalId: 'z' } }, t, t + 5);
      const a = await getOutboxRow('repo-test:a');
      expect(a).toMatchObject({ state: 'read', row: { payload: { signalId: 'x' }, state: 'pending', attempts: 0, nextAttemptAt: t + 10 } });
      const due = await listDueOutboxRows(t + 10, 10);
      expect(due.rows.filter((r) => r.id.startsWith('repo-test:')).map((r) => r.id)).toEqual(['repo-test:b', 'repo-test:a']);
      expect((await listDueOutboxRows(t + 6, 10)).rows.filter((r) => r.id.startsWith('repo-test:')).map((r) => r.id)).toEqual(['repo-test:b']);
      expect(await claimOutboxRow('repo-test:a', t + 20, 1000)).toBe(true);
      expect(await markOutboxDone('repo-test:a', t + 30)).toBe(true);
      expect(await markOutboxDone('repo-test:a', t + 31)).toBe(false);
      expect(await claimOutboxRow('repo-test:a', t + 32, 1000)).toBe(false);
      // Leaves nothing pending behind for the sweeper tests below.
      expect(await markOutboxDone('repo-test:b', t + 40)).toBe(true);
    });
  });

  it('records failures with backoff and gives up for good after the last attempt, reported', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await sandbox.asApp(async () => {
        await recordOutboxEffect({ id: 'repo-test:c', kind: 'index-signal-terms', payload: { signalId: 'c' } }, 0, 0);
        for (let attempt = 0; attempt < OUTBOX_MAX_ATTEMPTS - 1; attempt += 1) {
          expect(await recordOutboxFailure('repo-test:c', `failure ${attempt}`, 1000, attempt)).toBe('pending');
        }
        const before = await getOutboxRow('repo-test:c');
        expect(before).toMatchObject({ row: { attempts: OUTBOX_MAX_ATTEMPTS - 1, lastError: `failure ${OUTBOX_MAX_ATTEMPTS - 2}` } });
        expect(before.state === 'read' && before.row.nextAttemptAt).toBeGreaterThan(1000);
        expect(await recordOutboxFailure('repo-test:c', 'last', 2000, OUTBOX_MAX_ATTEMPTS - 1)).toBe('failed');
        expect(await getOutboxRow('repo-test:c')).toMatchObject({ row: { state: 'failed', attempts: OUTBOX_MAX_ATTEMPTS } });
        // A failed row is never due again, and a later failure does not touch it.
        expect((await listDueOutboxRows(Number.MAX_SAFE_INTEGER, 500)).rows.map((r) => r.id)).not.toContain('repo-test:c');
        expect(await recordOutboxFailure('repo-test:c', 'later', 3000, OUTBOX_MAX_ATTEMPTS)).toBe('not-pending');
      });
      expect(error).toHaveBeenCalledWith(expect.stringContaining('outbox repo-test:c (index-signal-terms) failed for good'));
    } finally {
      error.mockRestore();
    }
  });

  it('reports an unreadable row by id, and the consumer fails a row whose kind or payload it cannot perform', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await sandbox.asApp(async () => {
        // Written by hand (or by a broken version): its payload is not JSON.
        await executeWrite(
          db
            .insertInto('outbox')
            .values({ id: 'repo-test:garbled', kind: 'index-signal-terms', payload: '{oops', state: 'pending', attempts: 0, last_error: null, created_at: 0, updated_at: 0, next_attempt_at: Number.MAX_SAFE_INTEGER })
            .compile(),
        );
        expect(await getOutboxRow('repo-test:garbled')).toEqual({ state: 'unreadable' });
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('stored outbox repo-test:garbled does not match its schema'));
        await recordOutboxEffect({ id: 'repo-test:unknown-kind', kind: 'send-carrier-pigeon', payload: {} }, 0, Number.MAX_SAFE_INTEGER);
        await recordOutboxEffect({ id: 'repo-test:bad-payload', kind: 'index-signal-terms', payload: { signal: 7 } }, 0, Number.MAX_SAFE_INTEGER);
        await pushWork([{ outboxId: 'repo-test:unknown-kind' }, { outboxId: 'repo-test:bad-payload' }, { outboxId: 'repo-test:no-such-row' }]);
      });
      await sandbox.events.settle();
      await sandbox.asApp(async () => {
        expect(await getOutboxRow('repo-test:unknown-kind')).toMatchObject({ row: { state: 'failed', lastError: expect.stringContaining('unknown effect kind') } });
        expect(await getOutboxRow('repo-test:bad-payload')).toMatchObject({ row: { state: 'failed', lastError: expect.stringContaining('signalId') } });
      });
      // Neither is retried: each event was delivered once and answered without a retry request.
      const outcomes = sandbox.events.log.filter((d) => String(d.body.outboxId).startsWith('repo-test:')).map((d) => d.outcome);
      expect(outcomes).toEqual(['success', 'success', 'success']);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('repo-test:no-such-row does not exist'));
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});

describe('the outbox', () => {
  it('records the effect with the signal, and the consumer performs it and marks the row done', async () => {
    const res = await intake(signal(0));
    expect(res.statusCode).toBe(202);
    const { id } = JSON.parse(res.body ?? '{}') as { id: string };
    // Committed before the answer: the row is there whether or not the event has been delivered yet.
    const recorded = (await outboxRows()).find((r) => r.id === `cluster-signal:${id}`);
    expect(recorded).toMatchObject({ kind: 'cluster-signal', payload: JSON.stringify({ signalId: id }) });
    await sandbox.events.settle();
    const after = (await outboxRows()).find((r) => r.id === `cluster-signal:${id}`);
    expect(after).toMatchObject({ state: 'done', attempts: 0 });
    expect((await termSignals()).has(id)).toBe(true);

    // The sender's retry is a duplicate: same signal, same single outbox row, still done.
    const again = await intake(signal(0));
    expect(again.statusCode).toBe(200);
    await sandbox.events.settle();
    const rows = (await outboxRows()).filter((r) => r.id === `cluster-signal:${id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'done' });
  });

  it('answers 503 when the outbox row cannot be committed, and the sender\'s retry records it', async () => {
    sandbox.sqlLink.injectFault({ match: (req) => /insert into `outbox`/i.test(req.body ?? ''), status: 503, times: Infinity });
    let refused;
    try {
      refused = await intake(signal(2));
    } finally {
      sandbox.sqlLink.clearFaults();
    }
    expect(refused.statusCode).toBe(503);
    // The signal itself was stored; its effect was not recorded, so no 2xx went out.
    const retried = await intake(signal(2));
    expect(retried.statusCode).toBe(200);
    const { id } = JSON.parse(retried.body ?? '{}') as { id: string };
    await sandbox.events.settle();
    expect((await outboxRows()).find((r) => r.id === `cluster-signal:${id}`)).toMatchObject({ state: 'done' });
  });

  it('answers 2xx when the push fails (the row is committed), and the sweeper pushes it later', async () => {
    sandbox.events.configure({ pushFailureRate: 1 });
    const res = await intake(signal(1));
    sandbox.events.configure({ pushFailureRate: 0 });
    expect(res.statusCode).toBe(202);
    const { id } = JSON.parse(res.body ?? '{}') as { id: string };
    await sandbox.events.settle();
    expect((await outboxRows()).find((r) => r.id === `cluster-signal:${id}`)).toMatchObject({ state: 'pending' });
    // Not due yet: the first push has its lease, so a sweep right away leaves it alone.
    expect(await sandbox.runScheduledTrigger('sweeper')).toMatchObject({ due: 0 });
    fakeNow += 5 * 60_000;
    expect(await sandbox.runScheduledTrigger('sweeper')).toMatchObject({ due: 1, pushed: 1 });
    await sandbox.events.settle();
    expect((await outboxRows()).find((r) => r.id === `cluster-signal:${id}`)).toMatchObject({ state: 'done' });
    expect((await termSignals()).has(id)).toBe(true);
  });

  it('loses no effect when deliveries, pushes and the effect itself fail, and duplicates are harmless', async () => {
    const SIGNALS = 40;
    sandbox.events.configure({ failureRate: 0.2, duplicateRate: 0.15, pushFailureRate: 0.25, maxDeliveries: 2, seed: 2026 });
    // The effect's own writes fail too (after withStorageRetry's retries), so the consumer records failures
    // and asks the queue for a retry with InvocationError.
    sandbox.sqlLink.injectFault({ match: (req) => /insert into `signal_term`/i.test(req.body ?? ''), status: 503, rate: 0.5, times: Infinity, seed: 11 });
    const ids: string[] = [];
    const before = { ...sandbox.events.stats };
    try {
      for (let n = 100; n < 100 + SIGNALS; n += 1) {
        const res = await intake(signal(n));
        expect([200, 202]).toContain(res.statusCode);
        ids.push((JSON.parse(res.body ?? '{}') as { id: string }).id);
        // A few senders retry: the duplicates record nothing new.
        if (n % 9 === 0) expect((await intake(signal(n))).statusCode).toBe(200);
      }
      let sweeps = 0;
      for (;;) {
        await sandbox.events.settle();
        const pending = (await outboxRows()).filter((r) => ids.includes(r.id.replace('cluster-signal:', '')) && r.state === 'pending');
        if (pending.length === 0 || sweeps >= 40) break;
        // Past any lease and backoff: every pending row is due at the next sweep.
        fakeNow += 16 * 60_000;
        await sandbox.runScheduledTrigger('sweeper');
        sweeps += 1;
      }
      const rows = (await outboxRows()).filter((r) => ids.includes(r.id.replace('cluster-signal:', '')));
      // This test's share of the queue's counters (earlier tests pushed a few events too).
      const stats = Object.fromEntries(
        Object.entries(sandbox.events.stats).map(([k, v]) => [k, v - before[k as keyof typeof before]]),
      ) as typeof before;
      const failedAttempts = rows.reduce((sum, r) => sum + Number(r.attempts), 0);
      console.log(
        `outbox under faults: ${SIGNALS} signals, ${rows.length} outbox rows; ${sweeps} sweeper runs; queue ${JSON.stringify(stats)}; ` +
          `effect attempts that failed and were retried: ${failedAttempts}`,
      );
      expect(rows).toHaveLength(SIGNALS);
      expect(rows.filter((r) => r.state !== 'done')).toEqual([]);
      const indexed = await termSignals();
      expect(ids.filter((id) => !indexed.has(id))).toEqual([]);
      // The faults did happen: deliveries failed, events were dropped, pushes failed, the consumer asked for retries.
      expect(stats.deliveryFailuresInjected).toBeGreaterThan(0);
      expect(stats.pushFailuresInjected).toBeGreaterThan(0);
      expect(stats.retriesRequested).toBeGreaterThan(0);
      expect(stats.duplicatesDelivered).toBeGreaterThan(0);
      // Some events were dropped by the queue for good: only the sweeper brought their rows to done.
      expect(stats.dropped).toBeGreaterThan(0);
      expect(sweeps).toBeGreaterThan(0);
      expect(failedAttempts).toBeGreaterThan(0);
      expect(rows.every((r) => Number(r.attempts) < OUTBOX_MAX_ATTEMPTS)).toBe(true);
    } finally {
      sandbox.sqlLink.clearFaults();
      sandbox.events.configure({ failureRate: 0, duplicateRate: 0, pushFailureRate: 0, maxDeliveries: Infinity });
    }
  }, 120_000);
});
