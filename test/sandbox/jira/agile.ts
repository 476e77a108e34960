/** Jira Software agile 1.0: boards, board configuration, a board's sprints, and one sprint. */
import { json } from '../http';
import type { EmulatorContext } from './context';
import { findBoard, findCustomField, findProject, findSprint } from './context';
import { badRequest, notFound } from './errors';
import { startAtPaging } from './input';
import type { JiraBoard, JiraProject, JiraSprint } from './model';
import { canBrowseProject } from './permissions';
import { agileSprintJson } from './representation';
import type { RouteHandler } from './router';

const BOARD_NOT_FOUND = 'Board does not exist or you do not have permission to see it.';
const SPRINT_STATES: readonly JiraSprint['state'][] = ['future', 'active', 'closed'];
/** Jira's Rank field; the emulator ranks by issue id. */
const RANK_FIELD_ID = 10019;

function boardProject(ctx: EmulatorContext, board: JiraBoard): JiraProject | undefined {
  return ctx.site.projects.find((project) => project.id === board.projectId);
}

function visibleBoardOr404(ctx: EmulatorContext, rawId: string): { board: JiraBoard; project: JiraProject } {
  const board = /^\d+$/.test(rawId) ? findBoard(ctx.site, Number(rawId)) : undefined;
  const project = board ? boardProject(ctx, board) : undefined;
  if (!board || !project || !canBrowseProject(ctx.caller, project)) throw notFound(BOARD_NOT_FOUND);
  return { board, project };
}

function boardJson(ctx: EmulatorContext, board: JiraBoard, project: JiraProject): Record<string, unknown> {
  return {
    id: board.id,
    self: `${ctx.site.baseUrl}/rest/agile/1.0/board/${board.id}`,
    name: board.name,
    type: board.type,
    location: {
      projectId: Number(project.id),
      displayName: `${project.name} (${project.key})`,
      projectName: project.name,
      projectKey: project.key,
      projectTypeKey: project.projectTypeKey,
      avatarURI: `${ctx.site.baseUrl}/rest/api/2/universal_avatar/view/type/project/avatar/${project.id}?size=small`,
      name: `${project.name} (${project.key})`,
    },
    isPrivate: false,
  };
}

export const listBoards: RouteHandler = (ctx, req) => {
  const { startAt, maxResults } = startAtPaging(req.query, 50, 50);
  const projectRef = req.query.get('projectKeyOrId');
  const types = (req.query.get('type') ?? '').split(',').map((type) => type.trim()).filter((type) => type.length > 0);
  if (types.some((type) => type !== 'scrum' && type !== 'kanban' && type !== 'simple')) {
    throw badRequest("The 'type' parameter takes scrum, kanban or simple.");
  }
  const name = (req.query.get('name') ?? '').toLowerCase();
  let wantedProject: JiraProject | undefined;
  if (projectRef) {
    wantedProject = findProject(ctx.site, projectRef);
    if (!wantedProject || !canBrowseProject(ctx.caller, wantedProject)) throw badRequest(`No project could be found with key or id '${projectRef}'.`);
  }
  const matching = ctx.site.boards
    .map((board) => ({ board, project: boardProject(ctx, board) }))
    .filter((entry): entry is { board: JiraBoard; project: JiraProject } => entry.project !== undefined && canBrowseProject(ctx.caller, entry.project))
    .filter(({ board }) => !wantedProject || board.projectId === wantedProject.id)
    .filter(({ board }) => types.length === 0 || types.includes(board.type))
    .filter(({ board }) => name === '' || board.name.toLowerCase().includes(name))
    .sort((a, b) => a.board.id - b.board.id);
  const values = matching.slice(startAt, startAt + maxResults);
  return json(200, {
    maxResults,
    startAt,
    total: matching.length,
    isLast: startAt + values.length >= matching.length,
    values: values.map(({ board, project }) => boardJson(ctx, board, project)),
  });
};

export const getBoard: RouteHandler = (ctx, req) => {
  const { board, project } = visibleBoardOr404(ctx, req.params.boardId);
  return json(200, boardJson(ctx, board, project));
};

function estimationOf(ctx: EmulatorContext, board: JiraBoard): Record<string, unknown> | undefined {
  if (board.type !== 'scrum') return undefined;
  const field = board.estimationFieldId ? findCustomField(ctx.site, board.estimationFieldId) : undefined;
  return field ? { type: 'field', field: { fieldId: field.id, displayName: field.name } } : { type: 'issueCount' };
}

export const getBoardConfiguration: RouteHandler = (ctx, req) => {
  const { board, project } = visibleBoardOr404(ctx, req.params.boardId);
  const base = ctx.site.baseUrl;
  const column = (name: string, category: string): Record<string, unknown> => ({
    name,
    statuses: ctx.site.statuses
      .filter((status) => status.category === category)
      .map((status) => ({ id: status.id, self: `${base}/rest/api/2/status/${status.id}` })),
  });
  const estimation = estimationOf(ctx, board);
  return json(200, {
    id: board.id,
    name: board.name,
    type: board.type,
    self: `${base}/rest/agile/1.0/board/${board.id}/configuration`,
    location: { type: 'project', projectKeyOrId: project.id },
    filter: { id: String(board.filterId), self: `${base}/rest/api/2/filter/${board.filterId}` },
    columnConfig: {
      columns: [column('To Do', 'new'), column('In Progress', 'indeterminate'), column('Done', 'done')],
      constraintType: 'none',
    },
    ...(estimation ? { estimation } : {}),
    ranking: { rankCustomFieldId: RANK_FIELD_ID },
  });
};

export const listBoardSprints: RouteHandler = (ctx, req) => {
  const { board } = visibleBoardOr404(ctx, req.params.boardId);
  if (board.type !== 'scrum') throw badRequest('The board does not support sprints');
  const states = (req.query.get('state') ?? '').split(',').map((state) => state.trim()).filter((state) => state.length > 0);
  const unknownState = states.find((state) => !(SPRINT_STATES as readonly string[]).includes(state));
  if (unknownState) throw badRequest(`The sprint state '${unknownState}' is not valid; use future, active or closed.`);
  const { startAt, maxResults } = startAtPaging(req.query, 50, 50);
  const matching = ctx.site.sprints
    .filter((sprint) => sprint.boardId === board.id)
    .filter((sprint) => states.length === 0 || states.includes(sprint.state))
    .sort((a, b) => a.id - b.id);
  const values = matching.slice(startAt, startAt + maxResults);
  return json(200, {
    maxResults,
    startAt,
    isLast: startAt + values.length >= matching.length,
    values: values.map((sprint) => agileSprintJson(ctx.site, sprint)),
  });
};

export const getSprint: RouteHandler = (ctx, req) => {
  const raw = req.params.sprintId;
  const sprint = /^\d+$/.test(raw) ? findSprint(ctx.site, Number(raw)) : undefined;
  const board = sprint ? findBoard(ctx.site, sprint.boardId) : undefined;
  const project = board ? boardProject(ctx, board) : undefined;
  if (!sprint || !project || !canBrowseProject(ctx.caller, project)) throw notFound('Sprint does not exist or you do not have permission to see it.');
  return json(200, agileSprintJson(ctx.site, sprint));
};
