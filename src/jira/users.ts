/** Display names for account ids Upstream has stored (who set a work type, who linked an origin). */
import { route } from '@forge/api';
import { requestJira } from './client';
import type { z } from 'zod';
import { myselfSchema, userBulkSchema } from './schemas';

const MAX_PER_REQUEST = 100;

/**
 * Read as the app: the ids come from Upstream's own records about an issue the caller may already see, and a
 * display name is what Jira shows every user beside that history. Unknown ids are absent from the map.
 */
export async function displayNamesOf(accountIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(accountIds)];
  const names = new Map<string, string>();
  if (unique.length === 0) return names;
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += MAX_PER_REQUEST) chunks.push(unique.slice(start, start + MAX_PER_REQUEST));
  const pages = await Promise.all(
    chunks.map((ids) => {
      const query = new URLSearchParams(ids.map((id) => ['accountId', id]));
      query.set('maxResults', String(MAX_PER_REQUEST));
      return requestJira(route`/rest/api/3/user/bulk?${query}`, { as: 'app', schema: userBulkSchema });
    }),
  );
  for (const page of pages) for (const user of page.values) names.set(user.accountId, user.displayName);
  return names;
}

/** The signed-in person, read as them. */
export async function currentUser(): Promise<z.infer<typeof myselfSchema>> {
  return requestJira(route`/rest/api/3/myself`, { as: 'user', schema: myselfSchema, subject: 'your Jira profile' });
}
