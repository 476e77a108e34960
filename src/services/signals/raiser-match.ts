/**
 * Finding the Jira account of whoever raised a signal that arrived without one: the outbox effect
 * `match-raiser`, recorded at intake (process.ts) for a signal from Slack or with the raiser's email. With the
 * account, the signal shows on their My signals page and, once it becomes an issue, they are its watcher.
 *
 * - The email: the one the channel stored (a CRM sends the rep's), else for Slack the sender's, from Slack's
 *   `users.info` with the bot token an admin saved (users:read.email).
 * - The account: Jira's user search by that email, as the app; exactly one active person (`atlassian`) whose
 *   email is that one, or hidden by their privacy settings. None or several: nothing is written (logged why).
 * - Written with `… WHERE raised_by_account_id IS NULL`: an account already set is never overwritten.
 *
 * No bot token (or one Slack refuses) leaves a Slack signal unmatched and the effect done — not failed, and not
 * retried for days: saving a working token asks again for the recent ones (`matchSlackRaisersAgain`,
 * raiser-match-requests.ts). Slack or Jira answering 429 or 5xx throws, so the outbox tries again.
 */
import { z } from 'zod';
import { AppError } from '../../errors';
import { usersMatchingEmail, type FoundUser } from '../../jira/user-search';
import { slackOriginOf } from '../../slack/signal-origin';
import { SlackApiRefused, slackUserEmail } from '../../slack/web-api';
import { raisersOfSignals, readSlackBotToken } from '../../store/notification-repository';
import { setRaiserAccountIfUnknown } from '../../store/signal-raiser-repository';

export const matchRaiserPayloadSchema = z.object({ signalId: z.string().min(1).max(191) });
export type MatchRaiserPayload = z.output<typeof matchRaiserPayloadSchema>;

/** What a match came to, for the log and for tests. */
export type MatchOutcome =
  | { outcome: 'matched'; accountId: string }
  | { outcome: 'already-known' | 'gone' | 'no-email' | 'no-token' | 'no-user' | 'several-users' | 'jira-refused' };

const emailSchema = z.email().max(320);
const log = (signalId: string, text: string): void => console.info(`match-raiser ${signalId}: ${text}`);

/** The one Jira person this email names, or why there is none. */
export function onePersonWithEmail(users: readonly FoundUser[], email: string): { accountId: string } | { none: 'no-user' | 'several-users' } {
  const wanted = email.trim().toLowerCase();
  const people = users.filter(
    (user) => user.accountType === 'atlassian' && user.active !== false && (user.emailAddress === undefined || user.emailAddress.trim().toLowerCase() === wanted),
  );
  // Two accounts under one email (or a hidden email beside a visible one) is a guess, not a match.
  if (people.length === 1) return { accountId: people[0]!.accountId };
  return { none: people.length === 0 ? 'no-user' : 'several-users' };
}

/** The Slack sender's email, or why Upstream cannot ask Slack for it. */
async function slackSenderEmail(signalId: string, slackUserId: string): Promise<{ email: string | null } | { noToken: string }> {
  const token = await readSlackBotToken();
  if (!token) return { noToken: 'no Slack bot token is set' };
  try {
    return { email: await slackUserEmail(token, slackUserId) };
  } catch (error: unknown) {
    // Unavailable (429, 5xx) is thrown on: the outbox tries again.
    if (!(error instanceof SlackApiRefused)) throw error;
    if (error.tokenRefused) return { noToken: `Slack refused the bot token (${error.code})` };
    log(signalId, `Slack refused users.info for ${slackUserId} (${error.code}); nothing matched`);
    return { email: null };
  }
}

export async function performMatchRaiser({ signalId }: MatchRaiserPayload): Promise<MatchOutcome> {
  const [raiser] = await raisersOfSignals([signalId]);
  if (!raiser) {
    log(signalId, 'the signal no longer exists; nothing matched');
    return { outcome: 'gone' };
  }
  if (raiser.accountId) return { outcome: 'already-known' };

  let email = raiser.email?.trim() || null;
  const origin = email ? null : slackOriginOf(raiser.slackPayload);
  if (origin) {
    const asked = await slackSenderEmail(signalId, origin.userId);
    if ('noToken' in asked) {
      log(signalId, `${asked.noToken}, so the Slack sender's email is unknown; asked again when an admin saves a working token`);
      return { outcome: 'no-token' };
    }
    email = asked.email;
  }
  if (!email || !emailSchema.safeParse(email).success) {
    log(signalId, origin ? `Slack gives no email for ${origin.userId}; nothing matched` : 'no email or Slack sender to match; nothing matched');
    return { outcome: 'no-email' };
  }

  let users: FoundUser[];
  try {
    users = await usersMatchingEmail(email);
  } catch (error: unknown) {
    // Jira busy or down (after the client's own retries): the outbox tries again. Anything else will not change.
    if (!(error instanceof AppError) || error.code === 'rate-limited' || error.code === 'jira-unavailable') throw error;
    console.warn(`match-raiser ${signalId}: Jira refused the user search (${error.code}: ${error.message}); nothing matched`);
    return { outcome: 'jira-refused' };
  }
  const found = onePersonWithEmail(users, email);
  if ('none' in found) {
    log(signalId, found.none === 'no-user' ? 'no active Jira user has the raiser’s email; the signal stays off My signals' : 'several Jira users match the raiser’s email; none is chosen');
    return { outcome: found.none };
  }
  if (!(await setRaiserAccountIfUnknown(signalId, found.accountId))) return { outcome: 'already-known' };
  log(signalId, `raised by Jira account ${found.accountId} (found by email)`);
  return { outcome: 'matched', accountId: found.accountId };
}
