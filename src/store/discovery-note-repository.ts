/**
 * Discovery notes in Forge SQL (`discovery_note`, and `engineering_input` with one row per entry): the problem,
 * its status, and engineering input as first-class entries with their authors. Written with the discovery
 * vocabulary from src/domain exactly; read back leniently, so a status or a kind of input a later version adds
 * does not hide the note.
 *
 * Forge SQL has no transactions and takes one statement per call, so every write here is either one statement
 * (an upsert, an `UPDATE … WHERE version = ?`, an `INSERT … SELECT`) or a short sequence that is harmless to
 * stop half way and safe to run again.
 *
 * The API keeps `updatedAt` in Unix seconds (what the KVS entity held and what callers sort on); the table
 * holds milliseconds, so a later switch of the API to milliseconds needs no migration.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { DISCOVERY_NOTE_STATUSES, ENGINEERING_INPUT_KINDS, type DiscoveryNoteStatus } from '../domain/discovery';
import { AppError } from '../errors';
import { executeWrite, isDuplicateKey, readRows, rowId, selectRows } from './sql/run';
import { db } from './sql/schema';

const NOTE_KIND = 'discovery-note';
const INPUT_KIND = 'engineering-input';

/** Column widths from migrations 007 and 008: a longer value would be refused (or cut) by the database. */
const ID_MAX = 64;
const TITLE_MAX = 255;
const ACCOUNT_ID_MAX = 128;
const NAME_MAX = 255;

const isoTimestamp = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'is not a timestamp');

export const engineeringInputSchema = z.object({
  kind: z.enum(ENGINEERING_INPUT_KINDS),
  text: z.string(),
  authorAccountId: z.string().min(1).max(ACCOUNT_ID_MAX),
  /**
   * The author's display name when the input was written. Kept so the issue panel can show a note's input
   * without a third round trip for names; a signature, like a comment's, may lag a later rename.
   */
  authorName: z.string().max(NAME_MAX).optional(),
  /** ISO timestamp. */
  at: isoTimestamp,
});

/** A note as Upstream writes it. */
export const storedDiscoveryNoteSchema = z.object({
  title: z.string().max(TITLE_MAX),
  problem: z.string(),
  status: z.enum(DISCOVERY_NOTE_STATUSES),
  /** Unix seconds (stored as milliseconds). */
  updatedAt: z.number().int().nonnegative(),
  engineeringInput: z.array(engineeringInputSchema),
});
export type StoredDiscoveryNote = z.infer<typeof storedDiscoveryNoteSchema>;

/** An entry as read back: any kind, shown as stored. */
export interface EngineeringInputEntry {
  id: string;
  kind: string;
  text: string;
  authorAccountId: string;
  authorName?: string;
  /** ISO timestamp. */
  at: string;
}

/** A note as read back: any status and any kind of input; `version` is what `updateDiscoveryNote` expects. */
export interface DiscoveryNote {
  id: string;
  title: string;
  problem: string;
  status: string;
  /** Unix seconds. */
  updatedAt: number;
  version: number;
  engineeringInput: EngineeringInputEntry[];
}

/** Thrown when a note changed after the person opened it; `current` is what they would overwrite. */
export class NoteVersionConflict extends AppError {
  constructor(readonly current: DiscoveryNote) {
    super('conflict', `Someone else changed the discovery note "${current.title}" since you opened it; here is the current version. Review it and make your change again.`);
    this.name = 'NoteVersionConflict';
  }
}

// ---- reading ---------------------------------------------------------------------------------------------

/** BIGINT milliseconds arrive as strings; a value `Date` cannot show is as unreadable as a missing one. */
const millis = z.coerce.number().int().min(0).max(8.64e15);

const noteRowSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  problem: z.string(),
  status: z.string().min(1),
  updated_at: millis,
  version: z.coerce.number().int().positive(),
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
});
type InputRow = z.infer<typeof inputRowSchema>;

