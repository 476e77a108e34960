/**
 * Slack's Web API (https://slack.com/api/<method>) with the bot token an admin set on the settings page: the
 * direct message and thread reply that close the loop to whoever raised a signal, the email of the Slack user
 * who sent a signal (to find their Jira account), and the token check. Every
 * answer is read through zod, because Slack answers HTTP 200 with `{ ok: false, error }` for most refusals:
 *
 * - a 429 (`ratelimited`, with Retry-After), a 5xx or no answer throws SlackApiUnavailable: try again later;
 * - `{ ok: false }` throws SlackApiRefused with Slack's error code, and `tokenRefused` when the code means the
 *   token itself is no good (nothing sent with it will work until an admin sets another);
 * - an answer in a shape Slack does not send is SlackApiUnavailable too: a proxy's page, not Slack's word.
 *
 * Requests are form-encoded: every Web API method takes that (users.lookupByEmail takes no JSON body), and the
 * token goes in the Authorization header, never in the body or URL where a log might keep it.
 */
import { fetch } from '@forge/api';
import { z } from 'zod';

export const SLACK_API_ORIGIN = 'https://slack.com';

/** Slack's error codes that mean the token is unusable, whatever was asked (https://api.slack.com/methods). */
const TOKEN_ERRORS = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'not_allowed_token_type', 'missing_scope', 'team_access_not_granted', 'ekm_access_denied']);

/** Slack could not answer now (429, 5xx, no answer, an answer that is not Slack's): worth trying again. */
export class SlackApiUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SlackApiUnavailable';
  }
}

/** Slack answered `ok: false`: asking again the same way gets the same answer. */
export class SlackApiRefused extends Error {
  readonly tokenRefused: boolean;
  constructor(
    readonly method: string,
    readonly code: string,
    readonly needed?: string,
  ) {
    super(`Slack refused ${method}: ${code}${needed ? ` (needs ${needed})` : ''}`);
    this.name = 'SlackApiRefused';
    this.tokenRefused = TOKEN_ERRORS.has(code);
  }
}

/** A bot token as Slack issues them; anything else is refused before it is sent anywhere. */
export const slackBotTokenSchema = z
  .string()
  .trim()
  .regex(/^xoxb-[A-Za-z0-9-]{10,250}$/, 'A Slack bot token starts with xoxb- (find it under OAuth & Permissions in your Slack app).');

const slackIdSchema = z.string().regex(/^[A-Z0-9]{1,32}$/i);
const slackTsSchema = z.string().regex(/^\d{1,12}\.\d{1,9}$/);

const refusalSchema = z.object({ ok: z.literal(false), error: z.string().min(1).max(100), needed: z.string().max(200).optional() });

const authTestSchema = z.object({
  ok: z.literal(true),
  team: z.string().max(200),
  team_id: slackIdSchema,
  user: z.string().max(200),
  user_id: slackIdSchema,
  bot_id: slackIdSchema.optional(),
  url: z.string().max(500).optional(),
});
/** `scopes`: what the token was granted (Slack's X-OAuth-Scopes header), or null when Slack did not say. */
export type SlackIdentity = { teamId: string; teamName: string; botUserId: string; botName: string; scopes: string[] | null };

/** The scopes closing the loop uses: posting, opening direct messages, finding a rep by email. */
export const SLACK_SCOPES_NEEDED = ['chat:write', 'im:write', 'users:read', 'users:read.email'] as const;

const openSchema = z.object({ ok: z.literal(true), channel: z.object({ id: slackIdSchema }) });
const lookupSchema = z.object({ ok: z.literal(true), user: z.object({ id: slackIdSchema, deleted: z.boolean().optional() }) });
const postSchema = z.object({ ok: z.literal(true), channel: slackIdSchema, ts: slackTsSchema });

