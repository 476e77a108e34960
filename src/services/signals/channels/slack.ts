/**
 * Slack: a message shortcut ("Send to Upstream" on a message), the `/signal Customer: what they said` slash
 * command, and the Events API's url_verification. Slack signs every request with the app's signing secret:
 * `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`, refused when older than 5 minutes. A person is waiting
 * on every answer (Slack gives 3 s), so once the request is known to come from Slack every refusal is a 200 with
 * an ephemeral message they can read; only unsigned requests get a bare status.
 *
 * A new signal whose request carries a Slack response_url gets a follow-up once it is clustered ("it joined
 * *CSV export* with 6 others", process.ts askForSlackFollowUp); a response_url that is not Slack's own is
 * ignored (logged): the signal is kept, and nothing is posted anywhere.
 */
import { z } from 'zod';
import { SLACK_SIGNATURE_HEADER, SLACK_TIMESTAMP_HEADER } from '../../../contract/signals';
import { SLACK_HOOKS_ORIGIN, slackResponseUrl } from '../../../slack/response-url';
import { askForSlackFollowUp } from '../process';
import { hmacHex, jsonAnswer, parseJson, readText, safeEqual, storeChannelSignal, UNKNOWN_CUSTOMER, withinWindow, type ChannelAnswer, type ChannelRequest } from './common';

export const SLACK_WINDOW_SECONDS = 300;
export const SENT_TEXT = 'Sent to Upstream — it will be grouped with similar signals shortly.';

export const signSlack = (secret: string, timestamp: string, rawBody: string): string => `v0=${hmacHex('sha256', secret, `v0:${timestamp}:${rawBody}`)}`;

const ephemeral = (status: number, text: string, outcome: ChannelAnswer['outcome'], reason: string, headers?: Record<string, string>) =>
  jsonAnswer(status, { response_type: 'ephemeral', text }, outcome, reason, headers);

export const refuseSlack = (status: number, _error: string, message: string, headers?: Record<string, string>): ChannelAnswer =>
  ephemeral(status, message, 'refused', message, headers);

const slackTs = z.string().regex(/^\d{1,12}\.\d{1,9}$/);
const slackId = z.string().regex(/^[A-Z0-9]{1,32}$/i);

/** The parts of a message_action payload a signal needs (Slack sends more; the rest stays in the raw payload). */
const messageActionSchema = z.object({
  type: z.literal('message_action'),
  team: z.object({ id: slackId, domain: z.string().regex(/^[a-z0-9-]{1,64}$/i) }),
  channel: z.object({ id: slackId, name: z.string().max(200).optional() }),
  user: z.object({ id: slackId, name: z.string().max(200).optional(), username: z.string().max(200).optional() }),
  message: z.object({
    ts: slackTs,
    text: z.string().max(40_000),
    user: z.string().max(64).optional(),
    username: z.string().max(200).optional(),
    user_profile: z.object({ real_name: z.string().max(200).optional(), display_name: z.string().max(200).optional() }).optional(),
  }),
});

const slashCommandSchema = z.object({
  command: z.string().regex(/^\/[\w-]{1,32}$/),
  text: z.string().max(4000),
  user_id: slackId,
  user_name: z.string().max(200).optional(),
  channel_id: slackId,
  trigger_id: z.string().regex(/^[\w.]{1,100}$/),
});

