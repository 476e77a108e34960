/**
 * A person's changes to clusters (Forge SQL table `cluster_change`): each move, merge or split is recorded —
 * with what undoing it restores — before it is made, so "undo the last change" has what it needs. One statement
 * per call; undoing is claimed with `UPDATE … WHERE undone_at IS NULL`, so a change is undone at most once.
 */
import { z } from 'zod';
import { executeWrite, readRows, rowId, selectRows } from './sql/run';
import { db } from './sql/schema';
import { clusterReasonSchema } from './signal-repository';

export const CLUSTER_CHANGE_KINDS = ['move', 'merge', 'split'] as const;
export type ClusterChangeKind = (typeof CLUSTER_CHANGE_KINDS)[number];

/** What undoing restores: where each signal was (cluster and reason) and how each touched cluster was. */
export const clusterRestoreSchema = z.object({
  signals: z.array(z.object({ id: z.string(), clusterId: z.string().nullable(), reason: clusterReasonSchema.nullable() })),
  /** Where the change put the signals: undo moves back only those still there. */
  movedTo: z.string(),
  /** Clusters whose state / title / reason the change set, as they were before. */
  clusters: z.array(z.object({ id: z.string(), state: z.string(), title: z.string(), reason: z.string().nullable() })).default([]),
  /** A cluster the change created (a split's or a move's new cluster): emptied by the undo. */
  createdClusterId: z.string().optional(),
  /** Every cluster whose evidence and terms change (recounted after the undo). */
  touched: z.array(z.string()),
});
export type ClusterRestore = z.output<typeof clusterRestoreSchema>;

const changeRowSchema = z
  .object({
    id: z.string(),
    kind: z.enum(CLUSTER_CHANGE_KINDS),
    restore: z.string().transform((text, ctx) => {
      try {
        return clusterRestoreSchema.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'restore is not a readable restore' });
        return z.NEVER;
      }
    }),
    changed_by: z.string(),
    changed_at: z.coerce.number().int(),
    undone_at: z.coerce.number().int().nullable(),
  })
  .transform((row) => ({ id: row.id, kind: row.kind, restore: row.restore, changedBy: row.changed_by, changedAt: row.changed_at, undoneAt: row.undone_at ?? undefined }));
export type ClusterChange = z.output<typeof changeRowSchema>;

const COLUMNS = ['id', 'kind', 'restore', 'changed_by', 'changed_at', 'undone_at'] as const;

export async function recordClusterChange(change: { id: string; kind: ClusterChangeKind; restore: ClusterRestore; changedBy: string }, nowMs: number): Promise<void> {
  await executeWrite(
    db
      .insertInto('cluster_change')
      .values({ id: change.id, kind: change.kind, restore: JSON.stringify(clusterRestoreSchema.parse(change.restore)), changed_by: change.changedBy, changed_at: nowMs, undone_at: null })
      .onDuplicateKeyUpdate((eb) => ({ id: eb.ref('id') }))
      .compile(),
  );
}

/** The latest change not undone (by `changedBy` when given), or null. */
export async function lastClusterChange(changedBy?: string): Promise<ClusterChange | null> {
  let query = db.selectFrom('cluster_change').select(COLUMNS).where('undone_at', 'is', null);
  if (changedBy !== undefined) query = query.where('changed_by', '=', changedBy);
  const rows = await selectRows(query.orderBy('changed_at', 'desc').orderBy('id', 'desc').limit(1).compile());
  return readRows('cluster change', changeRowSchema, rows, rowId).rows[0] ?? null;
}

export async function getClusterChange(id: string): Promise<ClusterChange | null> {
  const rows = await selectRows(db.selectFrom('cluster_change').select(COLUMNS).where('id', '=', id).compile());
  return readRows('cluster change', changeRowSchema, rows, rowId).rows[0] ?? null;
}

/** Claims the undo of a change: true once, false when it was already undone. */
export async function markClusterChangeUndone(id: string, nowMs: number): Promise<boolean> {
  const { affectedRows } = await executeWrite(db.updateTable('cluster_change').set({ undone_at: nowMs }).where('id', '=', id).where('undone_at', 'is', null).compile());
  return affectedRows > 0;
}
