/**
 * Routing clusters end to end in the sandbox (`signals.route` through the real resolvers): the decision stored
 * first, the queue drained, the Jira side in the emulator (a Corrective issue with the customers' words in ADF,
 * the origin property that JQL finds, the work type; an epic's origin gaining the signals), parking and
 * declining, duplicate as an undoable merge, refusals that store nothing, two leads at once, 50 clusters in one
 * bulk call, and 20 % Jira and queue faults with nothing lost and nothing created twice.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { signedIntakeRequest } from '../sandbox/intake-request';
import { clock } from '../../src/services/clock';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { retryPolicy } from '../../src/jira/client';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { createCluster, getCluster } from '../../src/store/cluster-repository';
import { getRouteDecisions } from '../../src/store/routing-decision-repository';
import { getSignalClustering } from '../../src/store/signal-repository';
import { as } from './work-type-helpers';
import { drainOutbox } from './outbox-drain';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let secret: string;
let fakeNow = Date.now();
const realNow = clock.now;
const realSleep = storageRetryPolicy.sleep;
const realJiraSleep = retryPolicy.sleep;
const LEAD = SEED_USERS.productLead;
const ENGINEER = SEED_USERS.engineer;

type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
const call = async (accountId: string, key: string, payload: unknown): Promise<Answer> =>
  (await sandbox.invoke(as(accountId, 'triage-queue', { project: { key: 'PAY' } }), key, payload)) as Answer;

const intake = (signal: Record<string, unknown>) => sandbox.webtrigger('signal-intake', signedIntakeRequest(secret, signal, Math.floor(fakeNow / 1000)) as never);
async function send(externalId: string, text: string, customer: string, arr?: number): Promise<string> {
  const res = await intake({ externalId, source: 'crm', customer, text, raisedBy: { name: 'Ana' }, ...(arr !== undefined ? { arr } : {}) });
  expect([200, 202]).toContain(res.statusCode);
  await sandbox.events.settle();
  return (JSON.parse(res.body ?? '{}') as { id: string }).id;
}
const cluster = async (id: string) => (await sandbox.asApp(() => getCluster(id)))!;
const target = async (id: string) => ({ clusterId: id, version: (await cluster(id)).version });
const decision = async (id: string) => (await sandbox.asApp(() => getRouteDecisions([id]))).get(id);
const decisionRows = () => sandbox.asApp(() => selectRows(db.selectFrom('routing_decision').select(['cluster_id']).compile()));
const issuesWithDecision = (decisionId: string) => sandbox.jira.site.issues.filter((i) => (i.properties['upstream-origin'] as { decisionId?: string } | undefined)?.decisionId === decisionId);

/** Drains the queue, then the sweeper (past every lease and backoff) until no outbox row is pending. */
const drain = (): Promise<void> => drainOutbox(sandbox, () => void (fakeNow += 16 * 60_000));

let n = 0;
async function freshCluster(title: string): Promise<string> {
  n += 1;
  return sandbox.asApp(() => createCluster({ id: `cluster-routing-${n}`, title, state: 'new' }, fakeNow));
}

let greenhouse = '';
let greenhouseSignals: string[] = [];

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  retryPolicy.sleep = async () => undefined;
  fakeNow = Date.now();
  clock.now = () => new Date(fakeNow);
  const rotated = (await sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.rotateIntakeSecret', {})) as { data: { secret: string } };
  secret = rotated.data.secret;
  greenhouseSignals = [
    await send('route-a-0', 'Greenhouse humidity sensors report condensation alarms every night in bay four', 'Grower One', 120_000),
    await send('route-a-1', 'Condensation alarms from the greenhouse humidity sensors go off every night', 'Grower Two', 30_000),
  ];
  greenhouse = (await sandbox.asApp(() => getSignalClustering(greenhouseSignals[0]!)))!.clusterId!;
}, 180_000);
afterAll(async () => {
  clock.now = realNow;
  storageRetryPolicy.sleep = realSleep;
  retryPolicy.sleep = realJiraSleep;
  await sandbox.close();
});

