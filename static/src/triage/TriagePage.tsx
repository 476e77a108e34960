import { Suspense, lazy, useCallback, useState, type KeyboardEvent } from 'react';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../../src/contract';
import type { TabCounts } from '../../../src/contract/signals';
import type { SurfaceProps } from '../surface';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';
import { Metric } from '../ui/Metric';
import { Loading } from '../ui/Loading';
import { useNoteAddressOpens } from './discovery/note-history';
import './triage.css';
import { TABS, isSignalTab, type TabId } from './tabs';

// Each tab is its own chunk, fetched when it is first shown: the page's first chunk carries the header and the
// tab list only, and a tab's keyboard queue, rows and toolbar arrive with the tab.
const SignalsTab = lazy(() => import('./signals/SignalsTab'));
const DiscoveryTab = lazy(() => import('./discovery/DiscoveryTab'));
const UnclassifiedTab = lazy(() => import('./UnclassifiedTab'));
const PipelineHealth = lazy(() => import('./PipelineHealth'));

type Overview = ResolverOutput<'triage.overview'>;


/** The tab list's own keys (WAI-ARIA tabs): ←/→ move to the previous/next tab and show it. */
function moveBetweenTabs(event: KeyboardEvent<HTMLButtonElement>, from: TabId, show: (tab: TabId) => void) {
  if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
  const at = TABS.findIndex((t) => t.id === from);
  const next = TABS[(at + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
  if (!next) return;
  event.preventDefault();
  show(next.id);
  event.currentTarget.parentElement?.querySelector<HTMLButtonElement>(`#triage-tab-${next.id}`)?.focus();
}

function Triage({ overview, projectKey }: { overview: Overview; projectKey: string }) {
  // Classifying rows below lowers the count above without another round trip.
  const [classified, setClassified] = useState(0);
  // Unclassified stays the tab shown first until the browser tests of the other surfaces open it by name.
  const [tab, setTab] = useState<TabId>('inbox');
  const onClassified = useCallback((count: number) => setClassified((n) => n + count), []);
  // Clusters per signal tab, from the first page of whichever signal tab is shown (the same round trip).
  const [signalCounts, setSignalCounts] = useState<TabCounts | null>(null);
  // A note's address (/notes/<id>: a link, or a note just started from an Inbox cluster) opens the Discovery tab.
  useNoteAddressOpens(() => setTab('discovery'));
  const unclassified = Math.max(0, overview.unclassifiedCount - classified);
  return (
    <>
      <Heading size="large" as="h1">
        Upstream triage: {overview.project.name}
      </Heading>
      <Inline space="space.200" shouldWrap>
        <Metric label="Open issues" value={overview.openIssueCount} testId="triage-open-issues" />
        <Metric label="Without a work type" value={unclassified} testId="triage-unclassified" />
      </Inline>
      <Suspense fallback={null}>
        <PipelineHealth projectKey={projectKey} />
      </Suspense>
      <div role="tablist" aria-label="Triage" className="tr-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`triage-tab-${t.id}`}
            aria-controls={`triage-panel-${t.id}`}
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            className="tr-tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(event) => moveBetweenTabs(event, t.id, setTab)}
            data-testid={`triage-tab-${t.id}`}
          >
            {t.label}
            {t.id === 'unclassified' && <span className="tr-count">{unclassified}</span>}
            {isSignalTab(t.id) && signalCounts && (
              <span className="tr-count" data-testid={`triage-count-${t.id}`}>
                {signalCounts[t.id === 'parking' ? 'parking' : t.id]}
              </span>
            )}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`triage-panel-${tab}`} aria-labelledby={`triage-tab-${tab}`}>
        <Suspense fallback={<Loading what="the tab" />}>
          {isSignalTab(tab) && <SignalsTab key={tab} projectKey={projectKey} tab={tab} onCounts={setSignalCounts} />}
          {tab === 'discovery' && <DiscoveryTab projectKey={projectKey} />}
          {tab === 'unclassified' && <UnclassifiedTab projectKey={projectKey} onClassified={onClassified} />}
        </Suspense>
      </div>
    </>
  );
}

function TriageOverview({ projectKey }: { projectKey: string }) {
  const overview = useResolver('triage.overview', { projectKey });
  return (
    <Resolved result={overview} what="the triage queue">
      {(data) => <Triage overview={data} projectKey={projectKey} />}
    </Resolved>
  );
}

/** The project page product leads triage from. */
export default function TriagePage({ context }: SurfaceProps) {
  return (
    <SurfaceLayout label="Upstream triage">
      {context.projectKey ? (
        <TriageOverview projectKey={context.projectKey} />
      ) : (
        <Empty title="No project here">Open Upstream triage from a project's sidebar.</Empty>
      )}
    </SurfaceLayout>
  );
}
