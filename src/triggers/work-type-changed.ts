/** `avi:jira:updated:issue` (manifest `work-type-changed`, `ignoreSelf`): who changed the work type in Jira itself. */
import { recordWorkTypeChangedInJira } from '../services/work-type/changed-in-jira';

export async function workTypeChangedHandler(event: unknown): Promise<void> {
  await recordWorkTypeChangedInJira(event);
}
