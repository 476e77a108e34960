/**
 * Fuzz: the signal Inbox's keys (`signals.*`), 10,000 payloads each (resolver-fuzz.ts's generator: arbitrary JSON
 * and near-valid variants of real inputs built from the seed), called by every persona — the product lead and
 * the Jira admin (who may change clusters), the engineer and the sales rep (who may only read), the contractor
 * (who cannot browse OPS). Every answer is an envelope, never `internal`, and a refused call wrote nothing: no
 * Jira write, no KVS write (writesIn), and the Forge SQL tables checksum the same after it as before.
 *
 * Change keys' valid inputs name the clusters as they are at the moment of the call (placeholders resolved just
 * before it), so they keep reaching the write path after the changes before them.
 *
 * Checksumming every call would double the run time, so a refused call is checked when it sent any SQL request
 * at all (one that sent none cannot have written there), against a checksum taken after the last accepted call
 * and its queued work settled.
 */
import type mysql from 'mysql2/promise';
import type { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { contract, type ResolverKey } from '../../src/contract';
import { closeSeededSandbox, fuzzKeyAgainstTables, openSeededSandbox, tablesChecksum } from './resolver-fuzz';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let database: mysql.Connection;

const TABLES = ['signal', 'cluster', 'signal_term', 'cluster_term', 'cluster_change', 'not_same', 'routing_decision', 'outbox'];

/** What the SQL tables hold, as one string (CHECKSUM TABLE reads every row). */
const sqlChecksum = (): Promise<string> => tablesChecksum(database, TABLES);

type Json = Record<string, unknown>;
let valid: Record<string, Json[]> = {};

/**
 * Placeholders in a valid input that stand for the data as it is at the moment of the call: the two strongest
 * open clusters at their current versions and a signal in the first, so a change's valid input stays valid
 * after the changes before it (fixed samples go stale after their first success, and are kept too: a stale
 * version is the conflict path).
 */
const LIVE = {
  from: '§from',
  fromVersion: '§from-version',
  to: '§to',
  toVersion: '§to-version',
  signal: '§signal',
  signalVersion: '§signal-version',
  failedRoute: '§failed-route',
} as const;

/**
 * A routed cluster whose Jira side failed for good, for `signals.retryRoute`: written here (test set-up, before
 * the call's SQL baseline is taken) with a fresh decision id each time, so every valid retry has one to retry
 * whatever the keys before it left behind.
 */
let failedRoutes = 0;
async function failedRouteCluster(): Promise<string> {
  failedRoutes += 1;
  const now = Date.now();
  await database.query(
    "INSERT IGNORE INTO `cluster` (id, title, state, first_seen_at, last_seen_at, updated_at) VALUES ('cluster-fuzz-retry', 'Retried', 'routed', ?, ?, ?)",
    [now, now, now],
  );
  await database.query(
    "INSERT INTO `routing_decision` (cluster_id, route, rationale, decided_by, decided_at, version, decision_id, cluster_version, jira_state, jira_error, target_project_key, into_next_sprint) VALUES ('cluster-fuzz-retry', 'quick-fix', 'Fix it.', ?, ?, 1, ?, 1, 'failed', 'Jira refused it.', 'PAY', 0) ON DUPLICATE KEY UPDATE decision_id = VALUES(decision_id), jira_state = 'failed', jira_effect_id = NULL, issue_key = NULL",
    [SEED_USERS.productLead, now, `decision-fuzz-${failedRoutes}`],
  );
  return 'cluster-fuzz-retry';
}

async function liveValues(): Promise<Record<string, string | number>> {
  const [clusterRows] = await database.query(
    "SELECT id, version FROM `cluster` WHERE state IN ('new', 'triaged') AND signal_count > 0 ORDER BY evidence_score DESC, id LIMIT 2",
  );
  const [from, to] = clusterRows as Array<{ id: string; version: number }>;
  const [signalRows] = await database.query('SELECT id, version FROM `signal` WHERE cluster_id = ? ORDER BY id LIMIT 1', [from?.id ?? '']);
  const [signal] = signalRows as Array<{ id: string; version: number }>;
  return {
    [LIVE.from]: from?.id ?? 'cluster-none',
    [LIVE.fromVersion]: Number(from?.version ?? 0),
    [LIVE.to]: to?.id ?? 'cluster-none',
    [LIVE.toVersion]: Number(to?.version ?? 0),
    [LIVE.signal]: signal?.id ?? 'signal-none',
    [LIVE.signalVersion]: Number(signal?.version ?? 0),
    [LIVE.failedRoute]: await failedRouteCluster(),
  };
}

beforeAll(async () => {
  ({ sandbox, database } = await openSeededSandbox(today));
}, 180_000);
afterAll(() => closeSeededSandbox({ sandbox, database }));
/** Valid inputs from the data as it is when each key's run starts (the keys before it changed versions). */
beforeEach(async () => {
  const [clusterRows] = await database.query(
    "SELECT id, version FROM `cluster` WHERE state IN ('new', 'triaged') AND signal_count > 0 ORDER BY evidence_score DESC, id LIMIT 4",
  );
  // signals.route (run late) parks, declines and routes open clusters: past it, fewer than four may be left, and
  // the keys after it fall back to ids that do not exist.
  const none = { clusterId: 'cluster-none', version: 0 };
  const open = (clusterRows as Array<{ id: string; version: number }>).map((r) => ({ clusterId: r.id, version: Number(r.version) }));
  const [c1, c2, c3, c4] = [0, 1, 2, 3].map((i) => open[i] ?? none) as [typeof none, typeof none, typeof none, typeof none];
  const [signalRows] = await database.query('SELECT id, version FROM `signal` WHERE cluster_id IN (?, ?) ORDER BY id', [c1.clusterId, c2.clusterId]);
  const [s1, s2] = [0, 1].map((i) => (signalRows as Array<{ id: string; version: number }>)[i] ?? { id: 'signal-none', version: 0 });
  const [inC1] = [((await database.query('SELECT id FROM `signal` WHERE cluster_id = ? ORDER BY id', [c1.clusterId]))[0] as Array<{ id: string }>)[0] ?? { id: 'signal-none' }];
  valid = {
    'signals.inbox': [
      { projectKey: 'PAY' },
      { projectKey: 'OPS', state: 'routed', sort: 'recent', pageSize: 5 },
      { projectKey: 'INV', category: 'request', customer: 'Brightwater Logistics' },
      { projectKey: 'PAY', state: 'parked', sort: 'arr', source: 'slack', age: '30d', text: 'payout' },
      { projectKey: 'PAY', state: 'declined', sort: 'count', text: '100%_\\' },
    ],
    'signals.cluster': [{ projectKey: 'PAY', clusterId: c1.clusterId }, { projectKey: 'OPS', clusterId: c2.clusterId }],
    'signals.move': [
      { projectKey: 'PAY', signalIds: [LIVE.signal], from: { clusterId: LIVE.from, version: LIVE.fromVersion }, to: { clusterId: LIVE.to, version: LIVE.toVersion } },
      { projectKey: 'PAY', signalIds: [LIVE.signal], from: { clusterId: LIVE.from, version: LIVE.fromVersion }, to: { new: true } },
      { projectKey: 'PAY', signalIds: [inC1.id], from: c1, to: c2 },
      { projectKey: 'PAY', signalIds: [inC1.id], from: c1, to: { new: true, title: 'Split out' }, notSame: true },
    ],
    'signals.merge': [
      { projectKey: 'PAY', from: { clusterId: LIVE.to, version: LIVE.toVersion }, into: { clusterId: LIVE.from, version: LIVE.fromVersion } },
      { projectKey: 'PAY', from: c3, into: c4 },
      { projectKey: 'INV', from: c2, into: c1 },
    ],
    'signals.undo': [{ projectKey: 'PAY' }, { projectKey: 'PAY', changeId: 'change-00000000-0000-4000-8000-000000000000' }],
    'signals.notSame': [{ projectKey: 'PAY', clusterId: c1.clusterId, otherClusterId: c3.clusterId }],
    'signals.setCategory': [
      { projectKey: 'PAY', signalId: LIVE.signal, category: 'request', version: LIVE.signalVersion },
      { projectKey: 'PAY', signalId: s1.id, category: 'bug', version: Number(s1.version) },
      { projectKey: 'OPS', signalId: s2.id, category: 'confusion', version: Number(s2.version) },
    ],
    'signals.renameCluster': [
      { projectKey: 'PAY', clusterId: LIVE.from, version: LIVE.fromVersion, title: 'Same-day payouts' },
      { projectKey: 'PAY', clusterId: c1.clusterId, version: c1.version, title: 'Same-day payouts' },
    ],
    'signals.customers': [{ projectKey: 'PAY', query: 'North' }, { projectKey: 'OPS' }],
    'signals.share': [
      { projectKey: 'PAY', submissionId: '0b9d3c52-8c1f-4f5e-9a47-3b1f0f6f2c11', customer: 'Brightwater Logistics', text: 'Drivers want to be paid the same day.', arr: 184000 },
      { projectKey: 'OPS', submissionId: '7e1f8a20-5b6c-4d3e-8f9a-0c1d2e3f4a5b', customer: 'Tidewater', text: 'Statements by email.', tryingTo: 'Close the month', link: 'https://crm.example.com/n/1' },
    ],
    'signals.importCsv': [
      { projectKey: 'PAY', fileName: 'feedback.csv', rows: [{ rowNumber: 2, customer: 'Tidewater', text: 'Export to Excel, please.' }, { rowNumber: 3, customer: '', text: 'x' }] },
    ],
    'signals.route': [
      { projectKey: 'PAY', targets: [{ clusterId: LIVE.from, version: LIVE.fromVersion }], route: 'quick-fix', rationale: 'Small fix, next sprint.', quickFix: { projectKey: 'PAY', intoNextSprint: true } },
      { projectKey: 'PAY', targets: [{ clusterId: LIVE.from, version: LIVE.fromVersion }], route: 'parking-lot', rationale: 'Real, but later.' },
      { projectKey: 'PAY', targets: [{ clusterId: LIVE.to, version: LIVE.toVersion }, { clusterId: LIVE.from, version: LIVE.fromVersion }], route: 'declined', rationale: 'Out of scope.' },
      { projectKey: 'PAY', targets: [{ clusterId: LIVE.to, version: LIVE.toVersion }], route: 'roadmap', rationale: 'Planned.', roadmap: { create: { projectKey: 'PAY', summary: 'Same-day payouts' } } },
      { projectKey: 'PAY', targets: [{ clusterId: LIVE.to, version: LIVE.toVersion }], route: 'duplicate', rationale: 'Same need.', duplicateOf: { clusterId: LIVE.from, version: LIVE.fromVersion } },
      { projectKey: 'PAY', targets: [c3], route: 'declined', rationale: 'Stale version: conflict.' },
      { projectKey: 'PAY', targets: [{ clusterId: LIVE.from, version: LIVE.fromVersion, signalId: LIVE.signal }], route: 'parking-lot', rationale: 'This one signal, later.' },
    ],
    'signals.retryRoute': [{ projectKey: 'PAY', clusterId: LIVE.failedRoute }, { projectKey: 'PAY', clusterId: c1.clusterId }],
    'signals.routeProjects': [{ projectKey: 'PAY' }, { projectKey: 'OPS' }],
    'signals.epics': [
      { projectKey: 'PAY', inProject: 'PAY', query: '' },
      { projectKey: 'PAY', inProject: 'INV', query: 'payout "quoted" \\' },
      { projectKey: 'PAY', inProject: 'PAY', query: 'PAY-1' },
    ],
  };
});

/** Who calls: both who may triage, both who may only read, and the contractor who cannot browse OPS. */
const people = [SEED_USERS.productLead, SEED_USERS.admin, SEED_USERS.engineer, SEED_USERS.sales, SEED_USERS.restricted];

const SIGNALS_KEYS = Object.keys(contract).filter((key) => key.startsWith('signals.')) as ResolverKey[];

// Resolving placeholders may set data up (a failed Jira side to retry): the baseline is taken again after it.
// An accepted call may queue work (clustering a shared signal) that writes too: it finishes before the next baseline.
const fuzzSignalsKey = (key: ResolverKey) =>
  fuzzKeyAgainstTables(sandbox, key, {
    valid: valid[key]!,
    callers: people,
    moduleKey: 'triage-queue',
    live: async () => ({ values: await liveValues(), wrote: true }),
    checksum: sqlChecksum,
    afterAccepted: () => sandbox.events.settle(),
    tablesName: 'SQL tables',
  });

it('covers every signals.* key of the contract', () => {
  expect(SIGNALS_KEYS.sort()).toEqual(Object.keys(valid).sort());
});

it.each(Object.keys(contract).filter((key) => key.startsWith('signals.')))(
  '%s: 10,000 payloads, always an envelope, never internal, refused inputs write nothing to Jira, KVS or SQL',
  async (key) => {
    const started = Date.now();
    const { accepted, rejected, sqlChecked } = await fuzzSignalsKey(key as ResolverKey);
    if (process.env.FUZZ_REPORT) console.log(`${key}: ${accepted} accepted, ${rejected} refused (${sqlChecked} SQL-checked) in ${Date.now() - started} ms`);
    // Both halves must happen: a key that refused every input would pass every check here while fuzzing nothing.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  },
  300_000,
);
