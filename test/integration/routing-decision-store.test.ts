/**
 * One routing decision stands per cluster, on the sandbox's MariaDB: the first decision and every change are
 * single statements, and whoever decided second is answered `conflict` with the decision that won.
 */
import { sql } from '@forge/sql';
import { AppError } from '../../src/errors';
import {
  applyRouteToCluster,
  decideRoute,
  getRouteDecisions,
  getRoutingDecision,
  recordJiraSide,
  reopenJiraSide,
  RoutingConflict,
  storeRouteDecision,
  type RoutingDecisionInput,
} from '../../src/store/routing-decision-repository';
import { Sandbox } from '../sandbox/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = new Sandbox();
  await sandbox.sql.ready();
}, 180_000);
afterAll(() => sandbox.close());

const roadmap: RoutingDecisionInput = { route: 'roadmap', rationale: 'Eleven customers, 1.2 M ARR: planned for Q1.', issueKey: 'PAY-412', decidedBy: 'acc-hannah' };
const parked: RoutingDecisionInput = { route: 'parking-lot', rationale: 'Real, but behind e-invoicing.', decidedBy: 'acc-priya' };

it('stores the first decision at version 1 and each change as the next version: one statement each, and one to read it back', async () => {
  await sandbox.asApp(async () => {
    await getRoutingDecision('warm-up'); // the schema is in place before counting
    const before = sandbox.sqlLink.log.length;
    const first = await decideRoute('cluster-a', null, roadmap, 1_000);
    expect(first).toEqual({ clusterId: 'cluster-a', route: 'roadmap', rationale: roadmap.rationale, issueKey: 'PAY-412', duplicateOf: undefined, decidedBy: 'acc-hannah', decidedAt: 1_000, version: 1 });
    // The write and the read back of what is stored.
    expect(sandbox.sqlLink.log.length - before).toBe(2);
    const second = await decideRoute('cluster-a', 1, parked, 2_000);
    expect(second).toMatchObject({ route: 'parking-lot', issueKey: undefined, decidedBy: 'acc-priya', version: 2 });
    expect(await getRoutingDecision('cluster-a')).toEqual(second);
  });
});

it('answers conflict with the decision that won, for a stale version and for a second first decision, and changes nothing', async () => {
  await sandbox.asApp(async () => {
    await decideRoute('cluster-b', null, roadmap, 1_000);
    const won = await decideRoute('cluster-b', 1, parked, 2_000);
    const stale = await decideRoute('cluster-b', 1, { ...roadmap, rationale: 'late' }, 3_000).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(RoutingConflict);
    expect((stale as RoutingConflict).code).toBe('conflict');
    expect((stale as RoutingConflict).current).toEqual(won);
    const again = await decideRoute('cluster-b', null, roadmap, 4_000).catch((e: unknown) => e);
    expect((again as RoutingConflict).current).toEqual(won);
    expect(await getRoutingDecision('cluster-b')).toEqual(won);
  });
});

it('lets exactly one of several people deciding at once win', async () => {
  await sandbox.asApp(async () => {
    await decideRoute('cluster-c', null, roadmap, 1_000);
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => decideRoute('cluster-c', 1, { ...parked, rationale: `person ${i}` }, 2_000 + i)),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 'rejected' && a.reason instanceof RoutingConflict)).toHaveLength(5);
    const stored = await getRoutingDecision('cluster-c');
    expect(stored?.version).toBe(2);
    expect(stored?.rationale).toBe((won[0] as PromiseFulfilledResult<{ rationale: string }>).value.rationale);
  });
});

it('refuses an incomplete decision with the fields, writing nothing', async () => {
  await sandbox.asApp(async () => {
    for (const bad of [
      { ...roadmap, rationale: '  ' },
      { ...roadmap, route: 'somewhere' },
      { ...roadmap, route: 'duplicate' },
      { ...roadmap, issueKey: 'not a key' },
    ] as RoutingDecisionInput[]) {
      const error = await decideRoute('cluster-d', null, bad, 1_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'invalid-input' });
      expect(Object.keys((error as AppError).details.fields ?? {})).not.toHaveLength(0);
    }
    expect(await getRoutingDecision('cluster-d')).toBeNull();
  });
});