const NOTE_COLUMNS = ['id', 'title', 'problem', 'status', 'updated_at', 'version'] as const;
const INPUT_COLUMNS = ['id', 'note_id', 'kind', 'text', 'author_account_id', 'author_name', 'created_at'] as const;

const toEntry = (row: InputRow): EngineeringInputEntry => ({
  id: row.id,
  kind: row.kind,
  text: row.text,
  authorAccountId: row.author_account_id,
  ...(row.author_name !== null ? { authorName: row.author_name } : {}),
  at: new Date(row.created_at).toISOString(),
});

const toNote = (row: NoteRow, inputs: EngineeringInputEntry[]): DiscoveryNote => ({
  id: row.id,
  title: row.title,
  problem: row.problem,
  status: row.status,
  updatedAt: Math.floor(row.updated_at / 1000),
  version: row.version,
  engineeringInput: inputs,
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

/** The most recently updated notes in one status, newest first: two statements, the second only for inputs. */
export async function recentDiscoveryNotes(status: DiscoveryNoteStatus, limit: number): Promise<DiscoveryNote[]> {
  const count = Math.max(0, Math.floor(limit));
  if (count === 0) return [];
  const noteRows = await selectRows(
    db.selectFrom('discovery_note').select(NOTE_COLUMNS).where('status', '=', status).orderBy('updated_at', 'desc').orderBy('id').limit(count).compile(),
  );
  if (noteRows.length === 0) return [];
  const inputRows = await selectRows(selectInputs(noteRows.map((r) => String(r.id))));
  return assemble(noteRows, inputRows);
}

// ---- writing ---------------------------------------------------------------------------------------------

const noteIdSchema = z.string().min(1).max(ID_MAX);

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

/**
 * Upserts a whole note with its inputs (the seed's path): the inputs given become the note's inputs. Three
 * statements, each an idempotent upsert or delete, so running it twice — or again after a crash part way —
 * leaves the same rows. The note row is written last: a first save that stops early leaves inputs no read can
 * reach (reads start from notes), never a note without its input.
 */
export async function saveDiscoveryNote(note: StoredDiscoveryNote & { id: string }): Promise<void> {
  const id = validate(noteIdSchema, note.id, 'discovery note id');
  const { title, problem, status, updatedAt, engineeringInput } = validate(storedDiscoveryNoteSchema, note, 'discovery note');
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
          })),
        )
        .onDuplicateKeyUpdate({
          note_id: valuesOf<string>('note_id'),
          kind: valuesOf<string>('kind'),
          text: valuesOf<string>('text'),
          author_account_id: valuesOf<string>('author_account_id'),
          author_name: valuesOf<string | null>('author_name'),
          created_at: valuesOf<number>('created_at'),
        })
        .compile(),
    );
  }
  const stale = db.deleteFrom('engineering_input').where('note_id', '=', id);
  await executeWrite((inputIds.length > 0 ? stale.where('id', 'not in', inputIds) : stale).compile());

  const same = (column: 'title' | 'problem' | 'status' | 'updated_at') => sql`${sql.ref(column)} <=> values(${sql.ref(column)})`;
  await executeWrite(
    db
      .insertInto('discovery_note')
      .values({ id, title, problem, status, created_at: updatedAt * 1000, updated_at: updatedAt * 1000, version: 1 })
      .onDuplicateKeyUpdate({
        // First, while the other columns still hold their old values: a save that changes nothing keeps the
        // version, so saving twice is the same row and does not turn someone's open edit into a conflict.
        version: sql<number>`if(${same('title')} and ${same('problem')} and ${same('status')} and ${same('updated_at')}, ${sql.ref('version')}, ${sql.ref('version')} + 1)`,
        title: valuesOf<string>('title'),
        problem: valuesOf<string>('problem'),
        status: valuesOf<string>('status'),
        updated_at: valuesOf<number>('updated_at'),
      })
      .compile(),
  );
}

const newNoteSchema = storedDiscoveryNoteSchema.pick({ title: true, problem: true, status: true }).extend({
  /** The account id of the person creating it. */
  by: z.string().min(1).max(ACCOUNT_ID_MAX),
});
export type NewDiscoveryNote = z.input<typeof newNoteSchema>;

