/**
 * Which key does what in the Inbox — pure, so the whole scheme is unit-tested without a browser
 * (test/unit/signal-inbox-keys.test.ts) and the help (InboxHelp.tsx) can be checked against it.
 *
 * Two levels. In the cluster list, j/k move between clusters and Enter opens one. Inside an open cluster, j/k
 * move through its signals and then its similar clusters, and the keys act on what has the focus:
 *
 * - on a signal: `1`–`5` set its category (request, pain point, confusion, bug, other), `a` or Enter accept
 *   the suggested one, `x`/Space select, `s` split the selection (or the signal) into a new cluster, `n` take it
 *   out as "not the same";
 * - on a similar cluster: `m` merge the open cluster into it, `n` "not the same", Enter open it;
 * - anywhere in the cluster: `m` then `1`–`5` merges into the 1st–5th similar cluster (digits after `m` pick a
 *   cluster, so they never clash with the category keys); `r` rename; Escape clears the selection, then closes.
 *
 * `z` undoes the last change and `?` shows the keys, everywhere but in a text field.
 *
 * Routing (the Inbox and the Parking lot): one key per route — `e` roadmap (an epic; `r` is rename), `q` quick
 * fix, `p` parking lot, `d` declined, `u` duplicate — on the focused cluster, or on the clusters selected with
 * `x`/Space in the list; inside an open cluster, on the focused signal alone (split off into a cluster of its
 * own, which is routed), and on a similar cluster, on the open cluster. None of them is a category digit or an
 * Inbox key, so they never clash.
 */
import type { SignalCategory, SignalRoute } from '../../../../src/domain/signals';
import { CATEGORY_KEYS } from './reasons';

export type InboxPlace = 'cluster' | 'signal' | 'similar' | 'other';

export interface KeyContext {
  /** `list`: on a cluster's row (or outside any open cluster); `cluster`: inside the open cluster. */
  level: 'list' | 'cluster';
  /** What the key was pressed on: a cluster row, a signal, a similar cluster (the row itself), or anything else. */
  on: InboxPlace;
  /** A text field, select or text area: typing there is never a command. */
  inField: boolean;
  /** `m` was pressed and the next digit picks the similar cluster. */
  mergeArmed: boolean;
  hasSelection: boolean;
  /** The list's clusters can be selected with x/Space to route many at once (the Inbox and the Parking lot, for a triager). */
  selectClusters?: boolean;
}

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export type InboxCommand =
  | { type: 'move'; delta: number; extend: boolean }
  | { type: 'open' }
  | { type: 'open-similar' }
  | { type: 'close' }
  | { type: 'toggle' }
  | { type: 'clear' }
  | { type: 'accept' }
  | { type: 'category'; category: SignalCategory }
  | { type: 'arm-merge' }
  | { type: 'cancel-merge' }
  /** `index`: the nth similar cluster (from `m` + digit); absent: the focused similar cluster. */
  | { type: 'merge'; index?: number }
  | { type: 'split' }
  | { type: 'not-same' }
  | { type: 'rename' }
  | { type: 'undo' }
  | { type: 'help' }
  /** `signal`: the focused signal in the open cluster, on its own; otherwise the cluster(s) the level names. */
  | { type: 'route'; route: SignalRoute; signal?: true };

/** One key per route, in the order the help lists them. */
export const ROUTE_KEYS: ReadonlyArray<{ key: string; route: SignalRoute }> = [
  { key: 'e', route: 'roadmap' },
  { key: 'q', route: 'quick-fix' },
  { key: 'p', route: 'parking-lot' },
  { key: 'd', route: 'declined' },
  { key: 'u', route: 'duplicate' },
];

const routeFor = (key: string): Extract<InboxCommand, { type: 'route' }> | null => {
  const route = ROUTE_KEYS.find((r) => r.key === key)?.route;
  return route ? { type: 'route', route } : null;
};

/** Far enough to reach either end of any list in one move. */
const TO_THE_END = Number.MAX_SAFE_INTEGER;
/** How many similar clusters `m` + digit can pick (the resolver answers at most five). */
export const MERGE_PICKS = 5;

function moveFor(press: KeyPress): InboxCommand | null {
  switch (press.key) {
    case 'j':
    case 'J':
    case 'ArrowDown':
      return { type: 'move', delta: 1, extend: press.shiftKey };
    case 'k':
    case 'K':
    case 'ArrowUp':
      return { type: 'move', delta: -1, extend: press.shiftKey };
    case 'Home':
      return { type: 'move', delta: -TO_THE_END, extend: press.shiftKey };
    case 'End':
      return { type: 'move', delta: TO_THE_END, extend: press.shiftKey };
    default:
      return null;
  }
}

function listCommand(key: string, where: KeyContext): InboxCommand | null {
  if (where.on !== 'cluster') return null;
  if (key === 'Enter' || key === 'o') return { type: 'open' };
  if (key === 'Escape') return where.hasSelection ? { type: 'clear' } : { type: 'close' };
  if (where.selectClusters && (key === 'x' || key === 'X' || key === ' ')) return { type: 'toggle' };
  const route = routeFor(key);
  if (route) return route;
  if (key === 'r') return { type: 'rename' };
  return null;
}

function clusterCommand(key: string, where: KeyContext): InboxCommand | null {
  if (key === 'Escape') return where.hasSelection ? { type: 'clear' } : { type: 'close' };
  if (where.on === 'other') return null;
  const route = routeFor(key);
  if (route) return where.on === 'signal' ? { ...route, signal: true } : route;
  if (key === 'r') return { type: 'rename' };
  if (key === 's') return { type: 'split' };
  if (key === 'n') return { type: 'not-same' };
  if (key === 'x' || key === 'X' || key === ' ') return { type: 'toggle' };
  if (where.on === 'similar') {
    if (key === 'm') return { type: 'merge' };
    if (key === 'Enter') return { type: 'open-similar' };
    return null;
  }
  if (key === 'm') return { type: 'arm-merge' };
  // On a signal.
  if (key === 'Enter' || key === 'a') return { type: 'accept' };
  const category = CATEGORY_KEYS.find((c) => c.key === key)?.category;
  return category ? { type: 'category', category } : null;
}

/** The command a key press is, or null when the Inbox leaves the key alone. */
export function inboxCommandForKey(press: KeyPress, where: KeyContext): InboxCommand | null {
  if (press.altKey || press.ctrlKey || press.metaKey || where.inField) return null;
  const { key } = press;
  if (where.mergeArmed) {
    const pick = Number(key);
    if (Number.isInteger(pick) && pick >= 1 && pick <= MERGE_PICKS) return { type: 'merge', index: pick - 1 };
    if (key === 'Escape') return { type: 'cancel-merge' };
  }
  if (key === '?') return { type: 'help' };
  if (key === 'z' || key === 'Z') return { type: 'undo' };
  const move = where.on === 'other' ? null : moveFor(press);
  if (move) return move;
  // A cluster's own row is always the list's, even while that cluster is open below it.
  return where.level === 'list' || where.on === 'cluster' ? listCommand(key, where) : clusterCommand(key, where);
}
