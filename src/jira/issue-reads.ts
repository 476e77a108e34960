/** Reading issues with the fields and properties a use case needs, in as few requests as Jira allows. */
import { route } from '@forge/api';
import type { z } from 'zod';
import { requestJira, type Actor } from './client';
import { bulkFetchSchema, issueWithPropertiesSchema, searchPageSchema } from './schemas';

export type JiraIssueRecord = z.infer<typeof issueWithPropertiesSchema>;

/** Jira's limit on issues per bulkfetch. */
export const MAX_BULK_FETCH = 100;

/** One issue with chosen fields and properties; missing or hidden → `not-found`. */
export async function getIssueRecord(actor: Actor, issueKey: string, fields: readonly string[], properties: readonly string[]) {
  const subject = `issue ${issueKey}`;
  return properties.length > 0
    ? requestJira(route`/rest/api/3/issue/${issueKey}?fields=${fields.join(',')}&properties=${properties.join(',')}`, {
        as: actor,
        schema: issueWithPropertiesSchema,
        subject,
      })
    : requestJira(route`/rest/api/3/issue/${issueKey}?fields=${fields.join(',')}`, { as: actor, schema: issueWithPropertiesSchema, subject });
}

/**
 * Many issues by id or key, 100 per request, requests in parallel. Issues that do not exist or that the actor
 * cannot see are simply absent, as Jira reports them in `issueErrors`.
 */
export async function bulkFetchIssues(
  actor: Actor,
  idsOrKeys: readonly string[],
  fields: readonly string[],
  properties: readonly string[] = [],
): Promise<JiraIssueRecord[]> {
  const chunks: string[][] = [];
  for (let start = 0; start < idsOrKeys.length; start += MAX_BULK_FETCH) chunks.push(idsOrKeys.slice(start, start + MAX_BULK_FETCH));
  const pages = await Promise.all(
    chunks.map((issueIdsOrKeys) =>
      requestJira(route`/rest/api/3/issue/bulkfetch`, {
        as: actor,
        method: 'POST',
        body: { issueIdsOrKeys, fields, ...(properties.length > 0 ? { properties } : {}) },
        schema: bulkFetchSchema,
      }),
    ),
  );
  return pages.flatMap((page) => page.issues);
}

/** One page of an enhanced JQL search as the user; a stale or foreign page token is Jira's 400. */
export async function searchIssuePage(query: {
  jql: string;
  fields: readonly string[];
  properties: readonly string[];
  maxResults: number;
  nextPageToken?: string;
}) {
  return requestJira(route`/rest/api/3/search/jql`, {
    as: 'user',
    method: 'POST',
    body: {
      jql: query.jql,
      fields: query.fields,
      properties: query.properties,
      maxResults: query.maxResults,
      ...(query.nextPageToken ? { nextPageToken: query.nextPageToken } : {}),
    },
    schema: searchPageSchema,
  });
}
