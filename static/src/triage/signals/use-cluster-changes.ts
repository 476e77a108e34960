/**
 * The Inbox's changes to clusters — merge, split, "not the same", category, rename, undo — one at a time, each
 * answered in place: the list and the open cluster take the clusters the change answered, the focus goes where
 * the person can carry on, and a screen reader hears what happened.
 *
 * A `conflict` (the cluster changed since the person opened it: a signal joined, or someone else changed it)
 * saves nothing: the open cluster is loaded again, the person's selection is kept on the signals still there,
 * and they are told why before they try again.
 */
import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { ClusterSummary, InboxSignal } from '../../../../src/contract/signals';
import type { SignalCategory } from '../../../../src/domain/signals';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { plural } from '../../ui/format';
import { focusIndexOf, withoutRows, type QueueCursor, type QueueRowFacts } from '../keyboard-queue';
import { CATEGORY_LABELS } from './reasons';
import type { SimilarCluster } from './SimilarRow';
import type { Inbox } from './use-inbox';
import type { ClusterView, OpenCluster } from './use-open-cluster';

export const CONFLICT_NOTICE =
  'This cluster changed meanwhile (a signal joined, or someone else changed it), so nothing was saved. It is reloaded and your selection is kept: check it and try again.';

export interface ChangeDeps {
  projectKey: string;
  inbox: Inbox;
  open: OpenCluster;
  announce: (message: string) => void;
  requestFocus: (key: string) => void;
  itemFacts: readonly QueueRowFacts[];
  setItemCursor: Dispatch<SetStateAction<QueueCursor>>;
  /** Opens a cluster (or closes with null) and puts the focus on its row. */
  showCluster: (clusterId: string | null) => void;
}

export interface ClusterChanges {
  busyKeys: ReadonlySet<string>;
  failure: { error: ResolverCallError; retry: () => void } | null;
  notice: string | null;
  undoing: boolean;
  clearNotice: () => void;
  merge: (view: ClusterView, into: SimilarCluster) => void;
  notSameCluster: (view: ClusterView, other: SimilarCluster) => void;
  /** Split (notSame false) or take out as not the same (true): the signals leave for a new cluster. */
  moveOut: (view: ClusterView, signals: InboxSignal[], notSame: boolean) => void;
  setCategories: (signals: InboxSignal[], category: (signal: InboxSignal) => SignalCategory, accepted: boolean) => void;
  undo: () => void;
  /** Null when saved; otherwise what to tell the person. */
  rename: (cluster: ClusterSummary, title: string) => Promise<string | null>;
}

const capitalised = (s: string): string => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;
const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

