/**
 * What the person who raised a signal reads in Slack at each step, with the lead's rationale every time. Text
 * from people (titles, rationale, the signal's words) is escaped for Slack's mrkdwn.
 */
import { bold, escapeMrkdwn } from '../../slack/mrkdwn';
import type { NoticeDecision, NotifyStep } from '../../store/notification-repository';

export interface NoticeContext {
  step: NotifyStep;
  decision: NoticeDecision;
  title: string;
  /** Duplicate: the cluster it was merged into. */
  intoTitle: string | null;
  issueKey: string | null;
}

const MAX_QUOTE = 140;

function whatHappened({ step, decision, intoTitle, issueKey }: NoticeContext): string {
  if (step === 'in-jira') return `is now ${issueKey ?? 'an issue'} in Jira`;
  if (step === 'shipped') return `has shipped: ${issueKey ?? 'its issue'} is done`;
  switch (decision.route) {
    case 'roadmap':
      return decision.epicKey ? `is on the roadmap, under ${decision.epicKey}` : 'is on the roadmap';
    case 'quick-fix':
      return 'is going into a quick fix';
    case 'parking-lot':
      return 'is in the parking lot: kept where the team sees it, and back for another look when more evidence arrives';
    case 'declined':
      return 'was declined';
    case 'duplicate':
      return `was merged into ${bold(intoTitle ?? 'another cluster')}, which covers the same need`;
    default:
      return `was routed (${escapeMrkdwn(decision.route)})`;
  }
}

const rationale = (decision: NoticeDecision): string => `${escapeMrkdwn(decision.decidedBy)}: “${escapeMrkdwn(decision.rationale.trim())}”`;

/** The direct message: what became of what they raised, why, and (for one signal) which one. */
export function directMessageText(context: NoticeContext, signalTexts: readonly string[]): string {
  const yours = signalTexts.length === 1 ? ` (“${escapeMrkdwn(quote(signalTexts[0]!))}”)` : signalTexts.length > 1 ? ` (${signalTexts.length} of your signals)` : '';
  return `What you raised about ${bold(context.title)}${yours} ${whatHappened(context)}. ${rationale(context.decision)}`;
}

/** The reply in the Slack thread the signal was sent to Upstream from, naming the rep. */
export function threadReplyText(context: NoticeContext, repUserId: string): string {
  return `<@${repUserId}> Upstream update: this ${whatHappened(context)} (${bold(context.title)}). ${rationale(context.decision)}`;
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1)}…` : flat;
}
