/**
 * The `signal-work` consumer's use case: one event names one outbox row; perform its effect once the row says it
 * is still pending, then mark it done. Delivery is at least once, so a row already done is a duplicate and is
 * left alone; a failure is recorded on the row and the platform is asked to deliver the event again after the
 * row's backoff; after OUTBOX_MAX_ATTEMPTS the row is failed for good (reported) and the event is let go.
 */
import { z } from 'zod';
import { AppError } from '../../errors';
import {
  claimOutboxRow,
  getOutboxRow,
  markOutboxDone,
  markOutboxFailed,
  outboxBackoffMs,
  recordOutboxFailure,
} from '../../store/outbox-repository';
import { retryLater, type RetryRequest } from '../../store/work-queue';
import { clock } from '../clock';
import { bindEffect } from './effects';
import { OUTBOX_LEASE_MS } from './record';

/** An AsyncEvent as far as this consumer reads it; anything else on it is the platform's. */
const workEventSchema = z.object({
  body: z.object({ outboxId: z.string().min(1).max(191) }),
  jobId: z.string().optional(),
  retryContext: z.object({ retryCount: z.number().optional() }).passthrough().optional(),
});

export type WorkOutcome =
  | { outcome: 'done'; id: string }
  | { outcome: 'duplicate'; id: string; state: string }
  | { outcome: 'absent' | 'unreadable' | 'gave-up' | 'invalid-payload'; id: string }
  | { outcome: 'invalid-event' }
  | { outcome: 'retry'; id: string; retry: RetryRequest };

const describe = (error: unknown): string =>
  error instanceof AppError ? `${error.code}: ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export async function performWork(event: unknown): Promise<WorkOutcome> {
  const parsed = workEventSchema.safeParse(event);
  if (!parsed.success) {
    // Dropped, not retried: the same body would fail the same way on every delivery.
    console.warn('signal-work: an event without a usable outboxId was dropped');
    return { outcome: 'invalid-event' };
  }
  const id = parsed.data.body.outboxId;
  const read = await getOutboxRow(id);
  if (read.state === 'absent') {
    // Rows are committed before they are pushed, so this is a row deleted by hand: nothing to perform.
    console.warn(`signal-work: outbox ${id} does not exist; event dropped`);
    return { outcome: 'absent', id };
  }
  if (read.state === 'unreadable') return { outcome: 'unreadable', id };
  const row = read.row;
  if (row.state !== 'pending') return { outcome: 'duplicate', id, state: row.state };

  const bound = bindEffect(row.kind, row.payload);
  if (!bound.ok) {
    await markOutboxFailed(id, bound.issue, clock.now().getTime());
    return { outcome: 'invalid-payload', id };
  }
  if (!(await claimOutboxRow(id, clock.now().getTime(), OUTBOX_LEASE_MS))) {
    return { outcome: 'duplicate', id, state: 'not-pending' };
  }
  try {
    await bound.perform();
  } catch (error: unknown) {
    const now = clock.now().getTime();
    const after = await recordOutboxFailure(id, describe(error), now, row.attempts);
    if (after !== 'pending') return { outcome: 'gave-up', id };
    console.warn(`signal-work: outbox ${id} attempt ${row.attempts + 1} failed (retrying):`, describe(error));
    return { outcome: 'retry', id, retry: retryLater(outboxBackoffMs(row.attempts) / 1000, { outboxId: id }) };
  }
  // If this write fails the row stays pending and is performed again later: harmless, the effect is idempotent.
  await markOutboxDone(id, clock.now().getTime());
  return { outcome: 'done', id };
}
