/** The site's default target mix (plain KVS key), set by a Jira admin; gadgets start from it. */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { targetMixSchema, type TargetMixDto } from '../contract/sprint-shape';

const TARGET_MIX_KEY = 'settings:target-mix';

const storedTargetMixSchema = z.object({ target: targetMixSchema, updatedAt: z.iso.datetime() });
export type StoredTargetMix = z.infer<typeof storedTargetMixSchema>;

/** The stored default, or null when none was saved or what is stored no longer reads back as a target mix. */
export async function readTargetMix(): Promise<StoredTargetMix | null> {
  const parsed = storedTargetMixSchema.safeParse(await kvs.get(TARGET_MIX_KEY));
  return parsed.success ? parsed.data : null;
}

export async function writeTargetMix(target: TargetMixDto, updatedAt: string): Promise<void> {
  await kvs.set(TARGET_MIX_KEY, { target, updatedAt } satisfies StoredTargetMix);
}
