/**
 * A routing decision as the triage tabs and `signals.route` answer it: where, why, who and when, and its Jira
 * side — pending until done, or failed (by Jira's refusal, or by an outbox effect that ran out of attempts).
 * Also who was told of it (notificationDtoOf). Pure: the caller reads the decision, its effect and its deliveries.
 */
import { NOTIFICATION_PROBLEMS_SHOWN, type NotificationStateDto, type RoutingDecisionDto } from '../../contract';
import type { RouteDecision } from '../../store/routing-decision-repository';
import type { NotificationState } from './notify-raisers';

/** What the outbox says of a decision's Jira side effect: absent (never recorded), or its state and last error. */
export type EffectRead = { state: 'absent' } | { state: string; lastError: string | null };

/** A decision as the Inbox shows it. A pending Jira side whose outbox effect failed for good reads as failed, with why. */
export function decisionDtoOf(d: RouteDecision, effect: EffectRead | undefined): RoutingDecisionDto {
  // Absent: a retry reopened the side but died before recording its effect; nothing will run, so it can be retried.
  const effectFailed = d.jiraState === 'pending' && d.jiraEffectId !== null && effect !== undefined && (effect.state === 'absent' || effect.state === 'failed');
  const effectError = effect === undefined ? null : effect.state === 'absent' ? 'the retry was not queued' : 'lastError' in effect ? effect.lastError : null;
  const state = effectFailed ? 'failed' : d.jiraState;
  const error = effectFailed ? `Jira could not be reached after several attempts: ${effectError ?? 'unknown error'}` : d.jiraError;
  const shown = (['none', 'pending', 'done', 'failed'] as const).find((s) => s === state) ?? 'none';
  return {
    clusterId: d.clusterId,
    route: d.route,
    rationale: d.rationale,
    by: d.decidedByName ?? d.decidedBy,
    at: new Date(d.decidedAt).toISOString(),
    duplicateOf: d.duplicateOf,
    jira: { state: shown, issueKey: d.issueKey, error: shown === 'failed' ? (error ?? 'Jira refused it.') : null },
  };
}

/** The zero state: a decision nobody has been told of yet (its notices are on their way, or it predates them). */
const NOBODY_TOLD: NotificationState = { sent: 0, held: 0, failed: 0, unreachable: 0, problems: [] };

/** What a lead can act on first: held (an admin saves a token and they go out), then failed, then nobody to reach. */
const PROBLEM_ORDER: Readonly<Record<string, number>> = { held: 0, failed: 1, unreachable: 2 };
const STEP_ORDER: Readonly<Record<string, number>> = { decided: 0, 'in-jira': 1, shipped: 2 };

/**
 * A decision's notification state as the triage tabs show it: its counts, and the first problems — held first,
 * then failed, then unreachable, each by step, otherwise in the order they happened — the rest counted.
 */
export function notificationDtoOf(state: NotificationState | undefined): NotificationStateDto {
  const { sent, held, failed, unreachable, problems } = state ?? NOBODY_TOLD;
  const ordered = [...problems].sort((a, b) => (PROBLEM_ORDER[a.state] ?? 1) - (PROBLEM_ORDER[b.state] ?? 1) || (STEP_ORDER[a.step] ?? 0) - (STEP_ORDER[b.step] ?? 0));
  const shown = ordered.slice(0, NOTIFICATION_PROBLEMS_SHOWN).map((p) => ({
    step: p.step,
    channel: p.channel,
    recipient: p.recipient,
    recipientName: p.recipientName,
    // notificationStateOf lists only what was not sent; `sent` cannot appear, but the type allows it.
    state: p.state === 'sent' ? ('failed' as const) : p.state,
    detail: p.detail,
  }));
  return { sent, held, failed, unreachable, problems: shown, problemsLeftOut: problems.length - shown.length };
}
