import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../contract/signals';
import { AppError } from '../errors';
import { receiveChannelRequest, routeChannel } from '../services/signals/channels';
import { receiveSignal } from '../services/signals/intake';

/** Header names arrive in whatever case the sender used; Forge gives each as an array of values. */
function headersOf(req: WebTriggerRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headers ?? {})) {
    const value = Array.isArray(values) ? values[0] : undefined;
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return headers;
}

/**
 * The part of the URL after the trigger's own: Forge gives it as `userPath` (one trigger, several paths); where
 * only `path` arrives, the trigger's own prefix (`/x1/<id>` or `/public/<id>`) is taken off it.
 */
export function userPathOf(req: WebTriggerRequest & { userPath?: unknown }): string {
  if (typeof req.userPath === 'string') return req.userPath;
  const path = typeof req.path === 'string' ? req.path : '';
  return path.replace(/^\/(x1|public)\/[^/]+/, '');
}

/** `?a=1&b=2` as the sender sent it, rebuilt from Forge's parsed parameters (HubSpot signs the full URI). */
function queryOf(req: WebTriggerRequest): string {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(req.queryParameters ?? {})) for (const value of values ?? []) params.append(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const json = (statusCode: number, body: unknown, headers: Record<string, string[]> = {}): WebTriggerResponse => ({
  statusCode,
  headers: { 'Content-Type': ['application/json'], ...headers },
  body: JSON.stringify(body),
});

export async function signalIntakeHandler(req: WebTriggerRequest): Promise<WebTriggerResponse> {
  try {
    const userPath = userPathOf(req);
    const headers = headersOf(req);
    const rawBody = typeof req.body === 'string' ? req.body : '';
    const method = (typeof req.method === 'string' ? req.method : '').toUpperCase();
    if (userPath.replace(/\/+$/, '') !== '') {
      const route = routeChannel(userPath);
      if (!route) {
        return json(404, { error: 'not-found', message: 'No intake channel at this path. Use /slack, /hubspot, /zendesk, /intercom or /salesforce/<secret>.' });
      }
      const query = queryOf(req);
      const host = headers.host;
      const path = typeof req.path === 'string' ? req.path : '';
      const candidateUrls = host ? [`https://${host}${path}${query}`, `http://${host}${path}${query}`] : [];
      const answer = await receiveChannelRequest(route.channel, { method, rest: route.rest, headers, rawBody, query, candidateUrls });
      const extra: Record<string, string[]> = {};
      for (const [name, value] of Object.entries(answer.headers ?? {})) extra[name] = [value];
      return { statusCode: answer.status, headers: { 'Content-Type': [answer.contentType], ...extra }, body: answer.body };
    }
    const outcome = await receiveSignal({
      method,
      contentType: headers['content-type'],
      signature: headers[SIGNATURE_HEADER],
      timestamp: headers[TIMESTAMP_HEADER],
      rawBody,
    });
    return json(outcome.status, outcome.body);
  } catch (error: unknown) {
    // Storage busy or unavailable: a sender retries a 503 with Retry-After by itself, and the same externalId
    // stores the signal once. Anything else is ours to fix, and stays a 500.
    if (error instanceof AppError && (error.code === 'storage-unavailable' || error.code === 'rate-limited')) {
      const seconds = error.details.retryAfterSeconds ?? 5;
      return json(
        503,
        { error: error.code, message: `Upstream could not store the signal just now. Retry in ${seconds} s with the same externalId.` },
        { 'Retry-After': [String(seconds)] },
      );
    }
    console.error('signal intake failed:', error);
    return json(500, { error: 'internal', message: 'Upstream could not store the signal. Retry later with the same externalId.' });
  }
}
