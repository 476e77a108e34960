/** The site-wide schema every project shares: statuses, issue types, link types and custom fields. */
import type { JiraCustomField, JiraIssueLinkType, JiraIssueType, JiraStatus } from '../jira/model';
import { WORK_TYPE_FIELD_KEY, forgeFieldAri } from '../jira/model';

export const STORY_POINTS_FIELD_ID = 'customfield_10016';
export const SPRINT_FIELD_ID = 'customfield_10020';
export const WORK_TYPE_FIELD_ID = 'customfield_10050';

export const STATUS = {
  toDo: { id: '10000', name: 'To Do', category: 'new' },
  inProgress: { id: '3', name: 'In Progress', category: 'indeterminate' },
  inReview: { id: '10001', name: 'In Review', category: 'indeterminate' },
  done: { id: '10002', name: 'Done', category: 'done' },
} as const satisfies Record<string, JiraStatus>;

export type StatusName = (typeof STATUS)[keyof typeof STATUS]['name'];

export const ISSUE_TYPE = {
  epic: { id: '10000', name: 'Epic', subtask: false, hierarchyLevel: 1 },
  story: { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 },
  task: { id: '10002', name: 'Task', subtask: false, hierarchyLevel: 0 },
  bug: { id: '10003', name: 'Bug', subtask: false, hierarchyLevel: 0 },
  subtask: { id: '10004', name: 'Sub-task', subtask: true, hierarchyLevel: -1 },
} as const satisfies Record<string, JiraIssueType>;

export type IssueTypeName = (typeof ISSUE_TYPE)[keyof typeof ISSUE_TYPE]['name'];

/**
 * A link `{ inwardIssueId: A, outwardIssueId: B }` reads "A <outward> B" ("A blocks B") and, from B's side,
 * "B <inward> A" ("B is blocked by A") — the way `POST /rest/api/3/issueLink` records it.
 */
export const LINK_TYPE = {
  blocks: { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  cloners: { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  duplicate: { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  relates: { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
} as const satisfies Record<string, JiraIssueLinkType>;

export const seedStatuses = (): JiraStatus[] => Object.values(STATUS).map((status) => ({ ...status }));
export const seedIssueTypes = (): JiraIssueType[] => Object.values(ISSUE_TYPE).map((type) => ({ ...type }));
export const seedLinkTypes = (): JiraIssueLinkType[] => Object.values(LINK_TYPE).map((type) => ({ ...type }));

export const seedCustomFields = (appId: string, environmentId: string): JiraCustomField[] => [
  {
    id: STORY_POINTS_FIELD_ID,
    name: 'Story Points',
    schemaType: 'number',
    schemaCustom: 'com.pyxis.greenhopper.jira:jsw-story-points',
    appOwned: false,
  },
  {
    id: SPRINT_FIELD_ID,
    name: 'Sprint',
    schemaType: 'array',
    schemaItems: 'json',
    schemaCustom: 'com.pyxis.greenhopper.jira:gh-sprint',
    appOwned: false,
  },
  {
    id: WORK_TYPE_FIELD_ID,
    name: 'Work type',
    schemaType: 'string',
    schemaCustom: forgeFieldAri(appId, environmentId, WORK_TYPE_FIELD_KEY),
    appOwned: true,
  },
];
