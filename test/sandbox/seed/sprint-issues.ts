/**
 * A scrum board's sprints filled with work, oldest first. Each sprint's work is drawn until its mix of work
 * types tells the sprint's story; unfinished work carries over into the next sprint, as it does in Jira.
 */
import type { WorkType } from '../../../src/domain/work-type';
import { WORK_TYPES } from '../../../src/domain/work-type';
import { DAY_MS, HOUR_MS, addDays, addMs, earliest, latest, momentBetween } from './calendar';
import type { DraftBook, DraftIssue } from './draft';
import type { SeededRandom } from './random';
import { tallyShape, tellsStory } from './shape';
import type { PlannedSprint } from './sprints';
import type { ProjectContext } from './work-items';
import { anotherKind, drawStoryPoints, drawWorkItem, meanStoryPoints } from './work-items';

/** What the shape check needs of an issue before it is written: its classification, nature and estimate. */
interface Slot {
  workType: WorkType | null;
  nature: WorkType;
  storyPoints: number | null;
}

const MAX_DRAWS_PER_SPRINT = 5000;
/** How often a person's classification differs from what the summary reads as. */
const CLASSIFIED_AGAINST_NATURE = 0.12;
const UNESTIMATED_SHARE: Readonly<Record<PlannedSprint['sprint']['state'], number>> = { closed: 0.06, active: 0.12, future: 0.3 };
const SUBTASK_PARENTS: Readonly<Record<PlannedSprint['sprint']['state'], number>> = { closed: 1, active: 4, future: 0 };

const SUBTASK_SUMMARIES: readonly string[] = [
  'Backend changes',
  'Frontend changes',
  'Write tests',
  'Update the API docs',
  'QA on staging',
  'Feature flag and rollout plan',
  'Migration script',
];

/** Splits `total` by weight into whole numbers that add up to it (largest remainder). */
const apportion = (total: number, weights: readonly number[]): number[] => {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const exact = weights.map((weight) => (total * weight) / weightSum);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((left, right) => right.remainder - left.remainder);
  for (let given = counts.reduce((sum, count) => sum + count, 0), step = 0; given < total; given += 1, step += 1) {
    const next = byRemainder[step % byRemainder.length];
    if (next !== undefined) counts[next.index] = (counts[next.index] ?? 0) + 1;
  }
  return counts;
};

const drawSlots = (random: SeededRandom, plan: PlannedSprint, carriedIn: readonly Slot[]): Slot[] => {
  const newCount = random.integer(plan.newIssueCount[0], plan.newIssueCount[1]);
  const total = newCount + carriedIn.length;
  const carriedUnclassified = carriedIn.filter((slot) => slot.workType === null).length;
  const unclassified = Math.min(newCount, Math.max(0, Math.round(total * plan.story.unclassifiedShare) - carriedUnclassified));
  // The mix is by points, but issues are counted out: kinds with smaller estimates need more issues.
  const countWeights = WORK_TYPES.map((kind) => plan.story.mixByPoints[kind] / meanStoryPoints(kind));
  const classifiedCounts = apportion(newCount - unclassified, countWeights);
  const classifications: (WorkType | null)[] = [];
  WORK_TYPES.forEach((kind, index) => {
    for (let count = 0; count < (classifiedCounts[index] ?? 0); count += 1) classifications.push(kind);
  });
  for (let count = 0; count < unclassified; count += 1) classifications.push(null);
  return random.shuffle(classifications).map((workType): Slot => {
    const nature =
      workType === null
        ? random.weighted(WORK_TYPES.map((kind, index) => [kind, countWeights[index] ?? 0] as const))
        : random.chance(CLASSIFIED_AGAINST_NATURE)
          ? anotherKind(random, workType)
          : workType;
    const storyPoints = random.chance(UNESTIMATED_SHARE[plan.sprint.state]) ? null : drawStoryPoints(random, nature);
    return { workType, nature, storyPoints };
  });
};

const drawSlotsTellingStory = (random: SeededRandom, plan: PlannedSprint, carriedIn: readonly Slot[]): Slot[] => {
  for (let attempt = 0; attempt < MAX_DRAWS_PER_SPRINT; attempt += 1) {
    const slots = drawSlots(random, plan, carriedIn);
    if (tellsStory(tallyShape([...carriedIn, ...slots]), plan.story)) return slots;
  }
  throw new Error(`${plan.sprint.name}: no draw told its story "${plan.sprint.goal}"`);
};

interface SprintDates {
  start: Date;
  end: Date;
  completed: Date | null;
}

const datesOf = (plan: PlannedSprint, today: Date): SprintDates => {
  const { startDate, endDate, completeDate } = plan.sprint;
  if (startDate === undefined || endDate === undefined) return { start: addDays(today, 1), end: addDays(today, 15), completed: null };
  return { start: new Date(startDate), end: new Date(endDate), completed: completeDate === undefined ? null : new Date(completeDate) };
};

const drawCreated = (random: SeededRandom, plan: PlannedSprint, today: Date): Date => {
  const next = (): number => random.next();
  if (plan.sprint.state === 'future') return momentBetween(next, addDays(today, -30), addMs(today, -2 * HOUR_MS));
  const { start, end } = datesOf(plan, today);
  // Most work is filed before planning; some arrives once the sprint is under way.
  if (random.chance(0.85)) return momentBetween(next, addDays(start, -35), addMs(start, -HOUR_MS));
  return momentBetween(next, start, earliest(addDays(end, -3), addDays(today, -1)));
};

