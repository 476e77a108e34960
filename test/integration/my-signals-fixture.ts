/**
 * A small known world of signals for My signals, shipped and pipeline health: signals raised by named people,
 * clusters, and decisions written through the app's own repositories (as `signals.route` writes them).
 */
import { attachSignal, createCluster, setClusterState } from '../../src/store/cluster-repository';
import { recordJiraSide, storeRouteDecision } from '../../src/store/routing-decision-repository';
import { insertSignals, signalKey } from '../../src/store/signal-repository';
import type { Sandbox } from '../sandbox/sandbox';

export const DAY = 86_400_000;

export interface FixtureSignal {
  externalId: string;
  raisedBy: string;
  text: string;
  customer: string;
  arr?: number;
  receivedAtMs: number;
}

export async function addSignals(sandbox: Sandbox, signals: readonly FixtureSignal[]): Promise<string[]> {
  await sandbox.asApp(() =>
    insertSignals(
      signals.map((s) => ({
        externalId: s.externalId,
        source: 'crm' as const,
        state: 'new' as const,
        receivedAt: Math.floor(s.receivedAtMs / 1000),
        customer: s.customer,
        text: s.text,
        raisedByName: 'Someone',
        raisedByAccountId: s.raisedBy,
        ...(s.arr !== undefined ? { arr: s.arr } : {}),
      })),
    ),
  );
  return signals.map((s) => signalKey('crm', s.externalId));
}

let clusters = 0;

/** A cluster holding these signals, decided `route` at `decidedAtMs` (no decision when route is null). */
export async function clusterWith(
  sandbox: Sandbox,
  signalIds: readonly string[],
  route: 'roadmap' | 'quick-fix' | 'parking-lot' | 'declined' | null,
  decidedAtMs: number,
  options: { issueKey?: string; rationale?: string; decidedBy?: string } = {},
): Promise<string> {
  clusters += 1;
  const id = `cluster-fixture-${clusters}-${Math.random().toString(36).slice(2, 8)}`;
  return sandbox.asApp(async () => {
    await createCluster({ id, title: `Fixture ${clusters}`, state: 'new' }, decidedAtMs);
    for (const signalId of signalIds) await attachSignal(signalId, id, decidedAtMs);
    if (route === null) return id;
    const decisionId = `decision-${id}`;
    await storeRouteDecision(
      {
        clusterId: id,
        decisionId,
        clusterVersion: 1_000,
        route,
        rationale: options.rationale ?? `Because ${route}.`,
        decidedBy: options.decidedBy ?? 'lead-account',
        decidedByName: 'Hannah Okafor',
        jiraState: route === 'roadmap' || route === 'quick-fix' ? 'pending' : 'none',
        jiraEffectId: null,
        targetProjectKey: null,
        epicKey: null,
        epicSummary: null,
        intoNextSprint: null,
        duplicateOf: null,
        requireClusterAt: null,
        parkBaseline: route === 'parking-lot',
      },
      decidedAtMs,
    );
    if (options.issueKey) await recordJiraSide(id, decisionId, { state: 'done', issueKey: options.issueKey });
    const state = route === 'parking-lot' ? 'parked' : route === 'declined' ? 'declined' : 'routed';
    await setClusterState(id, state, decidedAtMs);
    return id;
  });
}

/** Sets the `upstream-origin` property as the app, through the emulator's REST handler. */
export async function setOrigin(sandbox: Sandbox, issueKey: string, signalIds: readonly string[]): Promise<void> {
  const res = await sandbox.jira.handle({
    method: 'PUT',
    path: `/rest/api/3/issue/${issueKey}/properties/upstream-origin`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'linked', signalIds, discoveryNoteId: null, customers: ['Fixture Co'], arr: 0, linkedAt: new Date().toISOString(), linkedBy: 'lead-account' }),
    asUser: null,
  });
  if (res.status >= 300) throw new Error(`could not set the origin of ${issueKey}: ${res.status}`);
}

/** An issue of the seeded site in a status of the given category. */
export function issueIn(sandbox: Sandbox, project: string, category: 'new' | 'indeterminate' | 'done', skip: readonly string[] = []): string {
  const statuses = new Set(sandbox.jira.site.statuses.filter((s) => s.category === category).map((s) => s.id));
  const issue = sandbox.jira.site.issues.find(
    (i) => i.key.startsWith(`${project}-`) && statuses.has(i.statusId) && i.properties['upstream-origin'] === undefined && !skip.includes(i.key) && i.parentId === null,
  );
  if (!issue) throw new Error(`no ${category} issue in ${project}`);
  return issue.key;
}
