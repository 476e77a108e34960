/**
 * Every resolver through the real handler while the cloud misbehaves: a seeded 20 % of storage requests and
 * 20 % of Jira requests answer 429, 500 or 503. Whatever a call answers, it is never `internal`: a fault
 * that outlasts the retries reaches the person as `rate-limited`, `storage-unavailable` or `jira-unavailable`
 * with when to try again, and most calls still succeed because the retries absorb the rest.
 */
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { Sandbox } from '../sandbox/sandbox';
import { BOARD_IDS, SEED_USERS } from '../sandbox/seed';
import { seedAppData, seededSignalId } from '../sandbox/seed/app-data';
import type { Fault } from '../sandbox/instrument';
import type { JiraIssue } from '../sandbox/jira/model';
import { RESOLVER_KEYS, type ResolverKey } from '../../src/contract';
import { retryPolicy } from '../../src/jira/client';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { as } from './work-type-helpers';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;

/** The three answers a fault may turn into; anything else from a read under faults is a bug. */
const FAULT_CODES = ['rate-limited', 'storage-unavailable', 'jira-unavailable'] as const;
const STORAGE_FAULTS: Fault = { status: [429, 500, 503], rate: 0.2, times: Infinity, seed: 20261126 };
const JIRA_FAULTS: Fault = { status: [429, 500, 503], rate: 0.2, retryAfterSeconds: 1, times: Infinity, seed: 4711 };
/** Forge SQL is a storage of its own, on its own link: the signal Inbox lives there. */
const SQL_FAULTS: Fault = { status: [429, 500, 503], rate: 0.2, times: Infinity, seed: 1126 };

interface Call {
  key: ResolverKey;
  context: ReturnType<typeof as>;
  /** A payload, or how to build it just before the call (a change naming the versions as they are by then). */
  payload: unknown;
  lazyPayload?: () => Promise<unknown>;
}

interface Tally {
  calls: number;
  ok: number;
  /** Failures by error code. */
  codes: Record<string, number>;
}

type Answer = { ok: true } | { ok: false; error: { code: string; message: string; retryAfterSeconds?: number } };

/** What `define.ts` logged for each `internal` answer: its first line and the top of its stack. */
let internalLogs: string[] = [];

/**
 * The seed's SQL read beside the app (a root connection to the sandbox's database), so building a change's
 * payload is never itself hit by the faults the test injects.
 */
let database: mysql.Connection;
let seedClusterIds: string[] = [];

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  // Retries wait for nothing here: the test is about what the answers are, not how long they take.
  retryPolicy.sleep = async () => undefined;
  storageRetryPolicy.sleep = async () => undefined;
  await seedAppData(sandbox, today);
  const { socketPath, database: name } = await sandbox.sql.connectionInfo();
  database = await mysql.createConnection({ socketPath, user: 'root', database: name });
  seedClusterIds = (await openClusters()).map((c) => c.id);
}, 120_000);
afterAll(async () => {
  await database.end();
  await sandbox.close();
});
beforeEach(() => {
  sandbox.jiraLink.clearFaults();
  sandbox.storageLink.clearFaults();
  sandbox.sqlLink.clearFaults();
  internalLogs = [];
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const error = args.find((a): a is Error => a instanceof Error);
    const line = `${String(args[0]).replace(/reference \w+/, 'reference …')} ${error?.stack?.split('\n').slice(0, 4).join(' | ') ?? ''}`;
    // One line per distinct failure, so a failing assertion reads as a list of causes.
    if (!internalLogs.includes(line)) internalLogs.push(line);
  });
  // Stored records that do not parse are warned about elsewhere; none are expected here.
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const site = () => sandbox.jira.site;
const issuesIn = (projectKey: string): JiraIssue[] => {
  const id = site().projects.find((p) => p.key === projectKey)!.id;
  const subtaskTypes = new Set(site().issueTypes.filter((t) => t.subtask).map((t) => t.id));
  return site().issues.filter((i) => i.projectId === id && !subtaskTypes.has(i.issueTypeId));
};
const withOrigin = (): JiraIssue[] => site().issues.filter((i) => i.properties['upstream-origin'] !== undefined);
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];

