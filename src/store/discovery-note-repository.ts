/**
 * Discovery notes in Forge SQL (`discovery_note`, and `engineering_input` with one row per entry, and
 * `discovery_note_evidence` linking a note to clusters and signals): the problem, its status, its outcome and
 * design direction, participants, a lead's waiver of the ready rule, and engineering input as first-class
 * entries with their authors, their roles then, and a question's resolution. Written with the discovery
 * vocabulary from src/domain exactly; read back leniently, so a status or a kind of input a later version adds
 * does not hide the note (and a status written before migration 020 reads as its successor).
 *
 * Forge SQL has no transactions and takes one statement per call, so every write here is either one statement
 * (an upsert, an `UPDATE … WHERE version = ?`, an `INSERT … SELECT`) or a short sequence that is harmless to
 * stop half way and safe to run again. Marking a note ready is one statement holding both the version check
 * and the ready rule itself, so two leads at once cannot both succeed and an input added meanwhile is seen.
 *
 * The API keeps `updatedAt` in Unix seconds (what the KVS entity held and what callers sort on); the table
 * holds milliseconds, so a later switch of the API to milliseconds needs no migration.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import {
  DISCOVERY_LIMITS,
  DISCOVERY_NOTE_STATUSES,
  ENGINEERING_INPUT_KINDS,
  LEGACY_NOTE_STATUSES,
  TEAM_ROLES,
  noteStatusOf,
  type DiscoveryNoteStatus,
} from '../domain/discovery';
import { AppError } from '../errors';
import { executeWrite, isDuplicateKey, readRows, rowId, selectRows } from './sql/run';
import { db, type UpstreamDatabase } from './sql/schema';

const NOTE_KIND = 'discovery-note';
const INPUT_KIND = 'engineering-input';
const EVIDENCE_KIND = 'discovery-note-evidence';

/** Column widths from migrations 007, 008 and 020–034: a longer value would be refused (or cut) by the database. */
const ID_MAX = 64;
const ACCOUNT_ID_MAX = 128;
const NAME_MAX = 255;

const isoTimestamp = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'is not a timestamp');
const accountId = z.string().min(1).max(ACCOUNT_ID_MAX);
const displayName = z.string().max(NAME_MAX);

/** Today's statuses, and the names written before 020 (stored as their successor). */
const writtenStatus = z
  .enum([...DISCOVERY_NOTE_STATUSES, ...(Object.keys(LEGACY_NOTE_STATUSES) as ['draft'])])
  .transform((status): DiscoveryNoteStatus => noteStatusOf(status) ?? 'exploring');

export const participantSchema = z.object({ accountId, name: displayName, role: z.enum(TEAM_ROLES) }).strict();
export type Participant = z.infer<typeof participantSchema>;
const participantsSchema = z.array(participantSchema).max(DISCOVERY_LIMITS.participants);

const resolutionSchema = z.object({
  by: accountId,
  byName: displayName.optional(),
  text: z.string().max(DISCOVERY_LIMITS.resolution).optional(),
  /** ISO timestamp. */
  at: isoTimestamp,
});

export const engineeringInputSchema = z.object({
  kind: z.enum(ENGINEERING_INPUT_KINDS),
  text: z.string().max(DISCOVERY_LIMITS.inputText),
  authorAccountId: accountId,
  /**
   * The author's display name when the input was written. Kept so the issue panel can show a note's input
   * without a third round trip for names; a signature, like a comment's, may lag a later rename.
   */
  authorName: displayName.optional(),
  /** The author's team roles when they wrote it: the ready rule counts an entry by these, not today's. */
  authorRoles: z.array(z.enum(TEAM_ROLES)).max(TEAM_ROLES.length).optional(),
  /** ISO timestamp. */
  at: isoTimestamp,
  /** For a question: how it was resolved. */
  resolution: resolutionSchema.optional(),
});

const waiverWriteSchema = z.object({ by: accountId, byName: displayName.optional(), reason: z.string().trim().min(1).max(DISCOVERY_LIMITS.waiverReason) });

/** A note as Upstream writes it. */
export const storedDiscoveryNoteSchema = z.object({
  title: z.string().max(DISCOVERY_LIMITS.title),
  problem: z.string().max(DISCOVERY_LIMITS.problem),
  status: writtenStatus,
  /** Unix seconds (stored as milliseconds). */
  updatedAt: z.number().int().nonnegative(),
  engineeringInput: z.array(engineeringInputSchema),
  desiredOutcome: z.string().max(DISCOVERY_LIMITS.desiredOutcome).optional(),
  designDirection: z.string().max(DISCOVERY_LIMITS.designDirection).optional(),
  participants: participantsSchema.optional(),
  createdBy: accountId.optional(),
  createdByName: displayName.optional(),
  waiver: waiverWriteSchema.extend({ at: isoTimestamp }).optional(),
});
export type StoredDiscoveryNote = z.input<typeof storedDiscoveryNoteSchema>;

/** An entry as read back: any kind, shown as stored. */
export interface EngineeringInputEntry {
  id: string;
  kind: string;
  text: string;
  authorAccountId: string;
  authorName?: string;
  /** The author's team roles when they wrote it; null for entries written before roles were recorded. */
  authorRoles: string[] | null;
  /** ISO timestamp. */
  at: string;
  /** How a question was resolved; null while open (and for entries that are not questions). */
  resolution: { by: string; byName?: string; text?: string; at: string } | null;
}

/** A lead's waiver of the ready rule. */
export interface NoteWaiver {
  by: string;
  byName?: string;
  /** ISO timestamp. */
  at: string;
  reason: string;
}

