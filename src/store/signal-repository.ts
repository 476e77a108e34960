/**
 * Signals as stored (Forge SQL table `signal`, src/store/sql/migrations.ts): intake's write, once per (source,
 * external id), the seed's bulk write, and the single read that intake's duplicate check needs. Two schemas on
 * purpose: what Upstream writes today uses the signals vocabulary from src/domain exactly; what it reads back is
 * lenient where the signals practice will add values (new states, sources or routes), so a row written by a
 * later version still reads.
 *
 * The table keeps `received_at` in Unix milliseconds, as every time in SQL; the API here stays in Unix seconds
 * (what the KVS entity held and what every caller computes with), converted at this boundary only.
 */
import { createHash } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import { z } from 'zod';
import { SIGNAL_ROUTES, SIGNAL_SOURCES, SIGNAL_STATES } from '../domain/signals';
import { requireReadable } from './stored-record';
import { executeWrite, isDuplicateKey, selectRows } from './sql/run';
import { db, type SignalTable } from './sql/schema';

/** How unreadable signals are named in the log. */
export const SIGNAL_KIND = 'signal';

/** A signal as Upstream writes it. */
export const storedSignalSchema = z.object({
  externalId: z.string(),
  source: z.enum(SIGNAL_SOURCES),
  state: z.enum(SIGNAL_STATES),
  /** Unix seconds. */
  receivedAt: z.number().int(),
  customer: z.string(),
  text: z.string(),
  raisedByName: z.string(),
  raisedByEmail: z.string().optional(),
  raisedByAccountId: z.string().optional(),
  arr: z.number().optional(),
  route: z.enum(SIGNAL_ROUTES).optional(),
  /** The body as the sender sent it, kept so a later version can re-read what this one did not understand. */
  rawPayload: z.string().optional(),
});
export type StoredSignal = z.infer<typeof storedSignalSchema>;

/**
 * A signal as read back. `source` and `state` are any non-empty string so a value added later does not hide the
 * signal from origins; a `route` outside today's list reads as no route (the signal still shows, without a
 * suggestion drawn from where it went). The raw payload is never read back with a signal: no caller shows it.
 */
export const signalRecordSchema = storedSignalSchema.omit({ rawPayload: true }).extend({
  source: z.string().min(1),
  state: z.string().min(1),
  route: z.enum(SIGNAL_ROUTES).optional().catch(undefined),
});
export type SignalRead = z.infer<typeof signalRecordSchema>;

/** BIGINT and DECIMAL arrive as strings; anything but a number in them (or an empty string) does not read. */
const bigintColumn = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
const decimalColumn = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

/** The columns a signal is read from, and how: a row becomes a SignalRead (with its id) or is reported by id. */
export const SIGNAL_READ_COLUMNS = [
  'id',
  'external_id',
  'source',
  'state',
  'received_at',
  'customer',
  'text',
  'raised_by_name',
  'raised_by_email',
  'raised_by_account_id',
  'arr',
  'route',
] as const;

export const signalRowSchema = z
  .object({
    id: z.string(),
    external_id: z.string(),
    source: z.string(),
    state: z.string(),
    received_at: bigintColumn,
    customer: z.string(),
    text: z.string(),
    raised_by_name: z.string(),
    raised_by_email: z.string().nullable(),
    raised_by_account_id: z.string().nullable(),
    arr: decimalColumn.nullable(),
    route: z.string().nullable(),
  })
  .transform((row): z.input<typeof signalRecordSchema> & { id: string } => ({
    id: row.id,
    externalId: row.external_id,
    source: row.source,
    state: row.state,
    // Milliseconds in the table, seconds in the API (see above).
    receivedAt: Math.floor(row.received_at / 1000),
    customer: row.customer,
    text: row.text,
    raisedByName: row.raised_by_name,
    // NULL is "not given", which the API says by leaving the attribute out.
    ...(row.raised_by_email !== null ? { raisedByEmail: row.raised_by_email } : {}),
    ...(row.raised_by_account_id !== null ? { raisedByAccountId: row.raised_by_account_id } : {}),
    ...(row.arr !== null ? { arr: row.arr } : {}),
    // Any string goes on: signalRecordSchema reads a route outside today's list as none.
    ...(row.route !== null ? { route: row.route as z.input<typeof signalRecordSchema>['route'] } : {}),
  }))
  .pipe(signalRecordSchema.extend({ id: z.string() }));

