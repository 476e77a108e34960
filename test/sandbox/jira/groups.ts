/**
 * Groups: `GET /rest/api/3/user/groups`, `GET /rest/api/3/groups/picker`, `GET /rest/api/3/group/bulk`.
 * A site's groups are the ones its users name (JiraUser.groups) plus
 * `site.emptyGroups`; a group's id is derived from its name, so it is the same on every restart of a site.
 */
import { createHash } from 'node:crypto';
import { json } from '../http';
import { findUser } from './context';
import { badRequest, forbidden, notFound } from './errors';
import { intParam, startAtPaging } from './input';
import type { JiraGroup, JiraSite, JiraUser } from './model';
import { hasGlobalPermission } from './permissions';
import type { RouteHandler } from './router';

const normalised = (name: string): string => name.trim().toLowerCase();

/** A UUID-shaped id from the group's name (Jira's are random UUIDs; this one only has to be stable). */
export function groupIdOf(name: string): string {
  const hex = createHash('sha1').update(`group:${normalised(name)}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Every group on the site, by name. */
export function siteGroups(site: JiraSite): JiraGroup[] {
  const names = new Map<string, string>();
  for (const name of [...site.users.flatMap((user) => user.groups ?? []), ...(site.emptyGroups ?? [])]) {
    if (!names.has(normalised(name))) names.set(normalised(name), name);
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b)).map((name) => ({ groupId: groupIdOf(name), name }));
}

export const findGroupById = (site: JiraSite, groupId: string): JiraGroup | undefined =>
  siteGroups(site).find((group) => group.groupId === groupId);

export const findGroupByName = (site: JiraSite, name: string): JiraGroup | undefined =>
  siteGroups(site).find((group) => normalised(group.name) === normalised(name));

const groupsOfUser = (site: JiraSite, user: JiraUser): JiraGroup[] =>
  siteGroups(site).filter((group) => (user.groups ?? []).some((name) => normalised(name) === normalised(group.name)));

const groupSelf = (site: JiraSite, group: JiraGroup): string => `${site.baseUrl}/rest/api/3/group?groupId=${group.groupId}`;

function requireUserPicker(ctx: Parameters<RouteHandler>[0]): void {
  if (!hasGlobalPermission(ctx.caller, 'USER_PICKER')) throw forbidden('Browse users and groups permission is required to view groups.');
}

export const getUserGroups: RouteHandler = (ctx, req) => {
  requireUserPicker(ctx);
  const accountId = req.query.get('accountId');
  if (!accountId) throw badRequest('The accountId query parameter needs to be provided.');
  const user = findUser(ctx.site, accountId);
  if (!user) throw notFound(`The user with account ID '${accountId}' does not exist.`);
  return json(200, groupsOfUser(ctx.site, user).map((group) => ({ name: group.name, groupId: group.groupId, self: groupSelf(ctx.site, group) })));
};

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The name with the first match in bold, as Jira's picker highlights it. */
function highlighted(name: string, query: string, caseInsensitive: boolean): string {
  if (query === '') return escapeHtml(name);
  const at = caseInsensitive ? name.toLowerCase().indexOf(query.toLowerCase()) : name.indexOf(query);
  if (at < 0) return escapeHtml(name);
  return `${escapeHtml(name.slice(0, at))}<b>${escapeHtml(name.slice(at, at + query.length))}</b>${escapeHtml(name.slice(at + query.length))}`;
}

/** Jira's default picker size, and its cap (`jira.ajax.autocomplete.limit`). */
const PICKER_DEFAULT = 20;
const PICKER_CAP = 1000;

export const findGroups: RouteHandler = (ctx, req) => {
  requireUserPicker(ctx);
  const query = req.query.get('query') ?? '';
  const caseInsensitive = req.query.get('caseInsensitive') === 'true';
  const maxResults = Math.min(PICKER_CAP, Math.max(0, intParam(req.query, 'maxResults', PICKER_DEFAULT)));
  const excludedNames = new Set(req.query.getAll('exclude').map(normalised));
  const excludedIds = new Set(req.query.getAll('excludeId'));
  const matches = (name: string): boolean => (caseInsensitive ? name.toLowerCase().includes(query.toLowerCase()) : name.includes(query));
  const matching = siteGroups(ctx.site).filter((group) => matches(group.name) && !excludedNames.has(normalised(group.name)) && !excludedIds.has(group.groupId));
  const shown = matching.slice(0, maxResults);
  return json(200, {
    header: `Showing ${shown.length} of ${matching.length} matching groups`,
    total: matching.length,
    groups: shown.map((group) => ({ name: group.name, html: highlighted(group.name, query, caseInsensitive), groupId: group.groupId })),
  });
};

export const bulkGetGroups: RouteHandler = (ctx, req) => {
  requireUserPicker(ctx);
  const { startAt, maxResults } = startAtPaging(req.query, 50, 50);
  const ids = new Set(req.query.getAll('groupId'));
  const names = new Set(req.query.getAll('groupName').map(normalised));
  const everything = ids.size === 0 && names.size === 0;
  const matching = siteGroups(ctx.site).filter((group) => everything || ids.has(group.groupId) || names.has(normalised(group.name)));
  const values = matching.slice(startAt, startAt + maxResults);
  return json(200, {
    self: `${ctx.site.baseUrl}/rest/api/3/group/bulk?startAt=${startAt}&maxResults=${maxResults}`,
    maxResults,
    startAt,
    total: matching.length,
    isLast: startAt + values.length >= matching.length,
    values: values.map((group) => ({ groupId: group.groupId, name: group.name })),
  });
};
