/**
 * Performs `notify-raisers`: tells one step of one decision to everyone who raised a signal in its cluster.
 *
 * Who, and how, from what each stored signal knows:
 * - from Slack (its raw request names the rep and, for the message shortcut, the message): a direct message to
 *   the rep, and a reply in that message's thread;
 * - with an email (CRM, support desk): a direct message to the Slack user with that email, if the workspace has one;
 * - with a Jira account (shared in Jira, imported): at the `in-jira` step, a watcher on the issue, so Jira tells
 *   them itself from then on (a person without a Jira licence can only be reached through Slack);
 * - none of these: recorded as unreachable, so the lead sees who was not told.
 *
 * Idempotent, one row per delivery (notification-repository.ts): a delivery already sent, failed for good or
 * unreachable is not tried again, so a redelivered effect sends nothing twice; one that was held or never tried
 * is. Slack 429/5xx throw (the outbox retries; what was sent is recorded first); a token Slack refuses holds
 * every Slack delivery left (sent again when an admin saves a working token); any other refusal fails that
 * delivery with Slack's reason.
 */
import { z } from 'zod';
import { addWatcher } from '../../jira/watchers';
import { slackOriginOf } from '../../slack/signal-origin';
import { openDirectMessage, postSlackMessage, SlackApiRefused, slackUserByEmail } from '../../slack/web-api';
import { getClusters } from '../../store/cluster-repository';
import {
  decisionForNotice,
  deliveriesOfDecisions,
  deliveryId,
  raisersOfCluster,
  raisersOfSignals,
  readSlackBotToken,
  recordDelivery,
  signalIdsMergedOut,
  type Delivery,
  type DeliveryState,
  type NoticeDecision,
  type Raiser,
} from '../../store/notification-repository';
import { clock } from '../clock';
import { directMessageText, threadReplyText, type NoticeContext } from './notify-messages';
import type { NotifyRaisersPayload } from './notify-effect';

const NO_TOKEN = 'No Slack bot token is set: an admin sets one on the Upstream settings page, and held messages are sent then.';

/** Why Slack refused, in words for the lead, with what to do. */
function refusalText(error: SlackApiRefused, channel: string | null): string {
  switch (error.code) {
    case 'not_in_channel':
    case 'channel_not_found':
      return `The Upstream bot is not in that channel${channel ? ` (${channel})` : ''}: invite it with /invite @upstream, or the rep still gets a direct message.`;
    case 'is_archived':
      return 'The channel is archived, so no reply was posted there.';
    case 'user_not_found':
    case 'users_not_found':
    case 'user_disabled':
      return 'Slack has no active user for this rep any more.';
    case 'cannot_dm_bot':
      return 'The signal was raised by a bot, which cannot be sent a direct message.';
    default:
      return `Slack refused it (${error.code}).`;
  }
}

const tokenHeldText = (error: SlackApiRefused): string =>
  `Slack refused the bot token (${error.code}${error.needed ? `, needs ${error.needed}` : ''}): an admin sets a working one on the Upstream settings page, and held messages are sent then.`;

/**
 * The raiser's name as their signal has it, or null where the signal names no person: a channel that knew no
 * name stores its own ("HubSpot"), which is not who was told.
 */
function personName(raiser: Raiser): string | null {
  const name = raiser.name.trim();
  return name === '' || name.toLowerCase() === raiser.source.toLowerCase() ? null : name;
}

/** What a message shortcut's stored request says of who sent it and who wrote the message (slackOriginOf reads the rest). */
const shortcutPeopleSchema = z.object({
  user: z.object({ name: z.string().optional() }),
  message: z.object({ user: z.string().optional() }),
});

/**
 * The name of the rep Slack tells (the direct message, and the reply that mentions them). A slash command's
 * signal is named after whoever ran it, so its name is the rep's; a message shortcut's is named after the
 * message's author, who is the rep only when they wrote it — forwarding a customer's words, the rep is known
 * by their Slack handle alone.
 */
