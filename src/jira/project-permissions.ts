/**
 * What the calling user may do in one project, asked as the user in one request. A project the user cannot
 * browse (or that does not exist) answers 404, which becomes `not-found` like every hidden thing in Jira.
 */
import { route } from '@forge/api';
import { requestJira } from './client';
import { myPermissionsSchema } from './schemas';

export interface ProjectPermissions {
  browse: boolean;
  administer: boolean;
}

export async function myProjectPermissions(projectKey: string): Promise<ProjectPermissions> {
  const answer = await requestJira(route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${'BROWSE_PROJECTS,ADMINISTER_PROJECTS'}`, {
    as: 'user',
    schema: myPermissionsSchema,
    subject: `project ${projectKey}`,
  });
  return {
    browse: answer.permissions.BROWSE_PROJECTS?.havePermission === true,
    administer: answer.permissions.ADMINISTER_PROJECTS?.havePermission === true,
  };
}
