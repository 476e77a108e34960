/**
 * Signals as stored (Forge SQL table `signal`, src/store/sql/migrations.ts): intake's write, once per (source,
 * external id), the seed's bulk write, and the single read that intake's duplicate check needs. Two schemas on
 * purpose: what Upstream writes today uses the signals vocabulary from src/domain exactly; what it reads back is
 * lenient where the signals practice will add values (new states, sources or routes), so a row written by a
 * later version still reads.
 *
 * The table keeps `received_at` in Unix milliseconds, as every time in SQL; the API here stays in Unix seconds
 * (what the KVS entity held and what every caller computes with), converted at this boundary only.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { z } from 'zod';
import { SIGNAL_ROUTES, SIGNAL_SOURCES, SIGNAL_STATES } from '../domain/signals';
import { requireReadable } from './stored-record';
import { executeWrite, isDuplicateKey, selectRows } from './sql/run';
import { db, type SignalTable } from './sql/schema';

/** How unreadable signals are named in the log. */
export const SIGNAL_KIND = 'signal';

/** A signal as Upstream writes it. */
export const storedSignalSchema = z.object({
  externalId: z.string(),
  source: z.enum(SIGNAL_SOURCES),
  state: z.enum(SIGNAL_STATES),
  /** Unix seconds. */
  receivedAt: z.number().int(),
  customer: z.string(),
  text: z.string(),
  raisedByName: z.string(),
  raisedByEmail: z.string().optional(),
  raisedByAccountId: z.string().optional(),
  arr: z.number().optional(),
  route: z.enum(SIGNAL_ROUTES).optional(),
  /** The body as the sender sent it, kept so a later version can re-read what this one did not understand. */
  rawPayload: z.string().optional(),
});
export type StoredSignal = z.infer<typeof storedSignalSchema>;

/**
 * A signal as read back. `source` and `state` are any non-empty string so a value added later does not hide the
 * signal from origins; a `route` outside today's list reads as no route (the signal still shows, without a
 * suggestion drawn from where it went). The raw payload is never read back with a signal: no caller shows it.
 */
export const signalRecordSchema = storedSignalSchema.omit({ rawPayload: true }).extend({
  source: z.string().min(1),
  state: z.string().min(1),
  route: z.enum(SIGNAL_ROUTES).optional().catch(undefined),
});
export type SignalRead = z.infer<typeof signalRecordSchema>;

/** BIGINT and DECIMAL arrive as strings; anything but a number in them (or an empty string) does not read. */
const bigintColumn = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
const decimalColumn = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

/** The columns a signal is read from, and how: a row becomes a SignalRead (with its id) or is reported by id. */
export const SIGNAL_READ_COLUMNS = [
  'id',
  'external_id',
  'source',
  'state',
  'received_at',
  'customer',
  'text',
  'raised_by_name',
  'raised_by_email',
  'raised_by_account_id',
  'arr',
  'route',
] as const;

export const signalRowSchema = z
  .object({
    id: z.string(),
    external_id: z.string(),
    source: z.string(),
    state: z.string(),
    received_at: bigintColumn,
    customer: z.string(),
    text: z.string(),
    raised_by_name: z.string(),
    raised_by_email: z.string().nullable(),
    raised_by_account_id: z.string().nullable(),
    arr: decimalColumn.nullable(),
    route: z.string().nullable(),
  })
  .transform((row): z.input<typeof signalRecordSchema> & { id: string } => ({
    id: row.id,
    externalId: row.external_id,
    source: row.source,
    state: row.state,
    // Milliseconds in the table, seconds in the API (see above).
    receivedAt: Math.floor(row.received_at / 1000),
    customer: row.customer,
    text: row.text,
    raisedByName: row.raised_by_name,
    // NULL is "not given", which the API says by leaving the attribute out.
    ...(row.raised_by_email !== null ? { raisedByEmail: row.raised_by_email } : {}),
    ...(row.raised_by_account_id !== null ? { raisedByAccountId: row.raised_by_account_id } : {}),
    ...(row.arr !== null ? { arr: row.arr } : {}),
    // Any string goes on: signalRecordSchema reads a route outside today's list as none.
    ...(row.route !== null ? { route: row.route as z.input<typeof signalRecordSchema>['route'] } : {}),
  }))
  .pipe(signalRecordSchema.extend({ id: z.string() }));