/**
 * A new note with a new id, in one INSERT. `by` is checked but not stored: migration 007 has no column for
 * who created a note.
 */
export async function createDiscoveryNote(note: NewDiscoveryNote): Promise<DiscoveryNote> {
  const { title, problem, status } = validate(newNoteSchema, note, 'discovery note');
  const id = `note-${randomUUID()}`;
  const now = Date.now();
  await executeWrite(db.insertInto('discovery_note').values({ id, title, problem, status, created_at: now, updated_at: now, version: 1 }).compile());
  return { id, title, problem, status, updatedAt: Math.floor(now / 1000), version: 1, engineeringInput: [] };
}

const noteChangesSchema = storedDiscoveryNoteSchema
  .pick({ title: true, problem: true, status: true })
  .partial()
  .strict()
  .refine((changes) => Object.values(changes).some((v) => v !== undefined), 'names nothing to change');
export type DiscoveryNoteChanges = z.input<typeof noteChangesSchema>;

/**
 * Changes a note only if it is still at `expectedVersion`: one `UPDATE … WHERE id = ? AND version = ?`, so of two
 * people saving over the same version exactly one wins. The other gets NoteVersionConflict with the note as it
 * now is; a note that does not exist is `not-found`.
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
        ...(set.status !== undefined ? { status: set.status } : {}),
        updated_at: Date.now(),
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', noteId)
      .where('version', '=', version)
      .compile(),
  );
  const current = await getDiscoveryNote(noteId);
  if (!current) throw notFound(noteId);
  // The read may already show a later change by someone else; that is the note as it now is either way.
  if (result.affectedRows === 0) throw new NoteVersionConflict(current);
  return current;
}

const notFound = (id: string) => new AppError('not-found', `Discovery note ${id} does not exist (it may have been deleted). Nothing was saved; reload the list of notes.`);

const newInputSchema = engineeringInputSchema.extend({
  /** Optional idempotency key: a retry with the same id adds nothing twice. */
  id: z.string().min(1).max(ID_MAX).optional(),
  /** When it was written; now when absent. */
  at: isoTimestamp.optional(),
});
export type NewEngineeringInput = z.input<typeof newInputSchema>;

/**
 * Adds one entry to a note: an `INSERT … SELECT` that writes the entry only if the note exists (so a missing
 * note leaves no orphan), then an UPDATE bumping the note's updated_at and version. A crash between the two is
 * harmless: the entry is already its own row and every read shows it; the note only misses the bump, which
 * orders it in `recentDiscoveryNotes` and tells an open editor the note moved on. Entries never conflict with
 * an edit of the title, problem or status, so that editor overwrites nothing by not being told. Passing `id`
 * makes a retry resumable: the INSERT finds its row and the bump runs again.
 */
export async function addEngineeringInput(noteId: string, input: NewEngineeringInput): Promise<EngineeringInputEntry> {
  const note = validate(noteIdSchema, noteId, 'discovery note id');
  const entry = validate(newInputSchema, input, 'engineering input');
  const id = entry.id ?? `input-${randomUUID()}`;
  const createdAt = entry.at !== undefined ? Date.parse(entry.at) : Date.now();
  let inserted = true;
  try {
    const result = await executeWrite(
      db
        .insertInto('engineering_input')
        .columns(['id', 'note_id', 'kind', 'text', 'author_account_id', 'author_name', 'created_at'])
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
  await executeWrite(
    db
      .updateTable('discovery_note')
      .set({ updated_at: Date.now(), version: (eb) => eb('version', '+', 1) })
      .where('id', '=', note)
      .compile(),
  );
  return {
    id,
    kind: entry.kind,
    text: entry.text,
    authorAccountId: entry.authorAccountId,
    ...(entry.authorName !== undefined ? { authorName: entry.authorName } : {}),
    at: new Date(createdAt).toISOString(),
  };
}
