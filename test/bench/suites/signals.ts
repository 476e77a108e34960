/**
 * Signals in Forge SQL at scale: storing one through the real intake webtrigger, the Inbox's first page over 1k
 * and 100k signals (does it stay one statement and about as fast at 100× the data?), and similar clusters for a
 * new signal over 100k. The large data sets are loaded straight into the sandbox's MariaDB with multi-row
 * INSERTs (through mysql2, not Forge SQL's one-statement-per-request link), each in a sandbox of its own so the
 * shared sandbox stays as the other suites expect it.
 */
import mysql from 'mysql2/promise';
import type { CompiledQuery, Insertable } from 'kysely';
import { evidenceScore } from '../../../src/domain/evidence';
import { SIGNAL_CATEGORIES } from '../../../src/domain/signals';
import { termsOf, type WeightedTerm } from '../../../src/domain/terms';
import { signedIntakeRequest } from '../../sandbox/intake-request';
import { indexSignalTerms } from '../../../src/services/signals/terms';
import { clusterSignal, featuresOf } from '../../../src/services/signals/cluster';
import { clock } from '../../../src/services/clock';
import { insertSignals, signalKey } from '../../../src/store/signal-repository';
import { selectRows } from '../../../src/store/sql/run';
import { storageRetryPolicy } from '../../../src/store/storage-retry';
import { clusterCandidatesStatement } from '../../../src/store/term-repository';
import { DEFAULT_CONCEPTS } from '../../../src/domain/concepts';
import { inboxPage, inboxStatement, type InboxQuery } from '../../../src/store/cluster-repository';
import { db, type ClusterTable, type ClusterTermTable, type SignalTable, type SignalTermTable } from '../../../src/store/sql/schema';
import { applyMigrations } from '../../../src/store/sql/run';
import { similarClusters, similarClustersStatement } from '../../../src/store/term-repository';
import { sequentialDepth } from '../../sandbox/instrument';
import { Sandbox } from '../../sandbox/sandbox';
import { SEED_USERS } from '../../sandbox/seed';
import { SeededRandom } from '../../sandbox/seed/random';
import { measure, type BenchContext, type BenchResult } from '../harness';
import { benchRouting } from '../signals-routing';
import { tabReads } from '../../../src/services/signals/inbox';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per INSERT when loading: large enough that round trips do not dominate, small enough for max_allowed_packet. */
const LOAD_CHUNK_ROWS = 2_000;
const STATES = [
  ['new', 6],
  ['triaged', 3],
  ['routed', 1],
] as const;
/** Words most signals use, drawn with a skew (a few very common), so the term index has hot terms as real text does. */
const COMMON_WORDS = Array.from({ length: 200 }, (_, i) => `common${i}`);
const THEME_VOCABULARY = 20_000;

export interface DataSet {
  signals: number;
  clusters: number;
  /** The Inbox filter: the busiest customer, and the category most of their recent signals in new clusters have. */
  customer: string;
  category: string;
  /** A new signal's text in cluster-000000's words, for similar clusters. */
  similarText: string;
  /** The theme words of the first clusters, for new signals that should join them. */
  themes: string[][];
  loadMs: number;
}

/** A draw from [0, n) where small indexes come more often (density ∝ 1/√i): a few busy customers and hot clusters. */
const skewed = (random: SeededRandom, n: number): number => Math.min(n - 1, Math.floor(n * random.next() ** 2));
/** A draw from [0, n) with density ∝ 1/i (≈ Zipf), as word frequencies are. */
const zipf = (random: SeededRandom, n: number): number => Math.min(n - 1, Math.floor(n ** random.next()) - 1);

/**
 * Generates `signalCount` signals in 5 % as many clusters, with their evidence and terms computed here exactly as
 * the app computes them (src/domain), and loads all four tables through one direct connection.
 */
