/**
 * The term index (`signal_term`, `cluster_term`): what a signal is about, per term, and the same summed per
 * cluster, so "which clusters is this new signal like?" is one indexed statement instead of a scan of texts.
 *
 * Every write here is an upsert that sets the weight outright (`weight = VALUES(weight)`, never `weight + …`),
 * so running it again — outbox delivery is at least once — leaves the same rows.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { WeightedTerm } from '../domain/terms';
import { db, type SignalTable, type UpstreamDatabase } from './sql/schema';
import { executeWrite, readRows, selectRows } from './sql/run';

/** Writes a signal's terms in one multi-row upsert; no terms is no statement. */
export async function writeSignalTerms(signalId: string, terms: readonly WeightedTerm[]): Promise<void> {
  if (terms.length === 0) return;
  await executeWrite(
    db
      .insertInto('signal_term')
      .values(terms.map(({ term, weight }) => ({ term, signal_id: signalId, weight })))
      .onDuplicateKeyUpdate({ weight: sql<number>`VALUES(${sql.ref('weight')})` })
      .compile(),
  );
}

/**
 * Sets a cluster's terms to the sum of its signals' terms, in one INSERT … SELECT upsert. It adds and updates
 * but never removes: a term can only leave a cluster when a signal leaves it, and `pruneClusterTerms` handles
 * that case (one more statement, only on a move).
 */
export async function refreshClusterTerms(clusterId: string): Promise<void> {
  await executeWrite(clusterTermsUpsert(clusterId));
}

/**
 * The same refresh for whatever cluster a signal is in, found inside the statement (a subquery on `signal`), so
 * indexing a signal needs no separate read of its cluster; a signal in no cluster matches nothing and changes
 * nothing.
 */
export async function refreshClusterTermsOfSignal(signalId: string): Promise<void> {
  await executeWrite(clusterTermsUpsert(db.selectFrom('signal as of_signal').select('of_signal.cluster_id').where('of_signal.id', '=', signalId)));
}

/**
 * The one upsert every refresh sends: the summed terms of the signals in the cluster `cluster` names (an id, or a
 * subquery giving one), for `onlyTerms` when given.
 */
function clusterTermsUpsert(
  cluster: string | SelectQueryBuilder<UpstreamDatabase & { of_signal: SignalTable }, 'of_signal', { cluster_id: string | null }>,
  onlyTerms?: readonly string[],
) {
  return db
    .insertInto('cluster_term')
    .columns(['term', 'cluster_id', 'weight'])
    .expression(
      db
        .selectFrom('signal_term')
        .innerJoin('signal', 'signal.id', 'signal_term.signal_id')
        .select([
          'signal_term.term',
          // Never NULL here (the WHERE below matches no NULL); COALESCE tells the column's type so.
          (eb) => eb.fn.coalesce('signal.cluster_id', sql.lit('')).as('cluster_id'),
          (eb) => eb.fn.sum<number>('signal_term.weight').as('weight'),
        ])
        .where('signal.cluster_id', '=', cluster)
        .$if(onlyTerms !== undefined, (q) => q.where('signal_term.term', 'in', [...(onlyTerms ?? [])]))
        .groupBy(['signal_term.term', 'signal.cluster_id']),
    )
    .onDuplicateKeyUpdate({ weight: sql<number>`VALUES(${sql.ref('weight')})` })
    .compile();
}

/** Removes the cluster's terms that none of its signals has any more (after a signal moved out). */
export async function pruneClusterTerms(clusterId: string): Promise<void> {
  await executeWrite(
    db
      .deleteFrom('cluster_term')
      .where('cluster_term.cluster_id', '=', clusterId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('signal_term')
              .innerJoin('signal', 'signal.id', 'signal_term.signal_id')
              .select(sql.lit(1).as('one'))
              .where('signal.cluster_id', '=', clusterId)
              .whereRef('signal_term.term', '=', 'cluster_term.term'),
          ),
        ),
      )
      .compile(),
  );
}

export interface SimilarCluster {
  clusterId: string;
  /** The query's terms against the cluster's mean signal (its summed terms over its signal count): higher is more alike. */
  score: number;
  /** How many of the query's terms the cluster has. */
  sharedTerms: number;
}

const similarClusterRowSchema = z.object({
  id: z.string(),
  score: z.coerce.number(),
  shared_terms: z.coerce.number().int(),
});

