/**
 * Slack's Web API (https://slack.com/api/<method>) as the sandbox's workspace answers it: a workspace with a bot
 * token, its people (id and email: users.info, users.lookupByEmail), the channels the bot is in and the
 * direct-message channels it opened.
 * Answers as Slack does — HTTP 200 with `{ ok: true, … }` or `{ ok: false, error }` (`not_authed`,
 * `invalid_auth`, `token_revoked`, `channel_not_found`, `not_in_channel`, `users_not_found`, `user_not_found`,
 * `method_not_supported_for_channel_type` …), 429 `ratelimited` with Retry-After — and records every call and
 * every message posted. `failNext` makes the next calls fail with a status or an error code, for retries.
 */
import type { SandboxRequest, SandboxResponse } from '../http';

/** The bot token of the sandbox's workspace: paste it on the settings page under `npm start`. */
export const SANDBOX_SLACK_BOT_TOKEN = 'xoxb-1111111111-2222222222-sandboxUpstreamBot';
export const SANDBOX_SLACK_TEAM = { id: 'T024BE7LD', name: 'Brightforge' } as const;
export const SANDBOX_SLACK_BOT = { id: 'U0UPSTREAM', name: 'upstream' } as const;
export const SANDBOX_SLACK_SCOPES = ['chat:write', 'im:write', 'users:read', 'users:read.email', 'commands'] as const;

/** People in the sandbox's Slack workspace: the reps who send signals, by Slack id and email. */
export const SANDBOX_SLACK_USERS: ReadonlyArray<{ id: string; email: string; name: string }> = [
  { id: 'U0MARCUS', email: 'marcus@brightforge.dev', name: 'Marcus Bell' },
  { id: 'U0JORDAN', email: 'jordan@brightforge.dev', name: 'Jordan Reyes' },
  { id: 'U0SAM', email: 'sam@brightforge.dev', name: 'Sam Whitaker' },
];

/** A message the bot posted. `dmTo` names the person when the channel is a direct message. */
export interface SlackPostedMessage {
  channel: string;
  dmTo: string | null;
  text: string;
  threadTs: string | null;
  ts: string;
}

export interface SlackApiCall {
  method: string;
  status: number;
  /** Slack's error code when it answered `ok: false`. */
  error: string | null;
}

/** What the next call is answered with instead: an HTTP status (429 carries Retry-After: 1) or an error code. */
export type SlackApiFailure = number | string;

export class SlackWebApi {
  readonly posted: SlackPostedMessage[] = [];
  readonly calls: SlackApiCall[] = [];
  private readonly tokens = new Set<string>([SANDBOX_SLACK_BOT_TOKEN]);
  private readonly users = new Map<string, { email: string; name: string }>();
  /** Channels the bot was removed from (every other C… channel has the bot in it). */
  private readonly notIn = new Set<string>();
  private readonly ims = new Map<string, string>();
  private readonly failures: SlackApiFailure[] = [];
  /** When each message was posted (ms); beside the messages, so their recorded shape stays as tests know it. */
  private readonly postedAtOf = new WeakMap<SlackPostedMessage, number>();
  private nextTs = 1764669600;
  /** What the bot token was granted, as auth.test's X-OAuth-Scopes header says. */
  scopes: string[] = [...SANDBOX_SLACK_SCOPES];

  constructor() {
    this.reset();
  }

  reset(): void {
    this.posted.length = 0;
    this.calls.length = 0;
    this.failures.length = 0;
    this.tokens.clear();
    this.tokens.add(SANDBOX_SLACK_BOT_TOKEN);
    this.users.clear();
    for (const user of SANDBOX_SLACK_USERS) this.users.set(user.id, { email: user.email, name: user.name });
    this.notIn.clear();
    this.ims.clear();
    this.scopes = [...SANDBOX_SLACK_SCOPES];
  }

  failNext(...failures: SlackApiFailure[]): void {
    this.failures.push(...failures);
  }

  /** A token the workspace accepts from now on (a reinstall issues a new one). */
  addToken(token: string): void {
    this.tokens.add(token);
  }

  /** The token stops working (an admin reinstalled the app, or revoked it). */
  revoke(token: string): void {
    this.tokens.delete(token);
  }

  addUser(id: string, email: string, name: string): void {
    this.users.set(id, { email, name });
  }

  /** The bot is no longer a member of the channel: posting there answers `not_in_channel`. */
  removeBotFrom(channel: string): void {
    this.notIn.add(channel);
  }

  /** The workspace's people, by Slack id: whom direct messages go to and whom mentions name. */
  people(): Array<{ id: string; email: string; name: string }> {
    return [...this.users].map(([id, user]) => ({ id, email: user.email, name: user.name }));
  }

