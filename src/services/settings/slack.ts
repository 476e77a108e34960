/**
 * The Slack bot token on the settings page. Write-only: the page sees the workspace and bot it belongs to, when
 * and by whom it was set, never the token. Saving asks Slack first (auth.test), so a token Slack refuses is
 * refused with Slack's reason and nothing is stored; a saved token sends the messages held for one, and asks
 * again for the Jira accounts of recent Slack senders (raiser-match.ts).
 */
import type { ResolverOutput, SlackSettingsView } from '../../contract';
import { AppError } from '../../errors';
import { displayNamesOf } from '../../jira/users';
import { SLACK_SCOPES_NEEDED, SlackApiRefused, SlackApiUnavailable, slackAuthTest, type SlackIdentity } from '../../slack/web-api';
import { readSlackBotToken, readSlackConnection, writeSlackBotToken, type SlackConnection } from '../../store/notification-repository';
import { clock } from '../clock';
import { heldNotificationCount, resendHeldNotifications } from '../signals/notify-raisers';
import { matchSlackRaisersAgain } from '../signals/raiser-match-requests';
import { requireJiraAdmin } from './jira-admin';

const missingScopes = (scopes: string[] | null): string[] => (scopes === null ? [] : SLACK_SCOPES_NEEDED.filter((scope) => !scopes.includes(scope)));

/** Why Slack refused a token, and what the admin does next. */
function refusedToken(error: SlackApiRefused): string {
  switch (error.code) {
    case 'invalid_auth':
    case 'not_authed':
      return 'Slack does not know this token. Copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions in your Slack app.';
    case 'token_revoked':
    case 'token_expired':
      return 'Slack says this token was revoked. Reinstall the Slack app to your workspace and paste the new Bot User OAuth Token.';
    case 'account_inactive':
      return 'Slack says the app behind this token was removed from the workspace. Install it again and paste its new token.';
    default:
      return `Slack refused this token (${error.code}). Check the app under OAuth & Permissions in Slack and paste its Bot User OAuth Token.`;
  }
}

function slackUnavailable(error: SlackApiUnavailable): AppError {
  const seconds = error.retryAfterSeconds ?? 10;
  return new AppError('rate-limited', `Slack could not answer just now, so the token was not checked and nothing changed. Try again in ${seconds} s.`, { retryAfterSeconds: seconds });
}

async function view(connection: SlackConnection | null): Promise<SlackSettingsView> {
  const [held, names] = await Promise.all([
    heldNotificationCount(),
    connection ? displayNamesOf([connection.setBy]).catch(() => new Map<string, string>()) : Promise.resolve(new Map<string, string>()),
  ]);
  return {
    connected: connection !== null,
    teamName: connection?.teamName ?? null,
    teamId: connection?.teamId ?? null,
    botName: connection?.botName ?? null,
    setAt: connection?.setAt ?? null,
    setBy: connection ? (names.get(connection.setBy) ?? connection.setBy) : null,
    missingScopes: connection?.missingScopes ?? [],
    heldMessages: held,
  };
}

export async function slackSettings(): Promise<ResolverOutput<'settings.slack.get'>> {
  await requireJiraAdmin();
  // A connection whose token is gone (removed by hand) is not shown as connected.
  const [connection, token] = await Promise.all([readSlackConnection(), readSlackBotToken()]);
  return view(token ? connection : null);
}

async function identityOf(token: string): Promise<SlackIdentity> {
  try {
    return await slackAuthTest(token);
  } catch (error: unknown) {
    if (error instanceof SlackApiRefused) throw new AppError('invalid-input', `${refusedToken(error)} Nothing was saved.`, { fields: { token: error.code } });
    if (error instanceof SlackApiUnavailable) throw slackUnavailable(error);
    throw error;
  }
}

export async function saveSlackToken(token: string, accountId: string): Promise<ResolverOutput<'settings.slack.save'>> {
  await requireJiraAdmin();
  const identity = await identityOf(token);
  const connection: SlackConnection = {
    teamId: identity.teamId,
    teamName: identity.teamName,
    botUserId: identity.botUserId,
    botName: identity.botName,
    missingScopes: missingScopes(identity.scopes),
    setAt: clock.now().toISOString(),
    setBy: accountId,
  };
  await writeSlackBotToken(token, connection);
  let resent = 0;
  try {
    resent = await resendHeldNotifications();
  } catch (error: unknown) {
    // The token is saved either way; held messages are sent by the next save, and the admin sees them counted.
    console.warn('settings.slack.save: the token is saved, but the held messages could not be queued again:', error instanceof Error ? error.message : error);
  }
  try {
    // Slack signals matched without a token could not learn their sender's email: the recent ones ask again.
    await matchSlackRaisersAgain();
  } catch (error: unknown) {
    console.warn('settings.slack.save: the token is saved, but the Slack senders could not be matched to Jira again:', error instanceof Error ? error.message : error);
  }
  return { ...(await view(connection)), resentMessages: resent };
}

export async function testSlackToken(): Promise<ResolverOutput<'settings.slack.test'>> {
  await requireJiraAdmin();
  const token = await readSlackBotToken();
  if (!token) return { state: 'not-set', message: 'No Slack bot token is set yet. Paste one below to send reps their updates in Slack.' };
  try {
    const identity = await slackAuthTest(token);
    const missing = missingScopes(identity.scopes);
    return {
      state: 'working',
      message: `Slack accepts the token: it posts as @${identity.botName} in ${identity.teamName}.${missing.length ? ` It lacks ${missing.join(', ')}: add them under OAuth & Permissions and reinstall the app.` : ''}`,
    };
  } catch (error: unknown) {
    if (error instanceof SlackApiRefused) return { state: 'refused', message: refusedToken(error) };
    if (error instanceof SlackApiUnavailable) throw slackUnavailable(error);
    throw error;
  }
}
