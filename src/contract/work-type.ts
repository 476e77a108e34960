import { z } from 'zod';
import { WORK_TYPES } from '../domain/work-type';
import { accountIdSchema, issueKeySchema, issueSummarySchema, projectKeySchema, workTypeSchema } from './schemas';

/** A suggested work type with the reasons a person can read ("Bug issue type", "label `tech-debt`"). */
export const suggestionSchema = z.object({
  workType: workTypeSchema,
  /** 0–1: how strongly the matched rules agree. */
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string().min(1)).min(1),
});
export type SuggestionDto = z.infer<typeof suggestionSchema>;

/** Who set an issue's work type through Upstream, and how. */
export const workTypeDecisionSchema = z.object({
  workType: workTypeSchema.nullable(),
  setBy: z.object({ accountId: accountIdSchema, displayName: z.string() }),
  setAt: z.string(),
  /** True when the person accepted Upstream's suggestion as it stood. */
  acceptedSuggestion: z.boolean(),
});

/** The rules behind suggestions; defaults ship with the app and a Jira admin can change them. */
export const suggestionRulesSchema = z
  .object({
    issueTypes: z.record(z.string().trim().min(1).max(60), workTypeSchema),
    labels: z.record(z.string().trim().min(1).max(255).regex(/^\S+$/, 'Labels have no spaces.'), workTypeSchema),
    /** Whole words or short phrases matched case-insensitively in summary and description. */
    keywords: z.record(z.string().trim().min(2).max(60), workTypeSchema),
  })
  .strict()
  .refine((r) => Object.keys(r.issueTypes).length + Object.keys(r.labels).length + Object.keys(r.keywords).length <= 500, {
    message: 'At most 500 rules in all.',
  });
export type SuggestionRulesDto = z.infer<typeof suggestionRulesSchema>;

export const unclassifiedIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  summary: z.string(),
  issueType: z.string(),
  status: z.string(),
  labels: z.array(z.string()),
  suggestion: suggestionSchema.nullable(),
});

const MAX_BULK = 1000;

export const workTypeContract = {
  'workType.set': {
    input: z
      .object({
        issueKey: issueKeySchema,
        /** null clears the value (the issue is untriaged again). */
        workType: workTypeSchema.nullable(),
        acceptedSuggestion: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ issueKey: z.string(), value: workTypeSchema.nullable(), decision: workTypeDecisionSchema }),
  },
  'workType.setMany': {
    input: z
      .object({
        assignments: z
          .array(
            z
              .object({ issueKey: issueKeySchema, workType: workTypeSchema.nullable(), acceptedSuggestion: z.boolean().default(false) })
              .strict(),
          )
          .min(1)
          .max(MAX_BULK, `At most ${MAX_BULK} issues at once.`)
          .refine((a) => new Set(a.map((x) => x.issueKey)).size === a.length, { message: 'Each issue may appear once.' }),
      })
      .strict(),
    output: z.object({
      updated: z.array(z.object({ issueKey: z.string(), value: workTypeSchema.nullable() })),
      /** Issues refused (cannot see or edit, or do not exist); nothing was written for them. */
      refused: z.array(z.object({ issueKey: z.string(), reason: z.string() })),
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
  'settings.rules.get': {
    input: z.object({}).strict(),
    output: z.object({ rules: suggestionRulesSchema, isDefault: z.boolean(), updatedAt: z.string().nullable() }),
  },
  'settings.rules.save': {
    input: z.object({ rules: suggestionRulesSchema }).strict(),
    output: z.object({ rules: suggestionRulesSchema, isDefault: z.boolean(), updatedAt: z.string().nullable() }),
  },
} as const;

export { WORK_TYPES, issueSummarySchema };
