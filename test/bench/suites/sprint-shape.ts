/**
 * Sprint shape at scale: a 1,000-issue sprint, added to the seeded site for this suite, shaped by the gadget's
 * resolver (ids by JQL, then parallel bulk fetches) against a naive version (search/jql with `*all`, 100 per
 * page, one call after another). Also the trend, cold (backfill) and warm, and the gadget's initial JS.
 */
import path from 'node:path';
import { SEED_USERS, BOARD_IDS, PROJECT_IDS } from '../../sandbox/seed';
import { invocationScope } from '../../sandbox/runtime';
import { REPO_ROOT, type Sandbox } from '../../sandbox/sandbox';
import { forgetBoardEstimations } from '../../../src/jira/boards';
import { forgetWorkTypeFieldId } from '../../../src/jira/fields';
import { addBigSprint } from '../big-sprint';
import { measure, withBaseline, type BenchContext, type BenchResult } from '../harness';
import { naiveSprintShape } from '../naive-sprint-shape';
import { gadgetInitialJs } from '../gadget-bundle-size';

const BIG_SPRINT_ID = 7001;

const config = { boardId: BOARD_IDS.INV, sprint: { kind: 'sprint', sprintId: BIG_SPRINT_ID }, target: { Innovative: 50, Corrective: 25, Enabling: 25 }, measure: 'estimate', driftThreshold: 10 };

export async function run({ sandbox, options, call, report }: BenchContext): Promise<BenchResult[]> {
  addBigSprint(sandbox, { sprintId: BIG_SPRINT_ID, boardId: BOARD_IDS.INV, projectId: PROJECT_IDS.INV, projectKey: 'INV', name: 'INV Big Bang', size: 1000, firstIssueId: 900_000, firstKeyNumber: 5000 });
  const results: BenchResult[] = [];
  const naive = await measure(
    sandbox,
    'naive sprint shape, 1,000 issues (*all, 100/page)',
    () =>
      invocationScope.run({ accountId: SEED_USERS.engineer, moduleKey: 'sprint-shape' }, async () => ({
        ok: true,
        data: await naiveSprintShape(BOARD_IDS.INV, BIG_SPRINT_ID),
      })),
    options,
  );
  const byId = await measure(sandbox, 'sprintShape.get, 1,000 issues (sprint by id)', () => call('sprint-shape', 'sprintShape.get', { config }), options);
  const cold = await measure(
    sandbox,
    'sprintShape.get, 1,000 issues (cold caches)',
    () => {
      forgetWorkTypeFieldId();
      forgetBoardEstimations();
      return call('sprint-shape', 'sprintShape.get', { config });
    },
    options,
  );
  results.push(withBaseline(byId, naive), withBaseline(cold, naive), naive);
  results.push(
    await measure(sandbox, 'sprintShape.get, INV active sprint', () => call('sprint-shape', 'sprintShape.get', { config: { ...config, sprint: { kind: 'active' } } }), options),
  );
  results.push(await measure(sandbox, 'sprintShape.trend (snapshots stored)', () => call('sprint-shape', 'sprintShape.trend', { boardId: BOARD_IDS.PAY }), options));

  const bundle = gadgetInitialJs(path.join(REPO_ROOT, 'static/build'));
  if (bundle) {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    report(
      { measurement: 'sprint-shape gadget initial JS, gzipped', bytes: bundle.totalGzipBytes, budgetBytes: 150 * 1024, chunks: bundle.chunks },
      [
        `Sprint-shape gadget initial JS (entry + GadgetView chunk + static imports), gzipped: ${kb(bundle.totalGzipBytes)} (budget 150 KB)`,
        ...bundle.chunks.slice(0, 8).map((chunk) => `  ${chunk.file.padEnd(44)} ${kb(chunk.gzipBytes).padStart(9)} gz  ${kb(chunk.bytes).padStart(9)} raw`),
      ].join('\n'),
    );
  } else {
    report({ measurement: 'sprint-shape gadget initial JS, gzipped', missing: 'static/build' }, 'Sprint-shape gadget initial JS: static/build is missing; run `npm run build:static` first.');
  }
  return results;
}
