/** The settings page's team-role editor model (static/src/settings/team-roles-model.ts): drafts, checks, payload. */
import type { TeamRole } from '../../src/contract';
import {
  asDefault,
  describeMapping,
  draftFrom,
  errorsFromServer,
  payloadOf,
  sameDraft,
  validate,
  withGroups,
  withoutProjectRole,
  withProjectRole,
  type TeamRoleSettings,
} from '../../static/src/settings/team-roles-model';

const NAMES = { engineering: ['engineering', 'engineers', 'developers', 'development'], design: ['design'], product: ['product'], sales: ['sales'] };
const view = (role: TeamRole, isDefault: boolean, groups: string[], defaultGroups: string[]) => ({
  isDefault,
  groups: groups.map((name) => ({ groupId: `id-${name}`, name, found: name !== 'gone' })),
  projectRoles: [],
  defaultGroupNames: NAMES[role],
  defaultGroups: defaultGroups.map((name) => ({ groupId: `id-${name}`, name })),
});
const settings: TeamRoleSettings = {
  roles: {
    engineering: view('engineering', true, ['engineering'], ['engineering']),
    design: view('design', false, ['ux', 'gone'], ['design']),
    product: view('product', true, [], []),
    sales: view('sales', true, ['sales'], ['sales']),
  },
  updatedAt: '2026-11-26T10:00:00.000Z',
  updatedBy: 'Ingrid Solberg',
};
const payRole = { projectId: '10000', projectKey: 'PAY', projectName: 'Payments', roleId: 10002, roleName: 'Administrators' };

it('sends null for a role on its default, and ids only for a chosen one', () => {
  expect(payloadOf(draftFrom(settings))).toEqual({
    roles: { engineering: null, design: { groups: [{ groupId: 'id-ux' }, { groupId: 'id-gone' }], projectRoles: [] }, product: null, sales: null },
  });
});

it('an edit makes the role chosen; adding a project role to a default keeps its groups; each once', () => {
  const draft = draftFrom(settings);
  const sales = withProjectRole(withProjectRole(draft.sales, payRole), payRole);
  expect(sales).toEqual({ isDefault: false, groups: [{ groupId: 'id-sales', name: 'sales', found: true }], projectRoles: [payRole] });
  expect(withoutProjectRole(sales, payRole).projectRoles).toEqual([]);
  const twice = withGroups(draft.engineering, [...draft.engineering.groups, ...draft.engineering.groups]);
  expect(twice).toMatchObject({ isDefault: false, groups: [{ groupId: 'id-engineering' }] });
  expect(sameDraft({ ...draft, engineering: twice }, draft)).toBe(false);
  expect(sameDraft({ ...draft, engineering: asDefault(settings.roles.engineering) }, draft)).toBe(true);
});

it('a chosen role with nothing in it, or a group Jira no longer has, is a problem on that role', () => {
  const draft = draftFrom(settings);
  expect(validate(draft)).toEqual({ design: 'Remove the groups Jira no longer has (marked “not found”), or choose them again.' });
  expect(validate({ ...draft, design: withGroups(draft.design, []) })).toEqual({ design: 'Choose at least one group or project role, or use the default.' });
  expect(validate({ ...draft, design: asDefault(settings.roles.design) })).toEqual({});
});

it('puts the server’s field errors back on their role', () => {
  expect(errorsFromServer({ 'roles.design.groups.0.groupId': 'Jira has no group …', 'roles.design.groups.1.groupId': 'second', 'roles.sales.projectRoles.0': 'no role' })).toEqual({
    design: 'Jira has no group …',
    sales: 'no role',
  });
  expect(errorsFromServer(undefined)).toEqual({});
});

it('says which mapping is in effect and what the default finds', () => {
  const draft = draftFrom(settings);
  expect(describeMapping(draft.engineering, settings.roles.engineering)).toBe('Default: the engineering group (Upstream looks for groups named engineering, engineers, developers …).');
  expect(describeMapping(draft.design, settings.roles.design)).toBe('Chosen here. The default would be the design group.');
  expect(describeMapping(draft.product, settings.roles.product)).toBe('Default, and it finds nobody: this site has none of the groups named product. Choose a group or project role.');
});
