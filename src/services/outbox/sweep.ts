/**
 * The scheduled sweeper (every five minutes): applies pending migrations (Forge SQL's schema has no deploy hook),
 * then pushes again every outbox row left pending past its due time — a push that failed after the row was
 * committed, an event the queue dropped, a consumer that died mid-way. Pushes go in batches of at most 50 events
 * (the queue's limit); each batch pushed is deferred by the lease so the next sweep does not push it again
 * while it is on its way.
 */
import { deferOutboxRows, listDueOutboxRows } from '../../store/outbox-repository';
import { applyMigrations } from '../../store/sql/run';
import { MAX_EVENTS_PER_PUSH, pushWork, type WorkConcurrency } from '../../store/work-queue';
import { clock } from '../clock';
import { concurrencyOf } from './effects';
import { OUTBOX_LEASE_MS } from './record';

/**
 * Rows one sweep pushes at most: 5 pushes, far inside the 500 events a minute an installation may push, and
 * quick inside the trigger's timeout. A longer backlog drains over the next sweeps, oldest due first.
 */
export const SWEEP_LIMIT = 250;

export interface SweepReport {
  migrationsApplied: number;
  due: number;
  pushed: number;
  failedPushes: number;
  unreadable: string[];
}

export async function sweepOutbox(): Promise<SweepReport> {
  const applied = await applyMigrations();
  const now = clock.now().getTime();
  const { rows, unreadable } = await listDueOutboxRows(now, SWEEP_LIMIT);
  let pushed = 0;
  let failedPushes = 0;
  // One push carries one concurrency setting, so rows are pushed in groups of the same kind's concurrency.
  const groups = new Map<string, { concurrency: WorkConcurrency | undefined; ids: string[] }>();
  for (const row of rows) {
    const concurrency = concurrencyOf(row.kind);
    const key = concurrency ? `${concurrency.key}/${concurrency.limit}` : '';
    const group = groups.get(key) ?? { concurrency, ids: [] };
    group.ids.push(row.id);
    groups.set(key, group);
  }
  const batches = [...groups.values()].flatMap(({ concurrency, ids }) => {
    const chunks: { concurrency: WorkConcurrency | undefined; ids: string[] }[] = [];
    for (let i = 0; i < ids.length; i += MAX_EVENTS_PER_PUSH) chunks.push({ concurrency, ids: ids.slice(i, i + MAX_EVENTS_PER_PUSH) });
    return chunks;
  });
  for (const { concurrency, ids } of batches) {
    try {
      await pushWork(
        ids.map((outboxId) => ({ outboxId })),
        0,
        concurrency,
      );
    } catch (error: unknown) {
      // These rows stay due and are pushed on the next sweep; the other batches still go.
      failedPushes += 1;
      console.warn(`sweeper: a push of ${ids.length} outbox events failed:`, error instanceof Error ? error.message : error);
      continue;
    }
    pushed += ids.length;
    await deferOutboxRows(ids, now, now + OUTBOX_LEASE_MS);
  }
  return { migrationsApplied: applied.length, due: rows.length, pushed, failedPushes, unreadable };
}