/** Open clusters with signals, strongest first, as they are now. */
async function openClusters(): Promise<Array<{ id: string; version: number }>> {
  const [rows] = await database.query(
    "SELECT id, version FROM `cluster` WHERE state IN ('new', 'triaged') AND signal_count > 0 ORDER BY evidence_score DESC, id",
  );
  return (rows as Array<{ id: string; version: number }>).map((r) => ({ id: r.id, version: Number(r.version) }));
}
const clusterNow = async (id: string) => {
  const [rows] = await database.query('SELECT version FROM `cluster` WHERE id = ?', [id]);
  return { clusterId: id, version: Number((rows as Array<{ version: number }>)[0]?.version ?? 0) };
};
async function signalIn(clusterId: string): Promise<{ id: string; version: number } | undefined> {
  const [rows] = await database.query('SELECT id, version FROM `signal` WHERE cluster_id = ? ORDER BY id LIMIT 1', [clusterId]);
  const row = (rows as Array<{ id: string; version: number }>)[0];
  return row ? { id: row.id, version: Number(row.version) } : undefined;
}
/** The seeded note the discovery writes change: its version and status, and one of its open questions. */
async function discoveryNoteNow(): Promise<{ version: number; status: string; openQuestion: string }> {
  const [notes] = await database.query('SELECT version, status FROM `discovery_note` WHERE id = ?', ['note-payment-plans']);
  const note = (notes as Array<{ version: number; status: string }>)[0];
  const [questions] = await database.query(
    "SELECT id FROM `engineering_input` WHERE note_id = ? AND kind = 'question' AND resolved_at IS NULL ORDER BY created_at, id LIMIT 1",
    ['note-payment-plans'],
  );
  return { version: Number(note?.version ?? 1), status: note?.status ?? 'exploring', openQuestion: (questions as Array<{ id: string }>)[0]?.id ?? 'input-none' };
}
/** The concept list's `updatedAt` as the settings page would have loaded it (asked until an answer comes back). */
async function conceptsUpdatedAt(): Promise<string | null> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const answer = (await sandbox.invoke(admin(), 'settings.concepts.get', {})) as { ok: boolean; data?: { updatedAt: string | null } };
    if (answer.ok && answer.data) return answer.data.updatedAt;
  }
  return null;
}

const engineer = (moduleKey = 'context-panel') => as(SEED_USERS.engineer, moduleKey);
/** The product lead administers PAY: the one who may change clusters. */
const lead = () => as(SEED_USERS.productLead, 'triage-queue');
const admin = () => as(SEED_USERS.admin, 'settings');
const gadget = () => as(SEED_USERS.engineer, 'sprint-shape');
const gadgetConfig = (boardId: number) => ({
  boardId,
  sprint: { kind: 'active' as const },
  target: { Innovative: 50, Corrective: 25, Enabling: 25 },
  measure: 'estimate' as const,
  driftThreshold: 10,
});

/**
 * The n-th valid input for each key the contract has, built from the seed. Reads are the point; writes are
 * included so that their fault paths are covered too, each one a write that is valid whatever came before
 * it (setting a value, linking a signal that may already be linked, rotating a secret).
 */
