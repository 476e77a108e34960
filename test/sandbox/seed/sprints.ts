/**
 * The scrum boards' sprint calendars, and the story each sprint's work tells. Payments is drowning in
 * corrective work, worse each sprint; Invoicing keeps a balanced mix but has not triaged its active sprint.
 */
import type { WorkType } from '../../../src/domain/work-type';
import type { JiraSprint } from '../jira/model';
import { HOUR_MS, addDays, addMs, startOfUtcDay } from './calendar';
import { BOARD_IDS } from './projects';

export type ScrumProjectKey = 'PAY' | 'INV';

/** What a sprint's issues must add up to; the issue generator redraws a sprint until it does. */
export interface SprintStory {
  /** Target share of each work type by story points, among classified estimated issues. */
  mixByPoints: Readonly<Record<WorkType, number>>;
  /** How far each share may land from its target. */
  tolerance: number;
  /** Share of the sprint's issues (by count) nobody has classified yet. */
  unclassifiedShare: number;
}

export interface PlannedSprint {
  sprint: JiraSprint;
  projectKey: ScrumProjectKey;
  story: SprintStory;
  /** How many issues start life in this sprint (carried-over issues and sub-tasks come on top). */
  newIssueCount: readonly [min: number, max: number];
}

interface BoardCalendar {
  projectKey: ScrumProjectKey;
  boardId: number;
  firstSprintNumber: number;
  /** Days between the active sprint's start and today: the two boards are not in step. */
  activeSprintAgeDays: number;
  goals: readonly string[];
  stories: readonly SprintStory[];
}

const SPRINT_LENGTH_DAYS = 14;
const CLOSED_SPRINTS = 4;

const corrective = (share: number, unclassifiedShare = 0): SprintStory => ({
  mixByPoints: { Corrective: share, Innovative: ((1 - share) * 2) / 3, Enabling: (1 - share) / 3 },
  tolerance: 0.035,
  unclassifiedShare,
});

const balanced = (unclassifiedShare: number): SprintStory => ({
  mixByPoints: { Innovative: 0.5, Corrective: 0.25, Enabling: 0.25 },
  tolerance: 0.05,
  unclassifiedShare,
});

const CALENDARS: readonly BoardCalendar[] = [
  {
    projectKey: 'PAY',
    boardId: BOARD_IDS.PAY,
    firstSprintNumber: 17,
    activeSprintAgeDays: 6,
    goals: [
      'Ship instant payouts to the first ten marketplace merchants',
      'Stabilise card retries after the acquirer outage',
      'Close out the chargeback backlog before quarter end',
      'Stop double charges and get the payment error rate under 0.5%',
      'Fix the top customer-reported payment failures',
      'Apple Pay and Google Pay at hosted checkout',
    ],
    // Corrective work grows sprint on sprint; the last three closed sprints and the active one sit near 60 %.
    stories: [corrective(0.45, 0.04), corrective(0.58, 0.04), corrective(0.61), corrective(0.6, 0.04), corrective(0.62, 0.1), corrective(0.5, 0.5)],
  },
  {
    projectKey: 'INV',
    boardId: BOARD_IDS.INV,
    firstSprintNumber: 33,
    activeSprintAgeDays: 9,
    goals: [
      'Recurring invoices for annual plans',
      'Dunning emails that get overdue invoices paid',
      'Multi-currency invoices for EU customers',
      'Tax engine on the new rates service',
      'Customer portal: pay, download and dispute an invoice',
      'Credit notes and partial refunds on invoices',
    ],
    stories: [balanced(0.04), balanced(0.04), balanced(0), balanced(0.04), balanced(0.35), balanced(0.6)],
  },
];

/** Both boards' sprints, each board oldest first: four closed, one active (containing `today`), one future. */
export const planSprints = (today: Date): PlannedSprint[] => {
  const plans: PlannedSprint[] = [];
  for (const calendar of CALENDARS) {
    const activeStart = addMs(addDays(startOfUtcDay(today), -calendar.activeSprintAgeDays), 9 * HOUR_MS);
    for (let index = 0; index <= CLOSED_SPRINTS + 1; index += 1) {
      const offsetFromActive = index - CLOSED_SPRINTS;
      const start = addDays(activeStart, offsetFromActive * SPRINT_LENGTH_DAYS);
      const end = addDays(start, SPRINT_LENGTH_DAYS);
      const state: JiraSprint['state'] = offsetFromActive < 0 ? 'closed' : offsetFromActive === 0 ? 'active' : 'future';
      const sprint: JiraSprint = {
        id: 0,
        boardId: calendar.boardId,
        name: `${calendar.projectKey} Sprint ${calendar.firstSprintNumber + index}`,
        state,
        goal: calendar.goals[index] ?? '',
        createdDate: (state === 'future' ? addDays(activeStart, 2) : addDays(start, -3)).toISOString(),
      };
      if (state !== 'future') {
        sprint.startDate = start.toISOString();
        sprint.endDate = end.toISOString();
      }
      // The team closes a sprint in the planning meeting, just before the next one starts.
      if (state === 'closed') sprint.completeDate = addMs(end, -30 * 60 * 1000).toISOString();
      const story = calendar.stories[index];
      if (story === undefined) throw new Error(`No story for ${sprint.name}`);
      const newIssueCount: readonly [number, number] = state === 'active' ? [24, 27] : state === 'closed' ? [19, 23] : [12, 15];
      plans.push({ sprint, projectKey: calendar.projectKey, story, newIssueCount });
    }
  }
  // Jira numbers sprints site-wide in the order they were created.
  const byCreation = [...plans].sort(
    (left, right) => left.sprint.createdDate.localeCompare(right.sprint.createdDate) || left.sprint.boardId - right.sprint.boardId,
  );
  byCreation.forEach((plan, index) => {
    plan.sprint.id = 41 + index;
  });
  return plans;
};
