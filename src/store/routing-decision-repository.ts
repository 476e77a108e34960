/**
 * The routing decision that stands for a cluster (Forge SQL table `routing_decision`): where it went (roadmap,
 * quick fix, parking lot, declined, duplicate), why, who decided and when. One row per cluster, so "one decision
 * stands" is the primary key, and a change of mind is a new version of that row:
 *
 * - the first decision is an INSERT; a second first decision made at the same time meets the primary key and is
 *   answered `conflict` with the decision that won;
 * - a change names the version it replaces: `UPDATE … SET …, version = version + 1 WHERE cluster_id = ? AND
 *   version = ?` — no row changed means someone else decided in between, answered `conflict` with theirs.
 *
 * Each is one statement, because Forge SQL has no transactions. The side effects of a decision (a Jira issue,
 * telling the people who raised the signals) are not done here: the caller records them in the outbox after
 * this statement has committed.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { SIGNAL_ROUTES } from '../domain/signals';
import { AppError } from '../errors';
import { db } from './sql/schema';
import { executeWrite, isDuplicateKey, readRows, selectRows } from './sql/run';

const KIND = 'routing-decision';

/** A decision as Upstream writes it. */
export const routingDecisionInputSchema = z
  .object({
    route: z.enum(SIGNAL_ROUTES),
    rationale: z.string().trim().min(1, 'Say why: the people who raised the signals will read it.').max(5000),
    issueKey: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/).max(64).optional(),
    duplicateOf: z.string().min(1).max(64).optional(),
    decidedBy: z.string().min(1).max(128),
  })
  .refine((d) => d.route !== 'duplicate' || d.duplicateOf !== undefined, { message: 'A duplicate names the cluster it duplicates.', path: ['duplicateOf'] });
export type RoutingDecisionInput = z.infer<typeof routingDecisionInputSchema>;

const bigintColumn = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);

/** A decision as read back: a route a later version adds still reads. */
const routingDecisionRowSchema = z
  .object({
    cluster_id: z.string(),
    route: z.string().min(1),
    rationale: z.string(),
    issue_key: z.string().nullable(),
    duplicate_of: z.string().nullable(),
    decided_by: z.string(),
    decided_at: bigintColumn,
    version: z.coerce.number().int().positive(),
  })
  .transform((row) => ({
    clusterId: row.cluster_id,
    route: row.route,
    rationale: row.rationale,
    issueKey: row.issue_key ?? undefined,
    duplicateOf: row.duplicate_of ?? undefined,
    decidedBy: row.decided_by,
    /** Unix ms. */
    decidedAt: row.decided_at,
    version: row.version,
  }));
export type RoutingDecision = z.output<typeof routingDecisionRowSchema>;

/** Someone else decided first: the person sees theirs and can decide again on top of it. */
export class RoutingConflict extends AppError {
  constructor(readonly current: RoutingDecision | null) {
    super(
      'conflict',
      current
        ? `Someone else routed this cluster (${current.route}) since you opened it; here is their decision. Review it and decide again.`
        : 'This cluster’s decision changed since you opened it. Reload it and decide again.',
    );
    this.name = 'RoutingConflict';
  }
}

function validated(input: RoutingDecisionInput): RoutingDecisionInput {
  const parsed = routingDecisionInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || '(decision)'] ??= issue.message;
  throw new AppError('invalid-input', 'The routing decision is incomplete; see the fields.', { fields });
}

const columns = ['cluster_id', 'route', 'rationale', 'issue_key', 'duplicate_of', 'decided_by', 'decided_at', 'version'] as const;

/** The decision standing for a cluster, or null; a row that does not parse is reported by id and reads as none. */
export async function getRoutingDecision(clusterId: string): Promise<RoutingDecision | null> {
  const rows = await selectRows(db.selectFrom('routing_decision').select(columns).where('cluster_id', '=', clusterId).compile());
  return readRows(KIND, routingDecisionRowSchema, rows, (row) => String((row as { cluster_id?: unknown }).cluster_id ?? '(no id)')).rows[0] ?? null;
}

/**
 * Decides for a cluster. `expectedVersion` is the version the person saw: null when they saw no decision.
 * Answers the decision as stored; throws RoutingConflict (with the decision that stands) when it changed meanwhile.
 */
