/**
 * Who may triage signals and when a parked cluster comes back to the Inbox: one KVS key the settings page writes.
 * Absent means today's defaults (Administer Projects; DEFAULT_PARKING_THRESHOLDS). Names are kept beside ids so
 * the page can show a group or role Jira no longer has; matching uses ids only. Strict on write, lenient on
 * read: a triager choice this version does not know reads as the default rule rather than as nobody.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { withStorageRetry } from './storage-retry';
import { readStored } from './stored-record';

const TRIAGE_KEY = 'settings:triage';
const TRIAGE_KIND = 'triage-settings';

export type StoredTriagers =
  | { kind: 'project-admins' }
  | { kind: 'group'; groupId: string; name: string }
  | { kind: 'project-role'; roleId: number; roleName: string };

export interface StoredTriageSettings {
  triagers: StoredTriagers;
  parking: { newSignals: number; addedArr: number };
  updatedAt: string;
  updatedBy: string;
}

const triagersSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project-admins') }),
  z.object({ kind: z.literal('group'), groupId: z.string().min(1), name: z.string() }),
  z.object({ kind: z.literal('project-role'), roleId: z.number().int().positive(), roleName: z.string() }),
]);

const storedSchema = z.object({
  triagers: z.unknown().transform((value): StoredTriagers => {
    const parsed = triagersSchema.safeParse(value);
    return parsed.success ? parsed.data : { kind: 'project-admins' };
  }),
  parking: z.object({ newSignals: z.number().int().min(0), addedArr: z.number().min(0) }),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});

const writtenSchema = z
  .object({
    triagers: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('project-admins') }).strict(),
      z.object({ kind: z.literal('group'), groupId: z.string().min(1), name: z.string() }).strict(),
      z.object({ kind: z.literal('project-role'), roleId: z.number().int().positive(), roleName: z.string() }).strict(),
    ]),
    parking: z.object({ newSignals: z.number().int().min(0).max(10_000), addedArr: z.number().min(0).max(1e12) }).strict(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string().min(1),
  })
  .strict();

/** What is stored, or null when nothing is (or it no longer reads back, reported): the defaults apply. */
export async function readTriageSettings(): Promise<StoredTriageSettings | null> {
  const value: unknown = await withStorageRetry(() => kvs.get(TRIAGE_KEY));
  return readStored(TRIAGE_KIND, TRIAGE_KEY, storedSchema, value);
}

export async function writeTriageSettings(settings: StoredTriageSettings): Promise<void> {
  const checked = writtenSchema.parse(settings);
  await withStorageRetry(() => kvs.set(TRIAGE_KEY, checked));
}
