/**
 * The parking lot: a parked cluster stays visible and ranked, and comes back to the Inbox — marked by its
 * parking-lot decision — once the evidence gained since parking crosses a threshold (signals or ARR, as set on
 * the settings page; DEFAULT_PARKING_THRESHOLDS until someone sets them). Called with the clusters whose evidence
 * just changed (after a signal joins one); a cluster that is not parked is left alone. The settings are read only
 * when a parked cluster is among them, so clustering a signal into an Inbox cluster costs no settings read.
 */
import { parkedClusterReturns, type ParkingThresholds } from '../../domain/routing';
import { getClusters } from '../../store/cluster-repository';
import { getRouteDecisions, returnParkedToInbox } from '../../store/routing-decision-repository';
import { clock } from '../clock';
import { triageRules } from '../settings/triage-rules';

/** Answers the clusters that came back to the Inbox. */
export async function returnParkedClusters(clusterIds: readonly string[], given?: ParkingThresholds): Promise<string[]> {
  const parked = (await getClusters(clusterIds)).filter((c) => c.state === 'parked');
  if (parked.length === 0) return [];
  const [decisions, thresholds] = await Promise.all([getRouteDecisions(parked.map((c) => c.id)), given ?? triageRules().then((rules) => rules.parking)]);
  const returned: string[] = [];
  for (const cluster of parked) {
    const decision = decisions.get(cluster.id);
    if (!decision?.decisionId || decision.route !== 'parking-lot' || !decision.parkedAt) continue;
    if (!parkedClusterReturns(decision.parkedAt, { signals: cluster.signalCount, arr: cluster.arrTotal }, thresholds)) continue;
    if (await returnParkedToInbox(cluster.id, decision.decisionId, clock.now().getTime())) returned.push(cluster.id);
  }
  return returned;
}
