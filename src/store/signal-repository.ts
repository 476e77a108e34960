import { createHash } from 'node:crypto';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import { SIGNAL_SOURCES } from '../domain/signals';

export const SIGNAL_ENTITY = 'signal';

/** A signal as stored (custom entity `signal`); read back through this schema. */
export const storedSignalSchema = z.object({
  externalId: z.string(),
  source: z.enum(SIGNAL_SOURCES),
  state: z.enum(['new', 'triaged', 'routed']),
  receivedAt: z.number().int(),
  customer: z.string(),
  text: z.string(),
  raisedByName: z.string(),
  raisedByEmail: z.string().optional(),
  arr: z.number().optional(),
});
export type StoredSignal = z.infer<typeof storedSignalSchema>;

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
    await kvs
      .transact()
      .set(id, signal, { entityName: SIGNAL_ENTITY, conditions: new Filter<StoredSignal>().and('externalId', FilterConditions.notExists()) })
      .execute();
    return { id, created: true };
  } catch (error: unknown) {
    const existing = await getSignal(id);
    if (existing) return { id, created: false };
    throw error;
  }
}

export async function getSignal(id: string): Promise<StoredSignal | null> {
  const value: unknown = await kvs.entity(SIGNAL_ENTITY).get(id);
  if (value === undefined || value === null) return null;
  const parsed = storedSignalSchema.safeParse(value);
  if (!parsed.success) throw new Error(`Stored signal ${id} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}
