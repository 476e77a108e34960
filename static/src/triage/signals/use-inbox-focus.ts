/**
 * Where the keyboard focus goes in the Inbox. A request names an element — `c:`, `s:` or `m:` and an id (a
 * cluster's row, a signal, a similar cluster), or `first:` and a cluster id (the first row inside that open
 * cluster) — and is met once the element is on screen. A request that cannot be met once nothing is loading
 * goes to the focused cluster's row instead, so the focus is never left on the page. And when the data on screen
 * changes and takes the focused element with it (a merged cluster's row, a signal split out), the focus goes to
 * the focused cluster's row too.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface FocusSituation {
  rootRef: RefObject<HTMLElement>;
  /** The open cluster's rows are still to come (it is loading, or has just been opened). */
  clusterComing: boolean;
  listLoading: boolean;
  /** The focused cluster's row: where a request that cannot be met goes. */
  listFocusKey: string | null;
  /** What is on screen: when it changes and the focus fell to the page, the focus is put back. */
  shown: readonly unknown[];
  /** A `first:` request was met on this element (its focus key): the item cursor follows. */
  onFirstItem: (focusKey: string) => void;
}

export function useInboxFocus(situation: FocusSituation): { requestFocus: (key: string) => void; focusTick: number } {
  const { rootRef, clusterComing, listLoading, listFocusKey, shown, onFirstItem } = situation;
  const focusRequest = useRef<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const requestFocus = useCallback((key: string) => {
    focusRequest.current = key;
    setFocusTick((n) => n + 1);
  }, []);

  useLayoutEffect(() => {
    const want = focusRequest.current;
    const root = rootRef.current;
    if (!want || !root) return;
    const firstItem = want.startsWith('first:');
    const selector = firstItem ? `[data-open-cluster="${CSS.escape(want.slice(6))}"] [data-focus-key]` : `[data-focus-key="${CSS.escape(want)}"]`;
    const element = root.querySelector<HTMLElement>(selector);
    const waiting = (!want.startsWith('c:') && clusterComing) || listLoading;
    if (!element && waiting) return;
    focusRequest.current = null;
    const target = element ?? root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(listFocusKey ?? '')}"]`) ?? root;
    if (firstItem && element?.dataset.focusKey) onFirstItem(element.dataset.focusKey);
    target.focus();
    target.scrollIntoView?.({ block: 'nearest' });
  });

  const hadFocus = useRef(false);
  const lastShown = useRef(shown);
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const onFocusIn = () => {
      hadFocus.current = true;
    };
    root.addEventListener('focusin', onFocusIn);
    return () => root.removeEventListener('focusin', onFocusIn);
  }, [rootRef]);
  useEffect(() => {
    const changed = shown.length !== lastShown.current.length || shown.some((value, i) => value !== lastShown.current[i]);
    lastShown.current = shown;
    const active = document.activeElement;
    const lost = !active || active === document.body;
    if (changed && lost && hadFocus.current && focusRequest.current === null && listFocusKey) requestFocus(listFocusKey);
  });

  return { requestFocus, focusTick };
}
