/** The Jira emulator's properties, links, permissions, projects, agile boards and sprints, users and 501s. */
import { JiraEmulator, propertyAliasesFromManifest } from '../sandbox/jira/emulator';
import { callJira, searchKeys } from '../sandbox/jira/emulator-client';
import { FIXTURE_APP, FIXTURE_FIELDS, FIXTURE_NOW, FIXTURE_USERS, buildFixtureSite } from '../sandbox/jira/fixture-site';

const { ada, eli, vic } = FIXTURE_USERS;
const newEmulator = (): JiraEmulator => new JiraEmulator(buildFixtureSite(), { ...FIXTURE_APP, now: () => FIXTURE_NOW });
type Json = Record<string, unknown>;
const bodyOf = (response: { body?: unknown }): Json => response.body as Json;

describe('issue properties', () => {
  const path = '/rest/api/3/issue/UP-3/properties/upstream-origin';

  test('PUT creates (201) then updates (200); GET, list and DELETE follow', async () => {
    const emulator = newEmulator();
    expect((await callJira(emulator, 'PUT', path, { body: { customers: ['Acme'] }, asUser: eli })).status).toBe(201);
    expect((await callJira(emulator, 'PUT', path, { body: { customers: ['Hooli'] }, asUser: eli })).status).toBe(200);
    expect(bodyOf(await callJira(emulator, 'GET', path, { asUser: vic }))).toEqual({ key: 'upstream-origin', value: { customers: ['Hooli'] } });
    const keys = bodyOf(await callJira(emulator, 'GET', '/rest/api/3/issue/UP-3/properties')).keys as Json[];
    expect(keys.map((entry) => entry.key)).toEqual(['upstream-origin']);
    expect((await callJira(emulator, 'DELETE', path, { asUser: eli })).status).toBe(204);
    expect((await callJira(emulator, 'GET', path)).status).toBe(404);
  });

  test('values must be non-empty JSON of at most 32768 characters, written by someone who may edit', async () => {
    const emulator = newEmulator();
    const put = (body: string | undefined, asUser?: string) => emulator.handle({ method: 'PUT', path, headers: {}, body, asUser: asUser ?? null });
    expect((await put('')).status).toBe(400);
    expect((await put('{not json')).status).toBe(400);
    expect((await put(JSON.stringify('x'.repeat(32766)))).status).toBe(201);
    expect((await put(JSON.stringify('x'.repeat(32767)))).status).toBe(400);
    expect((await put('{"a":1}', vic)).status).toBe(403);
    expect((await put('{"a":1}', eli)).status).toBe(200);
    expect((await callJira(emulator, 'GET', '/rest/api/3/issue/SEC-1/properties/x', { asUser: eli })).status).toBe(404);
  });
});

describe('issue links', () => {
  test('a new link shows on both issues, each naming the other side', async () => {
    const emulator = newEmulator();
    const created = await callJira(emulator, 'POST', '/rest/api/3/issueLink', {
      body: { type: { name: 'blocks' }, inwardIssue: { key: 'UP-10' }, outwardIssue: { id: '10011' } },
      asUser: eli,
    });
    expect(created.status).toBe(201);
    expect(created.body).toBeUndefined();
    const links = async (key: string): Promise<Json[]> =>
      (bodyOf(await callJira(emulator, 'GET', `/rest/api/3/issue/${key}?fields=issuelinks`)).fields as Json).issuelinks as Json[];
    expect(await links('UP-10')).toEqual([expect.objectContaining({ outwardIssue: expect.objectContaining({ key: 'UP-11' }), type: expect.objectContaining({ name: 'Blocks' }) })]);
    expect(await links('UP-11')).toEqual([expect.objectContaining({ inwardIssue: expect.objectContaining({ key: 'UP-10' }) })]);
    await callJira(emulator, 'POST', '/rest/api/3/issueLink', { body: { type: { id: '10000' }, inwardIssue: { key: 'UP-10' }, outwardIssue: { key: 'UP-11' } } });
    expect(await links('UP-10')).toHaveLength(1);
  });

  test('links to issues the caller cannot see are hidden', async () => {
    const emulator = newEmulator();
    const linksOf = async (asUser?: string) =>
      ((bodyOf(await callJira(emulator, 'GET', '/rest/api/3/issue/UP-5?fields=issuelinks', { asUser })).fields as Json).issuelinks as Json[]).length;
    expect(await linksOf()).toBe(1);
    expect(await linksOf(eli)).toBe(0);
  });

  test('an unknown link type or issue is a 404', async () => {
    const emulator = newEmulator();
    expect((await callJira(emulator, 'POST', '/rest/api/3/issueLink', { body: { type: { name: 'Causes' }, inwardIssue: { key: 'UP-1' }, outwardIssue: { key: 'UP-2' } } })).status).toBe(404);
    expect((await callJira(emulator, 'POST', '/rest/api/3/issueLink', { body: { type: { name: 'Blocks' }, inwardIssue: { key: 'UP-99' }, outwardIssue: { key: 'UP-2' } } })).status).toBe(404);
  });
});

