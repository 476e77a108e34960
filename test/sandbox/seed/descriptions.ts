/** Issue descriptions in Atlassian Document Format, written the way each kind of work is usually explained. */
import type { WorkType } from '../../../src/domain/work-type';
import type { AdfDocument } from '../jira/model';
import type { SeededRandom } from './random';

const CONTEXT: Readonly<Record<WorkType, readonly string[]>> = {
  Corrective: [
    'Seen in production since the last release; the error rate is low but steady.',
    'Support has three tickets about this from the past week.',
    'Reproduces on staging with the default test merchant.',
    'Started after the acquirer changed their response codes.',
    'Only some accounts are affected; we have not found what they share yet.',
    'Found while investigating an unrelated alert. No customer has reported it so far.',
  ],
  Innovative: [
    'Customers asked for this in the last two quarterly business reviews.',
    'Sales says this comes up in most enterprise evaluations.',
    'Competitors already offer this and we lose deals over it.',
    'Designs are linked from the walkthrough on this issue.',
    'Start with the smallest version that a pilot customer can use.',
  ],
  Enabling: [
    'The current version leaves security support at the end of the quarter.',
    'This keeps slowing down every change in this area.',
    'Needed before the next feature in this epic can start.',
    'The old path has no tests and nobody wants to touch it.',
    'Platform asked every team to finish this before the cluster upgrade.',
  ],
};

const DONE_WHEN: Readonly<Record<WorkType, readonly string[]>> = {
  Corrective: [
    'Done when a regression test covers the failing case and the fix is on production.',
    'Expected: the operation completes once and the customer sees a clear state.',
    'Done when the affected accounts are corrected and support has been told.',
  ],
  Innovative: [
    'Done when a pilot customer has used it end to end.',
    'Acceptance: behind a feature flag, on for internal accounts, with usage tracked.',
    'Done when the help centre article is published and support has seen a demo.',
  ],
  Enabling: [
    'Done when staging and production both run the new version with no alerts for a week.',
    'Acceptance: no change visible to customers; dashboards show the same or better latency.',
    'Done when the old path is deleted, not just switched off.',
  ],
};

const paragraph = (text: string): unknown => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** A short description; `reportedBy` names the customer a reported problem came from. */
export const describeWork = (random: SeededRandom, kind: WorkType, reportedBy: string | null): AdfDocument => {
  const opening = reportedBy === null ? random.pick(CONTEXT[kind]) : `Reported by ${reportedBy} through their account manager.`;
  return {
    type: 'doc',
    version: 1,
    content: [paragraph(opening), paragraph(random.pick(DONE_WHEN[kind]))],
  };
};
