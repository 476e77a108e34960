/** `GET /rest/api/3/mypermissions` and `POST /rest/api/3/permissions/check`. */
import { json } from '../http';
import type { Caller } from './context';
import { findIssue, findProject, findUser, projectOf } from './context';
import { badRequest, forbidden, notFound } from './errors';
import { isRecord, optionalString, optionalStringList, requireObjectBody } from './input';
import type { JiraProject } from './model';
import { canBrowseProject, findPermission, hasGlobalPermission, hasProjectPermission } from './permissions';
import type { RouteHandler } from './router';

/** The project a mypermissions request is about, or undefined when it names none. */
function contextProject(caller: Caller, query: URLSearchParams, site: Parameters<typeof findProject>[0]): JiraProject | undefined {
  const projectRef = query.get('projectKey') ?? query.get('projectId');
  if (projectRef) {
    const project = findProject(site, projectRef);
    if (!project || !canBrowseProject(caller, project)) throw notFound(`No project could be found with key '${projectRef}'.`);
    return project;
  }
  const issueRef = query.get('issueKey') ?? query.get('issueId');
  if (issueRef) {
    const issue = findIssue(site, issueRef);
    const project = issue ? projectOf(site, issue) : undefined;
    if (!issue || !project || !canBrowseProject(caller, project)) throw notFound(`Issue '${issueRef}' does not exist or you do not have permission to see it.`);
    return project;
  }
  return undefined;
}

export const myPermissions: RouteHandler = (ctx, req) => {
  const keys = (req.query.get('permissions') ?? '').split(',').map((key) => key.trim()).filter((key) => key.length > 0);
  if (keys.length === 0) throw badRequest("The 'permissions' parameter is required, e.g. permissions=BROWSE_PROJECTS,EDIT_ISSUES.");
  const project = contextProject(ctx.caller, req.query, ctx.site);
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const definition = findPermission(key);
    if (!definition) throw badRequest(`The permission key '${key}' is not valid.`);
    const havePermission = definition.type === 'GLOBAL'
      ? hasGlobalPermission(ctx.caller, key)
      // Without a project or issue, a project permission counts if the user holds it in any project.
      : project ? hasProjectPermission(ctx.caller, project, key) : ctx.site.projects.some((candidate) => hasProjectPermission(ctx.caller, candidate, key));
    permissions[key] = { ...definition, havePermission };
  }
  return json(200, { permissions });
};

function numberList(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number' && Number.isInteger(item)) : [];
}

export const checkPermissions: RouteHandler = (ctx, req) => {
  const body = requireObjectBody(req.body);
  const accountId = optionalString(body, 'accountId');
  let subject: Caller = ctx.caller;
  if (accountId !== undefined && !(ctx.caller.kind === 'user' && ctx.caller.user.accountId === accountId)) {
    if (ctx.caller.kind === 'user' && !ctx.caller.user.jiraAdmin) {
      throw forbidden('You need the Administer Jira global permission to check the permissions of other users.');
    }
    const user = findUser(ctx.site, accountId);
    if (!user) throw badRequest(`The user with account ID '${accountId}' does not exist.`);
    subject = { kind: 'user', user };
  }
  const globalPermissions = (optionalStringList(body, 'globalPermissions') ?? []).filter(
    (key) => findPermission(key)?.type === 'GLOBAL' && hasGlobalPermission(subject, key),
  );
  const requests = body.projectPermissions ?? [];
  if (!Array.isArray(requests)) throw badRequest("'projectPermissions' must be a list.");
  const projectPermissions = requests.filter(isRecord).flatMap((request) => {
    const keys = Array.isArray(request.permissions) ? request.permissions.filter((key): key is string => typeof key === 'string') : [];
    const issueIds = numberList(request.issues);
    const projectIds = numberList(request.projects);
    return keys.filter((key) => findPermission(key)?.type === 'PROJECT').map((permission) => ({
      permission,
      issues: issueIds.filter((id) => {
        const issue = findIssue(ctx.site, String(id));
        return issue !== undefined && hasProjectPermission(subject, projectOf(ctx.site, issue), 'BROWSE_PROJECTS') && hasProjectPermission(subject, projectOf(ctx.site, issue), permission);
      }),
      projects: projectIds.filter((id) => {
        const project = findProject(ctx.site, String(id));
        return project !== undefined && hasProjectPermission(subject, project, permission);
      }),
    }));
  });
  return json(200, { globalPermissions, projectPermissions });
};
