import { Suspense, lazy, useCallback } from 'react';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { IssueSummary } from '../../../src/contract';
import type { WorkType } from '../../../src/domain/work-type';
import type { SurfaceProps } from '../main';
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
import { ReadinessList } from './ReadinessList';
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

function IssueContext({ issueKey }: { issueKey: string }) {
  const { result, reload, refresh, update } = useRefreshable('panel.context', { issueKey });
  const action = useAction();
  const { region, announce } = useAnnouncer();
  const issueId = result.state === 'ready' ? result.data.issue.id : null;
  // Someone changed the issue elsewhere (the Work type field, a workflow): show it without a spinner.
  useIssueChanges({ key: issueKey, id: issueId }, refresh, { includeUpstreamEvents: false });

  const setWorkType = useCallback(
    (value: WorkType | null, acceptedSuggestion: boolean) =>
      action.run(acceptedSuggestion ? 'confirm' : 'change', async () => {
        const saved = await callResolver('workType.set', { issueKey, workType: value, acceptedSuggestion });
        update((data) => ({ ...data, workType: { ...data.workType, value: saved.value, decision: saved.decision } }));
        emitWorkTypeChanged({ issueKey, value: saved.value });
        announce(saved.value ? `Work type set to ${saved.value}.` : 'Work type cleared.');
        focusSection('panel-work-type-focus');
        refresh();
      }),
    [action, issueKey, update, announce, refresh],
  );

  const applyOrigin = useCallback(
    (origin: Origin) => update((data: PanelContext) => ({ ...data, origin })),
    [update],
  );

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
        announce(change.kind === 'mark-none' ? 'Marked as having no origin.' : `Unlinked ${change.label}.`);
        focusSection('panel-origin-focus');
        refresh();
      });
    },
    [action, issueKey, applyOrigin, announce, refresh],
  );

  const onLinked = useCallback(
    (origin: Origin, what: string) => {
      applyOrigin(origin);
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
          projectKey={data.issue.project.key}
          canEdit={data.canEdit}
          pending={action.pending}
          onChange={changeOrigin}
          onLinked={onLinked}
        />
      </div>
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
        <IssueContext issueKey={context.issueKey} />
      ) : (
        <Empty title="No issue here">Open Upstream from an issue to see its context.</Empty>
      )}
    </SurfaceLayout>
  );
}
