/**
 * Clusters of similar signals (Forge SQL table `cluster`), with their evidence — signal count, distinct
 * customers, ARR, first and last seen, evidence score — kept on the cluster row itself, so the Inbox filters and
 * sorts one table through its indexes instead of aggregating signals per page.
 *
 * The evidence is always recounted from the signals, never incremented: attaching the same signal twice (a
 * retried delivery) or concurrently with another attach still ends with the counts a recount gives.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';
import { ARR_UNIT, CUSTOMER_WEIGHT, RECENCY_E_FOLDING_MS } from '../domain/evidence';
import { SIGNAL_CATEGORIES, SIGNAL_STATES } from '../domain/signals';
import { AppError } from '../errors';
import { db } from './sql/schema';
import { executeWrite, readRows, rowId, selectRows } from './sql/run';
import { OPEN_CLUSTER_STATES, pruneClusterTerms, refreshClusterTerms } from './term-repository';

/** How unreadable clusters are named in the log. */
export const CLUSTER_KIND = 'cluster';

/** A new cluster as Upstream writes it: clusters move through triage as signals do, with the same vocabulary. */
export const newClusterSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  title: z.string().min(1).max(255),
  category: z.enum(SIGNAL_CATEGORIES).optional(),
  state: z.enum(SIGNAL_STATES),
  reason: z.string().optional(),
});
export type NewCluster = z.infer<typeof newClusterSchema>;

const bigintColumn = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
const decimalColumn = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

/** A cluster as read back: state and category are any string, so values a later version adds still read. */
const clusterRowSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.string().nullable(),
    state: z.string().min(1),
    signal_count: z.coerce.number().int(),
    customer_count: z.coerce.number().int(),
    arr_total: decimalColumn,
    evidence_score: z.coerce.number(),
    first_seen_at: bigintColumn,
    last_seen_at: bigintColumn,
    version: z.coerce.number().int(),
  })
  .transform((row) => ({
    id: row.id,
    title: row.title,
    category: row.category ?? undefined,
    state: row.state,
    signalCount: row.signal_count,
    customerCount: row.customer_count,
    arrTotal: row.arr_total,
    evidenceScore: row.evidence_score,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    version: row.version,
  }));
export type ClusterRead = z.output<typeof clusterRowSchema>;

const CLUSTER_COLUMNS = [
  'cluster.id',
  'cluster.title',
  'cluster.category',
  'cluster.state',
  'cluster.signal_count',
  'cluster.customer_count',
  'cluster.arr_total',
  'cluster.evidence_score',
  'cluster.first_seen_at',
  'cluster.last_seen_at',
  'cluster.version',
] as const;

/** Creates an empty cluster (no evidence until a signal is attached); answers its id. */
export async function createCluster(cluster: NewCluster, nowMs: number = Date.now()): Promise<string> {
  const value = newClusterSchema.parse(cluster);
  const id = value.id ?? `cluster-${randomUUID()}`;
  await executeWrite(
    db
      .insertInto('cluster')
      .values({
        id,
        title: value.title,
        category: value.category ?? null,
        state: value.state,
        reason: value.reason ?? null,
        first_seen_at: nowMs,
        last_seen_at: nowMs,
        // An empty cluster's score is its creation time alone, so it sorts as "recent, no evidence yet".
        evidence_score: nowMs / RECENCY_E_FOLDING_MS,
        updated_at: nowMs,
      })
      .compile(),
  );
  return id;
}

export async function getCluster(id: string): Promise<ClusterRead | null> {
  const rows = await selectRows(db.selectFrom('cluster').select(CLUSTER_COLUMNS).where('cluster.id', '=', id).compile());
  return readRows(CLUSTER_KIND, clusterRowSchema, rows, rowId).rows[0] ?? null;
}

/**
 * Puts a signal in a cluster and brings the evidence (and terms) of every cluster it touched up to date: the
 * cluster it joins and, when it moved, the one it left. Each step is one statement that is correct on its own
 * when repeated, so a retry after a failure part-way finishes the job.
 */