/**
 * The clusters most like a text's terms, best first, in one statement on the term index: `cluster_term`'s
 * primary key (term, cluster_id) finds the rows for the query's terms (an IN list of at most
 * MAX_TERMS_PER_SIGNAL), each weighted by the query's own weight for that term through a CASE of bound values
 * (both TiDB and MariaDB accept it; a derived table of UNION ALL rows would too, with more text).
 *
 * The sum is divided by the cluster's signal count — the query against the cluster's centroid — so a big
 * cluster does not win only by having many signals that each mention a term once.
 */
export async function similarClusters(terms: readonly WeightedTerm[], limit = 10): Promise<SimilarCluster[]> {
  if (terms.length === 0 || limit <= 0) return [];
  const rows = await selectRows(similarClustersStatement(terms, limit));
  return readRows('similar cluster', similarClusterRowSchema, rows, (row) => String((row as { id?: unknown }).id ?? '(no id)')).rows.map((row) => ({
    clusterId: row.id,
    score: row.score,
    sharedTerms: row.shared_terms,
  }));
}

/**
 * similarClusters' one statement (exported so the benchmark can EXPLAIN exactly what runs); `terms` must not be
 * empty. The sum is grouped first and only then joined to `cluster` for the signal count, so each candidate
 * cluster is looked up once rather than once per matching term row (at 100k signals, about 40 % faster on the
 * sandbox's MariaDB: hot terms match thousands of rows).
 */
export function similarClustersStatement(terms: readonly WeightedTerm[], limit = 10) {
  const queryWeight = sql<number>`CASE ${sql.ref('cluster_term.term')} ${sql.join(
    terms.map(({ term, weight }) => sql`WHEN ${term} THEN ${weight}`),
    sql` `,
  )} ELSE 0 END`;
  const matches = db
    .selectFrom('cluster_term')
    .select([
      'cluster_term.cluster_id',
      sql<number>`SUM(${sql.ref('cluster_term.weight')} * ${queryWeight})`.as('dot'),
      (eb) => eb.fn.countAll<number>().as('shared_terms'),
    ])
    .where(
      'cluster_term.term',
      'in',
      terms.map(({ term }) => term),
    )
    .groupBy('cluster_term.cluster_id')
    .as('matches');
  return db
    .selectFrom(matches)
    .innerJoin('cluster', 'cluster.id', 'matches.cluster_id')
    .select([
      'matches.cluster_id as id',
      sql<number>`${sql.ref('matches.dot')} / GREATEST(${sql.ref('cluster.signal_count')}, 1)`.as('score'),
      'matches.shared_terms',
    ])
    .orderBy('score', 'desc')
    .orderBy('matches.cluster_id')
    .limit(limit)
    .compile();
}

const signalTermRowSchema = z.object({ term: z.string(), weight: z.coerce.number() });

/** A signal's stored terms (for tests and for explaining a match). */
export async function termsOfSignal(signalId: string): Promise<WeightedTerm[]> {
  const rows = await selectRows(
    db.selectFrom('signal_term').select(['term', 'weight']).where('signal_id', '=', signalId).orderBy('term').compile(),
  );
  return readRows('signal term', signalTermRowSchema, rows, () => signalId).rows;
}

/**
 * Cluster states a new signal may join: clusters still being triaged, and parked ones — new evidence for a parked
 * cluster is what brings it back to the Inbox (services/signals/routing-parking.ts). A routed or declined cluster
 * is decided, and a merged one (state `merged`, written by a merge) has no signals left; none takes new signals.
 */
export const OPEN_CLUSTER_STATES = ['new', 'triaged', 'parked'] as const;
/** Clusters the candidates statement answers at most (the prefilter's top N by score). */
export const CANDIDATE_CLUSTERS = 10;

/** One matched term of a candidate cluster: the cluster's summed weight for a term the query has. */
export interface CandidateRow {
  clusterId: string;
  signalCount: number;
  term: string;
  weight: number;
}

export interface ClusterCandidateRows {
  clusterId: string;
  signalCount: number;
  /** The cluster's (summed) weight for each of the query's terms it has. */
  matched: { term: string; weight: number }[];
}

const candidateRowSchema = z.object({
  cluster_id: z.string(),
  signal_count: z.coerce.number().int(),
  term: z.string(),
  weight: z.coerce.number(),
});

/**
 * The candidate clusters for a new signal, in ONE statement: the prefilter picks the top `limit` open clusters
 * (state in OPEN_CLUSTER_STATES, at least one signal, not marked "not the same" as `exceptFor` — a signal or
 * cluster id) by the query's terms against each cluster's mean signal (similarClusters' score), and the outer
 * join answers, for each of them, every (term, weight) it shares with the query and its signal count — what
 * the domain's `assignCluster` scores. Ordered by the prefilter's rank, then term.
 */
