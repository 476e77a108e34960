import { z } from 'zod';
import type { SignalSource } from '../domain/signals';

/**
 * The sources a sender may name in Upstream's own signed JSON. The tools with a channel of their own (HubSpot,
 * Zendesk, Intercom, Salesforce) are left out on purpose: a JSON sender naming `zendesk` could otherwise claim the
 * (source, external id) of a real Zendesk ticket before Zendesk delivers it.
 */
export const JSON_INTAKE_SOURCES = ['slack', 'crm', 'csv', 'form'] as const satisfies readonly SignalSource[];

/**
 * The JSON body the `signal-intake` webtrigger accepts. `externalId` is the sender's own id for the signal
 * (Slack message ts, CRM note id …): sending the same one twice stores one signal.
 */
export const signalIntakeBodySchema = z
  .object({
    externalId: z.string().trim().min(1).max(200).regex(/^[\w.:\-#/@]+$/, 'externalId may use letters, digits and . : - # / @ _'),
    source: z.enum(JSON_INTAKE_SOURCES),
    customer: z.string().trim().min(1).max(200),
    text: z.string().trim().min(1).max(5000),
    raisedBy: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(320).optional() }).strict(),
    arr: z.number().nonnegative().max(1e12).optional(),
  })
  .strict();
export type SignalIntakeBody = z.infer<typeof signalIntakeBodySchema>;

/** Headers the sender signs with: HMAC-SHA256 over `${timestamp}.${rawBody}` with the intake secret. */
export const SIGNATURE_HEADER = 'x-upstream-signature';
export const TIMESTAMP_HEADER = 'x-upstream-timestamp';
/** A signature older (or further in the future) than this is refused, so a captured request cannot be replayed later. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;
/** Larger bodies are refused before parsing. */
export const MAX_INTAKE_BODY_BYTES = 64 * 1024;

/**
 * The tools with a path of their own on the `signal-intake` webtrigger (`<trigger URL>/slack` …), each verified
 * the way that tool signs its requests. Upstream's own JSON stays at the trigger URL itself.
 */
export const INTAKE_CHANNELS = ['slack', 'hubspot', 'zendesk', 'intercom', 'salesforce'] as const satisfies readonly SignalSource[];
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const intakeChannelSchema = z.enum(INTAKE_CHANNELS);

/** Channels whose secret the tool itself generates (Slack's signing secret, HubSpot's client secret …): the admin pastes it. */
export const PASTED_SECRET_CHANNELS = ['slack', 'hubspot', 'zendesk', 'intercom'] as const satisfies readonly IntakeChannel[];
export type PastedSecretChannel = (typeof PASTED_SECRET_CHANNELS)[number];

/** Salesforce Outbound Messages cannot sign: the secret Upstream generates is the last segment of the URL path. */
export const channelPath = (channel: IntakeChannel, salesforceSecret = '<secret>'): string =>
  channel === 'salesforce' ? `/salesforce/${salesforceSecret}` : `/${channel}`;

/** A Salesforce organisation id: 15 characters, or 18 with Salesforce's case-check suffix; always starts `00D`. */
export const salesforceOrganizationIdSchema = z
  .string()
  .trim()
  .regex(/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, 'A Salesforce organisation id has 15 or 18 letters and digits and starts with 00D (Setup → Company Information).');

/** What happened to the last request a channel received: shown on the settings page. */
export const CHANNEL_OUTCOMES = ['accepted', 'duplicate', 'ignored', 'refused'] as const;
export const channelLastRequestSchema = z.object({
  at: z.string(),
  outcome: z.enum(CHANNEL_OUTCOMES),
  status: z.number().int(),
  reason: z.string(),
});
export type ChannelLastRequest = z.infer<typeof channelLastRequestSchema>;

/** Header names of each tool's signing scheme (lower case: the webtrigger matches header names case-insensitively). */
export const SLACK_SIGNATURE_HEADER = 'x-slack-signature';
export const SLACK_TIMESTAMP_HEADER = 'x-slack-request-timestamp';
export const HUBSPOT_SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const HUBSPOT_TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
export const ZENDESK_SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const ZENDESK_TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';
export const INTERCOM_SIGNATURE_HEADER = 'x-hub-signature';
/**
 * Salesforce may batch up to 100 notifications in one message, so its bodies are allowed to be larger — but the
 * raw payload is stored beside the signal in one Forge SQL request (1 MiB), where escaping can grow it up to six
 * times: 128 KiB stays inside that at worst.
 */
export const MAX_SALESFORCE_BODY_BYTES = 128 * 1024;
