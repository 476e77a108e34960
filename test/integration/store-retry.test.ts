/**
 * Storage faults inside src/store: every repository function that reaches Forge storage retries a 429 or 5xx
 * (through the real @forge/kvs and @forge/sql SDKs, against the sandbox's storage and SQL links), a fault that
 * outlasts the retries becomes an AppError a person can act on, and answers that are not faults — a failed
 * transaction condition, a duplicate key, a refused request — keep their meaning and are not retried.
 */
import { ForgeKvsAPIError } from '@forge/kvs';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { seedAppData, seededSignalId } from '../sandbox/seed/app-data';
import type { SandboxRequest } from '../sandbox/http';
import type { FaultStatus, InstrumentedHandler } from '../sandbox/instrument';
import { AppError } from '../../src/errors';
import { storageRetryPolicy, withStorageRetry } from '../../src/store/storage-retry';
import * as settingsStore from '../../src/store/settings-store';
import * as signalRepository from '../../src/store/signal-repository';
import * as signalReads from '../../src/store/signal-reads';
import * as discoveryNotes from '../../src/store/discovery-note-repository';
import * as decisions from '../../src/store/work-type-decision-repository';
import * as snapshots from '../../src/store/sprint-snapshot-repository';
import * as suggestionRules from '../../src/store/suggestion-rules-store';
import * as targetMix from '../../src/store/target-mix-store';
import * as clusters from '../../src/store/cluster-repository';
import * as clusterChanges from '../../src/store/cluster-change-repository';
import * as notSame from '../../src/store/not-same-repository';
// discovery store imports
// roles store imports
// routing store imports
import * as routingDecisions from '../../src/store/routing-decision-repository';
import * as teamRoles from '../../src/store/team-roles-store';
import * as signalStatus from '../../src/store/signal-status-repository';
import * as triageSettings from '../../src/store/triage-settings-store';
// walkthrough store imports
import * as walkthroughs from '../../src/store/walkthrough-repository';
// notify store imports
import * as notifications from '../../src/store/notification-repository';
// raiser match store imports
import * as signalRaisers from '../../src/store/signal-raiser-repository';

const today = new Date('2026-11-26T10:00:00Z');
const nowSeconds = Math.floor(today.getTime() / 1000);
let sandbox: Sandbox;
let waits: number[];
/** Every request each link saw since the last test began, body included (the links' own logs keep no body). */
let seen: { kvs: SandboxRequest[]; sql: SandboxRequest[] };

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  await seedAppData(sandbox, today);
  // Two clusters of the test's own for the cluster repository's conditional writes to name.
  await sandbox.asApp(async () => {
    for (const id of ['cluster-retry-1', 'cluster-retry-2']) await clusters.createCluster({ id, title: `Retry ${id.slice(-1)}`, state: 'new' }, nowSeconds * 1000);
  });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  waits = [];
  storageRetryPolicy.sleep = async (ms) => {
    waits.push(ms);
  };
  sandbox.storageLink.clearFaults();
  sandbox.sqlLink.clearFaults();
  sandbox.clearLogs();
  seen = { kvs: [], sql: [] };
  for (const [name, link] of [['kvs', sandbox.storageLink], ['sql', sandbox.sqlLink]] as const) {
    const handle = link.handle.bind(link);
    jest.spyOn(link, 'handle').mockImplementation((req) => {
      seen[name].push(req);
      return handle(req);
    });
  }
});
afterEach(() => jest.restoreAllMocks());

const app = <T>(work: () => Promise<T>): Promise<T> => sandbox.asApp(work);
const requestsTo = (path: string): number => sandbox.storageLink.log.filter((r) => r.path === path).length;

type Link = 'kvs' | 'sql';
type Match = (req: SandboxRequest) => boolean;
const linkOf = (link: Link): InstrumentedHandler => (link === 'kvs' ? sandbox.storageLink : sandbox.sqlLink);
/** A KVS request by its path. */
const kvsPath = (path: string): Match => (req) => req.path === path;
/** A DML statement (Forge SQL's execute endpoint) by its text, as Kysely compiles it. */
const statement = (pattern: RegExp): Match => (req) => {
  if (req.path !== '/api/v1/execute' || req.body === undefined) return false;
  const { query } = JSON.parse(req.body) as { query?: unknown };
  return typeof query === 'string' && pattern.test(query);
};
const matching = (link: Link, match: Match): number => seen[link].filter(match).length;

