import { memo, type MouseEvent } from 'react';
import { router } from '@forge/bridge';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import { WorkTypeLozenge } from '../ui/WorkTypeLozenge';
import { confidenceInWords } from '../ui/format';
import type { QueueRow } from './use-unclassified-queue';

const CONFIDENCE_SHORT = { high: 'high confidence', medium: 'medium confidence', low: 'low confidence' } as const;

const openIssue = (issueKey: string) =>
  void router.navigate({ target: 'issue', issueKey }).catch((error: unknown) => console.warn('Upstream: could not open the issue', error));

export interface RowHandlers {
  onFocusRow: (key: string) => void;
  onToggle: (key: string, event: MouseEvent) => void;
  onRowClick: (key: string, event: MouseEvent) => void;
  onAccept: (row: QueueRow) => void;
  onSet: (row: QueueRow, workType: WorkType) => void;
}

/** One unclassified issue: what it is, what Upstream suggests and why, and the row's own actions. */
export const UnclassifiedRow = memo(function UnclassifiedRow({
  row,
  focused,
  selected,
  handlers,
}: {
  row: QueueRow;
  focused: boolean;
  selected: boolean;
  handlers: RowHandlers;
}) {
  const { suggestion } = row;
  const confidence = suggestion ? confidenceInWords(suggestion.confidence) : null;
  return (
    <tr
      role="row"
      className={`tr-row${focused ? ' tr-focused' : ''}${row.saving ? ' tr-saving' : ''}`}
      data-key={row.key}
      data-testid="unclassified-row"
      tabIndex={focused ? 0 : -1}
      aria-selected={selected}
      aria-busy={row.saving || undefined}
      onFocus={(event) => event.target === event.currentTarget && handlers.onFocusRow(row.key)}
      onClick={(event) => handlers.onRowClick(row.key, event)}
    >
      <td role="gridcell">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          disabled={row.saving}
          aria-label={`Select ${row.key}`}
          onClick={(event) => {
            event.stopPropagation();
            handlers.onToggle(row.key, event);
          }}
          onChange={() => undefined}
        />
      </td>
      <td role="gridcell">
        <button type="button" className="tr-key" tabIndex={-1} onClick={(event) => (event.stopPropagation(), openIssue(row.key))}>
          {row.key}
        </button>
        <span className="tr-summary">{row.summary}</span>
        <span className="tr-meta">
          {row.issueType} · {row.status}
          {row.labels.length > 0 ? ` · ${row.labels.join(', ')}` : ''}
        </span>
        {row.saving && <span className="tr-meta">Saving…</span>}
        {row.refusal && (
          <span className="tr-refused" role="note" data-testid="unclassified-refusal">
            Not changed: {row.refusal}
          </span>
        )}
      </td>
      <td role="gridcell">
        {suggestion && confidence ? (
          <>
            <WorkTypeLozenge value={suggestion.workType} />
            <span className={`tr-confidence ${confidence.level}`}>{CONFIDENCE_SHORT[confidence.level]}</span>
            <span className="tr-reasons" data-testid="unclassified-reasons">
              {suggestion.reasons.join('; ')}
            </span>
          </>
        ) : (
          <span className="tr-meta">No suggestion: no rule matched. Choose with 1, 2 or 3.</span>
        )}
      </td>
      <td role="gridcell">
        <div className="tr-actions">
          {suggestion && (
            <button
              type="button"
              tabIndex={-1}
              disabled={row.saving}
              aria-label={`Accept ${suggestion.workType} for ${row.key}`}
              onClick={(event) => (event.stopPropagation(), handlers.onAccept(row))}
            >
              Accept
            </button>
          )}
          {/* Mouse only: from the keyboard, the row's own keys (Enter, 1, 2, 3) do the same without leaving the row. */}
          <select
            tabIndex={-1}
            aria-label={`Set the work type of ${row.key}`}
            disabled={row.saving}
            value=""
            onClick={(event) => event.stopPropagation()}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if ((WORK_TYPES as readonly string[]).includes(value)) handlers.onSet(row, value as WorkType);
            }}
          >
            <option value="">Set…</option>
            {WORK_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
      </td>
    </tr>
  );
});
