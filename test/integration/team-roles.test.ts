/**
 * Team roles: engineering, design, product and sales come from the Jira groups or project roles an admin
 * chooses on the settings page, and by group name until they do. Through the real resolver handler and
 * `rolesOf` against the sandbox, whose people are in the groups `engineering`, `design`, `product-management`
 * and `sales`. Also: the emulator's group and project-role operations answer in the shapes Atlassian's
 * OpenAPI description gives them (the same cases are proposed for test/contract/contract-cases.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { ALEX_MOREAU, GRACE_LIU, MAYA_LINDQVIST } from '../sandbox/seed/people';
import { JiraEmulator } from '../sandbox/jira/emulator';
import { FIXTURE_APP, FIXTURE_NOW, FIXTURE_USERS, buildFixtureSite } from '../sandbox/jira/fixture-site';
import { groupIdOf } from '../sandbox/jira/groups';
import { OpenApiValidator } from '../contract/openapi-validator';
import { retryPolicy } from '../../src/jira/client';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { rolesOf, rolesOfMany, TEAM_ROLES, type TeamRole } from '../../src/services/roles/roles';
import { as, writesIn } from './work-type-helpers';
import { type Answer } from './resolver-answers';

interface RoleView {
  isDefault: boolean;
  groups: { groupId: string; name: string; found: boolean }[];
  projectRoles: { projectId: string; projectKey: string; projectName: string; roleId: number; roleName: string }[];
  defaultGroupNames: string[];
}
interface Settings {
  roles: Record<TeamRole, RoleView>;
  updatedAt: string | null;
  updatedBy: string | null;
}

const TEAM_ROLES_KEY = 'settings:team-roles';
const PAY_ID = '10000';
const ADMINISTRATORS = 10002;
let sandbox: Sandbox;
const admin = () => as(SEED_USERS.admin, 'settings');
const call = async <T = Settings>(who: ReturnType<typeof as>, key: string, payload: unknown): Promise<Answer<T>> =>
  (await sandbox.invoke(who, key, payload)) as Answer<T>;
const rolesNow = async (accountId: string): Promise<TeamRole[]> => [...(await sandbox.asApp(() => rolesOf(accountId)))].sort();
const storedValue = (): Promise<unknown> => sandbox.asApp(() => kvs.get(TEAM_ROLES_KEY));
const allDefault = { engineering: null, design: null, product: null, sales: null };

beforeAll(() => {
  sandbox = new Sandbox({ today: new Date('2026-11-26T10:00:00Z') });
  storageRetryPolicy.sleep = async () => undefined;
  retryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await sandbox.asApp(() => kvs.delete(TEAM_ROLES_KEY));
  sandbox.jiraLink.clearFaults();
  sandbox.clearLogs();
});

describe('rolesOf with nothing chosen (groups of the obvious names)', () => {
  it.each([
    ['Priya (engineer)', SEED_USERS.engineer, ['engineering']],
    ['Tomás (designer)', SEED_USERS.designer, ['design']],
    ['Hannah (product lead)', SEED_USERS.productLead, ['product']],
    ['Marcus (sales)', SEED_USERS.sales, ['sales']],
    ['Ingrid (Jira admin, in no team)', SEED_USERS.admin, []],
    ['Dev (contractor, in engineering)', SEED_USERS.restricted, ['engineering']],
    ['Alex (deactivated engineer: Jira keeps his groups)', ALEX_MOREAU.accountId, ['engineering']],
  ] as const)('%s', async (_who, accountId, expected) => {
    expect(await rolesNow(accountId)).toEqual([...expected]);
  });

  it('takes one settings read and one Jira call', async () => {
    await sandbox.asApp(() => rolesOf(SEED_USERS.designer));
    expect(sandbox.jiraLink.log.map((r) => r.path.split('?')[0])).toEqual(['/rest/api/3/user/groups']);
    expect(sandbox.storageLink.log.map((r) => r.path)).toEqual(['/api/v1/get']);
  });

  it('answers many people with one settings read; an account Jira does not know holds no role', async () => {
    const roles = await sandbox.asApp(() => rolesOfMany([SEED_USERS.engineer, GRACE_LIU.accountId, MAYA_LINDQVIST.accountId, 'no-such-account', SEED_USERS.engineer]));
    expect(Object.fromEntries([...roles].map(([id, set]) => [id, [...set]]))).toEqual({
      [SEED_USERS.engineer]: ['engineering'],
      [GRACE_LIU.accountId]: ['product'],
      [MAYA_LINDQVIST.accountId]: ['design'],
      'no-such-account': [],
    });
    expect(sandbox.storageLink.log.filter((r) => r.path === '/api/v1/get')).toHaveLength(1);
    expect(TEAM_ROLES).toEqual(['engineering', 'design', 'product', 'sales']);
  });

  it('a Jira that cannot answer is jira-unavailable, not "no roles"', async () => {
    sandbox.jiraLink.injectFault({ status: 503, times: Infinity });
    await expect(sandbox.asApp(() => rolesOf(SEED_USERS.engineer))).rejects.toMatchObject({ code: 'jira-unavailable' });
  });
});

describe('settings.roles.get', () => {
  it('shows, for an admin, the default in effect for each role and the groups it found', async () => {
    const answer = await call(admin(), 'settings.roles.get', {});
    if (!answer.ok) throw new Error(answer.error.message);
    const shown = Object.fromEntries(TEAM_ROLES.map((role) => [role, { isDefault: answer.data.roles[role].isDefault, groups: answer.data.roles[role].groups.map((g) => g.name) }]));
    expect(shown).toEqual({
      engineering: { isDefault: true, groups: ['engineering'] },
      design: { isDefault: true, groups: ['design'] },
      product: { isDefault: true, groups: ['product-management'] },
      sales: { isDefault: true, groups: ['sales'] },
    });
    expect(answer.data.roles.engineering.defaultGroupNames).toContain('developers');
    expect(answer.data).toMatchObject({ updatedAt: null, updatedBy: null });
  });

  it.each([
    ['settings.roles.get', {}],
    ['settings.roles.save', { roles: allDefault }],
    ['settings.roles.searchGroups', { query: 'eng' }],
    ['settings.roles.projectRoles', { projectKey: 'PAY' }],
  ])('%s refuses a person who is not a Jira admin, and writes nothing', async (key, payload) => {
    for (const who of [SEED_USERS.engineer, SEED_USERS.productLead]) {
      const answer = await call(as(who, 'settings'), key, payload);
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Jira admin') } });
    }
    expect(writesIn(sandbox)).toEqual([]);
  });
});

describe('settings.roles.save', () => {
  const designGroupId = groupIdOf('design');
  const salesGroupId = groupIdOf('sales');

  it('maps design to a group and a project role; rolesOf follows at once; reload shows it with Jira’s names', async () => {
    const saved = await call(admin(), 'settings.roles.save', {
      roles: { ...allDefault, design: { groups: [{ groupId: salesGroupId }, { groupId: salesGroupId }], projectRoles: [{ projectId: PAY_ID, roleId: ADMINISTRATORS }] } },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.data.roles.design).toMatchObject({
      isDefault: false,
      groups: [{ groupId: salesGroupId, name: 'sales', found: true }],
      projectRoles: [{ projectId: PAY_ID, projectKey: 'PAY', projectName: 'Payments', roleId: ADMINISTRATORS, roleName: 'Administrators' }],
    });
    expect(saved.data).toMatchObject({ updatedBy: 'Ingrid Solberg', updatedAt: expect.any(String) });

    // Design is now sales people and PAY's administrators (Hannah, Ingrid); Tomás is no longer design.
    expect(await rolesNow(SEED_USERS.sales)).toEqual(['design', 'sales']);
    expect(await rolesNow(SEED_USERS.productLead)).toEqual(['design', 'product']);
    expect(await rolesNow(SEED_USERS.admin)).toEqual(['design']);
    expect(await rolesNow(SEED_USERS.designer)).toEqual([]);
    expect(await rolesNow(SEED_USERS.engineer)).toEqual(['engineering']);

    const reloaded = await call(admin(), 'settings.roles.get', {});
    expect(reloaded).toMatchObject({ ok: true, data: { roles: { design: saved.data.roles.design, engineering: { isDefault: true } } } });

    const back = await call(admin(), 'settings.roles.save', { roles: allDefault });
    expect(back).toMatchObject({ ok: true, data: { roles: { design: { isDefault: true, groups: [{ groupId: designGroupId, name: 'design' }] } } } });
    expect(await rolesNow(SEED_USERS.designer)).toEqual(['design']);
  });

  it('a group chosen once and deleted since is shown as not found and matches nobody', async () => {
    await sandbox.asApp(() =>
      kvs.set(TEAM_ROLES_KEY, { roles: { sales: { groups: [{ groupId: 'gone-0000', name: 'old-sales' }], projectRoles: [] } }, updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: SEED_USERS.admin }),
    );
    const answer = await call(admin(), 'settings.roles.get', {});
    expect(answer).toMatchObject({ ok: true, data: { roles: { sales: { isDefault: false, groups: [{ groupId: 'gone-0000', name: 'old-sales', found: false }] } } } });
    expect(await rolesNow(SEED_USERS.sales)).toEqual([]);
  });

  it('refuses an unknown group id with a sentence naming the role, and writes nothing', async () => {
    const answer = await call(admin(), 'settings.roles.save', { roles: { ...allDefault, design: { groups: [{ groupId: 'no-such-group' }], projectRoles: [] } } });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'The team roles were not saved: Jira has no group with the id no-such-group (it may have been deleted). Choose the group for Design again.',
        fields: { 'roles.design.groups.0.groupId': expect.stringContaining('no-such-group') },
      },
    });
    expect(writesIn(sandbox)).toEqual([]);
    expect(await storedValue()).toBeUndefined();
  });

  it('refuses an unknown project role, and writes nothing', async () => {
    const answer = await call(admin(), 'settings.roles.save', { roles: { ...allDefault, product: { groups: [], projectRoles: [{ projectId: PAY_ID, roleId: 99999 }] } } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { 'roles.product.projectRoles.0': expect.stringContaining('Product') } } });
    expect(writesIn(sandbox)).toEqual([]);
  });

  it('refuses a role with nothing chosen (inline: use the default instead)', async () => {
    const answer = await call(admin(), 'settings.roles.save', { roles: { ...allDefault, sales: { groups: [], projectRoles: [] } } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { 'roles.sales.groups': 'Choose at least one group or project role, or use the default.' } } });
    expect(writesIn(sandbox)).toEqual([]);
  });

  it('when Jira cannot check the groups, answers jira-unavailable and writes nothing', async () => {
    sandbox.jiraLink.injectFault({ status: 503, times: Infinity, match: (req) => req.path.startsWith('/rest/api/3/group/bulk') });
    const answer = await call(admin(), 'settings.roles.save', { roles: { ...allDefault, design: { groups: [{ groupId: designGroupId }], projectRoles: [] } } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'jira-unavailable', message: expect.stringContaining('Try again') } });
    expect(writesIn(sandbox)).toEqual([]);
    expect(await storedValue()).toBeUndefined();
  });
});

describe('settings.roles.searchGroups and settings.roles.projectRoles', () => {
  it('finds groups by part of their name, in any case', async () => {
    const answer = await call<{ groups: { groupId: string; name: string }[]; total: number }>(admin(), 'settings.roles.searchGroups', { query: 'DES' });
    expect(answer).toMatchObject({ ok: true, data: { groups: [{ groupId: groupIdOf('design'), name: 'design' }], total: 1 } });
    const everything = await call<{ groups: { name: string }[]; total: number }>(admin(), 'settings.roles.searchGroups', { query: '' });
    expect(everything.ok && everything.data.groups.map((g) => g.name)).toEqual([
      'contractors', 'design', 'engineering', 'jira-admins-northwind-ledger', 'jira-software-users', 'product-management', 'sales', 'site-admins',
    ]);
  });

  it('lists a project’s roles; an unknown project is not-found', async () => {
    const answer = await call(admin(), 'settings.roles.projectRoles', { projectKey: 'pay' });
    expect(answer).toMatchObject({
      ok: true,
      data: { project: { projectId: PAY_ID, projectKey: 'PAY', projectName: 'Payments' }, roles: [{ roleId: 10002, roleName: 'Administrators' }, { roleId: 10000, roleName: 'Developers' }, { roleId: 10001, roleName: 'Users' }] },
    });
    expect(await call(admin(), 'settings.roles.projectRoles', { projectKey: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

const specDir = path.resolve(__dirname, '../../../shared/jira-openapi');
const describeWithSpecs = fs.existsSync(path.join(specDir, 'jira-platform.v3.json')) ? describe : describe.skip;

describeWithSpecs('the emulator’s group and project-role operations against the OpenAPI description', () => {
  const { ada, eli, vic } = FIXTURE_USERS;
  const cases = [
    { path: `/rest/api/3/user/groups?accountId=${eli}`, status: 200 },
    { path: '/rest/api/3/user/groups?accountId=nobody', status: 404 },
    { path: '/rest/api/3/groups/picker?query=dev&maxResults=5&caseInsensitive=true', status: 200 },
    { path: '/rest/api/3/groups/picker', status: 200 },
    { path: `/rest/api/3/group/bulk?groupName=developers&groupId=${groupIdOf('ux-design')}`, status: 200 },
    { path: '/rest/api/3/group/bulk?maxResults=abc', status: 400 },
    { path: '/rest/api/3/project/UP/role', status: 200 },
    { path: '/rest/api/3/project/UP/role', status: 404, asUser: vic },
    { path: '/rest/api/3/project/UP/role/10000', status: 200 },
    { path: '/rest/api/3/project/UP/role/10002?excludeInactiveUsers=true', status: 200, asUser: ada },
    { path: '/rest/api/3/project/UP/role/424242', status: 404 },
    { path: '/rest/api/3/project/UP/role/abc', status: 400 },
  ];
  let validator: OpenApiValidator;
  beforeAll(() => {
    validator = new OpenApiValidator(specDir);
  });

  it.each(cases)('GET $path → $status', async ({ path: requestPath, status, asUser }) => {
    const emulator = new JiraEmulator(buildFixtureSite(), { ...FIXTURE_APP, now: () => FIXTURE_NOW });
    const route = emulator.routeOf('GET', requestPath);
    expect(route && validator.hasOperation(route.method, route.template)).toBe(true);
    const response = await emulator.handle({ method: 'GET', path: requestPath, headers: {}, body: undefined, asUser: asUser ?? null });
    expect(response.status).toBe(status);
    expect(validator.documentedStatuses('GET', route!.template)).toContain(String(status));
    if (status >= 400) {
      expect(validator.checkComponent('jira-platform', 'ErrorCollection', response.body).errors).toBe('');
      return;
    }
    const check = validator.checkResponse('GET', route!.template, status, response.body);
    expect(check.schemaFound).toBe(true);
    expect(check.errors).toBe('');
  });

  it('answers a person’s groups with ids, and a project role with its actors', async () => {
    const emulator = new JiraEmulator(buildFixtureSite(), { ...FIXTURE_APP, now: () => FIXTURE_NOW });
    const groups = await emulator.handle({ method: 'GET', path: `/rest/api/3/user/groups?accountId=${eli}`, headers: {}, body: undefined, asUser: null });
    expect(groups.body).toEqual([
      { name: 'developers', groupId: groupIdOf('developers'), self: expect.stringContaining(groupIdOf('developers')) },
      { name: 'jira-software-users', groupId: groupIdOf('jira-software-users'), self: expect.any(String) },
    ]);
    const role = await emulator.handle({ method: 'GET', path: '/rest/api/3/project/UP/role/10002', headers: {}, body: undefined, asUser: null });
    expect(role.body).toMatchObject({ name: 'Administrators', actors: [{ type: 'atlassian-user-role-actor', actorUser: { accountId: ada } }], scope: { type: 'PROJECT', project: { key: 'UP' } } });
  });
});