/** A note as read back: any status and any kind of input; `version` is what a change must name. */
export interface DiscoveryNote {
  id: string;
  title: string;
  problem: string;
  /** Today's name for the stored status; a status this version does not know, as stored. */
  status: string;
  /** Unix seconds. */
  createdAt: number;
  /** Unix seconds. */
  updatedAt: number;
  version: number;
  engineeringInput: EngineeringInputEntry[];
  desiredOutcome: string | null;
  designDirection: string | null;
  participants: Participant[];
  createdBy: string | null;
  /** The creator's display name when they created it. */
  createdByName: string | null;
  waiver: NoteWaiver | null;
}

/** Thrown when a note changed after the person opened it; `current` is what they would overwrite. */
export class NoteVersionConflict extends AppError {
  constructor(readonly current: DiscoveryNote) {
    super(
      'conflict',
      `Someone else changed the discovery note "${current.title}" since you opened it (it is now ${current.status}, version ${current.version}); nothing was saved. Reload the note, review it and make your change again.`,
    );
    this.name = 'NoteVersionConflict';
  }
}

// ---- reading ---------------------------------------------------------------------------------------------

/** BIGINT milliseconds arrive as strings; a value `Date` cannot show is as unreadable as a missing one. */
const millis = z.coerce.number().int().min(0).max(8.64e15);
const nullableMillis = z.union([z.null(), millis]);

/** JSON text read leniently: a value that does not parse reads as `fallback` rather than hiding the note. */
const jsonText = <T>(schema: z.ZodType<T>, fallback: T) =>
  z
    .string()
    .nullable()
    .transform((text): T => {
      if (text === null) return fallback;
      try {
        const parsed = schema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : fallback;
      } catch {
        return fallback;
      }
    });

const noteRowSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  problem: z.string(),
  status: z.string().min(1),
  created_at: millis,
  updated_at: millis,
  version: z.coerce.number().int().positive(),
  desired_outcome: z.string().nullable(),
  design_direction: z.string().nullable(),
  participants: jsonText(z.array(z.object({ accountId: z.string(), name: z.string(), role: z.enum(TEAM_ROLES) })), []),
  created_by: z.string().nullable(),
  created_by_name: z.string().nullable(),
  waiver_by: z.string().nullable(),
  waiver_by_name: z.string().nullable(),
  waiver_at: nullableMillis,
  waiver_reason: z.string().nullable(),
});
type NoteRow = z.infer<typeof noteRowSchema>;

const inputRowSchema = z.object({
  id: z.string().min(1),
  note_id: z.string().min(1),
  kind: z.string().min(1),
  text: z.string(),
  author_account_id: z.string().min(1),
  author_name: z.string().nullable(),
  created_at: millis,
  author_roles: jsonText(z.array(z.string()).nullable(), null),
  resolved_at: nullableMillis,
  resolved_by: z.string().nullable(),
  resolved_by_name: z.string().nullable(),
  resolution: z.string().nullable(),
});
type InputRow = z.infer<typeof inputRowSchema>;

const NOTE_COLUMNS = [
  'id',
  'title',
  'problem',
  'status',
  'created_at',
  'updated_at',
  'version',
  'desired_outcome',
  'design_direction',
  'participants',
  'created_by',
  'created_by_name',
  'waiver_by',
  'waiver_by_name',
  'waiver_at',
  'waiver_reason',
] as const;
const INPUT_COLUMNS = [
  'id',
  'note_id',
  'kind',
  'text',
  'author_account_id',
  'author_name',
  'created_at',
  'author_roles',
  'resolved_at',
  'resolved_by',
  'resolved_by_name',
  'resolution',
] as const;

const iso = (ms: number): string => new Date(ms).toISOString();

function toEntry(row: InputRow): EngineeringInputEntry {
  const resolution =
    row.resolved_at === null
      ? null
      : {
          by: row.resolved_by ?? '',
          ...(row.resolved_by_name !== null ? { byName: row.resolved_by_name } : {}),
          ...(row.resolution !== null ? { text: row.resolution } : {}),
          at: iso(row.resolved_at),
        };
  return {
    id: row.id,
    kind: row.kind,
    text: row.text,
    authorAccountId: row.author_account_id,
    ...(row.author_name !== null ? { authorName: row.author_name } : {}),
    authorRoles: row.author_roles,
    at: iso(row.created_at),
    resolution,
  };
}

function waiverOf(row: NoteRow): NoteWaiver | null {
  if (row.waiver_at === null || row.waiver_by === null) return null;
  return { by: row.waiver_by, ...(row.waiver_by_name !== null ? { byName: row.waiver_by_name } : {}), at: iso(row.waiver_at), reason: row.waiver_reason ?? '' };
}

const toNote = (row: NoteRow, inputs: EngineeringInputEntry[]): DiscoveryNote => ({
  id: row.id,
  title: row.title,
  problem: row.problem,
  status: noteStatusOf(row.status) ?? row.status,
  createdAt: Math.floor(row.created_at / 1000),
  updatedAt: Math.floor(row.updated_at / 1000),
  version: row.version,
  engineeringInput: inputs,
  desiredOutcome: row.desired_outcome,
  designDirection: row.design_direction,
  participants: row.participants,
  createdBy: row.created_by,
  createdByName: row.created_by_name,
  waiver: waiverOf(row),
});

const selectInputs = (noteIds: readonly string[]) =>
  db
    .selectFrom('engineering_input')
    .select(INPUT_COLUMNS)
    .where('note_id', 'in', noteIds)
    // `id` breaks ties between entries written in the same millisecond, so the order is the same on every read.
    .orderBy('note_id')
    .orderBy('created_at')
    .orderBy('id')
    .compile();

