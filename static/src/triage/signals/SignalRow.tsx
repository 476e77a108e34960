import { memo } from 'react';
import type { MouseEvent } from 'react';
import type { InboxSignal } from '../../../../src/contract/signals';
import { SIGNAL_CATEGORIES, type SignalCategory } from '../../../../src/domain/signals';
import { formatMoney } from '../../ui/format';
import { markCategoryWords } from './category-words';
import { CategoryLozenge } from './CategoryLozenge';
import { When } from '../../ui/When';
import { CATEGORY_LABELS, categorySourceInWords, isSignalCategory, reasonInWords, sourceLabel } from './reasons';

export interface SignalActions {
  onFocusItem: (key: string) => void;
  onToggle: (key: string, event: MouseEvent) => void;
  onSetCategory: (signal: InboxSignal, category: SignalCategory) => void;
  onNotSame: (signal: InboxSignal) => void;
  /** Route this signal on its own (the Inbox and the Parking lot): absent where clusters are decided already. */
  onRoute?: (signal: InboxSignal) => void;
}

/** The customer's words, with the words behind a suggested category marked. */
function Words({ signal }: { signal: InboxSignal }) {
  const words = signal.categorySource === 'suggested' ? signal.categoryWords : [];
  return (
    <q className="si-words" data-testid="inbox-signal-text">
      {markCategoryWords(signal.text, words).map((segment, i) =>
        segment.marked ? (
          <mark key={i} className="si-cue" title="This drove the suggested category">
            {segment.text}
          </mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </q>
  );
}

/** One signal in the open cluster: who said what, where it came from, its category and why it is here. */
export const SignalRow = memo(function SignalRow({
  signal,
  focused,
  selected,
  canTriage,
  busy,
  actions,
}: {
  signal: InboxSignal;
  focused: boolean;
  selected: boolean;
  canTriage: boolean;
  busy: boolean;
  actions: SignalActions;
}) {
  const key = `s:${signal.id}`;
  const locked = !canTriage || busy || signal.pending;
  const suggested = signal.categorySource === 'suggested' && isSignalCategory(signal.category) ? signal.category : null;
  return (
    <tr
      role="row"
      className={`si-item${focused ? ' si-focused' : ''}${busy ? ' si-busy' : ''}`}
      data-focus-key={key}
      data-place="signal"
      data-testid="inbox-signal"
      data-signal-id={signal.id}
      tabIndex={focused ? 0 : -1}
      aria-selected={canTriage ? selected : undefined}
      aria-busy={busy || undefined}
      onFocus={(event) => event.target === event.currentTarget && actions.onFocusItem(key)}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('button, select, input, a')) return;
        (event.currentTarget as HTMLElement).focus();
      }}
    >
      {canTriage && (
        <td role="gridcell" className="si-cell-check">
          <input
            type="checkbox"
            tabIndex={-1}
            checked={selected}
            disabled={locked}
            aria-label={`Select the signal from ${signal.customer}`}
            onClick={(event) => {
              event.stopPropagation();
              actions.onToggle(key, event);
            }}
            onChange={() => undefined}
          />
        </td>
      )}
      <td role="gridcell" className="si-cell-signal">
        <span className="si-customer">
          {signal.customer}
          {signal.arr !== null && <span className="si-arr"> · {formatMoney(signal.arr)} ARR</span>}
        </span>
        <Words signal={signal} />
        <span className="si-meta">
          {sourceLabel(signal.source)} · raised by {signal.raisedBy} · <When iso={signal.receivedAt} />
        </span>
      </td>
      <td role="gridcell" className="si-cell-why">
        <span className="si-category" data-testid="inbox-signal-category">
          <CategoryLozenge category={signal.category} suggested={signal.categorySource !== 'confirmed'} />{' '}
          <span className="si-meta-inline">{categorySourceInWords(signal)}</span>
        </span>
        <span className="si-reason" data-testid="inbox-signal-reason">
          {reasonInWords(signal)}
        </span>
      </td>
      {canTriage && (
        <td role="gridcell" className="si-cell-actions">
          <div className="si-actions">
            {suggested && (
              <button type="button" tabIndex={-1} disabled={locked} onClick={() => actions.onSetCategory(signal, suggested)}>
                Accept {CATEGORY_LABELS[suggested].toLowerCase()}
              </button>
            )}
            {/* Mouse only: from the keyboard, 1–5 do the same without leaving the row. */}
            <select
              tabIndex={-1}
              value=""
              disabled={locked}
              aria-label={`Set the category of the signal from ${signal.customer}`}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isSignalCategory(value)) actions.onSetCategory(signal, value);
              }}
            >
              <option value="">Category…</option>
              {SIGNAL_CATEGORIES.map((category, index) => (
                <option key={category} value={category}>
                  {`${CATEGORY_LABELS[category]} (${index + 1})`}
                </option>
              ))}
            </select>
            <button type="button" tabIndex={-1} disabled={locked} onClick={() => actions.onNotSame(signal)}>
              Not the same
            </button>
            {actions.onRoute && (
              <button
                type="button"
                tabIndex={-1}
                disabled={locked}
                onClick={() => actions.onRoute?.(signal)}
                aria-label={`Route the signal from ${signal.customer} on its own`}
                title="Route this signal on its own (e q p d u)"
                data-testid="inbox-signal-route"
              >
                Route…
              </button>
            )}
          </div>
        </td>
      )}
    </tr>
  );
});
