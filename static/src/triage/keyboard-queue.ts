/**
 * The pure half of a keyboard-driven queue (the Unclassified tab today, the signals Inbox next): which row has
 * the focus, which rows are selected, where a Shift range starts, which key does what, and what to tell a
 * screen reader when a batch settles. No React and no DOM, so every rule here is unit-tested on its own
 * (test/unit/keyboard-queue.test.ts); `use-keyboard-queue.ts` wires it to a list on screen.
 *
 * Rows are named by a string key and described by whether they may be selected: a row being saved, or one the
 * person may not change, can still take the focus (so it can be read) but is never selected or acted on.
 */

export interface QueueRowFacts {
  key: string;
  /** Not being saved, and the person may act on it. */
  selectable: boolean;
}

export interface QueueCursor {
  focusKey: string | null;
  selected: ReadonlySet<string>;
  /** Where a Shift+j/k or shift-click range starts: the last row toggled, or where extending began. */
  anchorKey: string | null;
  /** Where the focus last was, so when the focused row leaves, the row that took its place has it. */
  lastIndex: number;
}

export const EMPTY_CURSOR: QueueCursor = { focusKey: null, selected: new Set(), anchorKey: null, lastIndex: 0 };

/** The focused row's index: the focused row, or, when it has left the list, the one now in its place. */
export function focusIndexOf(cursor: QueueCursor, rows: readonly QueueRowFacts[]): number {
  if (rows.length === 0) return -1;
  const found = rows.findIndex((row) => row.key === cursor.focusKey);
  return found >= 0 ? found : Math.min(Math.max(cursor.lastIndex, 0), rows.length - 1);
}

export function focusRow(cursor: QueueCursor, rows: readonly QueueRowFacts[], key: string): QueueCursor {
  const index = rows.findIndex((row) => row.key === key);
  if (index < 0) return cursor;
  return { ...cursor, focusKey: key, lastIndex: index };
}

/** Adds the selectable rows between two indexes (inclusive, either order) to a selection. */
function withRange(selected: ReadonlySet<string>, rows: readonly QueueRowFacts[], from: number, to: number): Set<string> {
  const next = new Set(selected);
  const [start, end] = from < 0 ? [to, to] : [Math.min(from, to), Math.max(from, to)];
  for (const row of rows.slice(start, end + 1)) if (row.selectable) next.add(row.key);
  return next;
}

/**
 * j/k, the arrows, Home and End. With `extend` (Shift), the selection grows from the anchor to the new row, as
 * shift-click does; extending from nowhere starts at the row that had the focus.
 */
export function moveFocus(cursor: QueueCursor, rows: readonly QueueRowFacts[], delta: number, extend: boolean): QueueCursor {
  const at = focusIndexOf(cursor, rows);
  if (at < 0) return cursor;
  const nextIndex = Math.max(0, Math.min(rows.length - 1, at + delta));
  const next = rows[nextIndex];
  if (!next) return cursor;
  if (!extend) return { ...cursor, focusKey: next.key, lastIndex: nextIndex };
  const anchorKey = cursor.anchorKey ?? rows[at]?.key ?? null;
  const anchorIndex = rows.findIndex((row) => row.key === anchorKey);
  return {
    focusKey: next.key,
    lastIndex: nextIndex,
    anchorKey,
    selected: withRange(cursor.selected, rows, anchorIndex, nextIndex),
  };
}

/** x, Space, or a click on a row's checkbox. A row that cannot be selected stays as it is. */
export function toggleRow(cursor: QueueCursor, rows: readonly QueueRowFacts[], key: string): QueueCursor {
  const row = rows.find((r) => r.key === key);
  if (!row || (!row.selectable && !cursor.selected.has(key))) return cursor;
  const selected = new Set(cursor.selected);
  if (selected.has(key)) selected.delete(key);
  else selected.add(key);
  return { ...cursor, selected, anchorKey: key };
}

/** Shift-click: selects from the anchor (or the focused row) to `toKey`. */
export function selectRange(cursor: QueueCursor, rows: readonly QueueRowFacts[], toKey: string): QueueCursor {
  const to = rows.findIndex((row) => row.key === toKey);
  if (to < 0) return cursor;
  const from = rows.findIndex((row) => row.key === (cursor.anchorKey ?? cursor.focusKey));
  return { ...cursor, selected: withRange(cursor.selected, rows, from, to) };
}

export function selectAll(cursor: QueueCursor, rows: readonly QueueRowFacts[]): QueueCursor {
  return { ...cursor, selected: new Set(rows.filter((row) => row.selectable).map((row) => row.key)) };
}

export function clearSelection(cursor: QueueCursor): QueueCursor {
  return cursor.selected.size === 0 ? cursor : { ...cursor, selected: new Set() };
}

/**
 * Before rows leave the list (classified): they leave the selection, and if the focused row is among them, the
 * next row that stays takes the focus (or, at the end of the list, the one before), so the person carries on
 * from where they were.
 */
