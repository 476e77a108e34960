/**
 * Sprint shape at 20,000 issues: the app's own concurrency cap (src/jira/client.ts `concurrencyPolicy`) against
 * the uncapped fan-out it replaced (200 bulk fetches at once). Reported: Jira calls, round-trip depth, p50, the
 * most requests the app had in flight at once (from the request log), and — with the emulator's rate limit on
 * (at most 20 requests at once, each taking Jira 20 ms, 429 past that) — how many requests Jira refused.
 */
import { SEED_USERS, BOARD_IDS, PROJECT_IDS } from '../../sandbox/seed';
import type { LoggedRequest } from '../../sandbox/instrument';
import { concurrencyPolicy } from '../../../src/jira/client';
import { addBigSprint } from '../big-sprint';
import { measure, type BenchContext, type BenchResult } from '../harness';

const HUGE_SPRINT_ID = 7002;
/** What the emulator allows at once in this suite; Jira's real limits are not published as a number. */
const JIRA_MAX_CONCURRENT = 20;
const JIRA_PROCESSING_MS = 20;

/** The most requests that overlapped in time: a sweep over start and end events. */
function peakInFlight(log: readonly LoggedRequest[]): number {
  const events = log.flatMap((r) => [
    { at: r.startedAt, delta: 1 },
    { at: r.endedAt, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const e of events) {
    current += e.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

const config = {
  boardId: BOARD_IDS.PAY,
  sprint: { kind: 'sprint', sprintId: HUGE_SPRINT_ID },
  target: { Innovative: 50, Corrective: 25, Enabling: 25 },
  measure: 'estimate',
  driftThreshold: 10,
};

export async function run({ sandbox, options, call, report }: BenchContext): Promise<BenchResult[]> {
  addBigSprint(sandbox, { sprintId: HUGE_SPRINT_ID, boardId: BOARD_IDS.PAY, projectId: PROJECT_IDS.PAY, projectKey: 'PAY', name: 'PAY Everything', size: 20_000, firstIssueId: 1_000_000, firstKeyNumber: 20_000 });
  const shape = () => call('sprint-shape', 'sprintShape.get', { config }, SEED_USERS.engineer);
  const iterations = { ...options, iterations: Math.min(options.iterations, 3) };
  const capAtStart = concurrencyPolicy.maxInFlight;
  const results: BenchResult[] = [];
  try {
    const variants: Array<{ label: string; cap: number }> = [
      { label: `capped at ${capAtStart}`, cap: capAtStart },
      { label: 'uncapped (before)', cap: Number.POSITIVE_INFINITY },
    ];
    for (const { label, cap } of variants) {
      concurrencyPolicy.maxInFlight = cap;
      const result = await measure(sandbox, `sprintShape.get, 20,000 issues, ${label}`, shape, iterations);
      const peak = peakInFlight(sandbox.jiraLink.log);
      results.push(result);

      // The same call once more with Jira's concurrency limit modelled: what the cap saves in refusals.
      // Jira works on each request for a while (20 ms here) after the network latency; only then can requests
      // overlap at Jira and meet its concurrency limit.
      sandbox.jira.rateLimit = { maxConcurrent: JIRA_MAX_CONCURRENT, retryAfterSeconds: 1 };
      sandbox.jira.processingMs = JIRA_PROCESSING_MS;
      sandbox.setLatency(options.latencyMs);
      sandbox.clearLogs();
      const answer = (await shape()) as { ok: boolean; error?: { code: string } };
      const refused = sandbox.jiraLink.log.filter((r) => r.status === 429).length;
      sandbox.setLatency(0);
      sandbox.jira.rateLimit = null;
      sandbox.jira.processingMs = 0;
      report(
        {
          measurement: 'sprintShape.get 20k concurrency',
          variant: label,
          maxInFlightCap: Number.isFinite(cap) ? cap : null,
          peakInFlight: peak,
          jiraCalls: result.jiraCalls,
          roundTripDepth: result.roundTripDepth,
          p50Ms: result.p50Ms,
          jiraMaxConcurrent: JIRA_MAX_CONCURRENT,
          refusedWithLimit: refused,
          outcomeWithLimit: answer.ok ? 'ok' : answer.error?.code,
        },
        `sprintShape.get, 20,000 issues, ${label}: peak ${peak} Jira requests in flight; with Jira limiting at ${JIRA_MAX_CONCURRENT} at once: ${refused} refused (429), answer ${answer.ok ? 'ok' : answer.error?.code}`,
      );
    }
  } finally {
    concurrencyPolicy.maxInFlight = capAtStart;
    sandbox.jira.rateLimit = null;
    sandbox.jira.processingMs = 0;
  }
  return results;
}
