/** What needs attention, in words: drift past the threshold, untriaged work, estimates missing (the server's list). */
import type { ShapeWarningDto } from '../../../src/contract/sprint-shape';
import type { Measure } from '../../../src/domain/sprint-shape';
import { warningSentence } from './shape-view-model';

const boxStyle = {
  borderLeft: '3px solid var(--ds-border-warning, #E56910)',
  background: 'var(--ds-background-warning, #FFF7D6)',
  color: 'var(--ds-text, #172B4D)',
  borderRadius: '3px',
  padding: '6px 10px',
  margin: 0,
  listStyle: 'none',
  display: 'grid',
  gap: '2px',
  font: 'var(--ds-font-body, 400 14px/20px sans-serif)',
} as const;

interface ShapeWarningsProps {
  warnings: ShapeWarningDto[];
  threshold: number;
  measure: Measure;
  /** The board's estimate, e.g. "Story Points", for "of the sprint's story points". */
  estimateName: string;
}

export function ShapeWarnings({ warnings, threshold, measure, estimateName }: ShapeWarningsProps) {
  if (warnings.length === 0) return null;
  return (
    <ul style={boxStyle} role="status" aria-label="Warnings" data-testid="sprint-shape-warnings">
      {warnings.map((warning) => (
        <li key={`${warning.kind}-${warning.kind === 'drift' ? warning.workType : ''}`} data-testid={`sprint-shape-warning-${warning.kind}`}>
          <span aria-hidden>⚠ </span>
          {warningSentence(warning, threshold, measure, estimateName)}
        </li>
      ))}
    </ul>
  );
}