describe('signals.route', () => {
  it('routes a cluster to Quick fix: decision stored, then a Corrective issue with the words in ADF and the origin that JQL finds', async () => {
    const answer = await call(LEAD, 'signals.route', {
      projectKey: 'PAY',
      targets: [await target(greenhouse)],
      route: 'quick-fix',
      rationale: '  Two growers lose sleep over false alarms; a threshold fix.  ',
      quickFix: { projectKey: 'PAY', intoNextSprint: false },
    });
    expect(answer.ok).toBe(true);
    const [result] = (answer as { data: { results: any[] } }).data.results;
    expect(result).toMatchObject({ clusterId: greenhouse, outcome: 'decided', decision: { route: 'quick-fix', rationale: 'Two growers lose sleep over false alarms; a threshold fix.', jira: { state: 'pending', issueKey: null } } });
    expect(result.decision.by).not.toBe(LEAD);
    // Stored first and out of the Inbox before the queue ran.
    expect((await cluster(greenhouse)).state).toBe('routed');
    await drain();
    const stored = (await decision(greenhouse))!;
    expect(stored).toMatchObject({ jiraState: 'done', issueKey: expect.stringMatching(/^PAY-\d+$/) });
    const issues = issuesWithDecision(stored.decisionId!);
    expect(issues).toHaveLength(1);
    const issue = issues[0]!;
    expect(issue.key).toBe(stored.issueKey);
    expect(sandbox.jira.site.issueTypes.find((t) => t.id === issue.issueTypeId)?.name).toBe('Bug');
    const text = JSON.stringify(issue.description);
    expect(text).toContain('Greenhouse humidity sensors report condensation alarms');
    expect(text).toContain('Grower One');
    expect(text).toContain('ARR $120,000');
    expect(issue.properties['upstream-origin']).toMatchObject({ kind: 'linked', signalIds: expect.arrayContaining(greenhouseSignals), customers: expect.arrayContaining(['Grower One', 'Grower Two']), arr: 150_000 });
    expect(Object.values(issue.customFields)).toContain('Corrective');
    const search = (await sandbox.asApp(async () => {
      const { issuesWithOriginSignals } = await import('../../src/jira/issue-create');
      return issuesWithOriginSignals([greenhouseSignals[1]!]);
    })) as Array<{ key: string }>;
    expect(search.map((i) => i.key)).toContain(issue.key);
  });

  it('links a Roadmap decision to an existing epic: its origin gains the signals', async () => {
    const id = await freshCluster('Roadmap theme');
    const epic = sandbox.jira.site.issues.find((i) => i.key.startsWith('PAY-') && sandbox.jira.site.issueTypes.find((t) => t.id === i.issueTypeId)?.name === 'Epic')!;
    const answer = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(id)], route: 'roadmap', rationale: 'Planned for Q1.', roadmap: { epicKey: epic.key } });
    expect(answer.ok && answer.data.results[0].outcome).toBe('decided');
    await drain();
    expect(await decision(id)).toMatchObject({ jiraState: 'done', issueKey: epic.key });
    expect(epic.properties['upstream-origin']).toMatchObject({ kind: 'linked' });
  });

  it('parks (with the evidence then as its baseline) and declines, with no Jira side', async () => {
    const parked = await freshCluster('Park me');
    const declined = await freshCluster('Decline me');
    const park = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(parked)], route: 'parking-lot', rationale: 'Real, but behind e-invoicing.' });
    const decline = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(declined)], route: 'declined', rationale: 'Out of scope for a payments product.' });
    expect(park.ok && park.data.results[0].decision.jira).toEqual({ state: 'none', issueKey: null, error: null });
    expect(decline.ok && decline.data.results[0].outcome).toBe('decided');
    await drain();
    expect((await cluster(parked)).state).toBe('parked');
    expect((await cluster(declined)).state).toBe('declined');
    expect(await decision(parked)).toMatchObject({ route: 'parking-lot', parkedAt: { signals: 0, arr: 0 } });
  });

  it('brings a parked cluster back to the Inbox once three signals joined it since parking, and not before', async () => {
    const first = await send('route-park-0', 'Forklift telemetry dashboard freezes when the depot map loads pallets', 'Depot One', 10_000);
    const parked = (await sandbox.asApp(() => getSignalClustering(first)))!.clusterId!;
    const answer = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(parked)], route: 'parking-lot', rationale: 'Behind the depot rework.' });
    expect(answer.ok && answer.data.results[0].outcome).toBe('decided');
    expect(await decision(parked)).toMatchObject({ parkedAt: { signals: 1, arr: 10_000 } });
    const joined = [
      await send('route-park-1', 'Lighthouse keeper rota spreadsheet needs a night column', 'Coast One'),
      await send('route-park-2', 'Bakery oven schedule exports lose the sourdough batches', 'Bakery Two'),
      await send('route-park-3', 'Kayak rental waivers cannot be signed on tablets', 'Lake Three'),
    ];
    // Clustering joins only open clusters; the joins are made here as a person's move would make them.
    const { attachSignal } = await import('../../src/store/cluster-repository');
    const { returnParkedClusters } = await import('../../src/services/signals/routing-parking');
    await sandbox.asApp(() => attachSignal(joined[0]!, parked, fakeNow));
    await sandbox.asApp(() => attachSignal(joined[1]!, parked, fakeNow));
    expect(await sandbox.asApp(() => returnParkedClusters([parked, greenhouse]))).toEqual([]);
    expect((await cluster(parked)).state).toBe('parked');
    await sandbox.asApp(() => attachSignal(joined[2]!, parked, fakeNow));
    expect(await sandbox.asApp(() => returnParkedClusters([parked, greenhouse]))).toEqual([parked]);
    expect((await cluster(parked)).state).toBe('new');
    // Marked: back in the Inbox with its parking-lot decision still standing.
    expect(await decision(parked)).toMatchObject({ route: 'parking-lot' });
    expect(await sandbox.asApp(() => returnParkedClusters([parked]))).toEqual([]);
  });

  it('routes a single signal: split out of its cluster into its own (undoable), then that cluster is routed', async () => {
    const one = await send('route-single-0', 'Ferry timetable widget shows cancelled sailings as departed at the harbour', 'Port One');
    const two = await send('route-single-1', 'The harbour ferry timetable widget marks cancelled sailings as departed', 'Port Two');
    const from = (await sandbox.asApp(() => getSignalClustering(one)))!.clusterId!;
    expect((await sandbox.asApp(() => getSignalClustering(two)))!.clusterId).toBe(from);
    const answer = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [{ ...(await target(from)), signalId: two }], route: 'declined', rationale: 'Only one port sees it; not worth it.' });
    expect(answer.ok).toBe(true);
    const [result] = (answer as { data: { results: any[] } }).data.results;
    expect(result).toMatchObject({ signalId: two, outcome: 'decided', decision: { route: 'declined' } });
    expect(result.clusterId).not.toBe(from);
    expect((await sandbox.asApp(() => getSignalClustering(two)))!.clusterId).toBe(result.clusterId);
    expect((await cluster(result.clusterId)).state).toBe('declined');
    expect((await cluster(from)).state).toBe('new');
    // A stale version of the cluster: nothing is split, and the lead sees the cluster as it is.
    const stale = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [{ clusterId: from, version: 1, signalId: one }], route: 'declined', rationale: 'No.' });
    expect(stale.ok && stale.data.results[0]).toMatchObject({ signalId: one, outcome: 'conflict', current: { cluster: { id: from } } });
    expect((await sandbox.asApp(() => getSignalClustering(one)))!.clusterId).toBe(from);
  });

  it('marks a duplicate by merging it (undoable), with the rationale kept; a duplicate of itself is refused', async () => {
    // Undo takes the caller's latest change: this merge must be later than the move of the test before.
    fakeNow += 60_000;
    const from = await freshCluster('Dup from');
    const into = await freshCluster('Dup into');
    const self = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(from)], route: 'duplicate', rationale: 'Same need.', duplicateOf: await target(from) });
    expect(self).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const answer = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(from)], route: 'duplicate', rationale: 'Same need, other words.', duplicateOf: await target(into) });
    expect(answer.ok && answer.data.results[0]).toMatchObject({ outcome: 'decided', decision: { route: 'duplicate', duplicateOf: into } });
    expect((await cluster(from)).state).toBe('merged');
    const undo = await call(LEAD, 'signals.undo', { projectKey: 'PAY' });
    expect(undo.ok).toBe(true);
    expect((await cluster(from)).state).toBe('new');
  });

  it('refuses without a rationale, or into a project the lead cannot create issues in, and stores nothing', async () => {
    const id = await freshCluster('Refused');
    const rowsBefore = (await decisionRows()).length;
    const noReason = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(id)], route: 'declined', rationale: '   ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const ops = sandbox.jira.site.projects.find((p) => p.key === 'OPS')!;
    const saved = ops.permissions[LEAD];
    ops.permissions[LEAD] = ['BROWSE_PROJECTS'];
    try {
      const forbidden = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(id)], route: 'quick-fix', rationale: 'Fix it.', quickFix: { projectKey: 'OPS', intoNextSprint: false } });
      expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('OPS') } });
    } finally {
      ops.permissions[LEAD] = saved!;
    }
    const engineer = await call(ENGINEER, 'signals.route', { projectKey: 'PAY', targets: [await target(id)], route: 'declined', rationale: 'No.' });
    expect(engineer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await decisionRows()).length).toBe(rowsBefore);
    expect((await cluster(id)).state).toBe('new');
  });

  it('lets exactly one of two leads deciding at once stand; the other gets conflict with the decision that stands', async () => {
    const id = await freshCluster('Contested');
    const seen = await target(id);
    const [first, second] = await Promise.all([
      call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [seen], route: 'declined', rationale: 'Lead one: no.' }),
      call(SEED_USERS.admin, 'signals.route', { projectKey: 'PAY', targets: [seen], route: 'parking-lot', rationale: 'Lead two: later.' }),
    ]);
    const outcomes = [first, second].map((a) => (a.ok ? a.data.results[0] : null));
    expect(outcomes.map((o) => o?.outcome).sort()).toEqual(['conflict', 'decided']);
    const won = outcomes.find((o) => o?.outcome === 'decided');
    const lost = outcomes.find((o) => o?.outcome === 'conflict');
    expect(lost.current.decision).toMatchObject({ route: won.decision.route, rationale: won.decision.rationale });
    expect(lost.message).toContain('rationale is kept');
    expect((await decision(id))?.rationale).toBe(won.decision.rationale);
  });

  it('says when the Jira side failed for good, and a retry creates the issue once', async () => {
    const id = await freshCluster('Fails then retried');
    const bulkOnly = (req: { path: string }) => req.path.startsWith('/rest/api/3/issue/bulk') && !req.path.includes('bulkfetch');
    sandbox.jiraLink.injectFault({ match: bulkOnly, status: 503, times: Infinity });
    try {
      const answer = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(id)], route: 'quick-fix', rationale: 'Fix it.', quickFix: { projectKey: 'PAY', intoNextSprint: false } });
      expect(answer.ok && answer.data.results[0].decision.jira.state).toBe('pending');
      const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        await drain();
      } finally {
        error.mockRestore();
      }
    } finally {
      sandbox.jiraLink.clearFaults();
    }
    const failed = (await decision(id))!;
    expect(failed.issueKey).toBeNull();
    // Still `pending` on the row, but its outbox effect ran out of attempts: shown (and retried) as failed.
    const retried = await call(LEAD, 'signals.retryRoute', { projectKey: 'PAY', clusterId: id });
    expect(retried).toMatchObject({ ok: true, data: { decision: { jira: { state: 'pending' } } } });
    const again = await call(SEED_USERS.admin, 'signals.retryRoute', { projectKey: 'PAY', clusterId: id });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await drain();
    const done = (await decision(id))!;
    expect(done).toMatchObject({ jiraState: 'done', issueKey: expect.stringMatching(/^PAY-/) });
    expect(issuesWithDecision(done.decisionId!)).toHaveLength(1);
    expect(await call(LEAD, 'signals.retryRoute', { projectKey: 'PAY', clusterId: id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  }, 120_000);

  it('routes 50 clusters to Quick fix with one bulk create call', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) ids.push(await freshCluster(`Batch fix ${i}`));
    const targets = await Promise.all(ids.map(target));
    sandbox.jiraLink.clearLog();
    const answer = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets, route: 'quick-fix', rationale: 'Small fixes, one sprint.', quickFix: { projectKey: 'PAY', intoNextSprint: true } });
    expect(answer.ok && answer.data.results.every((r: { outcome: string }) => r.outcome === 'decided')).toBe(true);
    await drain();
    const bulk = sandbox.jiraLink.log.filter((r) => r.method === 'POST' && r.path.startsWith('/rest/api/3/issue/bulk') && !r.path.includes('bulkfetch'));
    const single = sandbox.jiraLink.log.filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue');
    console.log(`routing 50 clusters to Quick fix: ${bulk.length} bulk create call(s), ${single.length} single creates, ${sandbox.jiraLink.log.length} Jira calls in all`);
    expect(bulk).toHaveLength(1);
    expect(single).toHaveLength(0);
    const decisions = await sandbox.asApp(() => getRouteDecisions(ids));
    expect([...decisions.values()].filter((d) => d.jiraState === 'done')).toHaveLength(50);
    const created = sandbox.jira.site.issues.filter((i) => [...decisions.values()].some((d) => d.issueKey === i.key));
    expect(created).toHaveLength(50);
    // Into the board's next (future) sprint.
    expect(created.every((i) => i.sprintIds.length === 1)).toBe(true);
  }, 120_000);

  it('under 20 % Jira and queue faults stores every decision and creates every issue exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push(await freshCluster(`Faulty fix ${i}`));
    sandbox.jiraLink.clearLog();
    const before = { ...sandbox.events.stats };
    sandbox.events.configure({ failureRate: 0.2, duplicateRate: 0.15, pushFailureRate: 0.2, maxDeliveries: 2, seed: 77 });
    const appSide = /^\/rest\/(api\/3\/(issue\/bulk|search\/jql|app\/field|field)|agile\/)/;
    // 20 % of the Jira calls the effect makes fail (the client retries them), and the first bulk create fails
    // every one of its tries, so the outbox itself must retry the effect.
    sandbox.jiraLink.injectFault({ match: (req) => appSide.test(req.path), status: [429, 500, 503], rate: 0.2, times: Infinity, seed: 5 });
    sandbox.jiraLink.injectFault({ match: (req) => req.path.startsWith('/rest/api/3/issue/bulk') && !req.path.includes('bulkfetch'), status: 503, times: 4 });
    try {
      for (let start = 0; start < ids.length; start += 10) {
        const targets = await Promise.all(ids.slice(start, start + 10).map(target));
        const answer = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets, route: 'quick-fix', rationale: 'Under faults.', quickFix: { projectKey: 'PAY', intoNextSprint: false } });
        expect(answer.ok).toBe(true);
      }
      await drain();
    } finally {
      sandbox.jiraLink.clearFaults();
      sandbox.events.configure({ failureRate: 0, duplicateRate: 0, pushFailureRate: 0, maxDeliveries: Infinity });
    }
    const decisions = await sandbox.asApp(() => getRouteDecisions(ids));
    const lost = ids.filter((id) => !decisions.has(id)).length;
    const perDecision = [...decisions.values()].map((d) => issuesWithDecision(d.decisionId!).length);
    const duplicates = perDecision.filter((count) => count > 1).length;
    console.log(`signals.route under faults: ${ids.length} clusters, lost ${lost}, duplicates ${duplicates}, done ${[...decisions.values()].filter((d) => d.jiraState === 'done').length}`);
    // The faults did happen: Jira refused requests, the queue failed and duplicated deliveries and refused pushes.
    expect(sandbox.jiraLink.faultedCount).toBeGreaterThan(0);
    expect(sandbox.events.stats.deliveryFailuresInjected - before.deliveryFailuresInjected + sandbox.events.stats.pushFailuresInjected - before.pushFailuresInjected).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
    expect(perDecision.every((count) => count === 1)).toBe(true);
    expect([...decisions.values()].every((d) => d.jiraState === 'done')).toBe(true);
  }, 180_000);
});

