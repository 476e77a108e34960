/** From the team-role settings and a person's groups to their roles (src/services/roles/mapping.ts), without I/O. */
import {
  chosenProjectRoles,
  DEFAULT_GROUP_NAMES,
  defaultGroupsOf,
  mappingFrom,
  rolesFromMembership,
  type ProjectRoleMembers,
} from '../../src/services/roles/mapping';

const g = (groupId: string, name: string) => ({ groupId, name });
const noProjectRoles = new Map<string, ProjectRoleMembers>();
const rolesOf = (mapping: ReturnType<typeof mappingFrom>, groups: ReturnType<typeof g>[], members = noProjectRoles, accountId = 'acc-1') =>
  [...rolesFromMembership(mapping, { accountId, groups }, members)];

describe('with nothing chosen, each role is its groups of the obvious names', () => {
  const defaults = mappingFrom(null);

  it.each([
    [[g('1', 'engineering')], ['engineering']],
    [[g('1', 'Developers')], ['engineering']],
    [[g('1', 'UX-Design'), g('2', 'sales')], ['design', 'sales']],
    [[g('1', 'product-management')], ['product']],
    [[g('1', 'jira-software-users'), g('2', 'site-admins'), g('3', 'jira-developers')], []],
    [[], []],
  ])('%j → %j', (groups, expected) => {
    expect(rolesOf(defaults, groups)).toEqual(expected);
  });

  it('every role has default names, and no name belongs to two roles', () => {
    const names = Object.values(DEFAULT_GROUP_NAMES).flat();
    expect(new Set(names).size).toBe(names.length);
    expect(Object.values(DEFAULT_GROUP_NAMES).every((list) => list.length > 0)).toBe(true);
  });

  it('shows which of a site’s groups each default maps to', () => {
    const found = [g('a', 'Engineering'), g('b', 'developers'), g('c', 'design')];
    expect(defaultGroupsOf('engineering', found)).toEqual([g('a', 'Engineering'), g('b', 'developers')]);
    expect(defaultGroupsOf('sales', found)).toEqual([]);
  });
});

describe('a chosen role matches by group id or project role, never by name', () => {
  const mapping = mappingFrom({
    roles: {
      design: { groups: [{ groupId: 'g-ux' }], projectRoles: [] },
      product: { groups: [], projectRoles: [{ projectId: '10000', roleId: 10002 }, { projectId: '10001', roleId: 10002 }] },
      // A role this version does not know is ignored.
      legal: { groups: [{ groupId: 'g-legal' }], projectRoles: [] },
    },
  });

  it('by group id: a group named "design" with another id is not the chosen one', () => {
    expect(rolesOf(mapping, [g('g-ux', 'ux')])).toEqual(['design']);
    expect(rolesOf(mapping, [g('other', 'design')])).toEqual([]);
  });

  it('roles left unchosen keep their default', () => {
    expect(rolesOf(mapping, [g('x', 'engineering'), g('y', 'sales')])).toEqual(['engineering', 'sales']);
  });

  it('by project role: named as a person, or through one of their groups', () => {
    const members = new Map<string, ProjectRoleMembers>([
      ['10000/10002', { accountIds: new Set(['acc-lead']), groupIds: new Set() }],
      ['10001/10002', { accountIds: new Set(), groupIds: new Set(['g-leads']) }],
    ]);
    expect(rolesOf(mapping, [], members, 'acc-lead')).toEqual(['product']);
    expect(rolesOf(mapping, [g('g-leads', 'leads')], members, 'acc-2')).toEqual(['product']);
    expect(rolesOf(mapping, [], members, 'acc-2')).toEqual([]);
    // A project role Jira no longer has (absent from the members) counts nobody.
    expect(rolesOf(mapping, [], new Map(), 'acc-lead')).toEqual([]);
  });

  it('lists each chosen project role once', () => {
    const twice = mappingFrom({ roles: { design: { groups: [], projectRoles: [{ projectId: '1', roleId: 2 }] }, sales: { groups: [], projectRoles: [{ projectId: '1', roleId: 2 }] } } });
    expect(chosenProjectRoles(twice)).toEqual([{ projectId: '1', roleId: 2 }]);
    expect(chosenProjectRoles(mappingFrom(null))).toEqual([]);
  });

  it('a stored record named like an Object prototype key is not a role', () => {
    expect(mappingFrom({ roles: Object.create({ design: { groups: [{ groupId: 'g' }], projectRoles: [] } }) as never }).design.kind).toBe('default');
  });
});
