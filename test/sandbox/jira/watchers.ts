/**
 * `POST /rest/api/3/issue/{issueIdOrKey}/watchers`: the body is the account id as a JSON string. Answers 204
 * (watching already is fine); 404 when the caller cannot see the issue, or the account is unknown or cannot
 * see it itself (Jira does not say which); 403 when a user adds someone else without Manage Watchers (no user
 * holds it in the emulator; the app does); 400 for a body that is not an account id. Watchers are kept beside
 * the site (the model has no field for them), per issue.
 */
import { findUser, projectOf } from './context';
import { ISSUE_NOT_FOUND, badRequest, forbidden, notFound } from './errors';
import { visibleIssueOr404 } from './issues';
import type { JiraIssue } from './model';
import { canBrowseProject } from './permissions';
import type { RouteHandler } from './router';

const watchers = new WeakMap<JiraIssue, Set<string>>();

/** The account ids watching an issue, in the order they were added. */
export const watchersOf = (issue: JiraIssue): string[] => [...(watchers.get(issue) ?? [])];

export const addWatcher: RouteHandler = (ctx, req) => {
  const issue = visibleIssueOr404(ctx, req.params.issueIdOrKey);
  const caller = ctx.caller;
  const accountId = req.body === undefined && caller.kind === 'user' ? caller.user.accountId : req.body;
  if (typeof accountId !== 'string' || accountId.trim() === '' || accountId.length > 128) throw badRequest('The request body must be the account ID of the user, as a JSON string.');
  const user = findUser(ctx.site, accountId);
  if (!user || !user.active || !canBrowseProject({ kind: 'user', user }, projectOf(ctx.site, issue))) throw notFound(ISSUE_NOT_FOUND);
  if (caller.kind === 'user' && caller.user.accountId !== accountId) throw forbidden('You do not have the permission to manage the watcher list.');
  const set = watchers.get(issue) ?? new Set<string>();
  set.add(accountId);
  watchers.set(issue, set);
  return { status: 204 };
};