export function useClusterChanges(deps: ChangeDeps): ClusterChanges {
  const { projectKey, inbox, open, announce, requestFocus, itemFacts, setItemCursor, showCluster } = deps;
  const [busyKeys, setBusyKeys] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<ClusterChanges['failure']>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [undoing, setUndoing] = useState(false);
  const busy = useRef(false);
  const latest = useRef(deps);
  latest.current = deps;

  /** After a conflict: the cluster as it is now, the selection kept on what is still there. */
  const reloadAfterConflict = useCallback(async () => {
    const fresh = await latest.current.open.reload();
    if (fresh) {
      latest.current.inbox.applyChange([fresh.cluster], latest.current.inbox.data?.undoable ?? null);
      const present = new Set([...fresh.signals.map((s) => `s:${s.id}`), ...fresh.similar.map((m) => `m:${m.cluster.id}`)]);
      setItemCursor((c) => ({ ...c, selected: new Set([...c.selected].filter((key) => present.has(key))) }));
      if (fresh.cluster.state !== 'new') latest.current.showCluster(null);
    }
    setNotice(CONFLICT_NOTICE);
    announce(CONFLICT_NOTICE);
  }, [announce, setItemCursor]);

  const change = useCallback(
    async (name: string, keys: readonly string[], work: () => Promise<void>, conflictReloads = true): Promise<void> => {
      if (busy.current) {
        announce('Still saving your last change; try again in a moment.');
        return;
      }
      busy.current = true;
      setBusyKeys(new Set(keys));
      setFailure(null);
      setNotice(null);
      try {
        await work();
      } catch (caught: unknown) {
        const error = asResolverCallError(caught);
        if (error.code === 'conflict' && conflictReloads) await reloadAfterConflict();
        else {
          setFailure({ error, retry: () => void change(name, keys, work, conflictReloads) });
          announce(`${name}: not saved. ${error.message}`);
        }
      } finally {
        busy.current = false;
        setBusyKeys(new Set());
      }
    },
    [announce, reloadAfterConflict],
  );

  /** Items leave the open cluster: the focus moves to the next one that stays. */
  const itemsLeave = useCallback(
    (keys: readonly string[]) => {
      const leaving = new Set(keys);
      setItemCursor((c) => {
        const next = withoutRows(c, latest.current.itemFacts, leaving);
        const remaining = latest.current.itemFacts.filter((f) => !leaving.has(f.key));
        const focused = remaining[focusIndexOf(next, remaining)];
        if (focused) requestFocus(focused.key);
        return next;
      });
    },
    [requestFocus, setItemCursor],
  );

  const merge = (view: ClusterView, into: SimilarCluster) =>
    void change('Merge', [`m:${into.cluster.id}`], async () => {
      const out = await callResolver('signals.merge', {
        projectKey,
        from: { clusterId: view.cluster.id, version: view.cluster.version },
        into: { clusterId: into.cluster.id, version: into.cluster.version },
      });
      inbox.applyChange(out.clusters, out.undoable);
      const description = out.undoable?.description ?? `Merged “${view.cluster.title}” into “${into.cluster.title}”`;
      announce(`${sentence(description)} Press z to undo.`);
      // The merged cluster is what the person works on next: open it, focus on its row.
      showCluster(into.cluster.id);
    });

  const notSameCluster = (view: ClusterView, other: SimilarCluster) =>
    void change('Not the same', [`m:${other.cluster.id}`], async () => {
      await callResolver('signals.notSame', { projectKey, clusterId: view.cluster.id, otherClusterId: other.cluster.id });
      itemsLeave([`m:${other.cluster.id}`]);
      open.update((v) => ({ ...v, similar: v.similar.filter((m) => m.cluster.id !== other.cluster.id) }));
      announce(`“${view.cluster.title}” and “${other.cluster.title}” are not the same: Upstream will not suggest or join them again.`);
    });

  const moveOut = (view: ClusterView, signals: InboxSignal[], notSame: boolean) => {
    const keys = signals.map((s) => `s:${s.id}`);
    void change(notSame ? 'Not the same' : 'Split', keys, async () => {
      const out = await callResolver('signals.move', {
        projectKey,
        signalIds: signals.map((s) => s.id),
        from: { clusterId: view.cluster.id, version: view.cluster.version },
        to: { new: true },
        notSame,
      });
      inbox.applyChange(out.clusters, out.undoable);
      const moved = new Set(signals.map((s) => s.id));
      itemsLeave(keys);
      open.update((v) => ({
        ...v,
        cluster: out.clusters.find((c) => c.id === v.cluster.id) ?? v.cluster,
        signals: v.signals.filter((s) => !moved.has(s.id)),
      }));
      const what = plural(signals.length, 'signal');
      announce(
        notSame
          ? `${what} taken out of “${view.cluster.title}” as not the same; ${signals.length === 1 ? 'it starts' : 'they start'} a new cluster. Press z to undo.`
          : `${what} split out of “${view.cluster.title}” into a new cluster. Press z to undo.`,
      );
    });
  };

  const setCategories = (signals: InboxSignal[], category: (signal: InboxSignal) => SignalCategory, accepted: boolean) =>
    void change('Category', signals.map((s) => `s:${s.id}`), async () => {
      const chosen = new Set<SignalCategory>();
      for (const signal of signals) {
        const out = await callResolver('signals.setCategory', { projectKey, signalId: signal.id, category: category(signal), version: signal.version });
        open.replaceSignal(out.signal);
        chosen.add(category(signal));
      }
      const label = chosen.size === 1 ? CATEGORY_LABELS[[...chosen][0]!].toLowerCase() : 'their suggested categories';
      const who = signals.length === 1 ? `The signal from ${signals[0]!.customer} is` : `${plural(signals.length, 'signal')} are`;
      announce(`${who} now ${accepted && chosen.size === 1 ? `${label}, as suggested` : label}.`);
    });

  const undo = () => {
    const undoable = inbox.data?.undoable;
    if (!undoable) {
      announce('Nothing to undo.');
      return;
    }
    setUndoing(true);
    void change(
      'Undo',
      [],
      async () => {
        const out = await callResolver('signals.undo', { projectKey, changeId: undoable.changeId });
        inbox.applyChange(out.clusters, out.undoable);
        announce(`Undone: ${sentence(out.undone.description)}`);
        const openId = latest.current.open.clusterId;
        const touched = out.clusters.find((c) => c.id === openId);
        if (touched && touched.state !== 'new') showCluster(null);
        else if (touched) await latest.current.open.reload();
      },
      false,
    ).finally(() => setUndoing(false));
  };

  const rename = async (cluster: ClusterSummary, title: string): Promise<string | null> => {
    try {
      const out = await callResolver('signals.renameCluster', { projectKey, clusterId: cluster.id, version: cluster.version, title });
      inbox.replace(out.cluster);
      open.update((v) => (v.cluster.id === out.cluster.id ? { ...v, cluster: out.cluster } : v));
      announce(`Renamed to “${out.cluster.title}”.`);
      return null;
    } catch (caught: unknown) {
      const error = asResolverCallError(caught);
      if (error.code !== 'conflict') return capitalised(error.fields?.title ?? error.message);
      const fresh = await callResolver('signals.cluster', { projectKey, clusterId: cluster.id }).catch(() => null);
      if (fresh) {
        inbox.replace(fresh.cluster);
        open.update((v) => (v.cluster.id === fresh.cluster.id ? fresh : v));
      }
      return 'This cluster changed meanwhile and is reloaded. Your title is kept: save again to use it.';
    }
  };

  return { busyKeys, failure, notice, undoing, clearNotice: () => setNotice(null), merge, notSameCluster, moveOut, setCategories, undo, rename };
}
