/**
 * Finding a Jira user by email (`GET /rest/api/3/user/search?query=`), as the app: a signal that arrived from
 * Slack or a CRM names its raiser by email, and Upstream wants that person's account so the signal shows on
 * their My signals and Jira tells them of the issue it became (services/signals/raiser-match.ts).
 *
 * Jira matches `query` against the prefix of each user's display name and email address, and may hide an email
 * address by the person's privacy settings, so the answer is a list of candidates, never "the" user: the caller
 * decides what counts as one match. Read as the app: the rep is not the caller (there is none), and the app
 * holds Browse users and groups.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { requestJira } from './client';

/** The parts of Jira's User that deciding a match needs; the rest of each entry is ignored. */
const foundUserSchema = z.object({
  accountId: z.string().min(1).max(128),
  /** `atlassian` for a person; `app` and `customer` (a JSM portal-only customer) are not anyone's raiser. */
  accountType: z.string().optional(),
  active: z.boolean().optional(),
  /** Absent when the person's profile hides it. */
  emailAddress: z.string().optional(),
  displayName: z.string().optional(),
});
export type FoundUser = z.infer<typeof foundUserSchema>;

const userSearchSchema = z.array(foundUserSchema);

/** More than a couple of candidates is already "not one person"; a few are asked for so that is visible. */
const MAX_CANDIDATES = 10;

/** The users Jira finds for this email (each a candidate; see above). Faults (429, 5xx) throw, retried by the caller. */
export async function usersMatchingEmail(email: string): Promise<FoundUser[]> {
  const query = new URLSearchParams({ query: email, maxResults: String(MAX_CANDIDATES) });
  return requestJira(route`/rest/api/3/user/search?${query}`, { as: 'app', schema: userSearchSchema, subject: 'the users with that email' });
}
