/**
 * The numbers behind the bars, per segment: actual share and amount, target, and drift in percentage points
 * (of classified work), with drift past the threshold in the danger colour. Each row's name opens its issues.
 */
import { SHAPE_SEGMENTS, type ShapeSegment } from '../../../src/domain/sprint-shape';
import type { WorkType } from '../../../src/domain/work-type';
import type { ShapeBreakdownDto, TargetMixDto } from '../../../src/contract/sprint-shape';
import { TEXT, TEXT_SUBTLE, backgroundOf, formatPoints } from './segment-style';

interface DriftTableProps {
  measured: ShapeBreakdownDto;
  target: TargetMixDto;
  drift: Record<WorkType, number>;
  threshold: number;
  unit: (amount: number) => string;
  onOpenSegment: (segment: ShapeSegment) => void;
}

const cell = { padding: '2px 6px', textAlign: 'right', whiteSpace: 'nowrap' } as const;
const head = { ...cell, font: 'var(--ds-font-body-small, 400 11px/16px sans-serif)', color: TEXT_SUBTLE, fontWeight: 600 } as const;
const linkButton = {
  background: 'none',
  border: 'none',
  padding: 0,
  color: 'var(--ds-link, #0C66E4)',
  cursor: 'pointer',
  font: 'inherit',
  textAlign: 'left',
} as const;

export function DriftTable({ measured, target, drift, threshold, unit, onOpenSegment }: DriftTableProps) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', font: 'var(--ds-font-body, 400 14px/20px sans-serif)', color: TEXT }} data-testid="sprint-shape-table">
      <thead>
        <tr>
          <th style={{ ...head, textAlign: 'left' }}>Work type</th>
          <th style={head}>Actual</th>
          <th style={head}>Target</th>
          <th style={head} title="Share of classified work minus target, in percentage points">
            Drift
          </th>
        </tr>
      </thead>
      <tbody>
        {SHAPE_SEGMENTS.map((segment) => {
          const isType = segment !== 'Unclassified';
          const points = isType ? drift[segment] : null;
          const pastThreshold = points !== null && Math.abs(points) > threshold;
          return (
            <tr key={segment} data-testid={`sprint-shape-row-${segment}`}>
              <td style={{ ...cell, textAlign: 'left' }}>
                <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, marginRight: 6, background: backgroundOf(segment) }} />
                <button type="button" style={linkButton} onClick={() => onOpenSegment(segment)} title="Open these issues in Jira">
                  {segment}
                </button>
              </td>
              <td style={cell}>
                {measured.percents[segment]}% <span style={{ color: TEXT_SUBTLE }}>({unit(measured.amounts[segment])})</span>
              </td>
              <td style={cell}>{isType ? `${target[segment]}%` : '—'}</td>
              <td
                style={{ ...cell, fontWeight: pastThreshold ? 600 : 400, color: pastThreshold ? 'var(--ds-text-danger, #AE2E24)' : TEXT }}
                data-testid={isType ? `sprint-shape-drift-${segment}` : undefined}
              >
                {points === null ? '—' : `${formatPoints(points)} pp`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
