/**
 * `signals.route` and `signals.retryRoute`: a product lead routes clusters (one or up to 50 at once) to the
 * roadmap, a quick fix, the parking lot, declined or duplicate, with a rationale kept with who and when.
 *
 * Order, each step ONE statement (Forge SQL has no transactions), chosen so that a crash between any two
 * leaves nothing lost and nothing decided stuck in the Inbox:
 * 1. Who may: the caller may triage the project, and may create issues in the target project (or edit the epic)
 *    — asked of Jira as them — before anything is stored. Bad input changes nothing.
 * 2. The outbox row `route-to-jira` is recorded (not pushed yet) naming each decision's new id. Recorded first,
 *    so that whatever happens after step 3 the sweeper will push it, and its perform applies the decisions.
 * 3. Each decision is stored: INSERT … SELECT FROM cluster WHERE version = <the version the lead saw> …
 *    ON DUPLICATE KEY UPDATE only-if-made-on-an-earlier-version. Of two leads who saw the same version exactly
 *    one decision stands; it is read back, and the other lead is answered `conflict` with it.
 * 4. The event is pushed (a failed push is the sweeper's to repeat; if no decision stood, the row is marked done).
 * 5. Each standing decision moves its cluster out of the Inbox: UPDATE cluster … WHERE the decision still stands.
 *    If the resolver dies before this, the outbox effect (step 2) runs the same conditional statement.
 * A duplicate is a merge (services/signals/cluster-operations.ts, undoable with `z`): the merge's own version
 * check decides who wins, then the decision records the rationale.
 */
import { randomUUID } from 'node:crypto';
import type { ClusterSummary, RouteInput, RoutingDecisionDto } from '../../contract';
import { CLUSTER_STATE_OF_ROUTE, ROUTABLE_CLUSTER_STATES, hasJiraSide, initialJiraSide, isRoutable } from '../../domain/routing';
import { AppError } from '../../errors';
import { canCreateIssuesIn } from '../../jira/issue-create';
import { myIssuePermissions } from '../../jira/issue-permissions';
import { displayNamesOf } from '../../jira/users';
import { ClusterConflict, getClusters, type ClusterRead } from '../../store/cluster-repository';
import { getOutboxRow, markOutboxDone, recordOutboxEffect } from '../../store/outbox-repository';
import { applyRouteToCluster, getRouteDecisions, reopenJiraSide, storeRouteDecision, type RouteDecision } from '../../store/routing-decision-repository';
import { pushWork } from '../../store/work-queue';
import { clock } from '../clock';
import { concurrencyOf, effectId, type Effect } from '../outbox/effects';
import { OUTBOX_LEASE_MS } from '../outbox/record';
import { requireSignalTriager } from './access';
import { mergeClusters, moveSignal } from './cluster-operations';
import { clusterSummary } from './inbox';
import { notifyRaisersOfRoutedClusters } from './notify-raisers';
import { decisionDtoOf, type EffectRead } from './routing-dto';

type Outcome = {
  clusterId: string;
  signalId: string | null;
  outcome: 'decided' | 'conflict' | 'refused';
  decision: RoutingDecisionDto | null;
  current: { cluster: ClusterSummary | null; decision: RoutingDecisionDto | null } | null;
  message: string | null;
};

async function decisionDtos(decisions: readonly RouteDecision[]): Promise<Map<string, RoutingDecisionDto>> {
  const effects = new Map<string, EffectRead>();
  for (const id of new Set(decisions.filter((d) => d.jiraState === 'pending' && d.jiraEffectId).map((d) => d.jiraEffectId!))) {
    const read = await getOutboxRow(id);
    effects.set(id, read.state === 'absent' ? { state: 'absent' } : read.state === 'read' ? { state: read.row.state, lastError: read.row.lastError } : { state: 'pending', lastError: null });
  }
  return new Map(decisions.map((d) => [d.clusterId, decisionDtoOf(d, d.jiraEffectId ? effects.get(d.jiraEffectId) : undefined)]));
}

/** Refuses before anything is stored: the caller triages the project and may create (or edit) where the Jira side goes. */
async function requireMayRoute(input: RouteInput): Promise<void> {
  await requireSignalTriager(input.projectKey);
  const createIn = input.route === 'quick-fix' ? input.quickFix?.projectKey : input.roadmap && 'create' in input.roadmap ? input.roadmap.create.projectKey : undefined;
  if (createIn !== undefined && !(await canCreateIssuesIn(createIn))) {
    throw new AppError('forbidden', `You cannot create issues in project ${createIn}, so nothing was routed. Choose a project you can create issues in, or ask its admin for Create Issues permission.`, {
      fields: { [input.route === 'quick-fix' ? 'quickFix.projectKey' : 'roadmap.create.projectKey']: 'no Create Issues permission' },
    });
  }
  if (input.roadmap && 'epicKey' in input.roadmap) {
    const epic = input.roadmap.epicKey;
    const permissions = await myIssuePermissions(epic).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not-found') return { browse: false, edit: false };
      throw error;
    });
    if (!permissions.browse) throw new AppError('not-found', `Epic ${epic} does not exist, or you cannot see it; nothing was routed. Choose another epic.`, { fields: { 'roadmap.epicKey': 'not found' } });
    if (!permissions.edit) throw new AppError('forbidden', `You cannot edit ${epic}, so its origin cannot name these signals; nothing was routed. Choose an epic you can edit.`, { fields: { 'roadmap.epicKey': 'no Edit Issues permission' } });
  }
}

