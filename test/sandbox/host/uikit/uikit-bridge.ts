/**
 * The UI Kit half of the sandbox's bridge. The Custom UI bridge (page/bridge.js) already answers `getContext`,
 * `invoke`, `events` …; a UI Kit app also calls `reconcile` with its forge doc after every commit, and `onError`
 * when its tree cannot render. This wraps the page's `callBridge` to take those two, snapshots each forge doc
 * into plain data (functions stay here, behind handles) and calls an app's function when the drawn UI asks.
 */
import { MalformedForgeDocError, snapshotForgeDoc, type ForgeDocNode } from './forge-doc';

export type CallBridge = (name: string, payload?: unknown) => Promise<unknown>;
type AppFunction = (...args: unknown[]) => unknown;

export interface UiKitBridgeListener {
  /** A new forge doc to draw (plain data). */
  onForgeDoc(doc: ForgeDocNode): void;
  /** The app could not render, or sent something that is not a forge doc. */
  onAppError(message: string, cause: unknown): void;
}

export interface UiKitBridge {
  /** Replaces the page's callBridge: `reconcile` and `onError` end here, every other call goes on to the page. */
  callBridge: CallBridge;
  /** Runs the app's function behind a handle, with arguments that have crossed the bridge. */
  callFunction(functionId: string, args: unknown[]): Promise<unknown>;
}

const describe = (error: unknown): string => {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
};

export function createUiKitBridge(pageCallBridge: CallBridge, listener: UiKitBridgeListener): UiKitBridge {
  // Only the functions of the latest doc can be called, as a handle from an older render may name a closure
  // over state the app has since left behind.
  let functions = new Map<string, AppFunction>();
  let generated = 0;

  const reconcile = (payload: unknown): void => {
    const live = typeof payload === 'object' && payload !== null ? (payload as { forgeDoc?: unknown }).forgeDoc : undefined;
    const next = new Map<string, AppFunction>();
    const register = (fn: AppFunction): string => {
      // @forge/react tags each function prop with a stable `__id__`; keep it, as Jira's handles do.
      const tagged = (fn as AppFunction & { __id__?: unknown }).__id__;
      const id = typeof tagged === 'string' ? tagged : `sandbox-fn-${++generated}`;
      next.set(id, fn);
      return id;
    };
    try {
      const doc = snapshotForgeDoc(live, register);
      functions = next;
      listener.onForgeDoc(doc);
    } catch (error: unknown) {
      if (!(error instanceof MalformedForgeDocError)) throw error;
      listener.onAppError(error.message, error);
    }
  };

  const callBridge: CallBridge = (name, payload) => {
    if (name === 'reconcile') {
      reconcile(payload);
      return Promise.resolve(undefined);
    }
    if (name === 'onError') {
      const error = typeof payload === 'object' && payload !== null ? (payload as { error?: unknown }).error : payload;
      listener.onAppError(`The UI Kit app failed to render: ${describe(error)}`, error);
      return Promise.resolve(undefined);
    }
    return pageCallBridge(name, payload);
  };

  const callFunction = async (functionId: string, args: unknown[]): Promise<unknown> => {
    const fn = functions.get(functionId);
    if (!fn) throw new Error(`The UI Kit app has no function ${functionId} in its latest forge doc`);
    return fn(...args);
  };

  return { callBridge, callFunction };
}
