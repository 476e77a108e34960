/**
 * The follow-up a Slack sender gets once their signal is clustered: "Sent to Upstream — it joined *CSV export*
 * with 6 others" (or "it started a new cluster, *…*"), an ephemeral message on the response_url their message
 * shortcut or slash command carried. It is the outbox effect `slack-reply` (recorded at intake by
 * process.ts `askForSlackFollowUp`), so it is retried like every effect:
 * - not clustered yet (it ran before its signal's clustering): an error, so the outbox tries again later;
 * - Slack unavailable (429, 5xx, no answer): an error, tried again;
 * - the URL expired (30 minutes after the request) or Slack refused it (404/410 for an expired or used URL, or
 *   any other 4xx): given up quietly — logged, nothing retried, the signal is where it is either way.
 * Delivery is at least once: should marking the row done fail after a post, the person may see it twice.
 */
import { bold } from '../../slack/mrkdwn';
import { postEphemeral, RESPONSE_URL_LIFETIME_MS } from '../../slack/response-url';
import { getCluster } from '../../store/cluster-repository';
import { getSignalClustering, type ClusterReason } from '../../store/signal-repository';
import { clock } from '../clock';

export interface SlackFollowUp {
  signalId: string;
  responseUrl: string;
  /** Unix ms of the Slack request. */
  requestedAt: number;
}

const others = (count: number): string => `${count} ${count === 1 ? 'other' : 'others'}`;

/** The message, from how the signal came to be in its cluster and how many signals the cluster has now. */
export function followUpText(how: ClusterReason['how'] | undefined, title: string, signalCount: number): string {
  const name = bold(title);
  const alongside = Math.max(0, signalCount - 1);
  if (how === 'started') {
    return alongside === 0
      ? `Sent to Upstream — it started a new cluster, ${name}.`
      : `Sent to Upstream — it started a new cluster, ${name}, and ${others(alongside)} have joined it since.`;
  }
  if (how === 'joined') return `Sent to Upstream — it joined ${name}${alongside > 0 ? ` with ${others(alongside)}` : ''}.`;
  // A person moved it already (or the reason is unreadable): say where it is now.
  return `Sent to Upstream — it is in ${name}${alongside > 0 ? ` with ${others(alongside)}` : ''}.`;
}

export async function sendSlackFollowUp({ signalId, responseUrl, requestedAt }: SlackFollowUp): Promise<void> {
  if (clock.now().getTime() - requestedAt > RESPONSE_URL_LIFETIME_MS) {
    console.warn(`slack follow-up for ${signalId}: the response URL expired (30 minutes after the request); given up`);
    return;
  }
  const read = await getSignalClustering(signalId);
  if (!read) {
    console.warn(`slack follow-up for ${signalId}: the signal no longer exists; nothing sent`);
    return;
  }
  if (read.clusterId === undefined) throw new Error(`signal ${signalId} is not clustered yet: the Slack follow-up waits for it`);
  const cluster = await getCluster(read.clusterId);
  // Clustered, but its cluster's row not written yet (a clustering that stopped part-way, finished on its retry).
  if (!cluster) throw new Error(`cluster ${read.clusterId} of signal ${signalId} is not stored yet: the Slack follow-up waits for it`);
  const result = await postEphemeral(responseUrl, followUpText(read.clusterReason?.how, cluster.title, cluster.signalCount));
  if (result.outcome === 'refused') console.warn(`slack follow-up for ${signalId}: Slack refused it (${result.status}: ${result.reason}); given up`);
}