const snapshot = (sprintId: number): snapshots.SprintSnapshot => ({
  boardId: 1,
  sprintId,
  endedAt: nowSeconds,
  shape: {
    version: 1,
    sprint: { name: `Sprint ${sprintId}`, startDate: null, endDate: null, completeDate: null },
    totals: { counts: { Innovative: 1, Corrective: 1, Enabling: 0, Unclassified: 0 }, estimates: null, issueCount: 2, doneCount: 2, missingEstimates: 0 },
    estimationFieldId: null,
    source: 'backfill',
    takenAt: today.toISOString(),
  },
});
const signal = (externalId: string): signalRepository.StoredSignal => ({
  externalId,
  source: 'crm',
  state: 'new',
  receivedAt: nowSeconds,
  customer: 'Tidewater',
  text: 'Please retry me.',
  raisedByName: 'Jordan Reyes',
});
const insertSignal = statement(/^insert into `signal`/);
const selectSignal = statement(/^select .* from `signal`/);
const updateSignal = statement(/^update `signal`/);
const selectNote = statement(/^select .* from `discovery_note`/);
const selectCluster = statement(/^select .* from `cluster` /);
const selectChange = statement(/^select .* from `cluster_change`/);
const nowMs = nowSeconds * 1000;
const currentVersion = async (id: string): Promise<number> => (await clusters.getCluster(id))!.version;
const restore = { signals: [], movedTo: 'cluster-retry-2', clusters: [], touched: ['cluster-retry-1', 'cluster-retry-2'] };

const editNote = async (n: number): Promise<unknown> => {
  const note = await discoveryNotes.getDiscoveryNote('note-multi-currency');
  return discoveryNotes.updateDiscoveryNote('note-multi-currency', note!.version, { title: `Invoices in more than one currency (${n})` });
};

/**
 * Every function of the store that reaches storage: the link it reaches, which of its requests the fault is
 * injected into (the statement or request that is the function's own, not a read it makes first), and the call.
 */
