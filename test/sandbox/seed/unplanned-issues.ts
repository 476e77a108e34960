/** Work outside any sprint: epics, the scrum backlogs waiting for triage, and the platform team's kanban flow. */
import type { WorkType } from '../../../src/domain/work-type';
import { WORK_TYPES } from '../../../src/domain/work-type';
import { DAY_MS, HOUR_MS, addDays, addMs, earliest, momentBetween } from './calendar';
import { describeWork } from './descriptions';
import type { DraftBook, DraftIssue } from './draft';
import { ALEX_MOREAU } from './people';
import type { ProjectVocabulary } from './phrasebook';
import type { ProjectContext } from './work-items';
import { anotherKind, drawStoryPoints, drawWorkItem } from './work-items';

export const addEpics = (context: Omit<ProjectContext, 'epics'>, book: DraftBook, vocabulary: ProjectVocabulary, today: Date): DraftIssue[] => {
  const { random } = context;
  const next = (): number => random.next();
  return vocabulary.epics.map((epic) => {
    context.drawer.reserve(epic.summary);
    return book.add({
      projectKey: context.projectKey,
      issueType: 'Epic',
      status: 'In Progress',
      summary: epic.summary,
      description: describeWork(random, epic.workType, null),
      labels: [],
      priority: 'Medium',
      assigneeAccountId: context.team.productLead.accountId,
      reporterAccountId: context.team.productLead.accountId,
      parentRef: null,
      created: momentBetween(next, addDays(today, -150), addDays(today, -120)),
      updated: momentBetween(next, addDays(today, -10), addMs(today, -HOUR_MS)),
      resolved: null,
      storyPoints: null,
      nature: epic.workType,
      workType: epic.workType,
      sprintIds: [],
    });
  });
};

export interface BacklogPlan {
  count: number;
  /** What the backlog's work really is, as weights. */
  natureWeights: Readonly<Record<WorkType, number>>;
  /** Most of a backlog has never been triaged: that is the work the triage queue exists for. */
  classifiedShare: number;
}

/** A scrum project's backlog: To Do, on no sprint, mostly unestimated, unassigned and unclassified. */
export const addBacklog = (context: ProjectContext, book: DraftBook, plan: BacklogPlan, today: Date): void => {
  const { random } = context;
  const next = (): number => random.next();
  for (let index = 0; index < plan.count; index += 1) {
    const nature = random.weighted(WORK_TYPES.map((kind) => [kind, plan.natureWeights[kind]] as const));
    const item = drawWorkItem(context, nature);
    const created = momentBetween(next, addDays(today, -140), addDays(today, -1));
    const classified = random.chance(plan.classifiedShare);
    book.add({
      projectKey: context.projectKey,
      issueType: item.issueType,
      status: 'To Do',
      summary: item.summary,
      description: item.description,
      labels: item.labels,
      priority: item.priority,
      assigneeAccountId: random.chance(0.25) ? item.likelyAssigneeAccountId : null,
      reporterAccountId: item.reporterAccountId,
      parentRef: item.parentRef,
      created,
      updated: momentBetween(next, created, today),
      resolved: null,
      storyPoints: random.chance(0.45) ? drawStoryPoints(random, nature) : null,
      nature,
      workType: classified ? (random.chance(0.85) ? nature : anotherKind(random, nature)) : null,
      sprintIds: [],
    });
  }
};

export interface KanbanPlan {
  /** How many issues of each kind of work flowed through the board. */
  countByNature: Readonly<Record<WorkType, number>>;
  classifiedShare: number;
}

/** The platform team's kanban board: no sprints, no estimates, a steady flow with most of it done. */
export const addKanbanFlow = (context: ProjectContext, book: DraftBook, plan: KanbanPlan, today: Date): void => {
  const { random } = context;
  const next = (): number => random.next();
  const natures = random.shuffle(WORK_TYPES.flatMap((kind) => Array.from({ length: plan.countByNature[kind] }, () => kind)));
  for (const nature of natures) {
    const item = drawWorkItem(context, nature);
    const created = momentBetween(next, addDays(today, -150), addDays(today, -1));
    const status = random.weighted([['Done', 55], ['In Progress', 12], ['In Review', 8], ['To Do', 25]] as const);
    const resolved = status === 'Done' ? momentBetween(next, addMs(created, 4 * HOUR_MS), earliest(addMs(created, 20 * DAY_MS), addMs(today, -HOUR_MS))) : null;
    // Old finished platform work still names the engineer who has since left.
    const leaverDidIt = resolved !== null && created.getTime() < addDays(today, -60).getTime() && random.chance(0.3);
    const assignee = leaverDidIt ? ALEX_MOREAU.accountId : status === 'To Do' && random.chance(0.5) ? null : item.likelyAssigneeAccountId;
    const classified = random.chance(plan.classifiedShare);
    book.add({
      projectKey: context.projectKey,
      issueType: item.issueType,
      status,
      summary: item.summary,
      description: item.description,
      labels: item.labels,
      priority: item.priority,
      assigneeAccountId: assignee,
      reporterAccountId: item.reporterAccountId,
      parentRef: item.parentRef,
      created,
      updated: resolved ?? momentBetween(next, created, today),
      resolved,
      storyPoints: null,
      nature,
      workType: classified ? (random.chance(0.88) ? nature : anotherKind(random, nature)) : null,
      sprintIds: [],
    });
  }
};
