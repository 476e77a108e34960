/**
 * Who may see and who may change the signal Inbox. Signals and clusters are read from Forge SQL as the app, so
 * the caller's standing in the project named by the page is asked of Jira, as them, before anything is returned:
 * one `mypermissions` request answers both questions.
 *
 * - Reading (the Inbox, a cluster, customers, sharing a signal, importing a CSV) needs Browse Projects.
 * - Changing clusters (move, split, merge, undo, not the same, category, rename, routing) is triaging. Who may is
 *   a setting (src/services/settings/triage.ts): by default Administer Projects (in practice product leads and
 *   Jira admins), or the members of one Jira group, or one project role in this project. The settings are read in
 *   parallel with the permissions, so the default rule costs no extra round trip; a group or role costs the
 *   caller's own account (as them) and then its groups or the role's actors (as the app).
 */
import { AppError } from '../../errors';
import { groupsOfAccount } from '../../jira/groups';
import { myProjectPermissions, type ProjectPermissions } from '../../jira/project-permissions';
import { projectRoleActors } from '../../jira/project-roles';
import { currentUser } from '../../jira/users';
import type { StoredTriagers } from '../../store/triage-settings-store';
import { triageRules } from '../settings/triage-rules';

export interface SignalAccess {
  /** Whether the caller may change clusters (the UI hides or disables the actions otherwise). */
  canTriage: boolean;
}

/** Whether the caller (who can browse the project) may triage there under the configured rule. */
async function triageRule(projectKey: string, permissions: ProjectPermissions, triagers: StoredTriagers): Promise<boolean> {
  if (!permissions.browse) return false;
  if (triagers.kind === 'project-admins') return permissions.administer;
  const { accountId } = await currentUser();
  if (triagers.kind === 'group') return (await groupsOfAccount(accountId)).some((group) => group.groupId === triagers.groupId);
  try {
    const [actors, groups] = await Promise.all([projectRoleActors(projectKey, triagers.roleId), groupsOfAccount(accountId)]);
    return actors.accountIds.includes(accountId) || groups.some((group) => actors.groupIds.includes(group.groupId));
  } catch (error: unknown) {
    // The project does not have that role (any more): nobody holds it here.
    if (error instanceof AppError && error.code === 'not-found') return false;
    throw error;
  }
}

function describeTriagers(triagers: StoredTriagers, projectKey: string): string {
  if (triagers.kind === 'group') return `members of the Jira group ${triagers.name}`;
  if (triagers.kind === 'project-role') return `people in the ${triagers.roleName} role of ${projectKey}`;
  return `project admins of ${projectKey} (such as its product lead)`;
}

/** Jira hides a project the caller cannot browse (404): to them it is the same refusal either way. */
async function permissionsIn(projectKey: string): Promise<ProjectPermissions> {
  try {
    return await myProjectPermissions(projectKey);
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'not-found') throw cannotBrowse(projectKey);
    throw error;
  }
}

const cannotBrowse = (projectKey: string): AppError =>
  new AppError(
    'forbidden',
    `Signals are shown to people who can browse project ${projectKey}, and you cannot (or it does not exist). Ask the project's admin for Browse Projects permission on ${projectKey}.`,
  );

const cannotTriage = (projectKey: string, triagers: StoredTriagers): AppError =>
  new AppError(
    'forbidden',
    `Only ${describeTriagers(triagers, projectKey)} can change clusters; you can read them. Ask one of them to make this change, or ask a Jira admin to change who may triage on Upstream's settings page.`,
  );

/** The caller may read the project's signals; answers whether they may also triage them. */
export async function requireSignalReader(projectKey: string): Promise<SignalAccess> {
  return (await readerAccess(projectKey)).access;
}

async function readerAccess(projectKey: string): Promise<{ access: SignalAccess; triagers: StoredTriagers }> {
  const [permissions, rules] = await Promise.all([permissionsIn(projectKey), triageRules()]);
  if (!permissions.browse) throw cannotBrowse(projectKey);
  return { access: { canTriage: await triageRule(projectKey, permissions, rules.triagers) }, triagers: rules.triagers };
}

/** Whether the caller may change clusters (refuses, like reading, when they cannot browse the project). */
export async function canTriageSignals(projectKey: string): Promise<boolean> {
  return (await requireSignalReader(projectKey)).canTriage;
}

/** Refuses with `forbidden` unless the caller may change clusters. */
export async function requireSignalTriager(projectKey: string): Promise<void> {
  const { access, triagers } = await readerAccess(projectKey);
  if (!access.canTriage) throw cannotTriage(projectKey, triagers);
}