const REACHES_STORAGE: Record<string, [link: Link, match: Match, call: (n: number) => Promise<unknown>]> = {
  readIntakeSecret: ['kvs', kvsPath('/api/v1/secret/get'), () => settingsStore.readIntakeSecret()],
  readIntakeSecretRotatedAt: ['kvs', kvsPath('/api/v1/get'), () => settingsStore.readIntakeSecretRotatedAt()],
  writeIntakeSecret: ['kvs', kvsPath('/api/v1/secret/set'), () => settingsStore.writeIntakeSecret('s3cret-s3cret-s3cret-s3cret-s3cret', today.toISOString())],
  readSuggestionRules: ['kvs', kvsPath('/api/v1/get'), () => suggestionRules.readSuggestionRules()],
  writeSuggestionRules: [
    'kvs',
    kvsPath('/api/v1/set'),
    () => suggestionRules.writeSuggestionRules({ issueTypes: { Bug: 'Corrective' }, labels: {}, keywords: {} }, today.toISOString(), SEED_USERS.admin),
  ],
  readTargetMix: ['kvs', kvsPath('/api/v1/get'), () => targetMix.readTargetMix()],
  writeTargetMix: ['kvs', kvsPath('/api/v1/set'), () => targetMix.writeTargetMix({ Innovative: 40, Corrective: 30, Enabling: 30 }, today.toISOString())],
  createSignalOnce: ['sql', insertSignal, (n) => signalRepository.createSignalOnce(signal(`retry-${n}`))],
  insertSignals: ['sql', insertSignal, (n) => signalRepository.insertSignals([signal(`bulk-${n}-a`), signal(`bulk-${n}-b`)])],
  getSignal: ['sql', selectSignal, () => signalRepository.getSignal(seededSignalId('crm-4471'))],
  getSignals: ['sql', selectSignal, () => signalReads.getSignals([seededSignalId('crm-4471'), seededSignalId('form-889')])],
  recentSignals: ['sql', selectSignal, () => signalReads.recentSignals('new', 5)],
  getSignalClustering: ['sql', selectSignal, () => signalRepository.getSignalClustering(seededSignalId('crm-4471'))],
  getSignalsClustering: ['sql', selectSignal, () => signalReads.getSignalsClustering([seededSignalId('crm-4471'), seededSignalId('form-889')])],
  clusterMembers: ['sql', selectSignal, () => signalReads.clusterMembers('cluster-retry')],
  signalIdsOfCluster: ['sql', selectSignal, () => signalRepository.signalIdsOfCluster('cluster-retry')],
  signalCustomerSuggestions: ['sql', selectSignal, () => signalReads.signalCustomerSuggestions('north')],
  weeklySignalCounts: ['sql', selectSignal, () => signalReads.weeklySignalCounts(['cluster-retry-1'], nowMs, 8)],
  storedSignalStates: ['sql', selectSignal, () => signalReads.storedSignalStates([seededSignalId('crm-4471'), seededSignalId('form-889')])],
  recordFirstClustering: [
    'sql',
    updateSignal,
    (n) =>
      signalRepository.recordFirstClustering(
        seededSignalId('form-960'),
        { clusterId: `cluster-retry-${n}`, reason: { how: 'started', sharedTerms: [], sharedConcepts: [], at: nowSeconds * 1000 }, category: 'request', categoryWords: ['could you'] },
        nowSeconds * 1000,
      ),
  ],
  setSignalsCluster: [
    'sql',
    updateSignal,
    () => signalRepository.setSignalsCluster([seededSignalId('form-966')], 'cluster-retry', { how: 'moved', by: SEED_USERS.productLead, sharedTerms: [], sharedConcepts: [], at: nowSeconds * 1000 }, nowSeconds * 1000),
  ],
  confirmSignalCategory: [
    'sql',
    updateSignal,
    async () => {
      const current = await signalRepository.getSignalClustering(seededSignalId('crm-4590'));
      return signalRepository.confirmSignalCategory(seededSignalId('crm-4590'), 'request', current!.version, nowSeconds * 1000);
    },
  ],
  getDiscoveryNote: ['sql', selectNote, () => discoveryNotes.getDiscoveryNote('note-instant-payouts')],
  getDiscoveryNotes: ['sql', selectNote, () => discoveryNotes.getDiscoveryNotes(['note-instant-payouts', 'note-multi-currency'])],
  saveDiscoveryNote: [
    'sql',
    statement(/^insert into `discovery_note`/),
    () => discoveryNotes.saveDiscoveryNote({ id: 'note-retry', title: 'Retry', problem: 'Storage hiccups', status: 'draft', updatedAt: nowSeconds, engineeringInput: [] }),
  ],
  createDiscoveryNote: [
    'sql',
    statement(/^insert into `discovery_note`/),
    () => discoveryNotes.createDiscoveryNote({ title: 'Retry', problem: 'Storage hiccups', status: 'draft', by: SEED_USERS.engineer }),
  ],
  updateDiscoveryNote: ['sql', statement(/^update `discovery_note`/), editNote],
  addEngineeringInput: [
    'sql',
    statement(/^insert into `engineering_input`/),
    (n) => discoveryNotes.addEngineeringInput('note-multi-currency', { kind: 'question', text: `Retry ${n}?`, authorAccountId: SEED_USERS.engineer }),
  ],
  recentDiscoveryNotes: ['sql', selectNote, () => discoveryNotes.recentDiscoveryNotes('ready', 5)],
  saveDecisions: [
    'kvs',
    kvsPath('/api/v1/batch/set'),
    () => decisions.saveDecisions([{ issueId: '80001', issueKey: 'PAY-8001', workType: 'Enabling', setByAccountId: SEED_USERS.engineer, setAt: today, acceptedSuggestion: false }]),
  ],
  getDecision: ['kvs', kvsPath('/api/v1/entity/get'), () => decisions.getDecision('80001')],
  findDecisionByIssueKey: ['kvs', kvsPath('/api/v1/entity/query'), () => decisions.findDecisionByIssueKey('PAY-8001')],
  createSnapshotOnce: ['kvs', kvsPath('/api/v1/transaction'), (n) => snapshots.createSnapshotOnce(snapshot(880000 + n))],
  getSnapshot: ['kvs', kvsPath('/api/v1/entity/get'), () => snapshots.getSnapshot(880000)],
  latestSnapshots: ['kvs', kvsPath('/api/v1/entity/query'), () => snapshots.latestSnapshots(1, 6)],
  createCluster: ['sql', statement(/^insert into `cluster` /), (n) => clusters.createCluster({ id: `cluster-retry-new-${n}-${Date.now()}`, title: 'Retry', state: 'new' }, nowMs)],
  getCluster: ['sql', selectCluster, () => clusters.getCluster('cluster-retry-1')],
  getClusters: ['sql', selectCluster, () => clusters.getClusters(['cluster-retry-1', 'cluster-retry-2'])],
  clusterHeader: ['sql', selectCluster, () => clusters.clusterHeader('cluster-retry-1')],
  clusterReasonText: ['sql', selectCluster, () => clusters.clusterReasonText('cluster-retry-1')],
  inboxPage: ['sql', selectCluster, () => clusters.inboxPage({ state: 'new', sort: 'evidence', limit: 5 })],
  clusterCountsByState: ['sql', selectCluster, () => clusters.clusterCountsByState(['new', 'parked', 'routed', 'declined'])],
  attachSignal: ['sql', updateSignal, () => clusters.attachSignal(seededSignalId('form-889'), 'cluster-retry-1', nowMs)],
  refreshEvidence: ['sql', statement(/^update `cluster`, \(/), () => clusters.refreshEvidence('cluster-retry-1', nowMs)],
  claimClusters: [
    'sql',
    statement(/^update `cluster` set `version`/),
    async () => clusters.claimClusters([{ id: 'cluster-retry-2', version: await currentVersion('cluster-retry-2') }], nowMs),
  ],
  upsertClusterWithEvidence: ['sql', statement(/^insert into `cluster` \(`id`, `title`, `category`, `state`, `reason`, `signal_count`/), () => clusters.upsertClusterWithEvidence({ id: 'cluster-retry-1', title: 'Retry 1', state: 'new' }, nowMs)],
  setClusterState: ['sql', statement(/^update `cluster` set `state`/), () => clusters.setClusterState('cluster-retry-2', 'new', nowMs)],
  deleteEmptyCluster: ['sql', statement(/^delete from `cluster` /), () => clusters.deleteEmptyCluster('cluster-retry-absent')],
  renameCluster: [
    'sql',
    statement(/^update `cluster` set `title`/),
    async (n) => clusters.renameCluster('cluster-retry-2', await currentVersion('cluster-retry-2'), `Retry two (${n})`, nowMs),
  ],
  similarOpenClusters: ['sql', statement(/^select `top`\.\*/), () => clusters.similarOpenClusters('cluster-retry-1')],
  recordClusterChange: [
    'sql',
    statement(/^insert into `cluster_change`/),
    (n) => clusterChanges.recordClusterChange({ id: `change-retry-${n}`, kind: 'move', restore, changedBy: SEED_USERS.productLead }, nowMs),
  ],
  lastClusterChange: ['sql', selectChange, () => clusterChanges.lastClusterChange(SEED_USERS.productLead)],
  getClusterChange: ['sql', selectChange, () => clusterChanges.getClusterChange('change-retry-1')],
  markClusterChangeUndone: ['sql', statement(/^update `cluster_change`/), () => clusterChanges.markClusterChangeUndone('change-retry-absent', nowMs)],
  markNotSame: [
    'sql',
    statement(/^insert into `not_same`/),
    () => notSame.markNotSame('cluster-retry-1', 'cluster-retry-2', SEED_USERS.productLead, nowMs, { subjectIsCluster: true }),
  ],
  notSameClusters: ['sql', statement(/^select .* from `not_same`/), () => notSame.notSameClusters(['cluster-retry-1'])],
  // discovery store
  setDiscoveryNoteStatus: [
    'sql',
    statement(/^update `discovery_note` set `status`/),
    async () => {
      const note = await discoveryNotes.getDiscoveryNote('note-payment-plans');
      return discoveryNotes.setDiscoveryNoteStatus('note-payment-plans', note!.version, { status: note!.status === 'shaped' ? 'exploring' : 'shaped' });
    },
  ],
  resolveEngineeringQuestion: [
    'sql',
    statement(/^update `engineering_input`/),
    async (n) => {
      const question = await discoveryNotes.addEngineeringInput('note-payment-plans', { kind: 'question', text: `Retry ${n}?`, authorAccountId: SEED_USERS.engineer });
      return discoveryNotes.resolveEngineeringQuestion('note-payment-plans', question.id, { by: SEED_USERS.engineer, text: 'Resolved' });
    },
  ],
  discoveryNotePage: ['sql', selectNote, () => discoveryNotes.discoveryNotePage({ limit: 5 })],
  discoveryNoteCounts: ['sql', selectNote, () => discoveryNotes.discoveryNoteCounts()],
  discoveryNoteEvidence: ['sql', statement(/^select .* from `discovery_note_evidence` as `e` left join/), () => discoveryNotes.discoveryNoteEvidence(['note-multi-currency'])],
  linkNoteEvidence: [
    'sql',
    statement(/^insert into `discovery_note_evidence`/),
    () => discoveryNotes.linkNoteEvidence('note-payment-plans', { clusterIds: ['cluster-retry-1'], signalIds: [] }, SEED_USERS.productLead, nowMs),
  ],
  unlinkNoteEvidence: [
    'sql',
    statement(/^delete from `discovery_note_evidence`/),
    () => discoveryNotes.unlinkNoteEvidence('note-payment-plans', { clusterIds: ['cluster-retry-1'], signalIds: ['signal-retry-1'] }),
  ],
  reopenEngineeringQuestion: [
    'sql',
    statement(/^update `engineering_input` set .* `resolved_at` is not null/),
    async (n) => {
      const question = await discoveryNotes.addEngineeringInput('note-payment-plans', { kind: 'question', text: `Reopen ${n}?`, authorAccountId: SEED_USERS.engineer });
      await discoveryNotes.resolveEngineeringQuestion('note-payment-plans', question.id, { by: SEED_USERS.engineer });
      return discoveryNotes.reopenEngineeringQuestion('note-payment-plans', question.id);
    },
  ],
  // roles store
  // routing store
  getRoutingDecision: ['sql', statement(/^select .* from `routing_decision`/), () => routingDecisions.getRoutingDecision('cluster-retry-1')],
  getRouteDecisions: ['sql', statement(/^select .* from `routing_decision`/), () => routingDecisions.getRouteDecisions(['cluster-retry-1', 'cluster-retry-2'])],
  getRouteDecisionsWithEffects: ['sql', statement(/^select .* from `routing_decision` left join `outbox`/), () => routingDecisions.getRouteDecisionsWithEffects(['cluster-retry-1'])],
  decideRoute: [
    'sql',
    statement(/^insert into `routing_decision`/),
    (n) => routingDecisions.decideRoute(`cluster-retry-decided-${n}`, null, { route: 'declined', rationale: 'Retried.', decidedBy: SEED_USERS.productLead }, nowMs),
  ],
  storeRouteDecision: [
    'sql',
    statement(/^INSERT INTO `routing_decision`/),
    async (n) =>
      routingDecisions.storeRouteDecision(
        {
          clusterId: 'cluster-retry-2',
          decisionId: `decision-retry-${n}`,
          clusterVersion: await currentVersion('cluster-retry-2'),
          route: 'parking-lot',
          rationale: 'Retried.',
          decidedBy: SEED_USERS.productLead,
          decidedByName: 'Hannah Okafor',
          jiraState: 'none',
          jiraEffectId: null,
          targetProjectKey: null,
          epicKey: null,
          epicSummary: null,
          intoNextSprint: null,
          duplicateOf: null,
          requireClusterAt: null,
          parkBaseline: true,
        },
        nowMs,
      ),
  ],
  applyRouteToCluster: [
    'sql',
    statement(/^update `cluster` set `state` = \?, `version`/),
    () => routingDecisions.applyRouteToCluster('cluster-retry-absent', 'decision-absent', 'parked', ['new'], nowMs),
  ],
  recordJiraSide: ['sql', statement(/^update `routing_decision` set `jira_state`/), () => routingDecisions.recordJiraSide('cluster-retry-absent', 'decision-absent', { state: 'done', issueKey: 'PAY-1' })],
  reopenJiraSide: ['sql', statement(/^update `routing_decision` set `jira_state`/), () => routingDecisions.reopenJiraSide('cluster-retry-absent', 'decision-absent', null, 'route-to-jira:retry')],
  returnParkedToInbox: ['sql', statement(/^update `cluster` set `state` = \?, `version`/), () => routingDecisions.returnParkedToInbox('cluster-retry-absent', 'decision-absent', nowMs)],
  readTeamRoles: ['kvs', kvsPath('/api/v1/get'), () => teamRoles.readTeamRoles()],
  writeTeamRoles: [
    'kvs',
    kvsPath('/api/v1/set'),
    (n) => teamRoles.writeTeamRoles({ roles: { design: { groups: [{ groupId: `group-${n}`, name: 'design' }], projectRoles: [] } }, updatedAt: today.toISOString(), updatedBy: SEED_USERS.admin }),
  ],
  // my-signals store
  signalsRaisedBy: ['sql', statement(/^SELECT `s`\.`id`, `s`\.`text`/), () => signalStatus.signalsRaisedBy(SEED_USERS.sales, { status: 'routed', after: null, limit: 5 })],
  statusCountsOf: ['sql', statement(/^SELECT \(CASE/), () => signalStatus.statusCountsOf(SEED_USERS.sales)],
  recordShipped: ['sql', statement(/^UPDATE `routing_decision` SET `shipped_at`/), () => signalStatus.recordShipped('PAY-1', [seededSignalId('form-889')], nowMs)],
  decisionIdsOfIssue: ['sql', statement(/^select `decision_id` from `routing_decision`/), () => signalStatus.decisionIdsOfIssue('PAY-1')],
  pipelineHealthRows: [
    'sql',
    statement(/FROM `routing_decision` AS `p`/),
    () => signalStatus.pipelineHealthRows([{ label: '2026-11', startMs: nowMs - 86_400_000 * 30, endMs: nowMs + 1 }]),
  ],
  // triage settings store
  readTriageSettings: ['kvs', kvsPath('/api/v1/get'), () => triageSettings.readTriageSettings()],
  writeTriageSettings: [
    'kvs',
    kvsPath('/api/v1/set'),
    (n) => triageSettings.writeTriageSettings({ triagers: { kind: 'project-admins' }, parking: { newSignals: n, addedArr: 0 }, updatedAt: today.toISOString(), updatedBy: SEED_USERS.admin }),
  ],
  // notify store
  raisersOfCluster: ['sql', selectSignal, () => notifications.raisersOfCluster('cluster-retry-1')],
  raisersOfSignals: ['sql', selectSignal, () => notifications.raisersOfSignals([seededSignalId('crm-4471')])],
  signalIdsMergedOut: ['sql', selectChange, () => notifications.signalIdsMergedOut('cluster-retry-1', 'cluster-retry-2')],
  deliveriesOfDecisions: ['sql', statement(/^select .* from `raiser_notification`/), () => notifications.deliveriesOfDecisions(['decision-retry'])],
  deliveriesOfStandingDecisions: ['sql', statement(/^select .* from `routing_decision` inner join `raiser_notification`/), () => notifications.deliveriesOfStandingDecisions(['cluster-retry-1'])],
  recordDelivery: [
    'sql',
    statement(/^insert into `raiser_notification`/),
    (n) =>
      notifications.recordDelivery(
        { decisionId: 'decision-retry', clusterId: 'cluster-retry-1', step: 'decided', channel: 'slack-dm', recipient: `U0RETRY${n}`, signalIds: [seededSignalId('crm-4471')], issueKey: null },
        { state: 'held', detail: 'No Slack bot token is set.' },
        nowMs,
      ),
  ],
  heldDeliverySteps: ['sql', statement(/^select .* from `raiser_notification`/), () => notifications.heldDeliverySteps(10)],
  countHeldDeliveries: ['sql', statement(/^select count\(\*\) as `n` from `raiser_notification`/), () => notifications.countHeldDeliveries()],
  decisionForNotice: ['sql', statement(/^select .* from `routing_decision`/), () => notifications.decisionForNotice('decision-retry')],
  readSlackBotToken: ['kvs', kvsPath('/api/v1/secret/get'), () => notifications.readSlackBotToken()],
  readSlackConnection: ['kvs', kvsPath('/api/v1/get'), () => notifications.readSlackConnection()],
  writeSlackBotToken: [
    'kvs',
    kvsPath('/api/v1/secret/set'),
    () => notifications.writeSlackBotToken('xoxb-1111111111-2222222222-retryToken', { teamId: 'T024BE7LD', teamName: 'Brightforge', botUserId: 'U0UPSTREAM', botName: 'upstream', missingScopes: [], setAt: today.toISOString(), setBy: SEED_USERS.admin }),
  ],
  // raiser match store
  setRaiserAccountIfUnknown: ['sql', updateSignal, () => signalRaisers.setRaiserAccountIfUnknown('signal-retry-absent', SEED_USERS.sales)],
  slackSignalsWithoutRaiser: ['sql', selectSignal, () => signalRaisers.slackSignalsWithoutRaiser(5)],
  // walkthrough store
  walkthroughVersionsForReader: ['sql', statement(/^select .* from `walkthrough_version`/), () => walkthroughs.walkthroughVersionsForReader('PAY-7001', SEED_USERS.engineer)],
  walkthroughVersionsWithItems: ['sql', statement(/^select .* from `walkthrough_version`/), () => walkthroughs.walkthroughVersionsWithItems('PAY-7001', [1, 2])],
  latestWalkthroughVersion: ['sql', statement(/^select max\(`version`\)/), () => walkthroughs.latestWalkthroughVersion('PAY-7001')],
  walkthroughActivity: ['sql', statement(/^\(select 'ack'/), () => walkthroughs.walkthroughActivity('PAY-7001')],
  walkthroughQuestionById: ['sql', statement(/^\(select 'ack'/), () => walkthroughs.walkthroughQuestionById('PAY-7001', 'question-absent')],
  insertWalkthroughVersion: [
    'sql',
    statement(/^insert into `walkthrough_version`/),
    async (n) =>
      walkthroughs.insertWalkthroughVersion({
        issueKey: 'PAY-7001',
        basedOn: await walkthroughs.latestWalkthroughVersion('PAY-7001'),
        authorAccountId: SEED_USERS.designer,
        authorName: 'Tomás Ortega',
        createdAt: nowMs,
        designUrl: 'https://www.figma.com/design/AbCdEf123456/Retry',
        summary: `Retry ${n}`,
        items: [{ id: 'e1', kind: 'error-state', title: 'Storage hiccup', whatHappens: 'Retried', state: 'designed', reason: null }],
      }),
  ],
  recordWalkthroughAck: [
    'sql',
    statement(/^insert into `walkthrough_ack`/),
    (n) => walkthroughs.recordWalkthroughAck('PAY-7001', { accountId: SEED_USERS.engineer, version: n, at: nowMs, displayName: 'Priya Raman', roles: ['engineering'] }),
  ],
  insertWalkthroughQuestion: [
    'sql',
    statement(/^insert into `walkthrough_question`/),
    () => walkthroughs.insertWalkthroughQuestion({ issueKey: 'PAY-7001', version: 1, itemId: 'e1', askedBy: SEED_USERS.engineer, askedByName: 'Priya Raman', text: 'Retried how?', askedAt: nowMs }),
  ],
  answerWalkthroughQuestion: [
    'sql',
    statement(/^update `walkthrough_question`/),
    () => walkthroughs.answerWalkthroughQuestion('PAY-7001', 'question-absent', { text: 'Three times.', by: SEED_USERS.designer, byName: 'Tomás Ortega', at: nowMs }),
  ],
};

/** Exports of the store that never reach storage themselves. */
const PURE_HELPERS = new Set(['deliveryId', 'signalKey', 'snapshotKey', 'describeClusterReason', 'readSignalClusteringRow', 'inboxStatement', 'similarOpenClustersStatement']);

describe('every store function that reaches storage', () => {
  it('is in the table below (a new one has to be added to it)', () => {
    const modules = [
      ...[settingsStore, signalRepository, signalReads, discoveryNotes, decisions, snapshots, suggestionRules, targetMix, clusters, clusterChanges, notSame, walkthroughs, teamRoles, routingDecisions],
      // notify store modules
      notifications,
      // raiser match store modules
      signalRaisers,
      // my-signals store modules
      signalStatus,
      // triage settings store modules
      triageSettings,
    ];
    const functions = modules.flatMap((m) => Object.entries(m).filter(([name, value]) => typeof value === 'function' && !PURE_HELPERS.has(name) && !/^[A-Z]/.test(name)).map(([name]) => name));
    expect(functions.sort()).toEqual(Object.keys(REACHES_STORAGE).sort());
  });

  const statuses: FaultStatus[] = [429, 500, 503];
  it.each(Object.entries(REACHES_STORAGE).map(([name, entry], n) => [name, statuses[n % 3], entry] as const))(
    '%s retries a %i and answers',
    async (_name, status, [link, match, call]) => {
      linkOf(link).injectFault({ status, times: 1, match });
      await app(() => call(1));
      expect(linkOf(link).faultedCount).toBe(1);
      expect(matching(link, match)).toBeGreaterThanOrEqual(2);
      expect(waits).toHaveLength(1);
    },
  );

  it.each(Object.entries(REACHES_STORAGE).map(([name, entry]) => [name, entry] as const))(
    '%s turns a standing fault into an AppError after three retries',
    async (_name, [link, match, call]) => {
      linkOf(link).injectFault({ status: 503, times: Infinity, match });
      const error = await app(() => call(2)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'storage-unavailable', message: expect.stringContaining('Try again in 5 s'), details: { retryAfterSeconds: 5 } });
      expect(matching(link, match)).toBe(4);
      expect(linkOf(link).faultedCount).toBe(4);
    },
  );

  const SIGNAL_FUNCTIONS = ['createSignalOnce', 'insertSignals', 'getSignal', 'getSignals', 'recentSignals'];
  it.each(SIGNAL_FUNCTIONS.map((name) => [name, REACHES_STORAGE[name]] as const))(
    '%s turns a standing rate limit on the SQL link into rate-limited after three retries',
    async (_name, [link, match, call]) => {
      linkOf(link).injectFault({ status: 429, times: Infinity, match });
      const error = await app(() => call(3)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'rate-limited', message: expect.stringContaining('Try again in 30 s'), details: { retryAfterSeconds: 30 } });
      expect(matching(link, match)).toBe(4);
      expect(waits).toHaveLength(3);
    },
  );
});

describe('conditional writes', () => {
  it('a duplicate signal is a duplicate, not a fault: one INSERT, no retry', async () => {
    expect(await app(() => signalRepository.createSignalOnce(signal('dup-1')))).toMatchObject({ created: true });
    seen.sql = [];
    expect(await app(() => signalRepository.createSignalOnce(signal('dup-1')))).toMatchObject({ created: false });
    expect(matching('sql', insertSignal)).toBe(1);
    expect(waits).toEqual([]);
  });

  it('a storage that stays down is reported as such, without reading the record to guess', async () => {
    sandbox.sqlLink.injectFault({ status: 500, times: Infinity, match: insertSignal });
    sandbox.storageLink.injectFault({ status: 500, times: Infinity, match: kvsPath('/api/v1/transaction') });
    await expect(app(() => signalRepository.createSignalOnce(signal('down-1')))).rejects.toMatchObject({ code: 'storage-unavailable' });
    await expect(app(() => snapshots.createSnapshotOnce(snapshot(990001)))).rejects.toMatchObject({ code: 'storage-unavailable' });
    expect(matching('sql', selectSignal)).toBe(0);
    expect(requestsTo('/api/v1/entity/get')).toBe(0);
  });
});

describe('withStorageRetry', () => {
  const kvsError = (status: number, body: { code: string; message: string; [k: string]: unknown }) =>
    new ForgeKvsAPIError({ status, statusText: '' }, body);

  it('waits out a retry-after the storage sends in its body, up to 5 s', async () => {
    const failures = [kvsError(429, { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down', retryAfter: 2 })];
    const answer = await withStorageRetry(async () => {
      const next = failures.shift();
      if (next) throw next;
      return 'answered';
    });
    expect(answer).toBe('answered');
    expect(waits).toEqual([2000]);
  });

  it('tells the person to come back rather than wait out a longer one', async () => {
    let attempts = 0;
    const error = await withStorageRetry(async () => {
      attempts += 1;
      throw kvsError(429, { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down', retryAfter: 12 });
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate-limited', message: expect.stringContaining('Try again in 12 s'), details: { retryAfterSeconds: 12 } });
    expect(attempts).toBe(1);
    expect(waits).toEqual([]);
  });

  it('retries a 502 whose body was not the storage’s own (a proxy page)', async () => {
    const failures = [kvsError(502, { code: 'UNKNOWN_ERROR', message: 'Unexpected error in Forge KVS API', context: { responseText: '<html>Bad gateway</html>' } })];
    expect(
      await withStorageRetry(async () => {
        const next = failures.shift();
        if (next) throw next;
        return 1;
      }),
    ).toBe(1);
    expect(waits).toHaveLength(1);
  });

  it('retries a request that never got an answer, and reports it as storage-unavailable when it keeps failing', async () => {
    let attempts = 0;
    const error = await withStorageRetry(async () => {
      attempts += 1;
      throw new TypeError('fetch failed');
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'storage-unavailable', details: { retryAfterSeconds: 5 } });
    expect(attempts).toBe(4);
  });

  it.each([
    ['a failed transaction condition', kvsError(409, { code: 'CONDITION_CHECK_FAILED', message: 'condition' })],
    ['a refused request', kvsError(400, { code: 'INVALID_KEY', message: 'bad key' })],
    ['an error that is not the storage’s', new TypeError('undefined is not a function')],
  ])('passes %s through untouched, without retrying', async (_what, thrown) => {
    let attempts = 0;
    const error = await withStorageRetry(async () => {
      attempts += 1;
      throw thrown;
    }).catch((e: unknown) => e);
    expect(error).toBe(thrown);
    expect(attempts).toBe(1);
  });
});
