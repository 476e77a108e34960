/**
 * The outbox (SQL table `outbox`): the side effects of a committed decision, one row per effect, keyed by the
 * effect's idempotency key. Forge SQL has no transactions, so every change here is ONE statement guarded by the
 * row's state: two deliveries of the same event, or a delivery racing the sweeper, can never move a row
 * backwards (a `done` row stays done; a `failed` row stays failed until a person looks at it).
 *
 * States: `pending` (to be performed; `next_attempt_at` says when the sweeper may push it again), `done`,
 * `failed` (gave up after OUTBOX_MAX_ATTEMPTS failures; reported, kept for a person).
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { executeWrite, readRows, rowId, selectRows } from './sql/run';
import { db } from './sql/schema';

/** How unreadable outbox rows are named in the log. */
export const OUTBOX_KIND = 'outbox';

export const OUTBOX_STATES = ['pending', 'done', 'failed'] as const;

/** After this many failed attempts an effect is `failed` for good (reported) rather than retried. */
export const OUTBOX_MAX_ATTEMPTS = 8;

/**
 * When a failed effect is due again: 30 s doubling, at most 15 min (the longest delay the queue accepts, so a
 * retry asked of the queue and the sweeper's view of the row agree).
 */
export const outboxBackoffMs = (attemptsSoFar: number): number => Math.min(30_000 * 2 ** Math.max(0, attemptsSoFar), 900_000);

/** An effect to record. `id` is its idempotency key: recording the same effect twice is one row. */
export interface OutboxEffect {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
}

const idSchema = z.string().min(1).max(191);

/** A row as read back: BIGINTs arrive as strings; the payload is JSON text, parsed here (its shape is the kind's business). */
const outboxRowSchema = z
  .object({
    id: z.string(),
    kind: z.string().min(1),
    payload: z.string().transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'payload is not JSON' });
        return z.NEVER;
      }
    }),
    // Lenient: a later version may add states; such a row is not ours to perform (see the consumer).
    state: z.string(),
    attempts: z.coerce.number().int().nonnegative(),
    last_error: z.string().nullable(),
    created_at: z.coerce.number().int(),
    updated_at: z.coerce.number().int(),
    next_attempt_at: z.coerce.number().int(),
  })
  .transform((row) => ({
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    nextAttemptAt: row.next_attempt_at,
  }));
export type OutboxRow = z.infer<typeof outboxRowSchema>;

const OUTBOX_COLUMNS = ['id', 'kind', 'payload', 'state', 'attempts', 'last_error', 'created_at', 'updated_at', 'next_attempt_at'] as const;

/** last_error is for people reading the table: bounded so a huge stack trace cannot bloat the row. */
const MAX_ERROR_CHARS = 2000;

/**
 * Records an effect as pending, due for the sweeper at `dueAtMs` (the first push is the recorder's own; the
 * sweeper only picks the row up if that push never led anywhere). Recording it again leaves the existing row
 * exactly as it is (`ON DUPLICATE KEY UPDATE id = id`): a retried request never resets a done effect.
 */
export async function recordOutboxEffect(effect: OutboxEffect, nowMs: number, dueAtMs: number): Promise<void> {
  idSchema.parse(effect.id);
  await executeWrite(
    db
      .insertInto('outbox')
      .values({
        id: effect.id,
        kind: effect.kind,
        payload: JSON.stringify(effect.payload),
        state: 'pending',
        attempts: 0,
        last_error: null,
        created_at: nowMs,
        updated_at: nowMs,
        next_attempt_at: dueAtMs,
      })
      .onDuplicateKeyUpdate((eb) => ({ id: eb.ref('id') }))
      .compile(),
  );
}

export type OutboxRead = { state: 'absent' } | { state: 'unreadable' } | { state: 'read'; row: OutboxRow };

/** One row, read through its schema; an unreadable row is reported by id (and is not performed). */
export async function getOutboxRow(id: string): Promise<OutboxRead> {
  const rows = await selectRows(db.selectFrom('outbox').select(OUTBOX_COLUMNS).where('id', '=', id).compile());
  if (rows.length === 0) return { state: 'absent' };
  const read = readRows(OUTBOX_KIND, outboxRowSchema, rows, rowId);
  const row = read.rows[0];
  return row ? { state: 'read', row } : { state: 'unreadable' };
}

