import Lozenge from '@atlaskit/lozenge';
import { router } from '@forge/bridge';
import type { MySignal } from '../../../src/contract';
import { formatDate, timeAgo } from '../ui/format';

type Appearance = 'default' | 'inprogress' | 'moved' | 'removed' | 'success' | 'new';
const STATUS: Readonly<Record<MySignal['status'], { label: string; appearance: Appearance }>> = {
  new: { label: 'New', appearance: 'new' },
  parked: { label: 'Parked', appearance: 'moved' },
  routed: { label: 'Routed', appearance: 'inprogress' },
  declined: { label: 'Declined', appearance: 'removed' },
  shipped: { label: 'Shipped', appearance: 'success' },
};
const ROUTE_NAMES: Readonly<Record<string, string>> = {
  roadmap: 'the roadmap',
  'quick-fix': 'a quick fix',
  'parking-lot': 'the parking lot',
  declined: 'declined',
  duplicate: 'a duplicate',
};
const SOURCES: Readonly<Record<string, string>> = { slack: 'Slack', crm: 'CRM', hubspot: 'HubSpot', salesforce: 'Salesforce', zendesk: 'Zendesk', intercom: 'Intercom', csv: 'CSV upload', form: 'feedback form' };

function openIssue(issueKey: string) {
  void router.navigate({ target: 'issue', issueKey }).catch((error: unknown) => console.warn('Upstream: could not open the issue', error));
}

function IssueLink({ issueKey }: { issueKey: string }) {
  return (
    <a
      href={`/browse/${issueKey}`}
      className="ms-issue"
      onClick={(event) => {
        event.preventDefault();
        openIssue(issueKey);
      }}
    >
      {issueKey}
    </a>
  );
}

/** What happened to it, in a sentence: where it went, by whom and when, and what to expect next. */
function Outcome({ signal }: { signal: MySignal }) {
  const by = signal.decision ? `${signal.decision.decidedBy}${signal.decision.decidedAt ? `, ${formatDate(signal.decision.decidedAt)}` : ''}` : '';
  switch (signal.status) {
    case 'shipped':
      return (
        <p className="ms-outcome">
          Shipped {signal.shipped ? formatDate(signal.shipped.at) : ''}
          {signal.shipped?.issueKey ? (
            <>
              {' '}
              in <IssueLink issueKey={signal.shipped.issueKey} />
            </>
          ) : null}
          {signal.decision ? ` · routed to ${ROUTE_NAMES[signal.decision.route] ?? signal.decision.route} by ${by}` : ''}
        </p>
      );
    case 'routed':
      return (
        <p className="ms-outcome">
          Routed to {ROUTE_NAMES[signal.decision?.route ?? ''] ?? signal.decision?.route} by {by}
          {signal.issue ? (
            <>
              {' · '}
              <IssueLink issueKey={signal.issue.key} />{' '}
              {signal.issue.status ? <span className="ms-jira-status">{signal.issue.status.name}</span> : <span className="ms-muted">(you cannot see this issue in Jira)</span>}
            </>
          ) : (
            <span className="ms-muted"> · the Jira issue is being created</span>
          )}
        </p>
      );
    case 'declined':
      return <p className="ms-outcome">Declined by {by}</p>;
    case 'parked':
      return <p className="ms-outcome">Parked by {by}. It comes back to triage when more customers ask for it.</p>;
    default:
      return (
        <p className="ms-outcome">
          {signal.returnedFromParking ? 'Back in triage: new evidence brought it back from the parking lot.' : 'Waiting for a product lead to triage it.'}
        </p>
      );
  }
}

/** A sender's clock a little ahead of this one reads as "just now", not "in 16 minutes". */
const receivedNoLaterThanNow = (iso: string): string => (Date.parse(iso) > Date.now() ? new Date().toISOString() : iso);

export function SignalCard({ signal }: { signal: MySignal }) {
  const status = STATUS[signal.status];
  const rationale = signal.decision?.rationale && signal.status !== 'new' ? signal.decision.rationale : null;
  return (
    <li className="ms-card" data-testid="my-signal" data-status={signal.status}>
      <div className="ms-card-head">
        <Lozenge appearance={status.appearance} isBold={signal.status === 'shipped'}>
          {status.label}
        </Lozenge>
        <span className="ms-meta">
          {signal.customer} · {SOURCES[signal.source] ?? signal.source} · <time dateTime={signal.receivedAt} title={formatDate(signal.receivedAt)}>{timeAgo(receivedNoLaterThanNow(signal.receivedAt))}</time>
        </span>
      </div>
      <blockquote className="ms-words">{signal.text}</blockquote>
      <Outcome signal={signal} />
      {rationale && (
        <p className="ms-rationale">
          <span className="ms-rationale-label">Why: </span>
          {rationale}
        </p>
      )}
    </li>
  );
}
