/** How the discovery vocabulary reads on screen: statuses, kinds of input and roles, in a person's words. */
import { DISCOVERY_NOTE_STATUSES, type DiscoveryNoteStatus } from '../../../../src/domain/discovery';

export const STATUS_WORDS: Record<DiscoveryNoteStatus, string> = {
  exploring: 'Exploring',
  shaped: 'Shaped',
  ready: 'Ready',
  'in-delivery': 'In delivery',
  shipped: 'Shipped',
};

export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';
export const STATUS_APPEARANCE: Record<DiscoveryNoteStatus, LozengeAppearance> = {
  exploring: 'new',
  shaped: 'inprogress',
  ready: 'success',
  'in-delivery': 'moved',
  shipped: 'default',
};

export const isNoteStatus = (value: string): value is DiscoveryNoteStatus => (DISCOVERY_NOTE_STATUSES as readonly string[]).includes(value);
/** A status this version does not know still shows, as it was stored. */
export const statusWords = (status: string): string => (isNoteStatus(status) ? STATUS_WORDS[status] : status);

/** What moving to a status is called on its button, given where the note is now. */
export function moveWords(from: string, to: DiscoveryNoteStatus): string {
  const order = DISCOVERY_NOTE_STATUSES as readonly string[];
  const back = order.indexOf(to) < order.indexOf(from);
  if (to === 'ready' && !back) return 'Mark ready';
  if (back) return `Back to ${STATUS_WORDS[to].toLowerCase()}`;
  return to === 'shaped' ? 'Mark shaped' : to === 'in-delivery' ? 'Start delivery' : 'Mark shipped';
}

export const INPUT_KIND_WORDS: Record<string, string> = {
  constraint: 'Constraint',
  question: 'Question',
  risk: 'Risk',
  'technical-shape': 'Technical shape',
};
export const inputKindWords = (kind: string): string => INPUT_KIND_WORDS[kind] ?? kind;

export const ROLE_WORDS: Record<string, string> = { engineering: 'Engineering', design: 'Design', product: 'Product', sales: 'Sales' };
export const roleWords = (role: string): string => ROLE_WORDS[role] ?? role;

/** The note's blocked-from-ready reasons in one line, as the list and the note page both say it. */
export const blockedWords = (reasons: ReadonlyArray<{ message: string }>): string => reasons.map((r) => r.message).join(' ');