it('keeps a rationale with quotes, emoji and SQL byte for byte, and reports a row that does not parse by id', async () => {
  await sandbox.asApp(async () => {
    const rationale = `It's "urgent" \\ 🚀🇩🇪 '); DROP TABLE routing_decision; --`;
    await decideRoute('cluster-e', null, { ...roadmap, rationale }, 1_000);
    expect((await getRoutingDecision('cluster-e'))?.rationale).toBe(rationale);
    await sql.prepare('UPDATE `routing_decision` SET `route` = ? WHERE `cluster_id` = ?').bindParams('', 'cluster-e').execute();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await getRoutingDecision('cluster-e')).toBeNull();
      expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(expect.stringMatching(/^stored routing-decision cluster-e does not match its schema: route/));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('storeRouteDecision and applyRouteToCluster: the decision first, then the cluster, each one statement', () => {
  const write = (clusterId: string, decisionId: string, clusterVersion: number, route = 'declined') => ({
    clusterId,
    decisionId,
    clusterVersion,
    route,
    rationale: `Because ${decisionId}.`,
    decidedBy: 'acc-hannah',
    decidedByName: 'Hannah Okafor',
    jiraState: 'none',
    jiraEffectId: null,
    targetProjectKey: null,
    epicKey: null,
    epicSummary: null,
    intoNextSprint: null,
    duplicateOf: null,
    requireClusterAt: { routableStates: ['new', 'triaged', 'parked'] },
    parkBaseline: route === 'parking-lot',
  });
  const statesOf = async (id: string) => (await sql.prepare<{ state: string; version: number }>('SELECT state, version FROM `cluster` WHERE id = ?').bindParams(id).execute()).rows[0];

  it('keeps the first of two decisions on the same version, replaces it from a later version, and inserts nothing on a stale one', async () => {
    await sandbox.asApp(async () => {
      const { createCluster } = await import('../../src/store/cluster-repository');
      await createCluster({ id: 'cluster-route-a', title: 'A', state: 'new' }, 1_000);
      // Both park, so whichever wins leaves the cluster routable (parked) for the later decision below: with one of
      // them declining, the outcome depended on which statement the database ran first.
      await Promise.all([
        storeRouteDecision(write('cluster-route-a', 'decision-one', 1, 'parking-lot'), 2_000),
        storeRouteDecision(write('cluster-route-a', 'decision-two', 1, 'parking-lot'), 2_000),
      ]);
      const first = (await getRouteDecisions(['cluster-route-a'])).get('cluster-route-a')!;
      expect(['decision-one', 'decision-two']).toContain(first.decisionId);
      expect(first).toMatchObject({ clusterVersion: 1, version: 1, decidedByName: 'Hannah Okafor', jiraState: 'none' });
      // Applying the losing decision changes nothing; the standing one moves the cluster (and bumps its version), once.
      const loser = first.decisionId === 'decision-one' ? 'decision-two' : 'decision-one';
      expect(await applyRouteToCluster('cluster-route-a', loser, 'declined', ['new', 'parked'], 3_000)).toBe(false);
      const state = first.route === 'parking-lot' ? 'parked' : 'declined';
      expect(await applyRouteToCluster('cluster-route-a', first.decisionId!, state, ['new', 'parked'], 3_000)).toBe(true);
      expect(await applyRouteToCluster('cluster-route-a', first.decisionId!, state, ['new', 'parked'], 3_000)).toBe(false);
      expect(await statesOf('cluster-route-a')).toMatchObject({ state, version: 2 });
      // A stale version inserts nothing; the version now standing replaces the decision.
      await storeRouteDecision(write('cluster-route-a', 'decision-stale', 1), 4_000);
      expect((await getRouteDecisions(['cluster-route-a'])).get('cluster-route-a')?.decisionId).toBe(first.decisionId);
      await storeRouteDecision(write('cluster-route-a', 'decision-later', 2, 'parking-lot'), 5_000);
      expect((await getRouteDecisions(['cluster-route-a'])).get('cluster-route-a')).toMatchObject({ decisionId: 'decision-later', clusterVersion: 2, version: 2, parkedAt: { signals: 0, arr: 0 } });
    });
  });

  it('records the Jira side only for the standing decision and never moves a done side back; a retry reopens it once', async () => {
    await sandbox.asApp(async () => {
      const { createCluster } = await import('../../src/store/cluster-repository');
      await createCluster({ id: 'cluster-route-b', title: 'B', state: 'new' }, 1_000);
      await storeRouteDecision({ ...write('cluster-route-b', 'decision-b', 1, 'quick-fix'), jiraState: 'pending', jiraEffectId: 'route-to-jira:batch-1', targetProjectKey: 'PAY' }, 2_000);
      expect(await recordJiraSide('cluster-route-b', 'decision-other', { state: 'done', issueKey: 'PAY-9' })).toBe(false);
      expect(await recordJiraSide('cluster-route-b', 'decision-b', { state: 'failed', error: 'Jira refused it.' })).toBe(true);
      expect(await reopenJiraSide('cluster-route-b', 'decision-b', 'route-to-jira:batch-1', 'route-to-jira:retry-1')).toBe(true);
      expect(await reopenJiraSide('cluster-route-b', 'decision-b', 'route-to-jira:batch-1', 'route-to-jira:retry-2')).toBe(false);
      expect(await recordJiraSide('cluster-route-b', 'decision-b', { state: 'done', issueKey: 'PAY-10' })).toBe(true);
      expect(await recordJiraSide('cluster-route-b', 'decision-b', { state: 'failed', error: 'late' })).toBe(false);
      expect((await getRouteDecisions(['cluster-route-b'])).get('cluster-route-b')).toMatchObject({ jiraState: 'done', issueKey: 'PAY-10', jiraError: null, jiraEffectId: 'route-to-jira:retry-1' });
    });
  });
});
