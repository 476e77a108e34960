/**
 * Which Jira groups and project roles make someone engineering, design, product or sales: one KVS key the
 * settings page writes. A role absent from `roles` is on its default (chosen by group name, in services).
 * Names are kept beside ids so the page can show a group Jira no longer has; matching uses ids only.
 * Lenient on read: a role name this version does not know is ignored by the service; an entry that does not
 * read is dropped rather than hiding every other role's choice.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { withStorageRetry } from './storage-retry';
import { readStored } from './stored-record';

const TEAM_ROLES_KEY = 'settings:team-roles';
const TEAM_ROLES_KIND = 'team-roles';

export interface StoredGroupChoice {
  groupId: string;
  name: string;
}

export interface StoredProjectRoleChoice {
  projectId: string;
  projectKey: string;
  projectName: string;
  roleId: number;
  roleName: string;
}

export interface StoredRoleChoice {
  groups: StoredGroupChoice[];
  projectRoles: StoredProjectRoleChoice[];
}

export interface StoredTeamRoles {
  /** By team role name; a role not here is on its default. */
  roles: Record<string, StoredRoleChoice>;
  updatedAt: string;
  updatedBy: string;
}

const groupChoiceSchema = z.object({ groupId: z.string().min(1), name: z.string() });
const projectRoleChoiceSchema = z.object({
  projectId: z.string().min(1),
  projectKey: z.string(),
  projectName: z.string(),
  roleId: z.number().int(),
  roleName: z.string(),
});

/** Keeps the entries that read; drops the rest. */
const lenientList = <T>(schema: z.ZodType<T>) =>
  z.array(z.unknown()).transform((entries) => entries.flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  }));

const storedRoleChoiceSchema = z.object({
  groups: lenientList(groupChoiceSchema),
  projectRoles: lenientList(projectRoleChoiceSchema).optional().transform((list) => list ?? []),
});

const storedTeamRolesSchema = z.object({
  roles: z.record(z.string(), storedRoleChoiceSchema),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});

/** Strict on write: exactly today's shape. */
const writtenTeamRolesSchema = z
  .object({
    roles: z.record(
      z.string(),
      z.object({ groups: z.array(groupChoiceSchema.strict()), projectRoles: z.array(projectRoleChoiceSchema.strict()) }).strict(),
    ),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string().min(1),
  })
  .strict();

/** What is stored, or null when nothing is (or it no longer reads back, reported): every role on its default. */
export async function readTeamRoles(): Promise<StoredTeamRoles | null> {
  const value: unknown = await withStorageRetry(() => kvs.get(TEAM_ROLES_KEY));
  return readStored(TEAM_ROLES_KIND, TEAM_ROLES_KEY, storedTeamRolesSchema, value);
}

export async function writeTeamRoles(teamRoles: StoredTeamRoles): Promise<void> {
  const checked = writtenTeamRolesSchema.parse(teamRoles);
  await withStorageRetry(() => kvs.set(TEAM_ROLES_KEY, checked));
}
