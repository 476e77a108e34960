import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import type { ResolverCallError } from '../../api';
import { Empty } from '../../ui/Empty';
import { LazyErrorMessage } from '../../ui/LazyErrorMessage';
import { plural } from '../../ui/format';
import { CATEGORY_LABELS, isSignalCategory } from './reasons';
import { INBOX_PAGE_SIZE, type InboxFilters } from './use-inbox';

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
        </colgroup>
        <thead>
          <tr role="row">
            <th role="columnheader">Cluster</th>
            <th role="columnheader">Signals</th>
            <th role="columnheader">Customers</th>
            <th role="columnheader">ARR</th>
            <th role="columnheader">Seen</th>
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

/** No cluster to show: what to do about it — clear the filters, or bring signals in. */
export function InboxEmpty({ projectKey, filters, onClearFilters }: { projectKey: string; filters: InboxFilters; onClearFilters: () => void }) {
  if (filters.category !== undefined || filters.customer !== undefined) {
    const parts = [
      filters.category && isSignalCategory(filters.category) ? `the category ${CATEGORY_LABELS[filters.category].toLowerCase()}` : null,
      filters.customer ? `a signal from “${filters.customer}”` : null,
    ].filter((p): p is string => p !== null);
    return (
      <Empty title="No clusters match these filters" action={<Button onClick={onClearFilters}>Clear the filters</Button>}>
        No open cluster in {projectKey} has {parts.join(' and ')}. The customer filter matches a customer’s exact name.
      </Empty>
    );
  }
  return (
    <Empty title="No signals to triage yet">
      Signals arrive from the tools sales and support use: a Jira admin connects Slack, HubSpot, Zendesk, Intercom or
      Salesforce on the Upstream settings page. You can also add one yourself with “Share a signal”, or bring a
      spreadsheet of feedback with “Import CSV”.
    </Empty>
  );
}
