/**
 * The discovery practice's resolver keys (`discovery.*`): the triage page's Discovery tab (a list of notes with
 * counts per status) and a page per note (the problem, who has it, the desired outcome, engineering input,
 * design direction, participants, the linked issues, and what the caller may do). Every key names the triage
 * page's project: reading needs Browse Projects there, changing a note needs Administer Projects (a product lead).
 */
import { z } from 'zod';
import { DISCOVERY_LIMITS, DISCOVERY_NOTE_STATUSES, ENGINEERING_INPUT_KINDS, TEAM_ROLES } from '../domain/discovery';
import { accountIdSchema, issueSummarySchema, projectKeySchema, workTypeSchema } from './schemas';

export const discoveryNoteStatusSchema = z.enum(DISCOVERY_NOTE_STATUSES);
export const engineeringInputKindSchema = z.enum(ENGINEERING_INPUT_KINDS);
/** The role someone takes in a note: the team roles (settings' `teamRoleSchema` holds the same four). */
const participantRoleSchema = z.enum(TEAM_ROLES);

/** Note ids: seeded ones (`note-instant-payouts`) and made ones (`note-<uuid>`). */
export const discoveryNoteIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'Expected a discovery note id such as note-instant-payouts.');
/** Engineering input ids (`input-<uuid>`, or `<note id>:0001` for a note saved whole). */
export const engineeringInputIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9:-]*$/, 'Expected an engineering input id such as input-3f2a….');

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Write the ${what}.`)
    .max(max, `The ${what} is over ${max.toLocaleString('en')} characters; shorten it.`);
/** An optional long text: empty clears it. */
const optionalText = (what: string, max: number) => z.string().trim().max(max, `The ${what} is over ${max.toLocaleString('en')} characters; shorten it.`);

const participantInputSchema = z.object({ accountId: accountIdSchema, role: participantRoleSchema }).strict();
const participantsInputSchema = z
  .array(participantInputSchema)
  .max(DISCOVERY_LIMITS.participants, `A note has at most ${DISCOVERY_LIMITS.participants} participants.`)
  .refine((list) => new Set(list.map((p) => p.accountId)).size === list.length, 'Each person takes part once (with one role).');

// ——— outputs ———

const personSchema = z.object({ accountId: z.string(), displayName: z.string() });

const readyBlockSchema = z.object({
  reason: z.enum(['no-engineering-input', 'open-questions']),
  /** For a person: what is missing and what to do. */
  message: z.string(),
  /** The open questions, for `open-questions`. */
  inputIds: z.array(z.string()),
});

/** Whether the note may be marked ready, and why not (shown even when a waiver stands in for the rule). */
export const discoveryReadyCheckSchema = z.object({ ok: z.boolean(), waived: z.boolean(), reasons: z.array(readyBlockSchema) });

const evidenceTotalsSchema = z.object({
  clusterCount: z.number().int().nonnegative(),
  signalCount: z.number().int().nonnegative(),
  customerCount: z.number().int().nonnegative(),
  /** Summed over distinct customers, each customer's ARR once (its largest). */
  arrTotal: z.number().nonnegative(),
});

/** A note as the Discovery tab lists it. */
export const discoveryNoteSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Any string: a status a later version adds still shows. */
  status: z.string(),
  problemExcerpt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  input: z.object({
    total: z.number().int().nonnegative(),
    fromEngineers: z.number().int().nonnegative(),
    openQuestions: z.number().int().nonnegative(),
  }),
  evidence: evidenceTotalsSchema,
  ready: discoveryReadyCheckSchema,
});
export type DiscoveryNoteSummary = z.infer<typeof discoveryNoteSummarySchema>;

export const discoveryInputViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  text: z.string(),
  author: personSchema,
  /** The author's team roles when they wrote it (empty when they were not recorded: `rolesRecorded` false). */
  authorRoles: z.array(z.string()),
  rolesRecorded: z.boolean(),
  /** Counts as engineering input for the ready rule. */
  fromEngineer: z.boolean(),
  at: z.string(),
  /** For a question: open or resolved, by whom and how; null for other kinds. */
  question: z
    .object({
      open: z.boolean(),
      resolvedBy: personSchema.nullable(),
      resolvedAt: z.string().nullable(),
      resolution: z.string().nullable(),
      /** Whether the caller may resolve it (its author, or someone in the engineering role). */
      canResolve: z.boolean(),
      /** Whether the caller may reopen it once resolved (the same people). */
      canReopen: z.boolean(),
    })
    .nullable(),
});

const noteClusterSchema = z.object({
  id: z.string(),
  /** Null when the cluster no longer exists (merged away): its signals linked with it still count. */
  title: z.string().nullable(),
  state: z.string().nullable(),
  signalCount: z.number().int().nonnegative(),
  customerCount: z.number().int().nonnegative(),
  arrTotal: z.number().nonnegative(),
  linkedAt: z.string(),
});

const noteSignalSchema = z.object({
  id: z.string(),
  customer: z.string(),
  quote: z.string(),
  arr: z.number().nonnegative().nullable(),
  source: z.string(),
  receivedAt: z.string(),
  clusterId: z.string().nullable(),
  /** Linked to the note itself (removable on its own), not only reached through a linked cluster. */
  linkedItself: z.boolean(),
});

const linkedIssueSchema = issueSummarySchema.extend({ workType: workTypeSchema.nullable() });

/** A note in full, with what the caller may do: the answer of `discovery.get` and of every change. */
export const discoveryNoteViewSchema = z.object({
  note: z.object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: personSchema.nullable(),
    problem: z.string(),
    desiredOutcome: z.string().nullable(),
    designDirection: z.string().nullable(),
    participants: z.array(z.object({ accountId: z.string(), displayName: z.string(), role: z.string() })),
    /** A lead's waiver of the ready rule: it stays visible once given. */
    waiver: z.object({ by: personSchema, at: z.string(), reason: z.string() }).nullable(),
  }),
  engineeringInput: z.array(discoveryInputViewSchema),
  /** Who has the problem: linked clusters and signals (each signal once), and their evidence with customers counted once. */
  evidence: z.object({ clusters: z.array(noteClusterSchema), signals: z.array(noteSignalSchema), totals: evidenceTotalsSchema.extend({ customers: z.array(z.string()) }) }),
  /** Issues whose `upstream-origin` names this note, that the caller may browse (JQL `upstreamDiscoveryNote = "<id>"`). */
  linkedIssues: z.object({ issues: z.array(linkedIssueSchema), jql: z.string(), more: z.boolean() }),
  ready: discoveryReadyCheckSchema,
  /** The statuses the note may move to from here (one step forward or back). */
  nextStatuses: z.array(discoveryNoteStatusSchema),
  can: z.object({
    /** Change the text, participants and status (a product lead: Administer Projects). */
    edit: z.boolean(),
    addInput: z.boolean(),
    /** Mark ready with a waiver when the rule does not hold. */
    waive: z.boolean(),
  }),
});
export type DiscoveryNoteView = z.infer<typeof discoveryNoteViewSchema>;

const noteRef = { projectKey: projectKeySchema, noteId: discoveryNoteIdSchema };

/** Cluster and signal ids as the Inbox shows them (`cluster-3f2a…`, `signal-…`). */
const evidenceIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'Expected a cluster or signal id such as cluster-3f2a….');
const EVIDENCE_PER_CHANGE = 20;
const evidenceIdsSchema = z
  .array(evidenceIdSchema)
  .max(EVIDENCE_PER_CHANGE, `Link or remove at most ${EVIDENCE_PER_CHANGE} clusters and ${EVIDENCE_PER_CHANGE} signals at a time.`)
  .default([]);
/** Which clusters and signals a change of a note's evidence names: at least one. */
const evidenceChangeSchema = z
  .object({ ...noteRef, clusterIds: evidenceIdsSchema, signalIds: evidenceIdsSchema })
  .strict()
  .refine((input) => input.clusterIds.length + input.signalIds.length > 0, { message: 'Name at least one cluster or signal.', path: ['clusterIds'] });
const versionSchema = z.number().int().positive();

export const discoveryContract = {
  /** The Discovery tab: notes most recently updated first (50 a page), optionally in one status, with counts per status. */
  'discovery.list': {
    input: z
      .object({
        projectKey: projectKeySchema,
        status: discoveryNoteStatusSchema.optional(),
        cursor: z.string().min(1).max(500).optional(),
        pageSize: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
    output: z.object({
      notes: z.array(discoveryNoteSummarySchema),
      /** Every status with its count (zeros included), in lifecycle order. */
      counts: z.array(z.object({ status: discoveryNoteStatusSchema, count: z.number().int().nonnegative() })),
      nextCursor: z.string().nullable(),
      /** Whether the caller may start a note (a product lead). */
      canCreate: z.boolean(),
    }),
  },
  /** A note in full. */
  'discovery.get': {
    input: z.object(noteRef).strict(),
    output: discoveryNoteViewSchema,
  },
  /** Starts a note; from a triage cluster in one step (the cluster and its signals become its evidence). */
  'discovery.create': {
    input: z
      .object({
        projectKey: projectKeySchema,
        title: text('title', DISCOVERY_LIMITS.title),
        problem: text('problem', DISCOVERY_LIMITS.problem),
        desiredOutcome: optionalText('desired outcome', DISCOVERY_LIMITS.desiredOutcome).optional(),
        clusterId: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(/^[a-z][a-z0-9-]*$/, 'Expected a cluster id such as cluster-3f2a….')
          .optional(),
      })
      .strict(),
    output: discoveryNoteViewSchema,
  },
  /** Changes the text or participants of the note at `version` (someone else's change since: `conflict`). */
  'discovery.update': {
    input: z
      .object({
        ...noteRef,
        version: versionSchema,
        changes: z
          .object({
            title: text('title', DISCOVERY_LIMITS.title),
            problem: text('problem', DISCOVERY_LIMITS.problem),
            desiredOutcome: optionalText('desired outcome', DISCOVERY_LIMITS.desiredOutcome),
            designDirection: optionalText('design direction', DISCOVERY_LIMITS.designDirection),
            participants: participantsInputSchema,
          })
          .partial()
          .strict()
          .refine((changes) => Object.values(changes).some((v) => v !== undefined), 'Change at least one thing.'),
      })
      .strict(),
    output: discoveryNoteViewSchema,
  },
  /** Adds engineering input (a constraint, question, risk or technical shape); the author's roles are recorded with it. */
  'discovery.addInput': {
    input: z.object({ ...noteRef, kind: engineeringInputKindSchema, text: text('input', DISCOVERY_LIMITS.inputText) }).strict(),
    output: discoveryNoteViewSchema,
  },
  /** Resolves an open question (its author, or someone in the engineering role), optionally with what was decided. */
  'discovery.resolveQuestion': {
    input: z
      .object({ ...noteRef, inputId: engineeringInputIdSchema, resolution: optionalText('resolution', DISCOVERY_LIMITS.resolution).optional() })
      .strict(),
    output: discoveryNoteViewSchema,
  },
  /** Reopens a resolved question (its author, or someone in the engineering role): it holds the note back from ready again. */
  'discovery.reopenQuestion': {
    input: z.object({ ...noteRef, inputId: engineeringInputIdSchema }).strict(),
    output: discoveryNoteViewSchema,
  },
  /** Links clusters and signals to a note as evidence of who has the problem (a product lead); one already linked stays as it was. */
  'discovery.linkEvidence': {
    input: evidenceChangeSchema,
    output: discoveryNoteViewSchema,
  },
  /** Removes evidence (a product lead): a cluster goes with the signals linked beside it that are in it now. */
  'discovery.unlinkEvidence': {
    input: evidenceChangeSchema,
    output: discoveryNoteViewSchema,
  },
  /**
   * Moves the note at `version` one step (a product lead). To `ready` only when someone in the engineering role
   * has added input and no question is open — or with `waiverReason`, which stays visible on the note.
   */
  'discovery.setStatus': {
    input: z
      .object({
        ...noteRef,
        version: versionSchema,
        status: discoveryNoteStatusSchema,
        waiverReason: text('reason for the waiver', DISCOVERY_LIMITS.waiverReason).optional(),
      })
      .strict()
      .refine((input) => input.waiverReason === undefined || input.status === 'ready', {
        message: 'A waiver is given only when marking a note ready.',
        path: ['waiverReason'],
      }),
    output: discoveryNoteViewSchema,
  },
} as const;
