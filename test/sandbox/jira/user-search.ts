/**
 * `GET /rest/api/3/user/search` (Find users): the active users whose display name or email address starts with
 * `query` (case aside; a display name by any of its words, as Jira matches "john" to "Mary Johnson"), or the one
 * with `accountId`. Paged by startAt/maxResults. Jira refuses a request with neither, or with both; a search by
 * user property is not modelled (501, named). The emulated site shows every email address (no one hides theirs).
 */
import { json } from '../http';
import { badRequest, JiraApiError } from './errors';
import { startAtPaging } from './input';
import type { JiraUser } from './model';
import { userJson } from './representation';
import type { RouteHandler } from './router';

/** Jira stops at the thousandth match whatever the page asks. */
const MAX_MATCHES = 1000;

function matchesQuery(user: JiraUser, query: string): boolean {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return false;
  const name = user.displayName.toLowerCase();
  return user.emailAddress.toLowerCase().startsWith(wanted) || name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
}

export const findUsers: RouteHandler = (ctx, req) => {
  const query = req.query.get('query');
  const accountId = req.query.get('accountId');
  if (req.query.has('property')) throw new JiraApiError(501, ["The sandbox's Jira emulator does not model GET /rest/api/3/user/search by property"]);
  if (query === null && accountId === null) throw badRequest('One of the query parameters query, accountId or property is required.');
  if (query !== null && accountId !== null) throw badRequest('The query parameters query and accountId cannot be used together.');
  const { startAt, maxResults } = startAtPaging(req.query, 50, MAX_MATCHES);
  const matches = ctx.site.users
    .filter((user) => user.active && (accountId !== null ? user.accountId === accountId : matchesQuery(user, query ?? '')))
    .slice(0, MAX_MATCHES);
  return json(200, matches.slice(startAt, startAt + maxResults).map((user) => userJson(ctx.site, user)));
};