export async function decideRoute(clusterId: string, expectedVersion: number | null, input: RoutingDecisionInput, nowMs: number): Promise<RoutingDecision> {
  const decision = validated(input);
  const values = {
    route: decision.route,
    rationale: decision.rationale,
    issue_key: decision.issueKey ?? null,
    duplicate_of: decision.duplicateOf ?? null,
    decided_by: decision.decidedBy,
    decided_at: nowMs,
  };
  if (expectedVersion === null) {
    try {
      await executeWrite(db.insertInto('routing_decision').values({ cluster_id: clusterId, ...values, version: 1, first_decided_at: nowMs }).compile());
    } catch (error: unknown) {
      if (!isDuplicateKey(error)) throw error;
      throw new RoutingConflict(await getRoutingDecision(clusterId));
    }
  } else {
    const { affectedRows } = await executeWrite(
      db
        .updateTable('routing_decision')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('cluster_id', '=', clusterId)
        .where('version', '=', expectedVersion)
        .compile(),
    );
    if (affectedRows === 0) throw new RoutingConflict(await getRoutingDecision(clusterId));
  }
  const stored = await getRoutingDecision(clusterId);
  if (!stored) throw new RoutingConflict(null);
  return stored;
}

// ——— Routing with the Jira side (issue 10): the decision names the cluster version the lead saw ———

/** A decision of `signals.route` as Upstream writes it. */
export interface RouteDecisionWrite {
  clusterId: string;
  /** A new id per attempt: what stands is read back by it. */
  decisionId: string;
  /** The cluster version the lead saw: the decision stands only if the cluster is still at it (or, for a duplicate, was). */
  clusterVersion: number;
  route: string;
  rationale: string;
  decidedBy: string;
  decidedByName: string;
  /** 'none' | 'pending' */
  jiraState: string;
  jiraEffectId: string | null;
  targetProjectKey: string | null;
  epicKey: string | null;
  epicSummary: string | null;
  intoNextSprint: boolean | null;
  duplicateOf: string | null;
  /** Whether the statement also requires the cluster to be at `clusterVersion` and in one of `routableStates`. */
  requireClusterAt: { routableStates: readonly string[] } | null;
  /** Take the cluster's evidence as the parked baseline (parking lot). */
  parkBaseline: boolean;
}

/** A decision as `signals.route` reads it back. */
const routeDecisionRowSchema = z
  .object({
    cluster_id: z.string(),
    route: z.string().min(1),
    rationale: z.string(),
    issue_key: z.string().nullable(),
    duplicate_of: z.string().nullable(),
    decided_by: z.string(),
    decided_at: bigintColumn,
    version: z.coerce.number().int().positive(),
    decision_id: z.string().nullable(),
    cluster_version: z.coerce.number().int().nullable(),
    decided_by_name: z.string().nullable(),
    jira_state: z.string().nullable(),
    jira_error: z.string().nullable(),
    jira_effect_id: z.string().nullable(),
    target_project_key: z.string().nullable(),
    epic_key: z.string().nullable(),
    epic_summary: z.string().nullable(),
    into_next_sprint: z.union([z.boolean(), z.coerce.number()]).nullable(),
    parked_signals: z.coerce.number().int().nullable(),
    parked_arr: z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]).nullable(),
  })
  .transform((row) => ({
    clusterId: row.cluster_id,
    route: row.route,
    rationale: row.rationale,
    issueKey: row.issue_key,
    duplicateOf: row.duplicate_of,
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    /** Unix ms. */
    decidedAt: row.decided_at,
    version: row.version,
    decisionId: row.decision_id,
    clusterVersion: row.cluster_version,
    // Decisions written before the Jira side was tracked read as having none.
    jiraState: row.jira_state ?? 'none',
    jiraError: row.jira_error,
    jiraEffectId: row.jira_effect_id,
    targetProjectKey: row.target_project_key,
    epicKey: row.epic_key,
    epicSummary: row.epic_summary,
    intoNextSprint: row.into_next_sprint === null ? null : Boolean(row.into_next_sprint),
    parkedAt: row.parked_signals === null ? null : { signals: row.parked_signals, arr: row.parked_arr ?? 0 },
  }));
export type RouteDecision = z.output<typeof routeDecisionRowSchema>;

/** What a routing decision records beside the original columns: its id, the Jira side, and the parked baseline. */
const ROUTE_DETAIL_COLUMNS = [
  'decision_id',
  'decided_by_name',
  'jira_state',
  'jira_error',
  'jira_effect_id',
  'target_project_key',
  'epic_key',
  'epic_summary',
  'into_next_sprint',
  'parked_signals',
  'parked_arr',
] as const;

const routeColumns = [...columns, 'cluster_version', ...ROUTE_DETAIL_COLUMNS] as const;

/** Decisions standing for these clusters, by cluster id (unreadable rows reported by id and left out). */
export async function getRouteDecisions(clusterIds: readonly string[]): Promise<Map<string, RouteDecision>> {
  const ids = [...new Set(clusterIds)];
  if (ids.length === 0) return new Map();
  const rows = await selectRows(db.selectFrom('routing_decision').select(routeColumns).where('cluster_id', 'in', ids).compile());
  const read = readRows(KIND, routeDecisionRowSchema, rows, (row) => String((row as { cluster_id?: unknown }).cluster_id ?? '(no id)'));
  return new Map(read.rows.map((d) => [d.clusterId, d]));
}

