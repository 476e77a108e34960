/**
 * Pipeline health on the triage page, per UTC month of the signals received: the share with a decision, the
 * median time to a decision, the median time to shipped, and the clusters parked that month whose evidence has
 * grown since. Signals are the site's (as the Inbox's are), so a reader of the project's signals may see them.
 *
 * "Time to decision" is to the decision that stands now: a change of mind is a new version of the same row and
 * keeps no history, so a re-routed cluster counts from its latest decision.
 */
import type { ResolverInput, ResolverOutput } from '../../contract';
import { pipelineHealthRows, type MonthWindow } from '../../store/signal-status-repository';
import { clock } from '../clock';
import { requireSignalReader } from '../signals/access';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The last `count` UTC months up to and including the one `now` is in, oldest first. */
export function monthWindows(now: Date, count: number): MonthWindow[] {
  const windows: MonthWindow[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1);
    const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1);
    const d = new Date(start);
    windows.push({ label: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`, startMs: start, endMs: end });
  }
  return windows;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export async function pipelineHealth(input: ResolverInput<'triage.health'>): Promise<ResolverOutput<'triage.health'>> {
  await requireSignalReader(input.projectKey);
  const rows = await pipelineHealthRows(monthWindows(clock.now(), input.months ?? 6));
  return {
    months: rows.map((row) => ({
      month: row.month,
      signals: row.signals,
      decided: row.decided,
      decidedShare: row.signals === 0 ? null : row.decided / row.signals,
      medianHoursToDecision: row.medianDecisionMs === null ? null : round1(row.medianDecisionMs / HOUR_MS),
      shipped: row.shipped,
      medianDaysToShipped: row.medianShippedMs === null ? null : round1(row.medianShippedMs / DAY_MS),
      parked: row.parked,
      parkedGrew: row.parkedGrew,
    })),
  };
}
