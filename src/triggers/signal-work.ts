/**
 * The `signal-work` consumer (manifest: consumer `signal-work` → function `signal-work-fn`): Forge calls it with
 * one AsyncEvent per pushed event. The event is parsed in the service (a bad body is logged and dropped); a
 * retry request goes back to the platform as the value returned, which is how `@forge/events` asks for one.
 */
import { performWork, type WorkOutcome } from '../services/outbox/consume';

export async function signalWorkHandler(event: unknown): Promise<unknown> {
  const result: WorkOutcome = await performWork(event);
  if (result.outcome === 'retry') return result.retry;
  // Any other outcome is a successful delivery; the value is ignored by the platform and kept for tests.
  return result;
}
