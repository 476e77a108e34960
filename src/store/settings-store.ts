import { kvs } from '@forge/kvs';
import { z } from 'zod';

const INTAKE_SECRET_KEY = 'signal-intake-secret';
const INTAKE_SECRET_ROTATED_AT_KEY = 'settings:intake-secret-rotated-at';
const rotatedAtSchema = z.iso.datetime();

export async function readIntakeSecret(): Promise<string | null> {
  const secret: unknown = await kvs.getSecret(INTAKE_SECRET_KEY);
  return typeof secret === 'string' && secret.length > 0 ? secret : null;
}

/** When the secret was last rotated; a stored value that does not read back as a timestamp counts as unknown. */
export async function readIntakeSecretRotatedAt(): Promise<string | null> {
  const parsed = rotatedAtSchema.safeParse(await kvs.get(INTAKE_SECRET_ROTATED_AT_KEY));
  return parsed.success ? parsed.data : null;
}

export async function writeIntakeSecret(secret: string, rotatedAt: string): Promise<void> {
  await kvs.setSecret(INTAKE_SECRET_KEY, secret);
  await kvs.set(INTAKE_SECRET_ROTATED_AT_KEY, rotatedAt);
}