const conflictOutcome = (clusterId: string, cluster: ClusterRead | undefined, decision: RoutingDecisionDto | null, message: string): Outcome => ({
  clusterId,
  signalId: null,
  outcome: 'conflict',
  decision: null,
  current: { cluster: cluster ? clusterSummary(cluster) : null, decision },
  message,
});

const MOVED_ON = 'This cluster changed since you opened it (someone routed it, or a signal joined); here it is now. Your rationale is kept: review and route again.';

/** A target once its signal (if it named one) is in a cluster of its own; or the outcome that stopped it. */
type ResolvedTarget = { signalId: string | null; target: { clusterId: string; version: number } } | { signalId: string; outcome: Outcome };

/**
 * Routing a single signal: each named signal is split out of its cluster into a new one (the Inbox's own move,
 * undoable), and the new cluster is what is routed. Signals from one cluster go one after another, each naming
 * the version the previous move left (the first names the version the lead saw).
 */
async function splitSignalTargets(targets: RouteInput['targets'], accountId: string): Promise<ResolvedTarget[]> {
  const versions = new Map<string, number>();
  const resolved: ResolvedTarget[] = [];
  for (const t of targets) {
    if (t.signalId === undefined) {
      resolved.push({ signalId: null, target: { clusterId: t.clusterId, version: t.version } });
      continue;
    }
    try {
      const moved = await moveSignal({ signalId: t.signalId, from: { id: t.clusterId, version: versions.get(t.clusterId) ?? t.version }, to: { new: true }, by: accountId });
      const from = moved.clusters.find((c) => c.id === t.clusterId);
      const own = moved.clusters.find((c) => c.id !== t.clusterId);
      if (from) versions.set(t.clusterId, from.version);
      if (!own) throw new AppError('not-found', `Signal ${t.signalId} could not be split out of its cluster; reload the cluster.`);
      resolved.push({ signalId: t.signalId, target: { clusterId: own.id, version: own.version } });
    } catch (error: unknown) {
      if (!(error instanceof AppError) || !['conflict', 'not-found', 'invalid-input'].includes(error.code)) throw error;
      const current = error instanceof ClusterConflict ? error.current.find((c) => c.id === t.clusterId) : undefined;
      const outcome =
        error.code === 'conflict'
          ? { ...conflictOutcome(t.clusterId, current, null, `${error.message} Your rationale is kept.`), signalId: t.signalId }
          : { clusterId: t.clusterId, signalId: t.signalId, outcome: 'refused' as const, decision: null, current: null, message: error.message };
      resolved.push({ signalId: t.signalId, outcome });
    }
  }
  return resolved;
}

export async function routeClusters(input: RouteInput, accountId: string): Promise<{ results: Outcome[] }> {
  await requireMayRoute(input);
  const resolved = await splitSignalTargets(input.targets, accountId);
  const routed = resolved.flatMap((r) => ('target' in r ? [r.target] : []));
  const { results } = await routeResolved({ ...input, targets: routed }, accountId);
  const byCluster = new Map(results.map((r) => [r.clusterId, r]));
  return { results: resolved.map((r) => ('outcome' in r ? r.outcome : { ...byCluster.get(r.target.clusterId)!, signalId: r.signalId })) };
}

