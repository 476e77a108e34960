import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import Button from '@atlaskit/button/new';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { useAnnouncer } from '../ui/Announcer';
import { Empty } from '../ui/Empty';
import { Loading } from '../ui/Loading';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { plural } from '../ui/format';
import { UnclassifiedRow, type RowHandlers } from './UnclassifiedRow';
import { useUnclassifiedQueue, type QueueRow } from './use-unclassified-queue';
import { KeyboardHelp } from './KeyboardHelp';

/** workType.setMany takes at most this many issues; a larger selection goes in several calls. */
const MAX_PER_CALL = 1000;
const KEY_TO_TYPE: Record<string, WorkType> = { '1': 'Innovative', '2': 'Corrective', '3': 'Enabling' };

interface Assignment {
  issueKey: string;
  workType: WorkType;
  acceptedSuggestion: boolean;
}

const chunks = <T,>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/**
 * The project's issues without a work type, worked from the keyboard: j/k move, x selects, 1/2/3 set a type,
 * Enter accepts the suggestion. Classified rows leave the list in place and focus stays where the person was.
 */
export function UnclassifiedTab({ projectKey, onClassified }: { projectKey: string; onClassified: (count: number) => void }) {
  const queue = useUnclassifiedQueue(projectKey);
  const { rows } = queue;
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchorKey, setAnchorKey] = useState<string | null>(null);
  const [applyFailure, setApplyFailure] = useState<{ error: ResolverCallError; retry: () => void } | null>(null);
  const { region, announce } = useAnnouncer();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const wantDomFocus = useRef(false);
  const lastFocusIndex = useRef(0);

  // The focused row, or, when it has just left the list, the row that took its place (the next one down).
  const found = rows.findIndex((row) => row.key === focusKey);
  const focusIndex = rows.length === 0 ? -1 : found >= 0 ? found : Math.min(lastFocusIndex.current, rows.length - 1);
  if (focusIndex >= 0) lastFocusIndex.current = focusIndex;
  const focusedRow = focusIndex >= 0 ? rows[focusIndex] : undefined;

  useEffect(() => {
    if (focusedRow && focusedRow.key !== focusKey) setFocusKey(focusedRow.key);
  }, [focusedRow, focusKey]);

  // Read when a write settles, which may be after the person has moved on.
  const latest = useRef({ rows, focusKey: focusedRow?.key ?? null });
  latest.current = { rows, focusKey: focusedRow?.key ?? null };

  /** Before rows leave: if the focused one is among them, the next row that stays (or else the one before) takes focus. */
  const keepPlace = (leaving: ReadonlySet<string>) => {
    const { rows: current, focusKey: focused } = latest.current;
    if (!focused || !leaving.has(focused)) return;
    const at = current.findIndex((row) => row.key === focused);
    const after = current.slice(at + 1).find((row) => !leaving.has(row.key));
    const before = [...current.slice(0, Math.max(at, 0))].reverse().find((row) => !leaving.has(row.key));
    setFocusKey((after ?? before)?.key ?? null);
  };

  useEffect(() => {
    if (!wantDomFocus.current || !focusedRow) return;
    wantDomFocus.current = false;
    const element = bodyRef.current?.querySelector<HTMLElement>(`tr[data-key="${CSS.escape(focusedRow.key)}"]`);
    element?.focus();
    element?.scrollIntoView?.({ block: 'nearest' });
  });

  const focusInGrid = () => bodyRef.current?.contains(document.activeElement) ?? false;

  const apply = useCallback(
    async (assignments: Assignment[], describe: string) => {
      const live = assignments.filter((a) => rows.some((row) => row.key === a.issueKey && !row.saving));
      if (live.length === 0) return;
      const keys = live.map((a) => a.issueKey);
      const keepFocus = focusInGrid();
      setApplyFailure(null);
      queue.setSaving(keys, true);
      const updated: string[] = [];
      const refused: Array<{ issueKey: string; reason: string }> = [];
      try {
        for (const chunk of chunks(live, MAX_PER_CALL)) {
          const result = await callResolver('workType.setMany', { assignments: chunk });
          updated.push(...result.updated.map((u) => u.issueKey));
          refused.push(...result.refused);
        }
      } catch (error: unknown) {
        // Whatever earlier chunks wrote stays written; the rest keep their rows (and the selection) to retry.
        keepPlace(new Set(updated));
        queue.settle(updated, []);
        const failed = keys.filter((key) => !updated.includes(key));
        queue.setSaving(failed, false);
        const failure = asResolverCallError(error);
        setApplyFailure({ error: failure, retry: () => void apply(live.filter((a) => failed.includes(a.issueKey)), describe) });
        announce(`${describe}: not saved. ${failure.message}`);
        if (updated.length) onClassified(updated.length);
        wantDomFocus.current = keepFocus;
        return;
      }
      keepPlace(new Set(updated));
      queue.settle(updated, refused);
      setSelected((current) => new Set([...current].filter((key) => !updated.includes(key))));
      if (updated.length) onClassified(updated.length);
      wantDomFocus.current = keepFocus;
      const done = updated.length === 1 && live.length === 1 ? `${updated[0]} ${describe}.` : `${plural(updated.length, 'issue')} ${describe}.`;
      const refusedText = refused.length
        ? ` ${plural(refused.length, 'issue was', 'issues were')} not changed: ${refused.map((r) => `${r.issueKey}, ${r.reason}`).join('; ')}`
        : '';
      announce(`${updated.length ? done : 'Nothing changed.'}${refusedText}`);
    },
    // `queue` functions are stable; `rows` is read for the saving check.
    [rows, queue.setSaving, queue.settle, announce, onClassified],
  );

  /** The rows an action applies to: the selection if there is one, else the focused row. */
  const targets = useCallback((): QueueRow[] => {
    const chosen = rows.filter((row) => selected.has(row.key) && !row.saving);
    if (chosen.length > 0) return chosen;
    return focusedRow && !focusedRow.saving ? [focusedRow] : [];
  }, [rows, selected, focusedRow]);

  const setType = useCallback(
    (workType: WorkType, rowsToSet: QueueRow[] = targets()) =>
      apply(
        // A type chosen by number is the person's own choice, even when it matches the suggestion.
        rowsToSet.map((row) => ({ issueKey: row.key, workType, acceptedSuggestion: false })),
        `set to ${workType}`,
      ),
    [apply, targets],
  );

  const acceptSuggestions = useCallback(
    (rowsToAccept: QueueRow[]) => {
      const withSuggestion = rowsToAccept.filter((row) => row.suggestion !== null);
      if (withSuggestion.length === 0) {
        announce('No suggestion to accept here: press 1, 2 or 3 to choose a work type.');
        return;
      }
      // Grouped per suggested type only for the announcement; one call carries them all.
      const types = new Set(withSuggestion.map((row) => row.suggestion?.workType));
      const describe = types.size === 1 ? `set to ${[...types][0]} as suggested` : 'set as suggested';
      void apply(
        withSuggestion.map((row) => ({ issueKey: row.key, workType: row.suggestion!.workType, acceptedSuggestion: true })),
        describe,
      );
    },
    [apply, announce],
  );

  const toggle = useCallback((key: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
    setAnchorKey(key);
  }, []);

  const selectRange = useCallback(
    (toKey: string) => {
      const from = rows.findIndex((row) => row.key === (anchorKey ?? focusedRow?.key));
      const to = rows.findIndex((row) => row.key === toKey);
      if (to < 0) return;
      const [start, end] = from < 0 ? [to, to] : [Math.min(from, to), Math.max(from, to)];
      setSelected((current) => {
        const next = new Set(current);
        for (const row of rows.slice(start, end + 1)) if (!row.saving) next.add(row.key);
        return next;
      });
    },
    [rows, anchorKey, focusedRow],
  );

  const move = (delta: number, extend: boolean) => {
    if (focusIndex < 0) return;
    const nextIndex = Math.max(0, Math.min(rows.length - 1, focusIndex + delta));
    const next = rows[nextIndex];
    if (!next) return;
    if (extend) {
      // Shift+j/k grows the selection from where it started, like shift-click.
      if (!anchorKey && focusedRow) setAnchorKey(focusedRow.key);
      const from = rows.findIndex((row) => row.key === (anchorKey ?? focusedRow?.key));
      const [start, end] = [Math.min(from, nextIndex), Math.max(from, nextIndex)];
      setSelected((current) => {
        const nextSelection = new Set(current);
        for (const row of rows.slice(start, end + 1)) if (!row.saving) nextSelection.add(row.key);
        return nextSelection;
      });
    }
    wantDomFocus.current = true;
    setFocusKey(next.key);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const target = event.target as HTMLElement;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (target.tagName === 'SELECT' || (target.tagName === 'INPUT' && event.key === ' ')) return;
    const onRow = target.tagName === 'TR';
    const key = event.key;
    if (key === 'j' || key === 'J' || key === 'ArrowDown') move(1, event.shiftKey);
    else if (key === 'k' || key === 'K' || key === 'ArrowUp') move(-1, event.shiftKey);
    else if (key === 'Home') move(-rows.length, false);
    else if (key === 'End') move(rows.length, false);
    else if (key === 'x' || key === 'X' || (key === ' ' && onRow)) {
      if (focusedRow && !focusedRow.saving) toggle(focusedRow.key);
    } else if (KEY_TO_TYPE[key]) void setType(KEY_TO_TYPE[key]);
    else if (key === 'Enter' && onRow) {
      if (focusedRow && !focusedRow.saving) acceptSuggestions([focusedRow]);
    } else if (key === 'Escape' && selected.size > 0) {
      setSelected(new Set());
      announce('Selection cleared.');
    } else return;
    event.preventDefault();
  };

  const handlers = useMemo<RowHandlers>(
    () => ({
      onFocusRow: (key) => setFocusKey(key),
      onToggle: (key, event: MouseEvent) => {
        if (event.shiftKey) selectRange(key);
        else toggle(key);
        setFocusKey(key);
      },
      onRowClick: (key, event: MouseEvent) => {
        if (event.shiftKey) {
          event.preventDefault();
          selectRange(key);
        }
        wantDomFocus.current = true;
        setFocusKey(key);
      },
      onAccept: (row) => acceptSuggestions([row]),
      onSet: (row, workType) => void setType(workType, [row]),
    }),
    [selectRange, toggle, acceptSuggestions, setType],
  );

  const selectable = rows.filter((row) => !row.saving);
  const selectedRows = rows.filter((row) => selected.has(row.key));
  const allSelected = selectable.length > 0 && selectable.every((row) => selected.has(row.key));
  const someSelected = selectedRows.length > 0 && !allSelected;
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = someSelected;
  }, [someSelected]);

  if (queue.loading && rows.length === 0) return <Loading what="unclassified issues" />;
  if (queue.error) return <LazyErrorMessage error={queue.error} onRetry={queue.reload} />;
  if (rows.length === 0) {
    return (
      <>
        {region}
        <Empty title="Nothing left to classify">Every open issue in {projectKey} has a work type.</Empty>
      </>
    );
  }

  const anySaving = rows.some((row) => row.saving);
  return (
    <div data-testid="unclassified-tab" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {region}
      <KeyboardHelp id="unclassified-keys" />
      <div className="tr-toolbar" role="toolbar" aria-label="Classify the selected issues">
        <label>
          <input
            ref={selectAllRef}
            type="checkbox"
            checked={allSelected}
            onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((row) => row.key)))}
            data-testid="unclassified-select-all"
          />
          Select all shown ({rows.length})
        </label>
        <span aria-live="polite" data-testid="unclassified-selected-count">
          {selectedRows.length > 0 ? `${selectedRows.length} selected` : 'None selected'}
        </span>
        <span className="tr-spacer" />
        <Button
          spacing="compact"
          isDisabled={selectedRows.length === 0}
          onClick={() => acceptSuggestions(selectedRows.filter((row) => !row.saving))}
        >
          Accept suggestions
        </Button>
        {WORK_TYPES.map((type, index) => (
          <Button
            key={type}
            spacing="compact"
            isDisabled={selectedRows.length === 0}
            onClick={() => void setType(type, selectedRows.filter((row) => !row.saving))}
          >
            {`${type} (${index + 1})`}
          </Button>
        ))}
      </div>
      {applyFailure && <LazyErrorMessage error={applyFailure.error} onRetry={applyFailure.retry} />}
      <table
        className="tr-table"
        role="grid"
        aria-multiselectable="true"
        aria-label={`Unclassified issues in ${projectKey}`}
        aria-describedby="unclassified-keys"
        aria-busy={anySaving || undefined}
        data-testid="unclassified-grid"
      >
        <colgroup>
          <col className="tr-c-check" />
          <col />
          <col className="tr-c-suggestion" />
          <col className="tr-c-actions" />
        </colgroup>
        <thead>
          <tr role="row">
            <th role="columnheader">
              <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Selected</span>
            </th>
            <th role="columnheader">Issue</th>
            <th role="columnheader">Upstream suggests</th>
            <th role="columnheader">Actions</th>
          </tr>
        </thead>
        <tbody ref={bodyRef} onKeyDown={onKeyDown}>
          {rows.map((row, index) => (
            <UnclassifiedRow key={row.key} row={row} focused={index === focusIndex} selected={selected.has(row.key)} handlers={handlers} />
          ))}
        </tbody>
      </table>
      <div className="tr-more">
        <span data-testid="unclassified-total" style={{ color: 'var(--ds-text-subtle, #44546F)' }}>
          Showing {rows.length} of {plural(queue.total, 'unclassified issue')}
        </span>
        {queue.nextPageToken && (
          <Button onClick={queue.loadMore} isLoading={queue.loadingMore} testId="unclassified-load-more">
            Load {Math.min(50, Math.max(queue.total - rows.length, 1))} more
          </Button>
        )}
      </div>
      {queue.loadMoreError && <LazyErrorMessage error={queue.loadMoreError} onRetry={queue.loadMore} />}
    </div>
  );
}
