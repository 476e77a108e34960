/**
 * The sandbox's UI Kit renderer without a browser: the forge-doc snapshot that crosses the bridge, the renderer
 * (with plain stand-in components instead of Atlaskit), its loud failures, event handlers called back through
 * the bridge, and the real `@forge/react` reconciler's output going through all of it.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MalformedForgeDocError, plainArguments, snapshotForgeDoc, type ForgeDocNode } from '../sandbox/host/uikit/forge-doc';
import { ForgeDocRenderError, renderForgeDoc, type ComponentRegistry } from '../sandbox/host/uikit/render-forge-doc';
import { createUiKitBridge, type CallBridge } from '../sandbox/host/uikit/uikit-bridge';

/** Stand-ins that show what they were given, so the markup says which props reached which component. */
const registry: ComponentRegistry = {
  Inline: { props: ['space'], render: (p, children, key) => createElement('div', { key, 'data-c': 'Inline', 'data-space': p.space }, ...children) },
  Lozenge: {
    props: ['appearance', 'isBold'],
    render: (p, children, key) => createElement('span', { key, 'data-c': 'Lozenge', 'data-appearance': p.appearance }, ...children),
  },
  Text: { props: ['color'], render: (p, children, key) => createElement('span', { key, 'data-c': 'Text', 'data-color': p.color }, ...children) },
  Button: {
    props: ['onClick'],
    render: (p, children, key) => createElement('button', { key, type: 'button', onClick: p.onClick as () => void }, ...children),
  },
};

const text = (value: string): ForgeDocNode => ({ type: 'String', props: { text: value }, children: [] });
const node = (type: string, props: Record<string, unknown>, ...children: ForgeDocNode[]): ForgeDocNode => ({ type, props, children });
const root = (...children: ForgeDocNode[]): ForgeDocNode => node('Root', {}, ...children);
const noCalls = () => {
  throw new Error('no function should be called');
};

/** The problems a render reports; a render that succeeds fails the test. */
function renderProblems(doc: ForgeDocNode): ForgeDocRenderError['problems'] {
  try {
    renderForgeDoc(doc, registry, noCalls);
  } catch (error: unknown) {
    if (error instanceof ForgeDocRenderError) return error.problems;
    throw error;
  }
  throw new Error('renderForgeDoc drew a doc it should have refused');
}

describe('renderForgeDoc', () => {
  it('draws components with their props and String nodes as text', () => {
    const doc = root(
      node('Inline', { space: 'space.100' }, node('Lozenge', { appearance: 'removed', isBold: true }, text('Corrective')), node('Text', {}, text('set by Priya'))),
    );
    expect(renderToStaticMarkup(createElement('div', null, renderForgeDoc(doc, registry, noCalls)))).toBe(
      '<div><div data-c="Inline" data-space="space.100"><span data-c="Lozenge" data-appearance="removed">Corrective</span>' +
        '<span data-c="Text">set by Priya</span></div></div>',
    );
  });

  it('fails loudly on a component type it does not know, naming it and where it is, and draws nothing', () => {
    const doc = root(node('Inline', {}, node('Lozenge', {}, text('Enabling')), node('BarChart', { data: [] })));
    const problems = renderProblems(doc);
    expect(problems).toEqual([{ path: 'Root > Inline[0] > BarChart[1]', message: expect.stringContaining('does not know the component type "BarChart"') }]);
    expect(problems[0]!.message).toContain('Button, Inline, Lozenge, Text');
  });

  it('reports every problem at once: unknown types, props a component does not take, text without text', () => {
    const doc = root(node('Lozenge', { appearance: 'new', onHover: 'x' }), node('Chart', {}), { type: 'String', props: {}, children: [] });
    expect(renderProblems(doc).map((problem) => problem.path)).toEqual(['Root > Lozenge[0]', 'Root > Chart[1]', 'Root > String[2]']);
  });

  it('refuses a doc that does not start at Root, and a Root inside the tree', () => {
    expect(() => renderForgeDoc(node('Lozenge', {}), registry, noCalls)).toThrow(/starts with a Root/);
    expect(() => renderForgeDoc(root(root()), registry, noCalls)).toThrow(/Root may only be the top/);
  });

  it('turns a function handle into a handler that calls back with the handle and plain arguments', () => {
    const calls: Array<{ id: string; args: unknown[] }> = [];
    const doc = root(node('Button', { onClick: { $forgeFunction: 'fn-1' } }, text('Go')));
    const tree = renderForgeDoc(doc, registry, (id, args) => calls.push({ id, args }));
    // The drawn Button's onClick, as React would call it with an event object.
    const button = (tree as { props: { children: { props: { onClick: (...args: unknown[]) => void } } } }).props.children;
    class SyntheticEventLike {
      target = {};
    }
    button.props.onClick(new SyntheticEventLike(), { value: 3, nested: { ok: true } });
    expect(calls).toEqual([{ id: 'fn-1', args: [null, { value: 3, nested: { ok: true } }] }]);
  });
});

