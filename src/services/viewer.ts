import type { ResolverOutput } from '../contract';
import { currentUser } from '../jira/users';

export async function viewer(): Promise<ResolverOutput<'viewer.get'>> {
  const me = await currentUser();
  return { accountId: me.accountId, displayName: me.displayName, timeZone: me.timeZone ?? 'UTC' };
}
