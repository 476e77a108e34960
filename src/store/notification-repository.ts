/**
 * Closing the loop, as stored: who raised a cluster's signals and how to reach them (read from `signal`, raw
 * Slack payload included, which nothing else reads back), one row per delivery in `raiser_notification`
 * (sent, held for a working Slack token, failed, or unreachable), and the Slack bot token with the workspace it
 * belongs to (a KVS secret that only the outbound Slack calls read; the settings page sees the workspace).
 */
import { kvs } from '@forge/kvs';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { withStorageRetry } from './storage-retry';
import { readStored } from './stored-record';
import { executeWrite, readRows, rowId, selectRows } from './sql/run';
import { db as upstreamDb } from './sql/schema';
import type { NotifyTables } from './sql/notify-schema';

const db = upstreamDb.withTables<NotifyTables>();
const KIND = 'raiser-notification';

export const NOTIFY_STEPS = ['decided', 'in-jira', 'shipped'] as const;
export type NotifyStep = (typeof NOTIFY_STEPS)[number];
export const DELIVERY_CHANNELS = ['slack-dm', 'slack-thread', 'jira-watcher', 'none'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATES = ['sent', 'held', 'failed', 'unreachable'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** A cluster holds at most this many signals' raisers in one notification: far above any real cluster. */
export const MAX_RAISERS = 1000;

/** A signal as closing the loop needs it: who raised it and what is known of how to reach them. */
const raiserRowSchema = z
  .object({
    id: z.string().min(1),
    source: z.string(),
    text: z.string(),
    raised_by_name: z.string(),
    raised_by_email: z.string().nullable(),
    raised_by_account_id: z.string().nullable(),
    raw_payload: z.string().nullable(),
  })
  .transform((row) => ({
    signalId: row.id,
    source: row.source,
    text: row.text,
    name: row.raised_by_name,
    email: row.raised_by_email,
    accountId: row.raised_by_account_id,
    // Only Slack's raw request says where in Slack it came from; other sources' payloads are not read here.
    slackPayload: row.source === 'slack' ? row.raw_payload : null,
  }));
export type Raiser = z.output<typeof raiserRowSchema>;

const RAISER_COLUMNS = ['id', 'source', 'text', 'raised_by_name', 'raised_by_email', 'raised_by_account_id', 'raw_payload'] as const;

/** Who raised the signals in a cluster now. */
export async function raisersOfCluster(clusterId: string): Promise<Raiser[]> {
  const rows = await selectRows(db.selectFrom('signal').select(RAISER_COLUMNS).where('cluster_id', '=', clusterId).orderBy('id').limit(MAX_RAISERS).compile());
  return readRows('signal', raiserRowSchema, rows, rowId).rows;
}

/** Who raised these signals, wherever they are now. */
export async function raisersOfSignals(signalIds: readonly string[]): Promise<Raiser[]> {
  const ids = [...new Set(signalIds)].slice(0, MAX_RAISERS);
  if (ids.length === 0) return [];
  const rows = await selectRows(db.selectFrom('signal').select(RAISER_COLUMNS).where('id', 'in', ids).orderBy('id').compile());
  return readRows('signal', raiserRowSchema, rows, rowId).rows;
}

const mergedSignalsSchema = z.object({ restore: z.string() }).transform((row, ctx) => {
  try {
    const restore = z.object({ signals: z.array(z.object({ id: z.string().min(1) })) }).parse(JSON.parse(row.restore));
    return restore.signals.map((s) => s.id);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'restore does not list its signals' });
    return z.NEVER;
  }
});

/**
 * The signals a duplicate decision was about: they left its cluster when it was merged, so they are read from
 * the merge's own record (the latest merge of `fromClusterId` into `intoClusterId` that was not undone).
 * `cluster_change` has no index on what a change touched, so this reads that person's merges of the pair only.
 */
export async function signalIdsMergedOut(fromClusterId: string, intoClusterId: string): Promise<string[]> {
  const json = (path: string) => sql<string>`JSON_UNQUOTE(JSON_EXTRACT(${sql.ref('restore')}, ${path}))`;
  const rows = await selectRows(
    db
      .selectFrom('cluster_change')
      .select(['id', 'restore'])
      .where('kind', '=', 'merge')
      .where('undone_at', 'is', null)
      .where(json('$.touched[0]'), '=', fromClusterId)
      .where(json('$.movedTo'), '=', intoClusterId)
      .orderBy('changed_at', 'desc')
      .limit(1)
      .compile(),
  );
  return readRows('cluster-change', mergedSignalsSchema, rows, rowId).rows[0] ?? [];
}

