/**
 * A list worked from the keyboard, generic over its rows: the focus (one row in the tab order, roving),
 * selection with ranges, action keys that act on the selection or else the focused row, a batch applied in
 * chunks with the rows marked busy meanwhile, and what a screen reader hears when a batch settles. The
 * Unclassified tab uses it for issues; the signals Inbox will use it for signals.
 *
 * The rules (where focus goes, what a range selects, which key does what) are pure functions in
 * keyboard-queue.ts; this hook holds their state and does what only a component can: move DOM focus and
 * call the server.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { asResolverCallError, type ResolverCallError } from '../api';
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
  type Noun,
  type QueueCursor,
  type QueueRowFacts,
} from './keyboard-queue';

export interface Refusal {
  key: string;
  reason: string;
}

export interface KeyboardQueueOptions<T> {
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** A write for this row is in flight. */
  isBusy: (row: T) => boolean;
  /** The person may act on this row; rows they may not stay readable, but are never selected or acted on. */
  canAct: (row: T) => boolean;
  /** Why a row cannot be acted on, said when someone tries (e.g. "you may not edit PAY-12"). */
  whyNot: (row: T) => string;
  /** Keys that act on the targets (the selection, else the focused row): e.g. Enter, 1, 2, 3. */
  actions: Readonly<Record<string, (targets: T[]) => void>>;
  announce: (message: string) => void;
  /** What a row is, for announcements ("3 issues set to Enabling."). */
  noun: Noun;
  /** Marks rows busy while a batch is in flight, and clears the mark. */
  setBusy: (keys: readonly string[], busy: boolean) => void;
  /** A batch settled: `done` rows leave the list, refused ones stay with their reason. */
  settle: (done: readonly string[], refused: readonly Refusal[]) => void;
  /** Called with how many rows a batch changed. */
  onDone?: (count: number) => void;
  /** Where focus goes when the list is empty and the element that had it is gone. */
  fallbackFocus?: () => HTMLElement | null;
}

export interface ApplyFailure {
  error: ResolverCallError;
  retry: () => void;
}

/** One batch: its items, how each names its row, the largest chunk the API takes, and the call per chunk. */
export interface Batch<A> {
  items: readonly A[];
  keyOf: (item: A) => string;
  chunkSize: number;
  send: (chunk: A[]) => Promise<{ done: string[]; refused: Refusal[] }>;
  /** Completes "PAY-12 …" and "3 issues …": "set to Corrective". */
  describe: string;
}

export interface RowHandlers {
  onFocusRow: (key: string) => void;
  onToggle: (key: string, event: MouseEvent) => void;
  onRowClick: (key: string, event: MouseEvent) => void;
}

export interface KeyboardQueue<T> {
  /** Holds the rows; each row element carries `data-key`. */
  containerRef: RefObject<HTMLTableSectionElement>;
  focusIndex: number;
  focusedRow: T | undefined;
  isSelected: (key: string) => boolean;
  selectedRows: T[];
  /** Rows that may be selected now (not busy, and the person may act on them). */
  selectableRows: T[];
  allSelected: boolean;
  toggleAll: () => void;
  clearSelection: () => void;
  /** The rows an action applies to now, or [] (having said why when the focused row cannot be acted on). */
  targets: () => T[];
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  handlers: RowHandlers;
  /** Moves the focus to a row, on screen too (after "Load more", to the first new row). */
  focusRowInDom: (key: string) => void;
  apply: <A>(batch: Batch<A>) => Promise<void>;
  failure: ApplyFailure | null;
}

