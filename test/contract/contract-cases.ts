/**
 * One request per case, each against a fresh fixture site: every emulated operation's success path and the
 * error paths its spec documents. The contract suite runs them all and checks every route has a success case.
 */
import { FIXTURE_FIELDS, FIXTURE_USERS } from '../sandbox/jira/fixture-site';

export interface ContractCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Raw body text, for cases that send something other than JSON.stringify(body). */
  rawBody?: string;
  asUser?: string;
  status: number;
}

const { ada, eli, vic } = FIXTURE_USERS;
const q = encodeURIComponent;
const PROPERTY_PATH = '/rest/api/3/issue/UP-2/properties/upstream-origin';
const NEW_PROPERTY_PATH = '/rest/api/3/issue/UP-3/properties/upstream-origin';

export const CONTRACT_CASES: readonly ContractCase[] = [
  { name: 'myself as a user', method: 'GET', path: '/rest/api/3/myself', asUser: eli, status: 200 },
  { name: 'myself as the app', method: 'GET', path: '/rest/api/3/myself', status: 200 },
  { name: 'user by accountId', method: 'GET', path: `/rest/api/3/user?accountId=${eli}`, asUser: vic, status: 200 },
  { name: 'unknown user', method: 'GET', path: '/rest/api/3/user?accountId=nobody', status: 404 },
  { name: 'users in bulk', method: 'GET', path: `/rest/api/3/user/bulk?accountId=${eli}&accountId=${ada}`, status: 200 },
  { name: 'users in bulk without ids', method: 'GET', path: '/rest/api/3/user/bulk', status: 400 },
  { name: 'find users by email', method: 'GET', path: `/rest/api/3/user/search?query=${q('eli@upstream.example')}`, status: 200 },
  { name: 'find users by the start of a display name', method: 'GET', path: '/rest/api/3/user/search?query=vic&maxResults=5', asUser: eli, status: 200 },
  { name: 'find a user by accountId', method: 'GET', path: `/rest/api/3/user/search?accountId=${ada}`, status: 200 },
  { name: 'find users matching nobody', method: 'GET', path: `/rest/api/3/user/search?query=${q('nobody@example.com')}`, status: 200 },
  { name: 'find users without a query', method: 'GET', path: '/rest/api/3/user/search', status: 400 },
  { name: 'find users by query and accountId at once', method: 'GET', path: `/rest/api/3/user/search?query=eli&accountId=${eli}`, status: 400 },
  { name: 'server info', method: 'GET', path: '/rest/api/3/serverInfo', status: 200 },

  { name: 'issue with all fields', method: 'GET', path: '/rest/api/3/issue/UP-5', asUser: eli, status: 200 },
  { name: 'issue with links, parent, sprint and properties', method: 'GET', path: `/rest/api/3/issue/UP-4?fields=summary,parent,issuelinks,${FIXTURE_FIELDS.sprint}&properties=*all`, status: 200 },
  { name: 'issue the user cannot browse', method: 'GET', path: '/rest/api/3/issue/SEC-1', asUser: eli, status: 404 },
  { name: 'edit issue', method: 'PUT', path: '/rest/api/3/issue/UP-6', asUser: eli, body: { fields: { summary: 'CHF symbol', [FIXTURE_FIELDS.storyPoints]: 2 }, update: { labels: [{ add: 'money' }] } }, status: 204 },
  { name: 'edit issue without edit permission', method: 'PUT', path: '/rest/api/3/issue/UP-6', asUser: vic, body: { fields: { summary: 'x' } }, status: 403 },
  { name: 'edit issue with a bad label', method: 'PUT', path: '/rest/api/3/issue/UP-6', asUser: eli, body: { fields: { labels: ['two words'] } }, status: 400 },
  { name: 'edit an invisible issue', method: 'PUT', path: '/rest/api/3/issue/SEC-1', asUser: eli, body: { fields: { summary: 'x' } }, status: 404 },
  { name: 'create issue', method: 'POST', path: '/rest/api/3/issue', asUser: eli, body: { fields: { project: { key: 'UP' }, issuetype: { name: 'Story' }, summary: 'New thing', labels: ['new'], [FIXTURE_FIELDS.workType]: 'Innovative' }, properties: [{ key: 'upstream-origin', value: { signals: ['s-9'] } }] }, status: 201 },
  { name: 'create issue without summary', method: 'POST', path: '/rest/api/3/issue', asUser: eli, body: { fields: { project: { key: 'UP' }, issuetype: { id: '10001' } } }, status: 400 },
  { name: 'create issue without create permission', method: 'POST', path: '/rest/api/3/issue', asUser: vic, body: { fields: { project: { key: 'UP' }, issuetype: { id: '10001' }, summary: 's' } }, status: 403 },

  { name: 'search (GET) with fields', method: 'GET', path: `/rest/api/3/search/jql?jql=${q('project = UP ORDER BY key')}&fields=*all&maxResults=5&properties=upstream-origin`, asUser: eli, status: 200 },
  { name: 'search (GET) with default fields', method: 'GET', path: `/rest/api/3/search/jql?jql=${q('project = UP')}`, status: 200 },
  { name: 'search (GET) with bad JQL', method: 'GET', path: `/rest/api/3/search/jql?jql=${q('project = ')}`, status: 400 },
  { name: 'search (POST)', method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'sprint in openSprints() ORDER BY rank', fields: ['summary', 'status', FIXTURE_FIELDS.sprint], maxResults: 3 }, status: 200 },
  { name: 'search (POST) unbounded', method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'ORDER BY key' }, status: 400 },
  { name: 'search (POST) reconciling issues', method: 'POST', path: '/rest/api/3/search/jql', asUser: eli, body: { jql: 'project = UP', fields: ['summary'], reconcileIssues: [10001, 10002] }, status: 200 },
  { name: 'search (GET) reconciling issues', method: 'GET', path: `/rest/api/3/search/jql?jql=${q('project = UP')}&reconcileIssues=10001,10002`, status: 200 },
  { name: 'search (POST) reconciling more than 50 issues', method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'project = UP', reconcileIssues: Array.from({ length: 51 }, (_, i) => 10001 + i) }, status: 400 },
  { name: 'approximate count', method: 'POST', path: '/rest/api/3/search/approximate-count', body: { jql: 'project = UP' }, asUser: eli, status: 200 },
  { name: 'approximate count with unknown field', method: 'POST', path: '/rest/api/3/search/approximate-count', body: { jql: 'nonsense = 1' }, status: 400 },
  { name: 'bulk fetch', method: 'POST', path: '/rest/api/3/issue/bulkfetch', asUser: eli, body: { issueIdsOrKeys: ['UP-3', 'SEC-1', '10002'], fields: ['summary', 'assignee'], properties: ['upstream-origin'] }, status: 200 },
  { name: 'bulk fetch of too many issues', method: 'POST', path: '/rest/api/3/issue/bulkfetch', body: { issueIdsOrKeys: Array.from({ length: 101 }, (_, i) => `UP-${i + 1}`) }, status: 400 },

  { name: 'property keys', method: 'GET', path: '/rest/api/3/issue/UP-2/properties', status: 200 },
  { name: 'property keys of an invisible issue', method: 'GET', path: '/rest/api/3/issue/SEC-1/properties', asUser: eli, status: 404 },
  { name: 'property', method: 'GET', path: PROPERTY_PATH, asUser: eli, status: 200 },
  { name: 'missing property', method: 'GET', path: '/rest/api/3/issue/UP-1/properties/none', status: 404 },
  { name: 'create property', method: 'PUT', path: NEW_PROPERTY_PATH, asUser: eli, body: { signals: ['s-1'] }, status: 201 },
  { name: 'update property', method: 'PUT', path: PROPERTY_PATH, asUser: eli, body: { signals: [] }, status: 200 },
  { name: 'empty property value', method: 'PUT', path: NEW_PROPERTY_PATH, asUser: eli, rawBody: '', status: 400 },
  { name: 'property too long', method: 'PUT', path: NEW_PROPERTY_PATH, asUser: eli, body: 'x'.repeat(32769), status: 400 },
  { name: 'set property without edit permission', method: 'PUT', path: NEW_PROPERTY_PATH, asUser: vic, body: { a: 1 }, status: 403 },
  { name: 'delete property', method: 'DELETE', path: PROPERTY_PATH, asUser: eli, status: 204 },
  { name: 'delete missing property', method: 'DELETE', path: NEW_PROPERTY_PATH, status: 404 },
  { name: 'add a watcher as the app', method: 'POST', path: '/rest/api/3/issue/UP-2/watchers', body: eli, status: 204 },
  { name: 'add yourself as a watcher', method: 'POST', path: '/rest/api/3/issue/UP-2/watchers', asUser: eli, body: eli, status: 204 },
  { name: 'add someone else as a watcher without Manage Watchers', method: 'POST', path: '/rest/api/3/issue/UP-2/watchers', asUser: eli, body: ada, status: 403 },
  { name: 'add a watcher who does not exist', method: 'POST', path: '/rest/api/3/issue/UP-2/watchers', body: 'nobody', status: 404 },
  { name: 'add a watcher with a body that is not an account id', method: 'POST', path: '/rest/api/3/issue/UP-2/watchers', body: { accountId: eli }, status: 400 },
  { name: 'transitions of an issue', method: 'GET', path: '/rest/api/3/issue/UP-6/transitions', asUser: eli, status: 200 },
  { name: 'transitions for someone who may not transition', method: 'GET', path: '/rest/api/3/issue/UP-6/transitions', asUser: vic, status: 200 },
  { name: 'transitions of an invisible issue', method: 'GET', path: '/rest/api/3/issue/SEC-1/transitions', asUser: eli, status: 404 },
  { name: 'transition an issue to Done', method: 'POST', path: '/rest/api/3/issue/UP-6/transitions', asUser: eli, body: { transition: { id: '41' } }, status: 204 },
  { name: 'transition without a transition id', method: 'POST', path: '/rest/api/3/issue/UP-6/transitions', asUser: eli, body: {}, status: 400 },
  { name: 'transition that is not valid for the issue', method: 'POST', path: '/rest/api/3/issue/UP-6/transitions', asUser: eli, body: { transition: { id: '999' } }, status: 400 },
  { name: 'transition without permission', method: 'POST', path: '/rest/api/3/issue/UP-6/transitions', asUser: vic, body: { transition: { id: '41' } }, status: 400 },
  { name: 'transition with a field on no screen', method: 'POST', path: '/rest/api/3/issue/UP-6/transitions', asUser: eli, body: { transition: { id: '41' }, fields: { summary: 'x' } }, status: 400 },
  { name: 'transition an invisible issue', method: 'POST', path: '/rest/api/3/issue/SEC-1/transitions', asUser: eli, body: { transition: { id: '41' } }, status: 404 },

  { name: 'app field value (PUT)', method: 'PUT', path: `/rest/api/3/app/field/${FIXTURE_FIELDS.workType}/value`, body: { updates: [{ issueIds: [10006, 10007], value: 'Corrective' }] }, status: 204 },
  { name: 'app field value as a user', method: 'PUT', path: `/rest/api/3/app/field/${FIXTURE_FIELDS.workType}/value`, asUser: ada, body: { updates: [{ issueIds: [10006], value: 'Corrective' }] }, status: 403 },
  { name: 'app field value not a work type', method: 'PUT', path: `/rest/api/3/app/field/${FIXTURE_FIELDS.workType}/value`, body: { updates: [{ issueIds: [10006], value: 'Urgent' }] }, status: 400 },
  { name: 'app field value of an unknown field', method: 'PUT', path: '/rest/api/3/app/field/customfield_99999/value', body: { updates: [{ issueIds: [10006], value: 'x' }] }, status: 404 },
  { name: 'app field values (POST)', method: 'POST', path: '/rest/api/3/app/field/value', body: { updates: [{ customField: FIXTURE_FIELDS.workType, issueIds: [10009], value: null }] }, status: 204 },
  { name: 'app field values of a field the app does not own', method: 'POST', path: '/rest/api/3/app/field/value', body: { updates: [{ customField: FIXTURE_FIELDS.storyPoints, issueIds: [10009], value: 3 }] }, status: 403 },
  { name: 'app field values with a duplicate pair', method: 'POST', path: '/rest/api/3/app/field/value', body: { updates: [{ customField: FIXTURE_FIELDS.workType, issueIds: [10009, 10009], value: 'Enabling' }] }, status: 400 },

  { name: 'fields', method: 'GET', path: '/rest/api/3/field', status: 200 },
  { name: 'field search', method: 'GET', path: '/rest/api/3/field/search?type=custom&query=work', status: 200 },
  { name: 'field search with a bad type', method: 'GET', path: '/rest/api/3/field/search?type=strange', status: 400 },

  { name: 'my permissions in a project', method: 'GET', path: '/rest/api/3/mypermissions?projectKey=UP&permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER', asUser: vic, status: 200 },
  { name: 'my permissions on an issue', method: 'GET', path: '/rest/api/3/mypermissions?issueKey=UP-1&permissions=EDIT_ISSUES', asUser: eli, status: 200 },
  { name: 'my permissions without permissions', method: 'GET', path: '/rest/api/3/mypermissions?projectKey=UP', asUser: eli, status: 400 },
  { name: 'my permissions in an invisible project', method: 'GET', path: '/rest/api/3/mypermissions?projectKey=SEC&permissions=BROWSE_PROJECTS', asUser: eli, status: 404 },
  { name: 'permission check', method: 'POST', path: '/rest/api/3/permissions/check', asUser: eli, body: { globalPermissions: ['ADMINISTER'], projectPermissions: [{ permissions: ['EDIT_ISSUES', 'NOT_A_PERMISSION'], issues: [10001, 10015, 99999], projects: [10000, 10001] }] }, status: 200 },
  { name: 'permission check of another user by a non-admin', method: 'POST', path: '/rest/api/3/permissions/check', asUser: vic, body: { accountId: ada, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [10000] }] }, status: 403 },

  { name: 'project', method: 'GET', path: '/rest/api/3/project/UP', asUser: eli, status: 200 },
  { name: 'invisible project', method: 'GET', path: '/rest/api/3/project/SEC', asUser: eli, status: 404 },
  { name: 'project search', method: 'GET', path: '/rest/api/3/project/search?maxResults=1', asUser: vic, status: 200 },

  { name: 'link issues', method: 'POST', path: '/rest/api/3/issueLink', asUser: eli, body: { type: { name: 'Blocks' }, inwardIssue: { key: 'UP-6' }, outwardIssue: { key: 'UP-7' } }, status: 201 },
  { name: 'link to an invisible issue', method: 'POST', path: '/rest/api/3/issueLink', asUser: eli, body: { type: { name: 'Blocks' }, inwardIssue: { key: 'SEC-1' }, outwardIssue: { key: 'UP-7' } }, status: 404 },
  { name: 'link without an issue reference', method: 'POST', path: '/rest/api/3/issueLink', body: { type: { name: 'Blocks' }, inwardIssue: {}, outwardIssue: { key: 'UP-7' } }, status: 400 },
  { name: 'link types', method: 'GET', path: '/rest/api/3/issueLinkType', status: 200 },

  { name: 'boards', method: 'GET', path: '/rest/agile/1.0/board?maxResults=10', asUser: vic, status: 200 },
  { name: 'boards of an unknown project', method: 'GET', path: '/rest/agile/1.0/board?projectKeyOrId=NOPE', status: 400 },
  { name: 'board', method: 'GET', path: '/rest/agile/1.0/board/1', status: 200 },
  { name: 'invisible board', method: 'GET', path: '/rest/agile/1.0/board/2', asUser: eli, status: 404 },
  { name: 'scrum board configuration', method: 'GET', path: '/rest/agile/1.0/board/1/configuration', status: 200 },
  { name: 'kanban board configuration', method: 'GET', path: '/rest/agile/1.0/board/2/configuration', status: 200 },
  { name: 'board sprints', method: 'GET', path: '/rest/agile/1.0/board/1/sprint?state=active,closed', status: 200 },
  { name: 'kanban board sprints', method: 'GET', path: '/rest/agile/1.0/board/2/sprint', status: 400 },
  { name: 'sprint', method: 'GET', path: '/rest/agile/1.0/sprint/2', asUser: eli, status: 200 },
  { name: 'unknown sprint', method: 'GET', path: '/rest/agile/1.0/sprint/999', status: 404 },
  { name: 'a user’s groups', method: 'GET', path: `/rest/api/3/user/groups?accountId=${eli}`, status: 200 },
  { name: 'groups of an unknown user', method: 'GET', path: '/rest/api/3/user/groups?accountId=nobody', status: 404 },
  { name: 'group picker', method: 'GET', path: '/rest/api/3/groups/picker?query=dev&maxResults=5&caseInsensitive=true', status: 200 },
  { name: 'groups by name', method: 'GET', path: '/rest/api/3/group/bulk?groupName=developers&groupName=ux-design', status: 200 },
  { name: 'groups with a bad maxResults', method: 'GET', path: '/rest/api/3/group/bulk?maxResults=abc', status: 400 },
  { name: 'project roles', method: 'GET', path: '/rest/api/3/project/UP/role', status: 200 },
  { name: 'project roles of a project the user does not administer', method: 'GET', path: '/rest/api/3/project/UP/role', asUser: vic, status: 404 },
  { name: 'project role with its actors', method: 'GET', path: '/rest/api/3/project/UP/role/10002', asUser: ada, status: 200 },
  { name: 'unknown project role', method: 'GET', path: '/rest/api/3/project/UP/role/424242', status: 404 },
  { name: 'project role id that is not a number', method: 'GET', path: '/rest/api/3/project/UP/role/abc', status: 400 },
  { name: 'bulk create, one refused', method: 'POST', path: '/rest/api/3/issue/bulk', asUser: eli, body: { issueUpdates: [{ fields: { project: { key: 'UP' }, issuetype: { name: 'Bug' }, summary: 'Fix one' }, properties: [{ key: 'upstream-origin', value: { signalIds: ['s-1'] } }] }, { fields: { project: { key: 'UP' }, issuetype: { name: 'Bug' } } }] }, status: 201 },
  { name: 'bulk create, all refused', method: 'POST', path: '/rest/api/3/issue/bulk', asUser: vic, body: { issueUpdates: [{ fields: { project: { key: 'UP' }, issuetype: { id: '10001' }, summary: 's' } }] }, status: 400 },
];