const finishWork = (random: SeededRandom, issue: DraftIssue, from: Date, until: Date, today: Date): void => {
  const next = (): number => random.next();
  const resolved = momentBetween(next, addMs(latest(issue.created, from), 2 * HOUR_MS), until);
  issue.status = 'Done';
  issue.resolved = resolved;
  issue.updated = momentBetween(next, resolved, earliest(addMs(resolved, 2 * DAY_MS), today));
};

/** Where an issue ends up once `plan` is its last sprint: the status, dates and assignee that follow. */
const settle = (random: SeededRandom, issue: DraftIssue, plan: PlannedSprint, today: Date, droppedAtClose: boolean): void => {
  const next = (): number => random.next();
  const { start, completed } = datesOf(plan, today);
  switch (plan.sprint.state) {
    case 'closed': {
      const closedAt = completed ?? start;
      if (!droppedAtClose) {
        finishWork(random, issue, start, addMs(closedAt, -HOUR_MS), today);
        return;
      }
      issue.status = random.weighted([['To Do', 2], ['In Progress', 1]] as const);
      issue.updated = momentBetween(next, closedAt, today);
      if (issue.status === 'To Do' && random.chance(0.5)) issue.assigneeAccountId = null;
      return;
    }
    case 'active': {
      const status = random.weighted([['Done', 35], ['In Review', 15], ['In Progress', 25], ['To Do', 25]] as const);
      if (status === 'Done') {
        finishWork(random, issue, start, addMs(today, -30 * 60 * 1000), today);
        return;
      }
      issue.status = status;
      issue.updated = momentBetween(next, latest(issue.created, start), today);
      if (status === 'To Do' && random.chance(0.35)) issue.assigneeAccountId = null;
      return;
    }
    case 'future':
      issue.status = 'To Do';
      issue.updated = momentBetween(next, issue.created, today);
      if (random.chance(0.7)) issue.assigneeAccountId = null;
      return;
  }
};

const addSubtasks = (context: ProjectContext, book: DraftBook, parent: DraftIssue, today: Date): void => {
  const { random } = context;
  const next = (): number => random.next();
  const summaries = random.shuffle(SUBTASK_SUMMARIES).slice(0, random.integer(1, 3));
  for (const summary of summaries) {
    // A sub-task is split off while its parent is open, and is finished no later than its parent.
    const latestCreation = earliest(addMs(parent.created, 2 * DAY_MS), addMs(parent.resolved ?? today, -HOUR_MS));
    const created = momentBetween(next, parent.created, latestCreation);
    const subtask = book.add({
      projectKey: parent.projectKey,
      issueType: 'Sub-task',
      status: 'To Do',
      summary,
      description: null,
      labels: [],
      priority: parent.priority,
      assigneeAccountId: parent.assigneeAccountId,
      reporterAccountId: parent.assigneeAccountId ?? parent.reporterAccountId,
      parentRef: parent.ref,
      created,
      updated: created,
      resolved: null,
      storyPoints: null,
      nature: parent.nature,
      workType: parent.workType,
      sprintIds: [...parent.sprintIds],
    });
    const status = parent.status === 'Done' ? 'Done' : parent.status === 'To Do' ? 'To Do' : random.weighted([['Done', 2], ['In Progress', 1], ['To Do', 1]] as const);
    if (status === 'Done') {
      const resolved = momentBetween(next, addMs(created, 30 * 60 * 1000), parent.resolved ?? addMs(today, -30 * 60 * 1000));
      subtask.status = 'Done';
      subtask.resolved = resolved;
      subtask.updated = resolved;
    } else {
      subtask.status = status;
      subtask.updated = momentBetween(next, created, today);
    }
  }
};

/** Fills one board's sprints (oldest first) with issues and adds them to `book`. */
export const fillBoardSprints = (context: ProjectContext, book: DraftBook, plans: readonly PlannedSprint[], today: Date): void => {
  const { random } = context;
  let carriedIn: DraftIssue[] = [];
  plans.forEach((plan, index) => {
    const isLastClosed = plan.sprint.state === 'closed' && plans[index + 1]?.sprint.state === 'active';
    const slots = drawSlotsTellingStory(random, plan, carriedIn);
    const fresh = slots.map((slot): DraftIssue => {
      const item = drawWorkItem(context, slot.nature);
      const created = drawCreated(random, plan, today);
      return book.add({
        projectKey: context.projectKey,
        issueType: item.issueType,
        status: 'To Do',
        summary: item.summary,
        description: item.description,
        labels: item.labels,
        priority: item.priority,
        assigneeAccountId: item.likelyAssigneeAccountId,
        reporterAccountId: item.reporterAccountId,
        parentRef: item.parentRef,
        created,
        updated: created,
        resolved: null,
        storyPoints: slot.storyPoints,
        nature: slot.nature,
        workType: slot.workType,
        sprintIds: [plan.sprint.id],
      });
    });

    for (const issue of carriedIn) {
      issue.sprintIds.push(plan.sprint.id);
      settle(random, issue, plan, today, false);
    }
    const carriedOut = plan.sprint.state === 'closed' ? random.shuffle(fresh).slice(0, isLastClosed ? random.integer(2, 3) : random.integer(1, 2)) : [];
    const staying = fresh.filter((issue) => !carriedOut.includes(issue));
    for (const issue of staying) settle(random, issue, plan, today, random.chance(0.05));
    for (const issue of carriedOut) {
      issue.status = 'In Progress';
      issue.updated = momentBetween(() => random.next(), issue.created, datesOf(plan, today).completed ?? today);
    }

    const subtaskParents = random
      .shuffle(staying.filter((issue) => issue.issueType !== 'Bug' && (issue.storyPoints ?? 0) >= 3))
      .slice(0, SUBTASK_PARENTS[plan.sprint.state]);
    for (const parent of subtaskParents) addSubtasks(context, book, parent, today);
    carriedIn = carriedOut;
  });
};
