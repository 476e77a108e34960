/**
 * A decision's notification state in words (who raised its signals, told or not): one line for the cluster's row
 * — "3 told · 1 waiting for a Slack token · 1 could not be reached" — and, for its detail, each problem as who,
 * how, why and what to do next. Pure, so the wording is unit-tested (test/unit/signal-notification-words.test.ts).
 */
import type { NotificationStateDto } from '../../../../src/contract/signals';

type Problem = NotificationStateDto['problems'][number];

/** The row's line: the counts that are not zero, in the order a lead reads them; all zero says nobody was told yet. */
export function notificationSummary(state: NotificationStateDto): string {
  const parts = [
    state.sent > 0 ? `${state.sent} told` : null,
    state.held > 0 ? `${state.held} waiting for a Slack token` : null,
    state.failed > 0 ? `${state.failed} not delivered` : null,
    state.unreachable > 0 ? `${state.unreachable} could not be reached` : null,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? 'Nobody told yet' : parts.join(' · ');
}

/** Whether anything needs the lead (or an admin): a problem listed, or left out of the list. */
export const hasNotificationProblems = (state: NotificationStateDto): boolean => state.held + state.failed + state.unreachable > 0;

const STEP_WORDS: Readonly<Record<Problem['step'], string>> = { decided: 'The decision', 'in-jira': 'The Jira issue', shipped: 'Shipped' };

/**
 * Who a delivery was for. By name where the delivery recorded one — "Marcus Bell, by Slack message", "…, in the
 * Slack thread in channel C07ACME01", "…, as a Jira watcher" — else as it is stored: a Slack user id or
 * `email:<address>`, `<channel>:<thread ts>`, a Jira account id; nobody to reach is the raiser's name and signal.
 */
export function recipientInWords(problem: Pick<Problem, 'channel' | 'recipient'> & { recipientName?: string | null }): string {
  const { channel, recipient } = problem;
  const name = problem.recipientName?.trim() || null;
  switch (channel) {
    case 'slack-dm':
      if (name) return `${name}, by Slack message`;
      return recipient.startsWith('email:') ? `a Slack message to ${recipient.slice(6)}` : `a Slack message to Slack user ${recipient}`;
    case 'slack-thread':
      return name ? `${name}, in the Slack thread in channel ${channelOf(recipient)}` : `a reply in the Slack thread in channel ${channelOf(recipient)}`;
    case 'jira-watcher':
      return name ? `${name}, as a Jira watcher` : `Jira account ${recipient} as a watcher`;
    case 'none':
      return recipient;
  }
}

/** The channel of a thread reply, stored as `<channel>:<thread ts>`. */
const channelOf = (recipient: string): string => recipient.split(':')[0] ?? recipient;

/** The recipient as stored, for a name's tooltip: who exactly, when two people share a name. Null when no name hides it. */
export function storedRecipientWords(problem: Pick<Problem, 'channel' | 'recipient'> & { recipientName?: string | null }): string | null {
  return problem.recipientName?.trim() && problem.channel !== 'none' ? recipientInWords({ channel: problem.channel, recipient: problem.recipient }) : null;
}

/** What to do about it, by what went wrong and how it was to be told. */
export function nextStepOf(problem: Pick<Problem, 'state' | 'channel'>): string {
  if (problem.state === 'held') return 'Save a Slack bot token in Upstream settings (a Jira admin can).';
  if (problem.state === 'unreachable') return 'Tell them yourself: Upstream has no way to reach them.';
  switch (problem.channel) {
    case 'slack-thread':
      return 'Invite the bot to that channel (/invite @upstream); the rep is sent a direct message either way.';
    case 'jira-watcher':
      return 'Add them as a watcher on the issue yourself.';
    default:
      return 'Tell them yourself, or check the rep in Slack.';
  }
}

const STATE_WORDS: Readonly<Record<Problem['state'], string>> = { held: 'waiting for a Slack token', failed: 'not delivered', unreachable: 'could not be reached' };

/** "The decision, a Slack message to jordan@…: waiting for a Slack token." — the problem's first sentence. */
export function problemInWords(problem: Problem): string {
  return `${STEP_WORDS[problem.step]}, ${recipientInWords(problem)}: ${STATE_WORDS[problem.state]}.`;
}

/** "and 3 more not listed" under a long list. */
export const leftOutWords = (count: number): string => `…and ${count} more not listed.`;
