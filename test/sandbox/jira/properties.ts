/** Issue entity properties: list keys, get, set (201 created / 200 updated) and delete. */
import { json } from '../http';
import { projectOf } from './context';
import { ISSUE_NOT_FOUND, JiraApiError, badRequest, notFound } from './errors';
import { visibleIssueOr404 } from './issues';
import { hasProjectPermission, requireIssuePermission } from './permissions';
import type { RouteHandler } from './router';

const MAX_PROPERTY_VALUE_CHARS = 32768;
const MAX_PROPERTY_KEY_CHARS = 255;

const propertyMissing = (key: string): JiraApiError => notFound(`The property with key '${key}' does not exist.`);

export const listIssueProperties: RouteHandler = (ctx, req) => {
  const issue = visibleIssueOr404(ctx, req.params.issueIdOrKey);
  const keys = Object.keys(issue.properties).map((key) => ({
    self: `${ctx.site.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`,
    key,
  }));
  return json(200, { keys });
};

export const getIssueProperty: RouteHandler = (ctx, req) => {
  const issue = visibleIssueOr404(ctx, req.params.issueIdOrKey);
  const key = req.params.propertyKey;
  if (!(key in issue.properties)) throw propertyMissing(key);
  return json(200, { key, value: issue.properties[key] });
};

export const setIssueProperty: RouteHandler = (ctx, req) => {
  const issue = visibleIssueOr404(ctx, req.params.issueIdOrKey);
  requireIssuePermission(ctx.site, ctx.caller, issue, 'EDIT_ISSUES');
  const key = req.params.propertyKey;
  if (key.length > MAX_PROPERTY_KEY_CHARS) throw badRequest(`The property key can have at most ${MAX_PROPERTY_KEY_CHARS} characters.`);
  const raw = req.rawBody;
  if (raw === undefined || raw.trim() === '' || req.body === undefined) throw badRequest('The property value must not be empty.');
  if (raw.length > MAX_PROPERTY_VALUE_CHARS) {
    throw badRequest(`The property value is too long: it has ${raw.length} characters, and at most ${MAX_PROPERTY_VALUE_CHARS} are allowed.`);
  }
  const existed = key in issue.properties;
  issue.properties[key] = req.body;
  return { status: existed ? 200 : 201 };
};

export const deleteIssueProperty: RouteHandler = (ctx, req) => {
  const issue = visibleIssueOr404(ctx, req.params.issueIdOrKey);
  // Delete reports a missing Edit Issues permission as 404 (its spec documents no 403).
  if (!hasProjectPermission(ctx.caller, projectOf(ctx.site, issue), 'EDIT_ISSUES')) throw notFound(ISSUE_NOT_FOUND);
  const key = req.params.propertyKey;
  if (!(key in issue.properties)) throw propertyMissing(key);
  delete issue.properties[key];
  return { status: 204 };
};
