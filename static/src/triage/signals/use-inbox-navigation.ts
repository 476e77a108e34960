/**
 * Where the person is in the Inbox: the focused cluster row, the open cluster and the focused signal or similar
 * cluster inside it with the selected signals, and whether `m` is waiting for a digit. Both levels are cursors of
 * the keyboard queue (keyboard-queue.ts): `c:` + id for clusters; `s:` + id for signals and `m:` + id for similar
 * clusters inside the open one.
 */
import { useCallback, useMemo, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { ClusterSummary } from '../../../../src/contract/signals';
import type { ResolverCallError } from '../../api';
import { EMPTY_CURSOR, focusIndexOf, focusRow, type QueueCursor, type QueueRowFacts } from '../keyboard-queue';
import { useInboxFocus } from './use-inbox-focus';
import type { ClusterView } from './use-open-cluster';

export interface NavigationInput {
  rootRef: RefObject<HTMLElement>;
  clusters: readonly ClusterSummary[];
  view: ClusterView | null;
  canTriage: boolean;
  openId: string | null;
  setOpenId: Dispatch<SetStateAction<string | null>>;
  openLoading: boolean;
  openError: ResolverCallError | null;
  listLoading: boolean;
  /** Whether clusters in the list can be selected with x (to route many at once). */
  selectClusters?: boolean;
}

export function useInboxNavigation({ rootRef, clusters, view, canTriage, openId, setOpenId, openLoading, openError, listLoading, selectClusters = false }: NavigationInput) {
  const [listCursor, setListCursor] = useState<QueueCursor>(EMPTY_CURSOR);
  const [itemCursor, setItemCursor] = useState<QueueCursor>(EMPTY_CURSOR);
  const [mergeArmed, setMergeArmed] = useState(false);
  const clusterFacts = useMemo<QueueRowFacts[]>(() => clusters.map((c) => ({ key: `c:${c.id}`, selectable: selectClusters })), [clusters, selectClusters]);
  const itemFacts = useMemo<QueueRowFacts[]>(
    () =>
      view
        ? [
            ...view.signals.map((s) => ({ key: `s:${s.id}`, selectable: canTriage && !s.pending })),
            ...view.similar.map((m) => ({ key: `m:${m.cluster.id}`, selectable: false })),
          ]
        : [],
    [view, canTriage],
  );
  const listFocusKey = clusterFacts[focusIndexOf(listCursor, clusterFacts)]?.key ?? null;
  const itemFocusKey = itemFacts[focusIndexOf(itemCursor, itemFacts)]?.key ?? null;

  const { requestFocus, focusTick } = useInboxFocus({
    rootRef,
    clusterComing: openId !== null && (view === null || openLoading) && openError === null,
    listLoading,
    listFocusKey: listFocusKey ?? (clusters[0] ? `c:${clusters[0].id}` : null),
    shown: [clusters, view],
    onFirstItem: (key) => setItemCursor((c) => focusRow(c, itemFacts, key)),
  });

  const showCluster = useCallback(
    (clusterId: string | null, focusInside = false) => {
      setMergeArmed(false);
      setOpenId((current) => {
        if (current !== clusterId) setItemCursor(EMPTY_CURSOR);
        return clusterId;
      });
      if (clusterId === null) return;
      setListCursor((c) => ({ ...c, focusKey: `c:${clusterId}` }));
      requestFocus(focusInside ? `first:${clusterId}` : `c:${clusterId}`);
    },
    [requestFocus, setOpenId],
  );
  const closeCluster = useCallback(() => {
    const was = openId;
    setOpenId(null);
    setMergeArmed(false);
    setItemCursor(EMPTY_CURSOR);
    if (was) requestFocus(`c:${was}`);
  }, [openId, requestFocus, setOpenId]);

  return {
    listCursor,
    setListCursor,
    itemCursor,
    setItemCursor,
    mergeArmed,
    setMergeArmed,
    clusterFacts,
    itemFacts,
    listFocusKey,
    itemFocusKey,
    requestFocus,
    focusTick,
    showCluster,
    closeCluster,
  };
}
