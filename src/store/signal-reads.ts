/**
 * Reads of signals for origins and candidate lists. Kept apart from signal-repository.ts (intake's writes) so
 * the signal feature can grow that file freely; the stored shape is the same, plus the triage `route`.
 */
import { kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import { SIGNAL_ENTITY, storedSignalSchema } from './signal-repository';

export const SIGNAL_ROUTES = ['roadmap', 'quick-fix', 'parking-lot', 'declined', 'duplicate'] as const;

/** Lenient on `state` so a later state added by the signal feature does not hide a signal from origins. */
export const signalForOriginSchema = storedSignalSchema.extend({
  state: z.string(),
  route: z.enum(SIGNAL_ROUTES).optional(),
});
export type SignalRecord = z.infer<typeof signalForOriginSchema> & { id: string };

const MAX_BATCH = 25;

function parseSignal(id: string, value: unknown): SignalRecord | null {
  const parsed = signalForOriginSchema.safeParse(value);
  if (!parsed.success) {
    console.warn(`signal ${id} does not match its schema; treated as missing`);
    return null;
  }
  return { id, ...parsed.data };
}

/** Several signals at once, 25 per batch in parallel; ids with no readable record are absent from the map. */
export async function getSignals(ids: readonly string[]): Promise<Map<string, SignalRecord>> {
  const unique = [...new Set(ids)];
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += MAX_BATCH) batches.push(unique.slice(start, start + MAX_BATCH));
  const answers = await Promise.all(batches.map((keys) => kvs.batchGet<unknown>(keys.map((key) => ({ key, entityName: SIGNAL_ENTITY })))));
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
  const page = await kvs
    .entity<unknown>(SIGNAL_ENTITY)
    .query()
    .index('by-state-received', { partition: [state] })
    .sort(Sort.DESC)
    .limit(limit)
    .getMany();
  return page.results.map((r) => parseSignal(r.key, r.value)).filter((s): s is SignalRecord => s !== null);
}