export async function load(sandbox: Sandbox, signalCount: number, now: number): Promise<DataSet> {
  const started = performance.now();
  const random = new SeededRandom(signalCount);
  const clusterCount = Math.max(1, Math.round(signalCount * 0.05));
  const customerCount = Math.max(50, Math.round(signalCount / 50));
  const customers = Array.from({ length: customerCount }, (_, i) => ({ name: `Customer ${i}`, arr: random.integer(1, 60) * 5_000 }));

  const clusters = Array.from({ length: clusterCount }, (_, c) => ({
    id: `cluster-${String(c).padStart(6, '0')}`,
    state: random.weighted(STATES),
    category: random.pick(SIGNAL_CATEGORIES),
    // Each cluster has a moment it was talked about; its signals spread around it.
    centre: now - random.integer(0, 180) * DAY_MS,
    theme: Array.from({ length: 8 }, () => `theme${random.integer(0, THEME_VOCABULARY - 1)}`),
  }));

  const signalRows: Insertable<SignalTable>[] = [];
  const recentCategories = new Map<string, number>();
  const termRows: Insertable<SignalTermTable>[] = [];
  const evidence = new Map<string, { signals: number; arrByCustomer: Map<string, number>; first: number; last: number; terms: Map<string, number> }>();
  for (let s = 0; s < signalCount; s += 1) {
    const cluster = clusters[s < clusterCount ? s : skewed(random, clusterCount)];
    const customer = customers[skewed(random, customerCount)];
    const receivedAt = Math.min(now, cluster.centre + random.integer(-20, 20) * DAY_MS + random.integer(0, DAY_MS));
    const words = [...random.shuffle(cluster.theme).slice(0, 4), ...Array.from({ length: 3 }, () => COMMON_WORDS[zipf(random, COMMON_WORDS.length)])];
    const text = `Our team says the ${words.join(' and ')} is not working as expected`;
    const id = `signal-${String(s).padStart(7, '0')}`;
    const arr = random.chance(0.2) ? null : customer.arr;
    if (customer === customers[0] && cluster.state === 'new' && receivedAt >= now - 30 * DAY_MS) {
      recentCategories.set(cluster.category, (recentCategories.get(cluster.category) ?? 0) + 1);
    }
    signalRows.push({
      id,
      source: 'crm',
      external_id: id,
      state: cluster.state,
      received_at: receivedAt,
      customer: customer.name,
      text,
      raised_by_name: 'Sam Seller',
      arr,
      category: cluster.category,
      cluster_id: cluster.id,
      updated_at: now,
    });
    const terms = termsOf(text);
    for (const { term, weight } of terms) termRows.push({ term, signal_id: id, weight });
    const e = evidence.get(cluster.id) ?? { signals: 0, arrByCustomer: new Map(), first: receivedAt, last: receivedAt, terms: new Map() };
    e.signals += 1;
    e.arrByCustomer.set(customer.name, Math.max(e.arrByCustomer.get(customer.name) ?? 0, arr ?? 0));
    e.first = Math.min(e.first, receivedAt);
    e.last = Math.max(e.last, receivedAt);
    for (const { term, weight } of terms) e.terms.set(term, (e.terms.get(term) ?? 0) + weight);
    evidence.set(cluster.id, e);
  }

  const clusterRows: Insertable<ClusterTable>[] = [];
  const clusterTermRows: Insertable<ClusterTermTable>[] = [];
  for (const cluster of clusters) {
    const e = evidence.get(cluster.id)!;
    const arrTotal = [...e.arrByCustomer.values()].reduce((a, b) => a + b, 0);
    clusterRows.push({
      id: cluster.id,
      title: `Cluster ${cluster.id}`,
      category: cluster.category,
      state: cluster.state,
      signal_count: e.signals,
      customer_count: e.arrByCustomer.size,
      arr_total: arrTotal,
      evidence_score: evidenceScore({ signalCount: e.signals, customerCount: e.arrByCustomer.size, arrTotal, lastSeenAt: e.last }),
      first_seen_at: e.first,
      last_seen_at: e.last,
      updated_at: now,
    });
    for (const [term, weight] of e.terms) clusterTermRows.push({ term, cluster_id: cluster.id, weight });
  }

  await sandbox.asApp(() => applyMigrations());
  const { socketPath, database } = await sandbox.sql.connectionInfo();
  const connection = await mysql.createConnection({ socketPath, user: 'root', database });
  try {
    const insertAll = async <Row>(rows: Row[], compile: (chunk: Row[]) => CompiledQuery) => {
      for (let i = 0; i < rows.length; i += LOAD_CHUNK_ROWS) {
        const statement = compile(rows.slice(i, i + LOAD_CHUNK_ROWS));
        await connection.query(statement.sql, statement.parameters as unknown[]);
      }
    };
    await insertAll(signalRows, (chunk) => db.insertInto('signal').values(chunk).compile());
    await insertAll(clusterRows, (chunk) => db.insertInto('cluster').values(chunk).compile());
    await insertAll(termRows, (chunk) => db.insertInto('signal_term').values(chunk).compile());
    await insertAll(clusterTermRows, (chunk) => db.insertInto('cluster_term').values(chunk).compile());
    // Fresh statistics, as a long-lived table would have: the optimizer's plan is what is being measured.
    await connection.query('ANALYZE TABLE `signal`, `cluster`, `signal_term`, `cluster_term`');
  } finally {
    await connection.end();
  }

  // A filter that keeps some clusters at every size, so both sizes answer a real first page.
  const target = clusters[0];
  const category = [...recentCategories].sort((a, b) => b[1] - a[1])[0]?.[0] ?? target.category;
  return {
    signals: signalCount,
    clusters: clusterCount,
    customer: customers[0].name,
    category,
    similarText: `The ${target.theme.slice(0, 5).join(' ')} and ${COMMON_WORDS.slice(0, 3).join(' ')} keep breaking`,
    themes: clusters.slice(0, 50).map((cluster) => cluster.theme),
    loadMs: Math.round(performance.now() - started),
  };
}