async function routeResolved(input: RouteInput, accountId: string): Promise<{ results: Outcome[] }> {
  const ids = input.targets.map((t) => t.clusterId);
  if (ids.length === 0) return { results: [] };
  const [clusters, names, before] = await Promise.all([
    getClusters([...ids, ...(input.duplicateOf ? [input.duplicateOf.clusterId] : [])]),
    displayNamesOf([accountId]).catch(() => new Map<string, string>()),
    getRouteDecisions(ids),
  ]);
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const beforeDtos = await decisionDtos([...before.values()]);
  const results = new Map<string, Outcome>();
  const candidates: Array<{ clusterId: string; version: number }> = [];
  for (const target of input.targets) {
    const cluster = byId.get(target.clusterId);
    if (!cluster) results.set(target.clusterId, { clusterId: target.clusterId, signalId: null, outcome: 'refused', decision: null, current: null, message: `There is no cluster ${target.clusterId}; reload the Inbox.` });
    else if (cluster.version !== target.version || !isRoutable(cluster.state)) results.set(target.clusterId, conflictOutcome(target.clusterId, cluster, beforeDtos.get(target.clusterId) ?? null, MOVED_ON));
    else candidates.push(target);
  }
  const by = { accountId, name: names.get(accountId) ?? accountId };
  const decided = input.route === 'duplicate' ? await decideDuplicates(input, candidates, byId, by, results) : await decideRoutes(input, candidates, by);
  const after = await getRouteDecisions(ids);
  const dtos = await decisionDtos([...after.values()]);
  const nowClusters = new Map((await getClusters(ids)).map((c) => [c.id, c]));
  for (const target of candidates) {
    if (results.has(target.clusterId)) continue;
    const mine = decided.get(target.clusterId);
    const standing = after.get(target.clusterId);
    if (mine && standing?.decisionId === mine) {
      results.set(target.clusterId, { clusterId: target.clusterId, signalId: null, outcome: 'decided', decision: dtos.get(target.clusterId) ?? null, current: null, message: null });
    } else {
      results.set(target.clusterId, conflictOutcome(target.clusterId, nowClusters.get(target.clusterId), dtos.get(target.clusterId) ?? null, MOVED_ON));
    }
  }
  return { results: input.targets.map((t) => results.get(t.clusterId)!) };
}

/** Steps 2–5 of the header for every route but duplicate. Answers the decision id tried per cluster. */
async function decideRoutes(input: RouteInput, candidates: ReadonlyArray<{ clusterId: string; version: number }>, by: { accountId: string; name: string }): Promise<Map<string, string>> {
  const tried = new Map(candidates.map((c) => [c.clusterId, `decision-${randomUUID()}`]));
  if (candidates.length === 0) return tried;
  const now = clock.now().getTime();
  const effect: Effect<'route-to-jira'> = {
    id: effectId('route-to-jira', `batch-${randomUUID()}`),
    kind: 'route-to-jira',
    payload: { effectId: '', decisions: candidates.map((c) => ({ clusterId: c.clusterId, decisionId: tried.get(c.clusterId)! })) },
  };
  effect.payload.effectId = effect.id;
  // Recorded due only after the lease: the push below is the first delivery; the sweeper's is the fallback.
  await recordOutboxEffect({ id: effect.id, kind: effect.kind, payload: effect.payload as unknown as Record<string, unknown> }, now, now + OUTBOX_LEASE_MS);
  const route = input.route;
  const jiraSide = hasJiraSide(route);
  for (const c of candidates) {
    await storeRouteDecision(
      {
        clusterId: c.clusterId,
        decisionId: tried.get(c.clusterId)!,
        clusterVersion: c.version,
        route,
        rationale: input.rationale,
        decidedBy: by.accountId,
        decidedByName: by.name,
        jiraState: initialJiraSide(route),
        jiraEffectId: jiraSide ? effect.id : null,
        targetProjectKey: input.quickFix?.projectKey ?? (input.roadmap && 'create' in input.roadmap ? input.roadmap.create.projectKey : null),
        epicKey: input.roadmap && 'epicKey' in input.roadmap ? input.roadmap.epicKey : null,
        epicSummary: input.roadmap && 'create' in input.roadmap ? input.roadmap.create.summary : null,
        intoNextSprint: input.quickFix ? input.quickFix.intoNextSprint : null,
        duplicateOf: null,
        requireClusterAt: { routableStates: ROUTABLE_CLUSTER_STATES },
        parkBaseline: route === 'parking-lot',
      },
      now,
    );
  }
  const standing = await getRouteDecisions(candidates.map((c) => c.clusterId));
  const won = candidates.filter((c) => standing.get(c.clusterId)?.decisionId === tried.get(c.clusterId));
  if (won.length === 0) {
    // Nothing stood: the effect has nothing to do, and is not left pending.
    await markOutboxDone(effect.id, now);
    return tried;
  }
  try {
    await pushWork([{ outboxId: effect.id }], 0, concurrencyOf(effect.kind));
  } catch (error: unknown) {
    console.warn(`outbox ${effect.id}: recorded, but the push failed (the sweeper will push it):`, error instanceof Error ? error.message : error);
  }
  const state = CLUSTER_STATE_OF_ROUTE[route];
  for (const c of won) await applyRouteToCluster(c.clusterId, tried.get(c.clusterId)!, state, ROUTABLE_CLUSTER_STATES, now);
  return tried;
}

