/**
 * Slack as the app reaches it, both hosts:
 * - a response_url (https://hooks.slack.com/actions/… or /commands/…): it records every message it accepts,
 *   answers as Slack does — `{ ok: true }`, or 404 with `expired_url` / `used_url` (five messages per URL), 400
 *   `invalid_payload` — and can be told to fail the next requests with any status, for retries;
 * - the Web API on slack.com (web-api.ts): auth.test, conversations.open, users.lookupByEmail and
 *   chat.postMessage, checking the bearer token, recording what was posted, and failing on request.
 * The runtime routes `@forge/api`'s fetch to both hosts here, telling them apart by the Host header.
 */
import type { RequestHandler, SandboxRequest, SandboxResponse } from '../http';
import { SlackWebApi } from './web-api';

/** A message Slack accepted on a response URL. */
export interface SlackMessage {
  responseUrl: string;
  responseType: string | undefined;
  text: string;
  replaceOriginal: boolean | undefined;
}

/** Every request that reached the emulator, with how it was answered. */
export interface SlackRequestRecord {
  responseUrl: string;
  method: string;
  status: number;
}

const RESPONSE_PATH = /^\/(app|actions|commands)\/[A-Za-z0-9/_-]+$/;
/** Slack accepts this many messages on one response URL. */
export const MESSAGES_PER_RESPONSE_URL = 5;

export class SlackEmulator implements RequestHandler {
  /** slack.com/api/…: the workspace, its tokens and what the bot posted. */
  readonly api = new SlackWebApi();
  readonly messages: SlackMessage[] = [];
  readonly requests: SlackRequestRecord[] = [];
  private readonly failures: number[] = [];
  private readonly expired = new Set<string>();
  /** When each accepted message arrived (ms), kept beside the messages so their recorded shape stays Slack's. */
  private readonly arrivedAt = new WeakMap<SlackMessage, number>();

  /** When the emulator accepted a message (ms since the epoch); for the sandbox host's Slack page. */
  receivedAt(message: SlackMessage): number | null {
    return this.arrivedAt.get(message) ?? null;
  }

  /** The next requests are answered with these statuses, one each, before any is handled. */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** The URL is past Slack's 30 minutes: answered 404 `expired_url` from now on. */
  expire(responseUrl: string): void {
    this.expired.add(responseUrl);
  }

  messagesTo(responseUrl: string): SlackMessage[] {
    return this.messages.filter((m) => m.responseUrl === responseUrl);
  }

  reset(): void {
    this.messages.length = 0;
    this.requests.length = 0;
    this.failures.length = 0;
    this.expired.clear();
    this.api.reset();
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    if (req.headers.host === 'slack.com') return this.api.handle(req);
    const responseUrl = `https://hooks.slack.com${req.path}`;
    const answer = this.answer(req, responseUrl);
    this.requests.push({ responseUrl, method: req.method, status: answer.status });
    return answer;
  }

  private answer(req: SandboxRequest, responseUrl: string): SandboxResponse {
    const injected = this.failures.shift();
    if (injected !== undefined) return { status: injected, body: { ok: false, error: 'injected_failure' } };
    if (req.method !== 'POST') return { status: 405, body: { ok: false, error: 'method_not_allowed' } };
    if (!RESPONSE_PATH.test(req.path)) return { status: 404, body: { ok: false, error: 'no_such_url' } };
    if (this.expired.has(responseUrl)) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (this.messagesTo(responseUrl).length >= MESSAGES_PER_RESPONSE_URL) return { status: 404, body: { ok: false, error: 'used_url' } };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body ?? '') as Record<string, unknown>;
    } catch {
      return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    }
    if (typeof body !== 'object' || body === null || typeof body.text !== 'string' || body.text.length === 0) {
      return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    }
    const message: SlackMessage = {
      responseUrl,
      responseType: typeof body.response_type === 'string' ? body.response_type : undefined,
      text: body.text,
      replaceOriginal: typeof body.replace_original === 'boolean' ? body.replace_original : undefined,
    };
    this.messages.push(message);
    this.arrivedAt.set(message, Date.now());
    return { status: 200, body: { ok: true } };
  }
}

/** The Slack every sandbox in this process posts to unless its runtime names another (test files each get their own). */
export const sandboxSlack = new SlackEmulator();
