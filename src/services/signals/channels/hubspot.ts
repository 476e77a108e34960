/**
 * HubSpot: a workflow's "Send a webhook" action (the record with its properties, and its associated company's
 * for a contact), signed with signature v3: base64 HMAC-SHA256 of method + full URI + body + timestamp (ms) with
 * the app's client secret, refused when older than 5 minutes. HubSpot retries on 5xx and timeouts, which the
 * (source, object id) key absorbs. Subscription events carry no text (only ids), so they are acknowledged and
 * not stored.
 */
import { HUBSPOT_SIGNATURE_HEADER, HUBSPOT_TIMESTAMP_HEADER } from '../../../contract/signals';
import {
  hmacBase64,
  jsonAnswer,
  MissingFields,
  parseJson,
  readArr,
  readText,
  refuseJson,
  safeEqual,
  storeChannelSignal,
  validExternalId,
  withinWindow,
  type ChannelAnswer,
  type ChannelRequest,
} from './common';

export const HUBSPOT_WINDOW_MS = 5 * 60 * 1000;

export const signHubSpot = (secret: string, method: string, uri: string, rawBody: string, timestampMs: string): string =>
  hmacBase64(secret, `${method}${uri}${rawBody}${timestampMs}`);

/** Workflow webhooks send properties as plain values; the legacy contact format as `{ value }`. */
function property(properties: unknown, name: string): unknown {
  if (!properties || typeof properties !== 'object') return undefined;
  const value = (properties as Record<string, unknown>)[name];
  return value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
}
const first = (properties: unknown, names: readonly string[]): string | undefined => {
  for (const name of names) {
    const value = readText(property(properties, name));
    if (value) return value;
  }
  return undefined;
};

const TEXT_PROPERTIES = ['upstream_signal', 'hs_note_body', 'hs_feedback_last_survey_comment', 'content', 'description', 'message'] as const;
const ARR_PROPERTIES = ['hs_arr', 'arr', 'upstream_arr'] as const;

/** One record from the body: its text, company and ARR, or why it cannot be a signal. */
function toSignal(record: unknown, raw: string) {
  if (!record || typeof record !== 'object' || Array.isArray(record)) throw new MissingFields('a record is not a JSON object');
  const r = record as Record<string, unknown>;
  const properties = r.properties;
  const objectId = readText(r.objectId) ?? readText(property(properties, 'hs_object_id')) ?? readText(r.vid);
  if (!objectId) throw new MissingFields('a record has no objectId (or hs_object_id)');
  const text = first(properties, TEXT_PROPERTIES);
  if (!text) throw new MissingFields(`record ${objectId.slice(0, 40)} has none of the properties ${TEXT_PROPERTIES.join(', ')}`);
  const company = (r['associated-company'] ?? r.associatedCompany) as Record<string, unknown> | undefined;
  const companyProps = company && typeof company === 'object' ? company.properties : undefined;
  const objectType = (readText(r.objectType) ?? 'object').toLowerCase().slice(0, 40);
  const customer = first(companyProps, ['name']) ?? first(properties, ['company', objectType === 'company' ? 'name' : 'associated_company_name']);
  const arrRaw = ARR_PROPERTIES.map((name) => property(companyProps, name) ?? property(properties, name)).find((v) => readArr(v) !== undefined);
  const firstName = first(properties, ['firstname']);
  const lastName = first(properties, ['lastname']);
  const person = [firstName, lastName].filter(Boolean).join(' ');
  return {
    source: 'hubspot' as const,
    externalId: validExternalId(`${objectType}:${objectId}`),
    customer,
    text,
    raisedByName: first(properties, ['upstream_raised_by', 'hubspot_owner_name']) ?? (person || undefined),
    raisedByEmail: first(properties, ['upstream_raised_by_email', 'email']),
    arr: readArr(arrRaw),
    rawPayload: raw,
  };
}

export async function handleHubSpot(req: ChannelRequest, secret: string, nowMs: number, method: string): Promise<ChannelAnswer> {
  const timestamp = req.headers[HUBSPOT_TIMESTAMP_HEADER];
  if (!withinWindow(timestamp, nowMs, HUBSPOT_WINDOW_MS, 'milliseconds')) {
    return refuseJson(401, 'bad-signature', 'X-HubSpot-Request-Timestamp is missing or more than 5 minutes from now (a replay, or a clock that is off).');
  }
  const given = req.headers[HUBSPOT_SIGNATURE_HEADER];
  // HubSpot signs the URI it called; the webtrigger can only offer the URLs it may have been called at.
  const matches = req.candidateUrls.map((uri) => safeEqual(signHubSpot(secret, method, uri, req.rawBody, timestamp ?? ''), given));
  if (!matches.includes(true)) {
    return refuseJson(401, 'bad-signature', "The X-HubSpot-Signature-v3 does not match. Check that Upstream has the HubSpot app's current client secret and that the webhook URL is the one the settings page shows.");
  }
  const json = parseJson(req.rawBody);
  if (!json.ok) return refuseJson(400, 'invalid-json', 'The body is not valid JSON.');
  const records = Array.isArray(json.value) ? json.value : [json.value];
  if (records.length === 0 || records.length > 100) return refuseJson(400, 'invalid-signal', 'Send between 1 and 100 records in one request.');
  const single = records.length === 1;
  const signals = [];
  const skipped: string[] = [];
  for (const record of records) {
    // Subscription events (`subscriptionType` with ids only) have no text to keep: acknowledged, not stored.
    if (record && typeof record === 'object' && 'subscriptionType' in record && !('properties' in record)) {
      skipped.push('a subscription event without properties');
      continue;
    }
    try {
      signals.push(toSignal(record, single ? req.rawBody : JSON.stringify(record)));
    } catch (error: unknown) {
      if (!(error instanceof MissingFields)) throw error;
      skipped.push(error.message);
    }
  }
  if (signals.length === 0) {
    const events = skipped.every((s) => s.startsWith('a subscription event'));
    if (events) return jsonAnswer(200, { stored: [], ignored: skipped.length }, 'ignored', 'subscription events only (no text): use a workflow "Send a webhook" action');
    return refuseJson(400, 'invalid-signal', `Nothing to store: ${skipped[0]}.`);
  }
  const results = [];
  for (const signal of signals) results.push(await storeChannelSignal(signal, Math.floor(nowMs / 1000)));
  const created = results.filter((r) => r.created).length;
  const reason = `${created} stored, ${results.length - created} already there${skipped.length ? `, ${skipped.length} skipped (${skipped[0]})` : ''}`;
  return jsonAnswer(created > 0 ? 202 : 200, { stored: results.map((r) => ({ id: r.id, duplicate: !r.created })) }, created > 0 ? 'accepted' : 'duplicate', reason);
}
