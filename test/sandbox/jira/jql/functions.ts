/**
 * The functions Jira Cloud's JQL knows (Atlassian's "JQL functions" reference, Jira Software, Work Management
 * and Service Management, plus the Plans functions of Premium), so that a query using one the emulator does not
 * evaluate answers 501 naming it — the emulator's rule for anything it does not model — rather than the 400 Jira
 * gives for a function that does not exist. A name outside this list is not a Jira function, and gets Jira's 400.
 */
const JIRA_JQL_FUNCTIONS = [
  'approved', 'approver', 'breached', 'cascadeOption', 'closedSprints', 'completed', 'componentsLeadByUser',
  'currentLogin', 'currentUser', 'earliestUnreleasedVersion', 'elapsed', 'endOfDay', 'endOfMonth', 'endOfWeek',
  'endOfYear', 'everbreached', 'futureSprints', 'issueHistory', 'issuesWithRemoteLinksByGlobalId', 'lastLogin',
  'latestReleasedVersion', 'linkedIssues', 'membersOf', 'myApproval', 'myPending', 'now', 'openSprints',
  'organizationMembers', 'outdated', 'paused', 'pending', 'pendingBy', 'portfolioChildIssuesOf',
  'portfolioParentIssuesOf', 'projectsLeadByUser', 'projectsWhereUserHasPermission', 'projectsWhereUserHasRole',
  'releasedVersions', 'remaining', 'running', 'standardIssueTypes', 'startOfDay', 'startOfMonth', 'startOfWeek',
  'startOfYear', 'subtaskIssueTypes', 'unreleasedVersions', 'updatedBy', 'votedIssues', 'watchedIssues',
  'withinCalendarHours',
] as const;

const BY_LOWER_NAME = new Map<string, string>(JIRA_JQL_FUNCTIONS.map((name) => [name.toLowerCase(), name]));

/** Jira's own spelling of a JQL function (names are case-insensitive), or undefined when Jira has no such function. */
export const jiraJqlFunction = (name: string): string | undefined => BY_LOWER_NAME.get(name.toLowerCase());

/**
 * The functions some field here evaluates (see system-fields.ts, custom-fields.ts and values.ts); keep in step
 * with them. Every other Jira function answers 501.
 */
const MODELLED = new Set([
  'currentUser', 'openSprints', 'closedSprints', 'futureSprints', 'standardIssueTypes', 'subtaskIssueTypes', 'now',
  'startOfDay', 'startOfWeek', 'startOfMonth', 'startOfYear', 'endOfDay', 'endOfWeek', 'endOfMonth', 'endOfYear',
]);

export const isModelledJqlFunction = (jiraName: string): boolean => MODELLED.has(jiraName);