export const slackPermalink = (teamDomain: string, channelId: string, ts: string): string =>
  `https://${teamDomain}.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;

/** `/signal Acme: they need …` → Acme and what they need; without a short name before a colon the customer is unknown. */
export function splitCustomer(text: string): { customer: string; text: string } {
  const match = /^\s*([^:\n]{1,80}):\s*([\s\S]+)$/.exec(text);
  if (match?.[1]?.trim() && match[2]?.trim()) return { customer: match[1].trim(), text: match[2].trim() };
  return { customer: UNKNOWN_CUSTOMER, text: text.trim() };
}

const stored = (created: boolean, detail: string): ChannelAnswer =>
  ephemeral(200, created ? SENT_TEXT : 'Upstream already has this one — nothing was sent twice.', created ? 'accepted' : 'duplicate', detail);

/** Asks for the follow-up of a signal just stored, when the request gave a response_url and it is Slack's. */
async function followUpIfAsked(signal: { id: string; created: boolean }, responseUrl: unknown, nowMs: number): Promise<void> {
  if (!signal.created || responseUrl === undefined || responseUrl === null) return;
  const url = slackResponseUrl(responseUrl);
  if (!url) {
    console.warn(`slack signal ${signal.id}: its response_url is not a Slack response URL on ${SLACK_HOOKS_ORIGIN}; no follow-up will be posted`);
    return;
  }
  await askForSlackFollowUp(signal.id, url, nowMs);
}

async function messageShortcut(payload: unknown, rawBody: string, nowMs: number): Promise<ChannelAnswer> {
  const parsed = messageActionSchema.safeParse(payload);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.map(String).join('.') || 'payload';
    return ephemeral(200, `Upstream could not read that message (${where} is missing or malformed), so nothing was sent.`, 'refused', `message shortcut without a valid ${where}`);
  }
  const { team, channel, message } = parsed.data;
  if (!message.text.trim()) {
    return ephemeral(200, 'That message has no text for Upstream to keep (only files or attachments?), so nothing was sent.', 'refused', 'message shortcut on a message without text');
  }
  const author = message.user_profile?.real_name || message.user_profile?.display_name || message.username || (message.user ? `Slack user ${message.user}` : undefined);
  const permalink = slackPermalink(team.domain, channel.id, message.ts);
  const signal = await storeChannelSignal(
    { source: 'slack', externalId: `${channel.id}:${message.ts}`, customer: UNKNOWN_CUSTOMER, text: message.text, raisedByName: author, rawPayload: rawBody },
    Math.floor(nowMs / 1000),
  );
  await followUpIfAsked(signal, (payload as { response_url?: unknown }).response_url, nowMs);
  return stored(signal.created, `message ${permalink}${channel.name ? ` in #${channel.name}` : ''}`);
}

async function slashCommand(form: URLSearchParams, rawBody: string, nowMs: number): Promise<ChannelAnswer> {
  const parsed = slashCommandSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.map(String).join('.') || 'command';
    return ephemeral(200, `Upstream could not read that command (${where} is missing or malformed), so nothing was sent.`, 'refused', `slash command without a valid ${where}`);
  }
  const { command, user_name: userName, user_id: userId, channel_id: channelId, trigger_id: triggerId } = parsed.data;
  const { customer, text } = splitCustomer(parsed.data.text);
  if (!text) {
    return ephemeral(200, `Say what you heard: \`${command} Acme: they need to split invoices across cost centres\`.`, 'refused', 'slash command without text');
  }
  // A slash command has no message ts; its trigger_id is unique to the invocation.
  const signal = await storeChannelSignal(
    { source: 'slack', externalId: `${channelId}:cmd:${triggerId}`, customer, text, raisedByName: userName || `Slack user ${userId}`, rawPayload: rawBody },
    Math.floor(nowMs / 1000),
  );
  await followUpIfAsked(signal, form.get('response_url'), nowMs);
  return stored(signal.created, `${command} from ${userName || userId}`);
}

export async function handleSlack(req: ChannelRequest, secret: string, nowMs: number): Promise<ChannelAnswer> {
  const timestamp = req.headers[SLACK_TIMESTAMP_HEADER];
  if (!withinWindow(timestamp, nowMs, SLACK_WINDOW_SECONDS * 1000, 'seconds')) {
    return refuseSlack(401, 'bad-signature', `Refused: the request timestamp is missing or more than ${SLACK_WINDOW_SECONDS} s from now (a replay, or a clock that is off).`);
  }
  if (!safeEqual(signSlack(secret, timestamp ?? '', req.rawBody), req.headers[SLACK_SIGNATURE_HEADER])) {
    return refuseSlack(401, 'bad-signature', "Refused: the Slack signature does not match. Check that Upstream has this Slack app's current signing secret.");
  }
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('application/json')) {
    // The Events API: Slack checks the request URL by asking for its challenge back.
    const json = parseJson(req.rawBody);
    const body = json.ok && json.value && typeof json.value === 'object' ? (json.value as Record<string, unknown>) : null;
    const challenge = body?.type === 'url_verification' ? readText(body.challenge) : undefined;
    if (challenge && challenge.length <= 500) return jsonAnswer(200, { challenge }, 'ignored', 'Events API URL verification answered');
    const type = typeof body?.type === 'string' ? body.type.slice(0, 60) : 'not JSON';
    return ephemeral(200, `Upstream does not handle Slack's "${type}" requests, so nothing was sent. Use the "Send to Upstream" message shortcut or /signal.`, 'refused', `unknown Slack payload type ${type}`);
  }
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    return ephemeral(200, 'Upstream expected a form-encoded Slack request, so nothing was sent.', 'refused', `unexpected content type ${contentType.slice(0, 60) || '(none)'}`);
  }
  const form = new URLSearchParams(req.rawBody);
  const payload = form.get('payload');
  if (payload !== null) {
    const json = parseJson(payload);
    const value = json.ok ? json.value : undefined;
    const type = value && typeof value === 'object' ? (value as Record<string, unknown>).type : undefined;
    if (type === 'message_action') return messageShortcut(value, req.rawBody, nowMs);
    const named = typeof type === 'string' ? `"${type.slice(0, 60)}"` : 'that kind of';
    return ephemeral(200, `Upstream does not handle ${named} Slack interactions, so nothing was sent. Use the "Send to Upstream" message shortcut or /signal.`, 'refused', `unknown Slack payload type ${named}`);
  }
  if (form.has('command')) return slashCommand(form, req.rawBody, nowMs);
  return ephemeral(200, 'Upstream did not recognise this Slack request, so nothing was sent. Use the "Send to Upstream" message shortcut or /signal.', 'refused', 'unknown Slack payload type (no payload, no command)');
}