describe('permissions', () => {
  const myPermissions = async (query: string, asUser?: string): Promise<Record<string, Json>> =>
    bodyOf(await callJira(newEmulator(), 'GET', `/rest/api/3/mypermissions?${query}`, { asUser })).permissions as Record<string, Json>;

  test('mypermissions answers per project, per issue, and across projects without a context', async () => {
    const inUp = await myPermissions('projectKey=UP&permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER', vic);
    expect(inUp.BROWSE_PROJECTS).toMatchObject({ id: '10', key: 'BROWSE_PROJECTS', type: 'PROJECT', havePermission: true });
    expect(inUp.EDIT_ISSUES.havePermission).toBe(false);
    expect(inUp.ADMINISTER).toMatchObject({ type: 'GLOBAL', havePermission: false });
    expect((await myPermissions('issueId=10001&permissions=EDIT_ISSUES', eli)).EDIT_ISSUES.havePermission).toBe(true);
    expect((await myPermissions('permissions=ADMINISTER_PROJECTS', eli)).ADMINISTER_PROJECTS.havePermission).toBe(false);
    expect((await myPermissions('permissions=ADMINISTER', ada)).ADMINISTER.havePermission).toBe(true);
  });

  test('permissions/check lists the ids held, ignores unknown ones, and guards other accounts', async () => {
    const emulator = newEmulator();
    const request = { globalPermissions: ['ADMINISTER', 'NOPE'], projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: [10001, 10015, 424242], projects: [10000, 10001, 7] }] };
    expect(bodyOf(await callJira(emulator, 'POST', '/rest/api/3/permissions/check', { body: request, asUser: eli }))).toEqual({
      globalPermissions: [],
      projectPermissions: [{ permission: 'EDIT_ISSUES', issues: [10001], projects: [10000] }],
    });
    const byAdmin = bodyOf(await callJira(emulator, 'POST', '/rest/api/3/permissions/check', { body: { ...request, accountId: eli }, asUser: ada }));
    expect(byAdmin.projectPermissions).toEqual([{ permission: 'EDIT_ISSUES', issues: [10001], projects: [10000] }]);
    expect((await callJira(emulator, 'POST', '/rest/api/3/permissions/check', { body: { ...request, accountId: ada }, asUser: vic })).status).toBe(403);
  });
});

describe('projects, fields and users', () => {
  test('project search shows only browsable projects', async () => {
    const emulator = newEmulator();
    const keys = async (asUser?: string) => (bodyOf(await callJira(emulator, 'GET', '/rest/api/3/project/search', { asUser })).values as Json[]).map((project) => project.key);
    expect(await keys(eli)).toEqual(['UP']);
    expect(await keys()).toEqual(['SEC', 'UP']);
    expect(bodyOf(await callJira(emulator, 'GET', '/rest/api/3/project/10001'))).toMatchObject({ key: 'SEC', name: 'Security' });
  });

  test('the work-type field carries the extension ARI; field search pages custom fields', async () => {
    const emulator = newEmulator();
    const fields = (await callJira(emulator, 'GET', '/rest/api/3/field')).body as Json[];
    const workType = fields.find((field) => field.id === FIXTURE_FIELDS.workType);
    expect(workType?.schema).toEqual({ type: 'string', custom: `ari:cloud:ecosystem::extension/${FIXTURE_APP.appId}/${FIXTURE_APP.environmentId}/static/work-type`, customId: 10050 });
    const page = bodyOf(await callJira(emulator, 'GET', '/rest/api/3/field/search?type=custom&maxResults=2'));
    expect(page).toMatchObject({ startAt: 0, maxResults: 2, total: 3, isLast: false });
    const sprint = bodyOf(await callJira(emulator, 'GET', '/rest/api/3/field/search?type=custom&query=sprint'));
    expect((sprint.values as Json[]).map((field) => field.id)).toEqual([FIXTURE_FIELDS.sprint]);
  });

  test('myself is the calling user; an unknown caller is refused', async () => {
    const emulator = newEmulator();
    expect(bodyOf(await callJira(emulator, 'GET', '/rest/api/3/myself', { asUser: vic }))).toMatchObject({ accountId: vic, displayName: 'Vic Designer' });
    expect(bodyOf(await callJira(emulator, 'GET', '/rest/api/3/myself'))).toMatchObject({ accountType: 'app' });
    expect((await callJira(emulator, 'GET', '/rest/api/3/myself', { asUser: 'stranger' })).status).toBe(401);
  });
});

