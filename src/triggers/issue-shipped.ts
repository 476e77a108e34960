/**
 * `avi:jira:updated:issue` (manifest `issue-shipped`, filtered on the `upstream-origin` property, `ignoreSelf`):
 * an issue Upstream's signals became reached Done.
 */
import { recordIssueShipped } from '../services/signals/shipped';

export async function issueShippedHandler(event: unknown): Promise<void> {
  await recordIssueShipped(event);
}
