/**
 * My signals for the seed's sales reps: their seeded signals name their Jira accounts (the channels that know
 * the rep's account record it; the seed's rows predate that), and Marcus Bell — the sales persona — has signals
 * in every status: new, parked and routed from the seed's own decisions, plus one cluster of his declined by
 * the product lead, and one issue made from his signals that is already Done recorded as shipped, each through
 * the app's own code. Idempotent: an account already named, a decision already made or a ship already recorded
 * is left alone.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { ROUTABLE_CLUSTER_STATES } from '../../../src/domain/routing';
import { applyRouteToCluster, getRouteDecisions, storeRouteDecision } from '../../../src/store/routing-decision-repository';
import { recordShipped } from '../../../src/store/signal-status-repository';
import { executeWrite, selectRows } from '../../../src/store/sql/run';
import { db } from '../../../src/store/sql/schema';
import type { Sandbox } from '../sandbox';
import { HANNAH_OKAFOR, JORDAN_REYES, MARCUS_BELL } from './people';

const DECLINED_RATIONALE = 'Not this year: one customer has asked, and it is outside what we are building for invoicing and payouts. Thanks for raising it; if more customers ask, send it again and it comes back to triage.';

/** Answers what it did: accounts named, a cluster declined, signals marked shipped. */
export async function seedMySignals(sandbox: Sandbox, today: Date): Promise<{ named: number; declined: number; shipped: number }> {
  return sandbox.asApp(async () => {
    let named = 0;
    for (const rep of [MARCUS_BELL, JORDAN_REYES]) {
      const { affectedRows } = await executeWrite(
        db.updateTable('signal').set({ raised_by_account_id: rep.accountId }).where('raised_by_name', '=', rep.displayName).where('raised_by_account_id', 'is', null).compile(),
      );
      named += affectedRows;
    }
    const mine = await selectRows(
      db.selectFrom('signal').innerJoin('cluster', 'cluster.id', 'signal.cluster_id').select(['signal.id', 'signal.cluster_id', 'cluster.state']).where('signal.raised_by_account_id', '=', MARCUS_BELL.accountId).orderBy('signal.received_at', 'desc').compile(),
    );
    const clusterIds = [...new Set(mine.flatMap((r) => (r.cluster_id ? [r.cluster_id] : [])))];
    const decisions = await getRouteDecisions(clusterIds);
    const now = today.getTime();

    let declined = 0;
    if (![...decisions.values()].some((d) => d.route === 'declined')) {
      // The most recent of his clusters nobody has decided yet, and which holds only his signals.
      const undecided = clusterIds.filter((id) => !decisions.has(id) && mine.find((r) => r.cluster_id === id)?.state === 'new');
      const solo = await selectRows(
        db.selectFrom('signal').select(['cluster_id', sql<number>`COUNT(DISTINCT ${sql.ref('raised_by_account_id')})`.as('raisers')]).where('cluster_id', 'in', undecided.length ? undecided : ['none']).groupBy('cluster_id').compile(),
      );
      const target = undecided.find((id) => solo.some((r) => r.cluster_id === id && Number(r.raisers) === 1));
      if (target) {
        // decision_id holds 64 characters: a digest of the cluster keeps it short and the same on every boot.
        const decisionId = `decision-seed-declined-${createHash('sha256').update(target).digest('hex').slice(0, 32)}`;
        const version = (await selectRows(db.selectFrom('cluster').select('version').where('id', '=', target).compile()))[0]?.version ?? 1;
        await storeRouteDecision(
          {
            clusterId: target,
            decisionId,
            clusterVersion: Number(version),
            route: 'declined',
            rationale: DECLINED_RATIONALE,
            decidedBy: HANNAH_OKAFOR.accountId,
            decidedByName: HANNAH_OKAFOR.displayName,
            jiraState: 'none',
            jiraEffectId: null,
            targetProjectKey: null,
            epicKey: null,
            epicSummary: null,
            intoNextSprint: null,
            duplicateOf: null,
            requireClusterAt: { routableStates: ROUTABLE_CLUSTER_STATES },
            parkBaseline: false,
          },
          now - 86_400_000,
        );
        if (await applyRouteToCluster(target, decisionId, 'declined', ROUTABLE_CLUSTER_STATES, now - 86_400_000)) declined = 1;
      }
    }

    // An issue made from his signals that is already Done: what the issue-shipped trigger would have recorded.
    let shipped = 0;
    const doneStatuses = new Set(sandbox.jira.site.statuses.filter((s) => s.category === 'done').map((s) => s.id));
    const mineIds = new Set(mine.map((r) => r.id));
    // Issues his decisions were routed to, and issues whose origin names his signals.
    const routedTo = new Set([...decisions.values()].flatMap((d) => (d.issueKey ? [d.issueKey] : [])));
    for (const issue of sandbox.jira.site.issues) {
      const origin = issue.properties['upstream-origin'] as { signalIds?: unknown } | undefined;
      const ids = Array.isArray(origin?.signalIds) ? origin.signalIds.filter((id): id is string => typeof id === 'string') : [];
      if (!doneStatuses.has(issue.statusId) || (!routedTo.has(issue.key) && !ids.some((id) => mineIds.has(id)))) continue;
      const resolved = Date.parse(issue.resolutiondate ?? issue.updated);
      // The seed's issues were resolved before the seed's decisions were dated: shipped follows the decision.
      const decidedAt = Math.max(0, ...[...decisions.values()].filter((d) => d.issueKey === issue.key).map((d) => d.decidedAt));
      const at = Math.max(Number.isFinite(resolved) ? resolved : now, decidedAt > 0 ? Math.min(now, decidedAt + 86_400_000) : 0);
      const marked = await recordShipped(issue.key, ids, at);
      shipped += marked.signals + marked.decisions;
    }
    return { named, declined, shipped };
  });
}
