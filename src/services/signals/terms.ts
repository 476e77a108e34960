/**
 * Indexes a signal's terms for similarity (the outbox effect `index-signal-terms`, kept for rows recorded before
 * `cluster-signal` replaced it). Delivery is at least once, so this must be safe to run again: the terms come
 * from the signal's text and the concept list alone (pure), and the writes are upserts that set weights outright.
 *
 * The terms are exactly clustering's (`featuresOf` in cluster.ts: `signalFeatures` with the concept list
 * clustering reads), so the `signal_term` rows this writes are the rows the candidates statement compares with:
 * an older tokeniser's terms ("invoices" → "invoice" where clustering has "invoic") would never match.
 */
import { conceptListForClustering } from '../../store/concept-list-store';
import { getSignal } from '../../store/signal-repository';
import { refreshClusterTermsOfSignal, writeSignalTerms } from '../../store/term-repository';
import { clock } from '../clock';
import { featuresOf } from './cluster';

/** Three statements (and the concept list, cached per process): read the signal, write its terms, refresh its cluster's terms (none changed when it has no cluster). */
export async function indexSignalTerms(signalId: string): Promise<void> {
  const signal = await getSignal(signalId);
  if (!signal) {
    // Not an error to retry: a signal that is gone has nothing to index, and retrying would not bring it back.
    console.warn(`index signal terms: signal ${signalId} not found; nothing indexed`);
    return;
  }
  const concepts = await conceptListForClustering(clock.now().getTime());
  await writeSignalTerms(signalId, featuresOf(signal.text, concepts, signal.customer).features.terms);
  // The signal read does not carry its cluster; the refresh finds it in the same statement.
  await refreshClusterTermsOfSignal(signalId);
}
