/** The site's default target mix: anyone may read it (the gadget's edit view starts from it); only Jira admins change it. */
import type { ResolverOutput } from '../../contract';
import type { TargetMixDto } from '../../contract/sprint-shape';
import { requireJiraAdmin } from './jira-admin';
import { readTargetMix, writeTargetMix } from '../../store/target-mix-store';
import { clock } from '../clock';

/** What a team aims for until an admin says otherwise: mostly new value, a quarter each keeping it running and healthy. */
export const APP_DEFAULT_TARGET_MIX: TargetMixDto = { Innovative: 50, Corrective: 25, Enabling: 25 };

export async function defaultTargetMix(): Promise<ResolverOutput<'settings.targetMix.get'>> {
  const stored = await readTargetMix();
  return stored
    ? { target: stored.target, isDefault: false, updatedAt: stored.updatedAt }
    : { target: APP_DEFAULT_TARGET_MIX, isDefault: true, updatedAt: null };
}

export async function saveDefaultTargetMix(target: TargetMixDto): Promise<ResolverOutput<'settings.targetMix.save'>> {
  await requireJiraAdmin('Only Jira admins can change the default target mix. Ask a Jira admin to do this for you.');
  const updatedAt = clock.now().toISOString();
  await writeTargetMix(target, updatedAt);
  return { target, isDefault: false, updatedAt };
}
