/**
 * Indexes a signal's terms for similarity (the outbox effect run after a signal is stored). Delivery is at
 * least once, so this must be safe to run again: the terms come from the signal's text alone (pure), and the
 * writes are upserts that set weights outright.
 */
import { termsOf } from '../../domain/terms';
import { getSignal } from '../../store/signal-repository';
import { refreshClusterTermsOfSignal, writeSignalTerms } from '../../store/term-repository';

/** Three statements: read the signal, write its terms, refresh its cluster's terms (none changed when it has no cluster). */
export async function indexSignalTerms(signalId: string): Promise<void> {
  const signal = await getSignal(signalId);
  if (!signal) {
    // Not an error to retry: a signal that is gone has nothing to index, and retrying would not bring it back.
    console.warn(`index signal terms: signal ${signalId} not found; nothing indexed`);
    return;
  }
  await writeSignalTerms(signalId, termsOf(signal.text));
  // The signal read does not carry its cluster; the refresh finds it in the same statement.
  await refreshClusterTermsOfSignal(signalId);
}
