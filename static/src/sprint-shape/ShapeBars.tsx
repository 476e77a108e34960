/**
 * The sprint's classified mix above its target, as two stacked bars on the same scale, so each segment's length
 * compares with the target's directly — the same comparison drift makes. Work with no work type is not in
 * either bar (it says nothing about the mix); it is a line of its own below, which opens those issues. Each
 * segment of the classified bar opens the issues behind it.
 */
import type { ShapeSegment } from '../../../src/domain/sprint-shape';
import { WORK_TYPES } from '../../../src/domain/work-type';
import type { TargetMixDto } from '../../../src/contract/sprint-shape';
import { BORDER, LINK_BUTTON_STYLE, MIN_LABELLED_PERCENT, PILL_STYLE, TARGET_OPACITY, TEXT_SUBTLE, backgroundOf } from './segment-style';
import { formatAmount, formatPercent, type ShownMeasure } from './shape-view-model';
import './sprint-shape.css';

const BAR_HEIGHT = 22;
const TARGET_HEIGHT = 16;

const rowStyle = { display: 'grid', gridTemplateColumns: '64px 1fr', alignItems: 'center', gap: '8px' } as const;
const barStyle = {
  display: 'flex',
  height: `${BAR_HEIGHT}px`,
  borderRadius: '4px',
  overflow: 'hidden',
  border: `1px solid ${BORDER}`,
  background: 'var(--ds-background-neutral, #091E420F)',
} as const;
const labelStyle = { font: 'var(--ds-font-body-small, 400 11px/16px sans-serif)', color: TEXT_SUBTLE } as const;
const centred = { display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' } as const;
const linkButton = {
  ...LINK_BUTTON_STYLE,
  font: 'var(--ds-font-body-small, 400 12px/16px sans-serif)',
  display: 'inline-flex',
  alignItems: 'center',
  gap: '6px',
} as const;

interface ShapeBarsProps {
  shown: ShownMeasure;
  target: TargetMixDto;
  onOpenSegment: (segment: ShapeSegment) => void;
}

export function ShapeBars({ shown, target, onOpenSegment }: ShapeBarsProps) {
  const { breakdown, measure } = shown;
  const classified = breakdown.classified;
  const unclassified = breakdown.amounts.Unclassified;
  return (
    <div style={{ display: 'grid', gap: '4px' }} data-testid="sprint-shape-bars">
      <div style={rowStyle}>
        <span style={labelStyle}>Classified</span>
        {classified.total > 0 ? (
          <div style={barStyle} role="list" aria-label="Mix of classified work">
            {WORK_TYPES.filter((type) => classified.percents[type] > 0).map((type) => {
              const percent = classified.percents[type];
              const name = `${type} ${formatPercent(percent)} of classified work, ${formatAmount(breakdown.amounts[type], measure)}`;
              return (
                // The list item holds the button, so the segment is both a list entry and a real button.
                <span key={type} role="listitem" style={{ display: 'flex', flex: `${percent} 0 0`, minWidth: '3px' }}>
                  <button
                    type="button"
                    onClick={() => onOpenSegment(type)}
                    title={`${name}. Open these issues in Jira.`}
                    aria-label={`${name}: open in Jira`}
                    data-segment={type}
                    className="ss-segment"
                    style={{ ...centred, flex: '1 1 auto', border: 'none', padding: 0, cursor: 'pointer', background: backgroundOf(type) }}
                  >
                    {percent >= MIN_LABELLED_PERCENT && (
                      <span aria-hidden style={PILL_STYLE}>
                        {formatPercent(percent)}
                      </span>
                    )}
                  </button>
                </span>
              );
            })}
          </div>
        ) : (
          <div style={{ ...barStyle, ...centred, ...labelStyle }}>Nothing classified yet</div>
        )}
      </div>
      <div style={rowStyle}>
        <span style={labelStyle}>Target</span>
        <div style={{ ...barStyle, height: `${TARGET_HEIGHT}px` }} role="list" aria-label="Target mix">
          {WORK_TYPES.filter((type) => target[type] > 0).map((type) => (
            <span
              key={type}
              role="listitem"
              title={`${type} target: ${formatPercent(target[type])}`}
              aria-label={`${type} target ${formatPercent(target[type])}`}
              style={{ ...centred, position: 'relative', flex: `${target[type]} 0 0` }}
            >
              {/* Faded on a layer of its own, so the number on it keeps full contrast. */}
              <span aria-hidden style={{ position: 'absolute', inset: 0, background: backgroundOf(type), opacity: TARGET_OPACITY }} />
              {target[type] >= MIN_LABELLED_PERCENT && (
                <span aria-hidden style={{ ...PILL_STYLE, position: 'relative', fontSize: 10, lineHeight: '12px' }}>
                  {formatPercent(target[type])}
                </span>
              )}
            </span>
          ))}
        </div>
      </div>
      {unclassified > 0 && (
        <div style={rowStyle}>
          <span />
          <span>
            <button
              type="button"
              style={linkButton}
              className="ss-link"
              onClick={() => onOpenSegment('Unclassified')}
              data-segment="Unclassified"
              title="Open the issues with no work type in Jira"
              data-testid="sprint-shape-unclassified-link"
            >
              <span aria-hidden style={{ display: 'inline-block', width: 14, height: 10, borderRadius: 2, background: backgroundOf('Unclassified'), border: `1px solid ${BORDER}` }} />
              {formatAmount(unclassified, measure)} with no work type ({formatPercent(breakdown.percents.Unclassified)} of the sprint): not in the mix
            </button>
          </span>
        </div>
      )}
    </div>
  );
}
