import { ROUTE_KEYS } from './inbox-keys';
import { CATEGORY_KEYS, CATEGORY_LABELS } from './reasons';
import { ROUTE_LABELS } from './route-words';

/** The routing keys, one per route, for the help table. */
const ROUTING_ROWS: ReadonlyArray<[string[], string]> = [
  [['x', 'Space'], 'select the cluster, to route several at once (Esc clears)'],
  ...ROUTE_KEYS.map(({ key, route }): [string[], string] => [[key], `route to ${ROUTE_LABELS[route]}: asks the rationale${route === 'declined' ? ' (the reason)' : ''}${route === 'roadmap' ? ' and the epic' : route === 'quick-fix' ? ' and the project' : route === 'duplicate' ? ' and the cluster it duplicates' : ''}`]),
  [ROUTE_KEYS.map(({ key }) => key), 'on a signal in an open cluster: route that signal on its own (it leaves the cluster for one of its own; z undoes the split)'],
];

/** [keys, what they do] — the scheme of inbox-keys.ts, in the order a person meets it. */
const LIST_KEYS: ReadonlyArray<[string[], string]> = [
  [['j', 'k', '↓', '↑'], 'move between clusters (Home/End: first/last)'],
  [['Enter'], 'open the cluster; Esc closes it'],
  [['r'], 'rename the cluster'],
  [['z'], 'undo your last change'],
  [['?'], 'show or hide these keys'],
];

const CLUSTER_KEYS: ReadonlyArray<[string[], string]> = [
  [['j', 'k'], 'move through the signals, then the similar clusters'],
  [['x', 'Space'], 'select the signal (Shift+j/k extends)'],
  [
    CATEGORY_KEYS.map((c) => c.key),
    `set the category: ${CATEGORY_KEYS.map((c) => `${c.key} ${CATEGORY_LABELS[c.category].toLowerCase()}`).join(', ')}`,
  ],
  [['a', 'Enter'], 'accept the suggested category'],
  [['s'], 'split the selected signals (or the focused one) into a new cluster'],
  [['n'], 'not the same: take the selected signals out of this cluster — or, on a similar cluster, never suggest it again'],
  [['m'], 'on a similar cluster: merge the open cluster into it. Elsewhere m, then 1–5, picks the similar cluster'],
  [['Esc'], 'clear the selection, then close the cluster'],
];

function KeyTable({ caption, rows }: { caption: string; rows: ReadonlyArray<[string[], string]> }) {
  return (
    <section className="si-help-table" aria-label={caption}>
      <h3 className="si-help-caption">{caption}</h3>
      <dl>
        {rows.map(([keys, does]) => (
          <div key={does} className="si-help-row">
            <dt>
              {keys.map((key, i) => (
                <span key={key}>
                  {i > 0 && ' '}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * The Inbox's keys: one line always in view (nobody should have to guess that j/k work), the full table on `?`
 * or a click. Category digits act on a signal; digits right after `m` pick a similar cluster, so they never clash.
 */
export function InboxHelp({ id, open, onToggle, canTriage, routing = false, changes = true }: { id: string; open: boolean; onToggle: () => void; canTriage: boolean; routing?: boolean; changes?: boolean }) {
  return (
    <div className="si-help" data-testid="inbox-keyboard-help">
      <p className="si-keys" id={id}>
        {canTriage && routing ? (
          <>
            Keys: <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>x</kbd> select · route: <kbd>e</kbd> roadmap · <kbd>q</kbd> quick fix ·{' '}
            <kbd>p</kbd> parking lot · <kbd>d</kbd> declined · <kbd>u</kbd> duplicate · <kbd>r</kbd> rename · <kbd>z</kbd> undo ·{' '}
          </>
        ) : canTriage && changes ? (
          <>
            Keys: <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>x</kbd> select · <kbd>1</kbd>–<kbd>5</kbd> category ·{' '}
            <kbd>s</kbd> split · <kbd>m</kbd> merge · <kbd>n</kbd> not the same · <kbd>r</kbd> rename · <kbd>z</kbd> undo ·{' '}
          </>
        ) : (
          <>
            Keys: <kbd>j</kbd>/<kbd>k</kbd> move through clusters, then through an open cluster’s signals · <kbd>Enter</kbd> open ·{' '}
            <kbd>Esc</kbd> close ·{' '}
          </>
        )}
        <button type="button" className="si-link" aria-expanded={open} aria-controls={`${id}-all`} onClick={onToggle}>
          <kbd>?</kbd> {open ? 'hide the keys' : 'all keys'}
        </button>
      </p>
      {open && (
        <div id={`${id}-all`} className="si-help-all" data-testid="inbox-keys-table">
          <KeyTable caption="In the list of clusters" rows={canTriage ? LIST_KEYS : LIST_KEYS.filter(([keys]) => !['r', 'z'].includes(keys[0]!))} />
          <KeyTable caption="In an open cluster" rows={canTriage ? CLUSTER_KEYS : CLUSTER_KEYS.slice(0, 1)} />
          {canTriage && routing && <KeyTable caption="Routing (on the focused cluster, the selected ones, or the focused signal of an open cluster)" rows={ROUTING_ROWS} />}
        </div>
      )}
    </div>
  );
}
