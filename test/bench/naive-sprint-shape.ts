/**
 * The baseline for sprintShape.get: what a first version would do. Each read waits for the one before, and
 * the sprint's issues come from `search/jql` with every field (`*all`), 100 per page, one page after another.
 * Uses the app's own client and domain, so only the data path differs.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { requestJira } from '../../src/jira/client';
import { fieldListSchema, searchPageSchema } from '../../src/jira/schemas';
import { boardConfigurationSchema, boardSchema, sprintSchema } from '../../src/jira/agile-schemas';
import { sprintShape, tallySprint, type SprintMember } from '../../src/domain/sprint-shape';
import { isWorkType } from '../../src/domain/work-type';

const PAGE_SIZE = 100;

export async function naiveSprintShape(boardId: number, sprintId: number) {
  await requestJira(route`/rest/agile/1.0/board/${boardId}`, { as: 'user', schema: boardSchema });
  const configuration = await requestJira(route`/rest/agile/1.0/board/${boardId}/configuration`, { as: 'user', schema: boardConfigurationSchema });
  const fields = await requestJira(route`/rest/api/3/field`, { as: 'app', schema: fieldListSchema });
  const workTypeFieldId = fields.find((f) => f.schema?.custom?.endsWith('/static/work-type'))!.id;
  await requestJira(route`/rest/agile/1.0/sprint/${sprintId}`, { as: 'user', schema: sprintSchema });
  const estimateFieldId = configuration.estimation?.field?.fieldId;
  const members: SprintMember[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await requestJira(route`/rest/api/3/search/jql`, {
      as: 'user',
      method: 'POST',
      body: { jql: `sprint = ${sprintId}`, fields: ['*all'], maxResults: PAGE_SIZE, ...(nextPageToken ? { nextPageToken } : {}) },
      schema: searchPageSchema,
    });
    for (const issue of page.issues) {
      const type = z.object({ subtask: z.boolean() }).safeParse(issue.fields.issuetype);
      if (type.success && type.data.subtask) continue;
      const workType = issue.fields[workTypeFieldId];
      const estimate = estimateFieldId ? issue.fields[estimateFieldId] : undefined;
      members.push({ workType: isWorkType(workType) ? workType : null, estimate: typeof estimate === 'number' ? estimate : null, done: false });
    }
    nextPageToken = page.isLast === false ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return sprintShape(tallySprint(members, estimateFieldId !== undefined));
}