/** EXPLAIN of the statement the app sends, compacted to what says whether an index is used. */
async function explain(sandbox: Sandbox, statement: CompiledQuery): Promise<Array<Record<string, unknown>>> {
  const { socketPath, database } = await sandbox.sql.connectionInfo();
  const connection = await mysql.createConnection({ socketPath, user: 'root', database });
  try {
    const [rows] = await connection.query(`EXPLAIN ${statement.sql}`, statement.parameters as unknown[]);
    return (rows as Array<Record<string, unknown>>).map(({ id, select_type, table, type, key, rows: estimated, Extra }) => ({
      id,
      select_type,
      table,
      type,
      key,
      rows: estimated,
      Extra,
    }));
  } finally {
    await connection.end();
  }
}

const inboxQueryFor = (data: DataSet, now: number): InboxQuery => ({
  state: 'new',
  category: data.category,
  customer: data.customer,
  receivedSince: now - 30 * DAY_MS,
  sort: 'evidence',
  limit: 25,
});

/** The intake's signed POST, as the CRM sends it. */
const intakeRequest = (secret: string, externalId: string) =>
  signedIntakeRequest(secret, {
    externalId,
    source: 'crm',
    customer: 'Brightwater Logistics',
    text: 'Finance cannot split one invoice across two cost centres; they export to spreadsheets every month',
    raisedBy: { name: 'Marcus Bell' },
    arr: 184_000,
  });

/**
 * Waits for the queued outbox effects, at most SETTLE_LIMIT_MS: an effect that never finishes is reported as a
 * warning line rather than stalling the whole bench.
 */
const SETTLE_LIMIT_MS = 15_000;
async function settleEvents(sandbox: Sandbox, report: BenchContext['report']): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), SETTLE_LIMIT_MS);
  });
  const outcome = await Promise.race([sandbox.events.settle().then(() => 'settled' as const), limit]);
  clearTimeout(timer);
  if (outcome === 'timed out') {
    report({ operation: 'signals.store one', warning: `queued outbox effects not settled within ${SETTLE_LIMIT_MS} ms` }, `warning: queued outbox effects not settled within ${SETTLE_LIMIT_MS} ms`);
  }
}

