/**
 * The last closed sprints' classified mix as a compact stacked column chart (oldest left), with the target as
 * dashes, so a drift that persists sprint after sprint shows as a pattern rather than a one-off. Columns use
 * the same basis as drift (shares of classified work); each sprint's unclassified share is written under it.
 * Every number is readable without hovering: drawn on the segments that fit one, in each segment's tooltip,
 * and in each column's text for screen readers.
 */
import type { Measure } from '../../../src/domain/sprint-shape';
import type { TargetMixDto, TrendPoint } from '../../../src/contract/sprint-shape';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { VISUALLY_HIDDEN } from '../ui/visually-hidden';
import { BORDER, MIN_LABELLED_PERCENT, PILL_STYLE, TEXT_SUBTLE, backgroundOf } from './segment-style';
import { formatPercent, trendColumn } from './shape-view-model';

const CHART_HEIGHT = 88;
/** A drawn number needs this much height; the pill is 14 px. */
const MIN_LABELLED_HEIGHT_PERCENT = Math.max(MIN_LABELLED_PERCENT, Math.ceil((16 / CHART_HEIGHT) * 100));

/** "PAY Sprint 20" → "Sprint 20": the board is already in the heading. */
const shortName = (name: string): string => name.replace(/^[A-Z][A-Z0-9_]+\s+/, '');

const small = { fontSize: 11, lineHeight: '14px', color: TEXT_SUBTLE, textAlign: 'center', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

function TrendColumns({ points, measure, target }: { points: TrendPoint[]; measure: Measure; target: TargetMixDto }) {
  // Where the target's Innovative and Corrective shares end, from the top: the column's first two boundaries.
  const boundaries = [target.Innovative, target.Innovative + target.Corrective];
  return (
    <ul
      style={{ display: 'grid', gridTemplateColumns: `repeat(${points.length}, minmax(0, 1fr))`, gap: '6px', margin: 0, padding: 0, listStyle: 'none', alignItems: 'start' }}
      aria-label="Mix of classified work in the last closed sprints"
    >
      {points.map((point) => {
        const column = trendColumn(point, measure, target);
        return (
          <li key={column.sprintId} data-testid="sprint-shape-trend-column" style={{ position: 'relative', margin: 0 }}>
            <span style={VISUALLY_HIDDEN} data-testid="sprint-shape-trend-description">
              {column.description}
            </span>
            <div
              aria-hidden
              style={{ position: 'relative', height: CHART_HEIGHT, display: 'flex', flexDirection: 'column', borderRadius: 3, overflow: 'hidden', border: `1px solid ${BORDER}` }}
            >
              {column.segments.length === 0 ? (
                <span style={{ margin: 'auto', ...small }}>{column.empty ? 'empty' : 'none classified'}</span>
              ) : (
                column.segments
                  .filter((segment) => segment.percent > 0)
                  .map((segment) => (
                    <span
                      key={segment.workType}
                      title={`${column.name}: ${segment.workType} ${formatPercent(segment.percent)} of classified work (target ${formatPercent(segment.target)})`}
                      data-testid={`sprint-shape-trend-segment-${segment.workType}`}
                      style={{ flex: `${segment.percent} 0 0`, background: backgroundOf(segment.workType), display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 0 }}
                    >
                      {segment.percent >= MIN_LABELLED_HEIGHT_PERCENT && <span style={{ ...PILL_STYLE, fontSize: 10, lineHeight: '13px', padding: '0 3px' }}>{segment.percent}</span>}
                    </span>
                  ))
              )}
              {column.segments.length > 0 &&
                boundaries.map((top, index) => (
                  <span key={index} style={{ position: 'absolute', left: 0, right: 0, top: `${top}%`, borderTop: '2px dashed var(--ds-surface, #FFFFFF)', opacity: 0.9 }} />
                ))}
            </div>
            <div aria-hidden style={small} title={column.name}>
              {shortName(column.name)}
            </div>
            <div aria-hidden style={{ ...small, height: 14 }}>
              {column.unclassifiedPercent > 0 && (
                <>
                  <span style={{ display: 'inline-block', width: 8, height: 8, marginRight: 3, borderRadius: 1, verticalAlign: 'baseline', background: backgroundOf('Unclassified') }} />
                  {formatPercent(column.unclassifiedPercent)}
                </>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function SprintTrend({ boardId, measure, target }: { boardId: number; measure: Measure; target: TargetMixDto }) {
  const trend = useResolver('sprintShape.trend', { boardId });
  return (
    <section aria-label="Trend" data-testid="sprint-shape-trend" style={{ display: 'grid', gap: '4px' }}>
      <div style={{ font: 'var(--ds-font-body-small, 400 12px/16px sans-serif)', color: TEXT_SUBTLE, fontWeight: 600 }}>
        Last closed sprints{' '}
        <span style={{ fontWeight: 400 }}>
          (% of classified work; dashes: target; <span aria-hidden>▨</span> unclassified)
        </span>
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
