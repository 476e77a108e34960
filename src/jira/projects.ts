import { route } from '@forge/api';
import { requestJira, type Actor } from './client';
import { approximateCountSchema, projectSchema } from './schemas';

export async function getProject(actor: Actor, projectKey: string) {
  return requestJira(route`/rest/api/3/project/${projectKey}`, { as: actor, schema: projectSchema, subject: `project ${projectKey}` });
}

/** How many issues match a bounded JQL query, without fetching them. */
export async function countIssues(actor: Actor, jql: string): Promise<number> {
  const answer = await requestJira(route`/rest/api/3/search/approximate-count`, {
    as: actor,
    method: 'POST',
    body: { jql },
    schema: approximateCountSchema,
  });
  return answer.count;
}
