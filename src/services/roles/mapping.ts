/**
 * From the settings to a person's team roles, without I/O: which groups and project roles count for each role,
 * and which roles a person's groups and project-role memberships give them.
 *
 * A role nobody has chosen for is on its default: the groups of the obvious names (a typical site has an
 * `engineering` or `developers` group). Names are matched in any case, as Jira matches group names.
 */
import { TEAM_ROLES, type TeamRole } from '../../contract/settings';

export const DEFAULT_GROUP_NAMES: Readonly<Record<TeamRole, readonly string[]>> = {
  engineering: ['engineering', 'engineers', 'developers', 'development', 'software-engineers', 'software-engineering', 'dev-team'],
  design: ['design', 'designers', 'ux', 'ux-design', 'product-design', 'design-team'],
  product: ['product', 'product-management', 'product-managers', 'product-team', 'product-owners'],
  sales: ['sales', 'sales-team', 'account-executives', 'sales-reps', 'account-management'],
};

export const ALL_DEFAULT_GROUP_NAMES: readonly string[] = TEAM_ROLES.flatMap((role) => DEFAULT_GROUP_NAMES[role]);

export interface ProjectRoleChoice {
  projectId: string;
  roleId: number;
}

export type RoleSource =
  | { kind: 'default'; groupNames: readonly string[] }
  | { kind: 'chosen'; groupIds: readonly string[]; projectRoles: readonly ProjectRoleChoice[] };

export type TeamRoleMapping = Readonly<Record<TeamRole, RoleSource>>;

/** What is stored, as the storage layer reads it: by role name, roles this version does not know ignored. */
export interface ChosenRoles {
  roles: Readonly<Record<string, { groups: ReadonlyArray<{ groupId: string }>; projectRoles: readonly ProjectRoleChoice[] }>>;
}

const isOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

export function mappingFrom(chosen: ChosenRoles | null): TeamRoleMapping {
  const sourceOf = (role: TeamRole): RoleSource => {
    const choice = chosen && isOwn(chosen.roles, role) ? chosen.roles[role] : undefined;
    if (!choice) return { kind: 'default', groupNames: DEFAULT_GROUP_NAMES[role] };
    return { kind: 'chosen', groupIds: choice.groups.map((group) => group.groupId), projectRoles: choice.projectRoles };
  };
  return { engineering: sourceOf('engineering'), design: sourceOf('design'), product: sourceOf('product'), sales: sourceOf('sales') };
}

export const projectRoleKey = (choice: ProjectRoleChoice): string => `${choice.projectId}/${choice.roleId}`;

/** Every project role some role is chosen as, once each. */
export function chosenProjectRoles(mapping: TeamRoleMapping): ProjectRoleChoice[] {
  const byKey = new Map<string, ProjectRoleChoice>();
  for (const role of TEAM_ROLES) {
    const source = mapping[role];
    if (source.kind === 'chosen') for (const choice of source.projectRoles) byKey.set(projectRoleKey(choice), choice);
  }
  return [...byKey.values()];
}

/** Who is in one project role: people named as actors, and the groups named as actors (by id). */
export interface ProjectRoleMembers {
  accountIds: ReadonlySet<string>;
  groupIds: ReadonlySet<string>;
}

export interface Membership {
  accountId: string;
  groups: ReadonlyArray<{ groupId: string; name: string }>;
}

const normalisedName = (name: string): string => name.trim().toLowerCase();

/** The roles a person holds: a default role by a group's name, a chosen one by group id or project role. */
export function rolesFromMembership(
  mapping: TeamRoleMapping,
  person: Membership,
  projectRoleMembers: ReadonlyMap<string, ProjectRoleMembers>,
): Set<TeamRole> {
  const groupIds = new Set(person.groups.map((group) => group.groupId));
  const groupNames = new Set(person.groups.map((group) => normalisedName(group.name)));
  const inProjectRole = (choice: ProjectRoleChoice): boolean => {
    const members = projectRoleMembers.get(projectRoleKey(choice));
    return members !== undefined && (members.accountIds.has(person.accountId) || [...groupIds].some((id) => members.groupIds.has(id)));
  };
  const holds = (source: RoleSource): boolean =>
    source.kind === 'default'
      ? source.groupNames.some((name) => groupNames.has(normalisedName(name)))
      : source.groupIds.some((id) => groupIds.has(id)) || source.projectRoles.some(inProjectRole);
  return new Set(TEAM_ROLES.filter((role) => holds(mapping[role])));
}

/** The groups a default role maps to on a site, given the groups found there under the default names. */
export function defaultGroupsOf(role: TeamRole, found: ReadonlyArray<{ groupId: string; name: string }>): Array<{ groupId: string; name: string }> {
  const wanted = new Set(DEFAULT_GROUP_NAMES[role].map(normalisedName));
  return found.filter((group) => wanted.has(normalisedName(group.name)));
}
