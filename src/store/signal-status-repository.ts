/**
 * What became of signals, read across `signal`, `cluster` and `routing_decision` (Forge SQL), and the one thing
 * written here: shipped.
 *
 * - A signal's status is derived in SQL, in one expression (`STATUS`), so that the filter, the page and the
 *   counts agree: shipped (the signal, or the decision of its cluster, has reached Done), routed (roadmap or
 *   quick fix), declined, parked (a parking-lot decision on a cluster still parked; one that came back to the
 *   Inbox reads as new again), otherwise new.
 * - Shipped is written with `… WHERE shipped_at IS NULL`: the first Done stands, a second event changes nothing,
 *   and the caller learns from `affectedRows` whether this event was the one that shipped anything.
 * - Pipeline health is three statements over a window of months; the months are passed in as boundaries (a CASE
 *   on `received_at`), so the buckets are UTC months whatever the database's time zone is.
 */
import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { db } from './sql/schema';
import { executeWrite, readRows, selectRows } from './sql/run';

const KIND = 'signal-status';

export const SIGNAL_STATUSES = ['new', 'parked', 'routed', 'declined', 'shipped'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

const bigint = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const nullableBigint = bigint.nullable();

/** The status expression over `s` (signal), `c` (cluster) and `d` (routing_decision). */
const STATUS = sql<string>`CASE
  WHEN ${sql.ref('s.shipped_at')} IS NOT NULL OR ${sql.ref('d.shipped_at')} IS NOT NULL THEN 'shipped'
  WHEN ${sql.ref('d.route')} IN ('roadmap', 'quick-fix') THEN 'routed'
  WHEN ${sql.ref('d.route')} = 'declined' THEN 'declined'
  WHEN ${sql.ref('d.route')} = 'parking-lot' AND NOT (${sql.ref('c.state')} = 'new' AND ${sql.ref('d.parked_signals')} IS NOT NULL) THEN 'parked'
  ELSE 'new'
END`;

const FROM_SIGNALS = sql`${sql.table('signal')} AS ${sql.id('s')}
  LEFT JOIN ${sql.table('cluster')} AS ${sql.id('c')} ON ${sql.ref('c.id')} = ${sql.ref('s.cluster_id')}
  LEFT JOIN ${sql.table('routing_decision')} AS ${sql.id('d')} ON ${sql.ref('d.cluster_id')} = ${sql.ref('s.cluster_id')}`;

const statusRowSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    customer: z.string(),
    source: z.string(),
    received_at: bigint,
    arr: nullableBigint,
    signal_status: z.enum(SIGNAL_STATUSES),
    cluster_state: z.string().nullable(),
    route: z.string().nullable(),
    rationale: z.string().nullable(),
    decided_at: nullableBigint,
    decided_by: z.string().nullable(),
    decided_by_name: z.string().nullable(),
    issue_key: z.string().nullable(),
    jira_state: z.string().nullable(),
    parked_signals: nullableBigint,
    s_shipped_at: nullableBigint,
    s_shipped_issue: z.string().nullable(),
    d_shipped_at: nullableBigint,
    d_shipped_issue: z.string().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    text: row.text,
    customer: row.customer,
    source: row.source,
    /** Unix ms. */
    receivedAt: row.received_at,
    arr: row.arr,
    status: row.signal_status,
    /** A parked cluster that new evidence brought back to the Inbox. */
    returnedFromParking: row.route === 'parking-lot' && row.cluster_state === 'new' && row.parked_signals !== null,
    decision:
      row.route === null
        ? null
        : {
            route: row.route,
            rationale: row.rationale ?? '',
            decidedAt: row.decided_at,
            decidedByName: row.decided_by_name,
            decidedById: row.decided_by ?? '',
            issueKey: row.issue_key,
            jiraState: row.jira_state ?? 'none',
          },
    shipped:
      row.s_shipped_at !== null || row.d_shipped_at !== null
        ? { at: (row.s_shipped_at ?? row.d_shipped_at)!, issueKey: row.s_shipped_issue ?? row.d_shipped_issue }
        : null,
  }));
export type SignalStatusRow = z.output<typeof statusRowSchema>;

/** Where a page of one person's signals starts: after this (received_at, id), newest first. */
export interface StatusCursor {
  receivedAt: number;
  id: string;
}