/** Joins inputs to their notes in `noteRows`' order; unreadable rows of either kind are reported and left out. */
function assemble(noteRows: readonly unknown[], inputRows: readonly unknown[]): DiscoveryNote[] {
  const notes = readRows(NOTE_KIND, noteRowSchema, noteRows, rowId).rows;
  const inputs = readRows(INPUT_KIND, inputRowSchema, inputRows, rowId).rows;
  const byNote = new Map<string, EngineeringInputEntry[]>();
  for (const row of inputs) {
    const list = byNote.get(row.note_id) ?? [];
    list.push(toEntry(row));
    byNote.set(row.note_id, list);
  }
  return notes.map((row) => toNote(row, byNote.get(row.id) ?? []));
}

export async function getDiscoveryNote(id: string): Promise<DiscoveryNote | null> {
  return (await getDiscoveryNotes([id])).get(id) ?? null;
}

/**
 * Several notes at once in two statements, sent together (one round trip): the notes, and the inputs of every
 * id asked for. Ids with no readable note are absent from the map.
 */
export async function getDiscoveryNotes(ids: readonly string[]): Promise<Map<string, DiscoveryNote>> {
  const unique = [...new Set(ids)];
  const notes = new Map<string, DiscoveryNote>();
  if (unique.length === 0) return notes;
  const [noteRows, inputRows] = await Promise.all([
    selectRows(db.selectFrom('discovery_note').select(NOTE_COLUMNS).where('id', 'in', unique).compile()),
    selectRows(selectInputs(unique)),
  ]);
  for (const note of assemble(noteRows, inputRows)) notes.set(note.id, note);
  return notes;
}

/**
 * The most recently updated notes in one status (as stored, or today's name, which takes its legacy names
 * too), newest first: two statements, the second only for inputs.
 */
export async function recentDiscoveryNotes(status: string, limit: number): Promise<DiscoveryNote[]> {
  const count = Math.max(0, Math.floor(limit));
  if (count === 0) return [];
  const noteRows = await selectRows(
    db.selectFrom('discovery_note').select(NOTE_COLUMNS).where('status', 'in', storedNames(status)).orderBy('updated_at', 'desc').orderBy('id').limit(count).compile(),
  );
  if (noteRows.length === 0) return [];
  const inputRows = await selectRows(selectInputs(noteRows.map((r) => String(r.id))));
  return assemble(noteRows, inputRows);
}

/** The stored names that read as `status`: today's name with its legacy ones, or the name itself. */
function storedNames(status: string): string[] {
  const known = noteStatusOf(status);
  if (known === null || known !== status) return [status];
  return [known, ...Object.entries(LEGACY_NOTE_STATUSES).flatMap(([legacy, now]) => (now === known ? [legacy] : []))];
}

/** Where a page of notes ended: the last note's update time and id. */
const pageCursorSchema = z.object({ updatedAt: z.number().int().nonnegative(), id: z.string().min(1).max(ID_MAX) }).strict();

function decodePageCursor(text: string): z.infer<typeof pageCursorSchema> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const cursor = pageCursorSchema.safeParse(parsed);
  if (!cursor.success) throw new AppError('invalid-input', 'This page of discovery notes is out of date; load the list again.', { fields: { cursor: 'not a cursor Upstream gave' } });
  return cursor.data;
}

export const MAX_NOTE_PAGE = 100;

/**
 * One page of notes, most recently updated first, optionally in one status (today's name takes its legacy
 * names too), with every note's inputs: two statements, the second only for the page's inputs. Keyset paging
 * on (updated_at, id), so a note that moves while someone pages is never shown twice on one walk.
 */
export async function discoveryNotePage(query: { status?: string; cursor?: string; limit: number }): Promise<{ notes: DiscoveryNote[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(1, Math.floor(query.limit)), MAX_NOTE_PAGE);
  const after = query.cursor === undefined ? undefined : decodePageCursor(query.cursor);
  let select = db.selectFrom('discovery_note').select(NOTE_COLUMNS);
  if (query.status !== undefined) select = select.where('status', 'in', storedNames(query.status));
  if (after) {
    select = select.where(({ eb, or, and }): Expression<SqlBool> =>
      or([eb('updated_at', '<', after.updatedAt), and([eb('updated_at', '=', after.updatedAt), eb('id', '>', after.id)])]),
    );
  }
  const rows = await selectRows(select.orderBy('updated_at', 'desc').orderBy('id').limit(limit + 1).compile());
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  // From the raw row: an unreadable last note must still move the page on.
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify({ updatedAt: Number(last.updated_at), id: String(last.id) }), 'utf8').toString('base64url') : null;
  if (pageRows.length === 0) return { notes: [], nextCursor };
  const inputRows = await selectRows(selectInputs(pageRows.map((r) => String(r.id))));
  return { notes: assemble(pageRows, inputRows), nextCursor };
}

/** How many notes are in each stored status (one statement, GROUP BY on the `(status, updated_at)` index). */
export async function discoveryNoteCounts(): Promise<Map<string, number>> {
  const rows = await selectRows(db.selectFrom('discovery_note').select(['status', sql<number>`COUNT(*)`.as('notes')]).groupBy('status').compile());
  const counts = new Map<string, number>();
  for (const row of rows) {
    const n = Number(row.notes);
    if (typeof row.status === 'string' && Number.isInteger(n) && n >= 0) counts.set(row.status, n);
  }
  return counts;
}

// ---- evidence --------------------------------------------------------------------------------------------

/** A link from a note to a cluster or a signal, with the cluster's stored evidence when it is one. */
export interface NoteEvidenceLink {
  noteId: string;
  kind: string;
  subjectId: string;
  linkedBy: string;
  /** Unix milliseconds. */
  linkedAt: number;
  /** The linked cluster as it is now; null for a signal, or a cluster that no longer exists. */
  cluster: { title: string; state: string; signalCount: number; customerCount: number; arrTotal: number } | null;
}

