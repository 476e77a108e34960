/**
 * Walkthroughs: the view of an issue with 10 versions and 20 acknowledgements (SQL statements and round trips;
 * goal ≤ 2), the diff of two versions of 200 items each (CPU time), and the issue panel's first load with the
 * walkthrough and the new readiness items on it (goal: still 2 round trips).
 */
import { diffVersions } from '../../../src/domain/walkthrough-diff';
import type { WalkthroughItem } from '../../../src/domain/walkthrough';
import { insertWalkthroughVersion, recordWalkthroughAck } from '../../../src/store/walkthrough-repository';
import { forgetWorkTypeFieldId } from '../../../src/jira/fields';
import { SEED_USERS } from '../../sandbox/seed';
import { seedAppData } from '../../sandbox/seed/app-data';
import { measure, type BenchContext, type BenchResult } from '../harness';

const TODAY = new Date('2026-11-26T10:00:00Z');
const VERSIONS = 10;
const ACKS = 20;
const DIFF_ITEMS = 200;
const DIFF_RUNS = 2_000;

const item = (i: number, variant: number): WalkthroughItem =>
  i % 4 === 0
    ? { id: `e-${i}`, kind: 'error-state', title: `Error ${i}`, whatHappens: `Shown as a banner (${variant})`, state: variant % 2 ? 'deferred' : 'designed', reason: variant % 2 ? 'Later' : null }
    : i % 4 === 1
      ? { id: `d-${i}`, kind: 'decision', title: `Decision ${i}`, why: 'Because sellers asked for it in discovery.', alternatives: ['A modal', 'A page'] }
      : { id: `n-${i}`, kind: 'new', title: `New ${i}`, detail: `What is new about ${i}, in a sentence or two.` };

/** Two versions of 200 items: a tenth edited, a tenth removed and replaced, the rest moved about. */
function twoVersions(): [WalkthroughItem[], WalkthroughItem[]] {
  const a = Array.from({ length: DIFF_ITEMS }, (_, i) => item(i, 0));
  const b = Array.from({ length: DIFF_ITEMS }, (_, i) => (i % 10 === 3 ? item(i + 1000, 0) : item(i, i % 10 === 0 ? 1 : 0))).reverse();
  return [a, b];
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export async function run({ sandbox, options, call, report }: BenchContext): Promise<BenchResult[]> {
  await seedAppData(sandbox, TODAY);
  const issue = sandbox.jira.site.issues.find((i) => i.summary === 'Instant payouts to debit cards for marketplace sellers');
  if (!issue) throw new Error('bench: the seeded linked issue is missing');

  // 10 versions of 40 items and 20 acknowledgements, straight into the store (the setup is not what is measured).
  await sandbox.asApp(async () => {
    for (let v = 0; v < VERSIONS; v += 1) {
      await insertWalkthroughVersion({
        issueKey: issue.key,
        basedOn: v === 0 ? null : v,
        authorAccountId: SEED_USERS.designer,
        authorName: 'Tomás Ortega',
        createdAt: TODAY.getTime() - (VERSIONS - v) * 86_400_000,
        designUrl: 'https://www.figma.com/design/AbCdEf123456/Instant-payouts',
        summary: `Version ${v + 1}`,
        items: Array.from({ length: 40 }, (_, i) => item(i, v)),
      });
    }
    for (let a = 0; a < ACKS; a += 1) {
      const accountId = a === 0 ? SEED_USERS.engineer : `bench-engineer-${a}`;
      await recordWalkthroughAck(issue.key, { accountId, version: 1 + (a % VERSIONS), at: TODAY.getTime() + a, displayName: `Engineer ${a}`, roles: ['engineering'] });
    }
  });

  const results: BenchResult[] = [];
  results.push(await measure(sandbox, 'walkthrough.view', () => call('context-panel', 'walkthrough.view', { issueKey: issue.key }), options));
  results.push(
    await measure(
      sandbox,
      'panel.context with walkthrough and readiness (cold field cache)',
      () => {
        forgetWorkTypeFieldId();
        return call('context-panel', 'panel.context', { issueKey: issue.key });
      },
      options,
    ),
  );

  const [a, b] = twoVersions();
  const times: number[] = [];
  let edited = 0;
  for (let run = 0; run < DIFF_RUNS; run += 1) {
    const started = process.cpuUsage();
    edited = diffVersions({ items: a }, { items: b }).edited.length;
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((x, y) => x - y);
  const record = {
    operation: `walkthrough diff (${DIFF_ITEMS} × ${DIFF_ITEMS} items, CPU)`,
    runs: DIFF_RUNS,
    editedItems: edited,
    cpuP50Ms: Number(percentile(times, 50).toFixed(3)),
    cpuP95Ms: Number(percentile(times, 95).toFixed(3)),
  };
  report(record, `${record.operation}: p50 ${record.cpuP50Ms} ms, p95 ${record.cpuP95Ms} ms CPU over ${DIFF_RUNS} runs (${edited} items edited)`);
  return results;
}
