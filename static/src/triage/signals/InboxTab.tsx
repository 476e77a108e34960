import { Suspense, lazy, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ResolverOutput } from '../../../../src/contract';
import type { ClusterSummary, InboxSignal, TabCounts } from '../../../../src/contract/signals';
import type { SignalCategory, SignalRoute } from '../../../../src/domain/signals';
import { useAnnouncer } from '../../ui/Announcer';
import { Loading } from '../../ui/Loading';
import { LazyErrorMessage } from '../../ui/LazyErrorMessage';
import { plural } from '../../ui/format';
import { EMPTY_CURSOR, clearSelection, focusRow, moveFocus, targetsOf, toggleRow } from '../keyboard-queue';
import { ClusterDetail, type DetailActions } from './ClusterDetail';
import { ClusterRow } from './ClusterRow';
import { ClusterList, InboxEmpty } from './ClusterList';
import { InboxDialogs, type InboxDialog } from './InboxDialogs';
import { InboxHelp } from './InboxHelp';
import { InboxToolbar } from './InboxToolbar';
import { inboxCommandForKey, type InboxCommand, type InboxPlace } from './inbox-keys';
import { isSignalCategory } from './reasons';
import { useClusterChanges } from './use-cluster-changes';
import { useInbox, type InboxFilters, type TabState } from './use-inbox';
import { routeLabel } from './route-words';
import { signalInWords } from './signal-words';
import { useInboxNavigation } from './use-inbox-navigation';
import { useOpenCluster } from './use-open-cluster';
import './inbox.css';

// The routing dialog is its own chunk, fetched the first time a route's key is pressed.
const RouteDialog = lazy(() => import('./RouteDialog'));

/** The tabs that list clusters, and the cluster state each lists. */
export type ClusterTab = 'inbox' | 'parking' | 'routed' | 'declined';
const STATE_OF_TAB: Readonly<Record<ClusterTab, TabState>> = { inbox: 'new', parking: 'parked', routed: 'routed', declined: 'declined' };
const TAB_NAMES: Readonly<Record<ClusterTab, string>> = { inbox: 'Inbox', parking: 'Parking lot', routed: 'Routed', declined: 'Declined' };
type Decided = ResolverOutput<'signals.route'>['results'][number];

const readOnlyNote = (projectKey: string) =>
  `You can read the Inbox but not change its clusters: merging, splitting, renaming and categorising need the Administer Projects permission in ${projectKey}. Ask a ${projectKey} project admin if you need it.`;