function retryAfterSeconds(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

async function call<T>(method: string, token: string, params: Record<string, string>, schema: z.ZodType<T>): Promise<T> {
  return (await callWithHeaders(method, token, params, schema)).body;
}

async function callWithHeaders<T>(method: string, token: string, params: Record<string, string>, schema: z.ZodType<T>): Promise<{ body: T; headers: Headers }> {
  let response: Response;
  try {
    response = (await fetch(`${SLACK_API_ORIGIN}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(params).toString(),
    })) as unknown as Response;
  } catch (error: unknown) {
    throw new SlackApiUnavailable(`Slack did not answer ${method}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status === 429 || response.status >= 500) {
    throw new SlackApiUnavailable(`Slack answered ${method} with ${response.status}`, retryAfterSeconds(response));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SlackApiUnavailable(`Slack answered ${method} with ${response.status} and no JSON`);
  }
  const refusal = refusalSchema.safeParse(body);
  if (refusal.success) {
    if (refusal.data.error === 'ratelimited') throw new SlackApiUnavailable(`Slack rate-limited ${method}`, retryAfterSeconds(response));
    throw new SlackApiRefused(method, refusal.data.error, refusal.data.needed);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success || !response.ok) throw new SlackApiUnavailable(`Slack answered ${method} (${response.status}) in a shape Upstream does not recognise`);
  return { body: parsed.data, headers: response.headers };
}

/** Who the token belongs to: the workspace and the bot user. The one check a token gets before it is stored. */
export async function slackAuthTest(token: string): Promise<SlackIdentity> {
  const { body, headers } = await callWithHeaders('auth.test', token, {}, authTestSchema);
  const granted = headers.get('x-oauth-scopes');
  const scopes = granted === null ? null : granted.split(',').map((scope) => scope.trim()).filter((scope) => /^[a-z.:_-]{1,64}$/.test(scope));
  return { teamId: body.team_id, teamName: body.team, botUserId: body.user_id, botName: body.user, scopes };
}

/** The direct-message channel between the bot and a person (im:write). */
export async function openDirectMessage(token: string, userId: string): Promise<string> {
  return (await call('conversations.open', token, { users: slackIdSchema.parse(userId) }, openSchema)).channel.id;
}

/** The Slack user with this email address, or null when the workspace has none (users:read.email). */
export async function slackUserByEmail(token: string, email: string): Promise<string | null> {
  try {
    const answer = await call('users.lookupByEmail', token, { email }, lookupSchema);
    return answer.user.deleted ? null : answer.user.id;
  } catch (error: unknown) {
    if (error instanceof SlackApiRefused && error.code === 'users_not_found') return null;
    throw error;
  }
}

const userInfoSchema = z.object({
  ok: z.literal(true),
  user: z.object({
    id: slackIdSchema,
    deleted: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    profile: z.object({ email: z.string().max(320).optional() }).optional(),
  }),
});

/**
 * The email of a Slack user (users:read, users:read.email), or null when Slack has none to give: no such user
 * (`user_not_found`), a deactivated one, a bot, or a profile without an email.
 */
export async function slackUserEmail(token: string, userId: string): Promise<string | null> {
  try {
    const { user } = await call('users.info', token, { user: slackIdSchema.parse(userId) }, userInfoSchema);
    if (user.deleted || user.is_bot) return null;
    return user.profile?.email?.trim() || null;
  } catch (error: unknown) {
    if (error instanceof SlackApiRefused && (error.code === 'user_not_found' || error.code === 'user_not_visible')) return null;
    throw error;
  }
}

/** Posts a message (chat:write), in a thread when `threadTs` is given; answers where it landed. */
export async function postSlackMessage(token: string, message: { channel: string; text: string; threadTs?: string }): Promise<{ channel: string; ts: string }> {
  const params: Record<string, string> = { channel: slackIdSchema.parse(message.channel), text: message.text, unfurl_links: 'false' };
  if (message.threadTs) params.thread_ts = slackTsSchema.parse(message.threadTs);
  const answer = await call('chat.postMessage', token, params, postSchema);
  return { channel: answer.channel, ts: answer.ts };
}
