/**
 * Intercom: webhook notifications (`notification_event`) for conversations, signed with the app's client
 * secret: `X-Hub-Signature: sha1=` + hex HMAC-SHA1 of the body. Intercom's signature has no timestamp, so replay
 * protection is the (source, conversation id) key: a replayed notification stores nothing new. One conversation
 * is one signal (its first message); later replies on it answer "duplicate". `ping` and topics without a
 * conversation are acknowledged and not stored.
 */
import { INTERCOM_SIGNATURE_HEADER } from '../../../contract/signals';
import { hmacHex, htmlToText, jsonAnswer, MissingFields, parseJson, readArr, readText, refuseJson, safeEqual, storeChannelSignal, validExternalId, type ChannelAnswer, type ChannelRequest } from './common';

export const signIntercom = (secret: string, rawBody: string): string => `sha1=${hmacHex('sha1', secret, rawBody)}`;

const obj = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The conversation's company: on the item itself, or the first of its (or its contact's) companies. */
function companyOf(item: Record<string, unknown>): Record<string, unknown> {
  if (item.company) return obj(item.company);
  const companies = obj(item.companies);
  const list = Array.isArray(companies.data) ? companies.data : Array.isArray(companies.companies) ? companies.companies : Array.isArray(item.companies) ? item.companies : [];
  return obj(list[0]);
}

function toSignal(item: Record<string, unknown>, raw: string) {
  const id = readText(item.id);
  if (!id) throw new MissingFields('data.item.id is missing');
  const source = obj(item.source);
  const text = htmlToText(readText(source.body) ?? '') || readText(source.subject);
  if (!text) throw new MissingFields(`conversation ${id.slice(0, 40)} has no source.body`);
  const author = obj(source.author);
  const company = companyOf(item);
  // Intercom keeps monthly spend on a company; an `arr` custom attribute wins where a workspace keeps one.
  const monthly = readArr(company.monthly_spend);
  const arr = readArr(obj(company.custom_attributes).arr) ?? (monthly !== undefined ? monthly * 12 : undefined);
  return {
    source: 'intercom' as const,
    externalId: validExternalId(`conversation-${id}`),
    customer: readText(company.name),
    text,
    raisedByName: readText(author.name),
    raisedByEmail: readText(author.email),
    arr,
    rawPayload: raw,
  };
}

export async function handleIntercom(req: ChannelRequest, secret: string, nowMs: number): Promise<ChannelAnswer> {
  if (!safeEqual(signIntercom(secret, req.rawBody), req.headers[INTERCOM_SIGNATURE_HEADER])) {
    return refuseJson(401, 'bad-signature', "The X-Hub-Signature does not match. Check that Upstream has the Intercom app's current client secret.");
  }
  const json = parseJson(req.rawBody);
  if (!json.ok) return refuseJson(400, 'invalid-json', 'The body is not valid JSON.');
  const body = obj(json.value);
  const topic = readText(body.topic);
  if (body.type !== 'notification_event' || !topic) return refuseJson(400, 'invalid-signal', 'Expected an Intercom notification_event with a topic.');
  const item = obj(obj(body.data).item);
  if (topic === 'ping' || item.type !== 'conversation') {
    return jsonAnswer(200, { stored: false }, 'ignored', `topic ${topic.slice(0, 60)} has no conversation to keep`);
  }
  let signal;
  try {
    signal = toSignal(item, req.rawBody);
  } catch (error: unknown) {
    if (error instanceof MissingFields) return refuseJson(400, 'invalid-signal', `Nothing to store: ${error.message}.`);
    throw error;
  }
  const { id, created } = await storeChannelSignal(signal, Math.floor(nowMs / 1000));
  return jsonAnswer(created ? 202 : 200, { id, duplicate: !created }, created ? 'accepted' : 'duplicate', `${signal.externalId}${created ? ' stored' : ' already there'}`);
}
