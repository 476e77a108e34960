/**
 * Every Jira REST call goes through here: as the user (their permissions apply) or as the app (sees all; use
 * only after checking the user may see what is returned). Retries 429 and 5xx with backoff, honouring
 * Retry-After, and turns failures into AppErrors a person can act on.
 */
import { asApp, asUser, type APIResponse, type RequestInit, type Route } from '@forge/api';
import type { z } from 'zod';
import { retryDelayMs } from '../domain/retry';
import { AppError } from '../errors';

export type Actor = 'user' | 'app';

export const retryPolicy = {
  maxRetries: 3,
  baseDelayMs: 200,
  /** A Retry-After longer than this is not waited out inside a 25 s resolver: the person is told instead. */
  maxWaitMs: 5000,
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
};

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/**
 * At most this many Jira requests in flight at once from one invocation. Jira limits concurrent requests per
 * app and answers 429 past them; a 20,000-issue sprint would otherwise fire 200 bulk fetches at once. Every
 * call waits for a slot here, so fan-outs anywhere in src/jira stay under the cap together. A retry gives its
 * slot back while it sleeps.
 */
export const concurrencyPolicy = { maxInFlight: 10 };
let inFlight = 0;
const waitingForSlot: Array<() => void> = [];

async function inSlot<T>(send: () => Promise<T>): Promise<T> {
  while (inFlight >= concurrencyPolicy.maxInFlight) await new Promise<void>((resolve) => waitingForSlot.push(resolve));
  inFlight += 1;
  try {
    return await send();
  } finally {
    inFlight -= 1;
    waitingForSlot.shift()?.();
  }
}

/** Jira's error body: `{ errorMessages: string[], errors: { field: message } }`. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly retryAfterSeconds?: number,
  ) {
    super(`Jira answered ${status}${errorMessages.length ? `: ${errorMessages.join(' ')}` : ''}`);
    this.name = 'JiraHttpError';
  }
}

function retryAfterSeconds(res: APIResponse): number | undefined {
  const header = res.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function errorMessagesOf(res: APIResponse): Promise<string[]> {
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const { errorMessages, errors } = body as { errorMessages?: unknown; errors?: unknown };
      const messages = Array.isArray(errorMessages) ? errorMessages.filter((m): m is string => typeof m === 'string') : [];
      if (errors && typeof errors === 'object') {
        for (const [field, message] of Object.entries(errors)) {
          if (typeof message === 'string') messages.push(`${field}: ${message}`);
        }
      }
      return messages;
    }
  } catch {
    // Not JSON: the status alone has to do.
  }
  return [];
}

async function sendWithRetry(actor: Actor, path: Route, init?: RequestInit): Promise<APIResponse> {
  const client = actor === 'user' ? asUser() : asApp();
  for (let attempt = 0; ; attempt += 1) {
    const res = await inSlot(() => client.requestJira(path, init));
    if (res.ok || !RETRYABLE.has(res.status)) return res;
    const waitSeconds = retryAfterSeconds(res);
    const delay = retryDelayMs(retryPolicy, attempt, waitSeconds, Math.random());
    if (delay === null) throw new JiraHttpError(res.status, await errorMessagesOf(res), waitSeconds);
    await retryPolicy.sleep(delay);
  }
}

/**
 * What one call needs besides its route. The route stays the first argument, written as a literal at each call
 * site, and `method` a literal in this object: that is how `@forge/lint`'s permission linter finds every
 * `requestJira…(route`…`, { method })` call and checks the manifest's scopes against it.
 */
export interface JiraCall {
  as: Actor;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** What was asked for, in words for the person ("issue PAY-42"), used in the error they see. */
  subject?: string;
  /** The message for a 403 when it should read as "forbidden" rather than Jira's usual "not found or hidden". */
  forbidden?: string;
}

function initOf(call: JiraCall): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (call.body === undefined) return { method: call.method ?? 'GET', headers };
  return { method: call.method ?? 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(call.body) };
}

/**
 * Sends one call. With a `schema`, parses the successful JSON answer with it; without, expects no body that
 * matters (204). Every failure throws an AppError (see toAppError). The name is exactly `requestJira` on purpose: `@forge/lint`'s
 * permission linter recognises calls by that name whose first argument is a literal `route` template.
 */
export async function requestJira<T>(path: Route, call: JiraCall & { schema: z.ZodType<T> }): Promise<T>;
export async function requestJira(path: Route, call: JiraCall): Promise<void>;
export async function requestJira<T>(path: Route, call: JiraCall & { schema?: z.ZodType<T> }): Promise<T | void> {
  let res: APIResponse;
  try {
    res = await sendWithRetry(call.as, path, initOf(call));
    if (!res.ok) throw new JiraHttpError(res.status, await errorMessagesOf(res));
  } catch (error: unknown) {
    throw toAppError(error, call);
  }
  if (!call.schema) return;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const parsed = call.schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError('jira-unavailable', 'Jira answered in a shape Upstream does not recognise. Try again; if it persists, tell your Jira admin.');
  }
  return parsed.data;
}

/**
 * Every failure of a Jira call as an AppError a person can act on, so no caller needs a catch block of its own
 * and nothing reaches the resolver envelope as `internal`. By status: a 404 and a 403 read the same on purpose
 * (Jira hides what a user may not see) unless the call says a 403 means "forbidden". Anything that is not an
 * HTTP answer (the request never completed) is Jira being unavailable.
 */
export function toAppError(error: unknown, call: Pick<JiraCall, 'subject' | 'forbidden'> = {}): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof JiraHttpError)) {
    console.warn('Jira request failed before an answer:', error instanceof Error ? error.message : String(error));
    return new AppError('jira-unavailable', 'Upstream could not reach Jira. Try again in a moment.', { retryAfterSeconds: 5 });
  }
  const subject = call.subject ?? 'what you asked for';
  switch (error.status) {
    case 400:
      return new AppError('invalid-input', `Jira refused the request for ${subject}: ${sentenceOf(error.errorMessages.join(' ') || 'bad request')}`);
    case 401:
      return new AppError('unauthenticated', 'Your Jira session has ended. Reload the page and sign in again.');
    case 403:
      if (call.forbidden) return new AppError('forbidden', call.forbidden);
      return notFound(subject);
    case 404:
      return notFound(subject);
    case 429:
      return new AppError('rate-limited', `Jira is busy and asked Upstream to slow down. Try again in ${error.retryAfterSeconds ?? 30} s.`, {
        retryAfterSeconds: error.retryAfterSeconds ?? 30,
      });
    default:
      return new AppError('jira-unavailable', `Jira could not answer (${error.status}). Try again in a moment.`, {
        retryAfterSeconds: error.retryAfterSeconds ?? 5,
      });
  }
}

const notFound = (subject: string): AppError =>
  new AppError('not-found', `${capitalise(subject)} does not exist, or you do not have permission to see it.`);

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Jira's own messages usually end with a full stop and sometimes do not; the refusal ends with exactly one. */
function sentenceOf(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
