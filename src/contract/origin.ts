import { z } from 'zod';
import { accountIdSchema, issueKeySchema } from './schemas';

/** Ids of Upstream's own records: signals and discovery notes (KVS keys). */
export const recordIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9:._-]*$/, 'Expected an Upstream record id such as signal-3f2a… or note-payments-split.');

export const originSignalSchema = z.object({
  id: z.string(),
  customer: z.string(),
  /** The customer's words, as captured. */
  quote: z.string(),
  arr: z.number().nonnegative().nullable(),
  receivedAt: z.string(),
  source: z.string(),
  raisedBy: z.string(),
  state: z.string(),
});

export const originDiscoveryNoteSchema = z.object({
  id: z.string(),
  title: z.string(),
  problem: z.string(),
  status: z.string(),
  /** Engineering input in brief: constraints, questions, risks, technical shape. */
  engineeringInput: z.array(z.object({ kind: z.string(), text: z.string(), author: z.string() })),
});

export const originSchema = z.object({
  /** "none" when a person said explicitly that the issue has no origin to record. */
  kind: z.enum(['linked', 'none', 'unknown']),
  signals: z.array(originSignalSchema),
  discoveryNote: originDiscoveryNoteSchema.nullable(),
  customers: z.array(z.string()),
  arr: z.number().nonnegative(),
  linkedAt: z.string().nullable(),
  linkedBy: z.object({ accountId: accountIdSchema, displayName: z.string() }).nullable(),
  /** Ids in the issue property whose record no longer exists (deleted signal); shown, never silently dropped. */
  missing: z.array(z.string()),
});
export type OriginDto = z.infer<typeof originSchema>;

export const originContract = {
  'origin.link': {
    input: z
      .object({
        issueKey: issueKeySchema,
        signalIds: z.array(recordIdSchema).max(50).default([]),
        discoveryNoteId: recordIdSchema.optional(),
      })
      .strict()
      .refine((i) => i.signalIds.length > 0 || i.discoveryNoteId !== undefined, { message: 'Name at least one signal or a discovery note.' }),
    output: z.object({ origin: originSchema }),
  },
  'origin.unlink': {
    input: z
      .object({ issueKey: issueKeySchema, signalId: recordIdSchema.optional(), discoveryNote: z.literal(true).optional() })
      .strict()
      .refine((i) => (i.signalId !== undefined) !== (i.discoveryNote === true), { message: 'Name one signal, or the discovery note.' }),
    output: z.object({ origin: originSchema }),
  },
  'origin.markNone': {
    input: z.object({ issueKey: issueKeySchema }).strict(),
    output: z.object({ origin: originSchema }),
  },
  'origin.candidates': {
    input: z.object({ issueKey: issueKeySchema, query: z.string().trim().max(100).default('') }).strict(),
    output: z.object({
      signals: z.array(originSignalSchema),
      discoveryNotes: z.array(originDiscoveryNoteSchema.pick({ id: true, title: true, status: true })),
    }),
  },
} as const;
