/**
 * Discovery notes (custom entity `discovery-note`): the problem, its status, and engineering input as
 * first-class entries with their authors. Read back through zod: stored data outlives the code that wrote it.
 */
import { kvs, Sort } from '@forge/kvs';
import { z } from 'zod';

export const DISCOVERY_NOTE_ENTITY = 'discovery-note';
export const DISCOVERY_NOTE_STATUSES = ['draft', 'exploring', 'ready', 'archived'] as const;
export const ENGINEERING_INPUT_KINDS = ['constraint', 'question', 'risk', 'technical-shape'] as const;

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

export const storedDiscoveryNoteSchema = z.object({
  title: z.string(),
  problem: z.string(),
  status: z.enum(DISCOVERY_NOTE_STATUSES),
  /** Unix seconds: entity integers are 32-bit. */
  updatedAt: z.number().int(),
  engineeringInput: z.array(engineeringInputSchema),
});
export type StoredDiscoveryNote = z.infer<typeof storedDiscoveryNoteSchema>;
export type DiscoveryNote = StoredDiscoveryNote & { id: string };

const MAX_BATCH = 25;

function parseNote(id: string, value: unknown): DiscoveryNote | null {
  const parsed = storedDiscoveryNoteSchema.safeParse(value);
  if (!parsed.success) {
    // A record Upstream cannot read is reported as missing rather than failing the whole page.
    console.warn(`discovery note ${id} does not match its schema; treated as missing`);
    return null;
  }
  return { id, ...parsed.data };
}

export async function getDiscoveryNote(id: string): Promise<DiscoveryNote | null> {
  const value: unknown = await kvs.entity(DISCOVERY_NOTE_ENTITY).get(id);
  return value === undefined || value === null ? null : parseNote(id, value);
}

/** Several notes at once, 25 per batch; ids with no readable record are absent from the map. */
export async function getDiscoveryNotes(ids: readonly string[]): Promise<Map<string, DiscoveryNote>> {
  const unique = [...new Set(ids)];
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += MAX_BATCH) batches.push(unique.slice(start, start + MAX_BATCH));
  const answers = await Promise.all(
    batches.map((keys) => kvs.batchGet<unknown>(keys.map((key) => ({ key, entityName: DISCOVERY_NOTE_ENTITY })))),
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

export async function saveDiscoveryNote(note: DiscoveryNote): Promise<void> {
  const { id, ...stored } = note;
  await kvs.entity<StoredDiscoveryNote>(DISCOVERY_NOTE_ENTITY).set(id, storedDiscoveryNoteSchema.parse(stored));
}

/** The most recently updated notes in one status, newest first. */
export async function recentDiscoveryNotes(status: (typeof DISCOVERY_NOTE_STATUSES)[number], limit: number): Promise<DiscoveryNote[]> {
  const page = await kvs
    .entity<StoredDiscoveryNote>(DISCOVERY_NOTE_ENTITY)
    .query()
    .index('by-status-updated', { partition: [status] })
    .sort(Sort.DESC)
    .limit(limit)
    .getMany();
  return page.results.map((r) => parseNote(r.key, r.value)).filter((n): n is DiscoveryNote => n !== null);
}
