/**
 * Pipeline health, below the triage page's counts: per month of signals received, the share a product lead has
 * decided (bars), the median time to that decision and to shipped, and parked clusters whose evidence has grown.
 * Collapsed until asked for, so the page's first paint costs nothing; the chart has the same numbers as a table
 * beside it for screen readers and for anyone who prefers reading them.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../../src/contract';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { Empty } from '../ui/Empty';
import './pipeline-health.css';

type Month = ResolverOutput<'triage.health'>['months'][number];

const monthName = (month: string): string => {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (m ?? 1) - 1, 1)).toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
};
const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)} %`);
const hours = (h: number | null): string => (h === null ? '—' : h < 48 ? `${h} h` : `${Math.round((h / 24) * 10) / 10} days`);
const days = (d: number | null): string => (d === null ? '—' : `${d} ${d === 1 ? 'day' : 'days'}`);

function Chart({ months }: { months: readonly Month[] }) {
  return (
    <div className="ph-chart" aria-hidden="true" data-testid="pipeline-health-chart">
      {months.map((m) => (
        <div key={m.month} className="ph-column">
          <div className="ph-bar-area">
            {m.decidedShare !== null && <div className="ph-bar" style={{ height: `${Math.round(m.decidedShare * 100)}%` }} />}
          </div>
          <span className="ph-bar-value">{percent(m.decidedShare)}</span>
          <span className="ph-bar-label">{monthName(m.month)}</span>
        </div>
      ))}
    </div>
  );
}

function HealthTable({ months }: { months: readonly Month[] }) {
  return (
    <table className="ph-table" data-testid="pipeline-health-table">
      <caption className="ph-caption">Pipeline health by month the signals arrived</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Signals</th>
          <th scope="col">Decided</th>
          <th scope="col">Median to decision</th>
          <th scope="col">Shipped</th>
          <th scope="col">Median to shipped</th>
          <th scope="col">Parked · grew since</th>
        </tr>
      </thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.month}>
            <th scope="row">{monthName(m.month)}</th>
            <td>{m.signals}</td>
            <td>
              {m.decided} ({percent(m.decidedShare)})
            </td>
            <td>{hours(m.medianHoursToDecision)}</td>
            <td>{m.shipped}</td>
            <td>{days(m.medianDaysToShipped)}</td>
            <td>
              {m.parked} · {m.parkedGrew}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HealthBody({ projectKey }: { projectKey: string }) {
  const result = useResolver('triage.health', { projectKey, months: 6 });
  return (
    <Resolved result={result} what="pipeline health">
      {({ months }) =>
        months.every((m) => m.signals === 0 && m.parked === 0) ? (
          <Empty title="No signals in the last six months">Pipeline health appears once signals arrive: connect Slack, a CRM or the feedback form on Upstream’s settings page.</Empty>
        ) : (
          <Stack space="space.150">
            <Text as="p" color="color.text.subtle">
              Bars: share of each month’s signals a product lead has decided. Parked · grew: clusters parked that month, and how many have gained signals or ARR since.
            </Text>
            <Chart months={months} />
            <HealthTable months={months} />
          </Stack>
        )
      }
    </Resolved>
  );
}

export default function PipelineHealth({ projectKey }: { projectKey: string }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="ph-section" aria-labelledby="pipeline-health-title" data-testid="pipeline-health">
      <Inline space="space.100" alignBlock="center">
        <h2 id="pipeline-health-title" className="ph-title">
          Pipeline health
        </h2>
        <Button appearance="subtle" spacing="compact" aria-expanded={open} aria-controls="pipeline-health-body" onClick={() => setOpen(!open)} testId="pipeline-health-toggle">
          {open ? 'Hide' : 'Show'}
        </Button>
      </Inline>
      <div id="pipeline-health-body" hidden={!open}>
        {open && <HealthBody projectKey={projectKey} />}
      </div>
    </section>
  );
}
