/**
 * A routing decision as the triage tabs and `signals.route` answer it: where, why, who and when, and its Jira
 * side — pending until done, or failed (by Jira's refusal, or by an outbox effect that ran out of attempts).
 * Pure: the caller reads the decision and its effect.
 */
import type { RoutingDecisionDto } from '../../contract';
import type { RouteDecision } from '../../store/routing-decision-repository';

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
