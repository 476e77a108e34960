/**
 * The sprint's mix against its target as two stacked bars, one above the other, so each segment's length can
 * be compared with the target's at a glance. Each segment of the actual bar opens the issues behind it.
 */
import { SHAPE_SEGMENTS, type ShapeSegment } from '../../../src/domain/sprint-shape';
import type { ShapeBreakdownDto, TargetMixDto } from '../../../src/contract/sprint-shape';
import { BORDER, TARGET_OPACITY, TEXT_SUBTLE, backgroundOf } from './segment-style';

const BAR_HEIGHT = 20;

const rowStyle = { display: 'grid', gridTemplateColumns: '52px 1fr', alignItems: 'center', gap: '8px' } as const;
const barStyle = {
  display: 'flex',
  height: `${BAR_HEIGHT}px`,
  borderRadius: '4px',
  overflow: 'hidden',
  border: `1px solid ${BORDER}`,
  background: 'var(--ds-background-neutral, #091E420F)',
} as const;
const labelStyle = { font: 'var(--ds-font-body-small, 400 11px/16px sans-serif)', color: TEXT_SUBTLE } as const;

interface ShapeBarsProps {
  measured: ShapeBreakdownDto;
  target: TargetMixDto;
  /** What a segment is measured in, for its accessible name ("12 issues", "34 points"). */
  unit: (amount: number) => string;
  onOpenSegment: (segment: ShapeSegment) => void;
}

export function ShapeBars({ measured, target, unit, onOpenSegment }: ShapeBarsProps) {
  const targetPercents: Record<ShapeSegment, number> = { ...target, Unclassified: 0 };
  return (
    <div style={{ display: 'grid', gap: '4px' }} data-testid="sprint-shape-bars">
      <div style={rowStyle}>
        <span style={labelStyle}>Actual</span>
        <div style={barStyle} role="list" aria-label="Actual mix">
          {SHAPE_SEGMENTS.filter((segment) => measured.percents[segment] > 0).map((segment) => (
            <button
              key={segment}
              type="button"
              role="listitem"
              onClick={() => onOpenSegment(segment)}
              title={`${segment}: ${measured.percents[segment]}% (${unit(measured.amounts[segment])}). Open these issues in Jira.`}
              aria-label={`${segment} ${measured.percents[segment]}%, ${unit(measured.amounts[segment])}: open in Jira`}
              data-segment={segment}
              style={{
                flex: `${measured.percents[segment]} 0 0`,
                minWidth: '3px',
                border: 'none',
                padding: 0,
                cursor: 'pointer',
                background: backgroundOf(segment),
              }}
            />
          ))}
        </div>
      </div>
      <div style={rowStyle}>
        <span style={labelStyle}>Target</span>
        <div style={{ ...barStyle, height: `${BAR_HEIGHT / 2}px` }} role="list" aria-label="Target mix">
          {SHAPE_SEGMENTS.filter((segment) => targetPercents[segment] > 0).map((segment) => (
            <span
              key={segment}
              role="listitem"
              title={`${segment} target: ${targetPercents[segment]}%`}
              aria-label={`${segment} target ${targetPercents[segment]}%`}
              style={{ flex: `${targetPercents[segment]} 0 0`, background: backgroundOf(segment), opacity: TARGET_OPACITY }}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
