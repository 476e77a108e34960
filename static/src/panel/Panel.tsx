import { Suspense, lazy, useCallback, useState } from 'react';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { IssueSummary } from '../../../src/contract';
import type { WorkType } from '../../../src/domain/work-type';
import type { SurfaceProps } from '../surface';
import { callResolver } from '../api';
import { useResolver } from '../use-resolver';
import { useRefreshable } from '../ui/use-refreshable';
import { useAction } from '../ui/use-action';
import { useAnnouncer } from '../ui/Announcer';
import { emitWorkTypeChanged, useIssueChanges } from '../ui/issue-events';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';
import { Loading } from '../ui/Loading';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { WorkTypeSection } from '../work-type/WorkTypeSection';
import { OriginSection, type OriginChange } from '../origin/OriginSection';
import type { UnlinkedOrigin } from '../origin/UndoUnlink';
import { ReadinessList } from './ReadinessList';
import { WalkthroughSection } from './walkthrough/WalkthroughSection';
import { useWalkthroughActions } from './walkthrough/use-walkthrough-actions';
import type { Origin, PanelContext } from './types';
import './panel.css';

const STATUS_APPEARANCE = { new: 'default', indeterminate: 'inprogress', done: 'success' } as const;

function IssueFacts({ issue }: { issue: IssueSummary }) {
  return (
    <Stack space="space.100">
      <Heading size="small" as="h2">
        {issue.key}: {issue.summary}
      </Heading>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance={STATUS_APPEARANCE[issue.status.category]}>{issue.status.name}</Lozenge>
        <Text color="color.text.subtle">{issue.issueType}</Text>
        <Text color="color.text.subtle">·</Text>
        <Text color="color.text.subtle">
          {issue.project.name} ({issue.project.key})
        </Text>
      </Inline>
    </Stack>
  );
}

function SignedInAs() {
  const viewer = useResolver('viewer.get', {});
  if (viewer.state !== 'ready') return null;
  return (
    <Text size="small" color="color.text.subtlest" testId="upstream-signed-in-as">
      Signed in as {viewer.data.displayName}
    </Text>
  );
}

// Loaded only for a refusal, like the error view: SectionMessage and its icons stay off the happy path.
const Refusal = lazy(() => import('./Refusal'));

const focusSection = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