function slackRepName(raiser: Raiser, repUserId: string): string | null {
  const payload = new URLSearchParams(raiser.slackPayload ?? '').get('payload');
  if (payload === null) return personName(raiser);
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const people = shortcutPeopleSchema.safeParse(value);
  if (!people.success) return null;
  if (people.data.message.user === repUserId) return personName(raiser);
  const handle = people.data.user.name?.trim();
  return handle ? `@${handle}` : null;
}

/** A name from a signal the person wrote wins over a Slack handle; otherwise the first name known stays. */
function betterName(known: string | null | undefined, found: string | null): string | null {
  if (!known) return found;
  return known.startsWith('@') && found !== null && !found.startsWith('@') ? found : known;
}

interface Plan {
  dms: Array<{ delivery: Delivery; slackUserId: string | null; email: string | null; texts: string[] }>;
  threads: Array<{ delivery: Delivery; channel: string; ts: string; repUserId: string }>;
  watchers: Delivery[];
  unreachable: Delivery[];
}

/** Who hears of this step how. A person who raised several signals gets one direct message about all of them. */
function planDeliveries(payload: NotifyRaisersPayload, decision: NoticeDecision, raisers: readonly Raiser[]): Plan {
  const base = { decisionId: decision.decisionId, clusterId: decision.clusterId, step: payload.step, issueKey: payload.issueKey };
  const plan: Plan = { dms: [], threads: [], watchers: [], unreachable: [] };
  const dms = new Map<string, Plan['dms'][number]>();
  const watchers = new Map<string, Delivery>();
  for (const raiser of raisers) {
    const origin = slackOriginOf(raiser.slackPayload);
    const email = raiser.email?.trim().toLowerCase() || null;
    const key = origin ? origin.userId : email ? `email:${email}` : null;
    // Who this signal's rep is, by name: for a Slack signal the sender (whose Jira account raiser-match finds
    // by their Slack email, so the watcher too), else the raiser the signal names.
    const repName = origin ? slackRepName(raiser, origin.userId) : personName(raiser);
    if (key) {
      const dm = dms.get(key) ?? { delivery: { ...base, channel: 'slack-dm', recipient: key, recipientName: null, signalIds: [] }, slackUserId: origin?.userId ?? null, email: origin ? null : email, texts: [] };
      dm.delivery = { ...dm.delivery, recipientName: betterName(dm.delivery.recipientName, repName), signalIds: [...dm.delivery.signalIds, raiser.signalId] };
      dm.texts.push(raiser.text);
      dms.set(key, dm);
    }
    if (origin?.thread) {
      const recipient = `${origin.thread.channel}:${origin.thread.ts}`;
      if (!plan.threads.some((t) => t.delivery.recipient === recipient)) {
        // Named after the rep the reply mentions.
        plan.threads.push({ delivery: { ...base, channel: 'slack-thread', recipient, recipientName: repName, signalIds: [raiser.signalId] }, channel: origin.thread.channel, ts: origin.thread.ts, repUserId: origin.userId });
      }
    }
    if (raiser.accountId && payload.step === 'in-jira' && payload.issueKey) {
      const watcher: Delivery = watchers.get(raiser.accountId) ?? { ...base, channel: 'jira-watcher', recipient: raiser.accountId, recipientName: null, signalIds: [] };
      watchers.set(raiser.accountId, { ...watcher, recipientName: betterName(watcher.recipientName, repName), signalIds: [...watcher.signalIds, raiser.signalId] });
    }
    // Told once, at the decision: the later steps would only repeat that nobody can be reached.
    if (!key && !raiser.accountId && payload.step === 'decided') plan.unreachable.push({ ...base, channel: 'none', recipient: `${raiser.name} (signal ${raiser.signalId})`, recipientName: repName, signalIds: [raiser.signalId] });
  }
  plan.dms = [...dms.values()];
  plan.watchers = [...watchers.values()];
  return plan;
}

async function raisersOf(decision: NoticeDecision): Promise<Raiser[]> {
  // A duplicate's signals left its cluster in the merge; the merge's record names them.
  if (decision.route === 'duplicate' && decision.duplicateOf) return raisersOfSignals(await signalIdsMergedOut(decision.clusterId, decision.duplicateOf));
  return raisersOfCluster(decision.clusterId);
}

