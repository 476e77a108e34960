/**
 * Triage settings on the settings page (Jira admins only): who may triage signals — the project's admins (the
 * default), the members of one Jira group, or one project role in the project being triaged — and the parking
 * lot's thresholds. A save checks the group or role with Jira first, stores Jira's name for it (never the page's),
 * and writes nothing when Jira does not have it or cannot answer.
 */
import type { ResolverInput, ResolverOutput } from '../../contract';
import { DEFAULT_PARKING_THRESHOLDS } from '../../domain/routing';
import { AppError } from '../../errors';
import { groupsByIds } from '../../jira/groups';
import { rolesOfProject } from '../../jira/project-roles';
import { displayNamesOf } from '../../jira/users';
import { readTriageSettings, writeTriageSettings, type StoredTriageSettings, type StoredTriagers } from '../../store/triage-settings-store';
import { clock } from '../clock';
import { requireJiraAdmin } from './jira-admin';

type TriageSettingsView = ResolverOutput<'settings.triage.get'>;

const READ_REFUSAL = 'Only Jira admins can see or change Upstream settings. Ask a Jira admin to do this for you.';
const CHANGE_REFUSAL = 'Only Jira admins can change who may triage signals. Ask a Jira admin to do this for you.';

async function view(stored: StoredTriageSettings | null): Promise<TriageSettingsView> {
  const triagers = stored?.triagers ?? { kind: 'project-admins' as const };
  const [groups, names] = await Promise.all([
    triagers.kind === 'group' ? groupsByIds([triagers.groupId]) : Promise.resolve([]),
    stored ? displayNamesOf([stored.updatedBy]) : Promise.resolve(new Map<string, string>()),
  ]);
  return {
    triagers:
      triagers.kind === 'group'
        ? { kind: 'group', groupId: triagers.groupId, name: groups[0]?.name ?? triagers.name, found: groups.length > 0 }
        : triagers,
    parking: stored?.parking ?? DEFAULT_PARKING_THRESHOLDS,
    defaults: { parking: DEFAULT_PARKING_THRESHOLDS },
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored ? (names.get(stored.updatedBy) ?? 'someone Jira no longer lists') : null,
  };
}

export async function triageSettings(): Promise<TriageSettingsView> {
  // Read alongside the admin check to save a round trip; nothing read is returned unless it passes.
  const [, stored] = await Promise.all([requireJiraAdmin(READ_REFUSAL), readTriageSettings()]);
  return view(stored);
}

/** A project role's name as Jira gives it in the project it was chosen from (roles are defined site-wide). */
async function projectRoleName(projectKey: string, roleId: number): Promise<string | null> {
  try {
    return (await rolesOfProject(projectKey)).find((role) => role.roleId === roleId)?.roleName ?? null;
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'not-found') return null;
    throw error;
  }
}

async function checkedTriagers(choice: ResolverInput<'settings.triage.save'>['triagers'], saved: StoredTriagers | undefined): Promise<StoredTriagers> {
  if (choice.kind === 'project-admins') return choice;
  if (choice.kind === 'group') {
    const [group] = await groupsByIds([choice.groupId]);
    if (!group) {
      throw new AppError('invalid-input', `Jira has no group with the id ${choice.groupId} (it may have been deleted). Choose the group again; nothing was saved.`, {
        fields: { 'triagers.groupId': 'no such group' },
      });
    }
    return { kind: 'group', groupId: group.groupId, name: group.name };
  }
  if (choice.projectKey === undefined) {
    if (saved?.kind === 'project-role' && saved.roleId === choice.roleId) return saved;
    throw new AppError('invalid-input', 'Name the project the role was chosen from, so Jira can confirm it; nothing was saved. Find a project’s roles and choose one again.', {
      fields: { 'triagers.roleId': 'no project to check the role in' },
    });
  }
  const roleName = await projectRoleName(choice.projectKey.toUpperCase(), choice.roleId);
  if (roleName === null) {
    throw new AppError('invalid-input', `Jira has no project role ${choice.roleId} in project ${choice.projectKey}. Choose the project role again; nothing was saved.`, {
      fields: { 'triagers.roleId': 'no such project role' },
    });
  }
  return { kind: 'project-role', roleId: choice.roleId, roleName };
}

export async function saveTriageSettings(input: ResolverInput<'settings.triage.save'>, accountId: string): Promise<TriageSettingsView> {
  await requireJiraAdmin(CHANGE_REFUSAL);
  const triagers = await checkedTriagers(input.triagers, (await readTriageSettings())?.triagers);
  const stored: StoredTriageSettings = { triagers, parking: { ...input.parking }, updatedAt: clock.now().toISOString(), updatedBy: accountId };
  await writeTriageSettings(stored);
  return view(stored);
}
