/**
 * Team roles on the settings page: which Jira groups or project roles make someone engineering, design,
 * product or sales (src/services/roles reads the same settings for everyone else). Jira admins only.
 * A save checks every chosen group and project role with Jira first, stores Jira's names for them (never the
 * page's), and writes nothing when one is unknown or Jira cannot answer.
 */
import type { ResolverOutput } from '../../contract';
import { TEAM_ROLES, type TeamRole } from '../../contract/settings';
import { AppError } from '../../errors';
import { groupsByIds, groupsByNames, searchGroups, type JiraGroupRef } from '../../jira/groups';
import { getProject } from '../../jira/projects';
import { projectRoleActors, rolesOfProject } from '../../jira/project-roles';
import { displayNamesOf } from '../../jira/users';
import { readTeamRoles, writeTeamRoles, type StoredProjectRoleChoice, type StoredRoleChoice, type StoredTeamRoles } from '../../store/team-roles-store';
import { clock } from '../clock';
import { ALL_DEFAULT_GROUP_NAMES, DEFAULT_GROUP_NAMES, defaultGroupsOf } from '../roles/mapping';
import { requireJiraAdmin } from './jira-admin';

type TeamRoleSettings = ResolverOutput<'settings.roles.get'>;
type RoleMappingView = TeamRoleSettings['roles'][TeamRole];

export interface TeamRoleChoiceInput {
  groups: ReadonlyArray<{ groupId: string }>;
  projectRoles: ReadonlyArray<{ projectId: string; roleId: number }>;
}

const CHANGE_REFUSAL = 'Only Jira admins can change which groups make up each team role. Ask a Jira admin to do this for you.';
const READ_REFUSAL = 'Only Jira admins can see or change Upstream settings. Ask a Jira admin to do this for you.';
const PICKER_SIZE = 20;

const ROLE_LABELS: Readonly<Record<TeamRole, string>> = { engineering: 'Engineering', design: 'Design', product: 'Product', sales: 'Sales' };

const chosenOf = (stored: StoredTeamRoles | null, role: TeamRole): StoredRoleChoice | undefined =>
  stored && Object.prototype.hasOwnProperty.call(stored.roles, role) ? stored.roles[role] : undefined;

function roleView(role: TeamRole, choice: StoredRoleChoice | undefined, foundByName: readonly JiraGroupRef[], foundById: ReadonlyMap<string, JiraGroupRef>): RoleMappingView {
  const defaultGroupNames = [...DEFAULT_GROUP_NAMES[role]];
  const defaultGroups = defaultGroupsOf(role, foundByName).map(({ groupId, name }) => ({ groupId, name }));
  if (!choice) {
    return { isDefault: true, groups: defaultGroups.map((group) => ({ ...group, found: true })), projectRoles: [], defaultGroupNames, defaultGroups };
  }
  return {
    isDefault: false,
    groups: choice.groups.map((group) => {
      const now = foundById.get(group.groupId);
      return { groupId: group.groupId, name: now?.name ?? group.name, found: now !== undefined };
    }),
    projectRoles: choice.projectRoles.map((projectRole) => ({ ...projectRole })),
    defaultGroupNames,
    defaultGroups,
  };
}

/** The page's view: each role's groups as Jira names them now, and whether a chosen group still exists. */
async function settingsView(stored: StoredTeamRoles | null, foundByName: readonly JiraGroupRef[]): Promise<TeamRoleSettings> {
  const chosenIds = TEAM_ROLES.flatMap((role) => chosenOf(stored, role)?.groups.map((group) => group.groupId) ?? []);
  const [foundById, names] = await Promise.all([
    chosenIds.length > 0 ? groupsByIds(chosenIds) : Promise.resolve([]),
    stored ? displayNamesOf([stored.updatedBy]) : Promise.resolve(new Map<string, string>()),
  ]);
  const byId = new Map(foundById.map((group) => [group.groupId, group]));
  const view = (role: TeamRole): RoleMappingView => roleView(role, chosenOf(stored, role), foundByName, byId);
  return {
    roles: { engineering: view('engineering'), design: view('design'), product: view('product'), sales: view('sales') },
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored ? (names.get(stored.updatedBy) ?? 'someone Jira no longer lists') : null,
  };
}

export async function teamRoleSettings(): Promise<TeamRoleSettings> {
  // Read alongside the admin check to save a round trip; nothing read is returned unless it passes.
  const [, stored, foundByName] = await Promise.all([requireJiraAdmin(READ_REFUSAL), readTeamRoles(), groupsByNames(ALL_DEFAULT_GROUP_NAMES)]);
  return settingsView(stored, foundByName);
}