const READS: Partial<Record<ResolverKey, (n: number) => Call>> = {
  'viewer.get': () => ({ key: 'viewer.get', context: engineer(), payload: {} }),
  'panel.context': (n) => ({
    key: 'panel.context',
    context: engineer(),
    // Every other call an issue with a seeded origin, so signal and note reads are on the path.
    payload: { issueKey: n % 2 === 0 ? pick(withOrigin(), n).key : pick(issuesIn(n % 3 === 0 ? 'INV' : 'PAY'), n).key },
  }),
  'workType.get': (n) => ({ key: 'workType.get', context: as(SEED_USERS.engineer, 'work-type'), payload: { issueKey: pick(issuesIn('PAY'), n).key } }),
  'origin.candidates': (n) => ({
    key: 'origin.candidates',
    context: engineer(),
    payload: { issueKey: pick(issuesIn('INV'), n).key, query: pick(['', 'invoice', 'payout', 'refund webhook'], n) },
  }),
  'triage.overview': (n) => ({ key: 'triage.overview', context: engineer('triage-queue'), payload: { projectKey: pick(['PAY', 'INV'], n) } }),
  'triage.unclassified': (n) => ({
    key: 'triage.unclassified',
    context: engineer('triage-queue'),
    payload: { projectKey: pick(['PAY', 'INV'], n), pageSize: 20 },
  }),
  'sprintShape.boards': (n) => ({ key: 'sprintShape.boards', context: gadget(), payload: n % 2 ? { nameContains: 'Pay' } : {} }),
  'sprintShape.sprints': (n) => ({ key: 'sprintShape.sprints', context: gadget(), payload: { boardId: pick([BOARD_IDS.PAY, BOARD_IDS.INV], n) } }),
  'sprintShape.checkConfig': (n) => ({
    key: 'sprintShape.checkConfig',
    context: gadget(),
    payload: { config: gadgetConfig(pick([BOARD_IDS.PAY, BOARD_IDS.INV], n)) },
  }),
  'sprintShape.get': (n) => ({ key: 'sprintShape.get', context: gadget(), payload: { config: gadgetConfig(pick([BOARD_IDS.PAY, BOARD_IDS.INV], n)) } }),
  'sprintShape.trend': (n) => ({ key: 'sprintShape.trend', context: gadget(), payload: { boardId: pick([BOARD_IDS.PAY, BOARD_IDS.INV], n) } }),
  'settings.overview': () => ({ key: 'settings.overview', context: admin(), payload: {} }),
  'settings.rules.get': () => ({ key: 'settings.rules.get', context: admin(), payload: {} }),
  'settings.targetMix.get': () => ({ key: 'settings.targetMix.get', context: gadget(), payload: {} }),
  'settings.channels.get': () => ({ key: 'settings.channels.get', context: admin(), payload: {} }),
  'settings.concepts.get': () => ({ key: 'settings.concepts.get', context: admin(), payload: {} }),
  'signals.inbox': (n) => ({
    key: 'signals.inbox',
    context: n % 2 ? lead() : engineer('triage-queue'),
    payload: {
      projectKey: pick(['PAY', 'INV'], n),
      state: pick(['new', 'parked', 'routed', 'declined'], n),
      sort: pick(['evidence', 'recent', 'arr', 'count'], n),
      ...(n % 3 === 0 ? { category: 'request' } : {}),
      ...(n % 5 === 0 ? { source: 'slack', age: '30d', text: 'pay' } : {}),
    },
  }),
  'signals.cluster': (n) => ({ key: 'signals.cluster', context: n % 2 ? lead() : engineer('triage-queue'), payload: { projectKey: 'PAY', clusterId: pick(seedClusterIds, n) } }),
  'signals.customers': (n) => ({ key: 'signals.customers', context: engineer('triage-queue'), payload: { projectKey: 'INV', query: pick(['', 'North', 'a'], n) } }),
  // discovery reads
  'discovery.list': (n) => ({
    key: 'discovery.list',
    context: n % 2 ? lead() : engineer('triage-queue'),
    payload: { projectKey: pick(['PAY', 'INV'], n), ...(n % 3 === 0 ? { status: 'ready' } : {}) },
  }),
  'discovery.get': (n) => ({
    key: 'discovery.get',
    context: n % 2 ? lead() : engineer('triage-queue'),
    payload: { projectKey: 'PAY', noteId: pick(['note-multi-currency', 'note-e-invoicing-eu', 'note-statements-by-email'], n) },
  }),
  // roles reads
  // routing reads
  // signal tabs reads
  // Only a lead: anyone else is refused (forbidden), which is not what this test is about.
  'signals.routeProjects': () => ({ key: 'signals.routeProjects', context: lead(), payload: { projectKey: 'PAY' } }),
  'signals.epics': (n) => ({
    key: 'signals.epics',
    context: lead(),
    payload: { projectKey: 'PAY', inProject: pick(['PAY', 'INV'], n), query: pick(['', 'pay', 'PAY-1'], n) },
  }),
  // notify reads
  'settings.slack.get': () => ({ key: 'settings.slack.get', context: admin(), payload: {} }),
  // my-signals reads
  'mySignals.list': (n) => ({
    key: 'mySignals.list',
    context: as(pick([SEED_USERS.sales, SEED_USERS.engineer], n), 'my-signals'),
    payload: { status: pick([null, 'routed', 'new', 'shipped'], n), pageSize: pick([25, 5], n) },
  }),
  'triage.health': (n) => ({ key: 'triage.health', context: n % 2 ? lead() : engineer('triage-queue'), payload: { projectKey: 'PAY', months: pick([6, 1, 12], n) } }),
  // triage settings reads
  'settings.triage.get': () => ({ key: 'settings.triage.get', context: admin(), payload: {} }),
  'settings.roles.get': () => ({ key: 'settings.roles.get', context: admin(), payload: {} }),
  'settings.roles.searchGroups': (n) => ({ key: 'settings.roles.searchGroups', context: admin(), payload: { query: pick(['', 'eng', 'DESIGN', 'sales'], n) } }),
  'settings.roles.projectRoles': (n) => ({ key: 'settings.roles.projectRoles', context: admin(), payload: { projectKey: pick(['PAY', 'INV', 'OPS'], n) } }),
  // walkthrough reads
  // Versions 1 and 2 on the first PAY issue, put straight into the table (beside the faults) when a read needs them.
  'walkthrough.view': (n) => ({ key: 'walkthrough.view', context: engineer(), payload: { issueKey: pick(issuesIn('PAY'), n % 3).key } }),
  'walkthrough.version': (n) => ({
    key: 'walkthrough.version',
    context: engineer(),
    payload: {},
    lazyPayload: async () => {
      const issueKey = issuesIn('PAY')[0].key;
      const items = JSON.stringify([{ id: 'e1', kind: 'error-state', title: 'Declined', whatHappens: 'A banner', state: 'designed', reason: null }]);
      await database.query('INSERT IGNORE INTO `walkthrough_version` VALUES (?, 1, ?, NULL, 1, ?, ?, ?), (?, 2, ?, NULL, 2, ?, ?, ?)', [issueKey, SEED_USERS.designer, 'https://www.figma.com/design/AbCdEf123456/x', 'One', items, issueKey, SEED_USERS.designer, 'https://www.figma.com/design/AbCdEf123456/x', 'Two', items]);
      return { issueKey, version: 1 + (n % 2) };
    },
  }),
  'walkthrough.diff': (n) => ({
    key: 'walkthrough.diff',
    context: engineer(),
    payload: {},
    lazyPayload: async () => {
      const issueKey = issuesIn('PAY')[0].key;
      const items = JSON.stringify([{ id: 'e1', kind: 'error-state', title: 'Declined', whatHappens: 'A banner', state: n % 2 ? 'open' : 'designed', reason: null }]);
      await database.query('INSERT IGNORE INTO `walkthrough_version` VALUES (?, 1, ?, NULL, 1, ?, ?, ?), (?, 2, ?, NULL, 2, ?, ?, ?)', [issueKey, SEED_USERS.designer, 'https://www.figma.com/design/AbCdEf123456/x', 'One', items, issueKey, SEED_USERS.designer, 'https://www.figma.com/design/AbCdEf123456/x', 'Two', items]);
      return { issueKey, from: 1, to: 2 };
    },
  }),
};

