/**
 * The keyboard queue's rules without a browser: where the focus goes, what a range selects, what an action key
 * acts on, which key is which command, how a batch is split and what a screen reader hears.
 */
import {
  EMPTY_CURSOR,
  chunks,
  clearSelection,
  commandForKey,
  focusIndexOf,
  focusRow,
  moveFocus,
  outcomeMessage,
  selectAll,
  selectRange,
  targetsOf,
  toggleRow,
  withoutRows,
  type QueueCursor,
  type QueueRowFacts,
} from '../../static/src/triage/keyboard-queue';

const rowsOf = (...keys: string[]): QueueRowFacts[] => keys.map((key) => ({ key, selectable: !key.startsWith('ro') }));
const ROWS = rowsOf('A', 'B', 'C', 'D', 'E');
const at = (key: string, extra: Partial<QueueCursor> = {}): QueueCursor => ({ ...focusRow(EMPTY_CURSOR, ROWS, key), ...extra });
const selectedOf = (cursor: QueueCursor) => [...cursor.selected].sort();
const NO_MODIFIERS = { shiftKey: false, altKey: false, ctrlKey: false, metaKey: false };
const ON_ROW = { onRow: true, inSelect: false, inCheckbox: false };
const ACTIONS = new Set(['Enter', '1', '2', '3']);

describe('focus', () => {
  it('starts on the first row and follows the focused row by key', () => {
    expect(focusIndexOf(EMPTY_CURSOR, ROWS)).toBe(0);
    expect(focusIndexOf(at('C'), ROWS)).toBe(2);
    expect(focusIndexOf(EMPTY_CURSOR, [])).toBe(-1);
  });

  it('moves with j/k and stops at either end; Home and End reach the ends', () => {
    expect(moveFocus(at('B'), ROWS, 1, false).focusKey).toBe('C');
    expect(moveFocus(at('B'), ROWS, -1, false).focusKey).toBe('A');
    expect(moveFocus(at('A'), ROWS, -1, false).focusKey).toBe('A');
    expect(moveFocus(at('E'), ROWS, 1, false).focusKey).toBe('E');
    expect(moveFocus(at('C'), ROWS, Number.MAX_SAFE_INTEGER, false).focusKey).toBe('E');
    expect(moveFocus(at('C'), ROWS, -Number.MAX_SAFE_INTEGER, false).focusKey).toBe('A');
  });

  it('gives the focus to the row that took the place of a focused row that left', () => {
    const cursor = at('C');
    expect(focusIndexOf(cursor, rowsOf('A', 'B', 'D', 'E'))).toBe(2);
    // At the end of a shorter list, the last row.
    expect(focusIndexOf(at('E'), rowsOf('A', 'B'))).toBe(1);
  });
});

describe('selection', () => {
  it('toggles a row with x and anchors ranges there', () => {
    const once = toggleRow(at('B'), ROWS, 'B');
    expect(selectedOf(once)).toEqual(['B']);
    expect(once.anchorKey).toBe('B');
    expect(selectedOf(toggleRow(once, ROWS, 'B'))).toEqual([]);
  });

  it('extends from where extending began with Shift+j, and back up with Shift+k', () => {
    let cursor = moveFocus(at('B'), ROWS, 1, true);
    cursor = moveFocus(cursor, ROWS, 1, true);
    expect(cursor.focusKey).toBe('D');
    expect(selectedOf(cursor)).toEqual(['B', 'C', 'D']);
    expect(cursor.anchorKey).toBe('B');
    // Moving without Shift keeps the selection.
    expect(selectedOf(moveFocus(cursor, ROWS, 1, false))).toEqual(['B', 'C', 'D']);
  });

  it('selects a range from the anchor to a shift-clicked row, in either direction', () => {
    const anchored = toggleRow(at('D'), ROWS, 'D');
    expect(selectedOf(selectRange(anchored, ROWS, 'B'))).toEqual(['B', 'C', 'D']);
    expect(selectedOf(selectRange(at('A'), ROWS, 'C'))).toEqual(['A', 'B', 'C']);
  });

  it('never selects a row that may not be acted on, by toggle, range or select-all', () => {
    const rows = rowsOf('A', 'ro-B', 'C');
    const start = focusRow(EMPTY_CURSOR, rows, 'A');
    expect(selectedOf(toggleRow(start, rows, 'ro-B'))).toEqual([]);
    expect(selectedOf(selectRange(start, rows, 'C'))).toEqual(['A', 'C']);
    expect(selectedOf(moveFocus(moveFocus(start, rows, 1, true), rows, 1, true))).toEqual(['A', 'C']);
    expect(selectedOf(selectAll(start, rows))).toEqual(['A', 'C']);
    expect(selectedOf(clearSelection(selectAll(start, rows)))).toEqual([]);
  });
});

