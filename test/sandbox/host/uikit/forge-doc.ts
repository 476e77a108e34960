/**
 * The forge doc: the tree UI Kit (`@forge/react`) sends over the bridge with `callBridge('reconcile',
 * { forgeDoc })` after every commit — `{ type, props, children }` nodes under a `Root`, text as `String` nodes
 * with `props.text`, event handlers as function-valued props (node_modules/@forge/react/out/reconciler.js).
 *
 * In Forge the app's code runs in its own frame and Jira draws the tree, so the tree crosses a serialising
 * boundary: functions stay with the app and Jira calls them back through the bridge. The sandbox keeps that
 * boundary: `snapshotForgeDoc` turns the live tree (which the reconciler goes on mutating) into plain data with
 * a handle in place of each function, and the renderer only ever sees that data.
 */

export interface ForgeDocNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDocNode[];
  key?: string;
}

/** What the renderer gets in place of a function prop; the function stays on the app's side of the bridge. */
export interface FunctionHandle {
  readonly $forgeFunction: string;
}

export const isFunctionHandle = (value: unknown): value is FunctionHandle =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).length === 1 &&
  typeof (value as { $forgeFunction?: unknown }).$forgeFunction === 'string';

/** A forge doc that is not a tree of `{ type, props, children }`: the bridge refuses it, naming where. */
export class MalformedForgeDocError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`The forge doc is malformed at ${path}: ${problem}`);
    this.name = 'MalformedForgeDocError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a node is named in messages: `Root > Inline[0] > Lozenge[1]`. */
export const childPath = (parentPath: string, type: string, index: number): string => `${parentPath} > ${type}[${index}]`;

/** Function-valued props (and functions nested in prop objects) become handles; the rest is copied as data. */
function snapshotValue(value: unknown, register: (fn: (...args: unknown[]) => unknown) => string, path: string): unknown {
  if (typeof value === 'function') return { $forgeFunction: register(value as (...args: unknown[]) => unknown) };
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item, index) => snapshotValue(item, register, `${path}[${index}]`));
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      const copied = snapshotValue(item, register, `${path}.${name}`);
      if (copied !== undefined) copy[name] = copied;
    }
    return copy;
  }
  // Symbols, bigints, React elements' owners …: nothing Jira could receive either.
  throw new MalformedForgeDocError(path, `a ${typeof value} cannot cross the bridge`);
}

/**
 * A plain-data copy of the live forge doc, taken when `reconcile` is called (the reconciler keeps mutating its
 * container afterwards). `register` keeps each function on the app's side and names it.
 */
export function snapshotForgeDoc(live: unknown, register: (fn: (...args: unknown[]) => unknown) => string, path = 'Root'): ForgeDocNode {
  if (!isRecord(live)) throw new MalformedForgeDocError(path, 'a node must be an object');
  const { type, props, children, key } = live;
  if (typeof type !== 'string' || type === '') throw new MalformedForgeDocError(path, 'a node needs a string `type`');
  if (props !== undefined && !isRecord(props)) throw new MalformedForgeDocError(path, '`props` must be an object');
  if (children !== undefined && !Array.isArray(children)) throw new MalformedForgeDocError(path, '`children` must be an array');
  const copiedProps = snapshotValue(props ?? {}, register, `${path}.props`) as Record<string, unknown>;
  return {
    type,
    props: copiedProps,
    children: (children ?? []).map((child: unknown, index: number) => {
      const childType = isRecord(child) && typeof child.type === 'string' ? child.type : '?';
      return snapshotForgeDoc(child, register, childPath(path, childType, index));
    }),
    ...(typeof key === 'string' ? { key } : {}),
  };
}

/**
 * Arguments a drawn component passes to an app's handler, made safe to cross back: plain data stays, anything
 * else (a DOM event, an element) becomes null, as it could not be posted between frames either.
 */
export function plainArguments(args: readonly unknown[]): unknown[] {
  const plain = (value: unknown, depth: number): unknown => {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    if (depth > 8) return null;
    if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
    if (isRecord(value) && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, plain(item, depth + 1)]));
    }
    return null;
  };
  return args.map((arg) => plain(arg, 0));
}
