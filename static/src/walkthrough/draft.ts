/**
 * The add-version form's draft: the latest version as editable text, so an edit makes the next version (items
 * keep their ids, which is how the diff knows an item was edited rather than replaced). Pure functions, no React.
 */
import type { ResolverInput } from '../../../src/contract';
import type { Item, ItemKind, Version } from './types';

export type CaseState = 'designed' | 'deferred' | 'open';

export interface DraftItem {
  /** The form's own key for the item (stable while editing). */
  key: string;
  /** The id the item keeps from the version it came from; absent for an item added in this draft. */
  id?: string;
  kind: ItemKind;
  title: string;
  detail: string;
  why: string;
  /** One alternative per line. */
  alternatives: string;
  whatHappens: string;
  state: CaseState;
  reason: string;
}

export interface Draft {
  /** The version this draft builds on (the latest when the form opened), or null for version 1. */
  basedOn: number | null;
  designUrl: string;
  summary: string;
  items: DraftItem[];
}

let counter = 0;
const nextKey = (): string => `draft-${++counter}`;

export const emptyItem = (kind: ItemKind): DraftItem => ({
  key: nextKey(),
  kind,
  title: '',
  detail: '',
  why: '',
  alternatives: '',
  whatHappens: '',
  state: 'designed',
  reason: '',
});

function draftItemOf(item: Item): DraftItem {
  const base = { ...emptyItem(item.kind), id: item.id, title: item.title };
  switch (item.kind) {
    case 'new':
    case 'question':
      return { ...base, detail: item.detail };
    case 'change':
      return { ...base, detail: item.detail, why: item.why };
    case 'decision':
      return { ...base, why: item.why, alternatives: item.alternatives.join('\n') };
    case 'edge-case':
    case 'error-state':
      return { ...base, whatHappens: item.whatHappens, state: item.state, reason: item.reason ?? '' };
  }
}

/** A draft starting from the latest version (or empty, for version 1), without the latest's "what changed". */
export function draftFrom(latest: Version | null): Draft {
  if (!latest) return { basedOn: null, designUrl: '', summary: '', items: [emptyItem('new'), emptyItem('error-state')] };
  // "What changed" items say how version N differs from N-1; the next version says its own changes and why.
  return { basedOn: latest.version, designUrl: latest.designLink.url, summary: latest.summary, items: latest.items.filter((item) => item.kind !== 'change').map(draftItemOf) };
}

type Input = ResolverInput<'walkthrough.addVersion'>;
type ItemInput = Input['items'][number];

function itemInputOf(item: DraftItem): ItemInput {
  const id = item.id ? { id: item.id } : {};
  switch (item.kind) {
    case 'new':
      return { kind: 'new', ...id, title: item.title, detail: item.detail };
    case 'question':
      return { kind: 'question', ...id, title: item.title, detail: item.detail };
    case 'change':
      return { kind: 'change', ...id, title: item.title, detail: item.detail, why: item.why };
    case 'decision':
      return {
        kind: 'decision',
        ...id,
        title: item.title,
        why: item.why,
        alternatives: item.alternatives
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line.length > 0),
      };
    case 'edge-case':
    case 'error-state':
      return { kind: item.kind, ...id, title: item.title, whatHappens: item.whatHappens, state: item.state, reason: item.state === 'deferred' ? item.reason : null };
  }
}

/** The resolver's input, and which draft item each index of `items` is (the resolver's field errors name indexes). */
export function inputOf(issueKey: string, draft: Draft): { input: Input; keys: string[] } {
  return {
    input: { issueKey, basedOn: draft.basedOn, designUrl: draft.designUrl, summary: draft.summary, items: draft.items.map(itemInputOf) },
    keys: draft.items.map((item) => item.key),
  };
}

export interface FieldErrors {
  designUrl?: string;
  summary?: string;
  /** Errors about the items as a whole (too many, too large, a change in version 1). */
  items?: string;
  /** By draft item key, then field. */
  byItem: Record<string, Record<string, string>>;
  /** Paths the form cannot place, said at the top. */
  other: string[];
}

/** The resolver's `fields` ("items.3.reason": "Say why it is deferred.") placed on the form's fields. */
export function fieldErrorsOf(fields: Readonly<Record<string, string>> | undefined, keys: readonly string[]): FieldErrors {
  const errors: FieldErrors = { byItem: {}, other: [] };
  for (const [path, message] of Object.entries(fields ?? {})) {
    const [head, index, field] = path.split('.');
    if (head === 'designUrl') errors.designUrl ??= message;
    else if (head === 'summary') errors.summary ??= message;
    else if (head === 'items' && index === undefined) errors.items ??= message;
    else if (head === 'items' && index !== undefined && keys[Number(index)] !== undefined) {
      const key = keys[Number(index)]!;
      const place = field === 'alternatives' || field === undefined ? (field ?? 'title') : field;
      (errors.byItem[key] ??= {})[place] ??= message;
    } else errors.other.push(`${path}: ${message}`);
  }
  return errors;
}

export const hasErrors = (errors: FieldErrors): boolean =>
  errors.designUrl !== undefined || errors.summary !== undefined || errors.items !== undefined || errors.other.length > 0 || Object.keys(errors.byItem).length > 0;
