/** The issue panel: everything it shows on first load, in one call. */
import { z } from 'zod';
import { issueKeySchema, issueSummarySchema, workTypeSchema } from './schemas';
import { suggestionSchema, workTypeDecisionSchema } from './work-type';
import { originSchema } from './origin';

export const readinessItemSchema = z.object({
  key: z.enum(['classified', 'origin', 'discovery', 'walkthrough']),
  label: z.string(),
  state: z.enum(['done', 'todo', 'not-yet-available']),
  detail: z.string(),
});

export const panelContract = {
  'panel.context': {
    input: z.object({ issueKey: issueKeySchema }).strict(),
    output: z.object({
      issue: issueSummarySchema.extend({ labels: z.array(z.string()) }),
      canEdit: z.boolean(),
      workType: z.object({
        fieldId: z.string(),
        value: workTypeSchema.nullable(),
        decision: workTypeDecisionSchema.nullable(),
        suggestion: suggestionSchema.nullable(),
      }),
      origin: originSchema,
      readiness: z.array(readinessItemSchema),
    }),
  },
} as const;
