import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import type { ResolverCallError } from '../../api';
import { Empty } from '../../ui/Empty';
import { LazyErrorMessage } from '../../ui/LazyErrorMessage';
import { plural } from '../../ui/format';
import { CATEGORY_LABELS, isSignalCategory, sourceLabel } from './reasons';
import { INBOX_PAGE_SIZE, type InboxFilters, type TabState } from './use-inbox';

/** The clusters' table (each cluster a `ClusterRow`, passed as children) and "Load more" under it. */
export function ClusterList({
  projectKey,
  count,
  hasMore,
  loadingMore,
  loadMoreError,
  onLoadMore,
  children,
}: {
  projectKey: string;
  count: number;
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: ResolverCallError | null;
  onLoadMore: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <table className="si-clusters" role="grid" aria-label={`Signal clusters in ${projectKey}`} aria-describedby="inbox-keys" data-testid="inbox-grid">
        <colgroup>
          <col />
          <col className="si-c-num" />
          <col className="si-c-num" />
          <col className="si-c-arr" />
          <col className="si-c-when" />
          <col className="si-c-trend" />
        </colgroup>
        <thead>
          <tr role="row">
            <th role="columnheader">Cluster</th>
            <th role="columnheader">Signals</th>
            <th role="columnheader">Customers</th>
            <th role="columnheader">ARR</th>
            <th role="columnheader">Seen</th>
            <th role="columnheader">8 weeks</th>
          </tr>
        </thead>
        {children}
      </table>
      <div className="si-more">
        <span className="si-subtle" data-testid="inbox-total">
          Showing {plural(count, 'cluster')}
          {hasMore ? '; more below' : ''}
        </span>
        {hasMore && (
          <Button onClick={onLoadMore} isLoading={loadingMore} testId="inbox-load-more">
            Load {INBOX_PAGE_SIZE} more
          </Button>
        )}
      </div>
      {loadMoreError && <LazyErrorMessage error={loadMoreError} onRetry={onLoadMore} />}
    </>
  );
}

/** No cluster to show: what to do about it — clear the filters, bring signals in, or where clusters come from. */
export function InboxEmpty({ projectKey, filters, onClearFilters, state = 'new' }: { projectKey: string; filters: InboxFilters; onClearFilters: () => void; state?: TabState }) {
  if (filters.category !== undefined || filters.customer !== undefined || filters.source !== undefined || filters.age !== undefined || filters.text !== undefined) {
    const parts = [
      filters.category && isSignalCategory(filters.category) ? `the category ${CATEGORY_LABELS[filters.category].toLowerCase()}` : null,
      filters.customer ? `a signal from “${filters.customer}”` : null,
      filters.source ? `a signal from ${sourceLabel(filters.source)}` : null,
      filters.age ? `a signal in the last ${filters.age.slice(0, -1)} days` : null,
      filters.text ? `the words “${filters.text}”` : null,
    ].filter((p): p is string => p !== null);
    return (
      <Empty title="No clusters match these filters" action={<Button onClick={onClearFilters}>Clear the filters</Button>}>
        No {TAB_NOUN[state]} cluster in {projectKey} has {parts.join(' and ')}. The customer filter matches a customer’s exact name.
      </Empty>
    );
  }
  if (state === 'parked')
    return <Empty title="Nothing in the parking lot">Press p on a cluster in the Inbox to park it: it stays listed here, ranked, and comes back to the Inbox when new evidence crosses the threshold.</Empty>;
  if (state === 'routed')
    return <Empty title="Nothing routed yet">Press e (roadmap) or q (quick fix) on a cluster in the Inbox: it moves here with its Jira issue or epic.</Empty>;
  if (state === 'declined') return <Empty title="Nothing declined">Press d on a cluster in the Inbox to decline it with a reason; it is kept here, with the reason, for the people who raised it.</Empty>;
  return (
    <Empty title="No signals to triage yet">
      Signals arrive from the tools sales and support use: a Jira admin connects Slack, HubSpot, Zendesk, Intercom or
      Salesforce on the Upstream settings page. You can also add one yourself with “Share a signal”, or bring a
      spreadsheet of feedback with “Import CSV”.
    </Empty>
  );
}

const TAB_NOUN: Readonly<Record<TabState, string>> = { new: 'open', parked: 'parked', routed: 'routed', declined: 'declined' };
