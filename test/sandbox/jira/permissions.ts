/**
 * Who may do what. The app user (asApp) may do everything; a user holds the project permissions the site
 * grants them per project, and the global ADMINISTER permission when they are a Jira admin.
 */
import type { Caller } from './context';
import { projectOf } from './context';
import { ISSUE_NOT_FOUND, JiraApiError, forbidden } from './errors';
import type { JiraIssue, JiraProject, JiraSite, ProjectPermission } from './model';

export interface PermissionDefinition {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

/** The permissions the emulator knows; a project permission outside the model's set is held by no user. */
export const PERMISSION_CATALOGUE: readonly PermissionDefinition[] = [
  { id: '0', key: 'ADMINISTER', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows and schemes for all projects.' },
  { id: '44', key: 'SYSTEM_ADMIN', name: 'Administer Jira', type: 'GLOBAL', description: 'Ability to perform all administration functions.' },
  { id: '27', key: 'USER_PICKER', name: 'Browse users and groups', type: 'GLOBAL', description: 'View and select users or groups from the user picker.' },
  { id: '10', key: 'BROWSE_PROJECTS', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  { id: '11', key: 'CREATE_ISSUES', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  { id: '12', key: 'EDIT_ISSUES', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  { id: '21', key: 'LINK_ISSUES', name: 'Link Issues', type: 'PROJECT', description: 'Ability to link issues together and create linked issues.' },
  { id: '23', key: 'ADMINISTER_PROJECTS', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  { id: '13', key: 'ASSIGN_ISSUES', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.' },
  { id: '46', key: 'TRANSITION_ISSUES', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
  { id: '15', key: 'ADD_COMMENTS', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  { id: '28', key: 'SCHEDULE_ISSUES', name: 'Schedule Issues', type: 'PROJECT', description: 'Ability to set and edit due dates.' },
  { id: '16', key: 'DELETE_ISSUES', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
];

export const findPermission = (key: string): PermissionDefinition | undefined =>
  PERMISSION_CATALOGUE.find((permission) => permission.key === key);

export function hasGlobalPermission(caller: Caller, key: string): boolean {
  if (caller.kind === 'app') return true;
  if (key === 'USER_PICKER') return true;
  return (key === 'ADMINISTER' || key === 'SYSTEM_ADMIN') && caller.user.jiraAdmin;
}

export function hasProjectPermission(caller: Caller, project: JiraProject, key: string): boolean {
  if (caller.kind === 'app') return true;
  const granted: readonly ProjectPermission[] = project.permissions[caller.user.accountId] ?? [];
  return (granted as readonly string[]).includes(key);
}

export const canBrowseProject = (caller: Caller, project: JiraProject): boolean =>
  hasProjectPermission(caller, project, 'BROWSE_PROJECTS');

export const canBrowseIssue = (site: JiraSite, caller: Caller, issue: JiraIssue): boolean =>
  canBrowseProject(caller, projectOf(site, issue));

export const visibleProjects = (site: JiraSite, caller: Caller): JiraProject[] =>
  site.projects.filter((project) => canBrowseProject(caller, project));

/** 404 for an issue the caller cannot see (Jira does not reveal that it exists), 403 when it lacks `permission`. */
export function requireIssuePermission(site: JiraSite, caller: Caller, issue: JiraIssue, permission: string): void {
  const project = projectOf(site, issue);
  if (!canBrowseProject(caller, project)) throw new JiraApiError(404, [ISSUE_NOT_FOUND]);
  if (!hasProjectPermission(caller, project, permission)) {
    throw forbidden(`You do not have permission to ${permission === 'EDIT_ISSUES' ? 'edit' : 'change'} issue ${issue.key}.`);
  }
}
