/**
 * Asking for `match-raiser` (raiser-match.ts): once per signal at intake, and again for recent Slack signals when
 * an admin saves a Slack bot token (a match that ran without one could not ask Slack for the sender's email).
 * Apart from raiser-match.ts because recording reaches effects.ts, which performs it.
 */
import { recordOutboxEffect } from '../../store/outbox-repository';
import { slackSignalsWithoutRaiser } from '../../store/signal-raiser-repository';
import { MAX_EVENTS_PER_PUSH, pushWork } from '../../store/work-queue';
import { clock } from '../clock';
import { concurrencyOf, effectId, EFFECTS } from '../outbox/effects';
import { OUTBOX_LEASE_MS, recordAndPush } from '../outbox/record';

/**
 * Records the match of a signal just stored (one row per signal: a resend asks nothing more). A failure to
 * record it loses only the match, never the signal, so it is logged, not thrown.
 */
export async function askToMatchRaiser(signalId: string): Promise<void> {
  try {
    await recordAndPush({ id: effectId('match-raiser', signalId), kind: 'match-raiser', payload: { signalId } });
  } catch (error: unknown) {
    console.warn(`match-raiser for ${signalId} could not be recorded (the signal is stored; only finding its raiser's Jira account is lost):`, error instanceof Error ? error.message : error);
  }
}

/** Most Slack signals one token save asks about again: the newest; older ones stay as they are. */
export const MAX_REMATCHED_SIGNALS = 100;

/**
 * After a token is saved: the newest Slack signals still without a raiser's account are matched again, each
 * under a new effect id (the first one is done), recorded one statement each and pushed 50 an event batch (a
 * failed push is logged: the sweeper pushes the rows). Answers how many were asked for.
 */
export async function matchSlackRaisersAgain(): Promise<number> {
  const signalIds = await slackSignalsWithoutRaiser(MAX_REMATCHED_SIGNALS);
  const now = clock.now().getTime();
  const ids: string[] = [];
  for (const signalId of signalIds) {
    const id = effectId('match-raiser', `${signalId}:token-${now}`);
    await recordOutboxEffect({ id, kind: 'match-raiser', payload: EFFECTS['match-raiser'].payload.parse({ signalId }) }, now, now + OUTBOX_LEASE_MS);
    ids.push(id);
  }
  for (let start = 0; start < ids.length; start += MAX_EVENTS_PER_PUSH) {
    try {
      await pushWork(ids.slice(start, start + MAX_EVENTS_PER_PUSH).map((outboxId) => ({ outboxId })), 0, concurrencyOf('match-raiser'));
    } catch (error: unknown) {
      console.warn(`match-raiser: ${ids.length} matches recorded after the token was saved, but the push failed (the sweeper will push them):`, error instanceof Error ? error.message : error);
    }
  }
  return ids.length;
}