/**
 * Claims a pending row for `leaseMs`: pushes its `next_attempt_at` past the lease so the sweeper does not push it
 * again while a consumer works on it. True when the row is still pending (go ahead); false when it is done,
 * failed or gone (a duplicate delivery: do nothing). Not a lock — two deliveries at the same moment may both
 * proceed — which is why every effect is idempotent.
 */
export async function claimOutboxRow(id: string, nowMs: number, leaseMs: number): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db
      .updateTable('outbox')
      .set({ next_attempt_at: nowMs + leaseMs, updated_at: nowMs })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .compile(),
  );
  return affectedRows > 0;
}

/** Marks a pending row done; false when it was not pending (already done by a duplicate delivery, or failed). */
export async function markOutboxDone(id: string, nowMs: number): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db
      .updateTable('outbox')
      .set({ state: 'done', last_error: null, updated_at: nowMs })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .compile(),
  );
  return affectedRows > 0;
}

/**
 * Records a failed attempt in one statement: attempts + 1, the error, when it is due again; once the attempts
 * reach OUTBOX_MAX_ATTEMPTS the row is `failed` for good (and reported). `state` is assigned before `attempts`
 * because MySQL evaluates SET left to right with the values already assigned.
 * Answers what the row is now, read back (`absent` if it went away meanwhile).
 */
export async function recordOutboxFailure(
  id: string,
  error: string,
  nowMs: number,
  attemptsSoFar: number,
): Promise<'pending' | 'failed' | 'not-pending'> {
  const lastError = error.length > MAX_ERROR_CHARS ? `${error.slice(0, MAX_ERROR_CHARS - 1)}…` : error;
  const { affectedRows } = await executeWrite(
    db
      .updateTable('outbox')
      .set({
        state: sql<string>`CASE WHEN ${sql.ref('attempts')} + 1 >= ${OUTBOX_MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END`,
        attempts: sql<number>`${sql.ref('attempts')} + 1`,
        last_error: lastError,
        next_attempt_at: nowMs + outboxBackoffMs(attemptsSoFar),
        updated_at: nowMs,
      })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .compile(),
  );
  if (affectedRows === 0) return 'not-pending';
  const now = await getOutboxRow(id);
  if (now.state === 'read' && now.row.state === 'failed') {
    console.error(`outbox ${id} (${now.row.kind}) failed for good after ${now.row.attempts} attempts: ${lastError}`);
    return 'failed';
  }
  return 'pending';
}

/** Gives up on a row at once (its payload can never be performed, e.g. it does not match its kind's schema); reported. */
export async function markOutboxFailed(id: string, reason: string, nowMs: number): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db
      .updateTable('outbox')
      .set({ state: 'failed', last_error: reason.slice(0, MAX_ERROR_CHARS), updated_at: nowMs })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .compile(),
  );
  if (affectedRows > 0) console.error(`outbox ${id} failed for good: ${reason}`);
  return affectedRows > 0;
}

/**
 * Pending rows due at `nowMs`, oldest due first (the `(state, next_attempt_at)` index serves it). Unreadable rows
 * are reported by id and left out: the sweeper cannot push what it cannot read.
 */
export async function listDueOutboxRows(nowMs: number, limit: number): Promise<{ rows: OutboxRow[]; unreadable: string[] }> {
  const rows = await selectRows(
    db
      .selectFrom('outbox')
      .select(OUTBOX_COLUMNS)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', nowMs)
      .orderBy('next_attempt_at')
      .limit(limit)
      .compile(),
  );
  return readRows(OUTBOX_KIND, outboxRowSchema, rows, rowId);
}

/**
 * Moves rows that were just pushed out of the sweeper's way until `dueAtMs` (one statement for the batch; only
 * rows still pending). If the pushed event is lost, the row is due again then and pushed once more.
 */
export async function deferOutboxRows(ids: readonly string[], nowMs: number, dueAtMs: number): Promise<void> {
  if (ids.length === 0) return;
  await executeWrite(
    db
      .updateTable('outbox')
      .set({ next_attempt_at: dueAtMs, updated_at: nowMs })
      .where('id', 'in', [...ids])
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', nowMs)
      .compile(),
  );
}

/** Counts by state, for the sweeper's log line and for tests. */
export async function countOutboxRows(): Promise<Record<string, number>> {
  const rows = await selectRows(
    db
      .selectFrom('outbox')
      .select(['state', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('state')
      .compile(),
  );
  const out: Record<string, number> = {};
  for (const row of rows) out[String(row.state)] = Number(row.n);
  return out;
}
