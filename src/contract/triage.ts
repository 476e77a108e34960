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
} as const;