/** A signal behind a note: linked itself (`via` 'signal') or through a linked cluster ('cluster'). */
export interface NoteEvidenceSignal {
  noteId: string;
  via: string;
  id: string;
  customer: string;
  text: string;
  arr: number | null;
  source: string;
  /** Unix milliseconds. */
  receivedAt: number;
  clusterId: string | null;
}

const decimal = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

const linkRowSchema = z
  .object({
    note_id: z.string().min(1),
    subject_kind: z.string().min(1),
    subject_id: z.string().min(1),
    linked_by: z.string(),
    linked_at: millis,
    title: z.string().nullable(),
    state: z.string().nullable(),
    signal_count: z.coerce.number().int().nullable(),
    customer_count: z.coerce.number().int().nullable(),
    arr_total: decimal.nullable(),
  })
  .transform(
    (row): NoteEvidenceLink => ({
      noteId: row.note_id,
      kind: row.subject_kind,
      subjectId: row.subject_id,
      linkedBy: row.linked_by,
      linkedAt: row.linked_at,
      cluster:
        row.subject_kind === 'cluster' && row.title !== null
          ? {
              title: row.title,
              state: row.state ?? 'new',
              signalCount: Math.max(0, row.signal_count ?? 0),
              customerCount: Math.max(0, row.customer_count ?? 0),
              arrTotal: Math.max(0, row.arr_total ?? 0),
            }
          : null,
    }),
  );

const evidenceSignalRowSchema = z
  .object({
    note_id: z.string().min(1),
    via: z.string().min(1),
    id: z.string().min(1),
    customer: z.string(),
    text: z.string(),
    arr: decimal.nullable(),
    source: z.string(),
    received_at: millis,
    cluster_id: z.string().nullable(),
  })
  .transform(
    (row): NoteEvidenceSignal => ({
      noteId: row.note_id,
      via: row.via,
      id: row.id,
      customer: row.customer,
      text: row.text,
      arr: row.arr !== null && row.arr >= 0 ? row.arr : null,
      source: row.source,
      receivedAt: row.received_at,
      clusterId: row.cluster_id,
    }),
  );

const evidenceRowId = (row: unknown): string => {
  const r = row as { note_id?: unknown; subject_id?: unknown; id?: unknown } | null;
  return `${String(r?.note_id ?? '?')}/${String(r?.subject_id ?? r?.id ?? '?')}`;
};

/** The signals behind the notes: linked ones by primary key, and the members of linked clusters by `signal_cluster_received`. */
function evidenceSignalsStatement(noteIds: readonly string[]) {
  const columns = ['s.id as id', 's.customer as customer', 's.text as text', 's.arr as arr', 's.source as source', 's.received_at as received_at', 's.cluster_id as cluster_id'] as const;
  const linked = db
    .selectFrom('discovery_note_evidence as e')
    .innerJoin('signal as s', 's.id', 'e.subject_id')
    .select(['e.note_id as note_id', sql<string>`'signal'`.as('via'), ...columns])
    .where('e.subject_kind', '=', 'signal')
    .where('e.note_id', 'in', noteIds);
  const members = db
    .selectFrom('discovery_note_evidence as e')
    .innerJoin('signal as s', 's.cluster_id', 'e.subject_id')
    .select(['e.note_id as note_id', sql<string>`'cluster'`.as('via'), ...columns])
    .where('e.subject_kind', '=', 'cluster')
    .where('e.note_id', 'in', noteIds);
  return linked.unionAll(members).compile();
}

/**
 * What the notes link to, in two statements sent together: the links (with each linked cluster's evidence as
 * stored on its row), and every signal behind them. A signal reached twice (linked itself and through its
 * cluster) comes back twice; counting each once is the caller's (customers and ARR count once per customer).
 */
export async function discoveryNoteEvidence(noteIds: readonly string[]): Promise<{ links: NoteEvidenceLink[]; signals: NoteEvidenceSignal[] }> {
  const unique = [...new Set(noteIds)];
  if (unique.length === 0) return { links: [], signals: [] };
  const [linkRows, signalRows] = await Promise.all([
    selectRows(
      db
        .selectFrom('discovery_note_evidence as e')
        .leftJoin('cluster as c', (join) => join.onRef('c.id', '=', 'e.subject_id').on('e.subject_kind', '=', 'cluster'))
        .select(['e.note_id', 'e.subject_kind', 'e.subject_id', 'e.linked_by', 'e.linked_at', 'c.title', 'c.state', 'c.signal_count', 'c.customer_count', 'c.arr_total'])
        .where('e.note_id', 'in', unique)
        .orderBy('e.note_id')
        .orderBy('e.linked_at')
        .orderBy('e.subject_kind')
        .orderBy('e.subject_id')
        .compile(),
    ),
    selectRows(evidenceSignalsStatement(unique)),
  ]);
  return {
    links: readRows(EVIDENCE_KIND, linkRowSchema, linkRows, evidenceRowId).rows,
    signals: readRows(EVIDENCE_KIND, evidenceSignalRowSchema, signalRows, evidenceRowId).rows,
  };
}

// ---- writing ---------------------------------------------------------------------------------------------

const noteIdSchema = z.string().min(1).max(ID_MAX);
const subjectIdsSchema = z.array(z.string().min(1).max(ID_MAX)).max(500);

/** Parses with a write schema or refuses with `invalid-input` naming the fields, before anything is written. */
function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || '(value)';
    fields[path] ??= issue.message;
  }
  const named = Object.entries(fields)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  throw new AppError('invalid-input', `The ${what} was not saved: ${named}. Correct it and save again.`, { fields });
}

