/**
 * Project roles: `GET /rest/api/3/project/{projectIdOrKey}/role` (name → URL) and
 * `GET /rest/api/3/project/{projectIdOrKey}/role/{id}` (the role with its actors in that project).
 * The roles are Jira's three defaults; a project's actors are `project.roleActors`, or, when the site names
 * none, derived from `project.permissions` as the default permission scheme grants by role: Administrators
 * administer the project, Developers edit its issues, Users only browse it.
 */
import { json } from '../http';
import { findProject, type EmulatorContext } from './context';
import { badRequest, notFound } from './errors';
import { findGroupByName } from './groups';
import type { JiraProject, JiraProjectRoleActors, JiraSite } from './model';
import { canBrowseProject, hasProjectPermission } from './permissions';
import type { RouteHandler } from './router';

export interface JiraProjectRoleDefinition {
  id: number;
  name: string;
  description: string;
}

export const PROJECT_ROLES: readonly JiraProjectRoleDefinition[] = [
  { id: 10000, name: 'Developers', description: 'A project role that represents developers in a project' },
  { id: 10001, name: 'Users', description: 'A project role that represents users in a project' },
  { id: 10002, name: 'Administrators', description: 'A project role that represents administrators in a project' },
];

function derivedActors(project: JiraProject, role: JiraProjectRoleDefinition): JiraProjectRoleActors {
  const holders = Object.entries(project.permissions);
  const accountIds = holders
    .filter(([, granted]) => {
      const administers = granted.includes('ADMINISTER_PROJECTS');
      const edits = granted.includes('EDIT_ISSUES');
      if (role.name === 'Administrators') return administers;
      if (role.name === 'Developers') return edits && !administers;
      return !edits && !administers && granted.includes('BROWSE_PROJECTS');
    })
    .map(([accountId]) => accountId);
  return { accountIds, groupNames: [] };
}

export function projectRoleActors(project: JiraProject, role: JiraProjectRoleDefinition): JiraProjectRoleActors {
  return project.roleActors?.[String(role.id)] ?? derivedActors(project, role);
}

/** Jira answers 404 for a project the caller may not administer, as for one that does not exist. */
function administeredProject(ctx: EmulatorContext, ref: string): JiraProject {
  const project = findProject(ctx.site, ref);
  const administers = project !== undefined && canBrowseProject(ctx.caller, project) && hasProjectPermission(ctx.caller, project, 'ADMINISTER_PROJECTS');
  if (!project || !administers) throw notFound(`No project could be found with key '${ref}'.`);
  return project;
}

const roleSelf = (site: JiraSite, projectRef: string, roleId: number): string => `${site.baseUrl}/rest/api/3/project/${projectRef}/role/${roleId}`;

export const getProjectRoles: RouteHandler = (ctx, req) => {
  const project = administeredProject(ctx, req.params.projectIdOrKey);
  return json(200, Object.fromEntries(PROJECT_ROLES.map((role) => [role.name, roleSelf(ctx.site, project.key, role.id)])));
};

export const getProjectRole: RouteHandler = (ctx, req) => {
  const project = administeredProject(ctx, req.params.projectIdOrKey);
  const rawId = req.params.id;
  if (!/^\d+$/.test(rawId)) throw badRequest(`The project role id '${rawId}' is not valid; it must be a number.`);
  const role = PROJECT_ROLES.find((candidate) => candidate.id === Number(rawId));
  if (!role) throw notFound(`No project role with id '${rawId}' exists.`);
  const excludeInactive = req.query.get('excludeInactiveUsers') === 'true';
  const actors = projectRoleActors(project, role);
  let nextActorId = 10240;
  const groupActors = actors.groupNames.flatMap((name) => {
    const group = findGroupByName(ctx.site, name);
    if (!group) return [];
    return [{ id: nextActorId++, displayName: group.name, type: 'atlassian-group-role-actor', name: group.name, actorGroup: { name: group.name, displayName: group.name, groupId: group.groupId } }];
  });
  const userActors = actors.accountIds.flatMap((accountId) => {
    const user = ctx.site.users.find((candidate) => candidate.accountId === accountId);
    if (!user || (excludeInactive && !user.active)) return [];
    return [{ id: nextActorId++, displayName: user.displayName, type: 'atlassian-user-role-actor', actorUser: { accountId: user.accountId } }];
  });
  return json(200, {
    self: roleSelf(ctx.site, req.params.projectIdOrKey, role.id),
    name: role.name,
    id: role.id,
    description: role.description,
    actors: [...groupActors, ...userActors],
    scope: { type: 'PROJECT', project: { id: project.id, key: project.key, name: project.name } },
  });
};
