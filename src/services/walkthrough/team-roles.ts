/**
 * The team roles stored with an acknowledgement (as they were at that moment, like a signature), so that
 * readiness — "acknowledged by an engineer" — is judged without asking Jira again on every panel load.
 */
import { orderedRoles, rolesOf } from '../roles/roles';

export async function teamRolesOf(accountId: string): Promise<string[]> {
  return orderedRoles(await rolesOf(accountId));
}