export async function performNotifyRaisers(payload: NotifyRaisersPayload): Promise<void> {
  const decision = await decisionForNotice(payload.decisionId);
  if (!decision) {
    console.warn(`notify-raisers: decision ${payload.decisionId} no longer stands (its cluster was routed again); its ${payload.step} step is not told`);
    return;
  }
  const [raisers, clusters, done] = await Promise.all([
    raisersOf(decision),
    getClusters([decision.clusterId, ...(decision.duplicateOf ? [decision.duplicateOf] : [])]),
    deliveriesOfDecisions([decision.decisionId]),
  ]);
  // Final outcomes are not tried again; held ones (and any never recorded) are.
  const settled = new Set(done.filter((d) => d.step === payload.step && d.state !== 'held').map((d) => d.id));
  const pending = <T extends { delivery: Delivery } | Delivery>(items: readonly T[]): T[] => items.filter((item) => !settled.has(deliveryId('delivery' in item ? item.delivery : item)));
  const title = (id: string | null) => clusters.find((c) => c.id === id)?.title ?? null;
  const context: NoticeContext = { step: payload.step, decision, title: title(decision.clusterId) ?? 'a cluster of signals', intoTitle: title(decision.duplicateOf), issueKey: payload.issueKey };
  const plan = planDeliveries(payload, decision, raisers);
  const record = (delivery: Delivery, state: DeliveryState, detail: string | null, slackTs?: string) => recordDelivery(delivery, { state, detail, slackTs: slackTs ?? null }, clock.now().getTime());

  for (const delivery of pending(plan.unreachable)) await record(delivery, 'unreachable', 'Upstream knows no Slack user, email or Jira account for whoever raised it.');
  for (const delivery of pending(plan.watchers)) {
    const added = await addWatcher(payload.issueKey!, delivery.recipient);
    await record(delivery, added.outcome === 'added' ? 'sent' : 'failed', added.outcome === 'added' ? `watching ${payload.issueKey}` : `Jira did not add them as a watcher: ${added.reason}.`);
  }

  const slack: Array<{ delivery: Delivery; send: (token: string) => Promise<{ state: DeliveryState; detail: string | null; ts?: string }> }> = [
    ...pending(plan.dms).map((dm) => ({
      delivery: dm.delivery,
      send: async (token: string) => {
        const userId = dm.slackUserId ?? (await slackUserByEmail(token, dm.email!));
        if (!userId) return { state: 'unreachable' as const, detail: `No one in the Slack workspace has the email ${dm.email}.` };
        const posted = await postSlackMessage(token, { channel: await openDirectMessage(token, userId), text: directMessageText(context, dm.texts) });
        return { state: 'sent' as const, detail: null, ts: posted.ts };
      },
    })),
    ...pending(plan.threads).map((thread) => ({
      delivery: thread.delivery,
      send: async (token: string) => {
        const posted = await postSlackMessage(token, { channel: thread.channel, threadTs: thread.ts, text: threadReplyText(context, thread.repUserId) });
        return { state: 'sent' as const, detail: null, ts: posted.ts };
      },
    })),
  ];
  if (slack.length === 0) return;
  const token = await readSlackBotToken();
  let heldBecause: string | null = token ? null : NO_TOKEN;
  for (const { delivery, send } of slack) {
    if (heldBecause !== null) {
      await record(delivery, 'held', heldBecause);
      continue;
    }
    try {
      const outcome = await send(token!);
      await record(delivery, outcome.state, outcome.detail, outcome.ts);
    } catch (error: unknown) {
      // Unavailable (429, 5xx) is thrown on: the outbox tries the effect again, and what was sent stays recorded.
      if (!(error instanceof SlackApiRefused)) throw error;
      if (error.tokenRefused) {
        heldBecause = tokenHeldText(error);
        await record(delivery, 'held', heldBecause);
      } else {
        await record(delivery, 'failed', refusalText(error, delivery.channel === 'slack-thread' ? delivery.recipient.split(':')[0]! : null));
      }
    }
  }
}
