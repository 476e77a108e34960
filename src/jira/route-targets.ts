/**
 * What a product lead may route signals to: the projects they can create issues in (a Quick fix's Corrective
 * issue, a new Roadmap epic) and the epics — or Jira Product Discovery ideas, which are issues of type Idea — of
 * a project, found by words of their summary or by key. Asked of Jira as the lead, so nothing they cannot see
 * is offered.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../errors';
import { requestJira } from './client';
import { searchIssuePage } from './issue-reads';
import { jqlString } from './jql';
import { permissionsCheckSchema } from './schemas';

/** Projects offered at most: a lead's create-able projects beyond this are found by typing (not offered here). */
export const MAX_ROUTE_PROJECTS = 50;
/** Epics offered per search. */
export const MAX_EPIC_RESULTS = 20;

const projectPageSchema = z.object({
  values: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })).default([]),
});

/**
 * The projects the caller can see and create issues in: two requests — the projects they can browse, then one
 * permissions check for CREATE_ISSUES across all of them (not one `mypermissions` per project).
 */
export async function projectsCallerCanCreateIn(): Promise<Array<{ key: string; name: string }>> {
  const page = await requestJira(route`/rest/api/3/project/search?maxResults=${String(MAX_ROUTE_PROJECTS)}&orderBy=${'key'}`, { as: 'user', schema: projectPageSchema });
  const ids = page.values.map((p) => Number(p.id)).filter((id) => Number.isInteger(id));
  if (ids.length === 0) return [];
  const answer = await requestJira(route`/rest/api/3/permissions/check`, {
    as: 'user',
    method: 'POST',
    body: { projectPermissions: [{ permissions: ['CREATE_ISSUES'], projects: ids }] },
    schema: permissionsCheckSchema,
  });
  const allowed = new Set(answer.projectPermissions.filter((p) => p.permission === 'CREATE_ISSUES').flatMap((p) => p.projects));
  return page.values.filter((p) => allowed.has(Number(p.id))).map((p) => ({ key: p.key, name: p.name }));
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

export interface EpicChoice {
  key: string;
  summary: string;
  type: string;
  status: string | null;
}

const epicFieldsSchema = z.object({
  summary: z.string().default(''),
  issuetype: z.object({ name: z.string() }).partial().optional(),
  status: z.object({ name: z.string() }).partial().optional(),
});

/**
 * Epics and ideas of `projectKey` whose summary has `query`'s words (or whose key is `query`), most recently
 * updated first. A site without Jira Product Discovery has no Idea type, and JQL naming a type that does not
 * exist is refused: then epics alone are asked for.
 */
export async function searchEpics(projectKey: string, query: string): Promise<EpicChoice[]> {
  const words = query.trim();
  const match = words === '' ? '' : ISSUE_KEY.test(words.toUpperCase()) ? ` AND key = ${jqlString(words.toUpperCase())}` : ` AND summary ~ ${jqlString(`${words}*`)}`;
  const search = (types: string) =>
    searchIssuePage({ jql: `project = ${jqlString(projectKey)} AND issuetype in (${types})${match} ORDER BY updated DESC`, fields: ['summary', 'issuetype', 'status'], properties: [], maxResults: MAX_EPIC_RESULTS });
  let page;
  try {
    page = await search('Epic, Idea');
  } catch (error: unknown) {
    if (!(error instanceof AppError) || error.code !== 'invalid-input') throw error;
    page = await search('Epic');
  }
  return page.issues.flatMap((issue) => {
    const fields = epicFieldsSchema.safeParse(issue.fields);
    if (!issue.key || !fields.success) return [];
    return [{ key: issue.key, summary: fields.data.summary, type: fields.data.issuetype?.name ?? 'Epic', status: fields.data.status?.name ?? null }];
  });
}
