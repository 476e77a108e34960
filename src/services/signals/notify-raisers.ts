/**
 * Closing the loop to whoever raised a cluster's signals, at every step of its decision: decided (roadmap, quick
 * fix, parked, declined, duplicate), in Jira (the issue it became is known) and shipped (that issue reached
 * Done). Each step of each decision is one outbox effect `notify-raisers` (notify-effect.ts), performed by
 * notify-deliver.ts: a Slack direct message to each rep and a reply in the Slack thread a signal came from, and
 * for reps with Jira access a watcher on the issue, so Jira tells them of every later change itself.
 *
 * Recording is idempotent (the effect's id is decision + step) and cheap, so routing records the steps it knows
 * of from inside its own outbox effect, where a crash repeats the recording rather than losing it.
 *
 * Not importing the outbox's record.ts on purpose: it reaches effects.ts, which reaches routing-jira.ts, which
 * calls this file — a cycle. The few lines it would give are written here against the store instead.
 */
import { AppError } from '../../errors';
import { countHeldDeliveries, decisionForNotice, deliveriesOfDecisions, heldDeliverySteps, type NotifyStep, type StoredDelivery } from '../../store/notification-repository';
import { recordOutboxEffect } from '../../store/outbox-repository';
import { getRouteDecisions } from '../../store/routing-decision-repository';
import { MAX_EVENTS_PER_PUSH, pushWork } from '../../store/work-queue';
import { clock } from '../clock';
import { NOTIFY_EFFECT_KIND, NOTIFY_LANE, notifyEffectId, notifyRaisersPayloadSchema, type NotifyRaisersPayload } from './notify-effect';

/**
 * How long the first push owns a recorded row before the sweeper may push it again: the outbox's lease
 * (OUTBOX_LEASE_MS in services/outbox/record.ts, not imported, see above).
 */
const FIRST_PUSH_LEASE_MS = 180_000;

/** Records the effects (one statement each; recording one again changes nothing) and pushes them, 50 an event batch. */
async function recordNotices(payloads: readonly NotifyRaisersPayload[], idOf: (p: NotifyRaisersPayload) => string = (p) => notifyEffectId(p.decisionId, p.step)): Promise<string[]> {
  const now = clock.now().getTime();
  const ids: string[] = [];
  for (const payload of payloads) {
    const id = idOf(payload);
    await recordOutboxEffect({ id, kind: NOTIFY_EFFECT_KIND, payload: notifyRaisersPayloadSchema.parse(payload) as unknown as Record<string, unknown> }, now, now + FIRST_PUSH_LEASE_MS);
    ids.push(id);
  }
  for (let start = 0; start < ids.length; start += MAX_EVENTS_PER_PUSH) {
    try {
      await pushWork(ids.slice(start, start + MAX_EVENTS_PER_PUSH).map((outboxId) => ({ outboxId })), 0, NOTIFY_LANE);
    } catch (error: unknown) {
      // Recorded: the sweeper pushes them once their lease is over.
      console.warn(`notify-raisers: ${ids.length} notices recorded, but the push failed (the sweeper will push them):`, error instanceof Error ? error.message : error);
    }
  }
  return ids;
}

/**
 * The steps these routing decisions have reached, told to their raisers: `decided` for each decision that still
 * stands, and `in-jira` once its Jira side is done with an issue key. Called by routing (from the route-to-jira
 * effect, before and after its Jira work, and after a duplicate is decided); calling it again records nothing new.
 */
export async function notifyRaisersOfRoutedClusters(decisions: ReadonlyArray<{ clusterId: string; decisionId: string }>): Promise<void> {
  if (decisions.length === 0) return;
  const stored = await getRouteDecisions(decisions.map((d) => d.clusterId));
  const payloads: NotifyRaisersPayload[] = [];
  for (const { clusterId, decisionId } of decisions) {
    const decision = stored.get(clusterId);
    if (!decision || decision.decisionId !== decisionId) continue;
    payloads.push({ decisionId, step: 'decided', issueKey: null });
    if (decision.jiraState === 'done' && decision.issueKey) payloads.push({ decisionId, step: 'in-jira', issueKey: decision.issueKey });
  }
  await recordNotices(payloads);
}

/**
 * Shipped: the issue a decision became reached Done (called by the issue-updated trigger's service with the
 * decision id from the issue's `upstream-origin` property). Idempotent: an issue moved to Done, reopened and
 * done again is told once.
 */
export async function notifyRaisersShipped(decisionId: string, issueKey: string, at: number): Promise<void> {
  await recordNotices([{ decisionId, step: 'shipped', issueKey, at }]);
}

/** Most held steps one token save sends again; the next save (or the sweeper's retries) takes the rest. */
const MAX_RESENT_STEPS = 200;

/**
 * After an admin saves a working Slack token: every step whose Slack messages were held for one is recorded
 * again under a new effect id (the earlier effect is done), so they are sent now. What was sent stays sent:
 * the deliveries are keyed by what they tell whom, not by the effect that sent them.
 */
export async function resendHeldNotifications(): Promise<number> {
  const held = await heldDeliverySteps(MAX_RESENT_STEPS);
  const at = clock.now().getTime();
  await recordNotices(
    held.map((h) => ({ decisionId: h.decisionId, step: h.step, issueKey: h.issueKey })),
    (p) => `${notifyEffectId(p.decisionId, p.step)}:resend-${at}`,
  );
  return held.length;
}

export const heldNotificationCount = (): Promise<number> => countHeldDeliveries();

/** What a lead sees of a decision's notifications: counts by state and, for anything not sent, who and why. */
export interface NotificationState {
  sent: number;
  held: number;
  failed: number;
  unreachable: number;
  /** `recipientName`: who `recipient` is, by name, where the delivery recorded one. */
  problems: Array<{ step: NotifyStep; channel: StoredDelivery['channel']; recipient: string; recipientName: string | null; state: StoredDelivery['state']; detail: string | null }>;
}

/**
 * The notification state of these decisions, by decision id (for the decision's row on the triage page: "3 told
 * in Slack · 1 waiting for a Slack token"). Read as the app: the caller must be allowed to see the decisions.
 */
export async function notificationStateOf(decisionIds: readonly string[]): Promise<Map<string, NotificationState>> {
  return notificationStatesFrom(await deliveriesOfDecisions(decisionIds));
}

/** The notification state of each decision these deliveries belong to, by decision id (pure: the triage tabs read the deliveries themselves). */
export function notificationStatesFrom(deliveries: Iterable<Pick<StoredDelivery, 'decisionId' | 'step' | 'channel' | 'recipient' | 'recipientName' | 'state' | 'detail'>>): Map<string, NotificationState> {
  const out = new Map<string, NotificationState>();
  for (const delivery of deliveries) {
    const state = out.get(delivery.decisionId) ?? { sent: 0, held: 0, failed: 0, unreachable: 0, problems: [] };
    state[delivery.state] += 1;
    if (delivery.state !== 'sent') state.problems.push({ step: delivery.step, channel: delivery.channel, recipient: delivery.recipient, recipientName: delivery.recipientName, state: delivery.state, detail: delivery.detail });
    out.set(delivery.decisionId, state);
  }
  return out;
}

/** The decision a step tells of, or a refusal saying why nothing will be sent. */
export async function requireNoticeDecision(decisionId: string) {
  const decision = await decisionForNotice(decisionId);
  if (!decision) throw new AppError('not-found', `Decision ${decisionId} no longer stands (the cluster was routed again), so its raisers are not told of it.`);
  return decision;
}
