/**
 * `avi:jira-software:closed:sprint` → a snapshot of the sprint's shape. Runs as the app (no user). The event
 * is parsed, not trusted: only the sprint id (and board id, when given) are taken from it.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import { recordClosedSprint, type SprintClosedOutcome } from '../services/sprint-shape/history';

const sprintClosedEventSchema = z.object({
  sprint: z.object({
    // Forge sends the id as a string; a number is accepted too, as Jira's own webhooks send one.
    id: z.union([z.string().regex(/^\d{1,10}$/), z.number().int().positive()]).transform(Number),
    originBoardId: z.union([z.string().regex(/^\d{1,10}$/), z.number().int().positive()]).transform(Number).optional(),
    state: z.string().optional(),
  }),
});

export async function sprintClosedHandler(event: unknown): Promise<SprintClosedOutcome | { outcome: 'invalid-event' }> {
  const parsed = sprintClosedEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn('sprint-closed: an event without a usable sprint id was ignored');
    return { outcome: 'invalid-event' };
  }
  const { id, originBoardId } = parsed.data.sprint;
  try {
    return await recordClosedSprint(id, originBoardId);
  } catch (error: unknown) {
    // Logged and dropped: the gadget's trend backfills any closed sprint without a snapshot on its next view.
    const reason = error instanceof AppError ? `${error.code}: ${error.message}` : error;
    console.error(`sprint-closed: no snapshot for sprint ${id}`, reason);
    throw error;
  }
}
