/**
 * The sprint-shape gadget's resolvers and its saved configuration. The edit view validates with
 * `gadgetConfigSchema` before `view.submit`, and the view's resolvers parse the same schema, so a
 * configuration Jira hands back that no longer fits is refused rather than half-read.
 */
import { z } from 'zod';
import { DRIFT_THRESHOLD_RANGE, targetMixProblem } from '../domain/sprint-shape';
import { workTypeSchema } from './schemas';

export const boardSummarySchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  type: z.enum(['scrum', 'kanban', 'simple']),
  projectKey: z.string().nullable(),
});
export type BoardSummary = z.infer<typeof boardSummarySchema>;


export const boardIdSchema = z
  .number({ error: 'Choose a board.' })
  .int('A board id is a whole number.')
  .positive('A board id is a positive number.')
  .max(2_147_483_647, 'That is not a Jira board id.');
export const sprintIdSchema = z.number().int().positive().max(2_147_483_647);

const percentSchema = z
  .number({ error: 'Enter a percentage.' })
  .int('Use whole percentages.')
  .min(0, 'A share cannot be negative.')
  .max(100, 'A share cannot be more than 100 %.');

/** Whole percentages per work type, adding to exactly 100. */
export const targetMixSchema = z
  .object({ Innovative: percentSchema, Corrective: percentSchema, Enabling: percentSchema })
  .strict()
  .superRefine((target, ctx) => {
    const problem = targetMixProblem(target);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export type TargetMixDto = z.infer<typeof targetMixSchema>;

/** Which sprint the gadget follows: the board's active one, the next future one (for planning), or one by id. */
export const sprintChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('active') }).strict(),
  z.object({ kind: z.literal('next') }).strict(),
  z.object({ kind: z.literal('sprint'), sprintId: sprintIdSchema }).strict(),
]);
export type SprintChoice = z.infer<typeof sprintChoiceSchema>;

export const measureSchema = z.enum(['count', 'estimate']);

export const driftThresholdSchema = z
  .number({ error: 'Enter a drift threshold.' })
  .int('Use whole percentage points.')
  .min(DRIFT_THRESHOLD_RANGE.min, `The drift threshold is at least ${DRIFT_THRESHOLD_RANGE.min} point.`)
  .max(DRIFT_THRESHOLD_RANGE.max, `The drift threshold is at most ${DRIFT_THRESHOLD_RANGE.max} points.`);

/**
 * What the edit view saves with `view.submit` and Jira returns as `extension.gadgetConfiguration`. Not strict:
 * Jira may round-trip keys of its own (`refresh`); unknown keys are dropped, never trusted.
 */
export const gadgetConfigSchema = z.object({
  boardId: boardIdSchema,
  sprint: sprintChoiceSchema,
  target: targetMixSchema,
  measure: measureSchema,
  driftThreshold: driftThresholdSchema,
});
export type GadgetConfig = z.infer<typeof gadgetConfigSchema>;

const segmentRecord = <T extends z.ZodType>(value: T) =>
  z.object({ Innovative: value, Corrective: value, Enabling: value, Unclassified: value });

export const shapeBreakdownSchema = z.object({
  amounts: segmentRecord(z.number().nonnegative()),
  total: z.number().nonnegative(),
  percents: segmentRecord(z.number().int().min(0).max(100)),
});
export type ShapeBreakdownDto = z.infer<typeof shapeBreakdownSchema>;

export const sprintShapeSchema = z.object({
  byCount: shapeBreakdownSchema,
  byEstimate: shapeBreakdownSchema.nullable(),
  issueCount: z.number().int().nonnegative(),
  doneCount: z.number().int().nonnegative(),
  missingEstimates: z.number().int().nonnegative(),
});

export const sprintSummarySchema = z.object({
  id: sprintIdSchema,
  name: z.string(),
  state: z.enum(['future', 'active', 'closed']),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  completeDate: z.string().nullable(),
});
export type SprintSummary = z.infer<typeof sprintSummarySchema>;

export const shapeWarningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('drift'), workType: workTypeSchema, driftPoints: z.number().int() }),
  z.object({ kind: z.literal('unclassified'), percent: z.number().int().min(0).max(100), issueCount: z.number().int().positive() }),
  z.object({ kind: z.literal('missing-estimates'), issueCount: z.number().int().positive() }),
]);
export type ShapeWarningDto = z.infer<typeof shapeWarningSchema>;

const estimationFieldSchema = z.object({ fieldId: z.string(), name: z.string() }).nullable();

/** The view's answer, one variant per state the gadget can be in; each says what the person can do next. */
export const sprintShapeViewSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    board: boardSummarySchema,
    sprint: sprintSummarySchema,
    /** The measure drift and warnings use: `estimate` falls back to `count` when the board has no estimates. */
    measure: measureSchema,
    estimationField: estimationFieldSchema,
    shape: sprintShapeSchema,
    target: targetMixSchema,
    driftThreshold: driftThresholdSchema,
    drift: z.object({ Innovative: z.number().int(), Corrective: z.number().int(), Enabling: z.number().int() }),
    warnings: z.array(shapeWarningSchema),
    /** The JQL behind each segment, for a link to Jira's issue search. */
    segmentJql: segmentRecord(z.string().min(1)),
  }),
  z.object({ state: z.literal('empty-sprint'), board: boardSummarySchema, sprint: sprintSummarySchema }),
  /** A kanban board: no sprints to shape. */
  z.object({ state: z.literal('no-sprints'), board: boardSummarySchema }),
  /** Asked for the active sprint and there is none; the next future sprint is offered when there is one. */
  z.object({ state: z.literal('no-active-sprint'), board: boardSummarySchema, nextSprint: sprintSummarySchema.nullable() }),
  /** Asked for the next sprint and none is planned. */
  z.object({ state: z.literal('no-future-sprint'), board: boardSummarySchema }),
]);
export type SprintShapeView = z.infer<typeof sprintShapeViewSchema>;

export const trendPointSchema = z.object({
  sprint: sprintSummarySchema,
  byCount: shapeBreakdownSchema,
  byEstimate: shapeBreakdownSchema.nullable(),
  issueCount: z.number().int().nonnegative(),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const TREND_LENGTH = 6;

export const sprintShapeContract = {
  'sprintShape.boards': {
    input: z.object({ nameContains: z.string().trim().max(100).optional() }).strict(),
    output: z.object({ boards: z.array(boardSummarySchema) }),
  },
  'sprintShape.sprints': {
    input: z.object({ boardId: boardIdSchema }).strict(),
    output: z.object({
      board: boardSummarySchema,
      /** Open sprints first (active, then future by start), then the latest closed ones; empty for kanban. */
      sprints: z.array(sprintSummarySchema),
    }),
  },
  'sprintShape.checkConfig': {
    input: z.object({ config: gadgetConfigSchema }).strict(),
    output: z.object({ board: boardSummarySchema, sprint: sprintSummarySchema.nullable() }),
  },
  'sprintShape.get': {
    input: z.object({ config: gadgetConfigSchema }).strict(),
    output: sprintShapeViewSchema,
  },
  'sprintShape.trend': {
    input: z.object({ boardId: boardIdSchema }).strict(),
    output: z.object({
      /** Up to TREND_LENGTH closed sprints, oldest first. */
      points: z.array(trendPointSchema).max(TREND_LENGTH),
      /** How many of them were computed now from Jira (closed before Upstream was installed) and stored. */
      backfilled: z.number().int().nonnegative(),
    }),
  },
} as const;

