import { useCallback, useEffect, useMemo, useRef } from 'react';
import Button from '@atlaskit/button/new';
import type { WorkType } from '../../../src/domain/work-type';
import { callResolver } from '../api';
import { useAnnouncer } from '../ui/Announcer';
import { Empty } from '../ui/Empty';
import { Loading } from '../ui/Loading';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { plural } from '../ui/format';
import { VISUALLY_HIDDEN } from '../ui/visually-hidden';
import { UnclassifiedRow, type RowActions } from './UnclassifiedRow';
import { UnclassifiedToolbar } from './UnclassifiedToolbar';
import { PAGE_SIZE, useUnclassifiedQueue, type QueueRow } from './use-unclassified-queue';
import { useKeyboardQueue, type Batch, type Refusal } from './use-keyboard-queue';
import { KeyboardHelp } from './KeyboardHelp';
import './unclassified.css';

/** workType.setMany takes at most this many issues; a larger selection goes in several calls. */
const MAX_PER_CALL = 1000;
const ISSUE = { one: 'issue', many: 'issues' } as const;

interface Assignment {
  issueKey: string;
  workType: WorkType;
  acceptedSuggestion: boolean;
}

const rowKey = (row: QueueRow) => row.key;
const isBusy = (row: QueueRow) => row.saving;
const canAct = (row: QueueRow) => row.canEdit;
const whyNot = (row: QueueRow) => `You can see ${row.key} but not edit it, so its work type can't be set here.`;

const sendAssignments = async (chunk: Assignment[]) => {
  const result = await callResolver('workType.setMany', { assignments: chunk });
  return {
    done: result.updated.map((u) => u.issueKey),
    refused: result.refused.map((r) => ({ key: r.issueKey, reason: r.reason })),
  };
};

const batchOf = (items: Assignment[], describe: string): Batch<Assignment> => ({
  items,
  keyOf: (a) => a.issueKey,
  chunkSize: MAX_PER_CALL,
  send: sendAssignments,
  describe,
});

/**
 * The project's issues without a work type, worked from the keyboard: j/k move, x selects, 1/2/3 set a type,
 * Enter accepts the suggestion — on the selection when there is one, else on the focused row. Classified rows
 * leave the list in place and the focus stays where the person was. Loaded only while the tab is shown.
 */