const WRITES: Partial<Record<ResolverKey, (n: number) => Call>> = {
  'workType.set': (n) => ({
    key: 'workType.set',
    context: engineer(),
    payload: { issueKey: pick(issuesIn('PAY'), n).key, workType: pick(['Innovative', 'Corrective', 'Enabling'], n) },
  }),
  'workType.setMany': (n) => ({
    key: 'workType.setMany',
    context: engineer('triage-queue'),
    payload: { assignments: issuesIn('INV').slice(n % 10, (n % 10) + 5).map((i) => ({ issueKey: i.key, workType: 'Enabling' })) },
  }),
  'origin.link': (n) => ({
    key: 'origin.link',
    context: engineer(),
    payload: { issueKey: pick(withOrigin(), n).key, signalIds: [seededSignalId(pick(['form-960', 'crm-4590', 'form-966'], n))] },
  }),
  'origin.unlink': (n) => ({
    key: 'origin.unlink',
    context: engineer(),
    payload: { issueKey: pick(withOrigin(), n).key, signalId: seededSignalId(pick(['form-960', 'crm-4590', 'form-966'], n)) },
  }),
  'origin.markNone': (n) => ({ key: 'origin.markNone', context: engineer(), payload: { issueKey: pick(issuesIn('OPS'), n).key } }),
  'settings.rotateIntakeSecret': () => ({ key: 'settings.rotateIntakeSecret', context: admin(), payload: {} }),
  'settings.channels.setSecret': (n) => ({
    key: 'settings.channels.setSecret',
    context: admin(),
    payload: { channel: n % 2 === 0 ? 'slack' : 'zendesk', secret: `pasted-secret-${n}-0123456789` },
  }),
  'settings.channels.rotateSalesforce': () => ({ key: 'settings.channels.rotateSalesforce', context: admin(), payload: {} }),
  'settings.channels.setSalesforceOrg': () => ({ key: 'settings.channels.setSalesforceOrg', context: admin(), payload: { organizationId: '00D5e000000Abcd' } }),
  'settings.rules.save': (n) => ({
    key: 'settings.rules.save',
    context: admin(),
    payload: { rules: { issueTypes: { Bug: 'Corrective' }, labels: { 'tech-debt': 'Enabling' }, keywords: { upgrade: n % 2 ? 'Enabling' : 'Corrective' } } },
  }),
  'settings.targetMix.save': (n) => ({
    key: 'settings.targetMix.save',
    context: admin(),
    payload: { target: { Innovative: 50 + (n % 3), Corrective: 25 - (n % 3), Enabling: 25 } },
  }),
  'settings.concepts.save': (n) => ({
    key: 'settings.concepts.save',
    context: admin(),
    payload: { concepts: [{ id: 'export', words: ['csv', 'xlsx'] }], expectedUpdatedAt: null },
    // After the first save the list has an updatedAt: name it, so the later saves are not all conflicts.
    lazyPayload: async () => ({ concepts: [{ id: 'export', words: n % 2 ? ['csv', 'xlsx'] : ['csv', 'xlsx', 'spreadsheet'] }], expectedUpdatedAt: await conceptsUpdatedAt() }),
  }),
  'settings.concepts.reset': () => ({
    key: 'settings.concepts.reset',
    context: admin(),
    payload: { expectedUpdatedAt: null },
    lazyPayload: async () => ({ expectedUpdatedAt: await conceptsUpdatedAt() }),
  }),
  // Cluster changes name the versions as they are just before the call, so most reach the write path.
  'signals.move': (n) => ({
    key: 'signals.move',
    context: lead(),
    payload: {},
    lazyPayload: async () => {
      const open = await openClusters();
      const from = open[n % open.length];
      const to = open[(n + 1) % open.length];
      const moving = await signalIn(from.id);
      return {
        projectKey: 'PAY',
        signalIds: [moving?.id ?? 'signal-none'],
        from: await clusterNow(from.id),
        to: n % 3 === 0 ? { new: true } : await clusterNow(to.id),
      };
    },
  }),
  'signals.merge': (n) => ({
    key: 'signals.merge',
    context: lead(),
    payload: {},
    lazyPayload: async () => {
      const open = await openClusters();
      return { projectKey: 'PAY', from: await clusterNow(open[(n + 2) % open.length].id), into: await clusterNow(open[(n + 3) % open.length].id) };
    },
  }),
  'signals.undo': () => ({ key: 'signals.undo', context: lead(), payload: { projectKey: 'PAY' } }),
  'signals.notSame': (n) => ({
    key: 'signals.notSame',
    context: lead(),
    payload: { projectKey: 'PAY', clusterId: pick(seedClusterIds, n), otherClusterId: pick(seedClusterIds, n + 1) },
  }),
  'signals.setCategory': (n) => ({
    key: 'signals.setCategory',
    context: lead(),
    payload: {},
    lazyPayload: async () => {
      const open = await openClusters();
      const signal = await signalIn(open[n % open.length].id);
      return { projectKey: 'PAY', signalId: signal?.id ?? 'signal-none', category: pick(['request', 'bug', 'pain-point'], n), version: signal?.version ?? 0 };
    },
  }),
  'signals.renameCluster': (n) => ({
    key: 'signals.renameCluster',
    context: lead(),
    payload: {},
    lazyPayload: async () => {
      const { clusterId, version } = await clusterNow(pick(seedClusterIds, n));
      return { projectKey: 'PAY', clusterId, version, title: `Theme ${n}` };
    },
  }),
  'signals.share': (n) => ({
    key: 'signals.share',
    context: as(SEED_USERS.sales, 'triage-queue'),
    payload: { projectKey: 'PAY', submissionId: randomUUID(), customer: 'Brightwater Logistics', text: `Drivers want payouts the same day (${n}).` },
  }),
  'signals.importCsv': (n) => ({
    key: 'signals.importCsv',
    context: as(SEED_USERS.sales, 'triage-queue'),
    payload: { projectKey: 'PAY', fileName: 'feedback.csv', rows: [{ rowNumber: 2, customer: 'Tidewater', text: `Statements by email, please (${n}).` }, { rowNumber: 3, customer: '', text: 'x' }] },
  }),
  // discovery writes
  'discovery.create': (n) => ({
    key: 'discovery.create',
    context: lead(),
    payload: { projectKey: 'PAY', title: `Payouts on public holidays (${n})`, problem: 'Merchants expect money on bank holidays.', ...(n % 2 ? { clusterId: pick(seedClusterIds, n) } : {}) },
  }),
  // Changes to one note name its version as it is just before the call; addInput asks the questions resolveQuestion resolves.
  'discovery.update': (n) => ({
    key: 'discovery.update',
    context: lead(),
    payload: {},
    lazyPayload: async () => ({ projectKey: 'PAY', noteId: 'note-payment-plans', version: (await discoveryNoteNow()).version, changes: { desiredOutcome: `Up to ${n % 6 + 2} payments.` } }),
  }),
  'discovery.addInput': (n) => ({
    key: 'discovery.addInput',
    context: engineer('triage-queue'),
    payload: { projectKey: 'PAY', noteId: 'note-payment-plans', kind: 'question', text: `Who owns dunning for plan ${n}?` },
  }),
  'discovery.resolveQuestion': () => ({
    key: 'discovery.resolveQuestion',
    context: engineer('triage-queue'),
    payload: {},
    lazyPayload: async () => ({ projectKey: 'PAY', noteId: 'note-payment-plans', inputId: (await discoveryNoteNow()).openQuestion, resolution: 'Finance owns it.' }),
  }),
  'discovery.setStatus': () => ({
    key: 'discovery.setStatus',
    context: lead(),
    payload: {},
    lazyPayload: async () => {
      const { version, status } = await discoveryNoteNow();
      return { projectKey: 'PAY', noteId: 'note-payment-plans', version, status: status === 'shaped' ? 'exploring' : 'shaped' };
    },
  }),
  'discovery.reopenQuestion': () => ({
    key: 'discovery.reopenQuestion',
    context: engineer('triage-queue'),
    payload: {},
    lazyPayload: async () => {
      const [rows] = await database.query("SELECT id FROM `engineering_input` WHERE note_id = ? AND kind = 'question' AND resolved_at IS NOT NULL ORDER BY id LIMIT 1", ['note-payment-plans']);
      return { projectKey: 'PAY', noteId: 'note-payment-plans', inputId: (rows as Array<{ id: string }>)[0]?.id ?? 'input-none' };
    },
  }),
  'discovery.linkEvidence': (n) => ({
    key: 'discovery.linkEvidence',
    context: lead(),
    payload: {},
    lazyPayload: async () => ({ projectKey: 'PAY', noteId: 'note-payment-plans', clusterIds: [pick(seedClusterIds, n)] }),
  }),
  'discovery.unlinkEvidence': (n) => ({
    key: 'discovery.unlinkEvidence',
    context: lead(),
    payload: {},
    lazyPayload: async () => ({ projectKey: 'PAY', noteId: 'note-payment-plans', clusterIds: [pick(seedClusterIds, n + 1)] }),
  }),
  // roles writes
  // routing writes
  // signal tabs writes
  // notify writes
  // The sandbox's Slack accepts its own bot token; the check with Slack runs before the faulted storage writes.
  'settings.slack.save': () => ({ key: 'settings.slack.save', context: admin(), payload: { token: SANDBOX_SLACK_BOT_TOKEN } }),
  'settings.slack.test': () => ({ key: 'settings.slack.test', context: admin(), payload: {} }),
  // my-signals writes
  // triage settings writes
  // Administrators of PAY are its project admins: who may triage stays the same for the other calls here.
  'settings.triage.save': (n) => ({
    key: 'settings.triage.save',
    context: admin(),
    payload: { triagers: n % 2 ? { kind: 'project-admins' } : { kind: 'project-role', roleId: 10002, projectKey: 'PAY' }, parking: { newSignals: 3, addedArr: 50_000 } },
  }),
  'signals.route': (n) => ({
    key: 'signals.route',
    context: lead(),
    payload: {},
    // A parked cluster is routed again (parking lot is routable), so the open clusters other keys use are spared.
    lazyPayload: async () => {
      const [rows] = await database.query("SELECT id FROM `cluster` WHERE state = 'parked' ORDER BY id LIMIT 1");
      const parked = (rows as Array<{ id: string }>)[0]?.id;
      const open = await openClusters();
      const target = await clusterNow(parked ?? open[open.length - 1]!.id);
      return n % 4 === 1 && parked
        ? { projectKey: 'PAY', targets: [target], route: 'quick-fix', rationale: `Fix ${n}.`, quickFix: { projectKey: 'PAY', intoNextSprint: n % 2 === 0 } }
        : { projectKey: 'PAY', targets: [target], route: 'parking-lot', rationale: `Later (${n}).` };
    },
  }),
  'signals.retryRoute': (n) => ({
    key: 'signals.retryRoute',
    context: lead(),
    payload: {},
    // A decision whose Jira side failed for good, written straight to the database (no faults there).
    lazyPayload: async () => {
      const now = Date.now();
      await database.query(
        "INSERT IGNORE INTO `cluster` (id, title, state, first_seen_at, last_seen_at, updated_at) VALUES ('cluster-faults-retry', 'Retried', 'routed', ?, ?, ?)",
        [now, now, now],
      );
      await database.query(
        "INSERT INTO `routing_decision` (cluster_id, route, rationale, decided_by, decided_at, version, decision_id, cluster_version, jira_state, jira_error, target_project_key, into_next_sprint) VALUES ('cluster-faults-retry', 'quick-fix', 'Fix it.', ?, ?, 1, ?, 1, 'failed', 'Jira refused it.', 'PAY', 0) ON DUPLICATE KEY UPDATE decision_id = VALUES(decision_id), jira_state = 'failed', jira_effect_id = NULL, issue_key = NULL",
        [SEED_USERS.productLead, now, `decision-faults-${n}`],
      );
      return { projectKey: 'PAY', clusterId: 'cluster-faults-retry' };
    },
  }),
  'settings.roles.save': (n) => ({
    key: 'settings.roles.save',
    context: admin(),
    payload: { roles: { engineering: null, product: null, sales: null, design: n % 2 ? null : { groups: [], projectRoles: [{ projectId: '10000', roleId: 10002 }] } } },
  }),
  // walkthrough writes
  // Each names the walkthrough as it is just before the call, so most reach the write path.
  'walkthrough.addVersion': (n) => ({
    key: 'walkthrough.addVersion',
    context: as(SEED_USERS.designer, 'context-panel'),
    payload: {},
    lazyPayload: async () => {
      const issueKey = pick(issuesIn('INV'), n % 3).key;
      const [rows] = await database.query('SELECT MAX(version) AS latest FROM `walkthrough_version` WHERE issue_key = ?', [issueKey]);
      const latest = (rows as Array<{ latest: number | null }>)[0]?.latest ?? null;
      return {
        issueKey,
        basedOn: latest === null ? null : Number(latest),
        designUrl: 'https://www.figma.com/design/AbCdEf123456/Statements',
        summary: `Version after ${latest ?? 'none'}`,
        items: [{ kind: 'error-state', id: 'e1', title: 'Email bounced', whatHappens: 'Shown on the statement list', state: n % 2 ? 'designed' : 'open' }],
      };
    },
  }),
  'walkthrough.acknowledge': (n) => ({
    key: 'walkthrough.acknowledge',
    context: engineer(),
    payload: {},
    lazyPayload: async () => {
      const [rows] = await database.query('SELECT issue_key, MAX(version) AS latest FROM `walkthrough_version` GROUP BY issue_key ORDER BY issue_key LIMIT 1');
      const row = (rows as Array<{ issue_key: string; latest: number }>)[0];
      return { issueKey: row?.issue_key ?? issuesIn('PAY')[0].key, version: Math.max(1, Number(row?.latest ?? 1) - (n % 2)) };
    },
  }),
  'walkthrough.ask': (n) => ({
    key: 'walkthrough.ask',
    context: engineer(),
    payload: {},
    lazyPayload: async () => {
      const [rows] = await database.query('SELECT issue_key, version FROM `walkthrough_version` ORDER BY issue_key, version LIMIT 1');
      const row = (rows as Array<{ issue_key: string; version: number }>)[0];
      return { issueKey: row?.issue_key ?? issuesIn('PAY')[0].key, version: Number(row?.version ?? 1), itemId: 'e1', text: `What does the banner say? (${n})` };
    },
  }),
  'walkthrough.answer': (n) => ({
    key: 'walkthrough.answer',
    context: as(SEED_USERS.designer, 'context-panel'),
    payload: {},
    // A question of its own, put straight into the table, so each answer has one to answer.
    lazyPayload: async () => {
      const [rows] = await database.query('SELECT issue_key, version FROM `walkthrough_version` ORDER BY issue_key, version LIMIT 1');
      const row = (rows as Array<{ issue_key: string; version: number }>)[0];
      const issueKey = row?.issue_key ?? issuesIn('PAY')[0].key;
      const questionId = `question-faults-${n}-${randomUUID().slice(0, 8)}`;
      await database.query('INSERT INTO `walkthrough_question` (id, issue_key, version, item_id, asked_by, text, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [questionId, issueKey, Number(row?.version ?? 1), 'e1', SEED_USERS.engineer, 'Which banner?', Date.now()]);
      return { issueKey, questionId, text: 'The red one.' };
    },
  }),
};

/** How often each read runs: the two busiest surfaces 200 times, every other key three dozen. */
const TIMES: Partial<Record<ResolverKey, number>> = { 'panel.context': 200, 'triage.unclassified': 200 };
const OTHERS = 36;
/** Some 900 resolver calls: a few seconds alone, longer when the whole suite shares two cores. */
const BULK_TIMEOUT_MS = 180_000;

async function run(calls: readonly Call[]): Promise<Map<ResolverKey, Tally>> {
  const tallies = new Map<ResolverKey, Tally>();
  for (const call of calls) {
    const payload = call.lazyPayload ? await call.lazyPayload() : call.payload;
    const answer = (await sandbox.invoke(call.context, call.key, payload)) as Answer;
    const tally = tallies.get(call.key) ?? { calls: 0, ok: 0, codes: {} };
    tally.calls += 1;
    if (answer.ok) tally.ok += 1;
    else tally.codes[answer.error.code] = (tally.codes[answer.error.code] ?? 0) + 1;
    tallies.set(call.key, tally);
  }
  if (process.env.FAULTS_REPORT) {
    console.log(
      [...tallies].map(([key, t]) => `${key}: ${t.ok}/${t.calls} ok ${JSON.stringify(t.codes)}`).join('\n') +
        `\nstorage requests faulted: ${sandbox.storageLink.faultedCount}, SQL requests faulted: ${sandbox.sqlLink.faultedCount}, Jira requests faulted: ${sandbox.jiraLink.faultedCount}` +
        (internalLogs.length ? `\ninternal:\n${internalLogs.join('\n')}` : ''),
    );
  }
  return tallies;
}

const callsFor = (builders: Partial<Record<ResolverKey, (n: number) => Call>>): Call[] =>
  Object.entries(builders).flatMap(([key, build]) =>
    Array.from({ length: TIMES[key as ResolverKey] ?? OTHERS }, (_, n) => build!(n)),
  );

/** Failures by code, with every code that is not one of `allowed`, for a readable failure message. */
function unexpected(tallies: Map<ResolverKey, Tally>, allowed: readonly string[]): string[] {
  return [...tallies].flatMap(([key, t]) => Object.entries(t.codes).filter(([code]) => !allowed.includes(code)).map(([code, count]) => `${key}: ${count} × ${code}`));
}

describe('the faults test covers the contract', () => {
  it('has a valid input for every resolver key', () => {
    const covered = new Set([...Object.keys(READS), ...Object.keys(WRITES)]);
    expect(RESOLVER_KEYS.filter((key) => !covered.has(key))).toEqual([]);
  });
});

describe('with 20 % of storage requests failing (429, 500, 503) and Jira healthy', () => {
  it('answers every read without `internal`, most of them successfully', async () => {
    sandbox.clearLogs();
    sandbox.storageLink.injectFault(STORAGE_FAULTS);
    const tallies = await run(callsFor(READS));

    expect(sandbox.storageLink.faultedCount).toBeGreaterThan(100);
    expect({ unexpected: unexpected(tallies, ['rate-limited', 'storage-unavailable']), internalLogs }).toEqual({ unexpected: [], internalLogs: [] });
    for (const [key, t] of tallies) expect({ key, someOk: t.ok > 0 }).toEqual({ key, someOk: true });
    const total = [...tallies.values()].reduce((sum, t) => ({ calls: sum.calls + t.calls, ok: sum.ok + t.ok }), { calls: 0, ok: 0 });
    // Three retries turn a 20 % fault rate per request into a few failed calls in a hundred.
    expect(total.ok / total.calls).toBeGreaterThan(0.9);
  }, BULK_TIMEOUT_MS);
});

describe('with 20 % of storage requests and 20 % of Jira requests failing', () => {
  it('answers every read without `internal`: each failure is rate-limited, storage-unavailable or jira-unavailable', async () => {
    sandbox.clearLogs();
    sandbox.storageLink.injectFault(STORAGE_FAULTS);
    sandbox.jiraLink.injectFault(JIRA_FAULTS);
    const tallies = await run(callsFor(READS));

    expect(sandbox.storageLink.faultedCount).toBeGreaterThan(100);
    expect(sandbox.jiraLink.faultedCount).toBeGreaterThan(100);
    expect({ unexpected: unexpected(tallies, FAULT_CODES), internalLogs }).toEqual({ unexpected: [], internalLogs: [] });
    expect(tallies.get('panel.context')).toMatchObject({ calls: 200 });
    expect(tallies.get('triage.unclassified')).toMatchObject({ calls: 200 });
    for (const [key, t] of tallies) expect({ key, someOk: t.ok > 0 }).toEqual({ key, someOk: true });
  }, BULK_TIMEOUT_MS);

  it('answers every write without `internal` either', async () => {
    sandbox.clearLogs();
    sandbox.storageLink.injectFault(STORAGE_FAULTS);
    sandbox.jiraLink.injectFault(JIRA_FAULTS);
    const tallies = await run(callsFor(WRITES));

    expect({ internal: [...tallies].filter(([, t]) => t.codes.internal).map(([key, t]) => `${key}: ${t.codes.internal}`), internalLogs }).toEqual({
      internal: [],
      internalLogs: [],
    });
    for (const [key, t] of tallies) expect({ key, someOk: t.ok > 0 }).toEqual({ key, someOk: true });
  }, BULK_TIMEOUT_MS);
});

describe('with 20 % of Forge SQL requests and 20 % of Jira requests failing', () => {
  const signalsKeys = (builders: Partial<Record<ResolverKey, (n: number) => Call>>) =>
    Object.fromEntries(Object.entries(builders).filter(([key]) => key.startsWith('signals.'))) as Partial<Record<ResolverKey, (n: number) => Call>>;

  it('answers every signals read and change without `internal`', async () => {
    sandbox.clearLogs();
    sandbox.sqlLink.injectFault(SQL_FAULTS);
    sandbox.jiraLink.injectFault(JIRA_FAULTS);
    const tallies = await run([...callsFor(signalsKeys(READS)), ...callsFor(signalsKeys(WRITES))]);

    expect(sandbox.sqlLink.faultedCount).toBeGreaterThan(50);
    expect({ internal: [...tallies].filter(([, t]) => t.codes.internal).map(([key, t]) => `${key}: ${t.codes.internal}`), internalLogs }).toEqual({
      internal: [],
      internalLogs: [],
    });
    // Reads fail only with a fault's own codes; changes may also meet a conflict their own half-done step left.
    expect(unexpected(new Map([...tallies].filter(([key]) => ['signals.inbox', 'signals.cluster', 'signals.customers'].includes(key))), FAULT_CODES)).toEqual([]);
    for (const [key, t] of tallies) expect({ key, someOk: t.ok > 0 }).toEqual({ key, someOk: true });
  }, BULK_TIMEOUT_MS);
});

describe('a storage fault that outlasts the retries', () => {
  it.each([
    [429, 'rate-limited', 30],
    [500, 'storage-unavailable', 5],
    [503, 'storage-unavailable', 5],
  ] as const)('a standing %i answers %s with when to try again', async (status, code, seconds) => {
    sandbox.clearLogs();
    sandbox.storageLink.injectFault({ status, times: Infinity });
    const answer = (await sandbox.invoke(admin(), 'settings.rules.get', {})) as Answer;
    expect(answer).toEqual({
      ok: false,
      error: { code, message: expect.stringContaining(`Try again in ${seconds} s`), retryAfterSeconds: seconds },
    });
    // The first attempt and three retries, then the person is told.
    expect(sandbox.storageLink.log.filter((r) => r.path === '/api/v1/get')).toHaveLength(4);
  });

  it('is absorbed when it clears within the retries, waiting a little longer each time', async () => {
    const waits: number[] = [];
    storageRetryPolicy.sleep = async (ms) => {
      waits.push(ms);
    };
    try {
      sandbox.clearLogs();
      sandbox.storageLink.injectFault({ status: 503, times: 3, match: (req) => req.path === '/api/v1/get' });
      expect(await sandbox.invoke(admin(), 'settings.rules.get', {})).toMatchObject({ ok: true });
      expect(waits).toHaveLength(3);
      // 200 ms, 400 ms, 800 ms, each within ±25 % jitter.
      waits.forEach((ms, attempt) => {
        expect(ms).toBeGreaterThanOrEqual(200 * 2 ** attempt * 0.75);
        expect(ms).toBeLessThanOrEqual(200 * 2 ** attempt * 1.25);
      });
    } finally {
      storageRetryPolicy.sleep = async () => undefined;
    }
  });
});

describe('the sandbox fault dice', () => {
  it('fail about the rate asked for, the same requests on every run with the same seed', async () => {
    const outcomes = async (): Promise<number[]> => {
      sandbox.clearLogs();
      sandbox.storageLink.clearFaults();
      sandbox.storageLink.injectFault({ status: 503, rate: 0.2, times: Infinity, seed: 99 });
      const statuses: number[] = [];
      for (let i = 0; i < 500; i += 1) {
        const res = await sandbox.storageLink.handle({
          method: 'POST',
          path: '/api/v1/get',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ key: 'settings:target-mix' }),
          asUser: null,
        });
        statuses.push(res.status);
      }
      return statuses;
    };
    const first = await outcomes();
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(70);
    expect(failed).toBeLessThan(130);
    expect(await outcomes()).toEqual(first);
  });

  it('answers a storage request in the storage shape, which @forge/kvs reads as a ForgeKvsAPIError', async () => {
    sandbox.storageLink.injectFault({ status: 429, times: 1 });
    const res = await sandbox.storageLink.handle({ method: 'POST', path: '/api/v1/get', headers: {}, body: '{"key":"x"}', asUser: null });
    expect(res).toMatchObject({ status: 429, body: { code: 'RATE_LIMIT_EXCEEDED', message: expect.any(String) } });
    sandbox.jiraLink.injectFault({ status: 503, times: 1 });
    const jira = await sandbox.jiraLink.handle({ method: 'GET', path: '/rest/api/3/myself', headers: {}, asUser: SEED_USERS.engineer });
    expect(jira).toMatchObject({ status: 503, body: { errorMessages: ['Service unavailable.'] } });
  });
});
