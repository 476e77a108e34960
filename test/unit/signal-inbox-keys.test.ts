/** The Inbox's key scheme: which key is which command in the list, on a signal and on a similar cluster. */
import { inboxCommandForKey, type KeyContext, type KeyPress } from '../../static/src/triage/signals/inbox-keys';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...extra });
const LIST: KeyContext = { level: 'list', on: 'cluster', inField: false, mergeArmed: false, hasSelection: false };
const SIGNAL: KeyContext = { level: 'cluster', on: 'signal', inField: false, mergeArmed: false, hasSelection: false };
const SIMILAR: KeyContext = { level: 'cluster', on: 'similar', inField: false, mergeArmed: false, hasSelection: false };

describe('in the cluster list', () => {
  it('j/k and the arrows move, Home/End go to the ends', () => {
    expect(inboxCommandForKey(press('j'), LIST)).toEqual({ type: 'move', delta: 1, extend: false });
    expect(inboxCommandForKey(press('ArrowUp'), LIST)).toEqual({ type: 'move', delta: -1, extend: false });
    expect(inboxCommandForKey(press('End'), LIST)).toMatchObject({ type: 'move' });
    expect((inboxCommandForKey(press('Home'), LIST) as { delta: number }).delta).toBeLessThan(-1000);
  });

  it('Enter opens, Escape closes, r renames, z undoes, ? shows the keys', () => {
    expect(inboxCommandForKey(press('Enter'), LIST)).toEqual({ type: 'open' });
    expect(inboxCommandForKey(press('Escape'), LIST)).toEqual({ type: 'close' });
    expect(inboxCommandForKey(press('r'), LIST)).toEqual({ type: 'rename' });
    expect(inboxCommandForKey(press('z'), LIST)).toEqual({ type: 'undo' });
    expect(inboxCommandForKey(press('?'), LIST)).toEqual({ type: 'help' });
  });

  it('leaves category, merge and split keys alone: they act inside a cluster', () => {
    for (const key of ['1', '4', 'm', 's', 'n', 'x', 'a']) expect(inboxCommandForKey(press(key), LIST)).toBeNull();
  });

  it('a cluster’s own row is the list’s even while the cluster is open', () => {
    expect(inboxCommandForKey(press('Enter'), { ...LIST, level: 'cluster' })).toEqual({ type: 'open' });
    expect(inboxCommandForKey(press('1'), { ...LIST, level: 'cluster' })).toBeNull();
  });
});

describe('on a signal', () => {
  it('1–5 set request, pain point, confusion, bug, other', () => {
    expect(['1', '2', '3', '4', '5'].map((key) => inboxCommandForKey(press(key), SIGNAL))).toEqual([
      { type: 'category', category: 'request' },
      { type: 'category', category: 'pain-point' },
      { type: 'category', category: 'confusion' },
      { type: 'category', category: 'bug' },
      { type: 'category', category: 'other' },
    ]);
    expect(inboxCommandForKey(press('6'), SIGNAL)).toBeNull();
  });

  it('a or Enter accept the suggestion; x and Space select; s splits; n is not the same; m waits for a digit', () => {
    expect(inboxCommandForKey(press('a'), SIGNAL)).toEqual({ type: 'accept' });
    expect(inboxCommandForKey(press('Enter'), SIGNAL)).toEqual({ type: 'accept' });
    expect(inboxCommandForKey(press('x'), SIGNAL)).toEqual({ type: 'toggle' });
    expect(inboxCommandForKey(press(' '), SIGNAL)).toEqual({ type: 'toggle' });
    expect(inboxCommandForKey(press('s'), SIGNAL)).toEqual({ type: 'split' });
    expect(inboxCommandForKey(press('n'), SIGNAL)).toEqual({ type: 'not-same' });
    expect(inboxCommandForKey(press('m'), SIGNAL)).toEqual({ type: 'arm-merge' });
  });

  it('Shift+j extends the selection', () => {
    expect(inboxCommandForKey(press('J', { shiftKey: true }), SIGNAL)).toEqual({ type: 'move', delta: 1, extend: true });
  });

  it('Escape clears the selection first, then closes the cluster', () => {
    expect(inboxCommandForKey(press('Escape'), { ...SIGNAL, hasSelection: true })).toEqual({ type: 'clear' });
    expect(inboxCommandForKey(press('Escape'), SIGNAL)).toEqual({ type: 'close' });
  });
});

describe('after m, digits pick a similar cluster — never a category', () => {
  it('1–5 merge into that similar cluster; Escape cancels', () => {
    const armed = { ...SIGNAL, mergeArmed: true };
    expect(inboxCommandForKey(press('1'), armed)).toEqual({ type: 'merge', index: 0 });
    expect(inboxCommandForKey(press('5'), armed)).toEqual({ type: 'merge', index: 4 });
    expect(inboxCommandForKey(press('Escape'), armed)).toEqual({ type: 'cancel-merge' });
  });

  it('any other key is itself (the caller disarms)', () => {
    expect(inboxCommandForKey(press('j'), { ...SIGNAL, mergeArmed: true })).toEqual({ type: 'move', delta: 1, extend: false });
    expect(inboxCommandForKey(press('6'), { ...SIGNAL, mergeArmed: true })).toBeNull();
  });
});

describe('on a similar cluster', () => {
  it('m merges into it, n marks it not the same, Enter opens it', () => {
    expect(inboxCommandForKey(press('m'), SIMILAR)).toEqual({ type: 'merge' });
    expect(inboxCommandForKey(press('n'), SIMILAR)).toEqual({ type: 'not-same' });
    expect(inboxCommandForKey(press('Enter'), SIMILAR)).toEqual({ type: 'open-similar' });
  });

  it('category keys do nothing there', () => {
    for (const key of ['1', '2', 'a']) expect(inboxCommandForKey(press(key), SIMILAR)).toBeNull();
  });
});

describe('what the Inbox leaves alone', () => {
  it('typing in a field, and keys with Ctrl, Alt or Meta', () => {
    for (const key of ['j', 'z', '1', 'Enter', '?']) expect(inboxCommandForKey(press(key), { ...SIGNAL, inField: true })).toBeNull();
    expect(inboxCommandForKey(press('z', { ctrlKey: true }), LIST)).toBeNull();
    expect(inboxCommandForKey(press('j', { metaKey: true }), LIST)).toBeNull();
    expect(inboxCommandForKey(press('k', { altKey: true }), SIGNAL)).toBeNull();
  });

  it('movement keys on a button or link (not a row), but z and ? still work', () => {
    const onButton: KeyContext = { ...SIGNAL, on: 'other' };
    expect(inboxCommandForKey(press('j'), onButton)).toBeNull();
    expect(inboxCommandForKey(press('Enter'), onButton)).toBeNull();
    expect(inboxCommandForKey(press('z'), onButton)).toEqual({ type: 'undo' });
    expect(inboxCommandForKey(press('Escape'), onButton)).toEqual({ type: 'close' });
  });
});
