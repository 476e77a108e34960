/** `myself`, `user`, `user/bulk` and `serverInfo`. */
import { json } from '../http';
import { findUser } from './context';
import { badRequest, notFound } from './errors';
import { startAtPaging } from './input';
import { appUserJson, userJson } from './representation';
import type { RouteHandler } from './router';

const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';

export const getMyself: RouteHandler = (ctx) =>
  json(200, ctx.caller.kind === 'user' ? userJson(ctx.site, ctx.caller.user) : appUserJson(ctx.site, ctx.appId));

export const getUser: RouteHandler = (ctx, req) => {
  const accountId = req.query.get('accountId');
  const user = accountId ? findUser(ctx.site, accountId) : undefined;
  if (!user) throw notFound(USER_NOT_FOUND);
  return json(200, userJson(ctx.site, user));
};

export const getUsersBulk: RouteHandler = (ctx, req) => {
  const accountIds = req.query.getAll('accountId').flatMap((id) => id.split(',')).filter((id) => id.length > 0);
  if (accountIds.length === 0) throw badRequest("The 'accountId' parameter is required.");
  const { startAt, maxResults } = startAtPaging(req.query, 10, 200);
  const users = accountIds.map((id) => findUser(ctx.site, id)).filter((user) => user !== undefined);
  const values = users.slice(startAt, startAt + maxResults);
  return json(200, {
    self: `${ctx.site.baseUrl}/rest/api/3/user/bulk?startAt=${startAt}&maxResults=${maxResults}`,
    maxResults,
    startAt,
    total: users.length,
    isLast: startAt + values.length >= users.length,
    values: values.map((user) => userJson(ctx.site, user)),
  });
};

export const getServerInfo: RouteHandler = (ctx) =>
  json(200, {
    baseUrl: ctx.site.baseUrl,
    displayUrl: ctx.site.baseUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100285,
    buildDate: '2025-11-01T00:00:00.000Z',
    serverTime: ctx.now.toISOString(),
    scmInfo: 'sandbox',
    serverTitle: 'Jira',
  });
