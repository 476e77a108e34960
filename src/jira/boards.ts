import { route } from '@forge/api';
import type { BoardSummary } from '../contract';
import { requestJira, type Actor } from './client';
import { boardPageSchema } from './schemas';

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
