/**
 * The walkthrough practice's resolver keys (`walkthrough.*`): one input and one output schema each.
 *
 * A designer adds versions of an issue's design walkthrough (never rewritten: an edit is a new version built on
 * the latest); engineers acknowledge a version or ask a question on one of its items, which the designer
 * answers. The view says what changed since the reader's last acknowledgement, as data (the diff by item id),
 * and what the reader may do, so the UI never offers a control the backend would refuse.
 */
import { z } from 'zod';
import { designLinkOf, ITEM_FIELDS, RESOLUTION_STATES, WALKTHROUGH_ITEM_KINDS, WALKTHROUGH_LIMITS as LIMITS } from '../domain/walkthrough';
import { READINESS_KEYS } from '../domain/readiness';
import { readinessItemSchema } from './work-type';
import { accountIdSchema, issueKeySchema } from './schemas';

// ---- items -----------------------------------------------------------------------------------------------

export const walkthroughItemIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'An item id is letters, digits, dashes and underscores.')
  .max(LIMITS.itemId, `An item id has at most ${LIMITS.itemId} characters.`);
const title = z.string().trim().min(1, 'Give the item a title.').max(LIMITS.title, `At most ${LIMITS.title} characters.`);
const text = z.string().trim().max(LIMITS.text, `At most ${LIMITS.text} characters.`);
const needed = (what: string) => text.pipe(z.string().min(1, `Say ${what}.`));

const itemShapes = {
  new: { title, detail: text.default('') },
  change: { title, detail: text.default(''), why: needed('why it changed') },
  decision: {
    title,
    why: needed('why it was decided'),
    alternatives: z
      .array(z.string().trim().min(1).max(LIMITS.alternative, `At most ${LIMITS.alternative} characters.`))
      .max(LIMITS.alternatives, `At most ${LIMITS.alternatives} alternatives.`)
      .default([]),
  },
  case: { title, whatHappens: needed('what happens'), state: z.enum(RESOLUTION_STATES), reason: text.nullable().default(null) },
  question: { title, detail: text.default('') },
} as const;

/** A deferred edge case or error state needs its reason; any other state keeps none. */
const caseInput = (kind: 'edge-case' | 'error-state') =>
  z
    .object({ kind: z.literal(kind), id: walkthroughItemIdSchema.optional(), ...itemShapes.case })
    .strict()
    .superRefine((item, ctx) => {
      if (item.state === 'deferred' && (item.reason ?? '').length === 0) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why it is deferred.' });
    })
    .transform((item) => ({ ...item, reason: item.state === 'deferred' ? item.reason : null }));

/** An item as a designer sends it: `id` is kept from the version it came from, or left out for a new item. */
export const walkthroughItemInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new'), id: walkthroughItemIdSchema.optional(), ...itemShapes.new }).strict(),
  z.object({ kind: z.literal('change'), id: walkthroughItemIdSchema.optional(), ...itemShapes.change }).strict(),
  z.object({ kind: z.literal('decision'), id: walkthroughItemIdSchema.optional(), ...itemShapes.decision }).strict(),
  caseInput('edge-case'),
  caseInput('error-state'),
  z.object({ kind: z.literal('question'), id: walkthroughItemIdSchema.optional(), ...itemShapes.question }).strict(),
]);
export type WalkthroughItemInput = z.output<typeof walkthroughItemInputSchema>;

const outText = z.string();
export const walkthroughItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new'), id: z.string(), title: outText, detail: outText }),
  z.object({ kind: z.literal('change'), id: z.string(), title: outText, detail: outText, why: outText }),
  z.object({ kind: z.literal('decision'), id: z.string(), title: outText, why: outText, alternatives: z.array(outText) }),
  z.object({ kind: z.literal('edge-case'), id: z.string(), title: outText, whatHappens: outText, state: z.enum(RESOLUTION_STATES), reason: outText.nullable() }),
  z.object({ kind: z.literal('error-state'), id: z.string(), title: outText, whatHappens: outText, state: z.enum(RESOLUTION_STATES), reason: outText.nullable() }),
  z.object({ kind: z.literal('question'), id: z.string(), title: outText, detail: outText }),
]);
export type WalkthroughItemDto = z.infer<typeof walkthroughItemSchema>;
/** The item kinds in the order the walkthrough shows them, for the UI's editor. */
export const WALKTHROUGH_KINDS = WALKTHROUGH_ITEM_KINDS;

