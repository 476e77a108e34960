/**
 * Routing in the signals bench (issue 10): routing 50 clusters to Quick fix at once — Jira calls made (bulk
 * create) against the one create per cluster a naive version would make — and routing end to end with 20 % of
 * the effect's Jira calls failing (429/5xx) and the queue failing, duplicating and dropping deliveries:
 * decisions lost (goal 0) and issues created twice (goal 0).
 */
import { retryPolicy } from '../../src/jira/client';
import { clock } from '../../src/services/clock';
import { createCluster } from '../../src/store/cluster-repository';
import { getRouteDecisions } from '../../src/store/routing-decision-repository';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import type { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import type { BenchContext } from './harness';

const CLUSTERS = 50;

async function drain(sandbox: Sandbox, advance: () => void): Promise<number> {
  let sweeps = 0;
  for (; sweeps < 40; sweeps += 1) {
    await sandbox.events.settle();
    const pending = await sandbox.asApp(() => selectRows(db.selectFrom('outbox').select('id').where('state', '=', 'pending').compile()));
    if (pending.length === 0) break;
    advance();
    await sandbox.runScheduledTrigger('sweeper');
  }
  return sweeps;
}

async function freshClusters(sandbox: Sandbox, run: string, count: number): Promise<Array<{ clusterId: string; version: number }>> {
  const targets: Array<{ clusterId: string; version: number }> = [];
  for (let i = 0; i < count; i += 1) {
    const id = await sandbox.asApp(() => createCluster({ id: `cluster-${run}-${i}`, title: `Bench fix ${i}`, state: 'new' }, Date.now()));
    targets.push({ clusterId: id, version: 1 });
  }
  return targets;
}

const route = (sandbox: Sandbox, targets: ReadonlyArray<{ clusterId: string; version: number }>) =>
  sandbox.invoke({ accountId: SEED_USERS.productLead, moduleKey: 'triage-queue', extension: {} }, 'signals.route', {
    projectKey: 'PAY',
    targets,
    route: 'quick-fix',
    rationale: 'Small fixes, one sprint.',
    quickFix: { projectKey: 'PAY', intoNextSprint: true },
  }) as Promise<{ ok: boolean }>;

const issuesFor = (sandbox: Sandbox, decisionId: string) =>
  sandbox.jira.site.issues.filter((i) => (i.properties['upstream-origin'] as { decisionId?: string } | undefined)?.decisionId === decisionId).length;

export async function benchRouting(sandbox: Sandbox, report: BenchContext['report']): Promise<void> {
  const realNow = clock.now;
  const realSleep = storageRetryPolicy.sleep;
  const realJiraSleep = retryPolicy.sleep;
  let offset = 0;
  clock.now = () => new Date(Date.now() + offset);
  storageRetryPolicy.sleep = async () => undefined;
  retryPolicy.sleep = async () => undefined;
  const warn = console.warn;
  const error = console.error;
  console.warn = () => undefined;
  console.error = () => undefined;
  sandbox.setLatency(0);
  try {
    const run = `routing-${Date.now()}`;
    const targets = await freshClusters(sandbox, `${run}-batch`, CLUSTERS);
    sandbox.clearLogs();
    const answer = await route(sandbox, targets);
    await drain(sandbox, () => (offset += 16 * 60_000));
    const log = sandbox.jiraLink.log;
    const bulk = log.filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue/bulk').length;
    const single = log.filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue').length;
    const decisions = await sandbox.asApp(() => getRouteDecisions(targets.map((t) => t.clusterId)));
    const done = [...decisions.values()].filter((d) => d.jiraState === 'done').length;
    report(
      { operation: 'signals.route 50 quick fixes', ok: answer.ok, clusters: CLUSTERS, done, jiraCalls: log.length, bulkCreateCalls: bulk, singleCreateCalls: single, naiveCreateCalls: CLUSTERS, sqlStatements: sandbox.sqlLink.log.length },
      `signals.route 50 quick fixes: ${log.length} Jira calls in all, ${bulk} bulk create (naive: ${CLUSTERS} creates, one per cluster), ${done}/${CLUSTERS} done, ${sandbox.sqlLink.log.length} SQL statements`,
    );

    const faulty = await freshClusters(sandbox, `${run}-faults`, CLUSTERS);
    const appSide = /^\/rest\/(api\/3\/(issue\/bulk|search\/jql|app\/field|field)|agile\/)/;
    sandbox.clearLogs();
    sandbox.events.configure({ failureRate: 0.2, duplicateRate: 0.15, pushFailureRate: 0.2, maxDeliveries: 2, seed: 2027 });
    sandbox.jiraLink.injectFault({ match: (req) => appSide.test(req.path), status: [429, 500, 503], rate: 0.2, times: Infinity, seed: 9 });
    let answered = 0;
    let sweeps = 0;
    try {
      for (let start = 0; start < faulty.length; start += 10) if ((await route(sandbox, faulty.slice(start, start + 10))).ok) answered += 1;
      sweeps = await drain(sandbox, () => (offset += 16 * 60_000));
    } finally {
      sandbox.jiraLink.clearFaults();
      sandbox.events.configure({ failureRate: 0, duplicateRate: 0, pushFailureRate: 0, maxDeliveries: Infinity });
    }
    const stored = await sandbox.asApp(() => getRouteDecisions(faulty.map((t) => t.clusterId)));
    const lost = faulty.filter((t) => !stored.has(t.clusterId)).length;
    const counts = [...stored.values()].map((d) => issuesFor(sandbox, d.decisionId!));
    const duplicates = counts.filter((c) => c > 1).length;
    const missing = counts.filter((c) => c === 0).length;
    report(
      { operation: 'signals.route under faults', clusters: CLUSTERS, calls: 5, answered, lost, duplicates, missingIssues: missing, sweeps, jiraFaults: sandbox.jiraLink.faultedCount, queue: sandbox.events.stats },
      `signals.route under faults: ${CLUSTERS} clusters in 5 calls (${answered} answered ok), lost ${lost} (goal 0), duplicates ${duplicates} (goal 0), issues missing ${missing}, ${sweeps} sweeps, ${sandbox.jiraLink.faultedCount} Jira faults`,
    );
  } finally {
    console.warn = warn;
    console.error = error;
    clock.now = realNow;
    storageRetryPolicy.sleep = realSleep;
    retryPolicy.sleep = realJiraSleep;
  }
}
