/**
 * What Slack sends when a rep uses the "Send to Upstream" message shortcut (a `message_action` interaction,
 * form-encoded as `payload=<json>`), for the sandbox's workspace. The seed keeps it as the raw request of the
 * signals reps sent from Slack, as the webtrigger does for a real one, so that routing their clusters tells the
 * rep in Slack (a direct message and a reply in the message's thread).
 */
import { SANDBOX_SLACK_TEAM, SANDBOX_SLACK_USERS } from './web-api';

/** The channel the seed's reps send customers' words to Upstream from. */
export const SANDBOX_SLACK_FIELD_CHANNEL = { id: 'C0FIELDNOTES', name: 'field-notes' } as const;
/** Channels of the sandbox's workspace by id, for showing names where Slack would. */
export const SANDBOX_SLACK_CHANNELS: ReadonlyArray<{ id: string; name: string }> = [SANDBOX_SLACK_FIELD_CHANNEL];
export const SANDBOX_SLACK_TEAM_DOMAIN = 'brightforge';

export interface MessageShortcut {
  /** The rep who used the shortcut, and wrote the message. */
  userId: string;
  /** The message's ts (`1764669600.000100`). */
  ts: string;
  text: string;
  channel?: { id: string; name: string };
  responseUrl?: string;
}

/** The form body of a message shortcut, as Slack posts it to the webtrigger. */
export function messageShortcutBody({ userId, ts, text, channel = SANDBOX_SLACK_FIELD_CHANNEL, responseUrl }: MessageShortcut): string {
  const person = SANDBOX_SLACK_USERS.find((u) => u.id === userId);
  return new URLSearchParams({
    payload: JSON.stringify({
      type: 'message_action',
      callback_id: 'send_to_upstream',
      trigger_id: `${ts.replace('.', '')}.${userId}`,
      team: { id: SANDBOX_SLACK_TEAM.id, domain: SANDBOX_SLACK_TEAM_DOMAIN },
      channel: { id: channel.id, name: channel.name },
      user: { id: userId, name: person ? person.email.split('@')[0] : userId.toLowerCase() },
      message: { type: 'message', user: userId, ts, text, ...(person ? { user_profile: { real_name: person.name } } : {}) },
      ...(responseUrl ? { response_url: responseUrl } : {}),
    }),
  }).toString();
}

/**
 * The raw Slack request of a seed signal raised in Slack by someone in the sandbox's workspace (by display name),
 * or undefined when they are not in it. `n` keeps message ts unique among signals received in the same second.
 */
export function seedSlackRawPayload(raisedBy: string, text: string, receivedAtSeconds: number, n: number): string | undefined {
  const person = SANDBOX_SLACK_USERS.find((u) => u.name === raisedBy);
  if (!person) return undefined;
  return messageShortcutBody({ userId: person.id, ts: `${receivedAtSeconds}.${String(100 + n).padStart(6, '0')}`, text });
}
