import { memo, type ReactNode } from 'react';
import type { ClusterSummary } from '../../../../src/contract/signals';
import { formatMoney, plural, timeAgo } from '../../ui/format';
import { CategoryLozenge } from './CategoryLozenge';
import { RenameField } from './RenameField';

/** "2 Dec 2026, 14:05": the exact time behind a relative one, for the title (hover) and screen readers. */
export const exactTime = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

export function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {timeAgo(iso)}
    </time>
  );
}

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
      </tr>
      {open && (
        <tr className="si-detail-row">
          <td colSpan={5} id={detailId} data-open-cluster={cluster.id}>
            {detail}
          </td>
        </tr>
      )}
    </tbody>
  );
});
