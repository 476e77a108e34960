/**
 * A person's team roles — engineering, design, product, sales — from the Jira groups and project roles chosen
 * on the settings page (src/services/settings/team-roles.ts), or by group name where none were chosen.
 *
 * Read fresh on every call: the settings read and the person's groups go in parallel (one Jira call each
 * person), then one call per chosen project role, if any. Read as the app: what comes back is only which of
 * four roles someone holds, which their group membership already shows to anyone who may browse users.
 */
import { TEAM_ROLES, type TeamRole } from '../../contract/settings';
import { AppError } from '../../errors';
import { groupsOfAccount, type JiraGroupRef } from '../../jira/groups';
import { projectRoleActors } from '../../jira/project-roles';
import { readTeamRoles } from '../../store/team-roles-store';
import { chosenProjectRoles, mappingFrom, projectRoleKey, rolesFromMembership, type ProjectRoleMembers, type TeamRoleMapping } from './mapping';

export type { TeamRole };
export { TEAM_ROLES };

/** The caller's (or anyone's) team roles, from the groups/project roles chosen in settings. */
export async function rolesOf(accountId: string): Promise<ReadonlySet<TeamRole>> {
  const roles = await rolesOfMany([accountId]);
  return roles.get(accountId) ?? new Set();
}

/** Team roles of several people at once (a list of authors): one settings read, one groups call per person. */
export async function rolesOfMany(accountIds: readonly string[]): Promise<ReadonlyMap<string, ReadonlySet<TeamRole>>> {
  const unique = [...new Set(accountIds)];
  const [stored, groups] = await Promise.all([readTeamRoles(), Promise.all(unique.map(groupsOrNone))]);
  const mapping = mappingFrom(stored);
  const members = await projectRoleMembers(mapping);
  return new Map(unique.map((accountId, i) => [accountId, rolesFromMembership(mapping, { accountId, groups: groups[i]! }, members)]));
}

/** Jira no longer knowing an account (deleted) means it holds no role, not that the whole answer fails. */
async function groupsOrNone(accountId: string): Promise<JiraGroupRef[]> {
  try {
    return await groupsOfAccount(accountId);
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'not-found') return [];
    throw error;
  }
}

/** The members of each chosen project role; a project or role Jira no longer has counts nobody. */
async function projectRoleMembers(mapping: TeamRoleMapping): Promise<Map<string, ProjectRoleMembers>> {
  const chosen = chosenProjectRoles(mapping);
  const answers = await Promise.all(
    chosen.map(async (choice) => {
      try {
        const actors = await projectRoleActors(choice.projectId, choice.roleId);
        return [projectRoleKey(choice), { accountIds: new Set(actors.accountIds), groupIds: new Set(actors.groupIds) }] as const;
      } catch (error: unknown) {
        if (error instanceof AppError && error.code === 'not-found') return null;
        throw error;
      }
    }),
  );
  return new Map(answers.filter((answer) => answer !== null));
}

/** Whether the person holds `role` (one settings read and one Jira call, as rolesOf). */
export async function hasTeamRole(accountId: string, role: TeamRole): Promise<boolean> {
  return (await rolesOf(accountId)).has(role);
}

export const TEAM_ROLE_LABELS: Readonly<Record<TeamRole, string>> = { engineering: 'Engineering', design: 'Design', product: 'Product', sales: 'Sales' };

/** Roles in TEAM_ROLES order, for stable output. */
export const orderedRoles = (roles: ReadonlySet<TeamRole>): TeamRole[] => TEAM_ROLES.filter((role) => roles.has(role));
