/**
 * A sprint's issues the cheap way: one enhanced search for the ids only (up to 5,000 per page), then
 * `issue/bulkfetch` in parallel batches of 100 with just the fields asked for (issue-reads.ts). Paging the
 * search with fields would cost one sequential round trip per 100 issues; this costs two, whatever the size.
 */
import { route } from '@forge/api';
import { requestJira, type Actor } from './client';
import { jqlCustomField, jqlString } from './jql';
import { searchPageSchema } from './schemas';

const ID_PAGE_SIZE = 5000;

/** Parent-level issues of a sprint: sub-tasks copy their parent's work type and carry no estimate of their own. */
export const sprintMembersJql = (sprintId: number): string => `sprint = ${sprintId} AND issuetype not in subTaskIssueTypes()`;

/** The issues behind one segment of the sprint's shape, for a link to Jira's issue search. */
export function segmentJql(sprintId: number, workTypeFieldId: string, workType: string | null): string {
  const field = jqlCustomField(workTypeFieldId);
  return `${sprintMembersJql(sprintId)} AND ${workType === null ? `${field} IS EMPTY` : `${field} = ${jqlString(workType)}`}`;
}

/** Ids of the issues matching a bounded query: one request for up to 5,000, paged past that. */
export async function issueIdsMatching(actor: Actor, jql: string): Promise<string[]> {
  const ids: string[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await requestJira(route`/rest/api/3/search/jql`, {
      as: actor,
      method: 'POST',
      body: { jql, fields: ['id'], maxResults: ID_PAGE_SIZE, ...(nextPageToken ? { nextPageToken } : {}) },
      schema: searchPageSchema,
      subject: 'the search for the sprint’s issues',
    });
    ids.push(...page.issues.map((issue) => issue.id));
    nextPageToken = page.isLast === false ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return ids;
}
