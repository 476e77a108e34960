/** The signal-intake secret (a KVS secret) and when it was last rotated (a plain key). */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { withStorageRetry } from './storage-retry';
import { readStored } from './stored-record';

const INTAKE_SECRET_KEY = 'signal-intake-secret';
const INTAKE_SECRET_ROTATED_AT_KEY = 'settings:intake-secret-rotated-at';
const SETTING_KIND = 'setting';
const secretSchema = z.string();
const rotatedAtSchema = z.iso.datetime();

/** The secret, or null when none is set; a stored value that is not a string is reported and counts as none. */
export async function readIntakeSecret(): Promise<string | null> {
  const secret = readStored(SETTING_KIND, INTAKE_SECRET_KEY, secretSchema, await withStorageRetry(() => kvs.getSecret(INTAKE_SECRET_KEY)));
  return secret && secret.length > 0 ? secret : null;
}

/** When the secret was last rotated; a stored value that does not read back as a timestamp is reported and counts as unknown. */
export async function readIntakeSecretRotatedAt(): Promise<string | null> {
  const value: unknown = await withStorageRetry(() => kvs.get(INTAKE_SECRET_ROTATED_AT_KEY));
  return readStored(SETTING_KIND, INTAKE_SECRET_ROTATED_AT_KEY, rotatedAtSchema, value);
}

export async function writeIntakeSecret(secret: string, rotatedAt: string): Promise<void> {
  await withStorageRetry(() => kvs.setSecret(INTAKE_SECRET_KEY, secret));
  await withStorageRetry(() => kvs.set(INTAKE_SECRET_ROTATED_AT_KEY, rotatedAt));
}
