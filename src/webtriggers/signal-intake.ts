import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../contract/signals';
import { AppError } from '../errors';
import { receiveSignal } from '../services/signals/intake';

/** Header names arrive in whatever case the sender used; Forge gives each as an array of values. */
function header(req: WebTriggerRequest, name: string): string | undefined {
  const entry = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === name);
  const value = entry?.[1];
  return Array.isArray(value) ? value[0] : undefined;
}

export async function signalIntakeHandler(req: WebTriggerRequest): Promise<WebTriggerResponse> {
  try {
    const outcome = await receiveSignal({
      method: (req.method ?? '').toUpperCase(),
      contentType: header(req, 'content-type'),
      signature: header(req, SIGNATURE_HEADER),
      timestamp: header(req, TIMESTAMP_HEADER),
      rawBody: typeof req.body === 'string' ? req.body : '',
    });
    return { statusCode: outcome.status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(outcome.body) };
  } catch (error: unknown) {
    // Storage busy or unavailable: a sender retries a 503 with Retry-After by itself, and the same externalId
    // stores the signal once. Anything else is ours to fix, and stays a 500.
    if (error instanceof AppError && (error.code === 'storage-unavailable' || error.code === 'rate-limited')) {
      const seconds = error.details.retryAfterSeconds ?? 5;
      return {
        statusCode: 503,
        headers: { 'Content-Type': ['application/json'], 'Retry-After': [String(seconds)] },
        body: JSON.stringify({ error: error.code, message: `Upstream could not store the signal just now. Retry in ${seconds} s with the same externalId.` }),
      };
    }
    console.error('signal intake failed:', error);
    return {
      statusCode: 500,
      headers: { 'Content-Type': ['application/json'] },
      body: JSON.stringify({ error: 'internal', message: 'Upstream could not store the signal. Retry later with the same externalId.' }),
    };
  }
}
