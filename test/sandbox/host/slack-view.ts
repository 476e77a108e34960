/**
 * What the sandbox's Slack workspace received from Upstream, for the host page's Slack page (`GET
 * /__sandbox/slack`): the bot's direct messages (with the person they went to), its replies in threads (with
 * the channel and the parent message's ts, and whom they mention), and the ephemeral answers Upstream posted to
 * Slack response URLs (with the person whose request gave the URL, when the host saw that request). Newest first.
 * Message text is sent as Slack mrkdwn; the page renders it.
 */
import type { SlackEmulator } from '../slack/slack-emulator';
import { SANDBOX_SLACK_CHANNELS } from '../slack/shortcut';
import { SANDBOX_SLACK_BOT, SANDBOX_SLACK_BOT_TOKEN, SANDBOX_SLACK_TEAM } from '../slack/web-api';

export interface SlackPerson {
  id: string;
  name: string;
  email: string;
}

export interface SlackPageMessage {
  kind: 'direct' | 'thread' | 'ephemeral';
  /** ISO time the emulator accepted it; null when it was not recorded. */
  at: string | null;
  text: string;
  /** The channel posted to (the DM channel for a direct message); null for a response URL. */
  channel: string | null;
  ts: string | null;
  /** A thread reply: the ts of the thread's parent message. */
  threadTs: string | null;
  /** Whom it is for: a direct message's recipient, or whoever's Slack request gave a response URL. */
  to: string | null;
  /** People a message mentions (`<@U…>`). */
  mentions: string[];
  responseUrl: string | null;
}

export interface SlackPageView {
  workspace: { id: string; name: string };
  bot: { id: string; name: string };
  people: SlackPerson[];
  /** Channel names by id, where the workspace knows them. */
  channels: Array<{ id: string; name: string }>;
  /** Whether Upstream has a bot token saved (it is never shown); null when storage could not say. */
  botTokenSaved: boolean | null;
  /** The sandbox workspace's own bot token (README names it), for the page to say what to paste when none is saved. */
  sandboxBotToken: string;
  messages: SlackPageMessage[];
}

const MENTION = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;
const mentionsIn = (text: string): string[] => [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!))];
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
/** A Slack ts is epoch seconds: the time when nothing else was recorded. */
const tsTime = (ts: string): number | null => (Number.isFinite(Number(ts)) ? Math.round(Number(ts) * 1000) : null);

/**
 * The people a Slack request to the webtrigger came from, by the response URL it carried (a message shortcut's
 * `payload.user.id` and `response_url`, a slash command's `user_id` and `response_url`), so the page can say whose
 * ephemeral answer a message was. Anything that does not read is ignored.
 */
export function rememberSlackRequester(rawBody: string, into: Map<string, string>): void {
  const form = new URLSearchParams(rawBody);
  const payload = form.get('payload');
  let userId: unknown = form.get('user_id');
  let responseUrl: unknown = form.get('response_url');
  if (payload !== null) {
    try {
      const parsed = JSON.parse(payload) as { user?: { id?: unknown }; response_url?: unknown };
      userId = parsed.user?.id;
      responseUrl = parsed.response_url;
    } catch {
      return;
    }
  }
  if (typeof userId === 'string' && typeof responseUrl === 'string' && userId && responseUrl) into.set(responseUrl, userId);
}

export function slackPageView(slack: SlackEmulator, requesters: ReadonlyMap<string, string>, botTokenSaved: boolean | null): SlackPageView {
  const posted = slack.api.posted.map((m, order): SlackPageMessage & { order: number; ms: number | null } => {
    const ms = slack.api.postedAt(m) ?? tsTime(m.ts);
    return {
      kind: m.dmTo ? 'direct' : 'thread',
      at: iso(ms),
      text: m.text,
      channel: m.channel,
      ts: m.ts,
      threadTs: m.threadTs,
      to: m.dmTo,
      mentions: mentionsIn(m.text),
      responseUrl: null,
      order,
      ms,
    };
  });
  const ephemeral = slack.messages.map((m, order): SlackPageMessage & { order: number; ms: number | null } => {
    const ms = slack.receivedAt(m);
    return {
      kind: 'ephemeral',
      at: iso(ms),
      text: m.text,
      channel: null,
      ts: null,
      threadTs: null,
      to: requesters.get(m.responseUrl) ?? null,
      mentions: mentionsIn(m.text),
      responseUrl: m.responseUrl,
      order: posted.length + order,
      ms,
    };
  });
  const messages = [...posted, ...ephemeral]
    .sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0) || b.order - a.order)
    .map(({ order: _order, ms: _ms, ...message }) => message);
  return {
    workspace: { id: SANDBOX_SLACK_TEAM.id, name: SANDBOX_SLACK_TEAM.name },
    bot: { id: SANDBOX_SLACK_BOT.id, name: 'Upstream' },
    people: slack.api.people(),
    channels: SANDBOX_SLACK_CHANNELS.map((c) => ({ ...c })),
    botTokenSaved,
    sandboxBotToken: SANDBOX_SLACK_BOT_TOKEN,
    messages,
  };
}