function IssueContext({ issueKey, accountId }: { issueKey: string; accountId: string | null }) {
  const { result, reload, refresh, update } = useRefreshable('panel.context', { issueKey });
  const action = useAction();
  const { region, announce } = useAnnouncer();
  const [unlinked, setUnlinked] = useState<UnlinkedOrigin | null>(null);
  const walkthroughActions = useWalkthroughActions({ issueKey, action, update, refresh, announce });
  const issueId = result.state === 'ready' ? result.data.issue.id : null;
  // Someone changed the issue elsewhere (the Work type field, a workflow): show it without a spinner.
  useIssueChanges({ key: issueKey, id: issueId }, refresh, { includeUpstreamEvents: false });

  const setWorkType = useCallback(
    (value: WorkType | null, acceptedSuggestion: boolean) =>
      action.run(acceptedSuggestion ? 'confirm' : 'change', async () => {
        const saved = await callResolver('workType.set', { issueKey, workType: value, acceptedSuggestion });
        // The write answers with everything it changed on screen (the value, who set it, the readiness), so the
        // panel does not read its whole context again. The suggestion does not depend on the issue's own value.
        update((data) => ({
          ...data,
          workType: { ...data.workType, value: saved.value, decision: saved.decision },
          // The write judges only the items it read (work type, origin); the others stay as the panel has them.
          readiness: data.readiness.map((item) => saved.readiness.find((s) => s.key === item.key) ?? item),
        }));
        emitWorkTypeChanged({ issueKey, value: saved.value });
        announce(saved.value ? `Work type set to ${saved.value}.` : 'Work type cleared.');
        focusSection('panel-work-type-focus');
      }),
    [action, issueKey, update, announce],
  );

  const applyOrigin = useCallback(
    (origin: Origin) => update((data: PanelContext) => ({ ...data, origin })),
    [update],
  );

  // After an origin change the panel still reads its context again: the origin feeds the suggestion (a signal
  // routed to "quick fix" suggests Corrective), which only the server computes.
  const changeOrigin = useCallback(
    (change: OriginChange) => {
      const name = change.kind === 'unlink-signal' ? `unlink:${change.signalId}` : change.kind === 'unlink-note' ? 'unlink:note' : 'mark-none';
      return action.run(name, async () => {
        const { origin } =
          change.kind === 'unlink-signal'
            ? await callResolver('origin.unlink', { issueKey, signalId: change.signalId })
            : change.kind === 'unlink-note'
              ? await callResolver('origin.unlink', { issueKey, discoveryNote: true })
              : await callResolver('origin.markNone', { issueKey });
        applyOrigin(origin);
        if (change.kind === 'mark-none') {
          setUnlinked(null);
          announce('Marked as having no origin.');
          focusSection('panel-origin-focus');
        } else {
          // The undo takes the focus itself (the Unlink button pressed has gone with its record).
          setUnlinked({
            label: change.label,
            relink: change.kind === 'unlink-signal' ? { signalId: change.signalId } : { discoveryNoteId: change.noteId },
          });
          announce(`Unlinked ${change.label}.`);
        }
        refresh();
      });
    },
    [action, issueKey, applyOrigin, announce, refresh],
  );

  const undoUnlink = useCallback(() => {
    if (!unlinked) return;
    const { relink, label } = unlinked;
    void action.run('undo-unlink', async () => {
      const { origin } = await callResolver(
        'origin.link',
        'signalId' in relink ? { issueKey, signalIds: [relink.signalId] } : { issueKey, discoveryNoteId: relink.discoveryNoteId },
      );
      applyOrigin(origin);
      setUnlinked(null);
      announce(`Linked ${label} again.`);
      focusSection('panel-origin-focus');
      refresh();
    });
  }, [action, issueKey, unlinked, applyOrigin, announce, refresh]);

  const dismissUndo = useCallback(() => {
    setUnlinked(null);
    focusSection('panel-origin-focus');
  }, []);

  const onLinked = useCallback(
    (origin: Origin, what: string) => {
      applyOrigin(origin);
      setUnlinked(null);
      announce(`Linked ${what}.`);
      refresh();
    },
    [applyOrigin, announce, refresh],
  );

  if (result.state === 'loading') return <Loading what="the issue's context" />;
  if (result.state === 'error') {
    return result.error.code === 'not-found' || result.error.code === 'forbidden' ? (
      <Suspense fallback={<p role="alert">{result.error.message}</p>}>
        <Refusal issueKey={issueKey} error={result.error} />
      </Suspense>
    ) : (
      <LazyErrorMessage error={result.error} onRetry={reload} />
    );
  }
  const data = result.data;
  return (
    <>
      {region}
      <IssueFacts issue={data.issue} />
      {!data.canEdit && (
        <Text as="p" color="color.text.subtle" testId="panel-read-only">
          You can see this issue but not edit it, so you can't change its work type or origin here. Ask a project admin for
          the Edit issues permission if you need to.
        </Text>
      )}
      {action.failure && <LazyErrorMessage error={action.failure.error} onRetry={action.failure.retry} />}
      <div id="panel-work-type-focus" tabIndex={-1} style={{ outline: 'none' }}>
        <WorkTypeSection workType={data.workType} canEdit={data.canEdit} pending={action.pending} onSet={setWorkType} />
      </div>
      <div id="panel-origin-focus" tabIndex={-1} style={{ outline: 'none' }}>
        <OriginSection
          origin={data.origin}
          issueKey={issueKey}
          canEdit={data.canEdit}
          pending={action.pending}
          unlinked={unlinked}
          onChange={changeOrigin}
          onUndo={undoUnlink}
          onDismissUndo={dismissUndo}
          onLinked={onLinked}
        />
      </div>
      <WalkthroughSection
        issueKey={issueKey}
        walkthrough={data.walkthrough}
        canEdit={data.canEdit}
        accountId={accountId}
        pending={action.pending}
        onAcknowledge={walkthroughActions.acknowledge}
        onClosed={walkthroughActions.onClosed}
      />
      <ReadinessList items={data.readiness} />
      <SignedInAs />
    </>
  );
}

/** The issue panel: the work type and its suggestion, where the issue came from, and what it still needs. */
export default function Panel({ context }: SurfaceProps) {
  return (
    <SurfaceLayout label="Upstream context">
      {context.issueKey ? (
        <IssueContext issueKey={context.issueKey} accountId={context.accountId} />
      ) : (
        <Empty title="No issue here">Open Upstream from an issue to see its context.</Empty>
      )}
    </SurfaceLayout>
  );
}
