import { z } from 'zod';
import { READINESS_KEYS } from '../domain/readiness';
import { WORK_TYPES } from '../domain/work-type';
import { accountIdSchema, issueKeySchema, workTypeSchema } from './schemas';

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

/**
 * One item of an issue's readiness ("Work type set", "Origin known" …) as src/domain/readiness.ts judges it. It
 * lives here rather than in panel.ts because a work-type write answers with the issue's new readiness, and
 * panel.ts already imports this file: defining it there would make the two import each other.
 */
export const readinessItemSchema = z.object({
  key: z.enum(READINESS_KEYS),
  label: z.string(),
  state: z.enum(['done', 'todo', 'not-yet-available']),
  detail: z.string(),
});
export type ReadinessItemDto = z.infer<typeof readinessItemSchema>;

const MAX_BULK = 1000;

export const workTypeContract = {
  'workType.get': {
    input: z.object({ issueKey: issueKeySchema }).strict(),
    output: z.object({
      issueKey: z.string(),
      /** The Jira id of Upstream's field on this site, e.g. customfield_10050. */
      fieldId: z.string(),
      value: workTypeSchema.nullable(),
      /**
       * Whether the caller may change the value (browse and edit the issue), so the field's edit can say why
       * it offers no control instead of letting a save be refused. Optional so that an answer without it (an
       * older backend during a deploy) still parses; the edit then lets Jira's answer to the save decide.
       */
      canEdit: z.boolean().optional(),
    }),
  },
  'workType.set': {
    input: z
      .object({
        issueKey: issueKeySchema,
        /** null clears the value (the issue is untriaged again). */
        workType: workTypeSchema.nullable(),
        acceptedSuggestion: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      issueKey: z.string(),
      value: workTypeSchema.nullable(),
      decision: workTypeDecisionSchema,
      /** The issue's readiness after the write, so the panel shows it without reading its whole context again. */
      readiness: z.array(readinessItemSchema),
    }),
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
} as const;

export { WORK_TYPES };