const isTextField = (target: HTMLElement): boolean =>
  target.tagName === 'SELECT' ||
  target.tagName === 'TEXTAREA' ||
  target.isContentEditable ||
  (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio');

/**
 * The signal Inbox: clusters of what customers said, strongest evidence first; open one (Enter) to see every
 * signal with its category and why it is in the cluster, and the clusters most like it; fix the grouping from
 * the keyboard (inbox-keys.ts). The open cluster expands under its row rather than in a side panel: the list
 * stays one column (readable in a narrow project page), the person keeps their place, and Escape puts the focus
 * back on the row it left. Loaded only while the tab is shown.
 */
export default function InboxTab({ projectKey, tab = 'inbox', onCounts }: { projectKey: string; tab?: ClusterTab; onCounts?: (counts: TabCounts) => void }) {
  const [filters, setFilters] = useState<InboxFilters>({ sort: 'evidence' });
  const inbox = useInbox(projectKey, filters, STATE_OF_TAB[tab], onCounts);
  /** The dialog's route and clusters; with `signal`, that one signal of the (one) open cluster. */
  const [routing, setRouting] = useState<{ route: SignalRoute; targets: ClusterSummary[]; signal?: InboxSignal } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = useOpenCluster(projectKey, openId);
  const { region, announce } = useAnnouncer();
  const rootRef = useRef<HTMLDivElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<InboxDialog>(null);

  const clusters = inbox.data?.clusters ?? [];
  const canTriage = inbox.data?.canTriage ?? false;
  /** Routing keys work where undecided clusters are: the Inbox and the Parking lot. */
  const routable = tab === 'inbox' || tab === 'parking';
  const view = open.view;
  const nav = useInboxNavigation({
    rootRef,
    clusters,
    view,
    canTriage,
    openId,
    setOpenId,
    openLoading: open.loading,
    openError: open.error,
    listLoading: inbox.loading && !inbox.error,
    selectClusters: routable && canTriage,
  });
  const { listCursor, setListCursor, itemCursor, setItemCursor, mergeArmed, setMergeArmed, clusterFacts, itemFacts, listFocusKey, itemFocusKey } = nav;
  const { requestFocus, focusTick, showCluster, closeCluster } = nav;

  const changes = useClusterChanges({ projectKey, inbox, open, announce, requestFocus, itemFacts, setItemCursor, showCluster });

  const mayChange = (): boolean => {
    if (!canTriage) announce(readOnlyNote(projectKey));
    return canTriage;
  };

  /** The signals an action applies to: the selection, else the focused signal (saying why when it cannot be). */
  const targetSignals = (): InboxSignal[] => {
    if (!view) return [];
    const { keys, blocked } = targetsOf(itemCursor, itemFacts);
    if (blocked?.startsWith('s:')) announce('This signal is still being clustered; wait a moment before changing it.');
    const chosen = new Set(keys);
    return view.signals.filter((s) => chosen.has(`s:${s.id}`));
  };

  const moveOut = (notSame: boolean, signals = targetSignals()) => {
    if (!view || !mayChange()) return;
    if (signals.length === 0) return announce('Move to a signal, or select some with x, first.');
    if (signals.length === view.signals.length) return announce('That would take every signal out and leave this cluster empty: select fewer.');
    changes.moveOut(view, signals, notSame);
  };

  const acceptSuggestions = (signals: InboxSignal[]) => {
    const withSuggestion = signals.filter((s) => s.categorySource === 'suggested' && isSignalCategory(s.category));
    if (withSuggestion.length === 0) return announce('No suggested category to accept here: press 1 to 5 to choose one.');
    changes.setCategories(withSuggestion, (s) => s.category as SignalCategory, true);
  };

  const similarAt = (index: number) => view?.similar[index];
  const focusedSimilar = () => (itemFocusKey?.startsWith('m:') ? view?.similar.find((m) => `m:${m.cluster.id}` === itemFocusKey) : undefined);

  const mergeInto = (index?: number) => {
    if (!view || !mayChange()) return;
    const target = index === undefined ? focusedSimilar() : similarAt(index);
    if (!target) return announce(index === undefined ? 'Move to a similar cluster first.' : `There is no similar cluster ${index + 1}.`);
    changes.merge(view, target);
  };

  /** The clusters a route key applies to: the open one (inside it), else the selected ones, else the focused one. */
  const routeTargets = (level: 'list' | 'cluster'): ClusterSummary[] => {
    if (level === 'cluster') {
      const openCluster = clusters.find((c) => c.id === openId);
      return openCluster ? [openCluster] : [];
    }
    const { keys } = targetsOf(listCursor, clusterFacts);
    const chosen = new Set(keys.map((k) => k.slice(2)));
    return clusters.filter((c) => chosen.has(c.id));
  };

  const startRouting = (route: SignalRoute, level: 'list' | 'cluster') => {
    if (!routable) return announce(`Clusters in ${TAB_NAMES[tab]} are decided already: only the Inbox and the Parking lot are routed from the keyboard.`);
    if (!mayChange()) return;
    const targets = routeTargets(level);
    if (targets.length === 0) return announce('Move to a cluster, or select some with x, first.');
    if (targets.length > 50) return announce(`Route at most 50 clusters at once: ${targets.length} are selected.`);
    setRouting({ route, targets });
  };

  /** One signal of the open cluster, on its own: the focused one (from a key), or the row's (its Route… button). */
  const startRoutingSignal = (route: SignalRoute, chosen?: InboxSignal) => {
    if (!routable) return announce(`Clusters in ${TAB_NAMES[tab]} are decided already: only the Inbox and the Parking lot are routed from the keyboard.`);
    if (!view || !mayChange()) return;
    const signal = chosen ?? view.signals.find((s) => `s:${s.id}` === itemFocusKey);
    if (!signal) return announce('Move to a signal first.');
    if (signal.pending) return announce('This signal is still being clustered; wait a moment before routing it.');
    setRouting({ route, targets: [view.cluster], signal });
  };

  /**
   * One signal was routed: it left the open cluster for a cluster of its own (on the tab of its route now). The
   * open cluster and the list are read again, and the focus goes to the signal that took its place.
   */
  const afterRoutedSignal = (decided: Decided, signal: InboxSignal) => {
    const route = decided.decision?.route ?? '';
    const pending = decided.decision?.jira.state === 'pending';
    const whole = decided.clusterId === openId;
    const tabName = route === 'parking-lot' ? 'the Parking lot' : route === 'declined' ? 'Declined' : route === 'duplicate' ? 'the cluster it duplicates' : 'Routed';
    setItemCursor((c) => ({ ...c, selected: new Set([...c.selected].filter((k) => k !== `s:${signal.id}`)) }));
    if (whole) {
      // The only signal: its cluster was routed as it is, and leaves this tab.
      afterRouted([decided]);
      return;
    }
    announce(`${signalInWords(signal, 40)} routed to ${routeLabel(route)} as a cluster of its own: see it in ${tabName}.${pending ? ' Its Jira side is pending.' : ''}`);
    void open.reload().then((now) => {
      if (!now) return;
      // The row that took the routed signal's place (the next one, or the last when it was last).
      const index = view?.signals.findIndex((s) => s.id === signal.id) ?? 0;
      const next = now.signals[Math.min(Math.max(index, 0), now.signals.length - 1)];
      if (next) {
        setItemCursor((c) => ({ ...c, focusKey: `s:${next.id}`, lastIndex: Math.max(index, 0) }));
        requestFocus(`s:${next.id}`);
      } else if (openId) requestFocus(`c:${openId}`);
    });
    void inbox.refresh();
  };

  const afterRouted = (decided: readonly Decided[]) => {
    const ids = decided.map((d) => d.clusterId);
    const titles = decided.map((d) => clusters.find((c) => c.id === d.clusterId)?.title).filter((t): t is string => Boolean(t));
    const route = decided[0]?.decision?.route ?? '';
    if (openId && ids.includes(openId)) setOpenId(null);
    setListCursor((c) => ({ ...c, selected: new Set([...c.selected].filter((k) => !ids.includes(k.slice(2)))) }));
    inbox.remove(ids);
    const pending = decided.some((d) => d.decision?.jira.state === 'pending');
    announce(
      `${titles.length === 1 ? `“${titles[0]}”` : plural(decided.length, 'cluster')} routed to ${routeLabel(route)}.${pending ? ' Its Jira side is pending: see it in Routed.' : ''}`,
    );
    // The counts on every tab follow (a quiet reload of the first page).
    void inbox.refresh();
  };

  function run(command: InboxCommand, level: 'list' | 'cluster'): boolean {
    switch (command.type) {
      case 'route':
        if (command.signal) startRoutingSignal(command.route);
        else startRouting(command.route, level);
        return true;
      case 'move':
        if (level === 'list') {
          const next = moveFocus(listCursor, clusterFacts, command.delta, false);
          setListCursor(next);
          if (next.focusKey) requestFocus(next.focusKey);
        } else {
          const next = moveFocus(itemCursor, itemFacts, command.delta, command.extend && canTriage);
          setItemCursor(next);
          if (next.focusKey) requestFocus(next.focusKey);
        }
        return true;
      case 'open': {
        const id = listFocusKey?.slice(2);
        if (id) showCluster(id, true);
        return Boolean(id);
      }
      case 'open-similar': {
        const similar = focusedSimilar();
        if (!similar) return false;
        if (!clusters.some((c) => c.id === similar.cluster.id)) announce(`“${similar.cluster.title}” is further down the list: load more to reach it.`);
        else showCluster(similar.cluster.id, true);
        return true;
      }
      case 'close':
        if (!openId) return false;
        closeCluster();
        return true;
      case 'toggle':
        if (level === 'list') {
          if (listFocusKey && mayChange()) setListCursor((c) => toggleRow(c, clusterFacts, listFocusKey));
          return true;
        }
        if (!itemFocusKey?.startsWith('s:')) return true;
        if (mayChange()) setItemCursor((c) => toggleRow(c, itemFacts, itemFocusKey));
        return true;
      case 'clear':
        if (level === 'list') setListCursor(clearSelection);
        else setItemCursor(clearSelection);
        announce('Selection cleared.');
        return true;
      case 'accept':
        if (mayChange()) acceptSuggestions(targetSignals());
        return true;
      case 'category': {
        const { category } = command;
        if (!mayChange()) return true;
        const targets = targetSignals();
        if (targets.length > 0) changes.setCategories(targets, () => category, false);
        return true;
      }
      case 'arm-merge':
        if (!view || !mayChange()) return true;
        if (view.similar.length === 0) announce('No similar cluster to merge into.');
        else {
          setMergeArmed(true);
          announce(`Merge into which similar cluster? Press 1 to ${Math.min(5, view.similar.length)}; Escape cancels.`);
        }
        return true;
      case 'cancel-merge':
        setMergeArmed(false);
        announce('Merge cancelled.');
        return true;
      case 'merge':
        setMergeArmed(false);
        mergeInto(command.index);
        return true;
      case 'split':
        moveOut(false);
        return true;
      case 'not-same': {
        const similar = focusedSimilar();
        if (similar) {
          if (view && mayChange()) changes.notSameCluster(view, similar);
        } else moveOut(true);
        return true;
      }
      case 'rename': {
        const id = level === 'cluster' ? openId : listFocusKey?.slice(2);
        if (id && mayChange()) setRenamingId(id);
        return true;
      }
      case 'undo':
        if (mayChange()) changes.undo();
        return true;
      case 'help':
        setHelpOpen((v) => !v);
        return true;
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    // Keys typed in a dialog (a portal, but still React's child) are the dialog's.
    if (!rootRef.current?.contains(target) || dialog || routing) return;
    const place: InboxPlace = target.dataset.focusKey ? ((target.dataset.place as InboxPlace | undefined) ?? 'other') : 'other';
    const level = target.closest('[data-open-cluster]') ? 'cluster' : 'list';
    const command = inboxCommandForKey(event, {
      level,
      on: place,
      inField: isTextField(target),
      mergeArmed,
      hasSelection: level === 'list' ? listCursor.selected.size > 0 : itemCursor.selected.size > 0,
      selectClusters: routable && canTriage,
    });
    // Whatever follows `m` ends the wait for a digit.
    if (mergeArmed && command?.type !== 'merge' && command?.type !== 'cancel-merge') setMergeArmed(false);
    if (command && run(command, level)) event.preventDefault();
  };

  // "Load more" goes with the last page; the focus moves to the first cluster it brought.
  const loadedFrom = useRef<number | null>(null);
  const loadMore = () => {
    loadedFrom.current = clusters.length;
    inbox.loadMore();
  };
  useEffect(() => {
    const from = loadedFrom.current;
    if (from === null || inbox.loadingMore) return;
    loadedFrom.current = null;
    const first = clusters[from];
    if (!first) return;
    setListCursor((c) => ({ ...c, focusKey: `c:${first.id}` }));
    requestFocus(`c:${first.id}`);
    announce(`Loaded ${plural(clusters.length - from, 'more cluster')}; showing ${clusters.length}.`);
  }, [inbox.loadingMore, clusters, requestFocus, announce]);

  // After the filters change, a screen reader hears what the list now holds (the old list is what it replaces).
  const listBeforeFilters = useRef<typeof inbox.data | undefined>(undefined);
  useEffect(() => {
    const before = listBeforeFilters.current;
    if (before === undefined || inbox.loading || inbox.data === before || !inbox.data) return;
    listBeforeFilters.current = undefined;
    const { clusters: now, nextCursor } = inbox.data;
    announce(now.length === 0 ? 'No clusters match these filters.' : `Showing ${plural(now.length, 'cluster')}${nextCursor ? ', more below' : ''}.`);
  }, [inbox.loading, inbox.data, announce]);

  const afterIntake = (message: string) => {
    setDialog(null);
    announce(message);
    void inbox.refresh();
  };

  const detailActions: DetailActions = {
    onFocusItem: (key) => setItemCursor((c) => focusRow(c, itemFacts, key)),
    onToggle: (key) => {
      if (mayChange()) setItemCursor((c) => focusRow(toggleRow(c, itemFacts, key), itemFacts, key));
    },
    onSetCategory: (signal, category) => {
      if (mayChange()) changes.setCategories([signal], () => category, signal.category === category);
    },
    onNotSame: (signal) => moveOut(true, [signal]),
    ...(routable ? { onRoute: (signal: InboxSignal) => startRoutingSignal('roadmap', signal) } : {}),
    onMerge: (similar) => {
      if (view && mayChange()) changes.merge(view, similar);
    },
    onNotSameCluster: (similar) => {
      if (view && mayChange()) changes.notSameCluster(view, similar);
    },
    onSplit: () => moveOut(false),
    onNotSameSelected: () => moveOut(true),
  };

  const clusterRow = (cluster: (typeof clusters)[number]) => {
    const isOpen = cluster.id === openId;
    return (
      <ClusterRow
        key={cluster.id}
        cluster={cluster}
        focused={`c:${cluster.id}` === listFocusKey}
        open={isOpen}
        renaming={renamingId === cluster.id}
        canTriage={canTriage}
        onFocus={(id) => setListCursor((c) => focusRow(c, clusterFacts, `c:${id}`))}
        onToggleOpen={(id) => (id === openId ? closeCluster() : showCluster(id))}
        onRename={(id) => setRenamingId(id)}
        onRenameSave={async (c, title) => {
          const refused = await changes.rename(c, title);
          if (refused === null) {
            setRenamingId(null);
            requestFocus(`c:${c.id}`);
          }
          return refused;
        }}
        onRenameCancel={() => {
          setRenamingId(null);
          requestFocus(`c:${cluster.id}`);
        }}
        projectKey={projectKey}
        details={inbox.data?.details[cluster.id]}
        selectable={routable && canTriage}
        selected={listCursor.selected.has(`c:${cluster.id}`)}
        onToggleSelect={(id) => {
          if (mayChange()) setListCursor((c) => focusRow(toggleRow(c, clusterFacts, `c:${id}`), clusterFacts, `c:${id}`));
        }}
        onDecision={(decision) => {
          const current = inbox.data?.details[cluster.id];
          if (current) inbox.setDetails(cluster.id, { ...current, decision });
          announce(decision.jira.state === 'pending' ? 'Retrying: the Jira side is pending again.' : `The Jira side is ${decision.jira.state}.`);
        }}
        {...(inbox.data?.details[cluster.id]?.decision?.duplicateOf
          ? { duplicateTitle: clusters.find((c) => c.id === inbox.data?.details[cluster.id]?.decision?.duplicateOf)?.title }
          : {})}
        detail={
          isOpen ? (
            <ClusterDetail
              state={{
                view,
                loading: open.loading,
                error: open.error,
                onRetry: () => void open.reload(),
                focusKey: itemFocusKey,
                isSelected: (key) => itemCursor.selected.has(key),
                selectedCount: itemCursor.selected.size,
                busyKeys: changes.busyKeys,
                canTriage,
                mergeArmed,
                notice: changes.notice,
                failure: changes.failure,
                notifications: inbox.data?.details[cluster.id]?.notifications ?? null,
              }}
              actions={detailActions}
            />
          ) : null
        }
      />
    );
  };

  const body = () => {
    if (inbox.loading && !inbox.data) return <Loading what="the signal inbox" />;
    if (inbox.error) return <LazyErrorMessage error={inbox.error} onRetry={inbox.reload} />;
    if (clusters.length === 0) return <InboxEmpty projectKey={projectKey} filters={filters} state={STATE_OF_TAB[tab]} onClearFilters={() => setFilters({ sort: filters.sort })} />;
    return (
      <ClusterList
        projectKey={projectKey}
        count={clusters.length}
        hasMore={Boolean(inbox.data?.nextCursor)}
        loadingMore={inbox.loadingMore}
        loadMoreError={inbox.loadMoreError}
        onLoadMore={loadMore}
      >
        {clusters.map(clusterRow)}
      </ClusterList>
    );
  };

  return (
    <div
      ref={rootRef}
      tabIndex={-1}
      className="si-inbox"
      data-testid={tab === 'inbox' ? 'inbox-tab' : `signals-tab-${tab}`}
      data-tab={tab}
      onKeyDown={onKeyDown}
      data-focus-tick={focusTick}
    >
      {region}
      <InboxHelp id="inbox-keys" open={helpOpen} onToggle={() => setHelpOpen((v) => !v)} canTriage={canTriage} routing={routable} />
      {inbox.data && !canTriage && (
        <p className="si-read-only-note" role="note" data-testid="inbox-read-only">
          {readOnlyNote(projectKey)}
        </p>
      )}
      <InboxToolbar
        filters={filters}
        onFilters={(next) => {
          listBeforeFilters.current = inbox.data;
          setFilters(next);
          setOpenId(null);
          setListCursor(EMPTY_CURSOR);
        }}
        undoable={inbox.data?.undoable ?? null}
        canTriage={canTriage}
        undoing={changes.undoing}
        onUndo={() => changes.undo()}
        onShare={() => setDialog('share')}
        onImport={() => setDialog('import')}
        intake={tab === 'inbox'}
      />
      {listCursor.selected.size > 0 && (
        <div className="si-selection-bar" role="status" data-testid="inbox-cluster-selection">
          {plural(listCursor.selected.size, 'cluster')} selected: press e, q, p, d or u to route them together; Esc clears.
        </div>
      )}
      {body()}
      <InboxDialogs dialog={dialog} projectKey={projectKey} onClose={() => setDialog(null)} onIntake={afterIntake} />
      {routing && (
        <Suspense fallback={null}>
          <RouteDialog
            projectKey={projectKey}
            route={routing.route}
            targets={routing.targets}
            candidates={clusters}
            signal={routing.signal ?? null}
            onClose={() => {
              const back = routing.targets[0];
              const signal = routing.signal;
              setRouting(null);
              if (signal && view?.signals.some((s) => s.id === signal.id)) requestFocus(`s:${signal.id}`);
              else if (back && clusters.some((c) => c.id === back.id)) requestFocus(`c:${back.id}`);
            }}
            onDecided={(decided) => {
              if (routing.signal && decided[0]) {
                afterRoutedSignal(decided[0], routing.signal);
                setRouting(null);
                return;
              }
              afterRouted(decided);
              const left = routing.targets.filter((t) => !decided.some((d) => d.clusterId === t.id));
              if (left.length === 0) setRouting(null);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