/** A delivery: one step of one decision told to one person (or thread) one way. */
export interface Delivery {
  decisionId: string;
  clusterId: string;
  step: NotifyStep;
  channel: DeliveryChannel;
  recipient: string;
  /** Who `recipient` is, by name (the raiser's name as their signal has it); absent or null when not known. Not part of the id. */
  recipientName?: string | null;
  signalIds: readonly string[];
  issueKey: string | null;
}

/** The longest name kept (the column's size, in characters). */
const MAX_RECIPIENT_NAME = 255;

/** A name as stored: trimmed, cut to the column's size by characters (never inside an emoji), null when blank. */
function storedRecipientName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  return trimmed === '' ? null : Array.from(trimmed).slice(0, MAX_RECIPIENT_NAME).join('').trim();
}

/**
 * Lenient: the name is only ever shown beside the recipient. Null (rows recorded before the column, or no name
 * known), blank or not text reads as "no name", and the delivery reads as before, never hidden by its name.
 */
const recipientNameSchema = z
  .string()
  .nullable()
  .catch(null)
  .transform((name) => storedRecipientName(name));

/** The delivery's id: the same step told the same person the same way is always the same row. */
export const deliveryId = (d: Pick<Delivery, 'decisionId' | 'step' | 'channel' | 'recipient'>): string =>
  createHash('sha256').update(JSON.stringify([d.decisionId, d.step, d.channel, d.recipient])).digest('hex');

const deliveryRowSchema = z
  .object({
    id: z.string(),
    decision_id: z.string(),
    cluster_id: z.string(),
    step: z.enum(NOTIFY_STEPS),
    channel: z.enum(DELIVERY_CHANNELS),
    recipient: z.string(),
    recipient_name: recipientNameSchema,
    signal_ids: z.string().transform((text, ctx) => {
      const parsed = z.array(z.string()).safeParse((() => { try { return JSON.parse(text) as unknown; } catch { return null; } })());
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'signal_ids is not a list of ids' });
        return z.NEVER;
      }
      return parsed.data;
    }),
    // Lenient: a later version may add states; such a delivery reads as failed, never as sent.
    state: z.string().transform((s): DeliveryState => ((DELIVERY_STATES as readonly string[]).includes(s) ? (s as DeliveryState) : 'failed')),
    detail: z.string().nullable(),
    issue_key: z.string().nullable(),
    slack_ts: z.string().nullable(),
    attempts: z.coerce.number().int(),
    updated_at: z.coerce.number().int(),
  })
  .transform((row) => ({
    id: row.id,
    decisionId: row.decision_id,
    clusterId: row.cluster_id,
    step: row.step,
    channel: row.channel,
    recipient: row.recipient,
    recipientName: row.recipient_name,
    signalIds: row.signal_ids,
    state: row.state,
    detail: row.detail,
    issueKey: row.issue_key,
    slackTs: row.slack_ts,
    attempts: row.attempts,
    updatedAt: row.updated_at,
  }));
export type StoredDelivery = z.output<typeof deliveryRowSchema>;

const DELIVERY_COLUMNS = ['id', 'decision_id', 'cluster_id', 'step', 'channel', 'recipient', 'recipient_name', 'signal_ids', 'state', 'detail', 'issue_key', 'slack_ts', 'attempts', 'updated_at'] as const;

/** Every delivery of these decisions, oldest first (for the decision's notification state, and to skip what was sent). */
export async function deliveriesOfDecisions(decisionIds: readonly string[]): Promise<StoredDelivery[]> {
  const ids = [...new Set(decisionIds)];
  if (ids.length === 0) return [];
  const rows = await selectRows(db.selectFrom('raiser_notification').select(DELIVERY_COLUMNS).where('decision_id', 'in', ids).orderBy('created_at').orderBy('id').compile());
  return readRows(KIND, deliveryRowSchema, rows, rowId).rows;
}

/** Deliveries read for one page of the triage tabs at most (50 decisions × a few raisers × three steps fit well inside). */
export const MAX_LISTED_DELIVERIES = 5000;

