/**
 * `npm run bench [-- --latency 100 --iterations 10 --json]`: each resolver through the sandbox with latency
 * injected on every Jira and storage request, as a Forge function sees it from Atlassian's cloud.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { invocationScope } from '../sandbox/runtime';
import { forgetWorkTypeFieldId } from '../../src/jira/fields';
import { measure, printTable, withBaseline, type BenchResult } from './harness';
import { naiveTriageOverview } from './naive-triage-overview';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a non-negative number`);
  return value;
}

function expectOk(result: unknown): void {
  if (!result || typeof result !== 'object' || (result as { ok?: unknown }).ok !== true) {
    throw new Error(`benchmark operation failed: ${JSON.stringify(result)}`);
  }
}

async function main(): Promise<void> {
  const latencyMs = option('latency', 100);
  const iterations = option('iterations', 10);
  const json = process.argv.includes('--json');
  const sandbox = new Sandbox({ today: new Date('2026-11-26T10:00:00Z') });
  const engineer = SEED_USERS.engineer;
  const opts = { latencyMs, iterations, check: expectOk };
  const call = (moduleKey: string, key: string, payload: unknown, accountId = engineer) =>
    sandbox.invoke({ accountId, moduleKey, extension: {} }, key, payload);
  const results: BenchResult[] = [];

  results.push(await measure(sandbox, 'viewer.get', () => call('context-panel', 'viewer.get', {}), opts));
  results.push(await measure(sandbox, 'panel.overview', () => call('context-panel', 'panel.overview', { issueKey: 'PAY-12' }), opts));
  results.push(await measure(sandbox, 'workType.get (field id cached)', () => call('work-type', 'workType.get', { issueKey: 'PAY-12' }), opts));
  results.push(await measure(sandbox, 'gadget.boards', () => call('sprint-shape', 'gadget.boards', {}), opts));
  results.push(
    await measure(sandbox, 'settings.overview', () => call('settings', 'settings.overview', {}, SEED_USERS.admin), opts),
  );

  const naive = await measure(
    sandbox,
    'naive triage.overview (sequential)',
    () => invocationScope.run({ accountId: engineer, moduleKey: 'triage-queue' }, async () => ({ ok: true, data: await naiveTriageOverview('INV') })),
    opts,
  );
  const triage = await measure(
    sandbox,
    'triage.overview (cold field cache)',
    () => {
      forgetWorkTypeFieldId();
      return call('triage-queue', 'triage.overview', { projectKey: 'INV' });
    },
    opts,
  );
  results.push(withBaseline(triage, naive), naive);
  sandbox.close();

  if (json) results.forEach((r) => console.log(JSON.stringify(r)));
  else {
    console.log(`Sandbox benchmarks: ${latencyMs} ms injected per Jira/storage request, ${iterations} iterations each.`);
    printTable(results);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