/**
 * The id of a note's `index`-th input when the whole note is saved: the same on every save, so saving twice
 * upserts the same rows. Zero-padded so ids sort in input order; hashed when the note id leaves no room.
 */
function savedInputId(noteId: string, index: number): string {
  const suffix = `:${String(index).padStart(4, '0')}`;
  const prefix = noteId.length + suffix.length <= ID_MAX ? noteId : createHash('sha256').update(noteId).digest('hex').slice(0, ID_MAX - suffix.length);
  return `${prefix}${suffix}`;
}

const valuesOf = <T>(column: string) => sql<T>`values(${sql.ref(column)})`;
const jsonOrNull = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/**
 * Upserts a whole note with its inputs (the seed's path): the inputs given become the note's inputs. Three
 * statements, each an idempotent upsert or delete, so running it twice — or again after a crash part way —
 * leaves the same rows. The note row is written last: a first save that stops early leaves inputs no read can
 * reach (reads start from notes), never a note without its input.
 */
export async function saveDiscoveryNote(note: StoredDiscoveryNote & { id: string }): Promise<void> {
  const id = validate(noteIdSchema, note.id, 'discovery note id');
  const value = validate(storedDiscoveryNoteSchema, note, 'discovery note');
  const { title, problem, status, updatedAt, engineeringInput } = value;
  const inputIds = engineeringInput.map((_, index) => savedInputId(id, index));

  if (engineeringInput.length > 0) {
    await executeWrite(
      db
        .insertInto('engineering_input')
        .values(
          engineeringInput.map((e, index) => ({
            id: inputIds[index],
            note_id: id,
            kind: e.kind,
            text: e.text,
            author_account_id: e.authorAccountId,
            author_name: e.authorName ?? null,
            created_at: Date.parse(e.at),
            author_roles: jsonOrNull(e.authorRoles),
            resolved_at: e.resolution ? Date.parse(e.resolution.at) : null,
            resolved_by: e.resolution?.by ?? null,
            resolved_by_name: e.resolution?.byName ?? null,
            resolution: e.resolution?.text ?? null,
          })),
        )
        .onDuplicateKeyUpdate({
          note_id: valuesOf<string>('note_id'),
          kind: valuesOf<string>('kind'),
          text: valuesOf<string>('text'),
          author_account_id: valuesOf<string>('author_account_id'),
          author_name: valuesOf<string | null>('author_name'),
          created_at: valuesOf<number>('created_at'),
          author_roles: valuesOf<string | null>('author_roles'),
          resolved_at: valuesOf<number | null>('resolved_at'),
          resolved_by: valuesOf<string | null>('resolved_by'),
          resolved_by_name: valuesOf<string | null>('resolved_by_name'),
          resolution: valuesOf<string | null>('resolution'),
        })
        .compile(),
    );
  }
  const stale = db.deleteFrom('engineering_input').where('note_id', '=', id);
  await executeWrite((inputIds.length > 0 ? stale.where('id', 'not in', inputIds) : stale).compile());

  const columns = {
    title,
    problem,
    status,
    updated_at: updatedAt * 1000,
    desired_outcome: value.desiredOutcome ?? null,
    design_direction: value.designDirection ?? null,
    participants: jsonOrNull(value.participants),
    created_by: value.createdBy ?? null,
    created_by_name: value.createdByName ?? null,
    waiver_by: value.waiver?.by ?? null,
    waiver_by_name: value.waiver?.byName ?? null,
    waiver_at: value.waiver ? Date.parse(value.waiver.at) : null,
    waiver_reason: value.waiver?.reason ?? null,
  };
  const names = Object.keys(columns) as Array<keyof typeof columns>;
  const unchanged = sql.join(
    names.map((column) => sql`${sql.ref(column)} <=> values(${sql.ref(column)})`),
    sql` and `,
  );
  await executeWrite(
    db
      .insertInto('discovery_note')
      .values({ id, ...columns, created_at: updatedAt * 1000, version: 1 })
      .onDuplicateKeyUpdate({
        // First, while the other columns still hold their old values: a save that changes nothing keeps the
        // version, so saving twice is the same row and does not turn someone's open edit into a conflict.
        version: sql<number>`if(${unchanged}, ${sql.ref('version')}, ${sql.ref('version')} + 1)`,
        ...Object.fromEntries(names.map((column) => [column, valuesOf(column)])),
      })
      .compile(),
  );
}

const newNoteSchema = z.object({
  title: z.string().max(DISCOVERY_LIMITS.title),
  problem: z.string().max(DISCOVERY_LIMITS.problem),
  status: writtenStatus,
  desiredOutcome: z.string().max(DISCOVERY_LIMITS.desiredOutcome).optional(),
  /** The account id of the person creating it, and their display name then. */
  by: accountId,
  byName: displayName.optional(),
  /** Start from a triage cluster: the cluster and its signals as they are now become the note's evidence. */
  fromClusterId: z.string().min(1).max(ID_MAX).optional(),
});
export type NewDiscoveryNote = z.input<typeof newNoteSchema>;

/**
 * A new note with a new id. From a cluster, first one `INSERT … SELECT` links the cluster and every signal in it
 * (nothing when the cluster is gone), then one INSERT writes the note: a crash between them leaves links no read
 * reaches (reads start from notes), never a note without its evidence.
 */
