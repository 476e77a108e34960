import { memo, type ReactNode } from 'react';
import type { ClusterDetails, ClusterSummary, RoutingDecisionDto } from '../../../../src/contract/signals';
import { formatMoney, plural } from '../../ui/format';
import { CategoryLozenge } from './CategoryLozenge';
import { ClusterDecision, Sparkline } from './ClusterDecision';
import { RenameField } from './RenameField';
import { When } from '../../ui/When';

export interface ClusterRowProps {
  cluster: ClusterSummary;
  focused: boolean;
  open: boolean;
  renaming: boolean;
  canTriage: boolean;
  onFocus: (clusterId: string) => void;
  onToggleOpen: (clusterId: string) => void;
  onRename: (clusterId: string) => void;
  /** Saves a new title: null when saved, else what to tell the person (the field keeps their text). */
  onRenameSave: (cluster: ClusterSummary, title: string) => Promise<string | null>;
  onRenameCancel: () => void;
  /** The open cluster's signals and similar clusters, shown in a row of their own under this one. */
  detail: ReactNode;
  projectKey: string;
  /** Its decision, trend and evidence since parking (from the tab's page). */
  details: ClusterDetails | undefined;
  /** Selectable with x to route many at once (the Inbox and the Parking lot, for a triager). */
  selectable: boolean;
  selected: boolean;
  onToggleSelect: (clusterId: string) => void;
  /** A retried Jira side's decision as it is now. */
  onDecision: (decision: RoutingDecisionDto) => void;
  /** The title of the cluster a duplicate went into, when it is loaded. */
  duplicateTitle?: string;
}

/** One cluster in the Inbox: its title, category and evidence; opened, its signals in a row below. */
export const ClusterRow = memo(function ClusterRow({
  cluster,
  focused,
  open,
  renaming,
  canTriage,
  onFocus,
  onToggleOpen,
  onRename,
  onRenameSave,
  onRenameCancel,
  detail,
  projectKey,
  details,
  selectable,
  selected,
  onToggleSelect,
  onDecision,
  duplicateTitle,
}: ClusterRowProps) {
  const detailId = `inbox-detail-${cluster.id}`;
  return (
    <tbody className={`si-cluster${open ? ' si-open' : ''}`} data-cluster-id={cluster.id}>
      <tr
        role="row"
        className={`si-cluster-row${focused ? ' si-focused' : ''}`}
        data-focus-key={`c:${cluster.id}`}
        data-place="cluster"
        data-testid="inbox-cluster"
        tabIndex={focused ? 0 : -1}
        aria-expanded={open}
        aria-controls={open ? detailId : undefined}
        aria-selected={selectable ? selected : undefined}
        onFocus={(event) => event.target === event.currentTarget && onFocus(cluster.id)}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('button, input, a')) return;
          onToggleOpen(cluster.id);
        }}
      >
        <td role="gridcell" className="si-cell-title">
          {renaming ? (
            <RenameField initial={cluster.title} onSave={(title) => onRenameSave(cluster, title)} onCancel={onRenameCancel} />
          ) : (
            <>
              {selectable && (
                <input
                  type="checkbox"
                  className="si-check"
                  tabIndex={-1}
                  checked={selected}
                  onChange={() => onToggleSelect(cluster.id)}
                  aria-label={`Select “${cluster.title}” to route it with others`}
                  data-testid="inbox-cluster-select"
                />
              )}
              <span className="si-twisty" aria-hidden="true">
                {open ? '▾' : '▸'}
              </span>
              <span className="si-title" data-testid="inbox-cluster-title">
                {cluster.title}
              </span>
              <CategoryLozenge category={cluster.category} />
              {canTriage && (
                <button type="button" className="si-inline-button" tabIndex={-1} onClick={() => onRename(cluster.id)} aria-label={`Rename “${cluster.title}”`}>
                  Rename
                </button>
              )}
              <ClusterDecision projectKey={projectKey} state={cluster.state} details={details} canTriage={canTriage} onDecision={onDecision} {...(duplicateTitle ? { duplicateTitle } : {})} />
            </>
          )}
        </td>
        <td role="gridcell" className="si-num" data-testid="inbox-cluster-signals">
          {plural(cluster.signalCount, 'signal')}
        </td>
        <td role="gridcell" className="si-num" data-testid="inbox-cluster-customers">
          {plural(cluster.customerCount, 'customer')}
        </td>
        <td role="gridcell" className="si-num" data-testid="inbox-cluster-arr">
          {formatMoney(cluster.arrTotal)}
          <span className="si-unit"> ARR</span>
        </td>
        <td role="gridcell" className="si-when">
          <span className="si-label">First </span>
          <When iso={cluster.firstSeenAt} />
          <br />
          <span className="si-label">Last </span>
          <When iso={cluster.lastSeenAt} />
        </td>
        <td role="gridcell" className="si-cell-trend">
          {details && <Sparkline trend={details.trend} />}
        </td>
      </tr>
      {open && (
        <tr className="si-detail-row">
          <td colSpan={6} id={detailId} data-open-cluster={cluster.id}>
            {detail}
          </td>
        </tr>
      )}
    </tbody>
  );
});
