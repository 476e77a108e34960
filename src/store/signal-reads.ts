/**
 * Reads of signals for origins and candidate lists. Kept apart from signal-repository.ts (intake's writes) so
 * the signal feature can grow that file freely; both read through the same lenient record schema.
 */
import { kvs, Sort } from '@forge/kvs';
import { SIGNAL_ENTITY, SIGNAL_KIND, signalRecordSchema, type SignalRead } from './signal-repository';
import { withStorageRetry } from './kvs-retry';
import { readStored } from './stored-record';

/** The read schema under the name origins have always used. */
export const signalForOriginSchema = signalRecordSchema;
export type SignalRecord = SignalRead & { id: string };

const MAX_BATCH = 25;

function parseSignal(id: string, value: unknown): SignalRecord | null {
  // An unreadable signal is reported and treated as missing, so one bad record does not fail the whole page.
  const signal = readStored(SIGNAL_KIND, id, signalRecordSchema, value);
  return signal ? { id, ...signal } : null;
}

/** Several signals at once, 25 per batch in parallel; ids with no readable record are absent from the map. */
export async function getSignals(ids: readonly string[]): Promise<Map<string, SignalRecord>> {
  const unique = [...new Set(ids)];
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += MAX_BATCH) batches.push(unique.slice(start, start + MAX_BATCH));
  const answers = await Promise.all(
    batches.map((keys) => withStorageRetry(() => kvs.batchGet<unknown>(keys.map((key) => ({ key, entityName: SIGNAL_ENTITY }))))),
  );
  const signals = new Map<string, SignalRecord>();
  for (const answer of answers) {
    for (const item of answer.successfulKeys) {
      const signal = parseSignal(item.key, item.value);
      if (signal) signals.set(item.key, signal);
    }
  }
  return signals;
}

/** The most recently received signals in one state, newest first. */
export async function recentSignals(state: string, limit: number): Promise<SignalRecord[]> {
  const page = await withStorageRetry(() =>
    kvs.entity<unknown>(SIGNAL_ENTITY).query().index('by-state-received', { partition: [state] }).sort(Sort.DESC).limit(limit).getMany(),
  );
  return page.results.map((r) => parseSignal(r.key, r.value)).filter((s): s is SignalRecord => s !== null);
}
