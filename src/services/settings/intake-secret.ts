import { randomBytes } from 'node:crypto';
import type { ResolverOutput } from '../../contract';
import { requireJiraAdmin } from './jira-admin';
import { readIntakeSecret, readIntakeSecretRotatedAt, writeIntakeSecret } from '../../store/settings-store';
import { clock } from '../clock';

export async function intakeSettings(): Promise<ResolverOutput<'settings.overview'>> {
  // Read alongside the permission check to save a round trip; nothing read is returned unless it passes.
  const [, secret, rotatedAt] = await Promise.all([requireJiraAdmin(), readIntakeSecret(), readIntakeSecretRotatedAt()]);
  return { intakeSecretConfigured: secret !== null, intakeSecretRotatedAt: secret ? rotatedAt : null };
}

export async function rotateIntakeSecret(): Promise<ResolverOutput<'settings.rotateIntakeSecret'>> {
  await requireJiraAdmin();
  const secret = randomBytes(32).toString('base64url');
  const rotatedAt = clock.now().toISOString();
  await writeIntakeSecret(secret, rotatedAt);
  return { secret, rotatedAt };
}
