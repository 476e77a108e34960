/**
 * What happens to a signal once it is committed: its processing is recorded in the outbox and pushed, so the
 * slow or fallible part — categorising, indexing and clustering it (`cluster-signal`, services/signals/cluster.ts)
 * — runs from the queue and is retried, and the sender's request is answered as soon as the signal and this row
 * are stored (two SQL statements: the signal's INSERT, the outbox row's). Every channel calls this after storing
 * a signal, for a duplicate too (recording again is a no-op, and a first attempt that stored the signal but
 * stopped before this line still gets its processing).
 */
import { effectId } from '../outbox/effects';
import { recordAndPush } from '../outbox/record';

export async function afterSignalStored(signalId: string): Promise<void> {
  await recordAndPush({ id: effectId('cluster-signal', signalId), kind: 'cluster-signal', payload: { signalId } });
}
