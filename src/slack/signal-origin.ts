/**
 * Where in Slack a signal came from, read back from the raw request Upstream kept when it took the signal in
 * (services/signals/channels/slack.ts stores the form body as it arrived): who sent it to Upstream — the rep to
 * write to — and, for the message shortcut, the message's channel and thread to reply in. A slash command has
 * no message of its own in the channel (Slack shows it to nobody), so it has no thread.
 *
 * The body was checked when it arrived, but it is stored data now: read through zod again, and anything that
 * does not parse is simply "no Slack origin" (the rep may still be reached by email).
 */
import { z } from 'zod';

export interface SlackSignalOrigin {
  /** The person who used the shortcut or ran the command: the rep. */
  userId: string;
  /** The message's thread to reply in: its channel and the ts of the thread's parent. */
  thread: { channel: string; ts: string } | null;
}

const slackId = z.string().regex(/^[A-Z0-9]{1,32}$/i);
const slackTs = z.string().regex(/^\d{1,12}\.\d{1,9}$/);

const messageActionSchema = z.object({
  type: z.literal('message_action'),
  channel: z.object({ id: slackId }),
  user: z.object({ id: slackId }),
  message: z.object({ ts: slackTs, thread_ts: slackTs.optional() }),
});

const slashCommandSchema = z.object({ command: z.string().min(1), user_id: slackId, channel_id: slackId });

export function slackOriginOf(rawPayload: string | null): SlackSignalOrigin | null {
  if (!rawPayload) return null;
  const form = new URLSearchParams(rawPayload);
  const payload = form.get('payload');
  if (payload !== null) {
    let value: unknown;
    try {
      value = JSON.parse(payload);
    } catch {
      return null;
    }
    const action = messageActionSchema.safeParse(value);
    if (!action.success) return null;
    // A message inside a thread is answered in that thread; a top-level message starts one under itself.
    const { channel, user, message } = action.data;
    return { userId: user.id, thread: { channel: channel.id, ts: message.thread_ts ?? message.ts } };
  }
  const command = slashCommandSchema.safeParse(Object.fromEntries(form));
  return command.success ? { userId: command.data.user_id, thread: null } : null;
}