/** One key per (source, external id): the sender's retries land on the same row. */
export const signalKey = (source: string, externalId: string): string =>
  `signal-${createHash('sha256').update(`${source}\u0000${externalId}`).digest('hex').slice(0, 40)}`;

function toRow(signal: StoredSignal, updatedAtMs: number) {
  const value = storedSignalSchema.parse(signal);
  return {
    id: signalKey(value.source, value.externalId),
    source: value.source,
    external_id: value.externalId,
    state: value.state,
    received_at: value.receivedAt * 1000,
    customer: value.customer,
    text: value.text,
    raised_by_name: value.raisedByName,
    raised_by_email: value.raisedByEmail ?? null,
    raised_by_account_id: value.raisedByAccountId ?? null,
    arr: value.arr ?? null,
    route: value.route ?? null,
    raw_payload: value.rawPayload ?? null,
    updated_at: updatedAtMs,
  } satisfies Insertable<SignalTable>;
}

/**
 * Stores a signal unless one with the same key exists. One INSERT: the primary key decides, so of two concurrent
 * deliveries exactly one creates the row, and a retry whose first attempt landed answers "duplicate".
 */
export async function createSignalOnce(signal: StoredSignal): Promise<{ id: string; created: boolean }> {
  const row = toRow(signal, Date.now());
  try {
    await executeWrite(db.insertInto('signal').values(row).compile());
    return { id: row.id, created: true };
  } catch (error: unknown) {
    // Anything but a duplicate key — storage that stayed unavailable included — says nothing about whether the
    // signal exists: the sender must retry.
    if (!isDuplicateKey(error)) throw error;
    // Read it back so an unreadable row is reported (UnreadableRecordError) rather than called a duplicate.
    const existing = await getSignal(row.id);
    if (existing) return { id: row.id, created: false };
    throw error;
  }
}

/** Rows per statement for bulk writes: well inside Forge SQL's 1 MiB request for the signals seen so far. */
const INSERT_CHUNK_ROWS = 100;
/** …unless their text is long: a chunk also closes once its text passes this many characters. */
const INSERT_CHUNK_CHARS = 256 * 1024;

/**
 * Stores many signals, one statement per chunk; a signal whose key is already there is left as it is, so running
 * it again (the seed on every boot) changes nothing.
 */
export async function insertSignals(signals: readonly StoredSignal[], updatedAtMs: number = Date.now()): Promise<void> {
  const chunks: ReturnType<typeof toRow>[][] = [];
  let current: ReturnType<typeof toRow>[] = [];
  let chars = 0;
  for (const signal of signals) {
    const row = toRow(signal, updatedAtMs);
    const size = row.text.length + (row.raw_payload?.length ?? 0);
    if (current.length > 0 && (current.length >= INSERT_CHUNK_ROWS || chars + size > INSERT_CHUNK_CHARS)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(row);
    chars += size;
  }
  if (current.length > 0) chunks.push(current);
  for (const rows of chunks) {
    await executeWrite(
      db
        .insertInto('signal')
        .values(rows)
        .onDuplicateKeyUpdate((eb) => ({ id: eb.ref('id') }))
        .compile(),
    );
  }
}

/** The signal stored under `id`, or null; a row that does not parse is reported and throws UnreadableRecordError. */
export async function getSignal(id: string): Promise<SignalRead | null> {
  const rows = await selectRows(db.selectFrom('signal').select(SIGNAL_READ_COLUMNS).where('id', '=', id).compile());
  return requireReadable(SIGNAL_KIND, id, signalRowSchema, rows[0]);
}
