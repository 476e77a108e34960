/**
 * The team-role editor's model: each role as the page edits it (on its default, or chosen groups and project
 * roles), validation that mirrors the resolver's (a chosen role needs at least one of them), the save payload,
 * and the server's field errors put back on their role.
 */
import { TEAM_ROLES, teamRoleChoiceSchema, type ResolverInput, type ResolverOutput, type TeamRole } from '../../../src/contract';

export type TeamRoleSettings = ResolverOutput<'settings.roles.get'>;
type RoleView = TeamRoleSettings['roles'][TeamRole];

export interface GroupOption {
  groupId: string;
  name: string;
  /** False for a chosen group Jira no longer has. */
  found: boolean;
}

export interface ProjectRoleOption {
  projectId: string;
  projectKey: string;
  projectName: string;
  roleId: number;
  roleName: string;
}

export interface RoleDraft {
  /** On its default (groups named like the role) until the admin chooses. */
  isDefault: boolean;
  groups: GroupOption[];
  projectRoles: ProjectRoleOption[];
}

export type TeamRoleDraft = Record<TeamRole, RoleDraft>;
export type TeamRoleErrors = Partial<Record<TeamRole, string>>;

export const ROLE_LABELS: Readonly<Record<TeamRole, string>> = { engineering: 'Engineering', design: 'Design', product: 'Product', sales: 'Sales' };

/** What each role is for, in a line the admin reads beside it. */
export const ROLE_PURPOSES: Readonly<Record<TeamRole, string>> = {
  engineering: 'Their input makes a discovery note ready; they acknowledge design walkthroughs.',
  design: 'They write design walkthroughs and answer engineers’ questions on them.',
  product: 'They triage signals and lead discovery.',
  sales: 'They share signals from customers and see what became of them.',
};

const roleDraftOf = (view: RoleView): RoleDraft => ({
  isDefault: view.isDefault,
  groups: view.groups.map((group) => ({ ...group })),
  projectRoles: view.projectRoles.map((projectRole) => ({ ...projectRole })),
});

export function draftFrom(settings: TeamRoleSettings): TeamRoleDraft {
  return {
    engineering: roleDraftOf(settings.roles.engineering),
    design: roleDraftOf(settings.roles.design),
    product: roleDraftOf(settings.roles.product),
    sales: roleDraftOf(settings.roles.sales),
  };
}

const projectRoleKey = (projectRole: Pick<ProjectRoleOption, 'projectId' | 'roleId'>): string => `${projectRole.projectId}/${projectRole.roleId}`;

function sameRole(a: RoleDraft, b: RoleDraft): boolean {
  if (a.isDefault !== b.isDefault) return false;
  // A role on its default shows what the default found; that is not an edit.
  if (a.isDefault) return true;
  return (
    a.groups.map((group) => group.groupId).join('\n') === b.groups.map((group) => group.groupId).join('\n') &&
    a.projectRoles.map(projectRoleKey).join('\n') === b.projectRoles.map(projectRoleKey).join('\n')
  );
}

export const sameDraft = (a: TeamRoleDraft, b: TeamRoleDraft): boolean => TEAM_ROLES.every((role) => sameRole(a[role], b[role]));

/** The role after the admin changed its groups: chosen from then on, whatever it was. */
export const withGroups = (draft: RoleDraft, groups: readonly GroupOption[]): RoleDraft => ({
  isDefault: false,
  groups: groups.filter((group, i) => groups.findIndex((other) => other.groupId === group.groupId) === i),
  projectRoles: draft.isDefault ? [] : draft.projectRoles,
});

/** The role with one more project role (once), chosen from then on; from a default, its groups are kept. */
export function withProjectRole(draft: RoleDraft, projectRole: ProjectRoleOption): RoleDraft {
  const projectRoles = draft.isDefault ? [] : draft.projectRoles;
  if (projectRoles.some((existing) => projectRoleKey(existing) === projectRoleKey(projectRole))) return { ...draft, isDefault: false };
  return { isDefault: false, groups: draft.groups, projectRoles: [...projectRoles, projectRole] };
}

export const withoutProjectRole = (draft: RoleDraft, projectRole: ProjectRoleOption): RoleDraft => ({
  ...draft,
  isDefault: false,
  projectRoles: draft.projectRoles.filter((existing) => projectRoleKey(existing) !== projectRoleKey(projectRole)),
});

/** The role back on its default, showing the groups the default finds on this site. */
export const asDefault = (view: RoleView): RoleDraft => ({ isDefault: true, groups: view.defaultGroups.map((group) => ({ ...group, found: true })), projectRoles: [] });

/** The contract's own check of each chosen role; a role on its default is always valid. */
export function validate(draft: TeamRoleDraft): TeamRoleErrors {
  const errors: TeamRoleErrors = {};
  for (const role of TEAM_ROLES) {
    const choice = draft[role];
    if (choice.isDefault) continue;
    const parsed = teamRoleChoiceSchema.safeParse(choiceOf(choice));
    if (!parsed.success) errors[role] = parsed.error.issues[0]?.message ?? 'Check this role’s groups and project roles.';
    else if (choice.groups.some((group) => !group.found)) errors[role] = 'Remove the groups Jira no longer has (marked “not found”), or choose them again.';
  }
  return errors;
}

const choiceOf = (choice: RoleDraft) => ({
  groups: choice.groups.map((group) => ({ groupId: group.groupId })),
  projectRoles: choice.projectRoles.map((projectRole) => ({ projectId: projectRole.projectId, roleId: projectRole.roleId })),
});

export function payloadOf(draft: TeamRoleDraft): ResolverInput<'settings.roles.save'> {
  const of = (role: TeamRole) => (draft[role].isDefault ? null : choiceOf(draft[role]));
  return { roles: { engineering: of('engineering'), design: of('design'), product: of('product'), sales: of('sales') } };
}

/** The server's field errors (`roles.design.groups.0.groupId`) as one message per role. */
export function errorsFromServer(fields: Readonly<Record<string, string>> | undefined): TeamRoleErrors {
  const errors: TeamRoleErrors = {};
  for (const [path, message] of Object.entries(fields ?? {})) {
    const role = TEAM_ROLES.find((candidate) => path.startsWith(`roles.${candidate}`));
    if (role && !errors[role]) errors[role] = message;
  }
  return errors;
}

/** How a role's mapping reads beside it: chosen or the default, and what the default finds on this site. */
export function describeMapping(draft: RoleDraft, view: RoleView): string {
  const names = view.defaultGroupNames.slice(0, 3).join(', ');
  const looksFor = `groups named ${names}${view.defaultGroupNames.length > 3 ? ' …' : ''}`;
  const found = view.defaultGroups.map((group) => group.name);
  const groups = found.length === 1 ? `the ${found[0]} group` : `the groups ${found.join(', ')}`;
  if (draft.isDefault && found.length > 0) return `Default: ${groups} (Upstream looks for ${looksFor}).`;
  if (draft.isDefault) return `Default, and it finds nobody: this site has none of the ${looksFor}. Choose a group or project role.`;
  return found.length > 0 ? `Chosen here. The default would be ${groups}.` : `Chosen here. The default would find nobody (no ${looksFor}).`;
}
