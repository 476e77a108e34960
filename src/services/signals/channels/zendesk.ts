/**
 * Zendesk: a trigger or automation that notifies a webhook with the JSON body the README gives (ticket,
 * requester, organization with its ARR field), or a ticket-created event subscription. Zendesk signs with the
 * webhook's own signing secret: base64 HMAC-SHA256 of timestamp + body. The timestamp (ISO 8601) must be within
 * 5 minutes, so a captured request cannot be replayed later.
 */
import { ZENDESK_SIGNATURE_HEADER, ZENDESK_TIMESTAMP_HEADER } from '../../../contract/signals';
import { hmacBase64, jsonAnswer, MissingFields, parseJson, readArr, readText, refuseJson, safeEqual, storeChannelSignal, validExternalId, type ChannelAnswer, type ChannelRequest } from './common';

export const ZENDESK_WINDOW_MS = 5 * 60 * 1000;
export const signZendesk = (secret: string, timestamp: string, rawBody: string): string => hmacBase64(secret, `${timestamp}${rawBody}`);

const obj = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function toSignal(body: Record<string, unknown>, raw: string) {
  // The event subscription's shape puts the ticket under `detail`; the trigger template under `ticket`.
  const isEvent = typeof body.type === 'string' && body.type.startsWith('zen:event-type:ticket');
  const ticket = obj(isEvent ? body.detail : body.ticket);
  const id = readText(ticket.id);
  if (!id) throw new MissingFields(isEvent ? 'detail.id is missing' : 'ticket.id is missing');
  const description = readText(ticket.description) ?? readText(ticket.latest_comment);
  const subject = readText(ticket.subject) ?? readText(ticket.title);
  const text = description && subject && !description.startsWith(subject) ? `${subject}\n\n${description}` : (description ?? subject);
  if (!text) throw new MissingFields(`ticket ${id.slice(0, 40)} has neither description nor subject`);
  const requester = obj(body.requester ?? ticket.requester);
  const organization = obj(body.organization ?? ticket.organization);
  return {
    source: 'zendesk' as const,
    externalId: validExternalId(`ticket-${id}`),
    customer: readText(organization.name),
    text,
    raisedByName: readText(requester.name),
    raisedByEmail: readText(requester.email),
    arr: readArr(organization.arr ?? obj(organization.custom_fields).arr),
    rawPayload: raw,
  };
}

export async function handleZendesk(req: ChannelRequest, secret: string, nowMs: number): Promise<ChannelAnswer> {
  const timestamp = req.headers[ZENDESK_TIMESTAMP_HEADER];
  const at = timestamp ? Date.parse(timestamp) : NaN;
  if (!Number.isFinite(at) || Math.abs(nowMs - at) > ZENDESK_WINDOW_MS) {
    return refuseJson(401, 'bad-signature', 'X-Zendesk-Webhook-Signature-Timestamp is missing or more than 5 minutes from now (a replay, or a clock that is off).');
  }
  if (!safeEqual(signZendesk(secret, timestamp ?? '', req.rawBody), req.headers[ZENDESK_SIGNATURE_HEADER])) {
    return refuseJson(401, 'bad-signature', "The X-Zendesk-Webhook-Signature does not match. Copy the webhook's signing secret (Admin Center → Webhooks → Reveal secret) into Upstream.");
  }
  const json = parseJson(req.rawBody);
  if (!json.ok) return refuseJson(400, 'invalid-json', 'The body is not valid JSON.');
  let signal;
  try {
    signal = toSignal(obj(json.value), req.rawBody);
  } catch (error: unknown) {
    if (error instanceof MissingFields) return refuseJson(400, 'invalid-signal', `Nothing to store: ${error.message}.`);
    throw error;
  }
  const { id, created } = await storeChannelSignal(signal, Math.floor(nowMs / 1000));
  return jsonAnswer(created ? 202 : 200, { id, duplicate: !created }, created ? 'accepted' : 'duplicate', `${signal.externalId}${created ? ' stored' : ' already there'}`);
}