describe('snapshotForgeDoc', () => {
  it('copies the tree as plain data with a handle for each function, unaffected by later changes', () => {
    const onClick = () => 'clicked';
    type LiveNode = { type: string; props: Record<string, unknown>; key?: string; children: LiveNode[] };
    const live: LiveNode = { type: 'Root', props: {}, key: 'r', children: [{ type: 'Button', props: { onClick, options: [{ onPick: onClick }] }, children: [] }] };
    const registered: Array<() => unknown> = [];
    const snapshot = snapshotForgeDoc(live, (fn) => {
      registered.push(fn as () => unknown);
      return `fn-${registered.length}`;
    });
    live.children.push({ type: 'Text', props: { onClick }, children: [] });
    expect(snapshot).toEqual({
      type: 'Root',
      props: {},
      key: 'r',
      children: [{ type: 'Button', props: { onClick: { $forgeFunction: 'fn-1' }, options: [{ onPick: { $forgeFunction: 'fn-2' } }] }, children: [] }],
    });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(registered).toEqual([onClick, onClick]);
  });

  it('refuses what is not a forge doc, naming where', () => {
    const register = () => 'id';
    expect(() => snapshotForgeDoc('Root', register)).toThrow(MalformedForgeDocError);
    expect(() => snapshotForgeDoc({ type: 'Root', props: {}, children: [{ props: {} }] }, register)).toThrow(/Root > \?\[0\].*string `type`/);
    expect(() => snapshotForgeDoc({ type: 'Root', props: { when: Symbol('now') }, children: [] }, register)).toThrow(/Root\.props\.when/);
  });

  it('passes plain data back across the bridge and nulls what could not cross (events, elements)', () => {
    class Event {
      readonly type = 'click';
    }
    expect(plainArguments(['a', 1, true, null, new Event(), [new Event(), { k: 'v' }]])).toEqual(['a', 1, true, null, null, [null, { k: 'v' }]]);
  });
});

