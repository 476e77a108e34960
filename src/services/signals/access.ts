/**
 * Who may see and who may change the signal Inbox. Signals and clusters are read from Forge SQL as the app, so
 * the caller's standing in the project named by the page is asked of Jira, as them, before anything is returned:
 * one `mypermissions` request answers both questions.
 *
 * - Reading (the Inbox, a cluster, customers, sharing a signal, importing a CSV) needs Browse Projects.
 * - Changing clusters (move, split, merge, undo, not the same, category, rename) needs Administer Projects: in
 *   practice product leads and Jira admins; sales reps and engineers read but do not change. The rule lives in
 *   `triageRule` alone, so making it configurable later changes one function.
 */
import { AppError } from '../../errors';
import { myProjectPermissions, type ProjectPermissions } from '../../jira/project-permissions';

export interface SignalAccess {
  /** Whether the caller may change clusters (the UI hides or disables the actions otherwise). */
  canTriage: boolean;
}

const triageRule = (permissions: ProjectPermissions): boolean => permissions.browse && permissions.administer;

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

const cannotTriage = (projectKey: string): AppError =>
  new AppError(
    'forbidden',
    `Only project admins of ${projectKey} (such as its product lead) can change clusters; you can read them. Ask a project admin to make this change, or to give you Administer Projects on ${projectKey}.`,
  );

/** The caller may read the project's signals; answers whether they may also triage them. */
export async function requireSignalReader(projectKey: string): Promise<SignalAccess> {
  const permissions = await permissionsIn(projectKey);
  if (!permissions.browse) throw cannotBrowse(projectKey);
  return { canTriage: triageRule(permissions) };
}

/** Whether the caller may change clusters (refuses, like reading, when they cannot browse the project). */
export async function canTriageSignals(projectKey: string): Promise<boolean> {
  return (await requireSignalReader(projectKey)).canTriage;
}

/** Refuses with `forbidden` unless the caller may change clusters. */
export async function requireSignalTriager(projectKey: string): Promise<void> {
  if (!(await canTriageSignals(projectKey))) throw cannotTriage(projectKey);
}
