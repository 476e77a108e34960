/**
 * The sprint-shape gadget's resolvers and its saved configuration. The edit view validates with
 * `gadgetConfigSchema` before `view.submit`, and the view's resolvers parse the same schema, so a
 * configuration Jira hands back that no longer fits is refused rather than half-read.
 */
import { z } from 'zod';
import { DRIFT_THRESHOLD_RANGE, targetMixProblem } from '../domain/sprint-shape';
import { WORK_TYPES } from '../domain/work-type';
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

/** Short messages: each shows under its own narrow field in the edit view and the admin page. */
const percentSchema = z
  .number({ error: 'Enter a percentage.' })
  .int('Whole numbers only.')
  .min(0, 'No less than 0 %.')
  .max(100, 'No more than 100 %.');

/** Whole percentages per work type, adding to exactly 100. */
export const targetMixSchema = z
  .object({ Innovative: percentSchema, Corrective: percentSchema, Enabling: percentSchema })
  .strict()
  .superRefine((target, ctx) => {
    // Each share that is not a whole 0–100 already has its own message (percentSchema): the mix as a whole is
    // judged only once every share is valid, so no problem is reported twice in two wordings.
    if (WORK_TYPES.some((type) => !percentSchema.safeParse(target[type]).success)) return;
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
  .int('Whole numbers only.')
  .min(DRIFT_THRESHOLD_RANGE.min, `The threshold is at least ${DRIFT_THRESHOLD_RANGE.min} pp.`)
  .max(DRIFT_THRESHOLD_RANGE.max, `The threshold is at most ${DRIFT_THRESHOLD_RANGE.max} pp.`);

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

const percentOutSchema = z.number().int().min(0).max(100);
const workTypeRecord = <T extends z.ZodType>(value: T) => z.object({ Innovative: value, Corrective: value, Enabling: value });

/** One measure of a sprint (domain `ShapeBreakdown`): shares of the whole sprint, and of its classified work. */
export const shapeBreakdownSchema = z.object({
  amounts: segmentRecord(z.number().nonnegative()),
  total: z.number().nonnegative(),
  /** Shares of the whole sprint, Unclassified included. */
  percents: segmentRecord(percentOutSchema),
  /** The classified work alone: what drift compares with the target. Percents all 0 when nothing is classified. */
  classified: z.object({ total: z.number().nonnegative(), percents: workTypeRecord(percentOutSchema) }),
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
  /** drift = classifiedPercent − targetPercent, in percentage points. */
  z.object({
    kind: z.literal('drift'),
    workType: workTypeSchema,
    classifiedPercent: percentOutSchema,
    targetPercent: percentOutSchema,
    drift: z.number().int(),
  }),
  /** percent: share of the whole sprint, in the reading's measure. */
  z.object({ kind: z.literal('unclassified'), percent: percentOutSchema, issueCount: z.number().int().positive() }),
  z.object({ kind: z.literal('missing-estimates'), issueCount: z.number().int().positive() }),
]);
export type ShapeWarningDto = z.infer<typeof shapeWarningSchema>;

/**
 * The sprint read in one measure (domain `shapeReading`): drift per work type in percentage points (share of
 * classified work minus target; null when nothing is classified) and the warnings. The gadget shows these as
 * they are and computes neither.
 */
export const shapeReadingSchema = z.object({
  drift: workTypeRecord(z.number().int()).nullable(),
  warnings: z.array(shapeWarningSchema),
});
export type ShapeReadingDto = z.infer<typeof shapeReadingSchema>;

const estimationFieldSchema = z.object({ fieldId: z.string(), name: z.string() }).nullable();

/** The view's answer, one variant per state the gadget can be in; each says what the person can do next. */
export const sprintShapeViewSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    board: boardSummarySchema,
    sprint: sprintSummarySchema,
    /** The measure the gadget opens in: the configured one, or `count` when the sprint has no estimates. */
    measure: measureSchema,
    estimationField: estimationFieldSchema,
    shape: sprintShapeSchema,
    target: targetMixSchema,
    driftThreshold: driftThresholdSchema,
    /**
     * Drift and warnings in each measure, so switching between count and estimate needs no second call and no
     * arithmetic in the browser. `estimate` is null when nothing in the sprint carries an estimate.
     */
    readings: z.object({ count: shapeReadingSchema, estimate: shapeReadingSchema.nullable() }),
    /** The JQL behind each segment, for a link to Jira's issue search, written as a person would write it. */
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

