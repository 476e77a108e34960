/**
 * Discovery notes (custom entity `discovery-note`): the problem, its status, and engineering input as
 * first-class entries with their authors. Written with the discovery vocabulary from src/domain exactly; read
 * back leniently, so a status or a kind of input a later version adds does not hide the note, and attributes
 * it does not know are ignored.
 */
import { kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import { DISCOVERY_NOTE_STATUSES, ENGINEERING_INPUT_KINDS, type DiscoveryNoteStatus } from '../domain/discovery';
import { withStorageRetry } from './kvs-retry';
import { readStored } from './stored-record';

export const DISCOVERY_NOTE_ENTITY = 'discovery-note';
const NOTE_KIND = 'discovery-note';

export const engineeringInputSchema = z.object({
  kind: z.enum(ENGINEERING_INPUT_KINDS),
  text: z.string(),
  authorAccountId: z.string(),
  /**
   * The author's display name when the input was written. Kept so the issue panel can show a note's input
   * without a third round trip for names; a signature, like a comment's, may lag a later rename.
   */
  authorName: z.string().optional(),
  /** ISO timestamp. */
  at: z.string(),
});

/** A note as Upstream writes it. */
export const storedDiscoveryNoteSchema = z.object({
  title: z.string(),
  problem: z.string(),
  status: z.enum(DISCOVERY_NOTE_STATUSES),
  /** Unix seconds: entity integers are 32-bit. */
  updatedAt: z.number().int(),
  engineeringInput: z.array(engineeringInputSchema),
});
export type StoredDiscoveryNote = z.infer<typeof storedDiscoveryNoteSchema>;

/** A note as read back: any status and any kind of input, shown as stored. */
const discoveryNoteRecordSchema = storedDiscoveryNoteSchema.extend({
  status: z.string(),
  engineeringInput: z.array(engineeringInputSchema.extend({ kind: z.string() })),
});
export type DiscoveryNote = z.infer<typeof discoveryNoteRecordSchema> & { id: string };

const MAX_BATCH = 25;

function parseNote(id: string, value: unknown): DiscoveryNote | null {
  // A record Upstream cannot read is reported and treated as missing rather than failing the whole page.
  const note = readStored(NOTE_KIND, id, discoveryNoteRecordSchema, value);
  return note ? { id, ...note } : null;
}

export async function getDiscoveryNote(id: string): Promise<DiscoveryNote | null> {
  return parseNote(id, await withStorageRetry(() => kvs.entity(DISCOVERY_NOTE_ENTITY).get(id)));
}

/** Several notes at once, 25 per batch; ids with no readable record are absent from the map. */
export async function getDiscoveryNotes(ids: readonly string[]): Promise<Map<string, DiscoveryNote>> {
  const unique = [...new Set(ids)];
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += MAX_BATCH) batches.push(unique.slice(start, start + MAX_BATCH));
  const answers = await Promise.all(
    batches.map((keys) =>
      withStorageRetry(() => kvs.batchGet<unknown>(keys.map((key) => ({ key, entityName: DISCOVERY_NOTE_ENTITY })))),
    ),
  );
  const notes = new Map<string, DiscoveryNote>();
  for (const answer of answers) {
    for (const item of answer.successfulKeys) {
      const note = parseNote(item.key, item.value);
      if (note) notes.set(item.key, note);
    }
  }
  return notes;
}

export async function saveDiscoveryNote(note: StoredDiscoveryNote & { id: string }): Promise<void> {
  const { id, ...stored } = note;
  const value = storedDiscoveryNoteSchema.parse(stored);
  await withStorageRetry(() => kvs.entity<StoredDiscoveryNote>(DISCOVERY_NOTE_ENTITY).set(id, value));
}

/** The most recently updated notes in one status, newest first. */
export async function recentDiscoveryNotes(status: DiscoveryNoteStatus, limit: number): Promise<DiscoveryNote[]> {
  const page = await withStorageRetry(() =>
    kvs
      .entity<unknown>(DISCOVERY_NOTE_ENTITY)
      .query()
      .index('by-status-updated', { partition: [status] })
      .sort(Sort.DESC)
      .limit(limit)
      .getMany(),
  );
  return page.results.map((r) => parseNote(r.key, r.value)).filter((n): n is DiscoveryNote => n !== null);
}
