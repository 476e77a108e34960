import { useEffect, useId, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import { SIGNAL_CATEGORIES } from '../../../../src/domain/signals';
import { CATEGORY_LABELS, isSignalCategory } from './reasons';
import type { InboxFilters, Undoable } from './use-inbox';

/** How long typing in the customer filter pauses before the list follows (Enter applies at once). */
const CUSTOMER_PAUSE_MS = 500;

/**
 * The Inbox's toolbar: the two ways in for a signal (share one, import a file), the filters, and Undo with what
 * it would undo. Undo is shown only to people who may triage.
 */
export function InboxToolbar({
  filters,
  onFilters,
  undoable,
  canTriage,
  undoing,
  onUndo,
  onShare,
  onImport,
}: {
  filters: InboxFilters;
  onFilters: (filters: InboxFilters) => void;
  undoable: Undoable;
  canTriage: boolean;
  undoing: boolean;
  onUndo: () => void;
  onShare: () => void;
  onImport: () => void;
}) {
  const ids = useId();
  const [customer, setCustomer] = useState(filters.customer ?? '');
  useEffect(() => setCustomer(filters.customer ?? ''), [filters.customer]);

  const applyCustomer = (text: string) => {
    const trimmed = text.trim().slice(0, 200);
    if ((filters.customer ?? '') === trimmed) return;
    const { customer: _dropped, ...rest } = filters;
    onFilters(trimmed ? { ...rest, customer: trimmed } : rest);
  };
  // The pending pause, so that Enter can cancel it: the pause's closure holds the filters from before Enter
  // applied them, and firing afterwards would apply the same text a second time (a reload that closes an opened cluster).
  const pause = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    pause.current = setTimeout(() => applyCustomer(customer), CUSTOMER_PAUSE_MS);
    return () => clearTimeout(pause.current);
    // Only the typed text restarts the pause; the filters it applies to are read when it ends.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customer]);
  const applyCustomerNow = () => {
    clearTimeout(pause.current);
    applyCustomer(customer);
  };

  return (
    <div className="si-toolbar" role="toolbar" aria-label="Signal inbox">
      <span className="si-toolbar-group">
        <Button appearance="primary" onClick={onShare} testId="inbox-share">
          Share a signal
        </Button>
        <Button onClick={onImport} testId="inbox-import">
          Import CSV
        </Button>
      </span>
      <span className="si-toolbar-group si-filters">
        <label htmlFor={`${ids}-category`}>Category</label>
        <select
          id={`${ids}-category`}
          value={filters.category ?? ''}
          data-testid="inbox-filter-category"
          onChange={(event) => {
            const value = event.currentTarget.value;
            const { category: _dropped, ...rest } = filters;
            onFilters(isSignalCategory(value) ? { ...rest, category: value } : rest);
          }}
        >
          <option value="">All categories</option>
          {SIGNAL_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {CATEGORY_LABELS[category]}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-customer`}>Customer</label>
        <input
          id={`${ids}-customer`}
          type="search"
          value={customer}
          maxLength={200}
          placeholder="Exact name"
          data-testid="inbox-filter-customer"
          onChange={(event) => setCustomer(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') applyCustomerNow();
          }}
        />
        <label htmlFor={`${ids}-sort`}>Sort</label>
        <select
          id={`${ids}-sort`}
          value={filters.sort}
          data-testid="inbox-sort"
          onChange={(event) => onFilters({ ...filters, sort: event.currentTarget.value === 'recent' ? 'recent' : 'evidence' })}
        >
          <option value="evidence">Strongest evidence</option>
          <option value="recent">Most recent</option>
        </select>
      </span>
      {canTriage && (
        <span className="si-toolbar-group si-undo">
          <Button onClick={onUndo} isDisabled={!undoable || undoing} isLoading={undoing} testId="inbox-undo">
            {undoable ? `Undo: ${undoable.description} (z)` : 'Nothing to undo'}
          </Button>
        </span>
      )}
    </div>
  );
}
