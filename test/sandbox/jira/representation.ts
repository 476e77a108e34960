/** How Jira renders the site's entities in REST responses (users, projects, statuses, sprints …). */
import type { JiraIssueType, JiraProject, JiraSite, JiraSprint, JiraStatus, JiraUser, StatusCategoryKey } from './model';

type Json = Record<string, unknown>;

const avatarUrls = (base: string, kind: 'user' | 'project', id: string): Record<string, string> => {
  const urls: Record<string, string> = {};
  for (const size of ['48x48', '24x24', '16x16', '32x32']) {
    const px = size.split('x')[0];
    urls[size] = `${base}/rest/api/3/universal_avatar/view/type/${kind}/avatar/${encodeURIComponent(id)}?size=${px}`;
  }
  return urls;
};

/** A user as an issue field (assignee, reporter) shows it: UserDetails, without locale. */
export function userDetailsJson(site: JiraSite, user: JiraUser): Json {
  return {
    self: `${site.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: 'atlassian',
    emailAddress: user.emailAddress,
    avatarUrls: avatarUrls(site.baseUrl, 'user', user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
}

/** A user as `/myself` and `/user` show it. */
export const userJson = (site: JiraSite, user: JiraUser): Json => ({ ...userDetailsJson(site, user), locale: 'en_US' });

/** The user `asApp()` calls run as. */
export function appUserJson(site: JiraSite, appId: string): Json {
  const accountId = `app-${appId.split('/').pop() ?? appId}`.slice(0, 128);
  return {
    self: `${site.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
    accountId,
    accountType: 'app',
    avatarUrls: avatarUrls(site.baseUrl, 'user', accountId),
    displayName: 'Upstream',
    active: true,
    timeZone: 'UTC',
    locale: 'en_US',
  };
}

export function projectSummaryJson(site: JiraSite, project: JiraProject): Json {
  return {
    self: `${site.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    avatarUrls: avatarUrls(site.baseUrl, 'project', project.id),
  };
}

export function issueTypeJson(site: JiraSite, type: JiraIssueType): Json {
  return {
    self: `${site.baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: '',
    iconUrl: `${site.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.id}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function projectJson(site: JiraSite, project: JiraProject): Json {
  const lead = site.users.find((user) => user.accountId === project.leadAccountId);
  return {
    ...projectSummaryJson(site, project),
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    description: '',
    ...(lead ? { lead: userJson(site, lead) } : {}),
    issueTypes: site.issueTypes.map((type) => issueTypeJson(site, type)),
    assigneeType: 'UNASSIGNED',
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

const STATUS_CATEGORIES: Record<StatusCategoryKey, { id: number; name: string; colorName: string }> = {
  new: { id: 2, name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, name: 'Done', colorName: 'green' },
};

export const statusCategoryOf = (key: StatusCategoryKey): { id: number; name: string; colorName: string } =>
  STATUS_CATEGORIES[key];

export const STATUS_CATEGORY_KEYS: readonly StatusCategoryKey[] = ['new', 'indeterminate', 'done'];

export function statusJson(site: JiraSite, status: JiraStatus): Json {
  const category = STATUS_CATEGORIES[status.category];
  return {
    self: `${site.baseUrl}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${site.baseUrl}/rest/api/3/statuscategory/${category.id}`,
      id: category.id,
      key: status.category,
      colorName: category.colorName,
      name: category.name,
    },
  };
}

/** Highest first: index 0 is the highest priority; Jira's priority ids follow the same order. */
export const PRIORITY_NAMES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'] as const;

export function priorityJson(site: JiraSite, name: (typeof PRIORITY_NAMES)[number]): Json {
  const id = String(PRIORITY_NAMES.indexOf(name) + 1);
  return {
    self: `${site.baseUrl}/rest/api/3/priority/${id}`,
    iconUrl: `${site.baseUrl}/images/icons/priorities/${name.toLowerCase()}.svg`,
    name,
    id,
  };
}

/** A sprint as the Sprint custom field shows it on an issue. */
export function sprintFieldJson(sprint: JiraSprint): Json {
  return {
    id: sprint.id,
    name: sprint.name,
    state: sprint.state,
    boardId: sprint.boardId,
    goal: sprint.goal,
    ...(sprint.startDate ? { startDate: sprint.startDate } : {}),
    ...(sprint.endDate ? { endDate: sprint.endDate } : {}),
    ...(sprint.completeDate ? { completeDate: sprint.completeDate } : {}),
  };
}

/** A sprint as the agile API shows it. */
export function agileSprintJson(site: JiraSite, sprint: JiraSprint): Json {
  return {
    id: sprint.id,
    self: `${site.baseUrl}/rest/agile/1.0/sprint/${sprint.id}`,
    state: sprint.state,
    name: sprint.name,
    ...(sprint.startDate ? { startDate: sprint.startDate } : {}),
    ...(sprint.endDate ? { endDate: sprint.endDate } : {}),
    ...(sprint.completeDate ? { completeDate: sprint.completeDate } : {}),
    originBoardId: sprint.boardId,
    goal: sprint.goal,
  };
}