/** A decision with the state of the outbox effect responsible for its Jira side (absent: none recorded). */
export type RouteDecisionWithEffect = RouteDecision & { effect: { state: string; lastError: string | null } | null };

const effectColumnsSchema = z.object({ effect_state: z.string().nullable(), effect_error: z.string().nullable() });

/**
 * Decisions standing for these clusters with their Jira side's outbox effect, in ONE statement (a LEFT JOIN on
 * the effect's id): a page of the triage tabs shows "pending" or "failed, retry" without a read per effect.
 */
export async function getRouteDecisionsWithEffects(clusterIds: readonly string[]): Promise<Map<string, RouteDecisionWithEffect>> {
  const ids = [...new Set(clusterIds)];
  if (ids.length === 0) return new Map();
  const rows = await selectRows(
    db
      .selectFrom('routing_decision')
      .leftJoin('outbox', 'outbox.id', 'routing_decision.jira_effect_id')
      .select([...routeColumns.map((c) => `routing_decision.${c}` as const), 'outbox.state as effect_state', 'outbox.last_error as effect_error'])
      .where('routing_decision.cluster_id', 'in', ids)
      .compile(),
  );
  const out = new Map<string, RouteDecisionWithEffect>();
  for (const row of rows) {
    const decision = readRows(KIND, routeDecisionRowSchema, [row], (r) => String((r as { cluster_id?: unknown }).cluster_id ?? '(no id)')).rows[0];
    if (!decision) continue;
    const effect = effectColumnsSchema.safeParse(row);
    const joined = effect.success && effect.data.effect_state !== null ? { state: effect.data.effect_state, lastError: effect.data.effect_error } : null;
    out.set(decision.clusterId, { ...decision, effect: joined });
  }
  return out;
}

/** The columns a decision writes, in order; `parked_*` come from the cluster row itself when parking. */
const WRITTEN = ['cluster_id', 'route', 'rationale', 'issue_key', 'duplicate_of', 'decided_by', 'decided_at', ...ROUTE_DETAIL_COLUMNS] as const;

/**
 * Stores a decision in ONE statement: `INSERT … SELECT … FROM cluster WHERE id = ? [AND version = ? AND state IN
 * (…)] ON DUPLICATE KEY UPDATE` where every column changes only if the standing decision was made on an earlier
 * cluster version (or before versions were recorded). So of two leads who saw the same version, the first write
 * stands and the second changes nothing; a decision on a version that moved on inserts nothing. The caller reads
 * the decision back and compares `decisionId` to learn which happened. `version` is bumped and `cluster_version`
 * assigned last, because MySQL evaluates the SET list left to right with values already assigned.
 */
export async function storeRouteDecision(write: RouteDecisionWrite, nowMs: number): Promise<void> {
  const values: Record<(typeof WRITTEN)[number], unknown> = {
    cluster_id: write.clusterId,
    route: write.route,
    rationale: write.rationale,
    issue_key: null,
    duplicate_of: write.duplicateOf,
    decided_by: write.decidedBy,
    decided_at: nowMs,
    decision_id: write.decisionId,
    decided_by_name: write.decidedByName.slice(0, 255),
    jira_state: write.jiraState,
    jira_error: null,
    jira_effect_id: write.jiraEffectId,
    target_project_key: write.targetProjectKey,
    epic_key: write.epicKey,
    epic_summary: write.epicSummary,
    into_next_sprint: write.intoNextSprint,
    parked_signals: null,
    parked_arr: null,
  };
  const selected = WRITTEN.map((column) =>
    write.parkBaseline && column === 'parked_signals'
      ? sql.ref('cluster.signal_count')
      : write.parkBaseline && column === 'parked_arr'
        ? sql.ref('cluster.arr_total')
        : sql`${values[column]}`,
  );
  const older = sql`(${sql.ref('routing_decision.cluster_version')} IS NULL OR ${sql.ref('routing_decision.cluster_version')} < VALUES(${sql.id('cluster_version')}))`;
  const updates = WRITTEN.filter((c) => c !== 'cluster_id').map(
    (c) => sql`${sql.ref(`routing_decision.${c}`)} = IF(${older}, VALUES(${sql.id(c)}), ${sql.ref(`routing_decision.${c}`)})`,
  );
  const guard = write.requireClusterAt
    ? sql` AND ${sql.ref('cluster.version')} = ${write.clusterVersion} AND ${sql.ref('cluster.state')} IN (${sql.join([...write.requireClusterAt.routableStates])})`
    : sql``;
  // `first_decided_at` is inserted, never updated: a replacing decision keeps when the cluster was first decided.
  await executeWrite(
    sql`INSERT INTO ${sql.table('routing_decision')} (${sql.join([...WRITTEN, 'cluster_version', 'version', 'first_decided_at'].map((c) => sql.id(c)))})
SELECT ${sql.join(selected)}, ${write.clusterVersion}, 1, ${nowMs} FROM ${sql.table('cluster')}
WHERE ${sql.ref('cluster.id')} = ${write.clusterId}${guard}
ON DUPLICATE KEY UPDATE ${sql.join(updates)},
  ${sql.ref('routing_decision.version')} = IF(${older}, ${sql.ref('routing_decision.version')} + 1, ${sql.ref('routing_decision.version')}),
  ${sql.ref('routing_decision.cluster_version')} = IF(${older}, VALUES(${sql.id('cluster_version')}), ${sql.ref('routing_decision.cluster_version')})`.compile(db),
  );
}