export async function createDiscoveryNote(note: NewDiscoveryNote): Promise<DiscoveryNote> {
  const value = validate(newNoteSchema, note, 'discovery note');
  const id = `note-${randomUUID()}`;
  const now = Date.now();
  if (value.fromClusterId !== undefined) await linkClusterAndItsSignals(id, value.fromClusterId, value.by, now);
  await executeWrite(
    db
      .insertInto('discovery_note')
      .values({
        id,
        title: value.title,
        problem: value.problem,
        status: value.status,
        desired_outcome: value.desiredOutcome ?? null,
        created_by: value.by,
        created_by_name: value.byName ?? null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .compile(),
  );
  const seconds = Math.floor(now / 1000);
  return {
    id,
    title: value.title,
    problem: value.problem,
    status: value.status,
    createdAt: seconds,
    updatedAt: seconds,
    version: 1,
    engineeringInput: [],
    desiredOutcome: value.desiredOutcome ?? null,
    designDirection: null,
    participants: [],
    createdBy: value.by,
    createdByName: value.byName ?? null,
    waiver: null,
  };
}

function linkClusterAndItsSignals(noteId: string, clusterId: string, by: string, at: number) {
  const cluster = db
    .selectFrom('cluster')
    .select((eb) => [eb.val(noteId).as('note_id'), eb.val('cluster').as('subject_kind'), 'cluster.id as subject_id', eb.val(by).as('linked_by'), eb.val(at).as('linked_at')])
    .where('cluster.id', '=', clusterId);
  const signals = db
    .selectFrom('signal')
    .select((eb) => [eb.val(noteId).as('note_id'), eb.val('signal').as('subject_kind'), 'signal.id as subject_id', eb.val(by).as('linked_by'), eb.val(at).as('linked_at')])
    .where('signal.cluster_id', '=', clusterId);
  return executeWrite(
    db
      .insertInto('discovery_note_evidence')
      .columns(['note_id', 'subject_kind', 'subject_id', 'linked_by', 'linked_at'])
      .expression(cluster.unionAll(signals))
      // A retry finds its rows: the link stands as first made.
      .onDuplicateKeyUpdate({ linked_at: sql<number>`${sql.ref('linked_at')}` })
      .compile(),
  );
}

/**
 * Links a note to clusters and signals (one upsert; a link already there is left as it is). Ids are not checked
 * against their tables: reads join, so a link to something that no longer exists shows nothing.
 */
export async function linkNoteEvidence(noteId: string, subjects: { clusterIds: readonly string[]; signalIds: readonly string[] }, by: string, atMs: number): Promise<void> {
  const note = validate(noteIdSchema, noteId, 'discovery note id');
  const clusterIds = validate(subjectIdsSchema, subjects.clusterIds, 'evidence');
  const signalIds = validate(subjectIdsSchema, subjects.signalIds, 'evidence');
  const linkedBy = validate(accountId, by, 'evidence');
  const rows = [
    ...[...new Set(clusterIds)].map((id) => ({ subject_kind: 'cluster', subject_id: id })),
    ...[...new Set(signalIds)].map((id) => ({ subject_kind: 'signal', subject_id: id })),
  ].map((row) => ({ note_id: note, ...row, linked_by: linkedBy, linked_at: atMs }));
  if (rows.length === 0) return;
  await executeWrite(db.insertInto('discovery_note_evidence').values(rows).onDuplicateKeyUpdate({ linked_at: sql<number>`${sql.ref('linked_at')}` }).compile());
}

const noteChangesSchema = z
  .object({
    title: z.string().max(DISCOVERY_LIMITS.title),
    problem: z.string().max(DISCOVERY_LIMITS.problem),
    desiredOutcome: z.string().max(DISCOVERY_LIMITS.desiredOutcome).nullable(),
    designDirection: z.string().max(DISCOVERY_LIMITS.designDirection).nullable(),
    participants: participantsSchema,
  })
  .partial()
  .strict()
  .refine((changes) => Object.values(changes).some((v) => v !== undefined), 'names nothing to change');
export type DiscoveryNoteChanges = z.input<typeof noteChangesSchema>;

/**
 * Changes a note's text and participants only if it is still at `expectedVersion`: one `UPDATE … WHERE id = ?
 * AND version = ?`, so of two people saving over the same version exactly one wins. The other gets
 * NoteVersionConflict with the note as it now is; a note that does not exist is `not-found`. The status is not
 * changed here: only setDiscoveryNoteStatus moves a note, with the ready rule in its statement.
 */
export async function updateDiscoveryNote(id: string, expectedVersion: number, changes: DiscoveryNoteChanges): Promise<DiscoveryNote> {
  const noteId = validate(noteIdSchema, id, 'discovery note id');
  const version = validate(z.number().int().positive(), expectedVersion, 'discovery note version');
  const set = validate(noteChangesSchema, changes, 'discovery note');
  const result = await executeWrite(
    db
      .updateTable('discovery_note')
      .set({
        ...(set.title !== undefined ? { title: set.title } : {}),
        ...(set.problem !== undefined ? { problem: set.problem } : {}),
        ...(set.desiredOutcome !== undefined ? { desired_outcome: set.desiredOutcome } : {}),
        ...(set.designDirection !== undefined ? { design_direction: set.designDirection } : {}),
        ...(set.participants !== undefined ? { participants: JSON.stringify(set.participants) } : {}),
        updated_at: Date.now(),
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', noteId)
      .where('version', '=', version)
      .compile(),
  );
  return afterConditionalWrite(noteId, result.affectedRows);
}

/** The note after a conditional UPDATE: it, `not-found`, or NoteVersionConflict when the version moved on. */
async function afterConditionalWrite(noteId: string, affectedRows: number): Promise<DiscoveryNote> {
  const current = await getDiscoveryNote(noteId);
  if (!current) throw notFound(noteId);
  // The read may already show a later change by someone else; that is the note as it now is either way.
  if (affectedRows === 0) throw new NoteVersionConflict(current);
  return current;
}

/**
 * The ready rule in SQL, for an UPDATE of `discovery_note`: a waiver already on the note, or input from someone
 * in the engineering role and no question open. Roles are a JSON array of names from a closed list, so the
 * quoted name matches exactly one element.
 */
const readyRuleHolds = (eb: ExpressionBuilder<UpstreamDatabase, 'discovery_note'>): Expression<SqlBool> => {
  const inputs = () => eb.selectFrom('engineering_input').select(sql.lit(1).as('one')).whereRef('engineering_input.note_id', '=', 'discovery_note.id');
  const fromEngineer = inputs().where('engineering_input.author_roles', 'like', '%"engineering"%');
  const openQuestion = inputs().where('engineering_input.kind', '=', 'question').where('engineering_input.resolved_at', 'is', null);
  return eb.or([eb('discovery_note.waiver_at', 'is not', null), eb.and([eb.exists(fromEngineer), eb.not(eb.exists(openQuestion))])]);
};

const statusWriteSchema = z.object({
  status: z.enum(DISCOVERY_NOTE_STATUSES),
  waiver: waiverWriteSchema.optional(),
});
export type NoteStatusWrite = z.input<typeof statusWriteSchema>;

/**
 * Moves a note to `status` if it is still at `expectedVersion`, in one UPDATE. To `ready` the statement also
 * holds the ready rule — engineering input from someone in the engineering role and no open question, or a
 * waiver already on the note — unless this write gives a waiver (by, reason), which it records in the same
 * statement. Which moves are allowed is the caller's (src/domain/discovery.ts `canMoveTo` on the version it
 * read; the version check pins that status). Answers `written: false` with the note when the version still
 * matched but the rule did not hold (an input arrived since the caller looked); NoteVersionConflict when the
 * version moved on; `not-found` when there is no note.
 */
export async function setDiscoveryNoteStatus(id: string, expectedVersion: number, write: NoteStatusWrite): Promise<{ written: boolean; note: DiscoveryNote }> {
  const noteId = validate(noteIdSchema, id, 'discovery note id');
  const version = validate(z.number().int().positive(), expectedVersion, 'discovery note version');
  const { status, waiver } = validate(statusWriteSchema, write, 'status');
  const now = Date.now();
  let update = db
    .updateTable('discovery_note')
    .set({
      status,
      updated_at: now,
      version: (eb) => eb('version', '+', 1),
      ...(waiver ? { waiver_by: waiver.by, waiver_by_name: waiver.byName ?? null, waiver_at: now, waiver_reason: waiver.reason } : {}),
    })
    .where('id', '=', noteId)
    .where('version', '=', version);
  if (status === 'ready' && !waiver) {
    update = update.where(readyRuleHolds);
  }
  const result = await executeWrite(update.compile());
  const current = await getDiscoveryNote(noteId);
  if (!current) throw notFound(noteId);
  if (result.affectedRows > 0) return { written: true, note: current };
  if (current.version !== version) throw new NoteVersionConflict(current);
  return { written: false, note: current };
}

const notFound = (id: string) => new AppError('not-found', `Discovery note ${id} does not exist (it may have been deleted). Nothing was saved; reload the list of notes.`);

const newInputSchema = engineeringInputSchema.omit({ resolution: true }).extend({
  /** Optional idempotency key: a retry with the same id adds nothing twice. */
  id: z.string().min(1).max(ID_MAX).optional(),
  /** When it was written; now when absent. */
  at: isoTimestamp.optional(),
});
export type NewEngineeringInput = z.input<typeof newInputSchema>;

/** Moves a note on after one of its entries changed: its updated_at and version (an open editor learns of it). */
const bumpNote = (noteId: string) =>
  executeWrite(
    db
      .updateTable('discovery_note')
      .set({ updated_at: Date.now(), version: (eb) => eb('version', '+', 1) })
      .where('id', '=', noteId)
      .compile(),
  );

/**
 * Adds one entry to a note: an `INSERT … SELECT` that writes the entry only if the note exists (so a missing
 * note leaves no orphan), then an UPDATE bumping the note's updated_at and version. A crash between the two is
 * harmless: the entry is already its own row and every read shows it; the note only misses the bump, which
 * orders it in `recentDiscoveryNotes` and tells an open editor the note moved on. Passing `id` makes a retry
 * resumable: the INSERT finds its row and the bump runs again.
 */
export async function addEngineeringInput(noteId: string, input: NewEngineeringInput): Promise<EngineeringInputEntry> {
  const note = validate(noteIdSchema, noteId, 'discovery note id');
  const entry = validate(newInputSchema, input, 'engineering input');
  const id = entry.id ?? `input-${randomUUID()}`;
  const createdAt = entry.at !== undefined ? Date.parse(entry.at) : Date.now();
  const roles = jsonOrNull(entry.authorRoles);
  let inserted = true;
  try {
    const result = await executeWrite(
      db
        .insertInto('engineering_input')
        .columns(['id', 'note_id', 'kind', 'text', 'author_account_id', 'author_name', 'created_at', 'author_roles'])
        .expression(
          db
            .selectFrom('discovery_note')
            .select((eb) => [
              eb.val(id).as('id'),
              'discovery_note.id as note_id',
              eb.val(entry.kind).as('kind'),
              eb.val(entry.text).as('text'),
              eb.val(entry.authorAccountId).as('author_account_id'),
              eb.val(entry.authorName ?? null).as('author_name'),
              eb.val(createdAt).as('created_at'),
              eb.val(roles).as('author_roles'),
            ])
            .where('discovery_note.id', '=', note),
        )
        .compile(),
    );
    inserted = result.affectedRows > 0;
  } catch (error: unknown) {
    // Only a caller-chosen id can already exist: it is this entry's earlier attempt.
    if (!(entry.id !== undefined && isDuplicateKey(error))) throw error;
  }
  if (!inserted) throw notFound(note);
  await bumpNote(note);
  return {
    id,
    kind: entry.kind,
    text: entry.text,
    authorAccountId: entry.authorAccountId,
    ...(entry.authorName !== undefined ? { authorName: entry.authorName } : {}),
    authorRoles: entry.authorRoles ?? null,
    at: iso(createdAt),
    resolution: null,
  };
}

const resolutionWriteSchema = z.object({ by: accountId, byName: displayName.optional(), text: z.string().max(DISCOVERY_LIMITS.resolution).optional() });
export type QuestionResolution = z.input<typeof resolutionWriteSchema>;

/**
 * Resolves an open question: one UPDATE that changes the entry only while it is an open question of this note,
 * then the note's bump (as for a new entry). An entry that is not there is `not-found`; one that is not a
 * question is `invalid-input`; a question someone resolved first is `conflict`, naming who — nothing is
 * overwritten in any of them.
 */
export async function resolveEngineeringQuestion(noteId: string, inputId: string, resolution: QuestionResolution): Promise<EngineeringInputEntry> {
  const note = validate(noteIdSchema, noteId, 'discovery note id');
  const input = validate(noteIdSchema, inputId, 'engineering input id');
  const { by, byName, text } = validate(resolutionWriteSchema, resolution, 'resolution');
  const result = await executeWrite(
    db
      .updateTable('engineering_input')
      .set({ resolved_at: Date.now(), resolved_by: by, resolved_by_name: byName ?? null, resolution: text ?? null })
      .where('id', '=', input)
      .where('note_id', '=', note)
      .where('kind', '=', 'question')
      .where('resolved_at', 'is', null)
      .compile(),
  );
  const current = await getDiscoveryNote(note);
  const entry = current?.engineeringInput.find((e) => e.id === input);
  if (!current || !entry) throw new AppError('not-found', `There is no entry ${input} on discovery note ${note} (it may have been removed). Nothing was saved; reload the note.`);
  if (result.affectedRows === 0) {
    if (entry.kind !== 'question') throw new AppError('invalid-input', 'Only a question can be resolved; this entry is a ' + entry.kind + '. Nothing was saved.', { fields: { inputId: 'not a question' } });
    const who = entry.resolution?.byName ?? 'someone else';
    throw new AppError('conflict', `${who} resolved this question first; their resolution stands and nothing was saved. Reload the note to see it.`);
  }
  await bumpNote(note);
  return entry;
}

/**
 * Reopens a resolved question: one UPDATE that clears the resolution only while it is a resolved question of
 * this note, then the note's bump. Not there is `not-found`; not a question is `invalid-input`; already open
 * (someone reopened it first) is `conflict`. The resolution is cleared, not kept: the question is open again
 * and the next resolution is the one that stands.
 */
export async function reopenEngineeringQuestion(noteId: string, inputId: string): Promise<EngineeringInputEntry> {
  const note = validate(noteIdSchema, noteId, 'discovery note id');
  const input = validate(noteIdSchema, inputId, 'engineering input id');
  const result = await executeWrite(
    db
      .updateTable('engineering_input')
      .set({ resolved_at: null, resolved_by: null, resolved_by_name: null, resolution: null })
      .where('id', '=', input)
      .where('note_id', '=', note)
      .where('kind', '=', 'question')
      .where('resolved_at', 'is not', null)
      .compile(),
  );
  const current = await getDiscoveryNote(note);
  const entry = current?.engineeringInput.find((e) => e.id === input);
  if (!current || !entry) throw new AppError('not-found', `There is no entry ${input} on discovery note ${note} (it may have been removed). Nothing was saved; reload the note.`);
  if (result.affectedRows === 0) {
    if (entry.kind !== 'question') throw new AppError('invalid-input', `Only a question can be reopened; this entry is a ${entry.kind}. Nothing was saved.`, { fields: { inputId: 'not a question' } });
    throw new AppError('conflict', 'This question is already open (someone reopened it first); nothing was saved. Reload the note to see it.');
  }
  await bumpNote(note);
  return entry;
}

/**
 * Removes evidence from a note in one DELETE: the named signal links, the named cluster links, and with each
 * cluster the signals linked beside it that are in it now (a note started from a cluster links both, and
 * removing the cluster means removing what it brought). Removing what is not linked removes nothing.
 */
export async function unlinkNoteEvidence(noteId: string, subjects: { clusterIds: readonly string[]; signalIds: readonly string[] }): Promise<void> {
  const note = validate(noteIdSchema, noteId, 'discovery note id');
  const clusterIds = [...new Set(validate(subjectIdsSchema, subjects.clusterIds, 'evidence'))];
  const signalIds = [...new Set(validate(subjectIdsSchema, subjects.signalIds, 'evidence'))];
  if (clusterIds.length + signalIds.length === 0) return;
  await executeWrite(
    db
      .deleteFrom('discovery_note_evidence')
      .where('note_id', '=', note)
      .where((eb) => {
        const named: Array<Expression<SqlBool>> = [];
        if (clusterIds.length > 0) {
          named.push(eb.and([eb('subject_kind', '=', 'cluster'), eb('subject_id', 'in', clusterIds)]));
          named.push(eb.and([eb('subject_kind', '=', 'signal'), eb('subject_id', 'in', eb.selectFrom('signal').select('signal.id').where('signal.cluster_id', 'in', clusterIds))]));
        }
        if (signalIds.length > 0) named.push(eb.and([eb('subject_kind', '=', 'signal'), eb('subject_id', 'in', signalIds)]));
        return eb.or(named);
      })
      .compile(),
  );
}
