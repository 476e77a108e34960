/** What needs attention, in words: drift past the threshold, untriaged work, estimates missing. */
import type { ShapeWarningDto } from '../../../src/contract/sprint-shape';
import { formatPoints } from './segment-style';

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

function sentence(warning: ShapeWarningDto, threshold: number): string {
  switch (warning.kind) {
    case 'drift':
      return `${warning.workType} is ${formatPoints(warning.driftPoints)} points from target (more than ${threshold}).`;
    case 'unclassified':
      return `${warning.issueCount} ${warning.issueCount === 1 ? 'issue has' : 'issues have'} no work type (${warning.percent}% of the sprint): triage them for a true shape.`;
    case 'missing-estimates':
      return `${warning.issueCount} ${warning.issueCount === 1 ? 'issue has' : 'issues have'} no estimate and count as 0.`;
  }
}

export function ShapeWarnings({ warnings, threshold }: { warnings: ShapeWarningDto[]; threshold: number }) {
  if (warnings.length === 0) return null;
  return (
    <ul style={boxStyle} role="status" aria-label="Warnings" data-testid="sprint-shape-warnings">
      {warnings.map((warning) => (
        <li key={`${warning.kind}-${warning.kind === 'drift' ? warning.workType : ''}`}>⚠ {sentence(warning, threshold)}</li>
      ))}
    </ul>
  );
}