export async function attachSignal(signalId: string, clusterId: string, nowMs: number = Date.now()): Promise<void> {
  const before = await selectRows(db.selectFrom('signal').select('cluster_id').where('id', '=', signalId).compile());
  if (before.length === 0) throw new AppError('not-found', `There is no signal ${signalId} to add to a cluster.`);
  const previous = before[0].cluster_id;
  await executeWrite(
    db.updateTable('signal').set({ cluster_id: clusterId, updated_at: nowMs, version: sql<number>`version + 1` }).where('id', '=', signalId).compile(),
  );
  await refreshEvidence(clusterId, nowMs);
  await refreshClusterTerms(clusterId);
  if (previous && previous !== clusterId) {
    await refreshEvidence(previous, nowMs);
    await pruneClusterTerms(previous);
    await refreshClusterTerms(previous);
  }
}

/**
 * The evidence score's formula (src/domain/evidence.ts) in SQL, over the recount `e`. LN and
 * arithmetic on numbers only: both TiDB and MariaDB have them. The recount's columns are named apart from the
 * cluster's (`recounted_*`) so the SET list is unambiguous in a two-table UPDATE.
 */
const evidenceScoreSql = sql<number>`LN(1 + e.recounted_signals) + ${CUSTOMER_WEIGHT} * LN(1 + e.recounted_customers) + LN(1 + e.recounted_arr / ${ARR_UNIT}) + e.recounted_last_seen_at / ${RECENCY_E_FOLDING_MS}`;

/** The recount of a cluster's evidence from its signals, as a one-row derived table `e` (see refreshEvidence). */
function recountOf(clusterId: string) {
  const perCustomer = db
    .selectFrom('signal')
    .select((eb) => [
      'signal.customer',
      eb.fn.countAll<number>().as('signals'),
      eb.fn.max('signal.arr').as('arr'),
      eb.fn.min('signal.received_at').as('first_seen_at'),
      eb.fn.max('signal.received_at').as('last_seen_at'),
    ])
    .where('signal.cluster_id', '=', clusterId)
    .groupBy('signal.customer')
    .as('per_customer');
  return db
    .selectFrom(perCustomer)
    .select([
      sql<number>`COALESCE(SUM(per_customer.signals), 0)`.as('recounted_signals'),
      sql<number>`COUNT(per_customer.customer)`.as('recounted_customers'),
      sql<number>`COALESCE(SUM(per_customer.arr), 0)`.as('recounted_arr'),
      sql<number | null>`MIN(per_customer.first_seen_at)`.as('recounted_first_seen_at'),
      sql<number | null>`MAX(per_customer.last_seen_at)`.as('recounted_last_seen_at'),
    ])
    .as('e');
}

/**
 * Recounts a cluster's evidence from its signals in one statement: `UPDATE cluster, (recount) AS e SET …`.
 *
 * The recount is a derived table rather than one correlated subquery per column because the score depends on
 * the other columns: MySQL and MariaDB evaluate SET left to right with the new values, but that is an engine
 * habit (MariaDB's SIMULTANEOUS_ASSIGNMENT mode turns it off), and a derived table makes each value explicit. It
 * also reads the cluster's signals once (index `signal_cluster_received`), not once per column. The inner
 * grouping is per customer so ARR is counted once per customer (their largest stated ARR), however many signals
 * they sent. Updating `cluster` while reading `signal` is accepted by both engines (the "can't specify target
 * table" restriction is only about reading the table being updated). An aggregate without GROUP BY always answers
 * one row, so a cluster whose last signal left still gets zero counts (and keeps its seen times).
 */
export async function refreshEvidence(clusterId: string, nowMs: number = Date.now()): Promise<void> {
  const recount = recountOf(clusterId);
  await executeWrite(
    db
      // Kysely's MySQL form of UPDATE … JOIN: a table list, `UPDATE cluster, (recount) AS e SET …`.
      .updateTable(['cluster', recount])
      .set({
        signal_count: sql<number>`e.recounted_signals`,
        customer_count: sql<number>`e.recounted_customers`,
        arr_total: sql<number>`e.recounted_arr`,
        first_seen_at: sql<number>`COALESCE(e.recounted_first_seen_at, cluster.first_seen_at)`,
        last_seen_at: sql<number>`COALESCE(e.recounted_last_seen_at, cluster.last_seen_at)`,
        evidence_score: sql<number>`COALESCE(${evidenceScoreSql}, cluster.evidence_score)`,
        version: sql<number>`cluster.version + 1`,
        updated_at: nowMs,
      })
      .where('cluster.id', '=', clusterId)
      .compile(),
  );
}

