/**
 * The vocabulary of the walkthrough practice, defined once: a design walkthrough is a series of versions of one
 * issue's design, each with a design link, a summary and items — what is new, what changed since the previous
 * version and why, decisions with their reasons and the alternatives dropped, edge cases and error states (what
 * happens; designed, deferred with a reason, or still open) and open questions.
 *
 * Versions are never rewritten: an edit is a new version. Each item carries an `id` that it keeps from version
 * to version, so two versions are compared by identity (src/domain/walkthrough-diff.ts), never by position.
 */

export const WALKTHROUGH_ITEM_KINDS = ['new', 'change', 'decision', 'edge-case', 'error-state', 'question'] as const;
export type WalkthroughItemKind = (typeof WALKTHROUGH_ITEM_KINDS)[number];

/** How an edge case or error state stands: designed, deferred (with a reason), or not settled yet. */
export const RESOLUTION_STATES = ['designed', 'deferred', 'open'] as const;
export type ResolutionState = (typeof RESOLUTION_STATES)[number];

/** Limits every layer holds a walkthrough to (the contract checks them; the store's columns are sized for them). */
export const WALKTHROUGH_LIMITS = {
  itemId: 64,
  items: 200,
  title: 300,
  text: 4000,
  summary: 4000,
  alternatives: 10,
  alternative: 300,
  designUrl: 2000,
  questionText: 4000,
  /**
   * A version's items as stored JSON, in UTF-8 bytes: well under Forge SQL's 1 MiB request and a resolver's
   * 500 KB payload, so a version that passes the contract is one the store can write in one statement.
   */
  versionBytes: 400_000,
} as const;

interface ItemBase {
  /** Stable across versions: the same id in two versions is the same item, wherever it sits in the list. */
  id: string;
  /** One line: what is new, the change, the decision, the edge case or error state, or the question. */
  title: string;
}

export interface NewItem extends ItemBase {
  kind: 'new';
  detail: string;
}

export interface ChangeItem extends ItemBase {
  kind: 'change';
  detail: string;
  why: string;
}

export interface DecisionItem extends ItemBase {
  kind: 'decision';
  why: string;
  /** The alternatives considered and dropped. */
  alternatives: string[];
}

export interface CaseItem extends ItemBase {
  kind: 'edge-case' | 'error-state';
  whatHappens: string;
  state: ResolutionState;
  /** Why it is deferred; null unless `state` is 'deferred'. */
  reason: string | null;
}

export interface QuestionItem extends ItemBase {
  kind: 'question';
  detail: string;
}

export type WalkthroughItem = NewItem | ChangeItem | DecisionItem | CaseItem | QuestionItem;

export interface WalkthroughVersion {
  issueKey: string;
  /** 1, 2, 3 …: version N is built on version N-1. */
  version: number;
  authorAccountId: string;
  /** Unix milliseconds. */
  createdAt: number;
  designUrl: string;
  summary: string;
  items: WalkthroughItem[];
}

/** The fields of an item that a diff compares, in the order a person reads them. */
export const ITEM_FIELDS = ['kind', 'title', 'detail', 'why', 'alternatives', 'whatHappens', 'state', 'reason'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];
export type ItemFieldValue = string | string[] | null;

/** An item's value for a field, or null when its kind has no such field. */
export function fieldOf(item: WalkthroughItem, field: ItemField): ItemFieldValue {
  const value = (item as unknown as Record<string, unknown>)[field];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String);
  return null;
}

/** True when an edge case or error state is settled: designed, or deferred with a reason someone can read. */
export function isSettled(item: CaseItem): boolean {
  if (item.state === 'designed') return true;
  return item.state === 'deferred' && (item.reason ?? '').trim().length > 0;
}

export const isCase = (item: WalkthroughItem): item is CaseItem => item.kind === 'edge-case' || item.kind === 'error-state';

/** What a Figma URL points at, or null when the link is not one of Figma's file, design or prototype links. */
export type DesignLinkKind = 'figma-file' | 'figma-design' | 'figma-prototype' | 'figma-board' | 'other';

const FIGMA_HOSTS = new Set(['figma.com', 'www.figma.com']);
const FIGMA_PATHS: ReadonlyArray<[string, DesignLinkKind]> = [
  ['file', 'figma-file'],
  ['design', 'figma-design'],
  ['proto', 'figma-prototype'],
  ['board', 'figma-board'],
];

export interface DesignLink {
  url: string;
  kind: DesignLinkKind;
  /** For a link card: "Figma design", "Figma prototype", or the host name. */
  label: string;
  /** The frame a Figma link opens at (`node-id`), when it names one. */
  frame: string | null;
}

/**
 * Checks a design link's form: https only (an http or javascript: link is refused), and recognises Figma's file,
 * design, prototype and board URLs (`https://www.figma.com/design/<key>/<name>?node-id=1-2`). Any other https
 * link is allowed and labelled by its host. Null when it is not an https URL at all.
 */
export function designLinkOf(raw: string): DesignLink | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  const host = url.hostname.toLowerCase();
  if (FIGMA_HOSTS.has(host)) {
    const [first, key] = url.pathname.split('/').filter((p) => p.length > 0);
    const match = FIGMA_PATHS.find(([path]) => path === first);
    if (match && key && /^[A-Za-z0-9]{10,128}$/.test(key)) {
      const frame = url.searchParams.get('node-id');
      const names: Record<DesignLinkKind, string> = {
        'figma-file': 'Figma file',
        'figma-design': 'Figma design',
        'figma-prototype': 'Figma prototype',
        'figma-board': 'FigJam board',
        other: host,
      };
      return { url: url.toString(), kind: match[1], label: names[match[1]], frame: frame && frame.length <= 64 ? frame : null };
    }
  }
  return { url: url.toString(), kind: 'other', label: host, frame: null };
}
