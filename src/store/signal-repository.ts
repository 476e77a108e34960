/**
 * Signals as stored (custom entity `signal`): intake's write, once per (source, external id), and the read
 * that intake's duplicate check needs. Two schemas on purpose: what Upstream writes today uses the signals
 * vocabulary from src/domain exactly; what it reads back is lenient where the signals practice will add
 * values (new states, sources or routes) and ignores attributes it does not know, so a record written by a
 * later version still reads.
 */
import { createHash } from 'node:crypto';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import { SIGNAL_ROUTES, SIGNAL_SOURCES, SIGNAL_STATES } from '../domain/signals';
import { AppError } from '../errors';
import { withStorageRetry } from './kvs-retry';
import { requireReadable } from './stored-record';

export const SIGNAL_ENTITY = 'signal';
/** How unreadable signals are named in the log. */
export const SIGNAL_KIND = 'signal';

/** A signal as Upstream writes it. */
export const storedSignalSchema = z.object({
  externalId: z.string(),
  source: z.enum(SIGNAL_SOURCES),
  state: z.enum(SIGNAL_STATES),
  receivedAt: z.number().int(),
  customer: z.string(),
  text: z.string(),
  raisedByName: z.string(),
  raisedByEmail: z.string().optional(),
  arr: z.number().optional(),
});
export type StoredSignal = z.infer<typeof storedSignalSchema>;

/**
 * A signal as read back. `source` and `state` are any string so a value added later does not hide the signal
 * from origins; a `route` outside today's list reads as no route (the signal still shows, without a
 * suggestion drawn from where it went).
 */
export const signalRecordSchema = storedSignalSchema.extend({
  source: z.string(),
  state: z.string(),
  route: z.enum(SIGNAL_ROUTES).optional().catch(undefined),
});
export type SignalRead = z.infer<typeof signalRecordSchema>;

/** One key per (source, external id): the sender's retries land on the same record. */
export const signalKey = (source: string, externalId: string): string =>
  `signal-${createHash('sha256').update(`${source}\u0000${externalId}`).digest('hex').slice(0, 40)}`;

/**
 * Stores a signal unless one with the same key exists; the existence check and the write are one conditional
 * transaction, so two concurrent deliveries cannot both create it.
 */
export async function createSignalOnce(signal: StoredSignal): Promise<{ id: string; created: boolean }> {
  const id = signalKey(signal.source, signal.externalId);
  try {
    await withStorageRetry(() =>
      kvs
        .transact()
        .set(id, signal, { entityName: SIGNAL_ENTITY, conditions: new Filter<StoredSignal>().and('externalId', FilterConditions.notExists()) })
        .execute(),
    );
    return { id, created: true };
  } catch (error: unknown) {
    // Storage that stayed unavailable says nothing about whether the signal exists: the sender must retry.
    if (error instanceof AppError) throw error;
    // Otherwise the condition failed (or the write was refused): it is a duplicate only if the record is there.
    const existing = await getSignal(id);
    if (existing) return { id, created: false };
    throw error;
  }
}

/** The signal stored under `id`, or null; a record that does not parse is reported and throws UnreadableRecordError. */
export async function getSignal(id: string): Promise<SignalRead | null> {
  const value: unknown = await withStorageRetry(() => kvs.entity(SIGNAL_ENTITY).get(id));
  return requireReadable(SIGNAL_KIND, id, signalRecordSchema, value);
}
