import { route } from '@forge/api';
import type { z } from 'zod';
import { requestJira, type Actor } from './client';
import { boardConfigurationSchema, boardSchema } from './agile-schemas';
import { boardPageSchema } from './schemas';

/** A board as Upstream uses it: Jira's board, with its project when it has one. */
export interface BoardSummary {
  id: number;
  name: string;
  type: 'scrum' | 'kanban' | 'simple';
  projectKey: string | null;
}

const PAGE_SIZE = 50;
/** A site with more boards than this is searched by name instead of listed whole. */
const MAX_PAGES = 10;

/** Boards the actor can see, optionally filtered by name; the agile API has no total, so page until isLast. */
export async function listBoards(actor: Actor, nameContains?: string): Promise<BoardSummary[]> {
  const boards: BoardSummary[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const startAt = page * PAGE_SIZE;
    const answer = nameContains
      ? await requestJira(route`/rest/agile/1.0/board?name=${nameContains}&startAt=${startAt}&maxResults=${PAGE_SIZE}`, {
          as: actor,
          schema: boardPageSchema,
        })
      : await requestJira(route`/rest/agile/1.0/board?startAt=${startAt}&maxResults=${PAGE_SIZE}`, {
          as: actor,
          schema: boardPageSchema,
        });
    for (const b of answer.values) {
      const type = b.type === 'scrum' || b.type === 'kanban' ? b.type : 'simple';
      boards.push({ id: b.id, name: b.name, type, projectKey: b.location?.projectKey ?? null });
    }
    if (answer.isLast !== false || answer.values.length === 0) break;
  }
  return boards;
}

const boardSummaryOf = (b: { id: number; name: string; type: string; location?: { projectKey?: string } }): BoardSummary => ({
  id: b.id,
  name: b.name,
  type: b.type === 'scrum' || b.type === 'kanban' ? b.type : 'simple',
  projectKey: b.location?.projectKey ?? null,
});

/**
 * One board, read as the actor: the permission gate for everything shown about it. Jira answers 404 for a
 * board the user may not see and 403 when they may see it exists but not its content; both stop here.
 */
export async function getBoard(actor: Actor, boardId: number): Promise<BoardSummary> {
  const board = await requestJira(route`/rest/agile/1.0/board/${boardId}`, {
    as: actor,
    schema: boardSchema,
    subject: `the board with id ${boardId}`,
    forbidden: 'You do not have permission to see this board. Ask its owner or a Jira admin for access.',
  });
  return boardSummaryOf(board);
}

/** The board's estimation field (Story Points …), or null when it estimates by issue count or not at all. */
export interface BoardEstimation {
  fieldId: string;
  name: string;
}

/**
 * Boards change estimation rarely, and the gadget asks on every view, so the answer is kept briefly per
 * board. Only the field id is kept, not anything a user might be refused: `getBoard` still gates each view.
 */
const ESTIMATION_TTL_MS = 60 * 1000;
const estimationCache = new Map<number, { value: BoardEstimation | null; expiresAt: number }>();

export async function boardEstimation(actor: Actor, boardId: number, now: number = Date.now()): Promise<BoardEstimation | null> {
  const hit = estimationCache.get(boardId);
  if (hit && hit.expiresAt > now) return hit.value;
  const configuration = await requestJira(route`/rest/agile/1.0/board/${boardId}/configuration`, {
    as: actor,
    schema: boardConfigurationSchema,
    subject: `the board with id ${boardId}`,
  });
  const field = configuration.estimation?.type === 'field' ? configuration.estimation.field : undefined;
  const value = field ? { fieldId: field.fieldId, name: field.displayName ?? field.fieldId } : null;
  estimationCache.set(boardId, { value, expiresAt: now + ESTIMATION_TTL_MS });
  return value;
}

/** For tests that change a board's configuration between cases. */
export function forgetBoardEstimations(): void {
  estimationCache.clear();
}