/** One key per (source, external id): the sender's retries land on the same row. */
export const signalKey = (source: string, externalId: string): string =>
  `signal-${createHash('sha256').update(`${source}\u0000${externalId}`).digest('hex').slice(0, 40)}`;

function toRow(signal: StoredSignal, updatedAtMs: number) {
  const value = storedSignalSchema.parse(signal);
  return {
    id: signalKey(value.source, value.externalId),
    source: value.source,
    external_id: value.externalId,
    state: value.state,
    received_at: value.receivedAt * 1000,
    customer: value.customer,
    text: value.text,
    raised_by_name: value.raisedByName,
    raised_by_email: value.raisedByEmail ?? null,
    raised_by_account_id: value.raisedByAccountId ?? null,
    arr: value.arr ?? null,
    route: value.route ?? null,
    raw_payload: value.rawPayload ?? null,
    updated_at: updatedAtMs,
  } satisfies Insertable<SignalTable>;
}

/**
 * Stores a signal unless one with the same key exists. One INSERT: the primary key decides, so of two concurrent
 * deliveries exactly one creates the row, and a retry whose first attempt landed answers "duplicate".
 */
export async function createSignalOnce(signal: StoredSignal): Promise<{ id: string; created: boolean }> {
  const row = toRow(signal, Date.now());
  try {
    await executeWrite(db.insertInto('signal').values(row).compile());
    return { id: row.id, created: true };
  } catch (error: unknown) {
    // Anything but a duplicate key — storage that stayed unavailable included — says nothing about whether the
    // signal exists: the sender must retry.
    if (!isDuplicateKey(error)) throw error;
    // Read it back so an unreadable row is reported (UnreadableRecordError) rather than called a duplicate.
    const existing = await getSignal(row.id);
    if (existing) return { id: row.id, created: false };
    throw error;
  }
}

/** Rows per statement for bulk writes: well inside Forge SQL's 1 MiB request for the signals seen so far. */
const INSERT_CHUNK_ROWS = 100;
/** …unless their text is long: a chunk also closes once its text passes this many characters. */
const INSERT_CHUNK_CHARS = 256 * 1024;

/**
 * Stores many signals, one statement per chunk; a signal whose key is already there is left as it is, so running
 * it again (the seed on every boot) changes nothing.
 */
