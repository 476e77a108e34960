/**
 * Reads of signals for origins and candidate lists. Kept apart from signal-repository.ts (intake's writes) so
 * the signal feature can grow that file freely; both read rows through the same lenient schema.
 */
import {
  SIGNAL_CLUSTERING_COLUMNS,
  SIGNAL_KIND,
  SIGNAL_READ_COLUMNS,
  readSignalClusteringRow,
  signalRecordSchema,
  signalRowSchema,
  type SignalClustering,
  type SignalRead,
} from './signal-repository';
import { readRows, rowId, selectRows } from './sql/run';
import { db } from './sql/schema';

/** The read schema under the name origins have always used. */
export const signalForOriginSchema = signalRecordSchema;
export type SignalRecord = SignalRead & { id: string };

/** Ids per `IN (…)`: keeps each statement's parameter list and answer well inside Forge SQL's limits. */
const MAX_IDS_PER_STATEMENT = 500;

/** Several signals at once; ids with no readable row are absent from the map (an unreadable one is reported). */
export async function getSignals(ids: readonly string[]): Promise<Map<string, SignalRecord>> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += MAX_IDS_PER_STATEMENT) chunks.push(unique.slice(start, start + MAX_IDS_PER_STATEMENT));
  // In parallel: the panel's round-trip budget counts sequential requests, not statements.
  const answers = await Promise.all(
    chunks.map((chunk) => selectRows(db.selectFrom('signal').select(SIGNAL_READ_COLUMNS).where('id', 'in', chunk).compile())),
  );
  const signals = new Map<string, SignalRecord>();
  for (const rows of answers) {
    for (const signal of readRows(SIGNAL_KIND, signalRowSchema, rows, rowId).rows) signals.set(signal.id, signal);
  }
  return signals;
}

/** The most recently received signals in one state, newest first (the `(state, received_at)` index). */
export async function recentSignals(state: string, limit: number): Promise<SignalRecord[]> {
  const rows = await selectRows(
    db
      .selectFrom('signal')
      .select(SIGNAL_READ_COLUMNS)
      .where('state', '=', state)
      // The id breaks ties the same way on every read; the index holds it (InnoDB keys carry the primary key).
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .compile(),
  );
  return readRows(SIGNAL_KIND, signalRowSchema, rows, rowId).rows;
}

/**
 * Several signals with their category and cluster (one statement per 500 ids), in the order asked; missing ids
 * left out. Unlike the reads above, an unreadable row throws (UnreadableRecordError): these reads feed cluster
 * changes and their undo, which must not carry on as if a signal were not there.
 */
export async function getSignalsClustering(ids: readonly string[]): Promise<SignalClustering[]> {
  const unique = [...new Set(ids)];
  const out = new Map<string, SignalClustering>();
  for (let start = 0; start < unique.length; start += MAX_IDS_PER_STATEMENT) {
    const rows = await selectRows(db.selectFrom('signal').select(SIGNAL_CLUSTERING_COLUMNS).where('id', 'in', unique.slice(start, start + MAX_IDS_PER_STATEMENT)).compile());
    for (const row of rows) {
      const read = readSignalClusteringRow(row);
      if (read) out.set(read.signal.id, read);
    }
  }
  return unique.flatMap((id) => (out.has(id) ? [out.get(id)!] : []));
}

/** The signals of a cluster with their category and cluster reason, oldest first: one statement (unreadable rows throw, as above). */
export async function clusterMembers(clusterId: string): Promise<SignalClustering[]> {
  const rows = await selectRows(
    db.selectFrom('signal').select(SIGNAL_CLUSTERING_COLUMNS).where('cluster_id', '=', clusterId).orderBy('received_at').orderBy('id').compile(),
  );
  return rows.flatMap((row) => {
    const read = readSignalClusteringRow(row);
    return read ? [read] : [];
  });
}
