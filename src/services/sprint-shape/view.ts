/**
 * The sprint-shape gadget's use cases: list a board's sprints for the edit view, check a configuration before
 * it is saved, and compute the configured sprint's shape against its target. Everything reads as the user,
 * so Jira's own permissions decide; the board is read first (in parallel with the rest) and nothing is
 * returned unless the user may see it.
 */
import type { BoardSummary, ResolverOutput } from '../../contract';
import type { GadgetConfig, SprintChoice, SprintShapeView } from '../../contract/sprint-shape';
import { SHAPE_SEGMENTS, effectiveMeasure, shapeReading, sprintShape, type ShapeSegment } from '../../domain/sprint-shape';
import { AppError } from '../../errors';
import { boardEstimation, getBoard } from '../../jira/boards';
import { workTypeField } from '../../jira/fields';
import { issueIdsMatching, segmentJql, sprintMembersJql } from '../../jira/sprint-issues';
import { getSprint, listBoardSprints, sprintSummaryOf } from '../../jira/sprints';
import type { JiraSprint } from '../../jira/agile-schemas';
import { tallyIssues } from './members';

/** The edit view lists the open sprints and this many of the latest closed ones. */
const CLOSED_SPRINTS_LISTED = 10;

const settledValue = <T>(result: PromiseSettledResult<T>): T => {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
};

const hasSprints = (board: BoardSummary): boolean => board.type === 'scrum';

/** A sprint belongs to the board it was created on; one from another board is refused as if absent. */
function requireOnBoard(sprint: JiraSprint, board: BoardSummary): JiraSprint {
  if (sprint.originBoardId !== undefined && sprint.originBoardId !== board.id) {
    throw new AppError('not-found', `Sprint ${sprint.id} is not a sprint of ${board.name}. Choose one of this board's sprints.`, {
      fields: { 'config.sprint.sprintId': 'Not a sprint of this board.' },
    });
  }
  return sprint;
}

export async function boardSprints(boardId: number): Promise<ResolverOutput<'sprintShape.sprints'>> {
  const [boardResult, sprintsResult] = await Promise.allSettled([
    getBoard('user', boardId),
    listBoardSprints('user', boardId, ['active', 'future', 'closed']),
  ]);
  const board = settledValue(boardResult);
  if (!hasSprints(board)) return { board, sprints: [] };
  const sprints = settledValue(sprintsResult).filter((sprint) => sprint.originBoardId === undefined || sprint.originBoardId === boardId);
  const active = sprints.filter((sprint) => sprint.state === 'active');
  const future = sprints.filter((sprint) => sprint.state === 'future');
  const closed = sprints.filter((sprint) => sprint.state === 'closed').reverse().slice(0, CLOSED_SPRINTS_LISTED);
  return { board, sprints: [...active, ...future, ...closed].map(sprintSummaryOf) };
}

/** The sprint a choice points at now, or null when the board has no active (or no future) sprint. */
interface ChosenSprint {
  sprint: JiraSprint | null;
  /** For `active` with no active sprint: the next future one, to offer instead. */
  nextSprint: JiraSprint | null;
}

async function readChoice(boardId: number, choice: SprintChoice): Promise<ChosenSprint> {
  if (choice.kind === 'sprint') return { sprint: await getSprint('user', choice.sprintId), nextSprint: null };
  // One call for both states: the active sprint, and the future one to offer when there is no active sprint.
  const open = await listBoardSprints('user', boardId, ['active', 'future']);
  const onBoard = open.filter((sprint) => sprint.originBoardId === undefined || sprint.originBoardId === boardId);
  const nextSprint = onBoard.find((sprint) => sprint.state === 'future') ?? null;
  if (choice.kind === 'next') return { sprint: nextSprint, nextSprint };
  return { sprint: onBoard.find((sprint) => sprint.state === 'active') ?? null, nextSprint };
}

export async function checkGadgetConfig(config: GadgetConfig): Promise<ResolverOutput<'sprintShape.checkConfig'>> {
  const [boardResult, choiceResult] = await Promise.allSettled([getBoard('user', config.boardId), readChoice(config.boardId, config.sprint)]);
  const board = settledValue(boardResult);
  if (!hasSprints(board)) {
    if (config.sprint.kind === 'sprint') {
      throw new AppError('not-found', `${board.name} is a ${board.type} board: it has no sprints. Choose the active or next sprint, or another board.`);
    }
    return { board, sprint: null };
  }
  const { sprint } = settledValue(choiceResult);
  return { board, sprint: sprint ? sprintSummaryOf(requireOnBoard(sprint, board)) : null };
}

function segmentLinks(sprint: JiraSprint, fieldJql: string): Record<ShapeSegment, string> {
  const links = {} as Record<ShapeSegment, string>;
  for (const segment of SHAPE_SEGMENTS) links[segment] = segmentJql(sprint, fieldJql, segment === 'Unclassified' ? null : segment);
  return links;
}

/**
 * The configured sprint's shape. Round trips: the board, its estimation field, the work-type field id (both
 * cached) and the sprint are read together; then the sprint's issue ids (one search); then the issues in
 * parallel batches. For a sprint chosen by id its issue search starts in the first wave too: it is discarded
 * unless the board check passes.
 */
export async function sprintShapeView(config: GadgetConfig): Promise<SprintShapeView> {
  const { boardId, sprint: choice } = config;
  const speculativeIds = choice.kind === 'sprint' ? issueIdsMatching('user', sprintMembersJql(choice.sprintId)) : null;
  const [boardResult, estimationResult, fieldResult, choiceResult, idsResult] = await Promise.allSettled([
    getBoard('user', boardId),
    boardEstimation('user', boardId),
    workTypeField(),
    readChoice(boardId, choice),
    speculativeIds ?? Promise.resolve(null),
  ]);
  const board = settledValue(boardResult);
  if (!hasSprints(board)) return { state: 'no-sprints', board };
  const chosen = settledValue(choiceResult);
  if (!chosen.sprint) {
    if (choice.kind === 'next') return { state: 'no-future-sprint', board };
    return { state: 'no-active-sprint', board, nextSprint: chosen.nextSprint ? sprintSummaryOf(chosen.nextSprint) : null };
  }
  const sprint = requireOnBoard(chosen.sprint, board);
  const [estimation, field] = [settledValue(estimationResult), settledValue(fieldResult)];
  const ids = settledValue(idsResult) ?? (await issueIdsMatching('user', sprintMembersJql(sprint.id)));
  const summary = sprintSummaryOf(sprint);
  if (ids.length === 0) return { state: 'empty-sprint', board, sprint: summary };

  const totals = await tallyIssues('user', ids, field.id, estimation);
  if (totals.issueCount === 0) return { state: 'empty-sprint', board, sprint: summary };
  const shape = sprintShape(totals);
  const estimable = effectiveMeasure(shape, 'estimate') === 'estimate';
  const read = (measure: 'count' | 'estimate') => shapeReading(shape, measure, config.target, config.driftThreshold);
  return {
    state: 'ready',
    board,
    sprint: summary,
    measure: effectiveMeasure(shape, config.measure),
    estimationField: estimation ? { fieldId: estimation.fieldId, name: estimation.name } : null,
    shape,
    target: config.target,
    driftThreshold: config.driftThreshold,
    readings: { count: read('count'), estimate: estimable ? read('estimate') : null },
    segmentJql: segmentLinks(sprint, field.jql),
  };
}