export async function run({ sandbox, options, report }: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  // signals.store one: the real webtrigger, a new externalId each time (a repeat would be the duplicate path).
  const rotated = (await sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.rotateIntakeSecret', {})) as {
    data: { secret: string };
  };
  let delivery = 0;
  const deliver = () => {
    delivery += 1;
    return sandbox.webtrigger('signal-intake', intakeRequest(rotated.data.secret, `bench-${Date.now()}-${delivery}`) as never);
  };
  // The intake records outbox effects (term indexing) that the events queue runs after the answer; waiting for
  // them inside the operation keeps each delivery's statements in its own measurement.
  let lastSignalId = '';
  results.push(
    await measure(
      sandbox,
      'signals.store one',
      async () => {
        const response = await deliver();
        lastSignalId = (JSON.parse(response.body ?? '{}') as { id?: string }).id ?? '';
        await settleEvents(sandbox, report);
        return { ok: response.statusCode === 202, status: response.statusCode, body: response.body };
      },
      options,
    ),
  );
  // The effect alone, as the consumer performs it (idempotent, so running it again on one signal is realistic).
  results.push(await measure(sandbox, 'signals.index terms (outbox effect)', () => sandbox.asApp(() => indexSignalTerms(lastSignalId)), { ...options, check: undefined }));
  // What the sender waits for: the webtrigger alone, before the queued effects run.
  sandbox.setLatency(options.latencyMs);
  sandbox.clearLogs();
  const answeredStarted = performance.now();
  await deliver();
  const answeredMs = Math.round(performance.now() - answeredStarted);
  const answered = {
    sqlStatements: sandbox.sqlLink.log.length,
    storageCalls: sandbox.storageLink.log.length,
    roundTripDepth: sequentialDepth([...sandbox.jiraLink.log, ...sandbox.storageLink.log, ...sandbox.sqlLink.log]),
  };
  await settleEvents(sandbox, report);
  sandbox.setLatency(0);
  report(
    { operation: 'signals.store one (until the webtrigger answers)', latencyMs: options.latencyMs, ...answered, ms: answeredMs },
    `signals.store one until the webtrigger answers: ${answered.sqlStatements} SQL statements, ${answered.storageCalls} storage calls, depth ${answered.roundTripDepth}, ${answeredMs} ms`,
  );

  const inbox: Record<string, BenchResult> = {};
  const tabs: Record<string, BenchResult> = {};
  const clustering: Record<string, ClusterBench> = {};
  {
    // signals.cluster 10k: its own data set (the Inbox's sizes are 1k and 100k).
    const own = new Sandbox({ sql: { enabled: true } });
    try {
      const data = await load(own, 10_000, Date.now());
      clustering['10k'] = await benchClustering(own, data, '10k', report);
    } finally {
      await own.close();
      sandbox.activate();
    }
  }
  for (const size of [1_000, 100_000]) {
    const label = size === 1_000 ? '1k' : '100k';
    const own = new Sandbox({ sql: { enabled: true } });
    try {
      const now = Date.now();
      const data = await load(own, size, now);
      const query = inboxQueryFor(data, now);
      const page = await own.asApp(() => inboxPage(query));
      report(
        { operation: `signals.load ${label}`, signals: data.signals, clusters: data.clusters, loadMs: data.loadMs, inboxFirstPageClusters: page.clusters.length },
        `signals.load ${label}: ${data.signals} signals, ${data.clusters} clusters in ${data.loadMs} ms; the Inbox's first page has ${page.clusters.length} clusters`,
      );
      inbox[label] = await measure(own, `signals.inbox ${label}`, () => own.asApp(() => inboxPage(query)), { ...options, check: undefined });
      results.push(inbox[label]);
      // The whole first page of a triage tab as the resolver reads it: the page, the tab counts, the last change
      // and the parking thresholds, then the page's decisions and 8-week trends (Jira's access check runs beside it).
      const firstPage = { projectKey: 'PAY', state: 'new' as const, sort: 'evidence' as const, pageSize: 50 };
      tabs[label] = await measure(own, `signals.inbox tab first page ${label}`, () => own.asApp(() => tabReads(firstPage, SEED_USERS.productLead, now)), { ...options, check: undefined });
      results.push(tabs[label]);
      const inboxPlan = await explain(own, inboxStatement(query));
      report({ operation: `signals.inbox ${label} EXPLAIN`, plan: inboxPlan }, `signals.inbox ${label} EXPLAIN ${JSON.stringify(inboxPlan)}`);

      if (size === 100_000) {
        const terms: WeightedTerm[] = termsOf(data.similarText);
        const similar = await own.asApp(() => similarClusters(terms));
        report(
          { operation: 'signals.similar 100k top', top: similar.slice(0, 3) },
          `signals.similar 100k: top ${JSON.stringify(similar.slice(0, 3))}`,
        );
        results.push(await measure(own, 'signals.similar 100k', () => own.asApp(() => similarClusters(terms)), { ...options, check: undefined }));
        const similarPlan = await explain(own, similarClustersStatement(terms));
        report({ operation: 'signals.similar 100k EXPLAIN', plan: similarPlan }, `signals.similar 100k EXPLAIN ${JSON.stringify(similarPlan)}`);
        clustering['100k'] = await benchClustering(own, data, '100k', report);
        const candidatesPlan = await explain(own, clusterCandidatesStatement(terms, 'signal-bench-explain'));
        report({ operation: 'signals.cluster candidates 100k EXPLAIN', plan: candidatesPlan }, `signals.cluster candidates 100k EXPLAIN ${JSON.stringify(candidatesPlan)}`);
      }
    } finally {
      await own.close();
      // The shared sandbox owns the Forge globals for the suites that run after this one.
      sandbox.activate();
    }
  }
  const ratio = Math.round((inbox['100k'].p50Ms / Math.max(1, inbox['1k'].p50Ms)) * 100) / 100;
  report(
    { operation: 'signals.inbox 100k vs 1k', p50Ratio: ratio, goal: '≤ 2' },
    `signals.inbox 100k vs 1k: p50 ratio ${ratio} (goal ≤ 2)`,
  );
  const tabRatio = Math.round((tabs['100k'].p50Ms / Math.max(1, tabs['1k'].p50Ms)) * 100) / 100;
  report(
    { operation: 'signals.inbox tab first page 100k vs 1k', p50Ratio: tabRatio, roundTrips: [tabs['1k'].roundTripDepth, tabs['100k'].roundTripDepth], goal: '≤ 2 round trips, flat' },
    `signals.inbox tab first page 100k vs 1k: p50 ratio ${tabRatio}, round trips ${tabs['1k'].roundTripDepth} → ${tabs['100k'].roundTripDepth} (goal ≤ 2, flat)`,
  );
  if (clustering['10k'] && clustering['100k']) {
    const flat = Math.round((clustering['100k'].decisionP50Ms / Math.max(0.001, clustering['10k'].decisionP50Ms)) * 100) / 100;
    report(
      { operation: 'signals.cluster 100k vs 10k', decisionP50Ratio: flat, goal: 'flat (≈ 1)' },
      `signals.cluster 100k vs 10k: decision CPU p50 ratio ${flat} (goal: flat)`,
    );
  }
  await benchIntakeUnderFaults(sandbox, rotated.data.secret, report);
  await benchRouting(sandbox, report);
  return results;
}