/**
 * One page of the signals raised by `accountId`, newest first, optionally of one status; `limit + 1` rows are
 * read so the caller knows whether there is another page. One statement.
 */
export async function signalsRaisedBy(accountId: string, options: { status: SignalStatus | null; after: StatusCursor | null; limit: number }): Promise<SignalStatusRow[]> {
  const conditions: RawBuilder<unknown>[] = [sql`${sql.ref('s.raised_by_account_id')} = ${accountId}`];
  if (options.status) conditions.push(sql`(${STATUS}) = ${options.status}`);
  if (options.after) {
    conditions.push(
      sql`(${sql.ref('s.received_at')} < ${options.after.receivedAt} OR (${sql.ref('s.received_at')} = ${options.after.receivedAt} AND ${sql.ref('s.id')} < ${options.after.id}))`,
    );
  }
  const query = sql<unknown>`SELECT ${sql.ref('s.id')}, ${sql.ref('s.text')}, ${sql.ref('s.customer')}, ${sql.ref('s.source')}, ${sql.ref('s.received_at')}, ${sql.ref('s.arr')},
  (${STATUS}) AS ${sql.id('signal_status')}, ${sql.ref('c.state')} AS ${sql.id('cluster_state')},
  ${sql.ref('d.route')}, ${sql.ref('d.rationale')}, ${sql.ref('d.decided_at')}, ${sql.ref('d.decided_by')}, ${sql.ref('d.decided_by_name')}, ${sql.ref('d.issue_key')}, ${sql.ref('d.jira_state')}, ${sql.ref('d.parked_signals')},
  ${sql.ref('s.shipped_at')} AS ${sql.id('s_shipped_at')}, ${sql.ref('s.shipped_issue_key')} AS ${sql.id('s_shipped_issue')},
  ${sql.ref('d.shipped_at')} AS ${sql.id('d_shipped_at')}, ${sql.ref('d.shipped_issue_key')} AS ${sql.id('d_shipped_issue')}
FROM ${FROM_SIGNALS}
WHERE ${sql.join(conditions, sql` AND `)}
ORDER BY ${sql.ref('s.received_at')} DESC, ${sql.ref('s.id')} DESC
LIMIT ${options.limit + 1}`.compile(db);
  const rows = await selectRows(query);
  return readRows(KIND, statusRowSchema, rows, (row) => String((row as { id?: unknown }).id ?? '(no id)')).rows;
}

const countRowSchema = z.object({ signal_status: z.string(), n: bigint });

/** How many signals `accountId` raised, by status (every status present, 0 when none). One statement. */
export async function statusCountsOf(accountId: string): Promise<Record<SignalStatus, number>> {
  const rows = await selectRows(
    sql<unknown>`SELECT (${STATUS}) AS ${sql.id('signal_status')}, COUNT(*) AS ${sql.id('n')}
FROM ${FROM_SIGNALS}
WHERE ${sql.ref('s.raised_by_account_id')} = ${accountId}
GROUP BY ${sql.id('signal_status')}`.compile(db),
  );
  const counts: Record<SignalStatus, number> = { new: 0, parked: 0, routed: 0, declined: 0, shipped: 0 };
  for (const row of rows) {
    const parsed = countRowSchema.safeParse(row);
    if (parsed.success && (SIGNAL_STATUSES as readonly string[]).includes(parsed.data.signal_status)) counts[parsed.data.signal_status as SignalStatus] = parsed.data.n;
  }
  return counts;
}

/**
 * Records that `issueKey` reached Done at `atMs`: on the decisions that created or linked it (by issue key) and
 * on the signals its origin names. Only where nothing was recorded yet, so a second event changes nothing.
 * Two statements, each idempotent on its own: a crash between them leaves a redelivery to finish the second.
 * Answers how many decisions and signals this call marked.
 */
