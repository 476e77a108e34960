import { randomBytes } from 'node:crypto';
import type { ResolverOutput } from '../contract';
import { AppError } from '../errors';
import { userHasGlobalPermission } from '../jira/permissions';
import { readIntakeSecret, readIntakeSecretRotatedAt, writeIntakeSecret } from '../store/settings-store';
import { clock } from './clock';

/** Settings are app data read asApp, so the caller must be a Jira admin before anything is returned. */
async function requireJiraAdmin(): Promise<void> {
  if (!(await userHasGlobalPermission('ADMINISTER'))) {
    throw new AppError('forbidden', 'Only Jira admins can see or change Upstream settings. Ask a Jira admin to do this for you.');
  }
}

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