describe('rows leaving the list', () => {
  it('moves the focus to the next row that stays and drops the rows from the selection', () => {
    const cursor = at('B', { selected: new Set(['B', 'C', 'E']), anchorKey: 'B' });
    const after = withoutRows(cursor, ROWS, new Set(['B', 'C']));
    expect(after.focusKey).toBe('D');
    expect(selectedOf(after)).toEqual(['E']);
    expect(after.anchorKey).toBeNull();
    // Its index in the list as it will be once they have gone.
    expect(after.lastIndex).toBe(1);
  });

  it('moves the focus back when the rows at the end leave, and keeps it when the focused row stays', () => {
    expect(withoutRows(at('E'), ROWS, new Set(['D', 'E'])).focusKey).toBe('C');
    expect(withoutRows(at('A'), ROWS, new Set(['C'])).focusKey).toBe('A');
    expect(withoutRows(at('A'), rowsOf('A'), new Set(['A'])).focusKey).toBeNull();
  });
});

describe('targets of an action key', () => {
  it('is the selection when there is one, in list order, else the focused row', () => {
    expect(targetsOf(at('A', { selected: new Set(['D', 'B']) }), ROWS)).toEqual({ keys: ['B', 'D'], blocked: null });
    expect(targetsOf(at('C'), ROWS)).toEqual({ keys: ['C'], blocked: null });
  });

  it('names the focused row as blocked when it alone was the target and may not be acted on', () => {
    const rows = rowsOf('A', 'ro-B');
    expect(targetsOf(focusRow(EMPTY_CURSOR, rows, 'ro-B'), rows)).toEqual({ keys: [], blocked: 'ro-B' });
    expect(targetsOf(EMPTY_CURSOR, [])).toEqual({ keys: [], blocked: null });
  });
});

describe('commandForKey', () => {
  const press = (key: string, modifiers: Partial<typeof NO_MODIFIERS> = {}, focus = ON_ROW) =>
    commandForKey({ key, ...NO_MODIFIERS, ...modifiers }, focus, ACTIONS);

  it('maps the movement and selection keys', () => {
    expect(press('j')).toEqual({ type: 'move', delta: 1, extend: false });
    expect(press('ArrowUp')).toEqual({ type: 'move', delta: -1, extend: false });
    expect(press('J', { shiftKey: true })).toEqual({ type: 'move', delta: 1, extend: true });
    expect(press('x')).toEqual({ type: 'toggle' });
    expect(press(' ')).toEqual({ type: 'toggle' });
    expect(press('Escape')).toEqual({ type: 'clear' });
  });

  it('passes the action keys on, Enter only from a row', () => {
    expect(press('2')).toEqual({ type: 'action', key: '2' });
    expect(press('Enter')).toEqual({ type: 'action', key: 'Enter' });
    expect(press('Enter', {}, { ...ON_ROW, onRow: false })).toBeNull();
    expect(press('4')).toBeNull();
  });

  it('leaves shortcuts, a focused select and Space on a checkbox alone', () => {
    expect(press('j', { ctrlKey: true })).toBeNull();
    expect(press('1', { metaKey: true })).toBeNull();
    expect(press('j', {}, { ...ON_ROW, inSelect: true })).toBeNull();
    expect(press(' ', {}, { onRow: false, inSelect: false, inCheckbox: true })).toBeNull();
  });
});

describe('batches and announcements', () => {
  it('splits a batch into chunks the API accepts', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 1000)).toEqual([]);
    expect(chunks(Array.from({ length: 2500 }, (_, i) => i), 1000).map((c) => c.length)).toEqual([1000, 1000, 500]);
  });

  const noun = { one: 'issue', many: 'issues' };
  it('names a single row, counts several, and lists refusals by key', () => {
    expect(outcomeMessage({ attempted: 1, done: ['PAY-3'], refused: [], describe: 'set to Corrective', noun })).toBe('PAY-3 set to Corrective.');
    expect(outcomeMessage({ attempted: 3, done: ['A-1', 'A-2', 'A-3'], refused: [], describe: 'set to Enabling', noun })).toBe(
      '3 issues set to Enabling.',
    );
    expect(
      outcomeMessage({ attempted: 2, done: ['A-1'], refused: [{ key: 'A-2', reason: 'you may not edit it' }], describe: 'set to Enabling', noun }),
    ).toBe('1 issue set to Enabling. 1 issue was not changed: A-2, you may not edit it');
    expect(outcomeMessage({ attempted: 1, done: [], refused: [{ key: 'A-2', reason: 'gone' }], describe: 'set', noun })).toBe(
      'Nothing changed. 1 issue was not changed: A-2, gone',
    );
  });
});