const listedDeliverySchema = z
  .object({
    cluster_id: z.string(),
    decision_id: z.string(),
    step: z.enum(NOTIFY_STEPS),
    channel: z.enum(DELIVERY_CHANNELS),
    recipient: z.string(),
    recipient_name: recipientNameSchema,
    // Lenient, as deliveryRowSchema: a state a later version adds reads as failed, never as sent.
    state: z.string().transform((s): DeliveryState => ((DELIVERY_STATES as readonly string[]).includes(s) ? (s as DeliveryState) : 'failed')),
    detail: z.string().nullable(),
  })
  .transform((row) => ({
    clusterId: row.cluster_id,
    decisionId: row.decision_id,
    step: row.step,
    channel: row.channel,
    recipient: row.recipient,
    recipientName: row.recipient_name,
    state: row.state,
    detail: row.detail,
  }));
export type ListedDelivery = z.output<typeof listedDeliverySchema>;

/**
 * The deliveries of the decisions that stand for these clusters, in ONE statement (joined on the standing
 * decision's id, so what an earlier, replaced decision sent is left out): a page of the triage tabs shows each
 * decision's notification state without a read per decision. Oldest first.
 */
export async function deliveriesOfStandingDecisions(clusterIds: readonly string[]): Promise<ListedDelivery[]> {
  const ids = [...new Set(clusterIds)];
  if (ids.length === 0) return [];
  const rows = await selectRows(
    db
      .selectFrom('routing_decision')
      .innerJoin('raiser_notification', 'raiser_notification.decision_id', 'routing_decision.decision_id')
      .select([
        'routing_decision.cluster_id',
        'raiser_notification.decision_id',
        'raiser_notification.step',
        'raiser_notification.channel',
        'raiser_notification.recipient',
        'raiser_notification.recipient_name',
        'raiser_notification.state',
        'raiser_notification.detail',
      ])
      .where('routing_decision.cluster_id', 'in', ids)
      .orderBy('raiser_notification.created_at')
      .orderBy('raiser_notification.id')
      .limit(MAX_LISTED_DELIVERIES)
      .compile(),
  );
  return readRows(KIND, listedDeliverySchema, rows, (row) => String((row as { decision_id?: unknown }).decision_id ?? '(no id)')).rows;
}

const MAX_DETAIL = 500;

/**
 * Records what became of a delivery in one statement. A delivery already `sent` stays sent whatever a later
 * (duplicate) attempt says: `state` is assigned only when the stored one is not `sent`, and before the other
 * columns, since MySQL evaluates SET left to right with the values already assigned.
 */
export async function recordDelivery(delivery: Delivery, outcome: { state: DeliveryState; detail: string | null; slackTs?: string | null }, nowMs: number): Promise<void> {
  const detail = outcome.detail === null ? null : outcome.detail.slice(0, MAX_DETAIL);
  const recipientName = storedRecipientName(delivery.recipientName);
  const keepSent = <T>(value: T, column: 'detail' | 'slack_ts') => sql<T>`CASE WHEN ${sql.ref('state')} = 'sent' THEN ${sql.ref(column)} ELSE ${value} END`;
  await executeWrite(
    db
      .insertInto('raiser_notification')
      .values({
        id: deliveryId(delivery),
        decision_id: delivery.decisionId,
        cluster_id: delivery.clusterId,
        step: delivery.step,
        channel: delivery.channel,
        recipient: delivery.recipient.slice(0, 255),
        recipient_name: recipientName,
        signal_ids: JSON.stringify(delivery.signalIds),
        state: outcome.state,
        detail,
        issue_key: delivery.issueKey,
        slack_ts: outcome.slackTs ?? null,
        attempts: 1,
        created_at: nowMs,
        updated_at: nowMs,
      })
      .onDuplicateKeyUpdate({
        detail: keepSent(detail, 'detail'),
        slack_ts: keepSent(outcome.slackTs ?? null, 'slack_ts'),
        state: sql<string>`CASE WHEN ${sql.ref('state')} = 'sent' THEN 'sent' ELSE ${outcome.state} END`,
        attempts: sql<number>`${sql.ref('attempts')} + 1`,
        updated_at: nowMs,
        // A row recorded before names were (a held message sent now) gains its name; a known name is not blanked.
        ...(recipientName !== null ? { recipient_name: recipientName } : {}),
      })
      .compile(),
  );
}

