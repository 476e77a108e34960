/**
 * Draws a forge doc (see forge-doc.ts) with a registry of components, as Jira draws a UI Kit app with Atlaskit.
 * The registry is passed in, so this logic is tested with plain components (test/unit/forge-doc-renderer.test.ts)
 * and used in the browser with Atlaskit (atlaskit-components.tsx).
 *
 * It fails loudly: a component type the registry does not know, or a prop its adapter does not take, is an
 * error naming the node, never a silently dropped piece of the app's UI.
 */
import { Fragment, createElement, type ReactElement, type ReactNode } from 'react';
import { childPath, isFunctionHandle, plainArguments, type ForgeDocNode } from './forge-doc';

/** Props as the adapter receives them: data, and functions that call back through the bridge. */
export type AdapterProps = Readonly<Record<string, unknown>>;

export interface ComponentAdapter {
  /** The props this adapter passes on; any other prop fails the render, so nothing is silently ignored. */
  readonly props: readonly string[];
  render(props: AdapterProps, children: ReactNode[], key: string): ReactElement;
}

export type ComponentRegistry = Readonly<Record<string, ComponentAdapter>>;

/** Calls an app's function prop through the bridge, by its handle. */
export type CallFunction = (functionId: string, args: unknown[]) => void;

export interface ForgeDocProblem {
  path: string;
  message: string;
}

/** Everything wrong with a forge doc for this renderer; the frame shows all of it at once. */
export class ForgeDocRenderError extends Error {
  constructor(readonly problems: readonly ForgeDocProblem[]) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'));
    this.name = 'ForgeDocRenderError';
  }
}

/** A prop value an adapter cannot draw (an appearance Atlaskit does not have, a token that does not exist). */
export class InvalidPropError extends ForgeDocRenderError {
  constructor(componentType: string, prop: string, value: unknown, expected: string) {
    super([{ path: componentType, message: `${componentType}.${prop} is ${JSON.stringify(value)}; expected ${expected}` }]);
    this.name = 'InvalidPropError';
  }
}

/**
 * Unknown component types, unknown props and malformed text, anywhere in the tree. `Root` (the reconciler's
 * container) and `String` (text) belong to the protocol, not to the registry.
 */
export function forgeDocProblems(doc: ForgeDocNode, registry: ComponentRegistry): ForgeDocProblem[] {
  const problems: ForgeDocProblem[] = [];
  const visit = (node: ForgeDocNode, path: string) => {
    if (node.type === 'String') {
      if (typeof node.props.text !== 'string') problems.push({ path, message: 'a String node needs a string props.text' });
    } else if (node.type === 'Root') {
      if (path !== 'Root') problems.push({ path, message: 'Root may only be the top of the tree' });
    } else {
      const adapter = Object.hasOwn(registry, node.type) ? registry[node.type] : undefined;
      if (!adapter) {
        problems.push({
          path,
          message: `the sandbox's UI Kit renderer does not know the component type "${node.type}" (it draws ${Object.keys(registry).sort().join(', ')})`,
        });
      } else {
        for (const prop of Object.keys(node.props)) {
          if (!adapter.props.includes(prop)) problems.push({ path, message: `${node.type} does not take the prop "${prop}" in the sandbox` });
        }
      }
    }
    node.children.forEach((child, index) => visit(child, childPath(path, child.type, index)));
  };
  if (doc.type !== 'Root') problems.push({ path: doc.type, message: 'a forge doc starts with a Root node' });
  visit(doc, doc.type === 'Root' ? 'Root' : doc.type);
  return problems;
}

function adapterProps(props: Record<string, unknown>, callFunction: CallFunction): AdapterProps {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(props)) {
    out[name] = isFunctionHandle(value) ? (...args: unknown[]) => callFunction(value.$forgeFunction, plainArguments(args)) : value;
  }
  return out;
}

/**
 * The React tree for a forge doc. Throws ForgeDocRenderError, listing every problem, before drawing anything
 * when the doc has a type or prop the registry does not take.
 */
export function renderForgeDoc(doc: ForgeDocNode, registry: ComponentRegistry, callFunction: CallFunction): ReactNode {
  const problems = forgeDocProblems(doc, registry);
  if (problems.length > 0) throw new ForgeDocRenderError(problems);

  const draw = (node: ForgeDocNode, key: string): ReactNode => {
    if (node.type === 'String') return node.props.text as string;
    const children = node.children.map((child, index) => draw(child, child.key ?? `${key}.${index}`));
    if (node.type === 'Root') return createElement(Fragment, null, ...children);
    // forgeDocProblems has checked that the registry has this type.
    const adapter = registry[node.type] as ComponentAdapter;
    return adapter.render(adapterProps(node.props, callFunction), children, node.key ?? key);
  };
  return draw(doc, 'root');
}
