/**
 * Reads of signals for origins and candidate lists. Kept apart from signal-repository.ts (intake's writes) so
 * the signal feature can grow that file freely; both read rows through the same lenient schema.
 */
import { sql } from 'kysely';
import { z } from 'zod';
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

/** Customers per search: enough to choose from while typing, few enough to read. */
export const MAX_CUSTOMER_SUGGESTIONS = 20;

export interface CustomerSuggestion {
  name: string;
  /** The ARR of the customer's most recent signal that gave one; null when none did. */
  arr: number | null;
  signalCount: number;
}

const customerSuggestionRowSchema = z.object({
  customer: z.string(),
  signal_count: z.coerce.number().int().nonnegative(),
  arr: z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number), z.null()]),
});

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The distinct customers signals name whose name contains `query` (case-insensitive), names that start with it
 * first, then the most signalled; each with its signal count and latest ARR. One statement: the signals are
 * grouped by customer (the `(customer, received_at)` index) and only the 20 chosen groups are joined back to the
 * signal that carries their latest ARR. (A window over every signal gave the same answer but took 2.7 s at
 * 100,000 signals.) The table's collation is binary, so both sides are lowered for the comparison.
 */
export async function signalCustomerSuggestions(query: string, limit: number = MAX_CUSTOMER_SUGGESTIONS): Promise<CustomerSuggestion[]> {
  const needle = escapeLike(query.trim().toLowerCase());
  const lowered = sql<string>`LOWER(${sql.ref('customer')})`;
  const groups = db
    .selectFrom('signal')
    .select([
      'customer',
      sql<number>`COUNT(*)`.as('signal_count'),
      sql<number | null>`MAX(CASE WHEN ${sql.ref('arr')} IS NOT NULL THEN ${sql.ref('received_at')} END)`.as('arr_at'),
      sql<number>`CASE WHEN ${lowered} LIKE ${`${needle}%`} THEN 0 ELSE 1 END`.as('match_rank'),
    ])
    .where(lowered, 'like', `%${needle}%`)
    .groupBy('customer')
    .orderBy('match_rank')
    .orderBy('signal_count', 'desc')
    .orderBy('customer')
    .limit(limit);
  const rows = await selectRows(
    db
      .selectFrom(groups.as('g'))
      .leftJoin('signal as s', (join) =>
        join.onRef('s.customer', '=', 'g.customer').onRef('s.received_at', '=', 'g.arr_at').on('s.arr', 'is not', null),
      )
      .select(['g.customer as customer', 'g.signal_count as signal_count', 's.arr as arr'])
      .orderBy('g.match_rank')
      .orderBy('g.signal_count', 'desc')
      .orderBy('g.customer')
      // Two ARR-carrying signals at the same millisecond: the same one wins every time.
      .orderBy('s.id', 'desc')
      .compile(),
  );
  const byCustomer = new Map<string, CustomerSuggestion>();
  for (const row of rows) {
    const parsed = customerSuggestionRowSchema.safeParse(row);
    if (!parsed.success || byCustomer.has(parsed.data.customer)) continue;
    const { customer, signal_count: signalCount, arr } = parsed.data;
    byCustomer.set(customer, { name: customer, arr: arr !== null && arr >= 0 ? arr : null, signalCount });
  }
  return [...byCustomer.values()];
}

/**
 * Which of these signal ids are stored, and whether each has been clustered yet: one statement per 500 ids. A
 * CSV import reads this before inserting, to tell the rows it creates from the ones already there.
 */
export async function storedSignalStates(ids: readonly string[]): Promise<Map<string, { clustered: boolean }>> {
  const unique = [...new Set(ids)];
  const states = new Map<string, { clustered: boolean }>();
  for (let start = 0; start < unique.length; start += MAX_IDS_PER_STATEMENT) {
    const rows = await selectRows(
      db.selectFrom('signal').select(['id', 'cluster_id', 'clustered_at']).where('id', 'in', unique.slice(start, start + MAX_IDS_PER_STATEMENT)).compile(),
    );
    for (const row of rows) states.set(row.id, { clustered: row.cluster_id !== null || row.clustered_at !== null });
  }
  return states;
}

const weekCountRowSchema = z.object({ cluster_id: z.string(), week: z.coerce.number().int(), signals: z.coerce.number().int().nonnegative() });

/**
 * Signals received per week by each of these clusters, over `weeks` weeks ending at `nowMs` (oldest first, the
 * current week last): ONE statement grouped by cluster and week, reading only the recent signals of each
 * cluster through `signal_cluster_received` (cluster_id, received_at) — what a page of the triage tabs costs
 * does not grow with the signals outside the window.
 */
export async function weeklySignalCounts(clusterIds: readonly string[], nowMs: number, weeks: number): Promise<Map<string, number[]>> {
  const ids = [...new Set(clusterIds)].slice(0, MAX_IDS_PER_STATEMENT);
  const out = new Map<string, number[]>(ids.map((id) => [id, Array.from({ length: weeks }, () => 0)]));
  if (ids.length === 0 || weeks <= 0) return out;
  const weekMs = 7 * 24 * 60 * 60 * 1000;
  const since = nowMs - weeks * weekMs;
  const week = sql<number>`FLOOR((${sql.ref('received_at')} - ${since}) / ${weekMs})`;
  const rows = await selectRows(
    db
      .selectFrom('signal')
      .select([sql<string>`${sql.ref('cluster_id')}`.as('cluster_id'), week.as('week'), sql<number>`COUNT(*)`.as('signals')])
      .where('cluster_id', 'in', ids)
      .where('received_at', '>', since)
      .where('received_at', '<=', nowMs)
      // By the alias: the expression repeated would carry its own parameters, which ONLY_FULL_GROUP_BY cannot match.
      .groupBy(['cluster_id', sql.ref('week')])
      .compile(),
  );
  for (const row of readRows('weekly signal count', weekCountRowSchema, rows, (r) => String((r as { cluster_id?: unknown }).cluster_id ?? '(no id)')).rows) {
    const series = out.get(row.cluster_id);
    if (series && row.week >= 0 && row.week < weeks) series[row.week] = row.signals;
  }
  return out;
}
