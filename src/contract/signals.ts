import { z } from 'zod';
import { RATIONALE_MAX_CHARS, RATIONALE_REQUIRED, RATIONALE_TOO_LONG } from '../domain/routing';
import { SIGNAL_CATEGORIES, SIGNAL_ROUTES, SIGNAL_SOURCES, type SignalSource } from '../domain/signals';
import { issueKeySchema, projectKeySchema } from './schemas';

/**
 * The sources a sender may name in Upstream's own signed JSON. The tools with a channel of their own (HubSpot,
 * Zendesk, Intercom, Salesforce) are left out on purpose: a JSON sender naming `zendesk` could otherwise claim the
 * (source, external id) of a real Zendesk ticket before Zendesk delivers it.
 */
export const JSON_INTAKE_SOURCES = ['slack', 'crm', 'csv', 'form'] as const satisfies readonly SignalSource[];

/**
 * The JSON body the `signal-intake` webtrigger accepts. `externalId` is the sender's own id for the signal
 * (Slack message ts, CRM note id …): sending the same one twice stores one signal.
 */
export const signalIntakeBodySchema = z
  .object({
    externalId: z.string().trim().min(1).max(200).regex(/^[\w.:\-#/@]+$/, 'externalId may use letters, digits and . : - # / @ _'),
    source: z.enum(JSON_INTAKE_SOURCES),
    customer: z.string().trim().min(1).max(200),
    text: z.string().trim().min(1).max(5000),
    raisedBy: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(320).optional() }).strict(),
    arr: z.number().nonnegative().max(1e12).optional(),
  })
  .strict();
export type SignalIntakeBody = z.infer<typeof signalIntakeBodySchema>;

/** Headers the sender signs with: HMAC-SHA256 over `${timestamp}.${rawBody}` with the intake secret. */
export const SIGNATURE_HEADER = 'x-upstream-signature';
export const TIMESTAMP_HEADER = 'x-upstream-timestamp';
/** A signature older (or further in the future) than this is refused, so a captured request cannot be replayed later. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;
/** Larger bodies are refused before parsing. */
export const MAX_INTAKE_BODY_BYTES = 64 * 1024;

/**
 * The tools with a path of their own on the `signal-intake` webtrigger (`<trigger URL>/slack` …), each verified
 * the way that tool signs its requests. Upstream's own JSON stays at the trigger URL itself.
 */
export const INTAKE_CHANNELS = ['slack', 'hubspot', 'zendesk', 'intercom', 'salesforce'] as const satisfies readonly SignalSource[];
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const intakeChannelSchema = z.enum(INTAKE_CHANNELS);

/** Channels whose secret the tool itself generates (Slack's signing secret, HubSpot's client secret …): the admin pastes it. */
export const PASTED_SECRET_CHANNELS = ['slack', 'hubspot', 'zendesk', 'intercom'] as const satisfies readonly IntakeChannel[];
export type PastedSecretChannel = (typeof PASTED_SECRET_CHANNELS)[number];

/** Salesforce Outbound Messages cannot sign: the secret Upstream generates is the last segment of the URL path. */
export const channelPath = (channel: IntakeChannel, salesforceSecret = '<secret>'): string =>
  channel === 'salesforce' ? `/salesforce/${salesforceSecret}` : `/${channel}`;

/** A Salesforce organisation id: 15 characters, or 18 with Salesforce's case-check suffix; always starts `00D`. */
export const salesforceOrganizationIdSchema = z
  .string()
  .trim()
  .regex(/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, 'A Salesforce organisation id has 15 or 18 letters and digits and starts with 00D (Setup → Company Information).');

/** What happened to the last request a channel received: shown on the settings page. */
export const CHANNEL_OUTCOMES = ['accepted', 'duplicate', 'ignored', 'refused'] as const;
export const channelLastRequestSchema = z.object({
  at: z.string(),
  outcome: z.enum(CHANNEL_OUTCOMES),
  status: z.number().int(),
  reason: z.string(),
});
export type ChannelLastRequest = z.infer<typeof channelLastRequestSchema>;

