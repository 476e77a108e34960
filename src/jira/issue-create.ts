/**
 * Creating issues for routed signals, as the app (the outbox's consumer has no user; the lead's Create Issues
 * permission was asked of Jira as them before the decision was stored): Jira's bulk create, 50 issues a call,
 * with the `upstream-origin` property set in the same request, so an issue never exists without its origin.
 * Also: finding issues already created for a decision (a redelivered event must not create a second one), the
 * origin property written as the app on an epic the lead may edit, the board's next sprint, and the lead's
 * Create Issues permission.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { ORIGIN_PROPERTY_KEY } from '../domain/origin';
import { AppError } from '../errors';
import { listBoards } from './boards';
import { requestJira } from './client';
import { jqlString } from './jql';
import { fieldListSchema, myPermissionsSchema, searchPageSchema } from './schemas';
import { listBoardSprints } from './sprints';

/** Jira creates at most this many issues in one bulk call. */
export const MAX_BULK_CREATE = 50;

export interface IssueToCreate {
  projectKey: string;
  issueTypeName: string;
  summary: string;
  /** An Atlassian Document Format document. */
  description: unknown;
  /** The `upstream-origin` property's value, set at creation. */
  origin: Record<string, unknown>;
  /** Custom field values (the sprint field with a sprint id). */
  extraFields?: Record<string, unknown>;
}

/** Per issue, in the order asked: its key, or why Jira refused it (a refusal of one issue is for good). */
export type CreatedOrRefused = { key: string; id: string } | { refused: string };

const bulkCreateAnswerSchema = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string() })).default([]),
  errors: z
    .array(
      z.object({
        failedElementNumber: z.number().int().optional(),
        status: z.number().int().optional(),
        elementErrors: z.object({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() }).optional(),
      }),
    )
    .default([]),
});

const describeElementError = (error: z.infer<typeof bulkCreateAnswerSchema>['errors'][number]): string => {
  const messages = [...(error.elementErrors?.errorMessages ?? []), ...Object.entries(error.elementErrors?.errors ?? {}).map(([field, message]) => `${field}: ${message}`)];
  return messages.join(' ') || `Jira refused it (${error.status ?? 400}).`;
};

/**
 * One bulk create call for up to 50 issues. Jira answers 201 when any was created — the created issues in the
 * order asked, the others in `errors` by their position — and 400 when none was; a 429 or 5xx is retried by
 * the client and then thrown (the outbox retries the whole effect, which first looks for what was created).
 */
export async function bulkCreateIssues(issues: readonly IssueToCreate[]): Promise<CreatedOrRefused[]> {
  if (issues.length === 0) return [];
  if (issues.length > MAX_BULK_CREATE) throw new Error(`bulkCreateIssues takes at most ${MAX_BULK_CREATE} issues`);
  const issueUpdates = issues.map((issue) => ({
    fields: { project: { key: issue.projectKey }, issuetype: { name: issue.issueTypeName }, summary: issue.summary, description: issue.description, ...(issue.extraFields ?? {}) },
    properties: [{ key: ORIGIN_PROPERTY_KEY, value: issue.origin }],
  }));
  let answer: z.infer<typeof bulkCreateAnswerSchema>;
  try {
    answer = await requestJira(route`/rest/api/3/issue/bulk`, { as: 'app', method: 'POST', body: { issueUpdates }, schema: bulkCreateAnswerSchema, subject: 'the new issues' });
  } catch (error: unknown) {
    // All refused (400): each is refused for the same reason, for good.
    if (error instanceof AppError && error.code === 'invalid-input') return issues.map(() => ({ refused: error.message }));
    throw error;
  }
  const failed = new Map(answer.errors.map((e) => [e.failedElementNumber ?? -1, describeElementError(e)]));
  const created = [...answer.issues];
  return issues.map((_, index) => {
    const refusal = failed.get(index);
    if (refusal !== undefined) return { refused: refusal };
    const next = created.shift();
    return next ? { key: next.key, id: next.id } : { refused: 'Jira did not say what became of this issue.' };
  });
}

