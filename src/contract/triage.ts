/** The triage page: the project's counts and its Unclassified tab. */
import { z } from 'zod';
import { projectKeySchema } from './schemas';
import { suggestionSchema } from './work-type';

export const unclassifiedIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  summary: z.string(),
  issueType: z.string(),
  status: z.string(),
  labels: z.array(z.string()),
  /** Whether the caller may browse and edit this issue, i.e. set its work type here. */
  canEdit: z.boolean(),
  suggestion: suggestionSchema.nullable(),
});

/** One month of pipeline health: signals received that month and what became of them. */
export const healthMonthSchema = z.object({
  /** `2026-11` (UTC). */
  month: z.string(),
  signals: z.number().int().nonnegative(),
  /** Signals whose cluster has a decision, and their share of the month's signals (null when none arrived). */
  decided: z.number().int().nonnegative(),
  decidedShare: z.number().min(0).max(1).nullable(),
  /** Median from a signal to its cluster's decision, in hours; null when none was decided. */
  medianHoursToDecision: z.number().nonnegative().nullable(),
  shipped: z.number().int().nonnegative(),
  /** Median from a signal to the Done of the issue it became, in days; null when none shipped. */
  medianDaysToShipped: z.number().nonnegative().nullable(),
  /** Clusters parked that month, and how many of them have gained signals or ARR since. */
  parked: z.number().int().nonnegative(),
  parkedGrew: z.number().int().nonnegative(),
});

export const triageContract = {
  'triage.overview': {
    input: z.object({ projectKey: projectKeySchema }).strict(),
    output: z.object({
      project: z.object({ id: z.string(), key: z.string(), name: z.string() }),
      /** Issues not in a Done status. */
      openIssueCount: z.number().int().nonnegative(),
      /** Open issues with no work type yet. */
      unclassifiedCount: z.number().int().nonnegative(),
    }),
  },
  'triage.unclassified': {
    input: z
      .object({
        projectKey: projectKeySchema,
        /** Where the next page starts, exactly as the previous answer's `nextPageToken` gave it. */
        nextPageToken: z.string().min(1).max(2000).optional(),
        pageSize: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
    output: z.object({
      issues: z.array(unclassifiedIssueSchema),
      nextPageToken: z.string().nullable(),
      /** Open unclassified issues in the project (Jira's approximate count). */
      total: z.number().int().nonnegative(),
    }),
  },
  /** Pipeline health, per month: decided share, time to decision, time to shipped, parked clusters that grew. */
  'triage.health': {
    input: z.object({ projectKey: projectKeySchema, months: z.number().int().min(1).max(24).default(6) }).strict(),
    output: z.object({ months: z.array(healthMonthSchema) }),
  },
} as const;
