/**
 * The numbers behind the bars, per segment: the share of classified work beside its target and the drift
 * between them (so the row's own numbers subtract to its drift), then the share of the whole sprint, secondary.
 * The caption, above the numbers, says what drift is measured against. Each row's name opens its issues in Jira.
 */
import type { ShapeSegment } from '../../../src/domain/sprint-shape';
import { LINK_BUTTON_STYLE, TEXT, TEXT_SUBTLE, backgroundOf } from './segment-style';
import { formatAmount, formatPercent, formatPp, type DriftRow } from './shape-view-model';
import type { Measure } from '../../../src/domain/sprint-shape';
import './sprint-shape.css';

interface DriftTableProps {
  rows: DriftRow[];
  /** One line: what drift is measured against (shape-view-model's driftBasis). */
  basis: string;
  measure: Measure;
  onOpenSegment: (segment: ShapeSegment) => void;
}

const cell = { padding: '2px 6px', textAlign: 'right', whiteSpace: 'nowrap' } as const;
const head = { ...cell, font: 'var(--ds-font-body-small, 400 11px/16px sans-serif)', color: TEXT_SUBTLE, fontWeight: 600, verticalAlign: 'bottom' } as const;

export function DriftTable({ rows, basis, measure, onOpenSegment }: DriftTableProps) {
  return (
    <table style={{ margin: 0, width: '100%', borderCollapse: 'collapse', font: 'var(--ds-font-body, 400 14px/20px sans-serif)', color: TEXT }} data-testid="sprint-shape-table">
      <caption
        style={{ captionSide: 'top', textAlign: 'left', margin: 0, padding: '0 6px 4px', font: 'var(--ds-font-body-small, 400 12px/16px sans-serif)', color: TEXT_SUBTLE }}
        data-testid="sprint-shape-basis"
      >
        {basis}
      </caption>
      <thead>
        <tr>
          <th scope="col" style={{ ...head, textAlign: 'left' }}>
            Work type
          </th>
          <th scope="col" style={head}>
            Of classified
          </th>
          <th scope="col" style={head}>
            Target
          </th>
          <th scope="col" style={head}>
            Drift
          </th>
          <th scope="col" style={{ ...head, fontWeight: 400 }}>
            Of whole sprint
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.segment} data-testid={`sprint-shape-row-${row.segment}`} style={{ borderTop: '1px solid var(--ds-border, #091E4224)' }}>
            <th scope="row" style={{ ...cell, textAlign: 'left', fontWeight: 400 }}>
              <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, marginRight: 6, background: backgroundOf(row.segment) }} />
              <button type="button" className="ss-link" style={LINK_BUTTON_STYLE} onClick={() => onOpenSegment(row.segment)} title="Open these issues in Jira">
                {row.segment}
              </button>
            </th>
            <td style={{ ...cell, fontWeight: row.classifiedPercent === null ? 400 : 600 }} data-testid={`sprint-shape-classified-${row.segment}`}>
              {row.classifiedPercent === null ? '—' : formatPercent(row.classifiedPercent)}
            </td>
            <td style={cell} data-testid={`sprint-shape-target-${row.segment}`}>
              {row.targetPercent === null ? '—' : formatPercent(row.targetPercent)}
            </td>
            <td
              style={{ ...cell, fontWeight: row.pastThreshold ? 600 : 400, color: row.pastThreshold ? 'var(--ds-text-danger, #AE2E24)' : TEXT }}
              data-testid={`sprint-shape-drift-${row.segment}`}
            >
              {row.drift === null ? '—' : formatPp(row.drift)}
            </td>
            <td style={{ ...cell, color: TEXT_SUBTLE }} data-testid={`sprint-shape-sprint-share-${row.segment}`}>
              {formatPercent(row.sprintPercent)} · {formatAmount(row.amount, measure)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
