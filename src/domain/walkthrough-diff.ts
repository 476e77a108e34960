/**
 * The structural difference between two walkthrough versions: which items were added, removed or edited, matched
 * by their stable `id` — never by position, so moving an item is not a change — and, for an edited item, which
 * of its fields changed from what to what. "What changed since the version you last acknowledged" is the diff
 * from that version to the latest.
 */
import { fieldOf, ITEM_FIELDS, type ItemField, type ItemFieldValue, type WalkthroughItem, type WalkthroughVersion } from './walkthrough';

export interface FieldChange {
  field: ItemField;
  before: ItemFieldValue;
  after: ItemFieldValue;
}

export interface EditedItem {
  id: string;
  before: WalkthroughItem;
  after: WalkthroughItem;
  /** Only the fields that differ, in ITEM_FIELDS order. */
  fields: FieldChange[];
}

export interface WalkthroughDiff {
  /** In the later version's order. */
  added: WalkthroughItem[];
  /** In the earlier version's order. */
  removed: WalkthroughItem[];
  /** In the later version's order. */
  edited: EditedItem[];
  /** True when the design link or the summary changed (they are the version's, not an item's). */
  designUrlChanged: boolean;
  summaryChanged: boolean;
}

type Comparable = Pick<WalkthroughVersion, 'items'> & Partial<Pick<WalkthroughVersion, 'designUrl' | 'summary'>>;

const sameValue = (a: ItemFieldValue, b: ItemFieldValue): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;

/** The fields of `after` that differ from `before`. */
export function fieldChanges(before: WalkthroughItem, after: WalkthroughItem): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ITEM_FIELDS) {
    const was = fieldOf(before, field);
    const now = fieldOf(after, field);
    if (!sameValue(was, now)) changes.push({ field, before: was, after: now });
  }
  return changes;
}

/** The difference from `a` to `b`, by item id. Linear in the number of items. */
export function diffVersions(a: Comparable, b: Comparable): WalkthroughDiff {
  const inA = new Map(a.items.map((item) => [item.id, item]));
  const inB = new Map(b.items.map((item) => [item.id, item]));
  const added: WalkthroughItem[] = [];
  const edited: EditedItem[] = [];
  for (const item of b.items) {
    const before = inA.get(item.id);
    if (!before) {
      added.push(item);
      continue;
    }
    const fields = fieldChanges(before, item);
    if (fields.length > 0) edited.push({ id: item.id, before, after: item, fields });
  }
  const removed = a.items.filter((item) => !inB.has(item.id));
  return {
    added,
    removed,
    edited,
    designUrlChanged: a.designUrl !== undefined && b.designUrl !== undefined && a.designUrl !== b.designUrl,
    summaryChanged: a.summary !== undefined && b.summary !== undefined && a.summary !== b.summary,
  };
}

export const isEmptyDiff = (diff: WalkthroughDiff): boolean =>
  diff.added.length === 0 && diff.removed.length === 0 && diff.edited.length === 0 && !diff.designUrlChanged && !diff.summaryChanged;

/** `a`'s items with the diff applied: b's items, as a set by id (kept in a's order, then the added ones). */
export function applyDiff(items: readonly WalkthroughItem[], diff: WalkthroughDiff): WalkthroughItem[] {
  const removed = new Set(diff.removed.map((item) => item.id));
  const edited = new Map(diff.edited.map((e) => [e.id, e.after]));
  return [...items.filter((item) => !removed.has(item.id)).map((item) => edited.get(item.id) ?? item), ...diff.added];
}

export interface ChangesSince {
  /** The version compared from: the one acknowledged, or null when nothing was (everything is new). */
  since: number | null;
  /** The latest version, or null when there are no versions. */
  latest: number | null;
  diff: WalkthroughDiff;
}

const EMPTY: Comparable = { items: [] };

/**
 * What changed from the acknowledged version to the latest. Never acknowledged (or the acknowledged version is
 * not among `versions`): every item of the latest is new. Acknowledged the latest: nothing is new.
 */
export function changesSince(versions: ReadonlyArray<Comparable & { version: number }>, acknowledgedVersion: number | null): ChangesSince {
  const latest = versions.reduce<(Comparable & { version: number }) | null>((best, v) => (best === null || v.version > best.version ? v : best), null);
  if (!latest) return { since: null, latest: null, diff: diffVersions(EMPTY, EMPTY) };
  const acknowledged = acknowledgedVersion === null ? undefined : versions.find((v) => v.version === acknowledgedVersion);
  if (!acknowledged) return { since: null, latest: latest.version, diff: diffVersions(EMPTY, { items: latest.items }) };
  return { since: acknowledged.version, latest: latest.version, diff: diffVersions(acknowledged, latest) };
}