describe('the triage tabs (signals.inbox by state) and the routing dialog’s choices', () => {
  type Page = { clusters: Array<{ id: string; state: string; arrTotal: number; signalCount: number }>; nextCursor: string | null; details: Record<string, any>; counts: Record<string, number> | null };
  const tab = async (payload: Record<string, unknown>): Promise<Page> => {
    const answer = await call(LEAD, 'signals.inbox', { projectKey: 'PAY', ...payload });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data as Page;
  };

  it('a parked cluster takes new signals from clustering and comes back to the Inbox, marked with what crossed the threshold', async () => {
    const text = (n: number) => `Sheep shearing rota app drops the afternoon shearers from the weekly shed roster (${n})`;
    const first = await send('tabs-park-0', text(0), 'Farm Zero', 5_000);
    const parked = (await sandbox.asApp(() => getSignalClustering(first)))!.clusterId!;
    const park = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(parked)], route: 'parking-lot', rationale: 'One farm so far.' });
    expect(park.ok && park.data.results[0].outcome).toBe('decided');
    expect((await tab({ state: 'parked' })).clusters.map((c) => c.id)).toContain(parked);
    // Two new signals join it while it is parked: it stays parked, and the tab shows the evidence gained.
    await send('tabs-park-1', text(1), 'Farm One');
    const second = await send('tabs-park-2', text(2), 'Farm Two');
    expect((await sandbox.asApp(() => getSignalClustering(second)))!.clusterId).toBe(parked);
    expect((await cluster(parked)).state).toBe('parked');
    const parkingTab = await tab({ state: 'parked' });
    expect(parkingTab.details[parked]).toMatchObject({ decision: { route: 'parking-lot', rationale: 'One farm so far.' }, sinceParking: { signals: 2, thresholds: { newSignals: 3 } } });
    // The third crosses the threshold (3 new signals): back in the Inbox, marked.
    await send('tabs-park-3', text(3), 'Farm Three');
    expect((await cluster(parked)).state).toBe('new');
    const inbox = await tab({ state: 'new', text: 'shearing' });
    expect(inbox.clusters.map((c) => c.id)).toEqual([parked]);
    expect(inbox.details[parked]).toMatchObject({ decision: { route: 'parking-lot' }, sinceParking: { signals: 3 } });
  });

  it('lists Routed and Declined with each decision and its Jira side, counts every tab, and gives each cluster an 8-week trend', async () => {
    const routed = await freshCluster('Tabs routed');
    const declined = await freshCluster('Tabs declined');
    await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(routed)], route: 'quick-fix', rationale: 'Fix the tabs.', quickFix: { projectKey: 'PAY', intoNextSprint: false } });
    const before = (await tab({ state: 'routed', sort: 'recent' })).details[routed];
    // The sandbox's queue may already have delivered the effect: pending or done, never failed.
    expect(before).toMatchObject({ decision: { route: 'quick-fix' } });
    expect(['pending', 'done']).toContain(before.decision.jira.state);
    await drain();
    const routedTab = await tab({ state: 'routed', pageSize: 100 });
    expect(routedTab.details[routed].decision).toMatchObject({ rationale: 'Fix the tabs.', by: expect.any(String), jira: { state: 'done', issueKey: expect.stringMatching(/^PAY-\d+$/) } });
    await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [await target(declined)], route: 'declined', rationale: 'Not for us.' });
    const declinedTab = await tab({ state: 'declined', pageSize: 100 });
    expect(declinedTab.details[declined].decision).toMatchObject({ route: 'declined', rationale: 'Not for us.', jira: { state: 'none' } });
    // Counts: every tab, from the table itself.
    const states = await sandbox.asApp(() => selectRows(db.selectFrom('cluster').select(['state']).compile()));
    const count = (state: string) => states.filter((r) => r.state === state).length;
    expect(declinedTab.counts).toEqual({ inbox: count('new'), parking: count('parked'), routed: count('routed'), declined: count('declined') });
    // A later page carries no counts.
    const firstPage = await tab({ state: 'routed', pageSize: 2 });
    expect(firstPage.nextCursor).not.toBeNull();
    expect((await tab({ state: 'routed', pageSize: 2, cursor: firstPage.nextCursor })).counts).toBeNull();
    // The greenhouse cluster's two signals arrived this week: the last of 8 weeks.
    const greenhouseTrend = (await tab({ state: 'routed', pageSize: 100 })).details[greenhouse].trend;
    expect(greenhouseTrend).toHaveLength(8);
    expect(greenhouseTrend[7]).toBe(2);
    expect(greenhouseTrend.slice(0, 7).every((n: number) => n === 0)).toBe(true);
  });

  it('filters by source, age and free text, and sorts by ARR and by signal count through every page', async () => {
    const text = await tab({ state: 'routed', text: 'condensation' });
    expect(text.clusters.map((c) => c.id)).toEqual([greenhouse]);
    expect((await tab({ state: 'routed', text: 'no such words anywhere' })).clusters).toEqual([]);
    expect((await tab({ state: 'routed', source: 'crm', pageSize: 100 })).clusters.map((c) => c.id)).toContain(greenhouse);
    expect((await tab({ state: 'routed', source: 'slack', pageSize: 100 })).clusters.map((c) => c.id)).not.toContain(greenhouse);
    expect((await tab({ state: 'routed', age: '7d', pageSize: 100 })).clusters.map((c) => c.id)).toContain(greenhouse);
    for (const sort of ['arr', 'count'] as const) {
      const seen: Page['clusters'] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await tab({ state: 'routed', sort, pageSize: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...page.clusters);
        cursor = page.nextCursor;
      } while (cursor);
      const keys = seen.map((c) => (sort === 'arr' ? c.arrTotal : c.signalCount));
      expect(keys).toEqual([...keys].sort((a, b) => b - a));
      expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
      expect(seen.length).toBe((await tab({ state: 'routed', pageSize: 100 })).clusters.length);
    }
  });

  it('offers the projects the lead can create issues in, and the epics of a project by words or key', async () => {
    const projects = await call(LEAD, 'signals.routeProjects', { projectKey: 'PAY' });
    expect(projects.ok).toBe(true);
    const keys = (projects as { data: { projects: Array<{ key: string }> } }).data.projects.map((p) => p.key);
    expect(keys).toContain('PAY');
    const ops = sandbox.jira.site.projects.find((p) => p.key === 'OPS')!;
    const saved = ops.permissions[LEAD];
    ops.permissions[LEAD] = ['BROWSE_PROJECTS'];
    try {
      const without = await call(LEAD, 'signals.routeProjects', { projectKey: 'PAY' });
      expect((without as { data: { projects: Array<{ key: string }> } }).data.projects.map((p) => p.key)).not.toContain('OPS');
    } finally {
      ops.permissions[LEAD] = saved!;
    }
    const epicType = sandbox.jira.site.issueTypes.find((t) => t.name === 'Epic')!;
    const epic = sandbox.jira.site.issues.find((i) => i.key.startsWith('PAY-') && i.issueTypeId === epicType.id)!;
    const all = await call(LEAD, 'signals.epics', { projectKey: 'PAY', inProject: 'PAY', query: '' });
    expect(all.ok && all.data.epics.map((e: { key: string }) => e.key)).toContain(epic.key);
    expect(all.ok && all.data.epics.every((e: { type: string }) => e.type === 'Epic')).toBe(true);
    const word = epic.summary.split(/\s+/).find((w) => w.length > 3)!.replace(/[^A-Za-z0-9]/g, '');
    const byWord = await call(LEAD, 'signals.epics', { projectKey: 'PAY', inProject: 'PAY', query: word });
    expect(byWord.ok && byWord.data.epics.map((e: { key: string }) => e.key)).toContain(epic.key);
    const byKey = await call(LEAD, 'signals.epics', { projectKey: 'PAY', inProject: 'PAY', query: epic.key.toLowerCase() });
    expect(byKey.ok && byKey.data.epics.map((e: { key: string }) => e.key)).toEqual([epic.key]);
    // Someone who may not triage is told so before anything is listed.
    expect(await call(ENGINEER, 'signals.epics', { projectKey: 'PAY', inProject: 'PAY', query: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(ENGINEER, 'signals.routeProjects', { projectKey: 'PAY' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