export type InboxSort = 'evidence' | 'recent' | 'arr' | 'count';

export interface InboxQuery {
  state: string;
  category?: string;
  /** Only clusters with a signal from this customer (received since `receivedSince`, when given). */
  customer?: string;
  /** Unix milliseconds: only clusters with a signal received since then. */
  receivedSince?: number;
  /** Only clusters with a signal from this source (slack, hubspot …). */
  source?: string;
  /** Only clusters whose title, or a signal's text or customer, contains these words. */
  text?: string;
  sort: InboxSort;
  limit: number;
  /** `nextCursor` of the page before. */
  cursor?: string;
}

export interface InboxPage {
  clusters: ClusterRead[];
  /** Absent on the last page. */
  nextCursor?: string;
  /** Clusters on this page whose rows did not read (reported in the log by id). */
  unreadable: string[];
}

/** Where a page ended: the sort key and id of its last cluster, so the next page starts strictly after it. */
const cursorSchema = z.object({ sort: z.enum(['evidence', 'recent', 'arr', 'count']), key: z.number(), id: z.string() });

/** The column each sort orders by (each has a `(state, column)` index, so a page reads backward and stops early). */
const SORT_COLUMN = {
  evidence: 'cluster.evidence_score',
  recent: 'cluster.last_seen_at',
  arr: 'cluster.arr_total',
  count: 'cluster.signal_count',
} as const satisfies Record<InboxSort, string>;
const SORT_FIELD = { evidence: 'evidence_score', recent: 'last_seen_at', arr: 'arr_total', count: 'signal_count' } as const satisfies Record<InboxSort, string>;
type Cursor = z.infer<typeof cursorSchema>;

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

function decodeCursor(text: string, sort: InboxSort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const cursor = cursorSchema.safeParse(parsed);
  // A cursor from the other sort would skip or repeat clusters: start again rather than page wrongly.
  if (!cursor.success || cursor.data.sort !== sort) throw new AppError('invalid-input', 'This page of the Inbox is out of date; load the Inbox again.', { fields: { cursor: 'not a cursor for this sort' } });
  return cursor.data;
}

export const MAX_INBOX_PAGE = 100;

const inboxLimit = (query: InboxQuery): number => Math.min(Math.max(1, Math.floor(query.limit)), MAX_INBOX_PAGE);

/**
 * One page of the Inbox in one statement: the clusters in a state, filtered, sorted by evidence or by last
 * signal, newest or strongest first, with keyset pagination on (sort key, id) — so a page costs the same at any
 * depth and a cluster that moves between pages is never shown twice on one walk.
 *
 * Indexes (EXPLAIN on the sandbox's MariaDB at 1k and 100k signals, see test/bench/suites/signals.ts): the
 * clusters come from `cluster_state_evidence` / `cluster_state_category_evidence` / `cluster_state_last_seen`,
 * read backward in sort order (each secondary index ends in the primary key, so `ORDER BY key DESC, id DESC`
 * needs no sort and stops after `limit + 1` matches) or, for a narrow "since" range, by range and a small sort.
 *
 * "Received since" needs no join: a cluster has a signal received since t exactly when its `last_seen_at` ≥ t.
 * A customer filter is an EXISTS on the signal table that also applies "since" to that customer's signals;
 * MariaDB turns it into a semi-join, probing `signal_cluster_received` per cluster on small data and, on large,
 * materialising the customer's recent cluster ids once from `signal_customer_received` (customer, received_at).
 */
export async function inboxPage(query: InboxQuery): Promise<InboxPage> {
  const limit = inboxLimit(query);
  const rows = await selectRows(inboxStatement(query));
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const { rows: clusters, unreadable } = readRows(CLUSTER_KIND, clusterRowSchema, pageRows, rowId);
  const last = pageRows[pageRows.length - 1];
  let nextCursor: string | undefined;
  if (more && last) {
    // From the raw row, not the parsed one: an unreadable last row must still move the page on.
    const key = Number(last[SORT_FIELD[query.sort]]);
    nextCursor = encodeCursor({ sort: query.sort, key, id: last.id });
  }
  return nextCursor === undefined ? { clusters, unreadable } : { clusters, nextCursor, unreadable };
}

