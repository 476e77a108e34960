/**
 * The page the sandbox host serves where Jira would draw a UI Kit module (today the Work type field's view).
 * page/bridge.js runs first and defines `globalThis.__bridge`; this module takes over its `reconcile` and
 * `onError` calls (uikit-bridge.ts), then the app's own bundle runs the real `@forge/react`, and each forge doc
 * it sends is drawn here with Atlaskit, themed like the rest of the host. Anything it cannot draw is an error
 * in the frame and on the console, never a blank.
 */
import { Component, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ForgeDocNode } from './forge-doc';
import { ATLASKIT_COMPONENTS } from './atlaskit-components';
import { ForgeDocRenderError, renderForgeDoc, type ForgeDocProblem } from './render-forge-doc';
import { createUiKitBridge, type CallBridge } from './uikit-bridge';

declare global {
  // What page/bridge.js defines before this module runs (a `var`, as a global declaration must be).
  var __bridge: { callBridge: CallBridge } | undefined;
}

const LOG_PREFIX = 'Upstream sandbox UI Kit renderer:';
const container = document.getElementById('uikit-root');
if (!container) throw new Error(`${LOG_PREFIX} the frame has no #uikit-root`);
const root = createRoot(container);

const failureStyle = {
  margin: 0,
  padding: '8px 12px',
  border: '2px solid var(--ds-border-danger, #E2483D)',
  borderRadius: '4px',
  background: 'var(--ds-background-danger, #FFECEB)',
  color: 'var(--ds-text, #172B4D)',
  font: 'var(--ds-font-body-small, 12px/16px sans-serif)',
} as const;

function RenderFailure({ title, problems }: { title: string; problems: readonly ForgeDocProblem[] }) {
  return (
    <div role="alert" data-testid="uikit-render-error" style={failureStyle}>
      <strong>{title}</strong>
      <ul style={{ margin: '4px 0 0', paddingLeft: '16px' }}>
        {problems.map((problem, index) => (
          <li key={index}>
            <code>{problem.path}</code>: {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function fail(title: string, problems: readonly ForgeDocProblem[], cause: unknown): void {
  console.error(`${LOG_PREFIX} ${title}\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`, cause);
  container?.setAttribute('data-state', 'failed');
  root.render(<RenderFailure title={title} problems={problems} />);
}

/** An Atlaskit component that throws while rendering is the renderer's failure too, and as loud. */
class DrawBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  override componentDidCatch(error: unknown): void {
    console.error(`${LOG_PREFIX} a component failed while drawing`, error);
    container?.setAttribute('data-state', 'failed');
  }
  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <RenderFailure title="The sandbox could not draw this UI Kit view" problems={[{ path: 'Root', message: error.message }]} />;
  }
}

const pageBridge = globalThis.__bridge;
if (!pageBridge) {
  fail('No bridge in this frame', [{ path: 'window', message: 'page/bridge.js must run before the renderer' }], null);
} else {
  const pageCallBridge = pageBridge.callBridge;
  const bridge = createUiKitBridge(pageCallBridge, {
    onForgeDoc(doc: ForgeDocNode) {
      const call = (functionId: string, args: unknown[]) => {
        bridge.callFunction(functionId, args).catch((error: unknown) => {
          console.error(`${LOG_PREFIX} the app's function ${functionId} failed`, error);
        });
      };
      let tree: ReactNode;
      try {
        tree = renderForgeDoc(doc, ATLASKIT_COMPONENTS, call);
      } catch (error: unknown) {
        if (!(error instanceof ForgeDocRenderError)) throw error;
        fail('The sandbox could not draw this UI Kit view', error.problems, error);
        return;
      }
      container.setAttribute('data-state', 'drawn');
      root.render(<DrawBoundary>{tree}</DrawBoundary>);
    },
    onAppError(message: string, cause: unknown) {
      fail('The UI Kit app failed', [{ path: 'app', message }], cause);
    },
  });
  pageBridge.callBridge = bridge.callBridge;
  // Jira draws UI Kit inside its own themed page; here the frame takes the host's theme, and follows its toggle.
  pageCallBridge('enableTheming').catch((error: unknown) => console.error(`${LOG_PREFIX} theming failed`, error));
}