// ---- versions, diffs, people -----------------------------------------------------------------------------

const personSchema = z.object({ accountId: accountIdSchema, displayName: z.string() });

export const designLinkSchema = z.object({
  url: z.string(),
  kind: z.enum(['figma-file', 'figma-design', 'figma-prototype', 'figma-board', 'other']),
  /** For the link card: "Figma design", "Figma prototype", or the host name of another link. */
  label: z.string(),
  /** The frame a Figma link opens at, when it names one. */
  frame: z.string().nullable(),
});

export const walkthroughVersionSummarySchema = z.object({
  version: z.number().int().positive(),
  author: personSchema,
  /** ISO timestamp. */
  createdAt: z.string(),
  designLink: designLinkSchema,
  summary: z.string(),
});

export const walkthroughVersionSchema = walkthroughVersionSummarySchema.extend({ items: z.array(walkthroughItemSchema) });
export type WalkthroughVersionDto = z.infer<typeof walkthroughVersionSchema>;

const fieldValue = z.union([z.string(), z.array(z.string()), z.null()]);
export const walkthroughDiffSchema = z.object({
  /** The version compared from; null when it is "nothing" (a reader who never acknowledged: every item is new). */
  from: z.number().int().positive().nullable(),
  to: z.number().int().positive(),
  added: z.array(walkthroughItemSchema),
  removed: z.array(walkthroughItemSchema),
  edited: z.array(
    z.object({
      id: z.string(),
      before: walkthroughItemSchema,
      after: walkthroughItemSchema,
      fields: z.array(z.object({ field: z.enum(ITEM_FIELDS), before: fieldValue, after: fieldValue })),
    }),
  ),
  designUrlChanged: z.boolean(),
  summaryChanged: z.boolean(),
  /** True when nothing differs. */
  empty: z.boolean(),
});
export type WalkthroughDiffDto = z.infer<typeof walkthroughDiffSchema>;

export const walkthroughAcknowledgementSchema = z.object({
  person: personSchema,
  /** The latest version this person acknowledged. */
  version: z.number().int().positive(),
  /** ISO timestamp of that acknowledgement. */
  at: z.string(),
  /** They were in the engineering role when they acknowledged (what readiness counts). */
  engineer: z.boolean(),
  /** Their acknowledgement is of the latest version. */
  ofLatest: z.boolean(),
});

export const walkthroughQuestionSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  itemId: z.string(),
  /** The item's title in the version asked about, when the answer holds that version; else null. */
  itemTitle: z.string().nullable(),
  askedBy: personSchema,
  text: z.string(),
  askedAt: z.string(),
  answer: z.object({ text: z.string(), by: personSchema, at: z.string() }).nullable(),
});

export const walkthroughViewSchema = z.object({
  issueKey: z.string(),
  /** The latest version in full; null when the issue has no walkthrough yet. */
  latest: walkthroughVersionSchema.nullable(),
  /** Every version, newest first. */
  versions: z.array(walkthroughVersionSummarySchema),
  /** One entry per person, by the latest version they acknowledged; who acknowledged which version, visible to all. */
  acknowledgements: z.array(walkthroughAcknowledgementSchema),
  you: z.object({
    /** The latest version the reader acknowledged, or null. */
    acknowledgedVersion: z.number().int().positive().nullable(),
    /** What changed from that version to the latest (every item when they never acknowledged); null without versions. */
    changesSinceAcknowledged: walkthroughDiffSchema.nullable(),
  }),
  questions: z.array(walkthroughQuestionSchema),
  /** What the reader may do, so the UI offers only what will be accepted; `reason` says why not. */
  can: z.object({
    addVersion: z.boolean(),
    acknowledge: z.boolean(),
    ask: z.boolean(),
    answer: z.boolean(),
    reason: z.string().nullable(),
  }),
});
export type WalkthroughViewDto = z.infer<typeof walkthroughViewSchema>;

