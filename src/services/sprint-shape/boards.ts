import type { ResolverOutput } from '../../contract';
import { listBoards } from '../../jira/boards';

/** The boards the person can see, read as them: the edit view's board picker. */
export async function visibleBoards(nameContains?: string): Promise<ResolverOutput<'sprintShape.boards'>> {
  return { boards: await listBoards('user', nameContains) };
}
