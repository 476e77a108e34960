/** The site's default target mix (plain KVS key), set by a Jira admin; gadgets start from it. */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { targetMixProblem, type TargetMix } from '../domain/sprint-shape';
import { withStorageRetry } from './storage-retry';
import { readStored } from './stored-record';

const TARGET_MIX_KEY = 'settings:target-mix';
const TARGET_MIX_KIND = 'target-mix';

/** Whole percentages per work type adding to 100, by the domain's rule; any other key is ignored. */
const storedTargetSchema = z
  .object({ Innovative: z.number(), Corrective: z.number(), Enabling: z.number() })
  .superRefine((target, ctx) => {
    const problem = targetMixProblem(target);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }) satisfies z.ZodType<TargetMix>;

const storedTargetMixSchema = z.object({ target: storedTargetSchema, updatedAt: z.iso.datetime() });
export type StoredTargetMix = { target: TargetMix; updatedAt: string };

/** The stored default, or null when none was saved or what is stored no longer reads back as a target mix (reported). */
export async function readTargetMix(): Promise<StoredTargetMix | null> {
  const value: unknown = await withStorageRetry(() => kvs.get(TARGET_MIX_KEY));
  return readStored(TARGET_MIX_KIND, TARGET_MIX_KEY, storedTargetMixSchema, value);
}

export async function writeTargetMix(target: TargetMix, updatedAt: string): Promise<void> {
  const stored: StoredTargetMix = { target: { Innovative: target.Innovative, Corrective: target.Corrective, Enabling: target.Enabling }, updatedAt };
  await withStorageRetry(() => kvs.set(TARGET_MIX_KEY, stored));
}
