/**
 * The Jira emulator's data: what a site holds. The seed builds one of these; the emulator answers REST
 * operations from it. Ids are Jira-shaped (numeric strings for issues, projects, users' accountIds opaque).
 */

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface JiraStatus {
  id: string;
  name: string; // "To Do", "In Progress", "In Review", "Done"
  category: StatusCategoryKey;
}

export interface JiraIssueType {
  id: string;
  name: string; // Story, Bug, Task, Epic, Sub-task
  subtask: boolean;
  hierarchyLevel: number; // 1 epic, 0 standard, -1 subtask
}

export type ProjectPermission =
  | 'BROWSE_PROJECTS'
  | 'EDIT_ISSUES'
  | 'CREATE_ISSUES'
  | 'LINK_ISSUES'
  | 'ADMINISTER_PROJECTS';

export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  /** A role in the company, for the host page's user switcher ("engineer", "designer" …). */
  role: 'engineer' | 'designer' | 'product-lead' | 'sales' | 'admin' | 'contractor';
  /** Global permission ADMINISTER (Jira admin). */
  jiraAdmin: boolean;
  active: boolean;
  timeZone: string;
  /**
   * The Jira groups the person is in, by name (Jira group names are unique, case-insensitively). Every group a
   * user names exists on the site (test/sandbox/jira/groups.ts), with an id derived from its name; a deactivated
   * account keeps its groups, as in Jira. Absent = none.
   */
  groups?: readonly string[];
}

/** A Jira group: its id (a UUID) and its unique name. */
export interface JiraGroup {
  groupId: string;
  name: string;
}

/** A project role's actors in one project: people by account id, and groups by name. */
export interface JiraProjectRoleActors {
  accountIds: string[];
  groupNames: string[];
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'software' | 'business';
  leadAccountId: string;
  /** Per user, what they may do in this project. A user absent from the map has no permission at all. */
  permissions: Record<string, ProjectPermission[]>;
  /**
   * Actors of each project role (by role id, test/sandbox/jira/project-roles.ts). Absent: derived from
   * `permissions`, as a permission scheme granting by role would have it.
   */
  roleActors?: Record<string, JiraProjectRoleActors>;
}

/** A custom field. Forge app fields carry `schemaCustom` = the extension ARI (`…/static/work-type`). */
export interface JiraCustomField {
  id: string; // customfield_10020
  name: string; // "Story Points", "Work type", "Sprint"
  schemaType: 'number' | 'string' | 'array' | 'option' | 'user' | 'datetime' | 'any';
  schemaItems?: string;
  /** e.g. com.pyxis.greenhopper.jira:jsw-story-points, or the Forge extension ARI. */
  schemaCustom: string;
  /** Who may set it through PUT /rest/api/3/app/field/{field}/value: the owning Forge app only. */
  appOwned: boolean;
  /** A Forge field declared `readOnly: true`: only the app may set it (edit-issue refuses it). Absent = editable. */
  readOnly?: boolean;
}

/** Atlassian Document Format, kept as an opaque JSON value. */
export type AdfDocument = { type: 'doc'; version: 1; content: unknown[] };

export interface JiraIssue {
  id: string; // numeric string, e.g. "10042"
  key: string; // "PAY-42"
  projectId: string;
  issueTypeId: string;
  statusId: string;
  summary: string;
  description: AdfDocument | null;
  labels: string[];
  priority: 'Highest' | 'High' | 'Medium' | 'Low' | 'Lowest';
  assigneeAccountId: string | null;
  reporterAccountId: string;
  parentId: string | null; // epic or parent for subtasks
  created: string; // ISO
  updated: string; // ISO
  resolutiondate: string | null;
  /** Custom field values by field id (story points, the work-type field, …). The sprint field is derived. */
  customFields: Record<string, unknown>;
  /** Sprint ids this issue has been in, oldest first; the last one is its current sprint. */
  sprintIds: number[];
  /** Issue properties by key. */
  properties: Record<string, unknown>;
}

export interface JiraIssueLinkType {
  id: string;
  name: string; // Blocks, Relates, Duplicate, Cloners
  inward: string; // "is blocked by"
  outward: string; // "blocks"
}

export interface JiraIssueLink {
  id: string;
  typeId: string;
  inwardIssueId: string;
  outwardIssueId: string;
}

export interface JiraBoard {
  id: number;
  name: string;
  type: 'scrum' | 'kanban';
  projectId: string;
  /** Scrum boards: the estimation field (Story Points); null = issue count. Kanban boards have none. */
  estimationFieldId: string | null;
  /** Board filter JQL, e.g. `project = PAY ORDER BY Rank ASC`. */
  filterJql: string;
  filterId: number;
}

export interface JiraSprint {
  id: number;
  boardId: number;
  name: string;
  state: 'closed' | 'active' | 'future';
  goal: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  createdDate: string;
}

export interface JiraSite {
  cloudId: string;
  baseUrl: string; // https://acme-sandbox.atlassian.net
  statuses: JiraStatus[];
  issueTypes: JiraIssueType[];
  users: JiraUser[];
  projects: JiraProject[];
  customFields: JiraCustomField[];
  issues: JiraIssue[];
  linkTypes: JiraIssueLinkType[];
  links: JiraIssueLink[];
  boards: JiraBoard[];
  sprints: JiraSprint[];
  /** Groups with no member yet (groups a user names exist without being listed here). */
  emptyGroups?: string[];
}

/** The Forge app's field id in a site built by the sandbox: found by its extension ARI, never hard-coded in src/. */
export const WORK_TYPE_FIELD_KEY = 'work-type';
export const forgeFieldAri = (appId: string, environmentId: string, moduleKey: string): string =>
  `ari:cloud:ecosystem::extension/${appId}/${environmentId}/static/${moduleKey}`;
