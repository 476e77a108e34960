import { useEffect, useId, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import { SIGNAL_CATEGORIES, SIGNAL_SOURCES, type SignalSource } from '../../../../src/domain/signals';
import { CATEGORY_LABELS, isSignalCategory, sourceLabel } from './reasons';
import type { InboxAge, InboxFilters, Undoable } from './use-inbox';

const AGES: ReadonlyArray<{ value: InboxAge; label: string }> = [
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: '365d', label: 'Last year' },
];
const isSource = (value: string): value is SignalSource => (SIGNAL_SOURCES as readonly string[]).includes(value);
const isAge = (value: string): value is InboxAge => AGES.some((a) => a.value === value);

/** A search field that applies after a pause in typing, or at once on Enter (the pause then cancelled). */
function PausedSearch({ id, value, onApply, placeholder, testId, className }: { id: string; value: string | undefined; onApply: (text: string) => void; placeholder: string; testId: string; className?: string }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const pause = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const apply = (raw: string) => {
    const trimmed = raw.trim().slice(0, 200);
    if ((value ?? '') !== trimmed) onApply(trimmed);
  };
  useEffect(() => {
    pause.current = setTimeout(() => apply(text), CUSTOMER_PAUSE_MS);
    return () => clearTimeout(pause.current);
    // Only the typed text restarts the pause.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return (
    <input
      id={id}
      type="search"
      value={text}
      maxLength={200}
      placeholder={placeholder}
      data-testid={testId}
      className={className}
      onChange={(event) => setText(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          clearTimeout(pause.current);
          apply(text);
        }
      }}
    />
  );
}

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
  intake = true,
}: {
  /** The Inbox takes signals in (Share, Import); the other tabs do not. */
  intake?: boolean;
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
      {intake && (
        <span className="si-toolbar-group">
          <Button appearance="primary" onClick={onShare} testId="inbox-share">
            Share a signal
          </Button>
          <Button onClick={onImport} testId="inbox-import">
            Import CSV
          </Button>
        </span>
      )}
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
        <label htmlFor={`${ids}-source`}>Source</label>
        <select
          id={`${ids}-source`}
          value={filters.source ?? ''}
          data-testid="inbox-filter-source"
          onChange={(event) => {
            const value = event.currentTarget.value;
            const { source: _dropped, ...rest } = filters;
            onFilters(isSource(value) ? { ...rest, source: value } : rest);
          }}
        >
          <option value="">All sources</option>
          {SIGNAL_SOURCES.map((source) => (
            <option key={source} value={source}>
              {sourceLabel(source)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-age`}>Seen</label>
        <select
          id={`${ids}-age`}
          value={filters.age ?? ''}
          data-testid="inbox-filter-age"
          onChange={(event) => {
            const value = event.currentTarget.value;
            const { age: _dropped, ...rest } = filters;
            onFilters(isAge(value) ? { ...rest, age: value } : rest);
          }}
        >
          <option value="">Any time</option>
          {AGES.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-text`}>Words</label>
        <PausedSearch
          id={`${ids}-text`}
          value={filters.text}
          placeholder="In titles, signals, customers"
          testId="inbox-filter-text"
          className="si-filter-text"
          onApply={(text) => {
            const { text: _dropped, ...rest } = filters;
            onFilters(text ? { ...rest, text } : rest);
          }}
        />
        <label htmlFor={`${ids}-sort`}>Sort</label>
        <select
          id={`${ids}-sort`}
          value={filters.sort}
          data-testid="inbox-sort"
          onChange={(event) => {
            const value = event.currentTarget.value;
            onFilters({ ...filters, sort: value === 'recent' || value === 'arr' || value === 'count' ? value : 'evidence' });
          }}
        >
          <option value="evidence">Strongest evidence</option>
          <option value="recent">Most recent</option>
          <option value="arr">Highest ARR</option>
          <option value="count">Most signals</option>
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