export async function clusterCandidates(terms: readonly WeightedTerm[], exceptFor?: string, limit = CANDIDATE_CLUSTERS): Promise<ClusterCandidateRows[]> {
  if (terms.length === 0 || limit <= 0) return [];
  const rows = await selectRows(clusterCandidatesStatement(terms, exceptFor, limit));
  const read = readRows('cluster candidate', candidateRowSchema, rows, (row) => String((row as { cluster_id?: unknown }).cluster_id ?? '(no id)')).rows;
  const byCluster = new Map<string, ClusterCandidateRows>();
  for (const row of read) {
    let candidate = byCluster.get(row.cluster_id);
    if (!candidate) {
      candidate = { clusterId: row.cluster_id, signalCount: row.signal_count, matched: [] };
      byCluster.set(row.cluster_id, candidate);
    }
    candidate.matched.push({ term: row.term, weight: row.weight });
  }
  return [...byCluster.values()];
}

/** clusterCandidates' one statement (exported so the benchmark can EXPLAIN it); `terms` must not be empty. */
export function clusterCandidatesStatement(terms: readonly WeightedTerm[], exceptFor: string | undefined, limit = CANDIDATE_CLUSTERS) {
  const termList = terms.map(({ term }) => term);
  const queryWeight = sql<number>`CASE ${sql.ref('cluster_term.term')} ${sql.join(
    terms.map(({ term, weight }) => sql`WHEN ${term} THEN ${weight}`),
    sql` `,
  )} ELSE 0 END`;
  const matches = db
    .selectFrom('cluster_term')
    .select(['cluster_term.cluster_id', sql<number>`SUM(${sql.ref('cluster_term.weight')} * ${queryWeight})`.as('dot')])
    .where('cluster_term.term', 'in', termList)
    .groupBy('cluster_term.cluster_id')
    .as('matches');
  let top = db
    .selectFrom(matches)
    .innerJoin('cluster', 'cluster.id', 'matches.cluster_id')
    .select([
      'matches.cluster_id as cluster_id',
      'cluster.signal_count as signal_count',
      sql<number>`${sql.ref('matches.dot')} / GREATEST(${sql.ref('cluster.signal_count')}, 1)`.as('score'),
    ])
    .where('cluster.state', 'in', [...OPEN_CLUSTER_STATES])
    .where('cluster.signal_count', '>', 0);
  if (exceptFor !== undefined) {
    top = top.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('not_same')
            .select(sql.lit(1).as('one'))
            .where('not_same.subject_id', '=', exceptFor)
            .whereRef('not_same.cluster_id', '=', 'matches.cluster_id'),
        ),
      ),
    );
  }
  const ranked = top.orderBy('score', 'desc').orderBy('matches.cluster_id').limit(limit).as('top');
  return db
    .selectFrom(ranked)
    .innerJoin('cluster_term', 'cluster_term.cluster_id', 'top.cluster_id')
    .select(['top.cluster_id', 'top.signal_count', 'cluster_term.term', 'cluster_term.weight'])
    .where('cluster_term.term', 'in', termList)
    .orderBy('top.score', 'desc')
    .orderBy('top.cluster_id')
    .orderBy('cluster_term.term')
    .compile();
}

/**
 * Sets a cluster's weights for `terms` only (the terms of a signal that just joined it) to the sum over its
 * signals, in one INSERT … SELECT upsert: idempotent like refreshClusterTerms, but it reads only those terms'
 * rows instead of every term of every signal in the cluster (a joining signal changes no other term).
 */
export async function refreshClusterTermsFor(clusterId: string, terms: readonly string[]): Promise<void> {
  if (terms.length === 0) return;
  await executeWrite(clusterTermsUpsert(clusterId, terms));
}

/** The terms of several clusters in one statement (for learning concepts from a merge, and for tests). */
export async function termsOfClusters(clusterIds: readonly string[]): Promise<Map<string, WeightedTerm[]>> {
  const out = new Map<string, WeightedTerm[]>(clusterIds.map((id) => [id, []]));
  if (clusterIds.length === 0) return out;
  const rows = await selectRows(
    db.selectFrom('cluster_term').select(['cluster_id', 'term', 'weight']).where('cluster_id', 'in', [...clusterIds]).orderBy('cluster_id').orderBy('term').compile(),
  );
  for (const row of rows) out.get(row.cluster_id)?.push({ term: row.term, weight: Number(row.weight) });
  return out;
}

/** Removes every term of a cluster (one that has no signals left: merged away). */
export async function deleteClusterTerms(clusterId: string): Promise<void> {
  await executeWrite(db.deleteFrom('cluster_term').where('cluster_id', '=', clusterId).compile());
}
