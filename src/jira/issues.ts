import { route } from '@forge/api';
import type { IssueSummary } from '../contract';
import { JiraHttpError, requestJira, toAppError, type Actor } from './client';
import { issueSchema, statusSchema } from './schemas';
import { z } from 'zod';

const summaryFieldsSchema = z.object({
  summary: z.string(),
  status: statusSchema,
  issuetype: z.object({ name: z.string() }),
  project: z.object({ key: z.string(), name: z.string() }),
});

const CATEGORY_KEYS = new Set(['new', 'indeterminate', 'done']);

/** GET an issue with only the fields asked for. A missing or hidden issue becomes `not-found`. */
export async function getIssue(actor: Actor, issueKey: string, fields: string[]) {
  try {
    return await requestJira(route`/rest/api/3/issue/${issueKey}?fields=${fields.join(',')}`, { as: actor, schema: issueSchema });
  } catch (error: unknown) {
    if (error instanceof JiraHttpError) throw toAppError(error, `issue ${issueKey}`);
    throw error;
  }
}

export async function getIssueSummary(actor: Actor, issueKey: string): Promise<IssueSummary> {
  const issue = await getIssue(actor, issueKey, ['summary', 'status', 'issuetype', 'project']);
  const fields = summaryFieldsSchema.parse(issue.fields);
  const category = fields.status.statusCategory.key;
  return {
    id: issue.id,
    key: issue.key,
    summary: fields.summary,
    status: {
      name: fields.status.name,
      category: CATEGORY_KEYS.has(category) ? (category as IssueSummary['status']['category']) : 'new',
    },
    issueType: fields.issuetype.name,
    project: fields.project,
  };
}
