import { memo } from 'react';
import type { ClusterView } from './use-open-cluster';
import { formatMoney, plural } from '../../ui/format';
import { CategoryLozenge } from './CategoryLozenge';
import { similarityInWords } from './reasons';

export type SimilarCluster = ClusterView['similar'][number];

export interface SimilarActions {
  onFocusItem: (key: string) => void;
  onMerge: (similar: SimilarCluster) => void;
  onNotSameCluster: (similar: SimilarCluster) => void;
}

/** A cluster like the open one: how alike and why, with Merge and "Not the same". */
export const SimilarRow = memo(function SimilarRow({
  similar,
  index,
  focused,
  canTriage,
  busy,
  actions,
}: {
  similar: SimilarCluster;
  index: number;
  focused: boolean;
  canTriage: boolean;
  busy: boolean;
  actions: SimilarActions;
}) {
  const key = `m:${similar.cluster.id}`;
  const { cluster } = similar;
  return (
    <tr
      role="row"
      className={`si-item${focused ? ' si-focused' : ''}${busy ? ' si-busy' : ''}`}
      data-focus-key={key}
      data-place="similar"
      data-testid="inbox-similar"
      data-cluster-id={cluster.id}
      tabIndex={focused ? 0 : -1}
      aria-busy={busy || undefined}
      onFocus={(event) => event.target === event.currentTarget && actions.onFocusItem(key)}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('button')) return;
        (event.currentTarget as HTMLElement).focus();
      }}
    >
      <td role="gridcell" className="si-cell-pick">
        <kbd title={`m then ${index + 1} merges into this cluster`}>{index + 1}</kbd>
      </td>
      <td role="gridcell" className="si-cell-signal">
        <span className="si-title" data-testid="inbox-similar-title">
          {cluster.title}
        </span>{' '}
        <CategoryLozenge category={cluster.category} />
        <span className="si-meta">
          {plural(cluster.signalCount, 'signal')} · {plural(cluster.customerCount, 'customer')} · {formatMoney(cluster.arrTotal)} ARR
        </span>
      </td>
      <td role="gridcell" className="si-cell-why">
        <span className="si-reason" data-testid="inbox-similar-reason">
          {similarityInWords(similar)}
        </span>
      </td>
      {canTriage && (
        <td role="gridcell" className="si-cell-actions">
          <div className="si-actions">
            <button type="button" tabIndex={-1} disabled={busy} onClick={() => actions.onMerge(similar)} aria-label={`Merge into “${cluster.title}”`}>
              Merge
            </button>
            <button type="button" tabIndex={-1} disabled={busy} onClick={() => actions.onNotSameCluster(similar)} aria-label={`“${cluster.title}” is not the same`}>
              Not the same
            </button>
          </div>
        </td>
      )}
    </tr>
  );
});
