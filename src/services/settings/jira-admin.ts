import { AppError } from '../../errors';
import { userHasGlobalPermission } from '../../jira/permissions';

/** Settings are app data read as the app, so the caller must be a Jira admin before anything is returned. */
export async function requireJiraAdmin(
  refusal = 'Only Jira admins can see or change Upstream settings. Ask a Jira admin to do this for you.',
): Promise<void> {
  if (!(await userHasGlobalPermission('ADMINISTER'))) throw new AppError('forbidden', refusal);
}
