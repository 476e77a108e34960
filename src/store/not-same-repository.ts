/**
 * "Not the same" (Forge SQL table `not_same`): a signal or a cluster (`subject_id`) and a cluster a person said
 * are different. Clustering's candidates statement leaves these clusters out for the subject, so they are never
 * suggested again. Cluster pairs are written both ways round in one multi-row upsert.
 */
import { executeWrite, selectRows } from './sql/run';
import { db } from './sql/schema';

export async function markNotSame(subjectId: string, clusterId: string, markedBy: string, nowMs: number, options: { subjectIsCluster?: boolean } = {}): Promise<void> {
  const rows = [{ subject_id: subjectId, cluster_id: clusterId, marked_by: markedBy, marked_at: nowMs }];
  if (options.subjectIsCluster) rows.push({ subject_id: clusterId, cluster_id: subjectId, marked_by: markedBy, marked_at: nowMs });
  await executeWrite(db.insertInto('not_same').values(rows).onDuplicateKeyUpdate((eb) => ({ subject_id: eb.ref('subject_id') })).compile());
}

/** The clusters a person said are not the same as any of `subjectIds`. */
export async function notSameClusters(subjectIds: readonly string[]): Promise<Set<string>> {
  if (subjectIds.length === 0) return new Set();
  const rows = await selectRows(db.selectFrom('not_same').select('cluster_id').where('subject_id', 'in', [...subjectIds]).compile());
  return new Set(rows.map((row) => row.cluster_id));
}
