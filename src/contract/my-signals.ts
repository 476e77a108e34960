/** My signals: what became of each signal the caller raised (resolver keys `mySignals.*`). */
import { z } from 'zod';
import { issueKeySchema, statusCategorySchema } from './schemas';

export const MY_SIGNAL_STATUSES = ['new', 'parked', 'routed', 'declined', 'shipped'] as const;
export const mySignalStatusSchema = z.enum(MY_SIGNAL_STATUSES);
export type MySignalStatus = z.infer<typeof mySignalStatusSchema>;

export const mySignalSchema = z.object({
  id: z.string(),
  text: z.string(),
  customer: z.string(),
  source: z.string(),
  /** ISO time the signal was received. */
  receivedAt: z.string(),
  status: mySignalStatusSchema,
  /** A parked cluster that gained enough evidence to come back to the Inbox (status `new` again). */
  returnedFromParking: z.boolean(),
  /** The lead's decision on the signal's cluster, with their rationale; null while nobody decided. */
  decision: z
    .object({
      route: z.string(),
      rationale: z.string(),
      decidedAt: z.string().nullable(),
      decidedBy: z.string(),
    })
    .nullable(),
  /** The Jira issue it was routed to: its key, and its status as the caller may see it (null: they cannot). */
  issue: z
    .object({
      key: issueKeySchema,
      /** Whether Jira has not yet got the issue (the decision's Jira side is pending or failed). */
      jiraPending: z.boolean(),
      status: z.object({ name: z.string(), category: statusCategorySchema }).nullable(),
    })
    .nullable(),
  shipped: z.object({ at: z.string(), issueKey: z.string().nullable() }).nullable(),
});
export type MySignal = z.infer<typeof mySignalSchema>;

export const mySignalsContract = {
  /**
   * The caller's signals (matched on the account Forge says is calling, never on anything sent), newest first,
   * a page at a time, optionally of one status; with the count of each status.
   */
  'mySignals.list': {
    input: z
      .object({
        status: mySignalStatusSchema.nullable().default(null),
        /** Where the next page starts, exactly as the previous answer's `nextCursor` gave it. */
        cursor: z.string().min(1).max(300).optional(),
        pageSize: z.number().int().min(1).max(50).default(25),
      })
      .strict(),
    output: z.object({
      signals: z.array(mySignalSchema),
      nextCursor: z.string().nullable(),
      counts: z.object({
        all: z.number().int().nonnegative(),
        new: z.number().int().nonnegative(),
        parked: z.number().int().nonnegative(),
        routed: z.number().int().nonnegative(),
        declined: z.number().int().nonnegative(),
        shipped: z.number().int().nonnegative(),
      }),
    }),
  },
} as const;
