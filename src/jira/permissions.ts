import { route } from '@forge/api';
import { requestJira } from './client';
import { myPermissionsSchema } from './schemas';

/** Asks Jira, as the user, whether they hold a global permission (ADMINISTER = Jira admin). */
export async function userHasGlobalPermission(permission: 'ADMINISTER'): Promise<boolean> {
  const answer = await requestJira(route`/rest/api/3/mypermissions?permissions=${permission}`, {
    as: 'user',
    schema: myPermissionsSchema,
  });
  return answer.permissions[permission]?.havePermission === true;
}