type RoleChoices = Readonly<Record<TeamRole, TeamRoleChoiceInput | null>>;

/** Each chosen group as Jira names it; a field error for each id Jira does not have. */
async function checkedGroups(choices: RoleChoices, fields: Record<string, string>): Promise<Map<string, JiraGroupRef>> {
  const ids = TEAM_ROLES.flatMap((role) => choices[role]?.groups.map((group) => group.groupId) ?? []);
  const found = new Map((ids.length > 0 ? await groupsByIds(ids) : []).map((group) => [group.groupId, group]));
  for (const role of TEAM_ROLES) {
    choices[role]?.groups.forEach(({ groupId }, i) => {
      if (!found.has(groupId)) fields[`roles.${role}.groups.${i}.groupId`] = `Jira has no group with the id ${groupId} (it may have been deleted). Choose the group for ${ROLE_LABELS[role]} again.`;
    });
  }
  return found;
}

/** Each chosen project role as Jira names it; a field error for each one Jira does not have. */
async function checkedProjectRoles(choices: RoleChoices, fields: Record<string, string>): Promise<Map<string, StoredProjectRoleChoice>> {
  const wanted = TEAM_ROLES.flatMap((role) => (choices[role]?.projectRoles ?? []).map((choice, i) => ({ role, i, choice })));
  const answers = await Promise.all(
    wanted.map(async ({ role, i, choice }) => {
      try {
        const actors = await projectRoleActors(choice.projectId, choice.roleId);
        const stored: StoredProjectRoleChoice = { projectId: actors.projectId, projectKey: actors.projectKey, projectName: actors.projectName, roleId: actors.roleId, roleName: actors.roleName };
        return [`${choice.projectId}/${choice.roleId}`, stored] as const;
      } catch (error: unknown) {
        if (!(error instanceof AppError) || error.code !== 'not-found') throw error;
        fields[`roles.${role}.projectRoles.${i}`] = `Jira has no project role ${choice.roleId} in project ${choice.projectId}. Choose the project role for ${ROLE_LABELS[role]} again.`;
        return null;
      }
    }),
  );
  return new Map(answers.filter((answer) => answer !== null));
}

function refuseProblems(fields: Record<string, string>): void {
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  const [, message] = entries[0]!;
  throw new AppError('invalid-input', `The team roles were not saved: ${entries.length === 1 ? message : `${entries.length} choices to fix. ${message}`}`, { fields });
}

/** What to store for one role: each group and project role once, in the order chosen, with Jira's names. */
function storedChoice(choice: TeamRoleChoiceInput, groups: ReadonlyMap<string, JiraGroupRef>, projectRoles: ReadonlyMap<string, StoredProjectRoleChoice>): StoredRoleChoice {
  const groupIds = [...new Set(choice.groups.map((group) => group.groupId))];
  const roleKeys = [...new Set(choice.projectRoles.map((projectRole) => `${projectRole.projectId}/${projectRole.roleId}`))];
  return {
    groups: groupIds.map((groupId) => ({ groupId, name: groups.get(groupId)!.name })),
    projectRoles: roleKeys.map((key) => projectRoles.get(key)!),
  };
}

export async function saveTeamRoleSettings(choices: RoleChoices, accountId: string): Promise<TeamRoleSettings> {
  await requireJiraAdmin(CHANGE_REFUSAL);
  const fields: Record<string, string> = {};
  const [groups, projectRoles, foundByName] = await Promise.all([
    checkedGroups(choices, fields),
    checkedProjectRoles(choices, fields),
    groupsByNames(ALL_DEFAULT_GROUP_NAMES),
  ]);
  refuseProblems(fields);
  const roles: Record<string, StoredRoleChoice> = {};
  for (const role of TEAM_ROLES) {
    const choice = choices[role];
    if (choice) roles[role] = storedChoice(choice, groups, projectRoles);
  }
  const stored: StoredTeamRoles = { roles, updatedAt: clock.now().toISOString(), updatedBy: accountId };
  await writeTeamRoles(stored);
  return settingsView(stored, foundByName);
}

export async function searchTeamRoleGroups(query: string): Promise<ResolverOutput<'settings.roles.searchGroups'>> {
  await requireJiraAdmin(READ_REFUSAL);
  return searchGroups(query, PICKER_SIZE);
}

export async function projectRolesForSettings(projectKey: string): Promise<ResolverOutput<'settings.roles.projectRoles'>> {
  await requireJiraAdmin(READ_REFUSAL);
  const key = projectKey.toUpperCase();
  const [project, roles] = await Promise.all([getProject('app', key), rolesOfProject(key)]);
  return { project: { projectId: project.id, projectKey: project.key, projectName: project.name }, roles };
}
