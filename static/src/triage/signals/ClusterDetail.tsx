import Button from '@atlaskit/button/new';
import type { NotificationStateDto } from '../../../../src/contract/signals';
import type { ResolverCallError } from '../../api';
import { Loading } from '../../ui/Loading';
import { LazyErrorMessage } from '../../ui/LazyErrorMessage';
import { plural } from '../../ui/format';
import { VISUALLY_HIDDEN } from '../../ui/visually-hidden';
import { MERGE_PICKS } from './inbox-keys';
import { SignalRow, type SignalActions } from './SignalRow';
import { SimilarRow, type SimilarActions } from './SimilarRow';
import { NotificationProblems } from './NotificationState';
import type { ClusterView } from './use-open-cluster';
import { StartNoteFromCluster } from '../discovery/StartNoteFromCluster';

export interface DetailState {
  view: ClusterView | null;
  loading: boolean;
  error: ResolverCallError | null;
  onRetry: () => void;
  focusKey: string | null;
  isSelected: (key: string) => boolean;
  selectedCount: number;
  busyKeys: ReadonlySet<string>;
  canTriage: boolean;
  mergeArmed: boolean;
  /** Said once after a conflict reloaded the cluster, or after an action that needs the person to know. */
  notice: string | null;
  failure: { error: ResolverCallError; retry: () => void } | null;
  /** Who was told of the cluster's decision (decided tabs, for a triager): the deliveries that did not go out are listed. */
  notifications?: NotificationStateDto | null;
}

export interface DetailActions extends SignalActions, SimilarActions {
  onSplit: () => void;
  onNotSameSelected: () => void;
}

/** The open cluster: its signals and why each is here, then the clusters most like it. */
export function ClusterDetail({ state, actions }: { state: DetailState; actions: DetailActions }) {
  const { view, canTriage } = state;
  if (!view) {
    if (state.error) return <LazyErrorMessage error={state.error} onRetry={state.onRetry} />;
    return <Loading what="the cluster's signals" />;
  }
  const nothingSelected = state.selectedCount === 0;
  return (
    <div className="si-detail" data-testid="inbox-detail">
      {state.notice && (
        <p className="si-notice" role="status" data-testid="inbox-notice">
          {state.notice}
        </p>
      )}
      {state.failure && <LazyErrorMessage error={state.failure.error} onRetry={state.failure.retry} />}
      {state.notifications && <NotificationProblems state={state.notifications} />}
      {canTriage && (
        <div className="si-detail-bar" role="toolbar" aria-label={`Change “${view.cluster.title}”`}>
          <span aria-live="polite" data-testid="inbox-selected-count">
            {nothingSelected ? 'No signal selected (x selects)' : `${plural(state.selectedCount, 'signal')} selected`}
          </span>
          <span className="si-spacer" />
          <Button spacing="compact" onClick={actions.onSplit} testId="inbox-split">
            {nothingSelected ? 'Split the focused signal out (s)' : 'Split into a new cluster (s)'}
          </Button>
          <Button spacing="compact" onClick={actions.onNotSameSelected} testId="inbox-not-same-signals">
            Not the same (n)
          </Button>
          <StartNoteFromCluster clusterId={view.cluster.id} clusterTitle={view.cluster.title} />
        </div>
      )}
      {state.mergeArmed && (
        <p className="si-notice" role="status" data-testid="inbox-merge-armed">
          Merge “{view.cluster.title}” into which similar cluster? Press 1–{Math.min(MERGE_PICKS, view.similar.length)}; Esc cancels.
        </p>
      )}
      <table className="si-items" role="grid" aria-multiselectable={canTriage || undefined} aria-label={`Signals in “${view.cluster.title}”`} aria-busy={state.loading || undefined}>
        <thead>
          <tr role="row">
            {canTriage && (
              <th role="columnheader" className="si-cell-check">
                <span style={VISUALLY_HIDDEN}>Selected</span>
              </th>
            )}
            <th role="columnheader">{plural(view.signals.length, 'signal')}: who said what</th>
            <th role="columnheader">Category and why it is here</th>
            {canTriage && <th role="columnheader" className="si-cell-actions">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {view.signals.map((signal) => {
            const key = `s:${signal.id}`;
            return (
              <SignalRow
                key={signal.id}
                signal={signal}
                focused={state.focusKey === key}
                selected={state.isSelected(key)}
                canTriage={canTriage}
                busy={state.busyKeys.has(key)}
                actions={actions}
              />
            );
          })}
        </tbody>
      </table>
      <h3 className="si-subheading">Similar clusters</h3>
      {view.similar.length === 0 ? (
        <p className="si-meta" data-testid="inbox-no-similar">
          No other open cluster shares enough with this one.
        </p>
      ) : (
        <table className="si-items si-similar" role="grid" aria-label={`Clusters like “${view.cluster.title}”`}>
          <thead>
            <tr role="row">
              <th role="columnheader" className="si-cell-pick">
                <span style={VISUALLY_HIDDEN}>Pick with m then</span>
              </th>
              <th role="columnheader">Cluster</th>
              <th role="columnheader">How alike</th>
              {canTriage && <th role="columnheader" className="si-cell-actions">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {view.similar.map((similar, index) => {
              const key = `m:${similar.cluster.id}`;
              return (
                <SimilarRow
                  key={similar.cluster.id}
                  similar={similar}
                  index={index}
                  focused={state.focusKey === key}
                  canTriage={canTriage}
                  busy={state.busyKeys.has(key)}
                  actions={actions}
                />
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
