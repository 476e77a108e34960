/**
 * The parking lot: a parked cluster stays visible and ranked, and comes back to the Inbox — marked by its
 * parking-lot decision — once the evidence gained since parking crosses a threshold (signals or ARR; the
 * thresholds are DEFAULT_PARKING_THRESHOLDS until settings can replace them). Called with the clusters whose
 * evidence just changed (after a signal joins one); a cluster that is not parked is left alone.
 */
import { DEFAULT_PARKING_THRESHOLDS, parkedClusterReturns, type ParkingThresholds } from '../../domain/routing';
import { getClusters } from '../../store/cluster-repository';
import { getRouteDecisions, returnParkedToInbox } from '../../store/routing-decision-repository';
import { clock } from '../clock';

/** Answers the clusters that came back to the Inbox. */
export async function returnParkedClusters(clusterIds: readonly string[], thresholds: ParkingThresholds = DEFAULT_PARKING_THRESHOLDS): Promise<string[]> {
  const parked = (await getClusters(clusterIds)).filter((c) => c.state === 'parked');
  if (parked.length === 0) return [];
  const decisions = await getRouteDecisions(parked.map((c) => c.id));
  const returned: string[] = [];
  for (const cluster of parked) {
    const decision = decisions.get(cluster.id);
    if (!decision?.decisionId || decision.route !== 'parking-lot' || !decision.parkedAt) continue;
    if (!parkedClusterReturns(decision.parkedAt, { signals: cluster.signalCount, arr: cluster.arrTotal }, thresholds)) continue;
    if (await returnParkedToInbox(cluster.id, decision.decisionId, clock.now().getTime())) returned.push(cluster.id);
  }
  return returned;
}
