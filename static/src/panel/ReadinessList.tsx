import type { PanelContext } from './types';

type ReadinessItem = PanelContext['readiness'][number];

const MARK: Record<ReadinessItem['state'], { symbol: string; words: string }> = {
  done: { symbol: '✓', words: 'Done' },
  todo: { symbol: '', words: 'To do' },
  'not-yet-available': { symbol: '', words: 'Not available yet' },
};

/** "(the discovery notes feature)" in the item's detail names what will bring it; said as "Coming with …". */
function comingWith(detail: string): string {
  const feature = /\((the [^)]+)\)/.exec(detail)?.[1];
  return feature ? `Coming with ${feature}.` : detail;
}

/** What this issue still needs before it is ready to build, as the resolver judges it. */
export function ReadinessList({ items }: { items: PanelContext['readiness'] }) {
  return (
    <section className="up-section" aria-labelledby="panel-readiness-heading" data-testid="panel-readiness">
      <h3 id="panel-readiness-heading">Readiness</h3>
      <ul className="up-readiness">
        {items.map((item) => (
          <li key={item.key} data-testid={`readiness-${item.key}`} data-state={item.state}>
            <span className={`up-mark ${item.state}`} aria-hidden="true">
              {MARK[item.state].symbol}
            </span>
            <span>
              <span className={`up-label ${item.state}`}>
                {item.label}
                <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                  : {MARK[item.state].words}
                </span>
              </span>
              <br />
              <span className="up-subtlest">{item.state === 'not-yet-available' ? comingWith(item.detail) : item.detail}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