/**
 * Issues whose origin property names one of these signals, with the property: how a redelivered effect finds
 * the issues an earlier delivery created (the property carries the decision's id) before it creates any.
 */
export async function issuesWithOriginSignals(signalIds: readonly string[]): Promise<Array<{ key: string; id: string; origin: unknown }>> {
  if (signalIds.length === 0) return [];
  const jql = `upstreamSignal in (${[...new Set(signalIds)].map(jqlString).join(', ')})`;
  const found: Array<{ key: string; id: string; origin: unknown }> = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const answer = await requestJira(route`/rest/api/3/search/jql`, {
      as: 'app',
      method: 'POST',
      body: { jql, fields: ['summary'], properties: [ORIGIN_PROPERTY_KEY], maxResults: 100, ...(nextPageToken ? { nextPageToken } : {}) },
      schema: searchPageSchema,
    });
    for (const issue of answer.issues) if (issue.key) found.push({ key: issue.key, id: issue.id, origin: issue.properties?.[ORIGIN_PROPERTY_KEY] });
    if (!answer.nextPageToken || answer.isLast === true) break;
    nextPageToken = answer.nextPageToken;
  }
  return found;
}

const propertySchema = z.object({ value: z.unknown() });

/** The issue's origin property as stored (null when absent), read as the app. */
export async function readOriginPropertyAsApp(issueKey: string): Promise<unknown> {
  try {
    return (await requestJira(route`/rest/api/3/issue/${issueKey}/properties/${ORIGIN_PROPERTY_KEY}`, { as: 'app', schema: propertySchema, subject: `issue ${issueKey}` })).value;
  } catch (error: unknown) {
    // An issue without the property answers 404 like a missing issue; the write that follows tells them apart.
    if (error instanceof AppError && error.code === 'not-found') return null;
    throw error;
  }
}

/**
 * Writes the origin as the app: the outbox's consumer has no user. The lead's Edit Issues permission on the epic
 * was asked of Jira as them before the decision was stored.
 */
export async function writeOriginPropertyAsApp(issueKey: string, origin: Record<string, unknown>): Promise<void> {
  await requestJira(route`/rest/api/3/issue/${issueKey}/properties/${ORIGIN_PROPERTY_KEY}`, { as: 'app', method: 'PUT', body: origin, subject: `issue ${issueKey}` });
}

/** Whether the calling user may create issues in the project, asked as them (a hidden project: no). */
export async function canCreateIssuesIn(projectKey: string): Promise<boolean> {
  try {
    const answer = await requestJira(route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${'BROWSE_PROJECTS,CREATE_ISSUES'}`, {
      as: 'user',
      schema: myPermissionsSchema,
      subject: `project ${projectKey}`,
    });
    return answer.permissions.BROWSE_PROJECTS?.havePermission === true && answer.permissions.CREATE_ISSUES?.havePermission === true;
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'not-found') return false;
    throw error;
  }
}

const SPRINT_FIELD_SCHEMA = 'com.pyxis.greenhopper.jira:gh-sprint';

/**
 * The next future sprint of the project's first scrum board, with the sprint field that takes it on create;
 * null when the project has no scrum board or no future sprint (the issue then goes to the backlog).
 */
export async function nextSprintOf(projectKey: string): Promise<{ fieldId: string; sprintId: number } | null> {
  const [boards, fields] = await Promise.all([listBoards('app'), requestJira(route`/rest/api/3/field`, { as: 'app', schema: fieldListSchema })]);
  const field = fields.find((f) => f.schema?.custom === SPRINT_FIELD_SCHEMA);
  const board = boards.find((b) => b.projectKey === projectKey && b.type === 'scrum');
  if (!field || !board) return null;
  const future = await listBoardSprints('app', board.id, ['future']);
  const next = future[0];
  return next ? { fieldId: field.id, sprintId: next.id } : null;
}