export async function recordShipped(issueKey: string, signalIds: readonly string[], atMs: number): Promise<{ decisions: number; signals: number }> {
  const decisions = await executeWrite(
    sql`UPDATE ${sql.table('routing_decision')} SET ${sql.id('shipped_at')} = ${atMs}, ${sql.id('shipped_issue_key')} = ${issueKey}
WHERE ${sql.id('issue_key')} = ${issueKey} AND ${sql.id('route')} IN ('roadmap', 'quick-fix') AND ${sql.id('shipped_at')} IS NULL`.compile(db),
  );
  const ids = [...new Set(signalIds)];
  const signals =
    ids.length === 0
      ? { affectedRows: 0 }
      : await executeWrite(
          sql`UPDATE ${sql.table('signal')} SET ${sql.id('shipped_at')} = ${atMs}, ${sql.id('shipped_issue_key')} = ${issueKey}
WHERE ${sql.id('id')} IN (${sql.join(ids)}) AND ${sql.id('shipped_at')} IS NULL`.compile(db),
        );
  return { decisions: decisions.affectedRows, signals: signals.affectedRows };
}

/** The ids of the decisions that created or linked `issueKey` (whose raisers are told it shipped). One statement. */
export async function decisionIdsOfIssue(issueKey: string): Promise<string[]> {
  const rows = await selectRows(
    db.selectFrom('routing_decision').select('decision_id').where('issue_key', '=', issueKey).where('decision_id', 'is not', null).compile(),
  );
  return rows.flatMap((r) => (r.decision_id ? [r.decision_id] : []));
}

// ——— Pipeline health ———

/** A month as [start, end) in Unix ms, with its label (`2026-11`). */
export interface MonthWindow {
  label: string;
  startMs: number;
  endMs: number;
}

/** CASE mapping a time column to its month's label (months newest first), NULL outside the window. */
function monthOf(column: RawBuilder<unknown>, months: readonly MonthWindow[]): RawBuilder<string> {
  const ordered = [...months].sort((a, b) => b.startMs - a.startMs);
  return sql<string>`CASE ${sql.join(
    ordered.map((m) => sql`WHEN ${column} >= ${m.startMs} AND ${column} < ${m.endMs} THEN ${m.label}`),
    sql` `,
  )} ELSE NULL END`;
}

const healthCountsSchema = z.object({ month: z.string(), signals: bigint, decided: nullableBigint, shipped: nullableBigint });
const medianSchema = z.object({ month: z.string(), metric: z.enum(['decision', 'shipped']), median_ms: nullableBigint });
const parkedSchema = z.object({ month: z.string(), parked: bigint, grew: nullableBigint });

export interface HealthMonthRow {
  month: string;
  signals: number;
  decided: number;
  shipped: number;
  medianDecisionMs: number | null;
  medianShippedMs: number | null;
  parked: number;
  parkedGrew: number;
}

/**
 * Per month of the window: signals received, how many have a decision and how many shipped; the median time
 * from a signal to its cluster's first decision (a later one that replaced it does not reset the clock) and to shipped (a decision made before the signal joined counts as
 * 0); and clusters parked that month, with how many have gained evidence since. Three statements, in parallel.
 */
