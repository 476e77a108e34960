/**
 * The last closed sprints' shapes as a compact stacked column chart (oldest left), with the target as tick
 * marks, so a drift that persists sprint after sprint shows as a pattern rather than a one-off.
 */
import { SHAPE_SEGMENTS } from '../../../src/domain/sprint-shape';
import type { Measure } from '../../../src/domain/sprint-shape';
import type { TargetMixDto, TrendPoint } from '../../../src/contract/sprint-shape';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { BORDER, TEXT_SUBTLE, backgroundOf } from './segment-style';

const CHART_HEIGHT = 72;

const measuredOf = (point: TrendPoint, measure: Measure) => (measure === 'estimate' && point.byEstimate && point.byEstimate.total > 0 ? point.byEstimate : point.byCount);

/** "PAY Sprint 20" → "Sprint 20": the board is already in the heading. */
const shortName = (name: string): string => name.replace(/^[A-Z][A-Z0-9_]+\s+/, '');

function TrendColumns({ points, measure, target }: { points: TrendPoint[]; measure: Measure; target: TargetMixDto }) {
  // Where the target's Innovative and Corrective shares end, from the top: the column's first two boundaries.
  const boundaries = [target.Innovative, target.Innovative + target.Corrective];
  return (
    <div style={{ display: 'grid', gridTemplateColumns: `repeat(${points.length}, minmax(0, 1fr))`, gap: '6px' }} role="list" aria-label="Shape of the last closed sprints">
      {points.map((point) => {
        const measured = measuredOf(point, measure);
        const description = SHAPE_SEGMENTS.map((segment) => `${segment} ${measured.percents[segment]}%`).join(', ');
        return (
          <div key={point.sprint.id} role="listitem" aria-label={`${point.sprint.name}: ${description}`} title={`${point.sprint.name}\n${description.replace(/, /g, '\n')}`} data-testid="sprint-shape-trend-column">
            <div style={{ position: 'relative', height: CHART_HEIGHT, display: 'flex', flexDirection: 'column', borderRadius: 3, overflow: 'hidden', border: `1px solid ${BORDER}` }}>
              {measured.total === 0 ? (
                <span style={{ margin: 'auto', fontSize: 11, color: TEXT_SUBTLE }}>empty</span>
              ) : (
                SHAPE_SEGMENTS.filter((segment) => measured.percents[segment] > 0).map((segment) => (
                  <span key={segment} style={{ flex: `${measured.percents[segment]} 0 0`, background: backgroundOf(segment) }} />
                ))
              )}
              {boundaries.map((top, index) => (
                <span key={index} aria-hidden style={{ position: 'absolute', left: 0, right: 0, top: `${top}%`, borderTop: '2px dashed var(--ds-surface, #FFFFFF)', opacity: 0.9 }} />
              ))}
            </div>
            <div style={{ fontSize: 11, lineHeight: '14px', color: TEXT_SUBTLE, textAlign: 'center', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {shortName(point.sprint.name)}
            </div>
          </div>
        );
      })}
    </div>
  );
}

export function SprintTrend({ boardId, measure, target }: { boardId: number; measure: Measure; target: TargetMixDto }) {
  const trend = useResolver('sprintShape.trend', { boardId });
  return (
    <section aria-label="Trend" data-testid="sprint-shape-trend" style={{ display: 'grid', gap: '4px' }}>
      <div style={{ font: 'var(--ds-font-body-small, 400 12px/16px sans-serif)', color: TEXT_SUBTLE, fontWeight: 600 }}>
        Last closed sprints <span style={{ fontWeight: 400 }}>(dashes: target)</span>
      </div>
      <Resolved result={trend} what="past sprints">
        {(data) =>
          data.points.length === 0 ? (
            <p style={{ margin: 0, fontSize: 12, color: TEXT_SUBTLE }}>No closed sprints yet: the trend starts when this board closes its first sprint.</p>
          ) : (
            <TrendColumns points={data.points} measure={measure} target={target} />
          )
        }
      </Resolved>
    </section>
  );
}
