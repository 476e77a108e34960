/** The issue panel: everything it shows on first load, in one call. */
import { z } from 'zod';
import { issueKeySchema, issueSummarySchema, workTypeSchema } from './schemas';
// The readiness item is defined beside the work-type write, which answers with it too (see work-type.ts).
import { readinessItemSchema, suggestionSchema, workTypeDecisionSchema } from './work-type';
import { originSchema } from './origin';

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