export function useKeyboardQueue<T>(options: KeyboardQueueOptions<T>): KeyboardQueue<T> {
  const { rows, rowKey, isBusy, canAct, whyNot, actions, announce, noun, setBusy, settle, onDone, fallbackFocus } = options;
  const [cursor, setCursor] = useState<QueueCursor>(EMPTY_CURSOR);
  const [failure, setFailure] = useState<ApplyFailure | null>(null);
  const containerRef = useRef<HTMLTableSectionElement>(null);
  /** The next render should put DOM focus on the focused row. */
  const wantDomFocus = useRef(false);
  /** A batch settled: if the control that had the focus is gone or disabled, the focused row takes it. */
  const restoreIfLost = useRef(false);

  const facts = useMemo<QueueRowFacts[]>(
    () => rows.map((row) => ({ key: rowKey(row), selectable: !isBusy(row) && canAct(row) })),
    [rows, rowKey, isBusy, canAct],
  );
  const byKey = useMemo(() => new Map(rows.map((row) => [rowKey(row), row])), [rows, rowKey]);
  const focusIndex = focusIndexOf(cursor, facts);
  const focusedRow = focusIndex >= 0 ? rows[focusIndex] : undefined;
  const focusedKey = focusedRow ? rowKey(focusedRow) : null;

  // When the focused row leaves, the row now in its place is the focused one: record that.
  useEffect(() => {
    if (focusedKey !== null && focusedKey !== cursor.focusKey) setCursor((c) => ({ ...c, focusKey: focusedKey, lastIndex: focusIndex }));
  }, [focusedKey, focusIndex, cursor.focusKey]);

  // Read when a batch settles, which may be after the person has moved on.
  const latest = useRef({ facts, cursor });
  latest.current = { facts, cursor };

  useLayoutEffect(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body || (active instanceof HTMLButtonElement && active.disabled) || !active.isConnected;
    const restore = wantDomFocus.current || (restoreIfLost.current && lost);
    restoreIfLost.current = false;
    if (!restore) return;
    wantDomFocus.current = false;
    const element = focusedKey ? containerRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusedKey)}"]`) : null;
    const target = element ?? fallbackFocus?.() ?? null;
    target?.focus();
    element?.scrollIntoView?.({ block: 'nearest' });
  });

  const focusInList = () => containerRef.current?.contains(document.activeElement) ?? false;

  const apply = useCallback(
    async <A,>(batch: Batch<A>): Promise<void> => {
      const selectable = new Set(latest.current.facts.filter((f) => f.selectable).map((f) => f.key));
      const live = batch.items.filter((item) => selectable.has(batch.keyOf(item)));
      if (live.length === 0) return;
      const keys = live.map(batch.keyOf);
      const keepFocus = focusInList();
      setFailure(null);
      setBusy(keys, true);
      const done: string[] = [];
      const refused: Refusal[] = [];
      const finish = (leaving: readonly string[]) => {
        setCursor((c) => withoutRows(c, latest.current.facts, new Set(leaving)));
        wantDomFocus.current = keepFocus;
        // A toolbar button that had the focus is disabled once the selection it acted on has gone.
        restoreIfLost.current = true;
        if (leaving.length > 0) onDone?.(leaving.length);
      };
      try {
        for (const chunk of chunks(live, batch.chunkSize)) {
          const result = await batch.send(chunk);
          done.push(...result.done);
          refused.push(...result.refused);
        }
      } catch (error: unknown) {
        // Whatever earlier chunks wrote stays written; the rest keep their rows (and the selection) to retry.
        finish(done);
        settle(done, []);
        const failed = keys.filter((key) => !done.includes(key));
        setBusy(failed, false);
        const reason = asResolverCallError(error);
        const retryItems = live.filter((item) => failed.includes(batch.keyOf(item)));
        setFailure({ error: reason, retry: () => void apply({ ...batch, items: retryItems }) });
        announce(`${batch.describe[0]?.toUpperCase() ?? ''}${batch.describe.slice(1)}: not saved. ${reason.message}`);
        return;
      }
      finish(done);
      settle(done, refused);
      announce(outcomeMessage({ attempted: live.length, done, refused, describe: batch.describe, noun }));
    },
    // The callbacks come from the owner and are stable (useCallback there); `latest` is read at call time.
    [setBusy, settle, announce, noun, onDone],
  );

  const targets = useCallback((): T[] => {
    const { keys, blocked } = targetsOf(cursor, facts);
    const blockedRow = blocked ? byKey.get(blocked) : undefined;
    if (blockedRow && !isBusy(blockedRow)) announce(whyNot(blockedRow));
    return keys.map((key) => byKey.get(key)).filter((row): row is T => row !== undefined);
  }, [cursor, facts, byKey, isBusy, whyNot, announce]);

  const actionKeys = useMemo(() => new Set(Object.keys(actions)), [actions]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const command = commandForKey(
      event,
      {
        onRow: target.getAttribute('role') === 'row',
        inSelect: target.tagName === 'SELECT',
        inCheckbox: target instanceof HTMLInputElement && target.type === 'checkbox',
      },
      actionKeys,
    );
    if (!command) return;
    switch (command.type) {
      case 'move':
        wantDomFocus.current = true;
        setCursor((c) => moveFocus(c, facts, command.delta, command.extend));
        break;
      case 'toggle':
        if (focusedKey) {
          const row = byKey.get(focusedKey);
          if (row && !canAct(row)) announce(whyNot(row));
          setCursor((c) => toggleRow(c, facts, focusedKey));
        }
        break;
      case 'clear':
        // Nothing selected: Escape is not the queue's, and whatever holds the page may want it.
        if (cursor.selected.size === 0) return;
        setCursor(clearSelection);
        announce('Selection cleared.');
        break;
      case 'action':
        actions[command.key]?.(targets());
        break;
    }
    event.preventDefault();
  };

  const handlers = useMemo<RowHandlers>(
    () => ({
      onFocusRow: (key) => setCursor((c) => focusRow(c, facts, key)),
      onToggle: (key, event) => {
        setCursor((c) => focusRow(event.shiftKey ? selectRange(c, facts, key) : toggleRow(c, facts, key), facts, key));
      },
      onRowClick: (key, event) => {
        if (event.shiftKey) event.preventDefault();
        wantDomFocus.current = true;
        setCursor((c) => focusRow(event.shiftKey ? selectRange(c, facts, key) : c, facts, key));
      },
    }),
    [facts],
  );

  const focusRowInDom = useCallback(
    (key: string) => {
      wantDomFocus.current = true;
      setCursor((c) => focusRow(c, latest.current.facts, key));
    },
    [],
  );

  const selectableRows = rows.filter((_, i) => facts[i]?.selectable);
  const selectedRows = rows.filter((row) => cursor.selected.has(rowKey(row)));
  const allSelected = selectableRows.length > 0 && selectableRows.every((row) => cursor.selected.has(rowKey(row)));

  return {
    containerRef,
    focusIndex,
    focusedRow,
    isSelected: (key) => cursor.selected.has(key),
    selectedRows,
    selectableRows,
    allSelected,
    toggleAll: () => setCursor((c) => (allSelected ? clearSelection(c) : selectAll(c, facts))),
    clearSelection: () => setCursor(clearSelection),
    targets,
    onKeyDown,
    handlers,
    focusRowInDom,
    apply,
    failure,
  };
}
