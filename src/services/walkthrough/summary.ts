/** The walkthrough in brief for the issue panel: who acknowledged what, and the assignee's badge. */
import type { PanelWalkthroughDto } from '../../contract';
import type { StoredWalkthroughVersion, WalkthroughAck, WalkthroughQuestion } from '../../store/walkthrough-repository';
import { acknowledgementOf, latestAckPerPerson, versionSummaryOf } from './present';

export function panelWalkthroughOf(
  versions: readonly StoredWalkthroughVersion[],
  acks: readonly WalkthroughAck[],
  questions: readonly WalkthroughQuestion[],
  reader: string | null,
  assignee: string | null,
): PanelWalkthroughDto {
  const newest = versions.at(-1);
  const latest = newest?.version ?? null;
  const perPerson = latestAckPerPerson(acks);
  const yours = perPerson.find((ack) => ack.accountId === reader)?.version ?? null;
  const newSince = latest !== null && yours !== null ? Math.max(0, latest - yours) : 0;
  return {
    latestVersion: latest,
    latest: newest ? versionSummaryOf(newest) : null,
    acknowledgedBy: perPerson.map((ack) => acknowledgementOf(ack, latest)),
    yourAcknowledgedVersion: yours,
    newSinceYourAcknowledgement: newSince,
    nudge: newSince > 0 && reader !== null && reader === assignee,
    openQuestions: questions.filter((q) => q.answer === null).length,
  };
}
