/**
 * `npm run bench [-- --latency 100 --iterations 10 --json --only SUITE]`: every suite in test/bench/suites/ against one
 * sandbox, with latency injected on every Jira and storage request as a Forge function sees it from
 * Atlassian's cloud. Each suite exports `run(context): Promise<BenchResult[]>`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { printTable, type BenchContext, type BenchResult } from './harness';

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
  const context: BenchContext = {
    sandbox,
    options: { latencyMs, iterations, check: expectOk },
    call: (moduleKey, key, payload, accountId = SEED_USERS.engineer) =>
      sandbox.invoke({ accountId, moduleKey, extension: {} }, key, payload),
    report: (record, text) => console.log(json ? JSON.stringify(record) : text),
  };
  const suiteDir = path.join(__dirname, 'suites');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const suites = readdirSync(suiteDir)
    .filter((f) => f.endsWith('.ts') && (!only || f === `${only}.ts`))
    .sort();
  if (suites.length === 0) throw new Error(`no benchmark suite named ${only}; see test/bench/suites/`);
  const results: BenchResult[] = [];
  for (const file of suites) {
    const suite = (await import(path.join(suiteDir, file))) as { run: (c: BenchContext) => Promise<BenchResult[]> };
    results.push(...(await suite.run(context)));
  }
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
