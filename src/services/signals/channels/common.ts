/**
 * What every intake channel shares: the request as the webtrigger hands it over, the answer with what to record
 * for the settings page, constant-time signature checks, and storing one signal once with its raw payload.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { IntakeChannel } from '../../../contract/signals';
import type { SignalSource } from '../../../domain/signals';
import { createSignalOnce } from '../../../store/signal-repository';
import { afterSignalStored } from '../process';

export interface ChannelRequest {
  method: string;
  /** What follows the channel's own path segment (Salesforce's secret), without slashes; '' for the others. */
  rest: string;
  /** Header values by lower-case name. */
  headers: Readonly<Record<string, string>>;
  rawBody: string;
  /** The absolute URLs the sender may have called (HubSpot signs the full URI). */
  candidateUrls: readonly string[];
}

export type ChannelOutcome = 'accepted' | 'duplicate' | 'ignored' | 'refused';

export interface ChannelAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
  /** For the settings page's "last request": what happened and why, in words an admin can act on. */
  outcome: ChannelOutcome;
  reason: string;
}

export const UNKNOWN_CUSTOMER = 'Unknown customer';
const MAX_TEXT = 5000;
const MAX_NAME = 200;
const MAX_EXTERNAL_ID = 200;

/** Equal-length buffers compared in constant time; a length difference is not secret (every valid signature has one length). */
export function safeEqual(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const hmacHex = (algorithm: 'sha1' | 'sha256', secret: string, data: string): string =>
  createHmac(algorithm, secret).update(data, 'utf8').digest('hex');
export const hmacBase64 = (secret: string, data: string): string => createHmac('sha256', secret).update(data, 'utf8').digest('base64');

export const jsonAnswer = (status: number, body: unknown, outcome: ChannelOutcome, reason: string, headers?: Record<string, string>): ChannelAnswer => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
  outcome,
  reason,
  ...(headers ? { headers } : {}),
});

/** The refusal most tools expect: a status and a JSON body naming the error. */
export const refuseJson = (status: number, error: string, message: string): ChannelAnswer =>
  jsonAnswer(status, { error, message }, 'refused', message);

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Text is kept to what a signal holds; the raw payload keeps the whole of it. */
export function clip(text: string, max = MAX_TEXT): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

/** HTML from Intercom and similar bodies, reduced to readable text (tags out, the common entities decoded). */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** ARR arrives as a number or as text ("184000", "184,000.50", ""); anything else is no ARR rather than a refusal. */
export function readArr(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.replace(/[,\s]/g, '')) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 1e12 ? Math.round(n * 100) / 100 : undefined;
}

/** A non-empty string from a value that may be a string or number (ids come both ways), else undefined. */
export function readText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

const emailSchema = z.email().max(320);

export interface ChannelSignal {
  source: SignalSource;
  externalId: string;
  customer?: string | undefined;
  text: string;
  raisedByName?: string | undefined;
  raisedByEmail?: string | undefined;
  arr?: number | undefined;
  rawPayload: string;
}

/** Why a signal could not be made from a payload, in words for the sender's admin. */
export class MissingFields extends Error {}

/** Checks what the tables can hold before anything is written: a too-long id is refused, long text is clipped. */
export function validExternalId(id: string): string {
  const trimmed = id.trim();
  if (trimmed.length === 0) throw new MissingFields('the payload has no id to store it once by');
  if (trimmed.length > MAX_EXTERNAL_ID) throw new MissingFields(`its id is longer than ${MAX_EXTERNAL_ID} characters`);
  return trimmed;
}

/** Stores the signal once per (source, external id), then hands it to processing; a duplicate is processed again harmlessly. */
export async function storeChannelSignal(signal: ChannelSignal, receivedAtSeconds: number): Promise<{ id: string; created: boolean }> {
  const email = signal.raisedByEmail && emailSchema.safeParse(signal.raisedByEmail).success ? signal.raisedByEmail : undefined;
  const { id, created } = await createSignalOnce({
    externalId: validExternalId(signal.externalId),
    source: signal.source,
    state: 'new',
    receivedAt: receivedAtSeconds,
    customer: clip(signal.customer ?? '', MAX_NAME) || UNKNOWN_CUSTOMER,
    text: clip(signal.text),
    raisedByName: clip(signal.raisedByName ?? '', MAX_NAME) || sourceName(signal.source),
    ...(email ? { raisedByEmail: email } : {}),
    ...(signal.arr !== undefined ? { arr: signal.arr } : {}),
    rawPayload: signal.rawPayload,
  });
  await afterSignalStored(id, { matchRaiser: signal.source === 'slack' || email !== undefined });
  return { id, created };
}

const SOURCE_NAMES: Partial<Record<SignalSource, string>> = {
  slack: 'Slack',
  hubspot: 'HubSpot',
  zendesk: 'Zendesk',
  intercom: 'Intercom',
  salesforce: 'Salesforce',
};
export const sourceName = (source: SignalSource | IntakeChannel): string => SOURCE_NAMES[source] ?? source;

/** A Unix timestamp in seconds (Slack) or milliseconds (HubSpot) within the window of now, or false. */
export function withinWindow(timestamp: string | undefined, nowMs: number, windowMs: number, unit: 'seconds' | 'milliseconds'): boolean {
  if (!timestamp || !/^\d{1,16}$/.test(timestamp)) return false;
  const ms = unit === 'seconds' ? Number(timestamp) * 1000 : Number(timestamp);
  return Math.abs(nowMs - ms) <= windowMs;
}