export async function pipelineHealthRows(months: readonly MonthWindow[]): Promise<HealthMonthRow[]> {
  if (months.length === 0) return [];
  const from = Math.min(...months.map((m) => m.startMs));
  const to = Math.max(...months.map((m) => m.endMs));
  const received = sql.ref('s.received_at');
  const signalMonth = monthOf(received, months);
  const shippedAt = sql`COALESCE(${sql.ref('s.shipped_at')}, ${sql.ref('d.shipped_at')})`;
  const inWindow = sql`${received} >= ${from} AND ${received} < ${to}`;
  const FROM = sql`${sql.table('signal')} AS ${sql.id('s')} LEFT JOIN ${sql.table('routing_decision')} AS ${sql.id('d')} ON ${sql.ref('d.cluster_id')} = ${sql.ref('s.cluster_id')}`;

  const countsQuery = sql<unknown>`SELECT ${signalMonth} AS ${sql.id('month')}, COUNT(*) AS ${sql.id('signals')},
  SUM(CASE WHEN ${sql.ref('d.cluster_id')} IS NOT NULL THEN 1 ELSE 0 END) AS ${sql.id('decided')},
  SUM(CASE WHEN ${shippedAt} IS NOT NULL THEN 1 ELSE 0 END) AS ${sql.id('shipped')}
FROM ${FROM} WHERE ${inWindow} GROUP BY ${sql.id('month')}`.compile(db);

  // Median without a MEDIAN function (TiDB has none): rank each month's values, average the middle one or two.
  const medianQuery = sql<unknown>`SELECT ${sql.id('month')}, ${sql.id('metric')}, AVG(${sql.id('v')}) AS ${sql.id('median_ms')} FROM (
  SELECT ${sql.id('month')}, ${sql.id('metric')}, ${sql.id('v')},
    ROW_NUMBER() OVER (PARTITION BY ${sql.id('month')}, ${sql.id('metric')} ORDER BY ${sql.id('v')}) AS ${sql.id('rn')},
    COUNT(*) OVER (PARTITION BY ${sql.id('month')}, ${sql.id('metric')}) AS ${sql.id('n')}
  FROM (
    SELECT ${signalMonth} AS ${sql.id('month')}, 'decision' AS ${sql.id('metric')}, GREATEST(COALESCE(${sql.ref('d.first_decided_at')}, ${sql.ref('d.decided_at')}) - ${received}, 0) AS ${sql.id('v')}
      FROM ${FROM} WHERE ${inWindow} AND ${sql.ref('d.cluster_id')} IS NOT NULL
    UNION ALL
    SELECT ${signalMonth} AS ${sql.id('month')}, 'shipped' AS ${sql.id('metric')}, GREATEST(${shippedAt} - ${received}, 0) AS ${sql.id('v')}
      FROM ${FROM} WHERE ${inWindow} AND ${shippedAt} IS NOT NULL
  ) AS ${sql.id('vals')}
) AS ${sql.id('ranked')}
WHERE ${sql.id('rn')} IN (FLOOR((${sql.id('n')} + 1) / 2), CEIL((${sql.id('n')} + 1) / 2))
GROUP BY ${sql.id('month')}, ${sql.id('metric')}`.compile(db);

  const decided = sql.ref('p.decided_at');
  const parkedQuery = sql<unknown>`SELECT ${monthOf(decided, months)} AS ${sql.id('month')}, COUNT(*) AS ${sql.id('parked')},
  SUM(CASE WHEN ${sql.ref('c.signal_count')} > ${sql.ref('p.parked_signals')} OR ${sql.ref('c.arr_total')} > COALESCE(${sql.ref('p.parked_arr')}, 0) THEN 1 ELSE 0 END) AS ${sql.id('grew')}
FROM ${sql.table('routing_decision')} AS ${sql.id('p')} JOIN ${sql.table('cluster')} AS ${sql.id('c')} ON ${sql.ref('c.id')} = ${sql.ref('p.cluster_id')}
WHERE ${sql.ref('p.route')} = 'parking-lot' AND ${sql.ref('p.parked_signals')} IS NOT NULL AND ${decided} >= ${from} AND ${decided} < ${to}
GROUP BY ${sql.id('month')}`.compile(db);

  const [counts, medians, parked] = await Promise.all([selectRows(countsQuery), selectRows(medianQuery), selectRows(parkedQuery)]);
  const byMonth = new Map<string, HealthMonthRow>(
    months.map((m) => [m.label, { month: m.label, signals: 0, decided: 0, shipped: 0, medianDecisionMs: null, medianShippedMs: null, parked: 0, parkedGrew: 0 }]),
  );
  for (const raw of counts) {
    const row = healthCountsSchema.safeParse(raw);
    const entry = row.success ? byMonth.get(row.data.month) : undefined;
    if (!row.success || !entry) continue;
    Object.assign(entry, { signals: row.data.signals, decided: row.data.decided ?? 0, shipped: row.data.shipped ?? 0 });
  }
  for (const raw of medians) {
    const row = medianSchema.safeParse(raw);
    const entry = row.success ? byMonth.get(row.data.month) : undefined;
    if (!row.success || !entry || row.data.median_ms === null) continue;
    if (row.data.metric === 'decision') entry.medianDecisionMs = Math.round(row.data.median_ms);
    else entry.medianShippedMs = Math.round(row.data.median_ms);
  }
  for (const raw of parked) {
    const row = parkedSchema.safeParse(raw);
    const entry = row.success ? byMonth.get(row.data.month) : undefined;
    if (!row.success || !entry) continue;
    Object.assign(entry, { parked: row.data.parked, parkedGrew: row.data.grew ?? 0 });
  }
  return [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
}
