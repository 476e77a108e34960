/**
 * Issue watchers: a rep with Jira access who raised a signal is added as a watcher of the issue it became, so
 * Jira itself tells them of every change from then on (moved to Done included), in the way they chose to
 * hear from Jira. Added as the app: the rep is not the caller, and adding someone else needs the Manage Watchers
 * permission, which the app holds.
 */
import { route } from '@forge/api';
import { AppError } from '../errors';
import { requestJira } from './client';

export type WatcherOutcome = { outcome: 'added' } | { outcome: 'refused'; reason: string };

/**
 * Adds the person as a watcher (adding one already watching changes nothing: Jira answers 204 again). Jira
 * answers 404 when the issue is gone or the person cannot see it, and 400/403 when watching is switched off
 * or not allowed: those are `refused` with why, since asking again changes nothing. Faults (429, 5xx) throw.
 */
export async function addWatcher(issueKey: string, accountId: string): Promise<WatcherOutcome> {
  try {
    await requestJira(route`/rest/api/3/issue/${issueKey}/watchers`, { as: 'app', method: 'POST', body: accountId, subject: `issue ${issueKey}` });
    return { outcome: 'added' };
  } catch (error: unknown) {
    if (error instanceof AppError && ['not-found', 'invalid-input', 'forbidden'].includes(error.code)) {
      return { outcome: 'refused', reason: error.code === 'not-found' ? `${issueKey} is gone, or they cannot see it` : error.message };
    }
    throw error;
  }
}
