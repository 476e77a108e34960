/**
 * Jira groups, read as the app: the settings page (admins only) looks them up, and a person's team roles come
 * from the groups they are in. Group membership is what Jira shows anyone with "Browse users and groups".
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { requestJira } from './client';

export interface JiraGroupRef {
  groupId: string;
  name: string;
}

// Jira can answer a group without an id (groups from before ids existed); such a group cannot be chosen by id.
const groupNameSchema = z.object({ name: z.string(), groupId: z.string().nullish() });
const userGroupsSchema = z.array(groupNameSchema);
const foundGroupsSchema = z.object({ groups: z.array(groupNameSchema), total: z.number().int().nonnegative().optional() });
const groupPageSchema = z.object({ values: z.array(groupNameSchema), isLast: z.boolean().optional(), total: z.number().optional() });

const withIds = (groups: ReadonlyArray<z.infer<typeof groupNameSchema>>): JiraGroupRef[] =>
  groups.flatMap((group) => (group.groupId ? [{ groupId: group.groupId, name: group.name }] : []));

/** The groups one person is in. */
export async function groupsOfAccount(accountId: string): Promise<JiraGroupRef[]> {
  const groups = await requestJira(route`/rest/api/3/user/groups?accountId=${accountId}`, {
    as: 'app',
    schema: userGroupsSchema,
    subject: 'that person’s Jira groups',
  });
  return withIds(groups);
}

/** Groups whose name contains `query` (any case), at most `maxResults`, with how many match in all. */
export async function searchGroups(query: string, maxResults: number): Promise<{ groups: JiraGroupRef[]; total: number }> {
  const found = await requestJira(route`/rest/api/3/groups/picker?query=${query}&maxResults=${maxResults}&caseInsensitive=true`, {
    as: 'app',
    schema: foundGroupsSchema,
    subject: 'Jira’s groups',
  });
  const groups = withIds(found.groups);
  return { groups, total: Math.max(found.total ?? groups.length, groups.length) };
}

/** Jira's page size for group/bulk. */
const BULK_PAGE = 50;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** The groups among `groupIds` that exist, with their names now; unknown ids are absent. */
export async function groupsByIds(groupIds: readonly string[]): Promise<JiraGroupRef[]> {
  const unique = [...new Set(groupIds)];
  const pages = await Promise.all(
    chunks(unique, BULK_PAGE).map((ids) => {
      const query = new URLSearchParams(ids.map((id) => ['groupId', id]));
      query.set('maxResults', String(BULK_PAGE));
      return requestJira(route`/rest/api/3/group/bulk?${query}`, { as: 'app', schema: groupPageSchema, subject: 'Jira’s groups' });
    }),
  );
  return pages.flatMap((page) => withIds(page.values));
}

/** The groups among `names` that exist (Jira matches names in any case). */
export async function groupsByNames(names: readonly string[]): Promise<JiraGroupRef[]> {
  const unique = [...new Set(names)];
  const pages = await Promise.all(
    chunks(unique, BULK_PAGE).map((batch) => {
      const query = new URLSearchParams(batch.map((name) => ['groupName', name]));
      query.set('maxResults', String(BULK_PAGE));
      return requestJira(route`/rest/api/3/group/bulk?${query}`, { as: 'app', schema: groupPageSchema, subject: 'Jira’s groups' });
    }),
  );
  return pages.flatMap((page) => withIds(page.values));
}
