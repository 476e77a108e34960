/**
 * A person's changes to clusters (Forge SQL table `cluster_change`): each move, merge or split is recorded —
 * with what undoing it restores — before it is made, so "undo the last change" has what it needs. One statement
 * per call; undoing is claimed with `UPDATE … WHERE undone_at IS NULL`, so a change is undone at most once.
 *
 * A change is read with the current titles of the two clusters it names first (`touched`), joined in the same
 * statement, so the Inbox can say "Merged “CSV export” into “Export to Excel”" without a second read.
 */
import { sql } from 'kysely';
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
    first_title: z.string().nullable().default(null),
    second_title: z.string().nullable().default(null),
  })
  .transform((row) => ({
    id: row.id,
    kind: row.kind,
    restore: row.restore,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
    undoneAt: row.undone_at ?? undefined,
    titles: titlesOf(row.restore.touched, [row.first_title, row.second_title]),
  }));
export type ClusterChange = z.output<typeof changeRowSchema>;

/** Current titles by cluster id, of the first two touched clusters that still exist (an undone split's new one does not). */
function titlesOf(touched: readonly string[], titles: ReadonlyArray<string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  touched.slice(0, 2).forEach((id, i) => {
    const title = titles[i];
    if (title !== null && title !== undefined) out[id] = title;
  });
  return out;
}

const COLUMNS = ['cluster_change.id', 'cluster_change.kind', 'cluster_change.restore', 'cluster_change.changed_by', 'cluster_change.changed_at', 'cluster_change.undone_at'] as const;

/** `restore.touched[i]` as a cluster id, inside the statement (JSON_EXTRACT and JSON_UNQUOTE: TiDB and MariaDB both have them). */
const touchedId = (i: 0 | 1) => sql<string>`JSON_UNQUOTE(JSON_EXTRACT(${sql.ref('cluster_change.restore')}, ${`$.touched[${i}]`}))`;

/** Changes with the titles of their first two touched clusters (LEFT JOINs on the primary key: one statement). */
const changesWithTitles = () =>
  db
    .selectFrom('cluster_change')
    .leftJoin('cluster as first_cluster', (join) => join.on(sql<boolean>`${sql.ref('first_cluster.id')} = ${touchedId(0)}`))
    .leftJoin('cluster as second_cluster', (join) => join.on(sql<boolean>`${sql.ref('second_cluster.id')} = ${touchedId(1)}`))
    .select(COLUMNS)
    .select(['first_cluster.title as first_title', 'second_cluster.title as second_title']);

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
  let query = changesWithTitles().where('cluster_change.undone_at', 'is', null);
  if (changedBy !== undefined) query = query.where('cluster_change.changed_by', '=', changedBy);
  const rows = await selectRows(query.orderBy('cluster_change.changed_at', 'desc').orderBy('cluster_change.id', 'desc').limit(1).compile());
  return readRows('cluster change', changeRowSchema, rows, rowId).rows[0] ?? null;
}

export async function getClusterChange(id: string): Promise<ClusterChange | null> {
  const rows = await selectRows(changesWithTitles().where('cluster_change.id', '=', id).compile());
  return readRows('cluster change', changeRowSchema, rows, rowId).rows[0] ?? null;
}

/** Claims the undo of a change: true once, false when it was already undone. */
export async function markClusterChangeUndone(id: string, nowMs: number): Promise<boolean> {
  const { affectedRows } = await executeWrite(db.updateTable('cluster_change').set({ undone_at: nowMs }).where('id', '=', id).where('undone_at', 'is', null).compile());
  return affectedRows > 0;
}
