/**
 * The Inbox's words: category and source names, why a signal is in its cluster, and how alike two clusters are —
 * written for a product lead, not as the engine's fields. Pure (unit-tested in test/unit/signal-inbox-reasons.test.ts).
 */
import { SIGNAL_CATEGORIES, type SignalCategory } from '../../../../src/domain/signals';
import type { InboxSignal } from '../../../../src/contract/signals';
import { timeAgo } from '../../ui/format';

export const CATEGORY_LABELS: Readonly<Record<SignalCategory, string>> = {
  request: 'Request',
  'pain-point': 'Pain point',
  confusion: 'Confusion',
  bug: 'Bug',
  other: 'Other',
};

/** The key that sets each category on the focused signal: 1–5 in the order the practice lists them. */
export const CATEGORY_KEYS: ReadonlyArray<{ key: string; category: SignalCategory }> = SIGNAL_CATEGORIES.map((category, index) => ({
  key: String(index + 1),
  category,
}));

export const isSignalCategory = (value: string | null | undefined): value is SignalCategory =>
  value !== null && value !== undefined && (SIGNAL_CATEGORIES as readonly string[]).includes(value);

/** A category as a person reads it; a category a later version adds shows as it is stored. */
export const categoryLabel = (category: string | null): string =>
  category === null ? 'Not categorised' : isSignalCategory(category) ? CATEGORY_LABELS[category] : category;

const SOURCE_LABELS: Readonly<Record<string, string>> = {
  slack: 'Slack',
  crm: 'CRM',
  csv: 'CSV import',
  form: 'Shared in Upstream',
  hubspot: 'HubSpot',
  zendesk: 'Zendesk',
  intercom: 'Intercom',
  salesforce: 'Salesforce',
};

export const sourceLabel = (source: string): string => SOURCE_LABELS[source] ?? source;

const quoted = (words: readonly string[]): string => words.map((w) => `“${w}”`).join(', ');

/** A score as two decimals: what the engine compares with its threshold. */
export const formatScore = (score: number): string => score.toFixed(2);

/** "shares “invoice”, “export” and the concept export" (or '' when nothing is shared). */
export function sharedInWords(terms: readonly string[], concepts: readonly string[]): string {
  const parts: string[] = [];
  if (terms.length > 0) parts.push(`${terms.length === 1 ? 'the word' : 'the words'} ${quoted(terms)}`);
  if (concepts.length > 0) parts.push(`${concepts.length === 1 ? 'the concept' : 'the concepts'} ${concepts.join(', ')}`);
  return parts.length === 0 ? '' : `shares ${parts.join(' and ')}`;
}

type Reason = NonNullable<InboxSignal['reason']>;

/**
 * Why a signal is in its cluster, in one sentence: "Joined (score 0.62): shares the words “invoice”, “export”
 * and the concept export.", "Started this cluster: no cluster was close enough (best score 0.21).", "Moved here
 * by Hannah Okafor 3 days ago."
 */
export function reasonInWords(signal: Pick<InboxSignal, 'reason' | 'pending'>, now: Date = new Date()): string {
  const { reason } = signal;
  if (reason === null) return signal.pending ? 'Being clustered: Upstream has not grouped it yet.' : 'No reason was recorded for this signal.';
  return reasonSentence(reason, now);
}

function reasonSentence(reason: Reason, now: Date): string {
  const shared = sharedInWords(reason.sharedTerms, reason.sharedConcepts);
  switch (reason.how) {
    case 'joined': {
      const score = reason.score === null ? '' : ` (score ${formatScore(reason.score)})`;
      return `Joined this cluster${score}${shared ? `: ${shared}` : ''}.`;
    }
    case 'started':
      return reason.score === null || reason.score <= 0
        ? 'Started this cluster: no other signal was like it.'
        : `Started this cluster: no cluster was close enough (best score ${formatScore(reason.score)}).`;
    case 'moved':
      return `Moved here by ${reason.by ?? 'someone'} ${timeAgo(reason.at, now)}.`;
  }
}

/** How a suggested or confirmed category reads beside the signal. */
export function categoryInWords(signal: Pick<InboxSignal, 'category' | 'categorySource' | 'categoryWords'>): string {
  if (signal.category === null) return 'No category yet.';
  const label = categoryLabel(signal.category);
  if (signal.categorySource === 'confirmed') return `${label} (confirmed by a person)`;
  return signal.categoryWords.length > 0 ? `${label}, suggested from ${quoted(signal.categoryWords)}` : `${label}, suggested`;
}

/** Beside the category's lozenge (which names it): where it came from — "suggested from “crashes”", "confirmed by a person". */
export function categorySourceInWords(signal: Pick<InboxSignal, 'category' | 'categorySource' | 'categoryWords'>): string {
  if (signal.category === null) return 'No category yet.';
  if (signal.categorySource === 'confirmed') return 'confirmed by a person';
  return signal.categoryWords.length > 0 ? `suggested from ${quoted(signal.categoryWords)}` : 'suggested';
}

/** "0.58 alike: shares the words “payout”, “weekend”." for a similar cluster. */
export function similarityInWords(similar: { score: number; sharedTerms: readonly string[]; sharedConcepts: readonly string[] }): string {
  const shared = sharedInWords(similar.sharedTerms, similar.sharedConcepts);
  return `Score ${formatScore(similar.score)}${shared ? `: ${shared}` : ''}.`;
}