/**
 * Duplicate: each target is merged into `duplicateOf` (undoable like any merge), the merge's version check
 * deciding who wins; then the decision records the rationale (on the version the lead saw, so a later decision,
 * after an undo, replaces it). The cluster merged into must be at the version the lead saw.
 */
async function decideDuplicates(
  input: RouteInput,
  candidates: ReadonlyArray<{ clusterId: string; version: number }>,
  byId: ReadonlyMap<string, ClusterRead>,
  by: { accountId: string; name: string },
  results: Map<string, Outcome>,
): Promise<Map<string, string>> {
  const tried = new Map<string, string>();
  const into = input.duplicateOf!;
  const target = byId.get(into.clusterId);
  if (!target || target.version !== into.version || target.state === 'merged') {
    for (const c of candidates) {
      results.set(c.clusterId, {
        clusterId: c.clusterId,
        signalId: null,
        outcome: target ? 'conflict' : 'refused',
        decision: null,
        current: target ? { cluster: clusterSummary(target), decision: null } : null,
        message: target ? 'The cluster you chose to merge into changed since you opened it; reload it and try again. Your rationale is kept.' : `There is no cluster ${into.clusterId} to merge into; reload the Inbox.`,
      });
    }
    return tried;
  }
  let intoVersion = into.version;
  for (const c of candidates) {
    try {
      const merged = await mergeClusters({ from: { id: c.clusterId, version: c.version }, into: { id: into.clusterId, version: intoVersion }, by: by.accountId });
      intoVersion = merged.clusters.find((k) => k.id === into.clusterId)?.version ?? intoVersion + 1;
    } catch (error: unknown) {
      if (!(error instanceof ClusterConflict)) throw error;
      continue;
    }
    const decisionId = `decision-${randomUUID()}`;
    tried.set(c.clusterId, decisionId);
    await storeRouteDecision(
      {
        clusterId: c.clusterId,
        decisionId,
        clusterVersion: c.version,
        route: 'duplicate',
        rationale: input.rationale,
        decidedBy: by.accountId,
        decidedByName: by.name,
        jiraState: 'none',
        jiraEffectId: null,
        targetProjectKey: null,
        epicKey: null,
        epicSummary: null,
        intoNextSprint: null,
        duplicateOf: into.clusterId,
        requireClusterAt: null,
        parkBaseline: false,
      },
      clock.now().getTime(),
    );
    // The merge and the decision stand either way: a notice that could not be recorded is logged, not the lead's error.
    await notifyRaisersOfRoutedClusters([{ clusterId: c.clusterId, decisionId }]).catch((error: unknown) => console.warn(`notify-raisers: the duplicate ${decisionId} was not recorded for its raisers:`, error instanceof Error ? error.message : error));
  }
  return tried;
}

/** Tries the Jira side of a decision that failed for good again, under a new outbox effect. */
export async function retryRoute(input: { projectKey: string; clusterId: string }, _accountId: string): Promise<{ decision: RoutingDecisionDto }> {
  await requireSignalTriager(input.projectKey);
  const decision = (await getRouteDecisions([input.clusterId])).get(input.clusterId);
  if (!decision || !decision.decisionId) throw new AppError('not-found', `Cluster ${input.clusterId} has no routing decision to retry; reload the Inbox.`);
  const shown = (await decisionDtos([decision])).get(input.clusterId)!;
  if (shown.jira.state !== 'failed') {
    throw new AppError('conflict', shown.jira.state === 'done' ? 'Its Jira side is already done; there is nothing to retry.' : 'Its Jira side is not failed (it is still on its way, or it has none); there is nothing to retry.', { fields: { clusterId: shown.jira.state } });
  }
  const now = clock.now().getTime();
  const id = effectId('route-to-jira', `retry-${randomUUID()}`);
  const payload = { effectId: id, decisions: [{ clusterId: decision.clusterId, decisionId: decision.decisionId }] };
  // Reopened first (one conditional statement: of two retries at once, one wins and the other writes nothing),
  // then the effect recorded; should that fail, the side reads as failed again (its effect is absent) and can be retried.
  if (!(await reopenJiraSide(decision.clusterId, decision.decisionId, decision.jiraEffectId, id))) {
    throw new AppError('conflict', 'Someone else retried it (or the decision changed) just now. Reload to see where it stands.');
  }
  await recordOutboxEffect({ id, kind: 'route-to-jira', payload }, now, now + OUTBOX_LEASE_MS);
  try {
    await pushWork([{ outboxId: id }], 0, concurrencyOf('route-to-jira'));
  } catch (error: unknown) {
    console.warn(`outbox ${id}: recorded, but the push failed (the sweeper will push it):`, error instanceof Error ? error.message : error);
  }
  const after = (await getRouteDecisions([input.clusterId])).get(input.clusterId)!;
  return { decision: (await decisionDtos([after])).get(input.clusterId)! };
}
