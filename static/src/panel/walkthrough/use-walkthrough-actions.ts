import { useCallback } from 'react';
import type { PanelWalkthroughDto, WalkthroughViewDto } from '../../../../src/contract';
import { isReady } from '../../../../src/domain/readiness';
import { callResolver } from '../../api';
import type { Action } from '../../ui/use-action';
import type { Refreshable } from '../../ui/use-refreshable';
import type { WalkthroughClosePayload } from '../../walkthrough/modal-context';

/** The panel's brief of the walkthrough, from the full view a write answers with (the same facts, summed up). */
export function briefOf(view: WalkthroughViewDto, before: PanelWalkthroughDto): PanelWalkthroughDto {
  const latest = view.versions[0] ?? null;
  const yours = view.you.acknowledgedVersion;
  const newSince = latest && yours !== null ? Math.max(0, latest.version - yours) : 0;
  return {
    latestVersion: latest?.version ?? null,
    latest,
    acknowledgedBy: view.acknowledgements,
    yourAcknowledgedVersion: yours,
    newSinceYourAcknowledgement: newSince,
    // Whether the reader is the assignee is the panel's to know; the badge stays only while versions are new.
    nudge: before.nudge && newSince > 0,
    openQuestions: view.questions.filter((q) => q.answer === null).length,
  };
}

/**
 * The panel's walkthrough actions: acknowledging the latest version in place (the write answers with the
 * walkthrough and the readiness, so the panel does not read its context again), and reading the context again
 * after the full view closed with something saved in it.
 */
export function useWalkthroughActions({
  issueKey,
  action,
  update,
  refresh,
  announce,
}: {
  issueKey: string;
  action: Action;
  update: Refreshable<'panel.context'>['update'];
  refresh: () => void;
  announce: (message: string) => void;
}) {
  const acknowledge = useCallback(
    (version: number) =>
      void action.run('acknowledge', async () => {
        const { view, readiness } = await callResolver('walkthrough.acknowledge', { issueKey, version });
        update((data) => ({ ...data, walkthrough: briefOf(view, data.walkthrough), readiness, ready: isReady(readiness) }));
        announce(`You acknowledged version ${version} of the design walkthrough.`);
      }),
    [action, issueKey, update, announce],
  );
  const onClosed = useCallback(
    (payload: WalkthroughClosePayload) => {
      if (payload.changed) refresh();
    },
    [refresh],
  );
  return { acknowledge, onClosed };
}
