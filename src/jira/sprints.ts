/** Jira Software sprints: one sprint, and a board's sprints by state (agile API, paged by isLast, no total). */
import { route } from '@forge/api';
import { requestJira, type Actor } from './client';
import { sprintPageSchema, sprintSchema, type JiraSprint } from './agile-schemas';

export type SprintState = JiraSprint['state'];

/** A sprint as Upstream shows it: dates are ISO strings, or null when Jira has none yet. */
export interface SprintSummary {
  id: number;
  name: string;
  state: SprintState;
  startDate: string | null;
  endDate: string | null;
  completeDate: string | null;
}

const PAGE_SIZE = 50;
/** 1,000 sprints is decades of two-week sprints; past that the list is cut rather than read for ever. */
const MAX_PAGES = 20;

export const sprintSummaryOf = (sprint: JiraSprint): SprintSummary => ({
  id: sprint.id,
  name: sprint.name,
  state: sprint.state,
  startDate: sprint.startDate ?? null,
  endDate: sprint.endDate ?? null,
  completeDate: sprint.completeDate ?? null,
});

export async function getSprint(actor: Actor, sprintId: number): Promise<JiraSprint> {
  return requestJira(route`/rest/agile/1.0/sprint/${sprintId}`, { as: actor, schema: sprintSchema, subject: `sprint ${sprintId}` });
}

/** A scrum board's sprints in the given states, in the board's order (Jira lists them oldest first). */
export async function listBoardSprints(actor: Actor, boardId: number, states: readonly SprintState[]): Promise<JiraSprint[]> {
  const state = states.join(',');
  const sprints: JiraSprint[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const startAt = page * PAGE_SIZE;
    const answer = await requestJira(
      route`/rest/agile/1.0/board/${boardId}/sprint?state=${state}&startAt=${startAt}&maxResults=${PAGE_SIZE}`,
      { as: actor, schema: sprintPageSchema, subject: `the sprints of the board with id ${boardId}` },
    );
    sprints.push(...answer.values);
    if (answer.isLast !== false || answer.values.length === 0) break;
  }
  return sprints;
}
