/**
 * Runs an operation against the sandbox with injected latency and reports what it cost: Jira and storage
 * calls, SQL statements, the sequential round-trip depth (the longest chain of requests that waited on each other), and wall
 * time percentiles. Numbers are ratios and counts to compare, not pass/fail thresholds.
 */
import { sequentialDepth } from '../sandbox/instrument';
import type { Sandbox } from '../sandbox/sandbox';

export interface BenchResult {
  operation: string;
  latencyMs: number;
  iterations: number;
  jiraCalls: number;
  storageCalls: number;
  /** Forge SQL statements (each is one request: Forge SQL takes one statement per call). */
  sqlStatements: number;
  roundTripDepth: number;
  p50Ms: number;
  p95Ms: number;
  baseline?: string;
  /** Baseline p50 divided by this operation's p50: how many times faster. */
  ratioVsBaseline?: number;
}

export interface BenchOptions {
  latencyMs: number;
  iterations: number;
  check?: (result: unknown) => void;
}

/** What each suite gets: the shared sandbox, the options, and a resolver call as a seeded persona. */
export interface BenchContext {
  sandbox: Sandbox;
  options: BenchOptions;
  call: (moduleKey: string, key: string, payload: unknown, accountId?: string) => Promise<unknown>;
  /** A measurement that is not a timed operation (bundle sizes): one JSON line with --json, else the text. */
  report: (record: Record<string, unknown>, text: string) => void;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export async function measure(
  sandbox: Sandbox,
  operation: string,
  run: () => Promise<unknown>,
  options: BenchOptions,
): Promise<BenchResult> {
  sandbox.setLatency(0);
  options.check?.(await run()); // warm-up, also proves the operation succeeds
  sandbox.setLatency(options.latencyMs);
  const times: number[] = [];
  let jiraCalls = 0;
  let storageCalls = 0;
  let sqlStatements = 0;
  let depth = 0;
  for (let i = 0; i < options.iterations; i += 1) {
    sandbox.clearLogs();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
    // Calls and depth are the same every iteration for a deterministic operation; keep the last.
    jiraCalls = sandbox.jiraLink.log.length;
    storageCalls = sandbox.storageLink.log.length;
    sqlStatements = sandbox.sqlLink.log.length;
    // A SQL statement is a round trip like any other; an operation without SQL has the depth it always had.
    depth = sequentialDepth([...sandbox.jiraLink.log, ...sandbox.storageLink.log, ...sandbox.sqlLink.log]);
  }
  sandbox.setLatency(0);
  times.sort((a, b) => a - b);
  return {
    operation,
    latencyMs: options.latencyMs,
    iterations: options.iterations,
    jiraCalls,
    storageCalls,
    sqlStatements,
    roundTripDepth: depth,
    p50Ms: Math.round(percentile(times, 50)),
    p95Ms: Math.round(percentile(times, 95)),
  };
}

export function withBaseline(result: BenchResult, baseline: BenchResult): BenchResult {
  return { ...result, baseline: baseline.operation, ratioVsBaseline: Math.round((baseline.p50Ms / result.p50Ms) * 100) / 100 };
}

export function printTable(results: BenchResult[]): void {
  const header = ['operation', 'jira', 'storage', 'depth', 'p50 ms', 'p95 ms', 'vs baseline'];
  const rows = results.map((r) => [
    r.operation,
    String(r.jiraCalls),
    String(r.storageCalls),
    String(r.roundTripDepth),
    String(r.p50Ms),
    String(r.p95Ms),
    r.ratioVsBaseline !== undefined ? `${r.ratioVsBaseline}× (${r.baseline})` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((row) => console.log(line(row)));
}
