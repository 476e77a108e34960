/**
 * Sprint history: a snapshot of each sprint's shape when it closes (the sprint-closed trigger), and the trend
 * of a board's last closed sprints (the gadget), which backfills sprints closed before Upstream was installed.
 *
 * Snapshots are computed as the app: the trigger has no user, and a snapshot is shared by everyone who views
 * the board, so it must not depend on which user happened to view first. The trend still reads the board as
 * the user first and returns nothing unless they may see it; it returns only aggregate shares, never issues.
 */
import type { ResolverOutput } from '../../contract';
import { TREND_LENGTH, type TrendPoint } from '../../contract/sprint-shape';
import { sprintShape } from '../../domain/sprint-shape';
import { boardEstimation, getBoard } from '../../jira/boards';
import { workTypeFieldId } from '../../jira/fields';
import type { JiraSprint } from '../../jira/agile-schemas';
import { getSprint, listBoardSprints, sprintSummaryOf } from '../../jira/sprints';
import { createSnapshotOnce, latestSnapshots, type SprintSnapshot } from '../../store/sprint-snapshot-repository';
import { clock } from '../clock';
import { sprintTotals } from './members';

/** When a sprint ended, in epoch seconds: its completion, else its planned end, else now. */
function endedAtOf(sprint: JiraSprint): number {
  const when = sprint.completeDate ?? sprint.endDate;
  const ms = when ? Date.parse(when) : Number.NaN;
  return Math.floor((Number.isNaN(ms) ? clock.now().getTime() : ms) / 1000);
}

async function takeSnapshot(boardId: number, sprint: JiraSprint, source: SprintSnapshot['shape']['source']): Promise<SprintSnapshot> {
  const [estimation, fieldId] = await Promise.all([boardEstimation('app', boardId), workTypeFieldId()]);
  const totals = await sprintTotals('app', sprint.id, fieldId, estimation);
  return {
    boardId,
    sprintId: sprint.id,
    endedAt: endedAtOf(sprint),
    shape: {
      version: 1,
      sprint: {
        name: sprint.name,
        startDate: sprint.startDate ?? null,
        endDate: sprint.endDate ?? null,
        completeDate: sprint.completeDate ?? null,
      },
      totals,
      estimationFieldId: estimation?.fieldId ?? null,
      source,
      takenAt: clock.now().toISOString(),
    },
  };
}

export type SprintClosedOutcome =
  | { outcome: 'recorded' | 'already-recorded'; sprintId: number; boardId: number }
  | { outcome: 'ignored'; sprintId: number; reason: string };

/**
 * Records a closed sprint's shape once. The event's sprint may omit its board, and its state is re-read from
 * Jira rather than trusted, so a late or repeated delivery writes the same snapshot or nothing.
 */
export async function recordClosedSprint(sprintId: number, boardIdFromEvent?: number): Promise<SprintClosedOutcome> {
  const sprint = await getSprint('app', sprintId);
  if (sprint.state !== 'closed') return { outcome: 'ignored', sprintId, reason: `sprint is ${sprint.state}, not closed` };
  const boardId = sprint.originBoardId ?? boardIdFromEvent;
  if (boardId === undefined) return { outcome: 'ignored', sprintId, reason: 'the sprint has no board' };
  const { created } = await createSnapshotOnce(await takeSnapshot(boardId, sprint, 'sprint-closed'));
  return { outcome: created ? 'recorded' : 'already-recorded', sprintId, boardId };
}

function trendPointOf(snapshot: SprintSnapshot, sprint: JiraSprint): TrendPoint {
  const shape = sprintShape(snapshot.shape.totals);
  return { sprint: sprintSummaryOf(sprint), byCount: shape.byCount, byEstimate: shape.byEstimate, issueCount: shape.issueCount };
}

/**
 * The board's last closed sprints, oldest first, each from its snapshot. Sprints among them without one
 * (closed before install, or a missed event) are computed once now and stored with the same conditional
 * write the trigger uses, so two first views at once still store each sprint once.
 */
export async function sprintTrend(boardId: number): Promise<ResolverOutput<'sprintShape.trend'>> {
  const [boardResult, snapshotsResult, closedResult] = await Promise.allSettled([
    getBoard('user', boardId),
    latestSnapshots(boardId, TREND_LENGTH),
    listBoardSprints('user', boardId, ['closed']),
  ]);
  if (boardResult.status === 'rejected') throw boardResult.reason;
  if (boardResult.value.type !== 'scrum') return { points: [], backfilled: 0 };
  if (snapshotsResult.status === 'rejected') throw snapshotsResult.reason;
  if (closedResult.status === 'rejected') throw closedResult.reason;

  const latestClosed = closedResult.value
    .filter((sprint) => sprint.originBoardId === undefined || sprint.originBoardId === boardId)
    .sort((a, b) => endedAtOf(b) - endedAtOf(a) || b.id - a.id)
    .slice(0, TREND_LENGTH);
  const stored = new Map(snapshotsResult.value.map((snapshot) => [snapshot.sprintId, snapshot]));
  const missing = latestClosed.filter((sprint) => !stored.has(sprint.id));
  const backfilled = await Promise.all(
    missing.map(async (sprint) => (await createSnapshotOnce(await takeSnapshot(boardId, sprint, 'backfill'))).snapshot),
  );
  for (const snapshot of backfilled) stored.set(snapshot.sprintId, snapshot);

  const points = latestClosed
    .map((sprint) => {
      const snapshot = stored.get(sprint.id);
      return snapshot ? trendPointOf(snapshot, sprint) : null;
    })
    .filter((point): point is TrendPoint => point !== null)
    .reverse();
  return { points, backfilled: missing.length };
}