/** Header names of each tool's signing scheme (lower case: the webtrigger matches header names case-insensitively). */
export const SLACK_SIGNATURE_HEADER = 'x-slack-signature';
export const SLACK_TIMESTAMP_HEADER = 'x-slack-request-timestamp';
export const HUBSPOT_SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const HUBSPOT_TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
export const ZENDESK_SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const ZENDESK_TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';
export const INTERCOM_SIGNATURE_HEADER = 'x-hub-signature';
/**
 * Salesforce may batch up to 100 notifications in one message, so its bodies are allowed to be larger — but the
 * raw payload is stored beside the signal in one Forge SQL request (1 MiB), where escaping can grow it up to six
 * times: 128 KiB stays inside that at worst.
 */
export const MAX_SALESFORCE_BODY_BYTES = 128 * 1024;

// ——— The triage page's signal Inbox, the "Share a signal" form and CSV import (resolver keys `signals.*`) ———

/** Ids of Upstream's SQL rows: signals (`signal-<hex>`), clusters (`cluster-<hex>`), cluster changes (`change-<uuid>`). */
export const sqlRecordIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'Expected an Upstream id such as cluster-3f2a… or signal-9b1c….');

export const signalCategorySchema = z.enum(SIGNAL_CATEGORIES);

/** A cluster as the Inbox shows it: its evidence, and the version a change must name. */
export const clusterSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  /** new, triaged, routed, merged … (any string: states a later version adds still show). */
  state: z.string(),
  signalCount: z.number().int().nonnegative(),
  customerCount: z.number().int().nonnegative(),
  /** Summed over distinct customers, each customer's ARR once. */
  arrTotal: z.number().nonnegative(),
  evidenceScore: z.number(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  version: z.number().int(),
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

/** Why a signal is in its cluster: Upstream's grouping with the shared terms, concepts and score, or a person's move. */
export const clusterReasonDtoSchema = z.object({
  how: z.enum(['joined', 'started', 'moved']),
  /** Who moved it (display name), for `moved`. */
  by: z.string().nullable(),
  score: z.number().nullable(),
  sharedTerms: z.array(z.string()),
  /** Concept ids (without the `~`), e.g. `export`. */
  sharedConcepts: z.array(z.string()),
  at: z.string(),
});

/** One signal in a cluster, as the Inbox lists it. */
export const inboxSignalSchema = z.object({
  id: z.string(),
  customer: z.string(),
  text: z.string(),
  arr: z.number().nonnegative().nullable(),
  source: z.string(),
  raisedBy: z.string(),
  receivedAt: z.string(),
  category: z.string().nullable(),
  /** `suggested` by Upstream (with `categoryWords`, the words that drove it) or `confirmed` by a person. */
  categorySource: z.enum(['suggested', 'confirmed']).nullable(),
  categoryWords: z.array(z.string()),
  reason: clusterReasonDtoSchema.nullable(),
  /** Not yet clustered (the queue has not reached it): shown as "being clustered". */
  pending: z.boolean(),
  version: z.number().int(),
});
export type InboxSignal = z.infer<typeof inboxSignalSchema>;

/** The caller's last cluster change not yet undone, for the Undo button (and `z`). */
export const undoableChangeSchema = z.object({
  changeId: z.string(),
  kind: z.enum(['move', 'merge', 'split']),
  /** "Merged “CSV export” into “Export to Excel”", written for the person. */
  description: z.string(),
  at: z.string(),
});

/** What a change answers: the clusters it touched as they are now, and the change's id for undo. */
export const clusterChangeOutputSchema = z.object({
  changeId: z.string().nullable(),
  clusters: z.array(clusterSummarySchema),
  undoable: undoableChangeSchema.nullable(),
});

const expectedClusterSchema = z.object({ clusterId: sqlRecordIdSchema, version: z.number().int().nonnegative() }).strict();
const clusterTitleSchema = z.string().trim().min(1, 'A cluster needs a title.').max(255, 'A title is at most 255 characters.');

/** Inbox filters shared by the list and its counts: the evidence score (default), or away from it. */
export const INBOX_SORTS = ['evidence', 'recent', 'arr', 'count'] as const;

/** The cluster states the triage page's signal tabs list: Inbox (`new`), Parking lot, Routed, Declined (`triaged` is an older Inbox state). */
export const INBOX_STATES = ['new', 'triaged', 'parked', 'routed', 'declined'] as const;

/** "Seen in the last …": only clusters with a signal received within this many days. */
export const INBOX_AGES = ['7d', '30d', '90d', '365d'] as const;
export const inboxAgeDays = (age: (typeof INBOX_AGES)[number]): number => Number(age.slice(0, -1));

/** Weeks of the per-cluster trend (signals per week, oldest first, this week last). */
export const TREND_WEEKS = 8;

/** One row of a CSV import, after the person mapped its columns (the browser parses the file with papaparse). */
export const csvSignalRowSchema = z
  .object({
    /** The row's line in the file (1 = the header), so errors name it. */
    rowNumber: z.number().int().min(2).max(1_000_000),
    /** The file's own id column, when the person mapped one; otherwise the row's content identifies it. */
    externalId: z.string().trim().min(1).max(200).optional(),
    customer: z.string().trim().min(1, 'The customer is empty.').max(200, 'The customer is over 200 characters.'),
    text: z.string().trim().min(1, 'The signal text is empty.').max(5000, 'The text is over 5,000 characters.'),
    arr: z.number().nonnegative('ARR cannot be negative.').max(1e12).optional(),
    raisedBy: z.string().trim().min(1).max(200).optional(),
    /** ISO date or date-time from the file; absent: the time of import. */
    receivedAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  })
  .strict();
export type CsvSignalRow = z.infer<typeof csvSignalRowSchema>;
/** Rows per `signals.importCsv` call: the browser sends a file in batches of this many. */
export const CSV_IMPORT_BATCH_ROWS = 50;
/** Rows per file: a larger file is refused before anything is sent. */
export const CSV_IMPORT_MAX_ROWS = 5000;

// ——— Routing (issue 10): decisions with a reason, one standing per cluster, the Jira side through the outbox ———

/** Clusters routed in one call at most: Jira's bulk create takes 50 issues, so a Quick fix batch is one call. */
export const MAX_ROUTE_TARGETS = 50;

const rationaleSchema = z.string().trim().min(1, RATIONALE_REQUIRED).max(RATIONALE_MAX_CHARS, RATIONALE_TOO_LONG);
const issueSummaryTextSchema = z.string().trim().min(1, 'Give the new issue a summary.').max(255, 'A summary is at most 255 characters.');

/** The Jira side of a decision: pending until done; failed for good says why and may be retried. */
export const routeJiraSideSchema = z.object({
  state: z.enum(['none', 'pending', 'done', 'failed']),
  issueKey: z.string().nullable(),
  error: z.string().nullable(),
});

/** A decision as the Inbox shows it: where, why, who (display name) and when, and its Jira side. */
export const routingDecisionDtoSchema = z.object({
  clusterId: z.string(),
  route: z.string(),
  rationale: z.string(),
  by: z.string(),
  at: z.string(),
  duplicateOf: z.string().nullable(),
  jira: routeJiraSideSchema,
});
export type RoutingDecisionDto = z.infer<typeof routingDecisionDtoSchema>;

/** One target's outcome: decided; conflict (with the cluster and decision as they are now); refused (with why). */
export const routeOutcomeSchema = z.object({
  /** The cluster routed: for a signal target, the new cluster it was split into (or, if the split failed, its cluster). */
  clusterId: z.string(),
  /** The signal, for a signal target. */
  signalId: z.string().nullable(),
  outcome: z.enum(['decided', 'conflict', 'refused']),
  decision: routingDecisionDtoSchema.nullable(),
  current: z.object({ cluster: clusterSummarySchema.nullable(), decision: routingDecisionDtoSchema.nullable() }).nullable(),
  /** For conflict and refused: a sentence for the person. */
  message: z.string().nullable(),
});

/**
 * What to route: a cluster at the version the lead saw, or one signal in it (`signalId`): the signal is split
 * out into a cluster of its own first (an undoable move), and that cluster is routed.
 */
const routeTargetSchema = z.object({ clusterId: sqlRecordIdSchema, version: z.number().int().nonnegative(), signalId: sqlRecordIdSchema.optional() }).strict();

export const routeInputSchema = z
  .object({
    projectKey: projectKeySchema,
    targets: z
      .array(routeTargetSchema)
      .min(1, 'Choose at least one cluster to route.')
      .max(MAX_ROUTE_TARGETS, `Route at most ${MAX_ROUTE_TARGETS} clusters at once.`)
      .refine((targets) => new Set(targets.map((t) => `${t.clusterId}/${t.signalId ?? ''}`)).size === targets.length, 'Each cluster (or signal) once.')
      .refine(
        (targets) => targets.every((t) => t.signalId !== undefined || !targets.some((o) => o !== t && o.clusterId === t.clusterId)),
        'Route a cluster, or signals out of it, not both at once.',
      ),
    route: z.enum(SIGNAL_ROUTES),
    rationale: rationaleSchema,
    roadmap: z.union([z.object({ epicKey: issueKeySchema }).strict(), z.object({ create: z.object({ projectKey: projectKeySchema, summary: issueSummaryTextSchema }).strict() }).strict()]).optional(),
    quickFix: z.object({ projectKey: projectKeySchema, intoNextSprint: z.boolean().default(false) }).strict().optional(),
    duplicateOf: expectedClusterSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const need = (present: boolean, path: string, message: string): void => {
      if (!present) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    need(input.route !== 'roadmap' || input.roadmap !== undefined, 'roadmap', 'Roadmap needs an epic to link to, or one to create.');
    need(input.route !== 'quick-fix' || input.quickFix !== undefined, 'quickFix', 'Quick fix needs the project to create the Corrective issue in.');
    need(input.route !== 'duplicate' || input.duplicateOf !== undefined, 'duplicateOf', 'Duplicate needs the cluster this one duplicates.');
    need(input.route === 'roadmap' || input.roadmap === undefined, 'roadmap', 'Only a Roadmap decision names an epic.');
    need(input.route === 'quick-fix' || input.quickFix === undefined, 'quickFix', 'Only a Quick fix decision names a project for the issue.');
    need(input.route === 'duplicate' || input.duplicateOf === undefined, 'duplicateOf', 'Only a Duplicate decision names another cluster.');
    need(
      input.duplicateOf === undefined || !input.targets.some((t) => t.clusterId === input.duplicateOf?.clusterId),
      'duplicateOf',
      'A cluster cannot be a duplicate of itself.',
    );
  });
export type RouteInput = z.output<typeof routeInputSchema>;

/** Evidence gained since a cluster was parked, against the thresholds that bring it back to the Inbox. */
export const sinceParkingSchema = z.object({
  signals: z.number().int(),
  arr: z.number(),
  thresholds: z.object({ newSignals: z.number(), addedArr: z.number() }),
});

/** A decision's steps told to whoever raised its signals: decided, in Jira (the issue it became), shipped. */
export const NOTIFY_STEP_NAMES = ['decided', 'in-jira', 'shipped'] as const;
/** How one delivery went: a Slack direct message, a reply in the signal's Slack thread, a Jira watcher, or nobody to reach. */
export const NOTIFY_CHANNEL_NAMES = ['slack-dm', 'slack-thread', 'jira-watcher', 'none'] as const;
/** Problems listed per decision at most; the rest are counted in `problemsLeftOut`. */
export const NOTIFICATION_PROBLEMS_SHOWN = 20;

/**
 * A decision's notification state, for those who may triage: deliveries (one step told to one person one way)
 * by state, and for each not sent, who, how, and why. All zero: nobody has been told yet.
 */
export const notificationStateDtoSchema = z.object({
  sent: z.number().int().nonnegative(),
  /** Waiting for a working Slack bot token (sent once an admin saves one). */
  held: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  unreachable: z.number().int().nonnegative(),
  problems: z
    .array(
      z.object({
        step: z.enum(NOTIFY_STEP_NAMES),
        channel: z.enum(NOTIFY_CHANNEL_NAMES),
        /** A Slack user id, `email:<address>`, `<channel>:<thread ts>`, a Jira account id, or the raiser's name (nobody to reach). */
        recipient: z.string(),
        /** Who that is, by name ("Marcus Bell"), as the signal named them when the delivery was recorded; null when unknown. */
        recipientName: z.string().nullable(),
        state: z.enum(['held', 'failed', 'unreachable']),
        detail: z.string().nullable(),
      }),
    )
    .max(NOTIFICATION_PROBLEMS_SHOWN),
  problemsLeftOut: z.number().int().nonnegative(),
});
export type NotificationStateDto = z.infer<typeof notificationStateDtoSchema>;

/** What a tab shows beside a cluster's evidence. */
export const clusterDetailsSchema = z.object({
  decision: routingDecisionDtoSchema.nullable(),
  /** Signals received per week over the last TREND_WEEKS weeks, oldest first. */
  trend: z.array(z.number().int().nonnegative()),
  /** For a parked cluster, and for one back in the Inbox from the parking lot. */
  sinceParking: sinceParkingSchema.nullable(),
  /**
   * Who was told of the decision (Parking lot, Routed, Declined; for callers who may triage): null on the Inbox,
   * without a decision, or for someone who may only read.
   */
  notifications: notificationStateDtoSchema.nullable(),
});
export type ClusterDetails = z.infer<typeof clusterDetailsSchema>;

export const tabCountsSchema = z.object({
  inbox: z.number().int().nonnegative(),
  parking: z.number().int().nonnegative(),
  routed: z.number().int().nonnegative(),
  declined: z.number().int().nonnegative(),
});
export type TabCounts = z.infer<typeof tabCountsSchema>;

export const signalsContract = {
  /** One page of clusters in a state (the Inbox: `new`), strongest evidence or most recent first. */
  'signals.inbox': {
    input: z
      .object({
        projectKey: projectKeySchema,
        state: z.enum(INBOX_STATES).default('new'),
        category: signalCategorySchema.optional(),
        customer: z.string().trim().min(1).max(200).optional(),
        source: z.enum(SIGNAL_SOURCES).optional(),
        age: z.enum(INBOX_AGES).optional(),
        /** Words in the cluster's title, or in a signal's text or customer. */
        text: z.string().trim().min(1).max(200).optional(),
        sort: z.enum(INBOX_SORTS).default('evidence'),
        cursor: z.string().min(1).max(500).optional(),
        pageSize: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
    output: z.object({
      clusters: z.array(clusterSummarySchema),
      nextCursor: z.string().nullable(),
      /** Whether the caller may change clusters (move, merge, split, undo, rename, categorise) and route them. */
      canTriage: z.boolean(),
      undoable: undoableChangeSchema.nullable(),
      /**
       * Per listed cluster: its standing decision, its 8-week trend, (parked or back from parking) the evidence
       * since parking, and (Parking lot, Routed, Declined, for a triager) who was told of the decision.
       */
      details: z.record(z.string(), clusterDetailsSchema),
      /** Clusters per tab, unfiltered; on the first page only (null on later pages). */
      counts: tabCountsSchema.nullable(),
    }),
  },
  /** A cluster with every signal in it and why each is there, and the clusters most like it (never ones marked not the same). */
  'signals.cluster': {
    input: z.object({ projectKey: projectKeySchema, clusterId: sqlRecordIdSchema }).strict(),
    output: z.object({
      cluster: clusterSummarySchema,
      signals: z.array(inboxSignalSchema),
      similar: z.array(
        z.object({ cluster: clusterSummarySchema, score: z.number(), sharedTerms: z.array(z.string()), sharedConcepts: z.array(z.string()) }),
      ),
      canTriage: z.boolean(),
    }),
  },
  /** Moves signals to another cluster or a new one (several to a new one is a split); `notSame` also remembers they do not belong in `from`. */
  'signals.move': {
    input: z
      .object({
        projectKey: projectKeySchema,
        signalIds: z.array(sqlRecordIdSchema).min(1, 'Choose at least one signal.').max(100),
        from: expectedClusterSchema,
        to: z.union([expectedClusterSchema, z.object({ new: z.literal(true), title: clusterTitleSchema.optional() }).strict()]),
        notSame: z.boolean().default(false),
      })
      .strict(),
    output: clusterChangeOutputSchema,
  },
  /** Merges `from` into `into` (a person confirming they are the same: the concept list learns from it). */
  'signals.merge': {
    input: z.object({ projectKey: projectKeySchema, from: expectedClusterSchema, into: expectedClusterSchema }).strict(),
    output: clusterChangeOutputSchema,
  },
  /** Undoes the caller's last change (or the one named), at most once. */
  'signals.undo': {
    input: z.object({ projectKey: projectKeySchema, changeId: z.string().trim().min(1).max(64).optional() }).strict(),
    output: clusterChangeOutputSchema.extend({ undone: undoableChangeSchema }),
  },
  /** "These are not the same": the pair is never suggested again, and clustering never joins them. */
  'signals.notSame': {
    input: z.object({ projectKey: projectKeySchema, clusterId: sqlRecordIdSchema, otherClusterId: sqlRecordIdSchema }).strict(),
    output: z.object({ clusterId: z.string(), otherClusterId: z.string() }),
  },
  /** Confirms or changes a signal's category, naming the version the person saw. */
  'signals.setCategory': {
    input: z.object({ projectKey: projectKeySchema, signalId: sqlRecordIdSchema, category: signalCategorySchema, version: z.number().int().nonnegative() }).strict(),
    output: z.object({ signal: inboxSignalSchema }),
  },
  /** Gives a cluster a title people chose (suggested from its top terms until then). */
  'signals.renameCluster': {
    input: z.object({ projectKey: projectKeySchema, clusterId: sqlRecordIdSchema, version: z.number().int().nonnegative(), title: clusterTitleSchema }).strict(),
    output: z.object({ cluster: clusterSummarySchema }),
  },
  /** Customers signals have named, for the form's searchable customer field (with their latest ARR). */
  'signals.customers': {
    input: z.object({ projectKey: projectKeySchema, query: z.string().trim().max(100).default('') }).strict(),
    output: z.object({ customers: z.array(z.object({ name: z.string(), arr: z.number().nonnegative().nullable(), signalCount: z.number().int().nonnegative() })) }),
  },
  /**
   * "Share a signal": anyone who can browse the project. `submissionId` is made by the form once per draft, so a
   * double submit or a retry after a lost answer stores one signal.
   */
  'signals.share': {
    input: z
      .object({
        projectKey: projectKeySchema,
        submissionId: z.uuid('The form sent no submission id; reload the page.'),
        customer: z.string().trim().min(1, 'Name the customer.').max(200),
        arr: z.number().nonnegative('ARR cannot be negative.').max(1e12).optional(),
        text: z.string().trim().min(1, 'Write what the customer said, in their words.').max(5000, 'Keep their words under 5,000 characters.'),
        tryingTo: z.string().trim().max(1000, 'Keep this under 1,000 characters.').optional(),
        link: z.url('A link starts with https:// (or http://).').max(2000).optional(),
        /** Who raised it, when not the person filling the form in (a rep they spoke for). */
        raisedByAccountId: z.string().min(1).max(128).optional(),
      })
      .strict(),
    output: z.object({ signalId: z.string(), created: z.boolean() }),
  },
  /** One batch of a CSV file's mapped rows: each row stored (or found already there) or refused with its reason. */
  'signals.importCsv': {
    input: z
      .object({
        projectKey: projectKeySchema,
        fileName: z.string().trim().min(1).max(255),
        /** Rows are checked one by one here (so one bad row refuses only itself): see csvSignalRowSchema. */
        rows: z.array(z.unknown()).min(1).max(CSV_IMPORT_BATCH_ROWS),
      })
      .strict(),
    output: z.object({
      results: z.array(
        z.object({
          rowNumber: z.number().int().nullable(),
          outcome: z.enum(['created', 'duplicate', 'refused']),
          signalId: z.string().nullable(),
          /** For `refused`: what is wrong with the row, for the person to fix in the file. */
          error: z.string().nullable(),
        }),
      ),
    }),
  },
  /**
   * Routes clusters (1–50) at once: a rationale is required; each target names the cluster version the lead saw.
   * The decision is stored first; the Jira side (create or link the issue, its origin) follows through the outbox.
   */
  'signals.route': {
    input: routeInputSchema,
    output: z.object({ results: z.array(routeOutcomeSchema) }),
  },
  /** The projects the caller can create issues in (Quick fix and a new Roadmap epic go there). */
  'signals.routeProjects': {
    input: z.object({ projectKey: projectKeySchema }).strict(),
    output: z.object({ projects: z.array(z.object({ key: z.string(), name: z.string() })) }),
  },
  /** Epics (and Jira Product Discovery ideas) in a project the caller can see, matching words of their summary or their key. */
  'signals.epics': {
    input: z.object({ projectKey: projectKeySchema, inProject: projectKeySchema, query: z.string().trim().max(100).default('') }).strict(),
    output: z.object({ epics: z.array(z.object({ key: z.string(), summary: z.string(), type: z.string(), status: z.string().nullable() })) }),
  },
  /** Tries again the Jira side of a decision that failed for good. */
  'signals.retryRoute': {
    input: z.object({ projectKey: projectKeySchema, clusterId: sqlRecordIdSchema }).strict(),
    output: z.object({ decision: routingDecisionDtoSchema }),
  },
} as const;
