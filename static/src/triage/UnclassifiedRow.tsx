import { memo } from 'react';
import { router } from '@forge/bridge';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import { WorkTypeLozenge } from '../ui/WorkTypeLozenge';
import { confidenceInWords } from '../ui/format';
import type { QueueRow } from './use-unclassified-queue';
import type { RowHandlers } from './use-keyboard-queue';

const CONFIDENCE_SHORT = { high: 'high confidence', medium: 'medium confidence', low: 'low confidence' } as const;

/** Said on a row the person may browse but not edit, instead of controls that would only be refused. */
export const READ_ONLY_ROW = "You can see this issue but not edit it, so you can't set its work type.";

const openIssue = (issueKey: string) =>
  void router.navigate({ target: 'issue', issueKey }).catch((error: unknown) => console.warn('Upstream: could not open the issue', error));

export interface RowActions extends RowHandlers {
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
  handlers: RowActions;
}) {
  const { suggestion } = row;
  const confidence = suggestion ? confidenceInWords(suggestion.confidence) : null;
  const locked = row.saving || !row.canEdit;
  const reasonId = `unclassified-read-only-${row.key}`;
  const describedBy = row.canEdit ? undefined : reasonId;
  return (
    <tr
      role="row"
      className={`tr-row${focused ? ' tr-focused' : ''}${row.saving ? ' tr-saving' : ''}${row.canEdit ? '' : ' tr-read-only'}`}
      data-key={row.key}
      data-testid="unclassified-row"
      tabIndex={focused ? 0 : -1}
      aria-selected={selected}
      aria-busy={row.saving || undefined}
      aria-describedby={describedBy}
      onFocus={(event) => event.target === event.currentTarget && handlers.onFocusRow(row.key)}
      onClick={(event) => handlers.onRowClick(row.key, event)}
    >
      <td role="gridcell" className="tr-cell-check">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          disabled={locked}
          aria-label={`Select ${row.key}`}
          aria-describedby={describedBy}
          onClick={(event) => {
            event.stopPropagation();
            handlers.onToggle(row.key, event);
          }}
          onChange={() => undefined}
        />
      </td>
      <td role="gridcell" className="tr-cell-issue">
        <button type="button" className="tr-key" tabIndex={-1} onClick={(event) => (event.stopPropagation(), openIssue(row.key))}>
          {row.key}
        </button>
        <span className="tr-summary">{row.summary}</span>
        <span className="tr-meta">
          {row.issueType} · {row.status}
          {row.labels.length > 0 ? ` · ${row.labels.join(', ')}` : ''}
        </span>
        {row.saving && <span className="tr-meta">Saving…</span>}
        {!row.canEdit && (
          <span className="tr-meta" id={reasonId} data-testid="unclassified-read-only-reason">
            {READ_ONLY_ROW}
          </span>
        )}
        {row.refusal && (
          <span className="tr-refused" role="note" data-testid="unclassified-refusal">
            Not changed: {row.refusal}
          </span>
        )}
      </td>
      <td role="gridcell" className="tr-cell-suggestion">
        {suggestion && confidence ? (
          <>
            <WorkTypeLozenge value={suggestion.workType} />
            <span className={`tr-confidence ${confidence.level}`}>{CONFIDENCE_SHORT[confidence.level]}</span>
            <span className="tr-reasons" data-testid="unclassified-reasons">
              {suggestion.reasons.join('; ')}
            </span>
          </>
        ) : (
          <span className="tr-meta">No suggestion: no rule matched.{row.canEdit ? ' Choose with 1, 2 or 3.' : ''}</span>
        )}
      </td>
      <td role="gridcell" className="tr-cell-actions">
        <div className="tr-actions">
          {suggestion && (
            <button
              type="button"
              tabIndex={-1}
              disabled={locked}
              aria-label={`Accept ${suggestion.workType} for ${row.key}`}
              aria-describedby={describedBy}
              onClick={(event) => (event.stopPropagation(), handlers.onAccept(row))}
            >
              Accept
            </button>
          )}
          {/* Mouse only: from the keyboard, the row's own keys (Enter, 1, 2, 3) do the same without leaving the row. */}
          <select
            tabIndex={-1}
            aria-label={`Set the work type of ${row.key}`}
            aria-describedby={describedBy}
            disabled={locked}
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
