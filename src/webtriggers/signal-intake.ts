import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../contract/signals';
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
    console.error('signal intake failed:', error);
    return {
      statusCode: 500,
      headers: { 'Content-Type': ['application/json'] },
      body: JSON.stringify({ error: 'internal', message: 'Upstream could not store the signal. Retry later with the same externalId.' }),
    };
  }
}