/**
 * Moves the cluster to where its decision leaves it, in ONE statement that applies only the decision that stands
 * (its id is still the cluster's decision) and only from a routable state other than the target: a late write
 * of a decision that lost, or a second delivery, changes nothing. The version is bumped, so a lead who saw the
 * cluster before it moved is answered `conflict`. Answers whether the cluster changed.
 */
export async function applyRouteToCluster(clusterId: string, decisionId: string, state: string, routableStates: readonly string[], nowMs: number): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db
      .updateTable('cluster')
      .set({ state, version: sql<number>`${sql.ref('version')} + 1`, updated_at: nowMs })
      .where('id', '=', clusterId)
      .where('state', 'in', [...routableStates])
      .where('state', '<>', state)
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('routing_decision').select('routing_decision.cluster_id').where('routing_decision.cluster_id', '=', clusterId).where('routing_decision.decision_id', '=', decisionId)),
      )
      .compile(),
  );
  return affectedRows > 0;
}

const MAX_JIRA_ERROR_CHARS = 2000;

/**
 * Records the Jira side of the decision `decisionId` (only while it stands, and never moving a `done` side back):
 * the issue created or linked, and the state. One statement.
 */
export async function recordJiraSide(
  clusterId: string,
  decisionId: string,
  side: { state: 'pending' | 'done' | 'failed'; issueKey?: string | null; error?: string | null },
): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db
      .updateTable('routing_decision')
      .set({
        jira_state: side.state,
        ...(side.issueKey !== undefined ? { issue_key: side.issueKey } : {}),
        jira_error: side.error ? side.error.slice(0, MAX_JIRA_ERROR_CHARS) : null,
      })
      .where('cluster_id', '=', clusterId)
      .where('decision_id', '=', decisionId)
      .where((eb) => eb.or([eb('jira_state', 'is', null), eb('jira_state', '<>', 'done')]))
      .compile(),
  );
  return affectedRows > 0;
}

/**
 * A person retries a Jira side that failed for good: it is pending again under a new outbox effect. The side
 * moves only from the effect that failed (and never from done), so of two retries at once one records its
 * effect and the other changes nothing. A side failed by Jira's refusal and one whose effect ran out of
 * attempts (still `pending` under a failed effect) are both reopened this way.
 */
export async function reopenJiraSide(clusterId: string, decisionId: string, failedEffectId: string | null, effectId: string): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db
      .updateTable('routing_decision')
      .set({ jira_state: 'pending', jira_error: null, jira_effect_id: effectId })
      .where('cluster_id', '=', clusterId)
      .where('decision_id', '=', decisionId)
      .where('jira_state', 'in', ['failed', 'pending'])
      .where((eb) => (failedEffectId === null ? eb('jira_effect_id', 'is', null) : eb('jira_effect_id', '=', failedEffectId)))
      .compile(),
  );
  return affectedRows > 0;
}

/**
 * A parked cluster whose new evidence crossed a threshold comes back to the Inbox: `parked` → `new`, one
 * statement, only while it is still parked and its standing decision is still the parking (so a decision made
 * meanwhile wins). The decision stays: a cluster in the Inbox with a parking-lot decision is one that came back.
 */
export async function returnParkedToInbox(clusterId: string, decisionId: string, nowMs: number): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db
      .updateTable('cluster')
      .set({ state: 'new', version: sql<number>`${sql.ref('version')} + 1`, updated_at: nowMs })
      .where('id', '=', clusterId)
      .where('state', '=', 'parked')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('routing_decision')
            .select('routing_decision.cluster_id')
            .where('routing_decision.cluster_id', '=', clusterId)
            .where('routing_decision.decision_id', '=', decisionId)
            .where('routing_decision.route', '=', 'parking-lot'),
        ),
      )
      .compile(),
  );
  return affectedRows > 0;
}
