/**
 * The one entry point of the Custom UI resource. Jira frames it once per surface; `moduleKey` (and, for the
 * field and the gadget, `extension.entryPoint`) says which surface this frame is, and only that surface's code
 * is fetched, so a panel does not pay for the gadget's board picker.
 */
import '@atlaskit/css-reset';
import { Component, StrictMode, Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { view } from '@forge/bridge';
import { readSurfaceContext, type SurfaceContext } from './forge-context';
import type { SurfaceProps } from './surface';
import { walkthroughModalOf } from './walkthrough/modal-context';
import './ui/content-height.css';

type Surface = ComponentType<SurfaceProps>;

const Panel = lazy(() => import('./panel/Panel'));
const WorkTypeEdit = lazy(() => import('./work-type/WorkTypeEdit'));
const TriagePage = lazy(() => import('./triage/TriagePage'));
const GadgetView = lazy(() => import('./sprint-shape/GadgetView'));
const GadgetEdit = lazy(() => import('./sprint-shape/GadgetEdit'));
const SettingsPage = lazy(() => import('./settings/SettingsPage'));
const MySignalsPage = lazy(() => import('./my-signals/MySignalsPage'));
const WalkthroughView = lazy(() => import('./walkthrough/WalkthroughView'));

/**
 * Module keys as manifest.yml declares them. The Work type field's view is not here: Jira renders a Forge
 * field's view only with UI Kit (the `work-type-view` resource) or its formatter, never with this app.
 */
function surfaceFor(context: SurfaceContext): Surface | null {
  switch (context.moduleKey) {
    case 'context-panel':
      return Panel;
    case 'work-type':
      return context.entryPoint === 'edit' ? WorkTypeEdit : null;
    case 'triage-queue':
      return TriagePage;
    case 'sprint-shape':
      return context.entryPoint === 'edit' ? GadgetEdit : GadgetView;
    case 'settings':
      return SettingsPage;
    case 'my-signals':
      return MySignalsPage;
    default:
      return null;
  }
}

// The initial chunk stays free of Atlaskit components (they arrive with the surface), so the few things shown
// before a surface loads are plain elements styled with design tokens.
const plainTextStyle = { margin: 0, padding: '8px', color: 'var(--ds-text-subtle, #44546F)' } as const;

function Message({ children }: { children: ReactNode }) {
  return (
    <p role="alert" style={plainTextStyle}>
      {children}
    </p>
  );
}

function LoadingSurface() {
  return (
    <p role="status" style={plainTextStyle}>
      Loading Upstream…
    </p>
  );
}

/** A surface chunk that fails to load (deploy mid-session, network) should say so, not leave a blank frame. */
class SurfaceBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown): void {
    console.error('Upstream: a surface failed to render', error);
  }
  override render(): ReactNode {
    return this.state.failed ? (
      <Message>Upstream could not show this view. Reload the page; if it keeps happening, tell your Jira admin.</Message>
    ) : (
      this.props.children
    );
  }
}

async function start(): Promise<void> {
  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('index.html has no #root element');
  const root = createRoot(rootElement);
  // Theming must be on before the first paint, or a dark-mode user sees a light flash (forge-reference §2.2).
  await view.theme.enable();
  const rawContext = await view.getContext();
  const context = readSurfaceContext(rawContext);
  // A modal the panel opened (the walkthrough's full view) is framed with the panel's module key.
  const walkthrough = walkthroughModalOf(rawContext);
  const SurfaceComponent: Surface | null = walkthrough ? (props) => <WalkthroughView {...props} modal={walkthrough} /> : surfaceFor(context);
  root.render(
    <StrictMode>
      <SurfaceBoundary>
        {SurfaceComponent ? (
          <Suspense fallback={<LoadingSurface />}>
            <SurfaceComponent context={context} />
          </Suspense>
        ) : context.moduleKey === 'work-type' ? (
          <Message>
            The Work type field’s view is drawn by Jira from Upstream’s UI Kit resource, not by this app. If you see this,
            the app’s manifest is out of date: tell your Jira admin to redeploy Upstream.
          </Message>
        ) : (
          <Message>
            Upstream does not know the module “{context.moduleKey || 'unknown'}”. This build may be older than the
            app’s manifest: redeploy the app, or tell your Jira admin.
          </Message>
        )}
      </SurfaceBoundary>
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  console.error('Upstream failed to start', error);
  const rootElement = document.getElementById('root');
  if (rootElement) {
    rootElement.textContent = 'Upstream could not start here: it must run inside Jira. Reload the page to try again.';
  }
});