export default function UnclassifiedTab({ projectKey, onClassified }: { projectKey: string; onClassified: (count: number) => void }) {
  const queue = useUnclassifiedQueue(projectKey);
  const { rows, setSaving } = queue;
  const { region, announce } = useAnnouncer();
  const rootRef = useRef<HTMLDivElement>(null);

  const settle = useCallback(
    (done: readonly string[], refused: readonly Refusal[]) => queue.settle(done, refused.map((r) => ({ issueKey: r.key, reason: r.reason }))),
    [queue.settle],
  );

  const list = useKeyboardQueue<QueueRow>({
    rows,
    rowKey,
    isBusy,
    canAct,
    whyNot,
    announce,
    noun: ISSUE,
    setBusy: setSaving,
    settle,
    onDone: onClassified,
    fallbackFocus: () => rootRef.current,
    actions: {
      Enter: (targets) => acceptSuggestions(targets),
      '1': (targets) => setType('Innovative', targets),
      '2': (targets) => setType('Corrective', targets),
      '3': (targets) => setType('Enabling', targets),
    },
  });
  const { apply } = list;

  const setType = useCallback(
    (workType: WorkType, targets: QueueRow[]) =>
      // A type chosen by number is the person's own choice, even when it matches the suggestion.
      void apply(batchOf(targets.map((row) => ({ issueKey: row.key, workType, acceptedSuggestion: false })), `set to ${workType}`)),
    [apply],
  );

  const acceptSuggestions = useCallback(
    (targets: QueueRow[]) => {
      const withSuggestion = targets.filter((row) => row.suggestion !== null);
      if (withSuggestion.length === 0) {
        if (targets.length > 0) announce('No suggestion to accept here: press 1, 2 or 3 to choose a work type.');
        return;
      }
      const types = new Set(withSuggestion.map((row) => row.suggestion?.workType));
      const describe = types.size === 1 ? `set to ${[...types][0]} as suggested` : 'set as suggested';
      void apply(
        batchOf(
          withSuggestion.map((row) => ({ issueKey: row.key, workType: row.suggestion!.workType, acceptedSuggestion: true })),
          describe,
        ),
      );
    },
    [apply, announce],
  );

  const handlers = useMemo<RowActions>(
    () => ({ ...list.handlers, onAccept: (row) => acceptSuggestions([row]), onSet: (row, workType) => setType(workType, [row]) }),
    [list.handlers, acceptSuggestions, setType],
  );

  // "Load more" disappears with the last page; the focus moves to the first row it brought, not to the page.
  const loadedFrom = useRef<number | null>(null);
  const loadMore = () => {
    loadedFrom.current = rows.length;
    queue.loadMore();
  };
  const { focusRowInDom } = list;
  useEffect(() => {
    const from = loadedFrom.current;
    if (from === null || queue.loadingMore) return;
    loadedFrom.current = null;
    const first = rows[from];
    if (!first) return;
    focusRowInDom(first.key);
    announce(`Loaded ${plural(rows.length - from, 'more issue')}; showing ${rows.length} of ${queue.total}.`);
  }, [queue.loadingMore, rows, queue.total, focusRowInDom, announce]);

  if (queue.loading && rows.length === 0) return <Loading what="unclassified issues" />;
  if (queue.error) return <LazyErrorMessage error={queue.error} onRetry={queue.reload} />;
  if (rows.length === 0) {
    return (
      <div ref={rootRef} tabIndex={-1} style={{ outline: 'none' }}>
        {region}
        <Empty title="Nothing left to classify">Every open issue in {projectKey} has a work type.</Empty>
      </div>
    );
  }

  const anySaving = rows.some((row) => row.saving);
  const mayEditAny = rows.some((row) => row.canEdit);
  const selected = list.selectedRows.filter((row) => !row.saving);
  return (
    <div ref={rootRef} tabIndex={-1} data-testid="unclassified-tab" className="tr-tab-body">
      {region}
      <KeyboardHelp id="unclassified-keys" />
      {!mayEditAny && (
        <p className="tr-read-only-note" role="note" data-testid="unclassified-read-only">
          You can see these issues but not edit them, so you can't set their work types here. Ask a {projectKey} project
          admin for the Edit issues permission if you need to.
        </p>
      )}
      <UnclassifiedToolbar
        shown={rows.length}
        selectedCount={selected.length}
        selectableCount={list.selectableRows.length}
        allSelected={list.allSelected}
        mayEditAny={mayEditAny}
        onToggleAll={list.toggleAll}
        onAccept={() => acceptSuggestions(selected)}
        onSet={(workType) => setType(workType, selected)}
      />
      {list.failure && <LazyErrorMessage error={list.failure.error} onRetry={list.failure.retry} />}
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
              <span style={VISUALLY_HIDDEN}>Selected</span>
            </th>
            <th role="columnheader">Issue</th>
            <th role="columnheader">Upstream suggests</th>
            <th role="columnheader">Actions</th>
          </tr>
        </thead>
        <tbody ref={list.containerRef} onKeyDown={list.onKeyDown}>
          {rows.map((row, index) => (
            <UnclassifiedRow key={row.key} row={row} focused={index === list.focusIndex} selected={list.isSelected(row.key)} handlers={handlers} />
          ))}
        </tbody>
      </table>
      <div className="tr-more">
        <span data-testid="unclassified-total" className="tr-subtle">
          Showing {rows.length} of {plural(queue.total, 'unclassified issue')}
        </span>
        {queue.nextPageToken && (
          <Button onClick={loadMore} isLoading={queue.loadingMore} testId="unclassified-load-more">
            Load {Math.min(PAGE_SIZE, Math.max(queue.total - rows.length, 1))} more
          </Button>
        )}
      </div>
      {queue.loadMoreError && <LazyErrorMessage error={queue.loadMoreError} onRetry={loadMore} />}
    </div>
  );
}
