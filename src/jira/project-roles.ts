/**
 * Project roles ("Developers in PAY"), read as the app: the settings page (admins only) lists a project's roles,
 * and a person's team roles may come from the actors of a chosen project role.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { requestJira } from './client';

export interface ProjectRoleRef {
  roleId: number;
  roleName: string;
}

export interface ProjectRoleActors extends ProjectRoleRef {
  projectId: string;
  projectKey: string;
  projectName: string;
  accountIds: string[];
  groupIds: string[];
}

/** Role name → the role's URL, whose last segment is its id. */
const projectRolesSchema = z.record(z.string(), z.string());

const actorSchema = z.object({
  type: z.string().optional(),
  actorUser: z.object({ accountId: z.string() }).optional(),
  actorGroup: z.object({ groupId: z.string().nullish(), name: z.string().optional() }).optional(),
});

const projectRoleSchema = z.object({
  id: z.number(),
  name: z.string(),
  actors: z.array(actorSchema).optional(),
  scope: z.object({ project: z.object({ id: z.string(), key: z.string(), name: z.string().optional() }).optional() }).optional(),
});

/** A project's roles, by name order. */
export async function rolesOfProject(projectIdOrKey: string): Promise<ProjectRoleRef[]> {
  const roles = await requestJira(route`/rest/api/3/project/${projectIdOrKey}/role`, {
    as: 'app',
    schema: projectRolesSchema,
    subject: `project ${projectIdOrKey}`,
  });
  return Object.entries(roles)
    .flatMap(([roleName, url]) => {
      const id = /\/role\/(\d+)\/?$/.exec(url)?.[1];
      return id ? [{ roleId: Number(id), roleName }] : [];
    })
    .sort((a, b) => a.roleName.localeCompare(b.roleName));
}

/** One project role in one project, with its people and groups. */
export async function projectRoleActors(projectId: string, roleId: number): Promise<ProjectRoleActors> {
  const role = await requestJira(route`/rest/api/3/project/${projectId}/role/${roleId}`, {
    as: 'app',
    schema: projectRoleSchema,
    subject: `project role ${roleId} in project ${projectId}`,
  });
  const actors = role.actors ?? [];
  const project = role.scope?.project;
  return {
    roleId: role.id,
    roleName: role.name,
    projectId: project?.id ?? projectId,
    projectKey: project?.key ?? projectId,
    projectName: project?.name ?? project?.key ?? projectId,
    accountIds: actors.flatMap((actor) => (actor.actorUser ? [actor.actorUser.accountId] : [])),
    groupIds: actors.flatMap((actor) => (actor.actorGroup?.groupId ? [actor.actorGroup.groupId] : [])),
  };
}