// ---- inputs ------------------------------------------------------------------------------------------------

const versionNumber = z.number().int().positive().max(1_000_000);

/** The UTF-8 size of the items as stored, checked here so a version that passes is one the store can write. */
const itemsBytes = (items: unknown): number => new TextEncoder().encode(JSON.stringify(items)).length;

export const addVersionInputSchema = z
  .object({
    issueKey: issueKeySchema,
    /** The version the designer edited (the latest when they opened it), or null for the first version. */
    basedOn: versionNumber.nullable(),
    designUrl: z
      .string()
      .trim()
      .max(LIMITS.designUrl, `At most ${LIMITS.designUrl} characters.`)
      .refine((url) => designLinkOf(url) !== null, 'Give the design’s https link, such as a Figma file or frame URL.'),
    summary: z.string().trim().min(1, 'Give the version a summary.').max(LIMITS.summary, `At most ${LIMITS.summary} characters.`),
    items: z
      .array(walkthroughItemInputSchema)
      .max(LIMITS.items, `At most ${LIMITS.items} items in a version.`)
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, index) => {
          if (item.id === undefined) return;
          if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'Each item id appears once in a version.' });
          seen.add(item.id);
        });
        const bytes = itemsBytes(items);
        if (bytes > LIMITS.versionBytes) {
          ctx.addIssue({ code: 'custom', message: `The items come to ${Math.ceil(bytes / 1000)} KB; a version holds at most ${LIMITS.versionBytes / 1000} KB. Shorten or split them.` });
        }
      }),
  })
  .strict();

/** A readiness item of the issue panel's full list (the work-type write answers only its first keys). */
export const fullReadinessItemSchema = readinessItemSchema.extend({ key: z.enum(READINESS_KEYS) });

const issueOnly = z.object({ issueKey: issueKeySchema }).strict();

/** What a write answers: the walkthrough as it now is, and the issue's readiness (so the panel updates in place). */
const writeOutput = z.object({ view: walkthroughViewSchema, readiness: z.array(fullReadinessItemSchema) });

export const walkthroughContract = {
  'walkthrough.view': { input: issueOnly, output: walkthroughViewSchema },
  'walkthrough.version': {
    input: z.object({ issueKey: issueKeySchema, version: versionNumber }).strict(),
    output: walkthroughVersionSchema,
  },
  'walkthrough.diff': {
    input: z.object({ issueKey: issueKeySchema, from: versionNumber, to: versionNumber }).strict(),
    output: walkthroughDiffSchema,
  },
  'walkthrough.addVersion': { input: addVersionInputSchema, output: writeOutput },
  'walkthrough.acknowledge': { input: z.object({ issueKey: issueKeySchema, version: versionNumber }).strict(), output: writeOutput },
  'walkthrough.ask': {
    input: z
      .object({
        issueKey: issueKeySchema,
        version: versionNumber,
        itemId: walkthroughItemIdSchema,
        text: z.string().trim().min(1, 'Write the question.').max(LIMITS.questionText, `At most ${LIMITS.questionText} characters.`),
      })
      .strict(),
    output: writeOutput,
  },
  'walkthrough.answer': {
    input: z
      .object({
        issueKey: issueKeySchema,
        questionId: z.string().min(1).max(64),
        text: z.string().trim().min(1, 'Write the answer.').max(LIMITS.questionText, `At most ${LIMITS.questionText} characters.`),
      })
      .strict(),
    output: writeOutput,
  },
} as const;