  /** When the bot posted a message (ms since the epoch); the ts is a counter, not the time. */
  postedAt(message: SlackPostedMessage): number | null {
    return this.postedAtOf.get(message) ?? null;
  }

  /** Messages sent to a person directly. */
  directMessagesTo(userId: string): SlackPostedMessage[] {
    return this.posted.filter((m) => m.dmTo === userId);
  }

  /** Replies in the thread under a message. */
  threadReplies(channel: string, ts: string): SlackPostedMessage[] {
    return this.posted.filter((m) => m.channel === channel && m.threadTs === ts);
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    const method = /^\/api\/([\w.]+)$/.exec(req.path.split('?')[0] ?? '')?.[1] ?? req.path;
    const answer = this.answer(req, method);
    const error = typeof (answer.body as { error?: unknown } | undefined)?.error === 'string' ? ((answer.body as { error: string }).error) : null;
    this.calls.push({ method, status: answer.status, error });
    return answer;
  }

  private answer(req: SandboxRequest, method: string): SandboxResponse {
    const injected = this.failures.shift();
    if (typeof injected === 'number') {
      return { status: injected, body: { ok: false, error: injected === 429 ? 'ratelimited' : 'fatal_error' }, headers: injected === 429 ? { 'retry-after': '1' } : {} };
    }
    if (typeof injected === 'string') return refuse(injected);
    if (req.method !== 'POST') return refuse('method_not_supported');
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ')) return refuse('not_authed');
    if (!this.tokens.has(auth.slice('Bearer '.length))) return refuse('invalid_auth');
    const params = this.paramsOf(req);
    if (params === null) return refuse('invalid_form_data');
    switch (method) {
      case 'auth.test':
        return {
          ...ok({ url: 'https://brightforge.slack.com/', team: SANDBOX_SLACK_TEAM.name, user: SANDBOX_SLACK_BOT.name, team_id: SANDBOX_SLACK_TEAM.id, user_id: SANDBOX_SLACK_BOT.id, bot_id: 'B0UPSTREAM' }),
          headers: { 'x-oauth-scopes': this.scopes.join(',') },
        };
      case 'conversations.open': {
        const user = params.get('users') ?? '';
        if (!this.users.has(user)) return refuse('user_not_found');
        const id = this.ims.get(user) ?? `D${user.slice(1)}`;
        this.ims.set(user, id);
        return ok({ channel: { id } });
      }
      case 'users.lookupByEmail': {
        const email = (params.get('email') ?? '').toLowerCase();
        const found = [...this.users].find(([, u]) => u.email.toLowerCase() === email);
        return found ? ok({ user: { id: found[0], name: found[1].name, deleted: false, profile: { email: found[1].email } } }) : refuse('users_not_found');
      }
      case 'users.info': {
        const id = params.get('user') ?? '';
        const user = this.users.get(id);
        if (!user) return refuse('user_not_found');
        return ok({ user: { id, name: user.email.split('@')[0], real_name: user.name, deleted: false, is_bot: false, profile: { real_name: user.name, email: user.email } } });
      }
      case 'chat.postMessage':
        return this.post(params);
      default:
        return { status: 404, body: { ok: false, error: 'unknown_method' } };
    }
  }

  private post(params: URLSearchParams): SandboxResponse {
    const channel = params.get('channel') ?? '';
    const text = params.get('text') ?? '';
    if (text.trim() === '') return refuse('no_text');
    if (text.length > 40_000) return refuse('msg_too_long');
    const dmTo = [...this.ims].find(([, id]) => id === channel)?.[0] ?? null;
    if (dmTo === null) {
      if (!/^[CG][A-Z0-9]+$/.test(channel)) return refuse('channel_not_found');
      if (this.notIn.has(channel)) return refuse('not_in_channel');
    }
    const threadTs = params.get('thread_ts');
    const ts = `${this.nextTs++}.000200`;
    const message: SlackPostedMessage = { channel, dmTo, text, threadTs, ts };
    this.posted.push(message);
    this.postedAtOf.set(message, Date.now());
    return ok({ channel, ts, message: { type: 'message', text, ts, ...(threadTs ? { thread_ts: threadTs } : {}) } });
  }

  private paramsOf(req: SandboxRequest): URLSearchParams | null {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(req.body ?? '');
    if (type.startsWith('application/json')) {
      try {
        const body = JSON.parse(req.body ?? '{}') as Record<string, unknown>;
        return new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]));
      } catch {
        return null;
      }
    }
    return req.body ? null : new URLSearchParams();
  }
}

const ok = (body: Record<string, unknown>): SandboxResponse => ({ status: 200, body: { ok: true, ...body } });
const refuse = (error: string): SandboxResponse => ({ status: 200, body: { ok: false, error } });