export async function insertSignals(signals: readonly StoredSignal[], updatedAtMs: number = Date.now()): Promise<void> {
  const chunks: ReturnType<typeof toRow>[][] = [];
  let current: ReturnType<typeof toRow>[] = [];
  let chars = 0;
  for (const signal of signals) {
    const row = toRow(signal, updatedAtMs);
    const size = row.text.length + (row.raw_payload?.length ?? 0);
    if (current.length > 0 && (current.length >= INSERT_CHUNK_ROWS || chars + size > INSERT_CHUNK_CHARS)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(row);
    chars += size;
  }
  if (current.length > 0) chunks.push(current);
  for (const rows of chunks) {
    await executeWrite(
      db
        .insertInto('signal')
        .values(rows)
        .onDuplicateKeyUpdate((eb) => ({ id: eb.ref('id') }))
        .compile(),
    );
  }
}

/** The signal stored under `id`, or null; a row that does not parse is reported and throws UnreadableRecordError. */
export async function getSignal(id: string): Promise<SignalRead | null> {
  const rows = await selectRows(db.selectFrom('signal').select(SIGNAL_READ_COLUMNS).where('id', '=', id).compile());
  return requireReadable(SIGNAL_KIND, id, signalRowSchema, rows[0]);
}

/** How a signal's category was set. */
export const CATEGORY_SOURCES = ['suggested', 'confirmed'] as const;
export type CategorySource = (typeof CATEGORY_SOURCES)[number];

/** Why a signal is in its cluster (JSON in `cluster_reason`). */
export const clusterReasonSchema = z.object({
  /** 'joined' (Upstream put it in an existing cluster), 'started' (it began one), 'moved' (a person put it there: `by`). */
  how: z.enum(['joined', 'started', 'moved']),
  by: z.string().optional(),
  score: z.number().optional(),
  sharedTerms: z.array(z.string()).default([]),
  sharedConcepts: z.array(z.string()).default([]),
  /** Unix ms. */
  at: z.number().int(),
});
export type ClusterReason = z.output<typeof clusterReasonSchema>;

/** "joined", "started", "moved by <account>": the reason in a word or three. */
export const describeClusterReason = (reason: ClusterReason): string => (reason.how === 'moved' ? `moved by ${reason.by ?? 'someone'}` : reason.how);

const jsonText = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .nullable()
    .transform((text): z.output<T> | undefined => {
      if (text === null) return undefined;
      try {
        const parsed = schema.safeParse(JSON.parse(text));
        return parsed.success ? (parsed.data as z.output<T>) : undefined;
      } catch {
        return undefined;
      }
    });

/** What clustering and the cluster operations read of a signal, beyond SignalRead. */
export const SIGNAL_CLUSTERING_COLUMNS = [
  ...SIGNAL_READ_COLUMNS,
  'category',
  'category_source',
  'category_words',
  'cluster_id',
  'cluster_reason',
  'clustered_at',
  'version',
] as const;

const clusteringExtraSchema = z.object({
  category: z.string().nullable(),
  category_source: z.string().nullable(),
  category_words: jsonText(z.array(z.string())),
  cluster_id: z.string().nullable(),
  cluster_reason: jsonText(clusterReasonSchema),
  clustered_at: z.union([bigintColumn, z.null()]),
  version: z.coerce.number().int(),
});

export interface SignalClustering {
  signal: SignalRead & { id: string };
  category?: string;
  categorySource?: string;
  categoryWords?: string[];
  clusterId?: string;
  clusterReason?: ClusterReason;
  /** Unix ms of the first clustering; undefined until then. */
  clusteredAt?: number;
  version: number;
}

export function readSignalClusteringRow(row: unknown): SignalClustering | null {
  const id = String((row as { id?: unknown } | null)?.id ?? '(no id)');
  const signal = requireReadable(SIGNAL_KIND, id, signalRowSchema, row);
  if (!signal) return null;
  const extra = requireReadable(SIGNAL_KIND, id, clusteringExtraSchema, row);
  if (!extra) return null;
  return {
    signal,
    ...(extra.category !== null ? { category: extra.category } : {}),
    ...(extra.category_source !== null ? { categorySource: extra.category_source } : {}),
    ...(extra.category_words !== undefined ? { categoryWords: extra.category_words } : {}),
    ...(extra.cluster_id !== null ? { clusterId: extra.cluster_id } : {}),
    ...(extra.cluster_reason !== undefined ? { clusterReason: extra.cluster_reason } : {}),
    ...(extra.clustered_at !== null ? { clusteredAt: extra.clustered_at } : {}),
    version: extra.version,
  };
}

/** A signal with its category and cluster, or null; an unreadable row throws UnreadableRecordError. */
export async function getSignalClustering(id: string): Promise<SignalClustering | null> {
  const rows = await selectRows(db.selectFrom('signal').select(SIGNAL_CLUSTERING_COLUMNS).where('id', '=', id).compile());
  if (rows.length === 0) return null;
  return readSignalClusteringRow(rows[0]);
}

export interface ClusteringWrite {
  clusterId: string;
  reason: ClusterReason;
  /** The suggested category and its words; not written over a confirmed category. */
  category: string;
  categoryWords: readonly string[];
}

/**
 * Records a signal's first clustering in one statement, guarded by `clustered_at IS NULL AND cluster_id IS NULL`: of two deliveries of
 * the same effect only one changes the row (answers true); the other answers false and must not cluster again.
 * The suggested category goes in the same statement, unless a person confirmed one (`category_source`).
 */
export async function recordFirstClustering(signalId: string, write: ClusteringWrite, nowMs: number): Promise<boolean> {
  const confirmed = sql<boolean>`${sql.ref('category_source')} = ${'confirmed'}`;
  const { affectedRows } = await executeWrite(
    db
      .updateTable('signal')
      .set({
        cluster_id: write.clusterId,
        cluster_reason: JSON.stringify(write.reason),
        clustered_at: nowMs,
        category: sql<string>`CASE WHEN ${confirmed} THEN ${sql.ref('category')} ELSE ${write.category} END`,
        category_words: sql<string>`CASE WHEN ${confirmed} THEN ${sql.ref('category_words')} ELSE ${JSON.stringify(write.categoryWords)} END`,
        category_source: sql<string>`CASE WHEN ${confirmed} THEN ${sql.ref('category_source')} ELSE ${'suggested'} END`,
        version: sql<number>`${sql.ref('version')} + 1`,
        updated_at: nowMs,
      })
      .where('id', '=', signalId)
      .where('clustered_at', 'is', null)
      .where('cluster_id', 'is', null)
      .compile(),
  );
  return affectedRows > 0;
}

/**
 * Puts signals in a cluster (a person's move, split, merge or an undo), only those still in `fromClusterId`
 * (when given), with their reason: one statement. `reasons` maps each signal to the reason it gets; a signal
 * with no entry gets `reason`. Answers how many moved.
 */
export async function setSignalsCluster(
  signalIds: readonly string[],
  toClusterId: string,
  reason: ClusterReason | null,
  nowMs: number,
  options: { fromClusterId?: string; reasons?: ReadonlyMap<string, ClusterReason | null> } = {},
): Promise<number> {
  if (signalIds.length === 0) return 0;
  const text = (r: ClusterReason | null | undefined) => (r ? JSON.stringify(r) : null);
  const reasons = options.reasons;
  const reasonValue =
    reasons && reasons.size > 0
      ? sql<string | null>`CASE ${sql.ref('id')} ${sql.join(
          [...reasons].map(([id, r]) => sql`WHEN ${id} THEN ${text(r)}`),
          sql` `,
        )} ELSE ${text(reason)} END`
      : text(reason);
  let update = db
    .updateTable('signal')
    .set({
      cluster_id: toClusterId,
      cluster_reason: reasonValue,
      clustered_at: sql<number>`COALESCE(${sql.ref('clustered_at')}, ${nowMs})`,
      version: sql<number>`${sql.ref('version')} + 1`,
      updated_at: nowMs,
    })
    .where('id', 'in', [...signalIds]);
  if (options.fromClusterId !== undefined) update = update.where('cluster_id', '=', options.fromClusterId);
  const { affectedRows } = await executeWrite(update.compile());
  return affectedRows;
}

/**
 * A person confirms (or changes) a signal's category: one statement naming the version they saw. False when
 * the signal changed meanwhile (or is gone): the caller answers conflict with the current state.
 */
export async function confirmSignalCategory(signalId: string, category: string, expectedVersion: number, nowMs: number): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db
      .updateTable('signal')
      .set({
        category,
        category_source: 'confirmed',
        version: sql<number>`${sql.ref('version')} + 1`,
        updated_at: nowMs,
      })
      .where('id', '=', signalId)
      .where('version', '=', expectedVersion)
      .compile(),
  );
  return affectedRows > 0;
}

/** The ids of a cluster's signals, oldest first. */
export async function signalIdsOfCluster(clusterId: string): Promise<string[]> {
  const rows = await selectRows(
    db.selectFrom('signal').select('id').where('cluster_id', '=', clusterId).orderBy('received_at').orderBy('id').compile(),
  );
  return rows.map((row) => row.id);
}
