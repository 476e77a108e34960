/**
 * What happens to a signal once it is committed: its processing is recorded in the outbox and pushed, so the
 * slow or fallible part — categorising, indexing and clustering it (`cluster-signal`, services/signals/cluster.ts)
 * — runs from the queue and is retried, and the sender's request is answered as soon as the signal and this row
 * are stored (two SQL statements: the signal's INSERT, the outbox row's). Every channel calls this after storing
 * a signal, for a duplicate too (recording again is a no-op, and a first attempt that stored the signal but
 * stopped before this line still gets its processing). A signal whose raiser's Jira account is still to be found
 * (from Slack, or with the raiser's email) also gets `match-raiser` (raiser-match.ts), recorded after it.
 */
import { effectId } from '../outbox/effects';
import { recordAndPush } from '../outbox/record';
import { askToMatchRaiser } from './raiser-match-requests';

export interface AfterStored {
  /**
   * The signal came without its raiser's Jira account but with something to find it by (the raiser's email, or
   * the Slack user who sent it): `match-raiser` (raiser-match.ts) looks for it, so it shows on their My signals.
   */
  matchRaiser?: boolean;
}

export async function afterSignalStored(signalId: string, { matchRaiser = false }: AfterStored = {}): Promise<void> {
  await recordAndPush({ id: effectId('cluster-signal', signalId), kind: 'cluster-signal', payload: { signalId } });
  // Never throws: failing to record the match loses only the match (logged).
  if (matchRaiser) await askToMatchRaiser(signalId);
}

/**
 * A signal sent from Slack with a response_url: once it is clustered, tell the sender where it went
 * (`slack-reply`, services/signals/slack-follow-up.ts). Recorded after `afterSignalStored`, so its event queues
 * behind the clustering in the same lane. One row per signal: a resend of the same message asks nothing more.
 * A failure to record it loses only the follow-up, never the signal, so it is logged, not thrown.
 */
export async function askForSlackFollowUp(signalId: string, responseUrl: string, requestedAtMs: number): Promise<void> {
  try {
    await recordAndPush({ id: effectId('slack-reply', signalId), kind: 'slack-reply', payload: { signalId, responseUrl, requestedAt: requestedAtMs } });
  } catch (error: unknown) {
    console.warn(`slack follow-up for ${signalId} could not be recorded (the signal is stored; only the follow-up is lost):`, error instanceof Error ? error.message : error);
  }
}
