/** The issue panel: everything it shows on first load, in one call. */
import { z } from 'zod';
import { issueKeySchema, issueSummarySchema, workTypeSchema } from './schemas';
// The readiness item is defined beside the work-type write, which answers with it too (see work-type.ts).
import { suggestionSchema, workTypeDecisionSchema } from './work-type';
import { originSchema } from './origin';
import { fullReadinessItemSchema, walkthroughAcknowledgementSchema, walkthroughVersionSummarySchema } from './walkthrough';

/** The walkthrough in brief, for the panel's section and its badge (the full view is `walkthrough.view`). */
export const panelWalkthroughSchema = z.object({
  /** The latest version, or null when the issue has no walkthrough. */
  latestVersion: z.number().int().positive().nullable(),
  /** The latest version in brief (designer, when, summary, design link), for the section; null without one. */
  latest: walkthroughVersionSummarySchema.nullable(),
  /** One entry per person, by the latest version they acknowledged. */
  acknowledgedBy: z.array(walkthroughAcknowledgementSchema),
  /** The latest version the reader acknowledged, or null. */
  yourAcknowledgedVersion: z.number().int().positive().nullable(),
  /** Versions added after the reader's acknowledgement (0 when they acknowledged the latest, or never did). */
  newSinceYourAcknowledgement: z.number().int().nonnegative(),
  /**
   * The badge: the reader is the issue's assignee and a version arrived after their acknowledgement; its count
   * is `newSinceYourAcknowledgement`.
   */
  nudge: z.boolean(),
  /** Questions on the walkthrough not answered yet. */
  openQuestions: z.number().int().nonnegative(),
});
export type PanelWalkthroughDto = z.infer<typeof panelWalkthroughSchema>;

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
      walkthrough: panelWalkthroughSchema,
      readiness: z.array(fullReadinessItemSchema),
      /** Every readiness item done: what `upstreamReady = true` finds in JQL. */
      ready: z.boolean(),
    }),
  },
} as const;
