/** Every REST operation the emulator models. Templates match the OpenAPI specs; the contract suite checks each. */
import { getBoard, getBoardConfiguration, getSprint, listBoardSprints, listBoards } from './agile';
import { setAppFieldValue, setAppFieldValues } from './app-fields';
import { listFields, searchFields } from './field-routes';
import { bulkGetGroups, findGroups, getUserGroups } from './groups';
import { bulkFetchIssues, createIssue, editIssue, getIssue } from './issues';
import { bulkCreateIssues } from './bulk-create';
import { createIssueLink, listIssueLinkTypes } from './links';
import { checkPermissions, myPermissions } from './permission-routes';
import { getProject, searchProjects } from './projects';
import { getProjectRole, getProjectRoles } from './project-roles';
import { deleteIssueProperty, getIssueProperty, listIssueProperties, setIssueProperty } from './properties';
import type { JiraRoute } from './router';
import { approximateCount, searchJqlGet, searchJqlPost } from './search';
import { getMyself, getServerInfo, getUser, getUsersBulk } from './users';
import { findUsers } from './user-search';
import { addWatcher } from './watchers';
import { doTransition, getTransitions } from './transitions';

export const JIRA_ROUTES: readonly JiraRoute[] = [
  { method: 'GET', template: '/rest/api/3/myself', handler: getMyself },
  { method: 'GET', template: '/rest/api/3/user', handler: getUser },
  { method: 'GET', template: '/rest/api/3/user/bulk', handler: getUsersBulk },
  { method: 'GET', template: '/rest/api/3/user/search', handler: findUsers },
  { method: 'GET', template: '/rest/api/3/serverInfo', handler: getServerInfo },
  { method: 'GET', template: '/rest/api/3/user/groups', handler: getUserGroups },
  { method: 'GET', template: '/rest/api/3/groups/picker', handler: findGroups },
  { method: 'GET', template: '/rest/api/3/group/bulk', handler: bulkGetGroups },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}', handler: getIssue },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}', handler: editIssue },
  { method: 'POST', template: '/rest/api/3/issue', handler: createIssue },
  { method: 'POST', template: '/rest/api/3/issue/bulkfetch', handler: bulkFetchIssues },
  { method: 'POST', template: '/rest/api/3/issue/bulk', handler: bulkCreateIssues },
  { method: 'GET', template: '/rest/api/3/search/jql', handler: searchJqlGet },
  { method: 'POST', template: '/rest/api/3/search/jql', handler: searchJqlPost },
  { method: 'POST', template: '/rest/api/3/search/approximate-count', handler: approximateCount },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties', handler: listIssueProperties },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: getIssueProperty },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: setIssueProperty },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: deleteIssueProperty },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/watchers', handler: addWatcher },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: getTransitions },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: doTransition },
  { method: 'PUT', template: '/rest/api/3/app/field/{fieldIdOrKey}/value', handler: setAppFieldValue },
  { method: 'POST', template: '/rest/api/3/app/field/value', handler: setAppFieldValues },
  { method: 'GET', template: '/rest/api/3/field', handler: listFields },
  { method: 'GET', template: '/rest/api/3/field/search', handler: searchFields },
  { method: 'GET', template: '/rest/api/3/mypermissions', handler: myPermissions },
  { method: 'POST', template: '/rest/api/3/permissions/check', handler: checkPermissions },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}', handler: getProject },
  { method: 'GET', template: '/rest/api/3/project/search', handler: searchProjects },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/role', handler: getProjectRoles },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/role/{id}', handler: getProjectRole },
  { method: 'POST', template: '/rest/api/3/issueLink', handler: createIssueLink },
  { method: 'GET', template: '/rest/api/3/issueLinkType', handler: listIssueLinkTypes },
  { method: 'GET', template: '/rest/agile/1.0/board', handler: listBoards },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}', handler: getBoard },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}/configuration', handler: getBoardConfiguration },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}/sprint', handler: listBoardSprints },
  { method: 'GET', template: '/rest/agile/1.0/sprint/{sprintId}', handler: getSprint },
];
