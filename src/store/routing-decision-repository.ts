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
      await executeWrite(db.insertInto('routing_decision').values({ cluster_id: clusterId, ...values, version: 1 }).compile());
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