export function withoutRows(cursor: QueueCursor, rows: readonly QueueRowFacts[], leaving: ReadonlySet<string>): QueueCursor {
  if (leaving.size === 0) return cursor;
  const selected = new Set([...cursor.selected].filter((key) => !leaving.has(key)));
  const anchorKey = cursor.anchorKey !== null && leaving.has(cursor.anchorKey) ? null : cursor.anchorKey;
  const at = focusIndexOf(cursor, rows);
  const focused = rows[at];
  if (!focused || !leaving.has(focused.key)) return { ...cursor, selected, anchorKey };
  const after = rows.slice(at + 1).find((row) => !leaving.has(row.key));
  const before = rows
    .slice(0, at)
    .reverse()
    .find((row) => !leaving.has(row.key));
  const next = after ?? before ?? null;
  const remaining = rows.filter((row) => !leaving.has(row.key));
  return {
    selected,
    anchorKey,
    focusKey: next?.key ?? null,
    lastIndex: next ? remaining.findIndex((row) => row.key === next.key) : 0,
  };
}

/**
 * What an action key (Enter, 1, 2, 3) acts on: the selection when there is one, otherwise the focused row.
 * `blocked` is the focused row when it alone would have been the target but cannot be acted on, so the
 * person can be told why nothing happened.
 */
export function targetsOf(cursor: QueueCursor, rows: readonly QueueRowFacts[]): { keys: string[]; blocked: string | null } {
  const chosen = rows.filter((row) => cursor.selected.has(row.key) && row.selectable).map((row) => row.key);
  if (chosen.length > 0) return { keys: chosen, blocked: null };
  const focused = rows[focusIndexOf(cursor, rows)];
  if (!focused) return { keys: [], blocked: null };
  return focused.selectable ? { keys: [focused.key], blocked: null } : { keys: [], blocked: focused.key };
}

export type QueueCommand =
  | { type: 'move'; delta: number; extend: boolean }
  | { type: 'toggle' }
  | { type: 'clear' }
  /** A key the queue's owner gave an action to (Enter, 1, 2, 3 …). */
  | { type: 'action'; key: string };

/** Far enough to reach either end of any list in one move. */
const TO_THE_END = Number.MAX_SAFE_INTEGER;

/**
 * Which command a key press is, or null when the queue leaves the key alone (typing in a select, a browser
 * or system shortcut). `onRow` is whether the focus is on a row itself, where Space selects; elsewhere it
 * presses the focused control.
 */
export function commandForKey(
  event: { key: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean },
  focus: { onRow: boolean; inSelect: boolean; inCheckbox: boolean },
  actionKeys: ReadonlySet<string>,
): QueueCommand | null {
  if (event.altKey || event.ctrlKey || event.metaKey || focus.inSelect) return null;
  const { key } = event;
  if (key === ' ' && focus.inCheckbox) return null;
  if (key === 'j' || key === 'J' || key === 'ArrowDown') return { type: 'move', delta: 1, extend: event.shiftKey };
  if (key === 'k' || key === 'K' || key === 'ArrowUp') return { type: 'move', delta: -1, extend: event.shiftKey };
  if (key === 'Home') return { type: 'move', delta: -TO_THE_END, extend: event.shiftKey };
  if (key === 'End') return { type: 'move', delta: TO_THE_END, extend: event.shiftKey };
  if (key === 'x' || key === 'X' || (key === ' ' && focus.onRow)) return { type: 'toggle' };
  if (key === 'Escape') return { type: 'clear' };
  // Enter on a button inside a row presses the button; only Enter on the row itself is the queue's.
  if (key === 'Enter' && !focus.onRow) return null;
  if (actionKeys.has(key)) return { type: 'action', key };
  return null;
}

/** Splits a batch for an API that takes at most `size` items per call. */
export const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / Math.max(1, size)) }, (_, i) => items.slice(i * size, i * size + size));

export interface Noun {
  one: string;
  many: string;
}

const counted = (count: number, noun: Noun): string => `${count} ${count === 1 ? noun.one : noun.many}`;

/**
 * What a screen reader hears when a batch settles: "PAY-12 set to Corrective.", "3 issues set to Enabling.",
 * then any refusals by name, or "Nothing changed." when all were refused.
 */
export function outcomeMessage(outcome: {
  attempted: number;
  done: readonly string[];
  refused: ReadonlyArray<{ key: string; reason: string }>;
  describe: string;
  noun: Noun;
}): string {
  const { attempted, done, refused, describe, noun } = outcome;
  const doneText =
    done.length === 0 ? 'Nothing changed.' : done.length === 1 && attempted === 1 ? `${done[0]} ${describe}.` : `${counted(done.length, noun)} ${describe}.`;
  if (refused.length === 0) return doneText;
  const verb = refused.length === 1 ? 'was' : 'were';
  return `${doneText} ${counted(refused.length, noun)} ${verb} not changed: ${refused.map((r) => `${r.key}, ${r.reason}`).join('; ')}`;
}