describe('agile', () => {
  test('boards are filtered by visibility, project, type and name', async () => {
    const emulator = newEmulator();
    const ids = async (query: string, asUser?: string) => (bodyOf(await callJira(emulator, 'GET', `/rest/agile/1.0/board${query}`, { asUser })).values as Json[]).map((board) => board.id);
    expect(await ids('', eli)).toEqual([1]);
    expect(await ids('')).toEqual([1, 2]);
    expect(await ids('?type=kanban')).toEqual([2]);
    expect(await ids('?projectKeyOrId=up')).toEqual([1]);
    expect(await ids('?name=KANBAN')).toEqual([2]);
  });

  test('configuration names the estimation field on scrum boards only', async () => {
    const emulator = newEmulator();
    expect(bodyOf(await callJira(emulator, 'GET', '/rest/agile/1.0/board/1/configuration')).estimation).toEqual({ type: 'field', field: { fieldId: FIXTURE_FIELDS.storyPoints, displayName: 'Story Points' } });
    expect('estimation' in bodyOf(await callJira(emulator, 'GET', '/rest/agile/1.0/board/2/configuration'))).toBe(false);
  });

  test('sprints filter by state and page without a total; kanban boards have none', async () => {
    const emulator = newEmulator();
    const active = bodyOf(await callJira(emulator, 'GET', '/rest/agile/1.0/board/1/sprint?state=active'));
    expect(active).toEqual({ maxResults: 50, startAt: 0, isLast: true, values: [expect.objectContaining({ id: 2, state: 'active', originBoardId: 1 })] });
    const paged = bodyOf(await callJira(emulator, 'GET', '/rest/agile/1.0/board/1/sprint?startAt=1&maxResults=1'));
    expect(paged).toMatchObject({ startAt: 1, isLast: false, values: [expect.objectContaining({ id: 2 })] });
    const kanban = await callJira(emulator, 'GET', '/rest/agile/1.0/board/2/sprint');
    expect(kanban).toMatchObject({ status: 400, body: { errorMessages: ['The board does not support sprints'] } });
    expect((await callJira(emulator, 'GET', '/rest/agile/1.0/sprint/3', { asUser: eli })).status).toBe(200);
  });
});

describe('what the emulator does not model', () => {
  test('an unmodelled operation answers 501 naming it', async () => {
    const emulator = newEmulator();
    const response = await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-1/assignee', { body: { accountId: null } });
    expect(response).toMatchObject({ status: 501, body: { errorMessages: ["The sandbox's Jira emulator does not model PUT /rest/api/3/issue/{id}/assignee"] } });
    expect((await callJira(emulator, 'DELETE', '/rest/api/3/issue/UP-1')).status).toBe(501);
  });
});

describe('property aliases from the manifest', () => {
  test('jira:entityProperty values with a searchAlias become JQL aliases', async () => {
    const manifest = [
      'modules:',
      '  jira:entityProperty:',
      '    - key: origin',
      '      entityType: issue',
      '      propertyKey: upstream-origin',
      '      values:',
      '        - { path: customers, type: string, searchAlias: originCustomer }',
      '        - { path: arr, type: number, searchAlias: originArr }',
      '        - { path: ignored, type: number }',
    ].join('\n');
    const aliases = propertyAliasesFromManifest(manifest);
    expect(aliases).toEqual([
      { propertyKey: 'upstream-origin', path: 'customers', type: 'string', searchAlias: 'originCustomer' },
      { propertyKey: 'upstream-origin', path: 'arr', type: 'number', searchAlias: 'originArr' },
    ]);
    const emulator = newEmulator();
    emulator.registerPropertyAliases(aliases);
    expect(await searchKeys(emulator, 'originArr > 200000')).toEqual(['UP-7']);
  });
});
