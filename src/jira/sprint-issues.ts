/**
 * A sprint's issues the cheap way: one enhanced search for the ids only (up to 5,000 per page), then
 * `issue/bulkfetch` in parallel batches of 100 with just the fields asked for (issue-reads.ts). Paging the
 * search with fields would cost one sequential round trip per 100 issues; this costs two, whatever the size.
 */
import { route } from '@forge/api';
import type { WorkType } from '../domain/work-type';
import { requestJira, type Actor } from './client';
import { jqlSprint } from './jql';
import { searchPageSchema } from './schemas';

const ID_PAGE_SIZE = 5000;

const PARENT_LEVEL = 'issuetype not in subTaskIssueTypes()';

/**
 * Parent-level issues of a sprint: sub-tasks copy their parent's work type and carry no estimate of their own.
 * By id: this query is what the shape counts, and a sprint's name need not be unique on the site.
 */
export const sprintMembersJql = (sprintId: number): string => `sprint = ${sprintId} AND ${PARENT_LEVEL}`;

/**
 * The issues behind one segment of the sprint's shape, for a link to Jira's issue search, written as a person
 * would write it: `sprint = "PAY Sprint 14" AND issuetype not in subTaskIssueTypes() AND "Work type" = Corrective`.
 * `workTypeField` is the field's JQL reference (fields.ts: its quoted name, or `cf[N]` when the name is
 * ambiguous). A work type is written bare: the three are plain words, none of them a JQL reserved word, and the
 * type admits no other value.
 */
export function segmentJql(sprint: { id: number; name: string }, workTypeField: string, workType: WorkType | null): string {
  const segment = workType === null ? `${workTypeField} IS EMPTY` : `${workTypeField} = ${workType}`;
  return `sprint = ${jqlSprint(sprint)} AND ${PARENT_LEVEL} AND ${segment}`;
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