/** The decision steps with deliveries held for a working Slack token, oldest first: what a new token sends. */
export async function heldDeliverySteps(limit: number): Promise<Array<{ decisionId: string; clusterId: string; step: NotifyStep; issueKey: string | null }>> {
  const rows = await selectRows(
    db
      .selectFrom('raiser_notification')
      .select(['decision_id', 'cluster_id', 'step', (eb) => eb.fn.max('issue_key').as('issue_key'), (eb) => eb.fn.min('updated_at').as('since')])
      .where('state', '=', 'held')
      .groupBy(['decision_id', 'cluster_id', 'step'])
      .orderBy('since')
      .limit(limit)
      .compile(),
  );
  const schema = z
    .object({ decision_id: z.string(), cluster_id: z.string(), step: z.enum(NOTIFY_STEPS), issue_key: z.string().nullable() })
    .transform((r) => ({ decisionId: r.decision_id, clusterId: r.cluster_id, step: r.step, issueKey: r.issue_key }));
  return readRows(KIND, schema, rows, (row) => String((row as { decision_id?: unknown }).decision_id ?? '(no id)')).rows;
}

/** How many deliveries wait for a working Slack token (shown on the settings page). */
export async function countHeldDeliveries(): Promise<number> {
  const rows = await selectRows(db.selectFrom('raiser_notification').select((eb) => eb.fn.countAll<string | number>().as('n')).where('state', '=', 'held').compile());
  return Number((rows[0] as { n?: unknown } | undefined)?.n ?? 0) || 0;
}

// The Slack bot token.

const SETTING_KIND = 'slack-setting';
const TOKEN_KEY = 'slack-bot-token';
const CONNECTION_KEY = 'settings:slack-connection';

/** The workspace the stored token belongs to, as Slack's auth.test named it when it was saved. */
export const slackConnectionSchema = z.object({
  teamId: z.string().min(1).max(32),
  teamName: z.string().max(200),
  botUserId: z.string().min(1).max(32),
  botName: z.string().max(200),
  /** Scopes closing the loop needs that the token lacked when it was saved. */
  missingScopes: z.array(z.string().max(64)).max(20).default([]),
  setAt: z.iso.datetime(),
  setBy: z.string().min(1).max(128),
});
export type SlackConnection = z.infer<typeof slackConnectionSchema>;

const tokenSchema = z.string().regex(/^xoxb-[A-Za-z0-9-]{10,250}$/);

export async function readSlackBotToken(): Promise<string | null> {
  const value: unknown = await withStorageRetry(() => kvs.getSecret(TOKEN_KEY));
  return readStored(SETTING_KIND, TOKEN_KEY, tokenSchema, value);
}

export async function readSlackConnection(): Promise<SlackConnection | null> {
  const value: unknown = await withStorageRetry(() => kvs.get(CONNECTION_KEY));
  return readStored(SETTING_KIND, CONNECTION_KEY, slackConnectionSchema, value);
}

/** The token first: a connection shown without its token would claim a workspace Upstream cannot post to. */
export async function writeSlackBotToken(token: string, connection: SlackConnection): Promise<void> {
  const value = tokenSchema.parse(token);
  const shown = slackConnectionSchema.parse(connection);
  await withStorageRetry(() => kvs.setSecret(TOKEN_KEY, value));
  await withStorageRetry(() => kvs.set(CONNECTION_KEY, shown));
}

// The decision a notification tells of.

const noticeDecisionSchema = z
  .object({
    cluster_id: z.string(),
    decision_id: z.string(),
    route: z.string(),
    rationale: z.string(),
    decided_by: z.string(),
    decided_by_name: z.string().nullable(),
    duplicate_of: z.string().nullable(),
    epic_key: z.string().nullable(),
    issue_key: z.string().nullable(),
  })
  .transform((row) => ({
    clusterId: row.cluster_id,
    decisionId: row.decision_id,
    route: row.route,
    rationale: row.rationale,
    decidedBy: row.decided_by_name ?? row.decided_by,
    duplicateOf: row.duplicate_of,
    epicKey: row.epic_key,
    issueKey: row.issue_key,
  }));
export type NoticeDecision = z.output<typeof noticeDecisionSchema>;

/**
 * The decision with this id while it stands (a cluster keeps one decision row, so a decision replaced by a later
 * one is not found). `decision_id` has no index: the table holds one row per routed cluster, read once per
 * notification, never on a page.
 */
export async function decisionForNotice(decisionId: string): Promise<NoticeDecision | null> {
  const rows = await selectRows(
    db
      .selectFrom('routing_decision')
      .select(['cluster_id', 'decision_id', 'route', 'rationale', 'decided_by', 'decided_by_name', 'duplicate_of', 'epic_key', 'issue_key'])
      .where('decision_id', '=', decisionId)
      .limit(1)
      .compile(),
  );
  return readRows('routing-decision', noticeDecisionSchema, rows, (row) => String((row as { cluster_id?: unknown }).cluster_id ?? '(no id)')).rows[0] ?? null;
}
