/** A sprint of many story-level issues with a believable mix, added to the seeded site for a benchmark. */
import { SEED_USERS, STORY_POINTS_FIELD_ID, WORK_TYPE_FIELD_ID } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/sandbox';
import type { JiraIssue } from '../sandbox/jira/model';
import { WORK_TYPES } from '../../src/domain/work-type';

export interface BigSprint {
  sprintId: number;
  boardId: number;
  projectId: string;
  projectKey: string;
  name: string;
  size: number;
  /** Issue ids and key numbers start here, clear of the seed's own. */
  firstIssueId: number;
  firstKeyNumber: number;
}

/** Every 7th issue unclassified, every 11th without an estimate; the rest cycle through the work types and 1–8 points. */
export function addBigSprint(sandbox: Sandbox, sprint: BigSprint): void {
  const site = sandbox.jira.site;
  if (site.sprints.some((s) => s.id === sprint.sprintId)) return;
  site.sprints.push({ id: sprint.sprintId, boardId: sprint.boardId, name: sprint.name, state: 'future', goal: 'Benchmark', createdDate: new Date().toISOString() });
  const story = site.issueTypes.find((t) => t.name === 'Story')!;
  const toDo = site.statuses.find((s) => s.category === 'new')!;
  const created = new Date().toISOString();
  for (let n = 0; n < sprint.size; n += 1) {
    const issue: JiraIssue = {
      id: String(sprint.firstIssueId + n),
      key: `${sprint.projectKey}-${sprint.firstKeyNumber + n}`,
      projectId: sprint.projectId,
      issueTypeId: story.id,
      statusId: toDo.id,
      summary: `Planned work item ${n + 1}`,
      description: null,
      labels: [],
      priority: 'Medium',
      assigneeAccountId: null,
      reporterAccountId: SEED_USERS.productLead,
      parentId: null,
      created,
      updated: created,
      resolutiondate: null,
      customFields: {
        ...(n % 7 === 0 ? {} : { [WORK_TYPE_FIELD_ID]: WORK_TYPES[n % 3] }),
        ...(n % 11 === 0 ? {} : { [STORY_POINTS_FIELD_ID]: [1, 2, 3, 5, 8][n % 5] }),
      },
      sprintIds: [sprint.sprintId],
      properties: {},
    };
    site.issues.push(issue);
  }
}
