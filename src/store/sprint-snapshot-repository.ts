/**
 * Sprint snapshots (custom entity `sprint-snapshot`): a closed sprint's shape, written once when it closes
 * or on first view for sprints that closed before Upstream was installed. Read back through zod; attributes
 * a later version adds are ignored.
 */
import { Filter, FilterConditions, Sort, kvs } from '@forge/kvs';
import { z } from 'zod';
import { AppError } from '../errors';
import { withStorageRetry } from './storage-retry';
import { inspectStored, readStored, requireReadable } from './stored-record';

export const SPRINT_SNAPSHOT_ENTITY = 'sprint-snapshot';
const SNAPSHOT_KIND = 'sprint-snapshot';
const BY_BOARD_END = 'by-board-end';

/** One amount per segment of src/domain/sprint-shape.ts (`ShapeSegment`). */
const segmentTotalsSchema = z.object({
  Innovative: z.number().nonnegative(),
  Corrective: z.number().nonnegative(),
  Enabling: z.number().nonnegative(),
  Unclassified: z.number().nonnegative(),
});

/** The `shape` attribute: raw totals, so percentages can be recomputed if the rounding rule ever changes. */
export const snapshotShapeSchema = z.object({
  version: z.literal(1),
  sprint: z.object({
    name: z.string(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    completeDate: z.string().nullable(),
  }),
  totals: z.object({
    counts: segmentTotalsSchema,
    estimates: segmentTotalsSchema.nullable(),
    issueCount: z.number().int().nonnegative(),
    doneCount: z.number().int().nonnegative(),
    missingEstimates: z.number().int().nonnegative(),
  }),
  /** Which field the estimates summed, so a later change of the board's estimation is visible. */
  estimationFieldId: z.string().nullable(),
  source: z.enum(['sprint-closed', 'backfill']),
  takenAt: z.string(),
});

export const sprintSnapshotSchema = z.object({
  boardId: z.number().int().positive(),
  sprintId: z.number().int().positive(),
  /** When the sprint ended, in epoch seconds (entity integers are 32-bit). */
  endedAt: z.number().int(),
  shape: snapshotShapeSchema,
});
export type SprintSnapshot = z.infer<typeof sprintSnapshotSchema>;

/** One key per sprint: the trigger and a backfill of the same sprint land on the same record. */
export const snapshotKey = (sprintId: number): string => `sprint-snapshot-${sprintId}`;

const readSnapshot = async (key: string): Promise<unknown> =>
  withStorageRetry(() => kvs.entity(SPRINT_SNAPSHOT_ENTITY).get(key));

/** The sprint's snapshot, or null; one that does not parse is reported and throws UnreadableRecordError. */
export async function getSnapshot(sprintId: number): Promise<SprintSnapshot | null> {
  const key = snapshotKey(sprintId);
  return requireReadable(SNAPSHOT_KIND, key, sprintSnapshotSchema, await readSnapshot(key));
}

/**
 * Writes the snapshot unless the sprint has one: existence check and write are one conditional transaction,
 * so a redelivered event, or two first views backfilling at once, write it once. The loser reads the winner's.
 * If the stored one cannot be read (reported), the one just computed from the same sprint stands in for it and
 * the stored record is left as it is, for whoever looks into it.
 */
export async function createSnapshotOnce(snapshot: SprintSnapshot): Promise<{ snapshot: SprintSnapshot; created: boolean }> {
  const key = snapshotKey(snapshot.sprintId);
  try {
    await withStorageRetry(() =>
      kvs
        .transact()
        .set(key, snapshot, {
          entityName: SPRINT_SNAPSHOT_ENTITY,
          conditions: new Filter<SprintSnapshot>().and('sprintId', FilterConditions.notExists()),
        })
        .execute(),
    );
    return { snapshot, created: true };
  } catch (error: unknown) {
    // Storage that stayed unavailable says nothing about whether a snapshot exists.
    if (error instanceof AppError) throw error;
    const existing = inspectStored(SNAPSHOT_KIND, key, sprintSnapshotSchema, await readSnapshot(key));
    if (existing.state === 'stored') return { snapshot: existing.value, created: false };
    if (existing.state === 'unreadable') return { snapshot, created: false };
    throw error;
  }
}

/** A board's latest snapshots by end time, newest first; one that does not parse is reported and left out. */
export async function latestSnapshots(boardId: number, limit: number): Promise<SprintSnapshot[]> {
  const page = await withStorageRetry(() =>
    kvs.entity<unknown>(SPRINT_SNAPSHOT_ENTITY).query().index(BY_BOARD_END, { partition: [boardId] }).sort(Sort.DESC).limit(limit).getMany(),
  );
  return page.results
    .map((result) => readStored(SNAPSHOT_KIND, result.key, sprintSnapshotSchema, result.value))
    .filter((snapshot): snapshot is SprintSnapshot => snapshot !== null);
}
