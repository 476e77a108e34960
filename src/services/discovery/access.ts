/**
 * Who may read and who may change discovery notes: the same rule as the signal Inbox, asked the same way
 * (services/signals/access.ts, one `mypermissions` request as the caller on the triage page's project).
 * Notes are read from Forge SQL as the app, so this runs before anything is returned.
 *
 * - Reading a note or the list, and adding engineering input: Browse Projects.
 * - Starting, editing and moving a note (marking it ready, waiving the rule): Administer Projects — in
 *   practice product leads and Jira admins.
 *
 * Only the refusal's wording is discovery's own: the rule is the Inbox's, so the two cannot drift apart.
 */
import { AppError } from '../../errors';
import { requireSignalReader } from '../signals/access';

export interface DiscoveryAccess {
  /** Whether the caller may start, edit and move notes (the UI hides or disables those actions otherwise). */
  canEdit: boolean;
}

const cannotRead = (projectKey: string): AppError =>
  new AppError(
    'forbidden',
    `Discovery notes are shown to people who can browse project ${projectKey}, and you cannot (or it does not exist). Ask the project's admin for Browse Projects permission on ${projectKey}.`,
  );

const cannotEdit = (projectKey: string): AppError =>
  new AppError(
    'forbidden',
    `Only project admins of ${projectKey} (such as its product lead) can start, edit or move discovery notes; you can read them and add engineering input. Ask a project admin to make this change.`,
  );

/** The caller may read the project's discovery notes; answers whether they may also change them. */
export async function requireDiscoveryReader(projectKey: string): Promise<DiscoveryAccess> {
  try {
    return { canEdit: (await requireSignalReader(projectKey)).canTriage };
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'forbidden') throw cannotRead(projectKey);
    throw error;
  }
}

/** Refuses with `forbidden` unless the caller may change notes (a product lead). */
export async function requireDiscoveryLead(projectKey: string): Promise<void> {
  if (!(await requireDiscoveryReader(projectKey)).canEdit) throw cannotEdit(projectKey);
}