interface ClusterBench {
  decisionP50Ms: number;
  decisionP95Ms: number;
  decisionMaxMs: number;
  statementsPerProcessing: number;
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * signals.cluster <size>: new signals (half in the words of an existing cluster, half about something new)
 * stored straight into the loaded data set and clustered by the outbox effect itself (`clusterSignal`). The CPU
 * time is the pure decision only — features, category, scoring and assignment, measured inside clusterSignal
 * around the domain calls (`clusteringCpu`), SQL round trips excluded; the statements are the effect's own (the
 * consumer adds three of the outbox's: read, claim, done).
 */
async function benchClustering(own: Sandbox, data: DataSet, label: string, report: BenchContext['report']): Promise<ClusterBench> {
  const NEW_SIGNALS = 100;
  const random = new SeededRandom(4242);
  const signals = Array.from({ length: NEW_SIGNALS }, (_, i) => {
    const theme = data.themes[i % data.themes.length];
    const text =
      i % 2 === 0
        ? `Our ${random.shuffle(theme).slice(0, 5).join(' and ')} keep failing for the finance people`
        : `Novel request ${i}: the ${label}novel${i}a and ${label}novel${i}b should export to csv for quarterly reconciliation`;
    return { externalId: `bench-cluster-${label}-${i}`, source: 'crm' as const, state: 'new' as const, receivedAt: Math.floor(Date.now() / 1000), customer: `Bench customer ${i % 9}`, text, raisedByName: 'Sam Seller' };
  });
  await own.asApp(() => insertSignals(signals));
  // Warm-up: the concept list read (KVS, cached per process), the concept list's and the category cues' compiled
  // patterns, and the JIT, outside the measurement.
  await own.asApp(() => clusterSignal(signalKey('crm', signals[0].externalId)));
  for (let round = 0; round < 5; round += 1) for (const signal of signals) featuresOf(signal.text, DEFAULT_CONCEPTS, signal.customer);
  const decisions: number[] = [];
  const wall: number[] = [];
  const statements: number[] = [];
  const outcomes: Record<string, number> = {};
  for (const signal of signals.slice(1)) {
    own.clearLogs();
    const started = performance.now();
    const outcome = await own.asApp(() => clusterSignal(signalKey('crm', signal.externalId)));
    wall.push(performance.now() - started);
    statements.push(own.sqlLink.log.length);
    outcomes[outcome.outcome] = (outcomes[outcome.outcome] ?? 0) + 1;
    if ('decisionMs' in outcome) decisions.push(outcome.decisionMs);
  }
  // The same pure decision, CPU-timed by the process (user + system), over the same texts, as a cross-check.
  const cpuStart = process.cpuUsage();
  for (const signal of signals) featuresOf(signal.text, DEFAULT_CONCEPTS, signal.customer);
  const cpu = process.cpuUsage(cpuStart);
  const featuresCpuMs = (cpu.user + cpu.system) / 1000 / signals.length;
  const result: ClusterBench = {
    decisionP50Ms: round2(pct(decisions, 50)),
    decisionP95Ms: round2(pct(decisions, 95)),
    decisionMaxMs: round2(Math.max(...decisions)),
    statementsPerProcessing: Math.max(...statements),
  };
  report(
    {
      operation: `signals.cluster ${label}`,
      signals: data.signals,
      newSignals: decisions.length,
      outcomes,
      // The issue names this field p50Ms: the clustering decision's CPU time per new signal.
      p50Ms: result.decisionP50Ms,
      p95Ms: result.decisionP95Ms,
      decisionCpuMaxMs: result.decisionMaxMs,
      featuresProcessCpuMs: round2(featuresCpuMs),
      goalMs: 5,
      sqlStatementsPerProcessing: result.statementsPerProcessing,
      sqlStatementsPerProcessingWithOutbox: result.statementsPerProcessing + 3,
      wallP50Ms: round2(pct(wall, 50)),
      wallP95Ms: round2(pct(wall, 95)),
    },
    `signals.cluster ${label}: decision CPU p50 ${result.decisionP50Ms} ms, p95 ${result.decisionP95Ms} ms, max ${result.decisionMaxMs} ms (goal ≤ 5 ms; features and category alone by process.cpuUsage ${round2(featuresCpuMs)} ms); ` +
      `${result.statementsPerProcessing} SQL statements per processing (+3 outbox bookkeeping in the consumer); wall p50 ${round2(pct(wall, 50))} ms, p95 ${round2(pct(wall, 95))} ms; ${JSON.stringify(outcomes)}`,
  );
  return result;
}

/**
 * signals.intake under queue faults: signals through the signed webtrigger while 20 % of deliveries fail (and
 * some are delivered twice, and some pushes fail), then the sweeper until nothing is pending. Reports the
 * intake's rate and the end-to-end rate (every signal stored and clustered), and checks exactly once: one row per
 * externalId, each clustered, every outbox row done, every started cluster made by exactly one signal.
 */
async function benchIntakeUnderFaults(sandbox: Sandbox, secret: string, report: BenchContext['report']): Promise<void> {
  const SIGNALS = 200;
  const TOPICS = 10;
  const realNow = clock.now;
  const realSleep = storageRetryPolicy.sleep;
  let offset = 0;
  clock.now = () => new Date(Date.now() + offset);
  storageRetryPolicy.sleep = async () => undefined;
  const run = `faults-${Date.now()}`;
  sandbox.events.configure({ failureRate: 0.2, duplicateRate: 0.1, pushFailureRate: 0.05, seed: 99 });
  const warn = console.warn;
  console.warn = () => undefined;
  const statementsBefore = sandbox.sqlLink.log.length;
  sandbox.setLatency(0);
  try {
    const started = performance.now();
    const ids: string[] = [];
    // The fewest statements any one intake request saw: the consumer runs alongside, so most requests' windows
    // also hold some of its statements; the quiet ones are the intake's own.
    let intakeStatements = Number.POSITIVE_INFINITY;
    for (let n = 0; n < SIGNALS; n += 1) {
      const t = n % TOPICS;
      const body = {
        externalId: `${run}-${n}`,
        source: 'crm',
        customer: `Throughput customer ${n % 13}`,
        text: `Topic${t}alpha topic${t}beta topic${t}gamma and topic${t}delta break at site ${n}`,
        raisedBy: { name: 'Sam Seller' },
      };
      const before = sandbox.sqlLink.log.length;
      const res = await sandbox.webtrigger('signal-intake', signedIntakeRequest(secret, body, Math.floor((Date.now() + offset) / 1000)) as never);
      intakeStatements = Math.min(intakeStatements, sandbox.sqlLink.log.length - before);
      ids.push((JSON.parse(res.body ?? '{}') as { id: string }).id);
    }
    const intakeMs = performance.now() - started;
    let sweeps = 0;
    for (;;) {
      await sandbox.events.settle();
      const pending = await sandbox.asApp(() =>
        selectRows(db.selectFrom('outbox').select('id').where('state', '=', 'pending').where('id', 'in', ids.map((id) => `cluster-signal:${id}`)).compile()),
      );
      if (pending.length === 0 || sweeps >= 40) break;
      offset += 16 * 60_000;
      await sandbox.runScheduledTrigger('sweeper');
      sweeps += 1;
    }
    const totalMs = performance.now() - started;
    const rows = await sandbox.asApp(() =>
      selectRows(db.selectFrom('signal').select(['id', 'external_id', 'cluster_id', 'cluster_reason']).where('external_id', 'like', `${run}-%`).compile()),
    );
    const outbox = await sandbox.asApp(() => selectRows(db.selectFrom('outbox').select(['state']).where('id', 'in', ids.map((id) => `cluster-signal:${id}`)).compile()));
    const clustered = rows.filter((r) => r.cluster_id !== null).length;
    const starters = rows.filter((r) => r.cluster_reason !== null && (JSON.parse(r.cluster_reason) as { how: string }).how === 'started');
    const clusters = new Set(rows.map((r) => r.cluster_id));
    const exactlyOnce =
      rows.length === SIGNALS &&
      new Set(rows.map((r) => r.external_id)).size === SIGNALS &&
      clustered === SIGNALS &&
      outbox.length === SIGNALS &&
      outbox.every((r) => r.state === 'done') &&
      starters.length === clusters.size;
    report(
      {
        operation: 'signals.intake under 20 % queue failures',
        signals: SIGNALS,
        intakePerSecond: round2(SIGNALS / (intakeMs / 1000)),
        storedAndClusteredPerSecond: round2(SIGNALS / (totalMs / 1000)),
        sweeps,
        sqlStatementsPerIntake: intakeStatements,
        sqlStatementsTotal: sandbox.sqlLink.log.length - statementsBefore,
        clusters: clusters.size,
        topics: TOPICS,
        exactlyOnce,
        queue: sandbox.events.stats,
      },
      `signals.intake under 20 % queue failures: ${SIGNALS} signals, intake ${round2(SIGNALS / (intakeMs / 1000))}/s, stored and clustered ${round2(SIGNALS / (totalMs / 1000))}/s ` +
        `(${sweeps} sweeps); ${intakeStatements} SQL statements per intake; ${clusters.size} clusters for ${TOPICS} topics; exactly once: ${exactlyOnce}`,
    );
  } finally {
    console.warn = warn;
    clock.now = realNow;
    storageRetryPolicy.sleep = realSleep;
    sandbox.events.configure({ failureRate: 0, duplicateRate: 0, pushFailureRate: 0 });
  }
}