/** The Inbox page's one statement (exported so the benchmark can EXPLAIN exactly what runs). */
export function inboxStatement(query: InboxQuery) {
  const limit = inboxLimit(query);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
  const keyColumn = SORT_COLUMN[query.sort];

  let select = db.selectFrom('cluster').select(CLUSTER_COLUMNS).where('cluster.state', '=', query.state);
  if (query.category !== undefined) select = select.where('cluster.category', '=', query.category);
  if (query.receivedSince !== undefined) select = select.where('cluster.last_seen_at', '>=', query.receivedSince);
  if (query.customer !== undefined) {
    const { customer, receivedSince } = query;
    select = select.where(({ exists, selectFrom }) => {
      let signals = selectFrom('signal')
        .select(sql.lit(1).as('one'))
        .whereRef('signal.cluster_id', '=', 'cluster.id')
        .where('signal.customer', '=', customer);
      if (receivedSince !== undefined) signals = signals.where('signal.received_at', '>=', receivedSince);
      return exists(signals);
    });
  }
  if (query.source !== undefined) {
    const { source } = query;
    select = select.where(({ exists, selectFrom }) =>
      exists(selectFrom('signal').select(sql.lit(1).as('one')).whereRef('signal.cluster_id', '=', 'cluster.id').where('signal.source', '=', source)),
    );
  }
  if (query.text !== undefined) {
    // LIKE with the person's words taken literally (%, _ and \ escaped); a filter, so a scan is accepted here.
    const pattern = `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where(({ or, eb, exists, selectFrom }) =>
      or([
        eb('cluster.title', 'like', pattern),
        exists(
          selectFrom('signal')
            .select(sql.lit(1).as('one'))
            .whereRef('signal.cluster_id', '=', 'cluster.id')
            .where((inner) => inner.or([inner('signal.text', 'like', pattern), inner('signal.customer', 'like', pattern)])),
        ),
      ]),
    );
  }
  if (after) {
    select = select.where(({ eb, or, and }): Expression<SqlBool> =>
      or([eb(keyColumn, '<', after.key), and([eb(keyColumn, '=', after.key), eb('cluster.id', '<', after.id)])]),
    );
  }
  return select
    .orderBy(keyColumn, 'desc')
    .orderBy('cluster.id', 'desc')
    .limit(limit + 1)
    .compile();
}

/**
 * How many clusters are in each of these states, in ONE statement (`GROUP BY state` over the `(state, …)`
 * indexes): the triage page's tab counts. States with none are answered as 0.
 */
export async function clusterCountsByState(states: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(states.map((s) => [s, 0]));
  if (states.length === 0) return counts;
  const rows = await selectRows(
    db
      .selectFrom('cluster')
      .select((eb) => ['cluster.state', eb.fn.countAll<number>().as('clusters')])
      .where('cluster.state', 'in', [...states])
      .groupBy('cluster.state')
      .compile(),
  );
  for (const row of rows) {
    const n = Number((row as { clusters: unknown }).clusters);
    if (typeof row.state === 'string' && Number.isFinite(n)) counts[row.state] = n;
  }
  return counts;
}

/**
 * Someone changed a cluster (a person's operation, or a new signal joining it) since the person saw it: they get
 * the clusters as they are now and decide again on top of them.
 */
export class ClusterConflict extends AppError {
  constructor(
    readonly current: ClusterRead[],
    message = 'This cluster changed since you opened it (a signal joined, or someone else changed it); here it is now. Review it and try again.',
  ) {
    super('conflict', message);
    this.name = 'ClusterConflict';
  }
}

/** Several clusters at once (one statement), in the order asked; ids with no readable row are left out. */
export async function getClusters(ids: readonly string[]): Promise<ClusterRead[]> {
  if (ids.length === 0) return [];
  const rows = await selectRows(db.selectFrom('cluster').select(CLUSTER_COLUMNS).where('cluster.id', 'in', [...ids]).compile());
  const read = new Map(readRows(CLUSTER_KIND, clusterRowSchema, rows, rowId).rows.map((c) => [c.id, c]));
  return ids.flatMap((id) => (read.has(id) ? [read.get(id)!] : []));
}

export interface ExpectedVersion {
  id: string;
  version: number;
}

/**
 * Claims one or two clusters at the versions a person saw, in ONE statement (`UPDATE cluster a, cluster b SET
 * a.version = a.version + 1, b.version = … WHERE a.id = ? AND a.version = ? AND b.id = ? AND b.version = ?`):
 * both are claimed or neither. A merged cluster is never claimed (nothing may move into or out of it). Throws
 * ClusterConflict with their current state when either changed or was merged, and `not-found` when one does
 * not exist.
 */
export async function claimClusters(expected: readonly ExpectedVersion[], nowMs: number): Promise<void> {
  const unique = [...new Map(expected.map((e) => [e.id, e])).values()];
  if (unique.length === 0) return;
  if (unique.length > 2) throw new Error('claimClusters claims at most two clusters');
  let affected: number;
  if (unique.length === 1) {
    const [only] = unique;
    ({ affectedRows: affected } = await executeWrite(
      db
        .updateTable('cluster')
        .set({ version: sql<number>`${sql.ref('version')} + 1`, updated_at: nowMs })
        .where('id', '=', only.id)
        .where('version', '=', only.version)
        .where('state', '<>', MERGED)
        .compile(),
    ));
  } else {
    const [a, b] = unique;
    ({ affectedRows: affected } = await executeWrite(
      sql`UPDATE ${sql.table('cluster')} AS ${sql.id('a')}, ${sql.table('cluster')} AS ${sql.id('b')}
SET ${sql.ref('a.version')} = ${sql.ref('a.version')} + 1, ${sql.ref('b.version')} = ${sql.ref('b.version')} + 1,
  ${sql.ref('a.updated_at')} = ${nowMs}, ${sql.ref('b.updated_at')} = ${nowMs}
WHERE ${sql.ref('a.id')} = ${a.id} AND ${sql.ref('a.version')} = ${a.version} AND ${sql.ref('b.id')} = ${b.id} AND ${sql.ref('b.version')} = ${b.version}
  AND ${sql.ref('a.state')} <> ${MERGED} AND ${sql.ref('b.state')} <> ${MERGED}`.compile(db),
    ));
  }
  if (affected < unique.length) throw await claimRefusal(unique.map((e) => e.id));
}

/** The state a merge leaves the absorbed cluster in. */
const MERGED = 'merged';

/** Why a claim matched nothing, from the clusters as they are now. */
async function claimRefusal(ids: readonly string[]): Promise<AppError> {
  const current = await getClusters(ids);
  const missing = ids.find((id) => !current.some((c) => c.id === id));
  if (missing !== undefined) return new AppError('not-found', `There is no cluster ${missing} (an undo may have removed it). Reload the Inbox.`);
  const merged = current.find((c) => c.state === MERGED);
  if (merged) return new ClusterConflict(current, `“${merged.title}” was merged into another cluster, so it cannot change. Reload the Inbox and work on the cluster it went into.`);
  return new ClusterConflict(current);
}

/**
 * Gives a cluster the title a person chose, at the version they saw, in one statement (`UPDATE … WHERE id = ?
 * AND version = ?`). Answers false when nothing matched: the cluster changed, was merged, or does not exist.
 */
export async function renameCluster(clusterId: string, expectedVersion: number, title: string, nowMs: number): Promise<boolean> {
  const value = newClusterSchema.shape.title.parse(title);
  const { affectedRows } = await executeWrite(
    db
      .updateTable('cluster')
      .set({ title: value, version: sql<number>`${sql.ref('version')} + 1`, updated_at: nowMs })
      .where('id', '=', clusterId)
      .where('version', '=', expectedVersion)
      .where('state', '<>', MERGED)
      .compile(),
  );
  return affectedRows > 0;
}

/** How many of a cluster's own terms (its heaviest) look for similar clusters: bounds the self-join's cost. */
const SIMILAR_QUERY_TERMS = 40;

export interface SimilarOpenCluster {
  cluster: ClusterRead;
  /** The cluster's summed terms against the other's mean signal (similarClusters' score with the cluster as query). */
  score: number;
  /** The terms both have, concept terms (`~…`) included. */
  sharedTerms: string[];
}

const similarRowSchema = z.object({ score: z.coerce.number(), shared_term: z.string() });

/**
 * The open clusters most like one cluster, best first, with the terms they share, in ONE statement on the term
 * index: the cluster's heaviest terms against every other cluster's terms (the primary key (term, cluster_id)),
 * summed per cluster over its signal count as similarClusters scores; only open clusters with signals, never
 * itself, and never one a person said is not the same as it (either way round: pairs are stored both ways, and
 * an older one-way row still counts). The outer join lists, per chosen cluster, each term the two share.
 */
export async function similarOpenClusters(clusterId: string, limit = 5): Promise<SimilarOpenCluster[]> {
  if (limit <= 0) return [];
  const rows = await selectRows(similarOpenClustersStatement(clusterId, limit));
  const out = new Map<string, SimilarOpenCluster>();
  for (const row of rows) {
    const id = rowId(row);
    let entry = out.get(id);
    if (!entry) {
      const cluster = readRows(CLUSTER_KIND, clusterRowSchema, [row], rowId).rows[0];
      const extra = similarRowSchema.safeParse(row);
      if (!cluster || !extra.success) continue;
      entry = { cluster, score: extra.data.score, sharedTerms: [] };
      out.set(id, entry);
    }
    entry.sharedTerms.push(String((row as { shared_term: unknown }).shared_term));
  }
  return [...out.values()];
}

/** similarOpenClusters' one statement (exported so a benchmark can EXPLAIN it). */
export function similarOpenClustersStatement(clusterId: string, limit: number) {
  const mine = db
    .selectFrom('cluster_term')
    .select(['cluster_term.term', 'cluster_term.weight'])
    .where('cluster_term.cluster_id', '=', clusterId)
    .orderBy('cluster_term.weight', 'desc')
    .orderBy('cluster_term.term')
    .limit(SIMILAR_QUERY_TERMS)
    .as('mine');
  const matches = db
    .selectFrom(mine)
    .innerJoin('cluster_term as other', 'other.term', 'mine.term')
    .select(['other.cluster_id', sql<number>`SUM(${sql.ref('other.weight')} * ${sql.ref('mine.weight')})`.as('dot')])
    .where('other.cluster_id', '<>', clusterId)
    .groupBy('other.cluster_id')
    .as('matches');
  const top = db
    .selectFrom(matches)
    .innerJoin('cluster', 'cluster.id', 'matches.cluster_id')
    .select([...CLUSTER_COLUMNS, sql<number>`${sql.ref('matches.dot')} / GREATEST(${sql.ref('cluster.signal_count')}, 1)`.as('score')])
    .where('cluster.state', 'in', [...OPEN_CLUSTER_STATES])
    .where('cluster.signal_count', '>', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('not_same')
            .select(sql.lit(1).as('one'))
            .where(({ or, and, eb }) =>
              or([
                and([eb('not_same.subject_id', '=', clusterId), eb('not_same.cluster_id', '=', eb.ref('cluster.id'))]),
                and([eb('not_same.subject_id', '=', eb.ref('cluster.id')), eb('not_same.cluster_id', '=', clusterId)]),
              ]),
            ),
        ),
      ),
    )
    .orderBy('score', 'desc')
    .orderBy('cluster.id')
    .limit(limit)
    .as('top');
  return db
    .selectFrom(top)
    .innerJoin('cluster_term as theirs', 'theirs.cluster_id', 'top.id')
    .innerJoin('cluster_term as own', (join) => join.onRef('own.term', '=', 'theirs.term').on('own.cluster_id', '=', clusterId))
    .selectAll('top')
    .select('theirs.term as shared_term')
    .orderBy('top.score', 'desc')
    .orderBy('top.id')
    .orderBy('theirs.term')
    .compile();
}

/**
 * Creates a cluster with its evidence recounted from the signals already in it, or — when it exists (a retry) —
 * recounts it: one INSERT … SELECT … ON DUPLICATE KEY UPDATE. Clustering puts the signal in the new cluster
 * first and then calls this, so a retry after either statement ends with the cluster and its evidence. With no
 * signal in it (they were moved on meanwhile) it does nothing: no empty cluster is ever made.
 */
export async function upsertClusterWithEvidence(cluster: NewCluster & { id: string }, nowMs: number): Promise<void> {
  const value = newClusterSchema.parse(cluster);
  await executeWrite(
    db
      .insertInto('cluster')
      .columns([
        'id',
        'title',
        'category',
        'state',
        'reason',
        'signal_count',
        'customer_count',
        'arr_total',
        'evidence_score',
        'first_seen_at',
        'last_seen_at',
        'updated_at',
      ])
      .expression(
        db
          .selectFrom(recountOf(cluster.id))
          .select([
            sql.val(cluster.id).as('id'),
            sql.val(value.title).as('title'),
            sql.val(value.category ?? null).as('category'),
            sql.val(value.state).as('state'),
            sql.val(value.reason ?? null).as('reason'),
            sql<number>`e.recounted_signals`.as('signal_count'),
            sql<number>`e.recounted_customers`.as('customer_count'),
            sql<number>`e.recounted_arr`.as('arr_total'),
            sql<number>`COALESCE(${evidenceScoreSql}, ${nowMs / RECENCY_E_FOLDING_MS})`.as('evidence_score'),
            sql<number>`COALESCE(e.recounted_first_seen_at, ${nowMs})`.as('first_seen_at'),
            sql<number>`COALESCE(e.recounted_last_seen_at, ${nowMs})`.as('last_seen_at'),
            sql.val(nowMs).as('updated_at'),
          ])
          // Only a cluster that has a signal: one whose signal went elsewhere meanwhile is neither made nor touched.
          .where(sql<number>`e.recounted_signals`, '>', 0),
      )
      .onDuplicateKeyUpdate({
        signal_count: sql<number>`VALUES(${sql.ref('signal_count')})`,
        customer_count: sql<number>`VALUES(${sql.ref('customer_count')})`,
        arr_total: sql<number>`VALUES(${sql.ref('arr_total')})`,
        evidence_score: sql<number>`VALUES(${sql.ref('evidence_score')})`,
        first_seen_at: sql<number>`VALUES(${sql.ref('first_seen_at')})`,
        last_seen_at: sql<number>`VALUES(${sql.ref('last_seen_at')})`,
        version: sql<number>`${sql.ref('version')} + 1`,
        updated_at: nowMs,
      })
      .compile(),
  );
}

/** Sets a cluster's state, title and reason outright (a merge marks the absorbed one `merged`; an undo restores it). */
export async function setClusterState(clusterId: string, state: string, nowMs: number, fields: { title?: string; reason?: string | null; category?: string | null } = {}): Promise<void> {
  await executeWrite(
    db
      .updateTable('cluster')
      .set({
        state,
        ...(fields.title !== undefined ? { title: fields.title } : {}),
        ...(fields.reason !== undefined ? { reason: fields.reason } : {}),
        ...(fields.category !== undefined ? { category: fields.category } : {}),
        version: sql<number>`${sql.ref('version')} + 1`,
        updated_at: nowMs,
      })
      .where('id', '=', clusterId)
      .compile(),
  );
}

/** A cluster's reason text (why it is what it is: e.g. merged into another), for undo. */
export async function clusterReasonText(clusterId: string): Promise<string | null> {
  const rows = await selectRows(db.selectFrom('cluster').select('reason').where('id', '=', clusterId).compile());
  return rows[0]?.reason ?? null;
}

/** Deletes a cluster that has no signals (an undone split's or move's new cluster) and its terms: two statements. */
export async function deleteEmptyCluster(clusterId: string): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db
      .deleteFrom('cluster')
      .where('cluster.id', '=', clusterId)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('signal').select(sql.lit(1).as('one')).where('signal.cluster_id', '=', clusterId))))
      .compile(),
  );
  if (affectedRows > 0) await executeWrite(db.deleteFrom('cluster_term').where('cluster_id', '=', clusterId).compile());
  return affectedRows > 0;
}

/** A cluster's state, title and reason as stored (for undo's restore), or null. */
export async function clusterHeader(clusterId: string): Promise<{ id: string; state: string; title: string; reason: string | null } | null> {
  const rows = await selectRows(db.selectFrom('cluster').select(['id', 'state', 'title', 'reason']).where('id', '=', clusterId).compile());
  return rows[0] ?? null;
}
