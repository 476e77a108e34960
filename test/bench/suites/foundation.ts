/** The surfaces' first-load resolvers, and triage.overview against a sequential baseline. */
import { SEED_USERS } from '../../sandbox/seed';
import { invocationScope } from '../../sandbox/runtime';
import { forgetWorkTypeFieldId } from '../../../src/jira/fields';
import { measure, withBaseline, type BenchContext, type BenchResult } from '../harness';
import { naiveTriageOverview } from '../naive-triage-overview';

export async function run({ sandbox, options, call }: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  results.push(await measure(sandbox, 'viewer.get', () => call('context-panel', 'viewer.get', {}), options));
  results.push(
    await measure(sandbox, 'workType.get (field id cached)', () => call('work-type', 'workType.get', { issueKey: 'PAY-12' }), options),
  );
  results.push(await measure(sandbox, 'sprintShape.boards', () => call('sprint-shape', 'sprintShape.boards', {}), options));
  results.push(
    await measure(sandbox, 'settings.overview', () => call('settings', 'settings.overview', {}, SEED_USERS.admin), options),
  );
  const naive = await measure(
    sandbox,
    'naive triage.overview (sequential)',
    () =>
      invocationScope.run({ accountId: SEED_USERS.engineer, moduleKey: 'triage-queue' }, async () => ({
        ok: true,
        data: await naiveTriageOverview('INV'),
      })),
    options,
  );
  const triage = await measure(
    sandbox,
    'triage.overview (cold field cache)',
    () => {
      forgetWorkTypeFieldId();
      return call('triage-queue', 'triage.overview', { projectKey: 'INV' });
    },
    options,
  );
  results.push(withBaseline(triage, naive), naive);
  return results;
}
