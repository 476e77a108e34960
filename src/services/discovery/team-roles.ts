/**
 * A person's team roles now, in the discovery vocabulary. Recorded with each entry of engineering input when it
 * is written, so the ready rule counts an entry by its author's roles then, not by today's group membership.
 */
import { TEAM_ROLES, type TeamRole } from '../../domain/discovery';
import { rolesOf } from '../roles/roles';

export async function teamRolesNow(accountId: string): Promise<TeamRole[]> {
  const held: ReadonlySet<string> = await rolesOf(accountId);
  return TEAM_ROLES.filter((role) => held.has(role));
}
