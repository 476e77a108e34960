/**
 * The baseline for triage.overview: the same Jira calls made one after another, as a first version would,
 * instead of in parallel. Uses the app's own client, so the only difference measured is the ordering.
 */
import { route } from '@forge/api';
import { requestJira } from '../../src/jira/client';
import { approximateCountSchema, fieldListSchema, projectSchema } from '../../src/jira/schemas';
import { jqlCustomField, jqlString } from '../../src/jira/jql';

export async function naiveTriageOverview(projectKey: string) {
  const project = await requestJira(route`/rest/api/3/project/${projectKey}`, { as: 'user', schema: projectSchema });
  const fields = await requestJira(route`/rest/api/3/field`, { as: 'app', schema: fieldListSchema });
  const fieldId = fields.find((f) => f.schema?.custom?.endsWith('/static/work-type'))!.id;
  const open = `project = ${jqlString(project.key)} AND statusCategory != Done`;
  const openCount = await requestJira(route`/rest/api/3/search/approximate-count`, {
    as: 'user',
    method: 'POST',
    body: { jql: open },
    schema: approximateCountSchema,
  });
  const unclassified = await requestJira(route`/rest/api/3/search/approximate-count`, {
    as: 'user',
    method: 'POST',
    body: { jql: `${open} AND ${jqlCustomField(fieldId)} IS EMPTY` },
    schema: approximateCountSchema,
  });
  return { project, openIssueCount: openCount.count, unclassifiedCount: unclassified.count };
}
