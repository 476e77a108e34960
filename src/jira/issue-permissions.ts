/**
 * What the calling user may do with issues, asked as the user. Upstream writes the work-type field as the app
 * (only the app may), so these checks are what stops a person from changing an issue they could not edit.
 */
import { route } from '@forge/api';
import { requestJira } from './client';
import { myPermissionsSchema, permissionsCheckSchema } from './schemas';

/** Jira's documented limit on issue ids per permissions/check request. */
export const MAX_ISSUES_PER_PERMISSION_CHECK = 1000;

/** Browse and edit on one issue. An issue the user cannot see answers 404, which becomes `not-found`. */
export async function myIssuePermissions(issueKey: string): Promise<{ browse: boolean; edit: boolean }> {
  const answer = await requestJira(route`/rest/api/3/mypermissions?issueKey=${issueKey}&permissions=${'BROWSE_PROJECTS,EDIT_ISSUES'}`, {
    as: 'user',
    schema: myPermissionsSchema,
    subject: `issue ${issueKey}`,
  });
  return {
    browse: answer.permissions.BROWSE_PROJECTS?.havePermission === true,
    edit: answer.permissions.EDIT_ISSUES?.havePermission === true,
  };
}

/** The ids among `issueIds` the user may both browse and edit; one request per 1000 ids. */
export async function editableIssueIds(issueIds: readonly number[]): Promise<Set<number>> {
  const chunks: number[][] = [];
  for (let start = 0; start < issueIds.length; start += MAX_ISSUES_PER_PERMISSION_CHECK) {
    chunks.push(issueIds.slice(start, start + MAX_ISSUES_PER_PERMISSION_CHECK));
  }
  const answers = await Promise.all(
    chunks.map((issues) =>
      requestJira(route`/rest/api/3/permissions/check`, {
        as: 'user',
        method: 'POST',
        body: { projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], issues }] },
        schema: permissionsCheckSchema,
      }),
    ),
  );
  const allowed = new Set<number>();
  for (const answer of answers) {
    const granted = (permission: string) =>
      new Set(answer.projectPermissions.filter((p) => p.permission === permission).flatMap((p) => p.issues));
    const browse = granted('BROWSE_PROJECTS');
    for (const id of granted('EDIT_ISSUES')) if (browse.has(id)) allowed.add(id);
  }
  return allowed;
}
