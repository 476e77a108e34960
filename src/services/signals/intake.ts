/**
 * Receives one signal from outside (CRM, Slack bridge, form): authenticate, validate, store once. The
 * platform does no authentication on webtriggers, so the signature check here is the only gate.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  MAX_INTAKE_BODY_BYTES,
  SIGNATURE_MAX_AGE_SECONDS,
  signalIntakeBodySchema,
} from '../../contract/signals';
import { readIntakeSecret } from '../../store/settings-store';
import { createSignalOnce } from '../../store/signal-repository';
import { clock } from '../clock';
import { afterSignalStored } from './process';

export type IntakeOutcome =
  | { status: 202 | 200; body: { id: string; duplicate: boolean } }
  | { status: 400 | 401 | 405 | 413 | 415 | 503; body: { error: string; message: string; fields?: Record<string, string> } };

export interface IntakeRequest {
  method: string;
  contentType: string | undefined;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string;
}

export const signIntakeBody = (secret: string, timestamp: string, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const refuse = (status: 400 | 401 | 405 | 413 | 415 | 503, error: string, message: string, fields?: Record<string, string>): IntakeOutcome => ({
  status,
  body: fields ? { error, message, fields } : { error, message },
});

export async function receiveSignal(req: IntakeRequest): Promise<IntakeOutcome> {
  if (req.method !== 'POST') return refuse(405, 'method-not-allowed', 'Send signals with POST.');
  if (Buffer.byteLength(req.rawBody, 'utf8') > MAX_INTAKE_BODY_BYTES) {
    return refuse(413, 'too-large', `A signal may be at most ${MAX_INTAKE_BODY_BYTES / 1024} KiB.`);
  }
  if (!req.contentType?.toLowerCase().startsWith('application/json')) {
    return refuse(415, 'unsupported-media-type', 'Send the signal as JSON with Content-Type: application/json.');
  }
  const secret = await readIntakeSecret();
  if (!secret) {
    return refuse(503, 'not-configured', 'Signal intake is not set up yet: a Jira admin must create an intake secret on the Upstream settings page.');
  }
  const timestamp = req.timestamp ?? '';
  const seconds = Number(timestamp);
  const nowSeconds = Math.floor(clock.now().getTime() / 1000);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - seconds) > SIGNATURE_MAX_AGE_SECONDS) {
    return refuse(401, 'bad-signature', `Sign the request with a current Unix timestamp (within ${SIGNATURE_MAX_AGE_SECONDS} s).`);
  }
  if (!req.signature || !signatureMatches(signIntakeBody(secret, timestamp, req.rawBody), req.signature)) {
    return refuse(401, 'bad-signature', 'The signature does not match. Sign `<timestamp>.<body>` with HMAC-SHA256 and the intake secret.');
  }
  let json: unknown;
  try {
    json = JSON.parse(req.rawBody);
  } catch {
    return refuse(400, 'invalid-json', 'The body is not valid JSON.');
  }
  const parsed = signalIntakeBodySchema.safeParse(json);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || '(body)'] ??= issue.message;
    return refuse(400, 'invalid-signal', 'The signal is missing fields or has fields of the wrong kind; see `fields`.', fields);
  }
  const body = parsed.data;
  const { id, created } = await createSignalOnce({
    externalId: body.externalId,
    source: body.source,
    state: 'new',
    receivedAt: nowSeconds,
    customer: body.customer,
    text: body.text,
    raisedByName: body.raisedBy.name,
    ...(body.raisedBy.email ? { raisedByEmail: body.raisedBy.email } : {}),
    ...(body.arr !== undefined ? { arr: body.arr } : {}),
  });
  // Recorded before answering: a 2xx means the signal AND its processing's outbox row are committed. A failed
  // push is logged inside and does not fail the request: the sweeper pushes the row again.
  await afterSignalStored(id, { matchRaiser: body.raisedBy.email !== undefined });
  return { status: created ? 202 : 200, body: { id, duplicate: !created } };
}
