/**
 * Record-then-push: the effect's row is committed to SQL first (one statement; recording it twice is one row),
 * then an event naming the row is pushed to the `signal-work` queue. The row is the truth: if the push fails,
 * or the event is lost later, the row stays pending and the sweeper pushes it again once it is due.
 */
import { recordOutboxEffect } from '../../store/outbox-repository';
import { pushWork } from '../../store/work-queue';
import { clock } from '../clock';
import { concurrencyOf, EFFECTS, type Effect, type EffectKind } from './effects';

/**
 * How long a row belongs to whoever has it (the first push, a consumer's claim, a sweeper's push) before the
 * sweeper may push it again: longer than the consumer's 120 s timeout, so a slow run is not duplicated.
 */
export const OUTBOX_LEASE_MS = 180_000;

export interface RecordOutcome {
  id: string;
  /** False when the push failed: the row is committed and the sweeper will push it (logged, not thrown). */
  pushed: boolean;
}

/**
 * Records the effect (throws if it cannot be recorded: the caller must not report success then) and pushes it
 * (never throws: a lost push only delays the effect until the next sweep).
 */
export async function recordAndPush<K extends EffectKind>(effect: Effect<K>): Promise<RecordOutcome> {
  // Checked here too, so a malformed payload fails the decision that made it, not a consumer hours later.
  const payload = EFFECTS[effect.kind].payload.parse(effect.payload) as Record<string, unknown>;
  const now = clock.now().getTime();
  await recordOutboxEffect({ id: effect.id, kind: effect.kind, payload }, now, now + OUTBOX_LEASE_MS);
  try {
    await pushWork([{ outboxId: effect.id }], 0, concurrencyOf(effect.kind));
    return { id: effect.id, pushed: true };
  } catch (error: unknown) {
    console.warn(`outbox ${effect.id}: recorded, but the push failed (the sweeper will push it again):`, error instanceof Error ? error.message : error);
    return { id: effect.id, pushed: false };
  }
}
