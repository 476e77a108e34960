import { useCallback, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { view as forgeView } from '@forge/bridge';
import type { SurfaceProps } from '../surface';
import { callResolver } from '../api';
import { useResolver } from '../use-resolver';
import { useRefreshable } from '../ui/use-refreshable';
import { useAction } from '../ui/use-action';
import { useAnnouncer } from '../ui/Announcer';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Loading } from '../ui/Loading';
import { Empty } from '../ui/Empty';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { plural, timeAgo } from '../ui/format';
import type { WalkthroughModalContext } from './modal-context';
import { CompareView } from './CompareView';
import { VersionForm } from './VersionForm';
import { VersionReader } from './VersionReader';
import { draftFrom, type Draft } from './draft';
import type { Version, WalkthroughView as ViewData } from './types';
import './link-card.css';
import './walkthrough.css';

type Mode = { kind: 'read'; version: number | null } | { kind: 'compare' } | { kind: 'add' };

/** "Since you acknowledged version 1: 1 item added, 1 edited." with a button that walks the highlighted items. */
function ChangesBanner({ view, onNext }: { view: ViewData; onNext: () => void }) {
  const diff = view.you.changesSinceAcknowledged;
  const latest = view.latest;
  if (!diff || !latest) return null;
  if (diff.from === null) {
    return (
      <div className="up-wt-banner" data-testid="wt-changes-banner" data-state="never">
        <p className="up-wt-text">You have not acknowledged a version of this walkthrough yet, so all of version {latest.version} is new to you.</p>
      </div>
    );
  }
  if (diff.empty) {
    return (
      <div className="up-wt-banner quiet" data-testid="wt-changes-banner" data-state="current">
        <p className="up-wt-text">You acknowledged version {diff.from}, the latest: nothing has changed since.</p>
      </div>
    );
  }
  const parts = [
    diff.added.length > 0 ? `${plural(diff.added.length, 'item')} added` : null,
    diff.edited.length > 0 ? `${plural(diff.edited.length, 'item')} changed` : null,
    diff.removed.length > 0 ? `${plural(diff.removed.length, 'item')} removed` : null,
    diff.summaryChanged ? 'the summary changed' : null,
    diff.designUrlChanged ? 'the design link changed' : null,
  ].filter((p): p is string => p !== null);
  return (
    <div className="up-wt-banner new" data-testid="wt-changes-banner" data-state="changed" role="region" aria-label="What changed since you acknowledged">
      <p className="up-wt-text">
        <strong>
          Since you acknowledged version {diff.from}: {parts.join(', ')}.
        </strong>{' '}
        Changes are highlighted below.
      </p>
      <Button appearance="default" spacing="compact" onClick={onNext} testId="wt-next-change">
        Next change
      </Button>
    </div>
  );
}

/** An older version, read on demand (the view carries only the latest in full). */
function OlderVersion({ issueKey, version, render }: { issueKey: string; version: number; render: (v: Version) => JSX.Element }) {
  const loaded = useResolver('walkthrough.version', { issueKey, version });
  if (loaded.state === 'loading') return <Loading what={`version ${version}`} />;
  if (loaded.state === 'error') return <LazyErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  return render(loaded.data);
}

