import { useState } from 'react';
import { router } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { ClusterDetails, RoutingDecisionDto } from '../../../../src/contract/signals';
import { callResolver, asResolverCallError } from '../../api';
import { formatMoney, plural } from '../../ui/format';
import { When } from '../../ui/When';
import { routeLabel } from './route-words';
import { NotificationSummary } from './NotificationState';

/** Signals per week as a small bar chart; the numbers themselves are its text alternative. */
export function Sparkline({ trend }: { trend: readonly number[] }) {
  const max = Math.max(1, ...trend);
  const total = trend.reduce((a, b) => a + b, 0);
  const words = `${plural(total, 'signal')} in the last ${trend.length} weeks, per week oldest first: ${trend.join(', ')}`;
  const width = 6;
  const gap = 2;
  const height = 20;
  return (
    <span className="si-trend" data-testid="inbox-cluster-trend" title={words}>
      <svg role="img" aria-label={words} width={trend.length * (width + gap)} height={height} viewBox={`0 0 ${trend.length * (width + gap)} ${height}`}>
        {trend.map((n, i) => {
          const h = n === 0 ? 1 : Math.max(3, Math.round((n / max) * height));
          return <rect key={i} x={i * (width + gap)} y={height - h} width={width} height={h} rx={1} className={n === 0 ? 'si-trend-zero' : 'si-trend-bar'} />;
        })}
      </svg>
    </span>
  );
}

/** Jira's own page for an issue, opened by the host (a Custom UI frame cannot navigate Jira itself). */
function IssueLink({ issueKey }: { issueKey: string }) {
  return (
    <a
      href={`/browse/${issueKey}`}
      className="si-issue-link"
      data-testid="decision-issue-key"
      onClick={(event) => {
        event.preventDefault();
        void router.open(`/browse/${issueKey}`).catch((error: unknown) => console.error('Upstream: opening the issue failed', error));
      }}
    >
      {issueKey}
    </a>
  );
}

/** The Jira side of a decision: pending until the outbox has done it, the issue once done, why and Retry when it failed. */
function JiraSide({ projectKey, decision, canTriage, onDecision }: { projectKey: string; decision: RoutingDecisionDto; canTriage: boolean; onDecision: (d: RoutingDecisionDto) => void }) {
  const [retrying, setRetrying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { jira } = decision;
  if (jira.state === 'none') return null;
  const retry = async () => {
    setRetrying(true);
    setProblem(null);
    try {
      onDecision((await callResolver('signals.retryRoute', { projectKey, clusterId: decision.clusterId })).decision);
    } catch (caught: unknown) {
      setProblem(asResolverCallError(caught).message);
    } finally {
      setRetrying(false);
    }
  };
  return (
    <span className="si-jira-side" data-testid="decision-jira" data-state={jira.state}>
      {jira.state === 'pending' && (
        <>
          <Lozenge appearance="inprogress">Jira: pending</Lozenge> <span className="si-subtle">{jira.issueKey ? <IssueLink issueKey={jira.issueKey} /> : 'the issue is being created or linked'}</span>
        </>
      )}
      {jira.state === 'done' && (
        <>
          <Lozenge appearance="success">Jira: done</Lozenge> {jira.issueKey && <IssueLink issueKey={jira.issueKey} />}
        </>
      )}
      {jira.state === 'failed' && (
        <>
          <Lozenge appearance="removed">Jira: failed</Lozenge> <span className="si-jira-error">{jira.error}</span>{' '}
          {canTriage ? (
            <Button appearance="warning" spacing="compact" onClick={() => void retry()} isLoading={retrying} testId="decision-retry">
              Retry
            </Button>
          ) : (
            <span className="si-subtle">Someone who may triage can retry it.</span>
          )}
          {problem && (
            <span className="si-field-error" role="alert">
              {problem}
            </span>
          )}
        </>
      )}
    </span>
  );
}

/** "+2 signals of 3, +$20,000 of $50,000 ARR since parking": what brings a parked cluster back, and how near it is. */
function sinceParkingWords(since: NonNullable<ClusterDetails['sinceParking']>): string {
  const parts: string[] = [];
  if (since.thresholds.newSignals > 0) parts.push(`${since.signals > 0 ? '+' : ''}${plural(since.signals, 'new signal')} of ${since.thresholds.newSignals}`);
  if (since.thresholds.addedArr > 0) parts.push(`${since.arr > 0 ? '+' : ''}${formatMoney(since.arr)} of ${formatMoney(since.thresholds.addedArr)} ARR`);
  return parts.length === 0 ? 'No threshold is set: it stays parked until someone routes it.' : `Since parking: ${parts.join(', ')}`;
}

/**
 * Under a cluster's title: where it went, why, who and when (Routed, Declined, Parking lot), the Jira side, who
 * was told of it (for those who may triage), and for a parked cluster (or one back in the Inbox from the parking
 * lot) the evidence gained since parking.
 */
export function ClusterDecision({
  projectKey,
  state,
  details,
  canTriage,
  duplicateTitle,
  onDecision,
}: {
  projectKey: string;
  state: string;
  details: ClusterDetails | undefined;
  canTriage: boolean;
  duplicateTitle?: string;
  onDecision: (d: RoutingDecisionDto) => void;
}) {
  const decision = details?.decision ?? null;
  const since = details?.sinceParking ?? null;
  if (state === 'new') {
    if (!decision || decision.route !== 'parking-lot' || !since) return null;
    return (
      <div className="si-decision" data-testid="inbox-back-from-parking">
        <Lozenge appearance="moved" isBold>
          Back from the parking lot
        </Lozenge>{' '}
        <span>{sinceParkingWords(since)}</span>
        <span className="si-subtle">
          {' '}
          · parked by {decision.by} <When iso={decision.at} />: “{decision.rationale}”
        </span>
      </div>
    );
  }
  if (!decision) return null;
  return (
    <div className="si-decision" data-testid="inbox-decision" data-route={decision.route}>
      <span className="si-decision-route">{routeLabel(decision.route)}</span>
      {decision.route === 'duplicate' && duplicateTitle && <span> of “{duplicateTitle}”</span>}
      <span className="si-decision-why" data-testid="decision-rationale">
        {' '}
        {state === 'declined' ? 'Reason: ' : ''}“{decision.rationale}”
      </span>
      <span className="si-subtle">
        {' '}
        — {decision.by}, <When iso={decision.at} />
      </span>
      {state === 'parked' && since && (
        <span className="si-since-parking" data-testid="decision-since-parking">
          {sinceParkingWords(since)}
        </span>
      )}
      <JiraSide projectKey={projectKey} decision={decision} canTriage={canTriage} onDecision={onDecision} />
      {details?.notifications && <NotificationSummary state={details.notifications} />}
    </div>
  );
}
