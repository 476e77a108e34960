/**
 * My signals (the app's global page): for whoever raised signals, each one and what became of it — new, parked,
 * routed where (with the Jira issue and its status), declined and why, shipped and when — with the product
 * lead's rationale. Whose signals is decided by the resolver from the signed-in account, never by this page.
 */
import { useState } from 'react';
import Heading from '@atlaskit/heading';
import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives';
import { MY_SIGNAL_STATUSES, type MySignalStatus } from '../../../src/contract/my-signals';
import type { SurfaceProps } from '../surface';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';
import { Loading } from '../ui/Loading';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { SignalCard } from './SignalCard';
import { useLiveSignals } from './use-live-signals';
import './my-signals.css';

const FILTER_LABELS: Readonly<Record<MySignalStatus | 'all', string>> = {
  all: 'All',
  new: 'New',
  parked: 'Parked',
  routed: 'Routed',
  declined: 'Declined',
  shipped: 'Shipped',
};

const EMPTY_FILTER: Readonly<Record<MySignalStatus, string>> = {
  new: 'None of your signals is waiting for triage.',
  parked: 'None of your signals is in the parking lot.',
  routed: 'None of your signals is routed to the roadmap or a quick fix right now.',
  declined: 'None of your signals was declined.',
  shipped: 'Nothing you raised has shipped yet. When an issue made from your signals is done, it shows here.',
};

function HowToRaise() {
  return (
    <Empty title="You have not raised any signals yet">
      When you hear something from a customer — a request, a pain point, a bug — send it to Upstream: post it in Slack
      with the Upstream shortcut, log it in your CRM (HubSpot or Salesforce), or use the feedback form your product lead
      shared. Each signal you raise shows up here, with what product decided and why, until it ships.
    </Empty>
  );
}

export default function MySignalsPage(_props: SurfaceProps) {
  const [status, setStatus] = useState<MySignalStatus | null>(null);
  const { live, reload, refresh, showMore } = useLiveSignals(status);
  return (
    <SurfaceLayout label="My signals">
      <Heading size="large" as="h1">
        My signals
      </Heading>
      <Text as="p" color="color.text.subtle">
        What became of each signal you raised. This page keeps itself up to date.
      </Text>
      <div className="ms-filters" role="group" aria-label="Show signals">
        {(['all', ...MY_SIGNAL_STATUSES] as const).map((filter) => {
          const pressed = (filter === 'all' ? null : filter) === status;
          const count = live.state === 'ready' ? live.counts[filter] : null;
          return (
            <button key={filter} type="button" className="ms-filter" aria-pressed={pressed} data-testid={`my-signals-filter-${filter}`} onClick={() => setStatus(filter === 'all' ? null : filter)}>
              {FILTER_LABELS[filter]}
              {count !== null && <span className="ms-count">{count}</span>}
            </button>
          );
        })}
      </div>
      {live.state === 'loading' && <Loading what="your signals" />}
      {live.state === 'error' && <LazyErrorMessage error={live.error} onRetry={reload} />}
      {live.state === 'ready' && (
        <>
          {live.counts.all === 0 ? (
            <HowToRaise />
          ) : live.signals.length === 0 ? (
            <Empty title={`No ${FILTER_LABELS[status ?? 'all'].toLowerCase()} signals`}>{status ? EMPTY_FILTER[status] : ''}</Empty>
          ) : (
            <ul className="ms-list" aria-label="Your signals">
              {live.signals.map((signal) => (
                <SignalCard key={signal.id} signal={signal} />
              ))}
            </ul>
          )}
          <Inline space="space.100" alignBlock="center" shouldWrap>
            {live.nextCursor && (
              <Button onClick={showMore} isLoading={live.loadingMore} testId="my-signals-more">
                Show more
              </Button>
            )}
            <Button appearance="subtle" onClick={refresh} testId="my-signals-refresh">
              Refresh
            </Button>
            <Text size="small" color="color.text.subtle">
              <span role="status" aria-live="polite" data-testid="my-signals-updated">
                Updated {live.refreshedAt.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
              </span>
            </Text>
          </Inline>
          {live.moreError && <LazyErrorMessage error={live.moreError} onRetry={showMore} />}
        </>
      )}
    </SurfaceLayout>
  );
}