function Walkthrough({ issueKey, start, accountId }: { issueKey: string; start: WalkthroughModalContext['start']; accountId: string | null }) {
  const { result, reload, refresh, update } = useRefreshable('walkthrough.view', { issueKey });
  const action = useAction();
  const { region, announce } = useAnnouncer();
  const [mode, setMode] = useState<Mode>(start === 'add-version' ? { kind: 'add' } : { kind: 'read', version: null });
  const [draft, setDraft] = useState<Draft | null>(null);
  const changed = useRef(false);
  const nextChange = useRef(0);
  const data = result.state === 'ready' ? result.data : null;

  // The draft starts from the latest version once it is known, and is kept (through conflicts) until saved or cancelled.
  useEffect(() => {
    if (mode.kind === 'add' && draft === null && data) setDraft(draftFrom(data.latest));
  }, [mode.kind, draft, data]);

  const close = useCallback(() => {
    void forgeView.close({ changed: changed.current }).catch((error: unknown) => console.warn('Upstream: the walkthrough could not close', error));
  }, []);

  const write = useCallback(
    (name: string, work: () => Promise<{ view: ViewData }>, said: string) =>
      action.run(name, async () => {
        const answer = await work();
        changed.current = true;
        update(() => answer.view);
        announce(said);
      }),
    [action, update, announce],
  );

  const acknowledge = (version: number) =>
    void write('acknowledge', () => callResolver('walkthrough.acknowledge', { issueKey, version }), `You acknowledged version ${version}.`);
  const ask = (version: number) => (itemId: string, text: string) =>
    write(`ask:${itemId}`, () => callResolver('walkthrough.ask', { issueKey, version, itemId, text }), 'Your question was sent to the designer.');
  const answer = (questionId: string, text: string) =>
    write(`answer:${questionId}`, () => callResolver('walkthrough.answer', { issueKey, questionId, text }), 'Your answer was saved.');

  const focusNextChange = () => {
    const changes = Array.from(document.querySelectorAll<HTMLElement>('.up-wt-changed[tabindex="-1"]'));
    if (changes.length === 0) return;
    const target = changes[nextChange.current % changes.length]!;
    nextChange.current += 1;
    target.focus();
    target.scrollIntoView({ block: 'center' });
  };

  if (result.state === 'loading') return <Loading what="the walkthrough" />;
  if (result.state === 'error') return <LazyErrorMessage error={result.error} onRetry={reload} />;
  const view = result.data;
  const latest = view.latest;
  const yours = view.you.acknowledgedVersion;
  // The designer of the latest version is not asked to acknowledge their own work (the panel does the same).
  const mayAcknowledge = view.can.acknowledge && latest !== null && yours !== latest.version && latest.author.accountId !== accountId;
  const shown = mode.kind === 'compare' ? null : ((mode.kind === 'read' ? mode.version : null) ?? latest?.version ?? null);
  // Opened to add a version by someone who may not: the walkthrough is shown, with the reason why not.
  const adding = mode.kind === 'add' && view.can.addVersion;

  const reader = (version: Version) => (
    <VersionReader
      version={version}
      since={latest && version.version === latest.version ? view.you.changesSinceAcknowledged : null}
      questions={view.questions}
      canAsk={view.can.ask}
      canAnswer={view.can.answer}
      pending={action.pending}
      onAsk={ask(version.version)}
      onAnswer={answer}
    />
  );

  return (
    <>
      {region}
      <header className="up-wt-header">
        <div>
          <Heading size="medium" as="h1">
            Design walkthrough · {issueKey}
          </Heading>
          {latest && (
            <p className="up-wt-muted" data-testid="wt-header-latest">
              Latest: version {latest.version} by {latest.author.displayName}, {timeAgo(latest.createdAt)}
              {yours !== null ? ` · you acknowledged version ${yours}` : ' · you have not acknowledged a version'}
            </p>
          )}
        </div>
        <div className="up-wt-row">
          {mayAcknowledge && !adding && shown === latest.version && (
            <Button appearance="primary" onClick={() => acknowledge(latest.version)} isLoading={action.pending === 'acknowledge'} testId="wt-acknowledge">
              Acknowledge version {latest.version}
            </Button>
          )}
          {view.can.addVersion && !adding && (
            <Button onClick={() => setMode({ kind: 'add' })} testId="wt-add-version">
              Add version {(latest?.version ?? 0) + 1}
            </Button>
          )}
          <Button appearance="subtle" onClick={close} testId="wt-close">
            Close
          </Button>
        </div>
      </header>
      {action.failure && <LazyErrorMessage error={action.failure.error} onRetry={action.failure.retry} />}
      {!view.can.addVersion && view.can.reason && latest === null && <p className="up-wt-muted">{view.can.reason}</p>}

      {adding ? (
        draft ? (
          <VersionForm
            issueKey={issueKey}
            view={view}
            draft={draft}
            onDraft={setDraft}
            onConflict={refresh}
            onCancel={() => {
              setDraft(null);
              setMode({ kind: 'read', version: null });
            }}
            onSaved={(saved) => {
              changed.current = true;
              update(() => saved.view);
              setDraft(null);
              setMode({ kind: 'read', version: null });
              announce(`Version ${saved.view.latest?.version ?? ''} saved.`);
              requestAnimationFrame(() => document.getElementById('wt-version-heading')?.focus());
            }}
          />
        ) : (
          <Loading what="the latest version to start from" />
        )
      ) : latest === null ? (
        <Empty
          title="No walkthrough yet"
          action={
            view.can.addVersion ? (
              <Button appearance="primary" onClick={() => setMode({ kind: 'add' })} testId="wt-empty-add">
                Add version 1
              </Button>
            ) : undefined
          }
        >
          {view.can.addVersion
            ? 'Add version 1: the design link, a summary, what is new, the decisions and why, and the edge cases and error states.'
            : 'The issue’s designer adds version 1; you can acknowledge it or ask about any item then.'}
        </Empty>
      ) : (
        <div className="up-wt-layout">
          <div className="up-wt-main">
            <nav className="up-wt-versions" aria-label="Versions">
              <span className="up-wt-label" id="wt-versions-label">
                Version
              </span>
              <div className="up-wt-row" role="group" aria-labelledby="wt-versions-label">
                {view.versions.map((v) => (
                  <Button
                    key={v.version}
                    spacing="compact"
                    isSelected={shown === v.version}
                    aria-pressed={shown === v.version}
                    onClick={() => setMode({ kind: 'read', version: v.version })}
                    testId={`wt-version-${v.version}`}
                  >
                    {`v${v.version}${v.version === latest.version ? ' (latest)' : ''}`}
                  </Button>
                ))}
                {view.versions.length > 1 && (
                  <Button spacing="compact" appearance="subtle" isSelected={mode.kind === 'compare'} aria-pressed={mode.kind === 'compare'} onClick={() => setMode({ kind: 'compare' })} testId="wt-compare-open">
                    Compare versions
                  </Button>
                )}
              </div>
            </nav>
            {mode.kind === 'compare' ? (
              <CompareView issueKey={issueKey} versions={view.versions} />
            ) : (
              <>
                <h2 id="wt-version-heading" tabIndex={-1} className="up-wt-version-heading">
                  Version {shown}
                  {shown === latest.version ? ' (latest)' : ''}
                </h2>
                {shown === latest.version && <ChangesBanner view={view} onNext={focusNextChange} />}
                {shown === latest.version || shown === null ? reader(latest) : <OlderVersion key={shown} issueKey={issueKey} version={shown} render={reader} />}
              </>
            )}
          </div>
          <aside className="up-wt-side" aria-label="Acknowledgements and questions">
            <section aria-labelledby="wt-acks-heading" data-testid="wt-acks">
              <h3 id="wt-acks-heading">Acknowledged by</h3>
              {view.acknowledgements.length === 0 ? (
                <p className="up-wt-muted">Nobody yet. Engineers acknowledge a version once they have read it; readiness waits for one.</p>
              ) : (
                <ul className="up-wt-acklist">
                  {view.acknowledgements.map((ack) => (
                    <li key={ack.person.accountId} data-testid="wt-ack">
                      <strong>{ack.person.displayName}</strong>
                      <span className="up-wt-muted">
                        {' '}
                        version {ack.version}
                        {ack.ofLatest ? ' (latest)' : ''}, {timeAgo(ack.at)}
                        {ack.engineer ? '' : ' · not in engineering'}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="wt-questions-heading">
              <h3 id="wt-questions-heading">Questions</h3>
              <p className="up-wt-muted" data-testid="wt-questions-count">
                {view.questions.length === 0
                  ? 'No questions yet: ask on any item with “Ask a question”.'
                  : `${plural(view.questions.filter((q) => q.answer === null).length, 'open question')}, ${plural(view.questions.filter((q) => q.answer !== null).length, 'answered question')}. Each is shown under its item.`}
              </p>
            </section>
            {!view.can.addVersion && view.can.reason && <p className="up-wt-muted">{view.can.reason}</p>}
          </aside>
        </div>
      )}
    </>
  );
}

/** The walkthrough's full view, in the modal the issue panel opens (see modal-context.ts). */
export default function WalkthroughView({ context, modal }: SurfaceProps & { modal: WalkthroughModalContext }) {
  const issueKey = context.issueKey ?? modal.issueKey;
  return (
    <SurfaceLayout label="Design walkthrough">
      {issueKey ? <Walkthrough issueKey={issueKey} start={modal.start} accountId={context.accountId} /> : <Empty title="No issue here">Open the walkthrough from an issue’s Upstream panel.</Empty>}
    </SurfaceLayout>
  );
}

