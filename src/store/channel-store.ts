/**
 * Per-channel intake settings in KVS: each channel's signing secret (a KVS secret, never read back by the UI),
 * when it was last set, Salesforce's organisation id, and the last request each channel received (so an admin
 * can see why Slack or Zendesk is being refused without reading logs).
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { withStorageRetry } from './storage-retry';
import { readStored } from './stored-record';

/** The channels with a secret of their own. Kept here (store knows no contract) and checked against the contract's list there. */
export const STORED_CHANNELS = ['slack', 'hubspot', 'zendesk', 'intercom', 'salesforce'] as const;
export type StoredChannel = (typeof STORED_CHANNELS)[number];

const SETTING_KIND = 'channel-setting';
const secretKey = (channel: StoredChannel) => `channel-secret:${channel}`;
const setAtKey = (channel: StoredChannel) => `settings:channel-secret-set-at:${channel}`;
const lastRequestKey = (channel: StoredChannel) => `channel-last-request:${channel}`;
const SALESFORCE_ORG_KEY = 'settings:salesforce-organization-id';

const secretSchema = z.string().min(1);
const setAtSchema = z.iso.datetime();
const organizationIdSchema = z.string().regex(/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/);

/** The last request a channel received, as stored: strict on write, lenient on read (a later outcome still reads). */
export const storedLastRequestSchema = z.object({
  at: z.iso.datetime(),
  outcome: z.string().min(1).max(32),
  status: z.number().int(),
  reason: z.string().max(500),
});
export type StoredLastRequest = z.infer<typeof storedLastRequestSchema>;

export async function readChannelSecret(channel: StoredChannel): Promise<string | null> {
  const value: unknown = await withStorageRetry(() => kvs.getSecret(secretKey(channel)));
  return readStored(SETTING_KIND, secretKey(channel), secretSchema, value);
}

export async function readChannelSecretSetAt(channel: StoredChannel): Promise<string | null> {
  const value: unknown = await withStorageRetry(() => kvs.get(setAtKey(channel)));
  return readStored(SETTING_KIND, setAtKey(channel), setAtSchema, value);
}

export async function writeChannelSecret(channel: StoredChannel, secret: string, setAt: string): Promise<void> {
  secretSchema.parse(secret);
  setAtSchema.parse(setAt);
  await withStorageRetry(() => kvs.setSecret(secretKey(channel), secret));
  await withStorageRetry(() => kvs.set(setAtKey(channel), setAt));
}

export async function readSalesforceOrganizationId(): Promise<string | null> {
  const value: unknown = await withStorageRetry(() => kvs.get(SALESFORCE_ORG_KEY));
  return readStored(SETTING_KIND, SALESFORCE_ORG_KEY, organizationIdSchema, value);
}

export async function writeSalesforceOrganizationId(organizationId: string): Promise<void> {
  const value = organizationIdSchema.parse(organizationId);
  await withStorageRetry(() => kvs.set(SALESFORCE_ORG_KEY, value));
}

export async function readLastRequest(channel: StoredChannel): Promise<StoredLastRequest | null> {
  const value: unknown = await withStorageRetry(() => kvs.get(lastRequestKey(channel)));
  return readStored(SETTING_KIND, lastRequestKey(channel), storedLastRequestSchema, value);
}

export async function writeLastRequest(channel: StoredChannel, request: StoredLastRequest): Promise<void> {
  const value = storedLastRequestSchema.parse(request);
  await withStorageRetry(() => kvs.set(lastRequestKey(channel), value));
}