describe('createUiKitBridge', () => {
  const pageCalls: Array<{ name: string; payload: unknown }> = [];
  const pageBridge: CallBridge = async (name, payload) => {
    pageCalls.push({ name, payload });
    return { answeredBy: 'page' };
  };

  it('takes reconcile and onError, hands every other call to the page bridge', async () => {
    const docs: ForgeDocNode[] = [];
    const errors: string[] = [];
    const bridge = createUiKitBridge(pageBridge, { onForgeDoc: (doc) => docs.push(doc), onAppError: (message) => errors.push(message) });
    await bridge.callBridge('reconcile', { forgeDoc: { type: 'Root', props: {}, children: [] } });
    await bridge.callBridge('onError', { error: new Error('boom') });
    await expect(bridge.callBridge('getContext')).resolves.toEqual({ answeredBy: 'page' });
    expect(docs).toEqual([{ type: 'Root', props: {}, children: [] }]);
    expect(errors).toEqual(['The UI Kit app failed to render: boom']);
    expect(pageCalls.map((call) => call.name)).toEqual(['getContext']);
  });

  it("calls the app's function behind a handle, and refuses handles from an earlier doc", async () => {
    const docs: ForgeDocNode[] = [];
    const bridge = createUiKitBridge(pageBridge, { onForgeDoc: (doc) => docs.push(doc), onAppError: noCalls });
    const clicks: unknown[][] = [];
    const onClick = Object.assign((...args: unknown[]) => clicks.push(args), { __id__: 'uuid-1' });
    await bridge.callBridge('reconcile', { forgeDoc: { type: 'Root', props: {}, children: [{ type: 'Button', props: { onClick }, children: [] }] } });
    expect(docs[0]!.children[0]!.props.onClick).toEqual({ $forgeFunction: 'uuid-1' });
    await bridge.callFunction('uuid-1', ['x']);
    expect(clicks).toEqual([['x']]);

    await bridge.callBridge('reconcile', { forgeDoc: { type: 'Root', props: {}, children: [] } });
    await expect(bridge.callFunction('uuid-1', [])).rejects.toThrow(/no function uuid-1/);
  });

  it('reports a malformed doc as an app error instead of drawing it', async () => {
    const errors: string[] = [];
    const bridge = createUiKitBridge(pageBridge, { onForgeDoc: noCalls, onAppError: (message) => errors.push(message) });
    await bridge.callBridge('reconcile', { forgeDoc: { props: {} } });
    expect(errors).toEqual([expect.stringContaining('malformed')]);
  });
});

describe('the real @forge/react through the bridge and the renderer', () => {
  type ForgeReact = typeof import('@forge/react');
  const docs: ForgeDocNode[] = [];
  let bridge: ReturnType<typeof createUiKitBridge>;
  let forge: ForgeReact;

  beforeAll(() => {
    bridge = createUiKitBridge(async (name) => (name === 'getContext' ? { extension: {} } : undefined), {
      onForgeDoc: (doc) => docs.push(doc),
      onAppError: (message) => {
        throw new Error(message);
      },
    });
    // @forge/react calls `self.__bridge`, and @forge/bridge looks for `globalThis.__bridge` as it loads.
    Object.assign(globalThis, { self: globalThis, __bridge: { callBridge: bridge.callBridge } });
    forge = jest.requireActual<ForgeReact>('@forge/react');
  });

  const latest = (): ForgeDocNode => {
    const doc = docs[docs.length - 1];
    if (!doc) throw new Error('@forge/react sent no forge doc');
    return doc;
  };

  it('draws what the reconciler sends, and a click runs the component’s handler', async () => {
    const clicked: string[] = [];
    const { Inline, Lozenge, Button } = forge;
    // UI Kit's component types take children as a prop.
    forge.default.render(
      createElement(Inline, {
        space: 'space.100',
        children: [
          createElement(Lozenge, { key: 'l', appearance: 'removed', isBold: true, children: 'Corrective' }),
          createElement(Button, { key: 'b', onClick: () => clicked.push('yes'), children: 'Go' }),
        ],
      }),
    );
    const doc = latest();
    expect(doc.type).toBe('Root');
    const buttonProps = doc.children[0]!.children[1]!.props;
    const markup = renderToStaticMarkup(createElement('div', null, renderForgeDoc(doc, registry, noCalls)));
    expect(markup).toBe(
      '<div><div data-c="Inline" data-space="space.100"><span data-c="Lozenge" data-appearance="removed">Corrective</span>' +
        '<button type="button">Go</button></div></div>',
    );
    const handle = buttonProps.onClick as { $forgeFunction: string };
    await bridge.callFunction(handle.$forgeFunction, []);
    expect(clicked).toEqual(['yes']);
  });

  it('fails loudly when the app uses a component the renderer does not draw', () => {
    const { Inline, Lozenge, ProgressBar } = forge;
    forge.default.render(
      createElement(Inline, {
        children: [createElement(Lozenge, { key: 'l', children: 'Innovative' }), createElement(ProgressBar, { key: 'p', value: 0.4 })],
      }),
    );
    expect(() => renderForgeDoc(latest(), registry, noCalls)).toThrow(/Root > Inline\[0\] > ProgressBar\[1\]: .*"ProgressBar"/);
  });
});
