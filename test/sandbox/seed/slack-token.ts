/**
 * The Slack bot token, saved the way a Jira admin saves it: through `settings.slack.save` as the seed's admin,
 * so Upstream checks it with the emulated Slack (auth.test), records the workspace and bot, and sends any
 * messages held for a token. `npm start` does this, so reps hear in the emulated Slack what became of their
 * signals from the first route; tests leave it off unless they ask (a new install has no token).
 */
import type { Sandbox } from '../sandbox';
import { SANDBOX_SLACK_BOT_TOKEN } from '../slack/web-api';
import { SEED_USERS } from './people';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Saves the token unless one is saved already (an admin's choice stands); answers whether it saved one. */
export async function seedSlackBotToken(sandbox: Sandbox): Promise<boolean> {
  const asAdmin = { accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} };
  const current = (await sandbox.invoke(asAdmin, 'settings.slack.get', {})) as Envelope<{ connected: boolean }>;
  if (current.ok && current.data.connected) return false;
  const saved = (await sandbox.invoke(asAdmin, 'settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN })) as Envelope<unknown>;
  if (!saved.ok) throw new Error(`seed: the sandbox's Slack bot token was not saved: ${saved.error.message}`);
  return true;
}
