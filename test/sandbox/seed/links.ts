/**
 * The links between issues that a working team leaves behind: bugs found while building a story, upgrades
 * that block features, reports filed twice by sales, and a bug cloned into the project that shares the code.
 */
import { DAY_MS, HOUR_MS, addMs, earliest, momentBetween } from './calendar';
import type { Customer } from './customers';
import type { DraftBook, DraftIssue } from './draft';
import { SALES_REPS } from './people';
import type { ProjectKey } from './projects';
import type { SeededRandom } from './random';

type IssueFilter = (issue: DraftIssue) => boolean;

const pickUnlinked = (random: SeededRandom, book: DraftBook, linked: Set<number>, filter: IssueFilter): DraftIssue => {
  const candidates = book.issues.filter((issue) => !linked.has(issue.ref) && filter(issue));
  const chosen = random.pick(candidates);
  linked.add(chosen.ref);
  return chosen;
};

const inProject =
  (projectKey: ProjectKey, filter: IssueFilter): IssueFilter =>
  (issue) =>
    issue.projectKey === projectKey && filter(issue);

const isSprintBug: IssueFilter = (issue) => issue.issueType === 'Bug' && issue.nature === 'Corrective' && issue.sprintIds.length > 0;
const isFeatureStory: IssueFilter = (issue) => issue.issueType === 'Story' && issue.nature === 'Innovative';
const isEnablingTask: IssueFilter = (issue) => issue.issueType === 'Task' && issue.nature === 'Enabling';
const isOpenBacklogBug: IssueFilter = (issue) => issue.issueType === 'Bug' && issue.sprintIds.length === 0 && issue.status === 'To Do';

/** Sales files a problem the team already knows about; the team closes it as a duplicate the same week. */
const addDuplicateReport = (random: SeededRandom, book: DraftBook, original: DraftIssue, customer: Customer, today: Date): DraftIssue => {
  const next = (): number => random.next();
  const created = momentBetween(next, addMs(original.created, DAY_MS), addMs(today, -2 * DAY_MS));
  const resolved = momentBetween(next, addMs(created, HOUR_MS), earliest(addMs(created, 3 * DAY_MS), addMs(today, -HOUR_MS)));
  return book.add({
    projectKey: original.projectKey,
    issueType: 'Bug',
    status: 'Done',
    summary: `${customer.name}: ${original.summary}`,
    description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `Raised by ${customer.name} on their weekly call.` }] }] },
    labels: ['customer-reported'],
    priority: 'High',
    assigneeAccountId: null,
    reporterAccountId: customer.ownerAccountId,
    parentRef: null,
    created,
    updated: resolved,
    resolved,
    storyPoints: null,
    nature: 'Corrective',
    workType: null,
    sprintIds: [],
  });
};

const addClone = (random: SeededRandom, book: DraftBook, original: DraftIssue, into: ProjectKey, today: Date): DraftIssue => {
  const created = momentBetween(() => random.next(), addMs(original.created, HOUR_MS), addMs(today, -HOUR_MS));
  return book.add({
    ...original,
    projectKey: into,
    summary: `CLONE - ${original.summary}`,
    labels: [...original.labels],
    assigneeAccountId: null,
    reporterAccountId: random.pick(SALES_REPS).accountId,
    parentRef: null,
    created,
    updated: created,
    resolved: null,
    workType: null,
    sprintIds: [],
  });
};

/** Words long enough to name a thing ("payout", "dispute", "invoice"), for linking work about the same thing. */
const topicsOf = (summary: string): Set<string> => new Set(summary.toLowerCase().match(/[a-z]{6,}/g) ?? []);

const sharesTopic =
  (other: DraftIssue): IssueFilter =>
  (issue) => {
    const topics = topicsOf(other.summary);
    return [...topicsOf(issue.summary)].some((topic) => topics.has(topic));
  };

/** A story about the same thing as `bug` when there is one, any feature story otherwise. */
const pickRelatedStory = (random: SeededRandom, book: DraftBook, linked: Set<number>, projectKey: ProjectKey, bug: DraftIssue): DraftIssue => {
  const isRelatedStory: IssueFilter = (issue) => isFeatureStory(issue) && sharesTopic(bug)(issue);
  const hasRelated = book.issues.some((issue) => !linked.has(issue.ref) && issue.projectKey === projectKey && isRelatedStory(issue));
  return pickUnlinked(random, book, linked, inProject(projectKey, hasRelated ? isRelatedStory : isFeatureStory));
};

export const addIssueLinks = (random: SeededRandom, book: DraftBook, customers: readonly Customer[], today: Date): void => {
  const linked = new Set<number>();
  for (const projectKey of ['PAY', 'INV'] as const) {
    for (let count = 0; count < 3; count += 1) {
      const bug = pickUnlinked(random, book, linked, inProject(projectKey, isSprintBug));
      book.link('relates', bug, pickRelatedStory(random, book, linked, projectKey, bug));
    }
    for (let count = 0; count < 2; count += 1) {
      const enabler = pickUnlinked(random, book, linked, inProject(projectKey, isEnablingTask));
      book.link('blocks', enabler, pickRelatedStory(random, book, linked, projectKey, enabler));
    }
    const original = pickUnlinked(random, book, linked, inProject(projectKey, isSprintBug));
    const duplicate = addDuplicateReport(random, book, original, random.pick(customers), today);
    linked.add(duplicate.ref);
    book.link('duplicate', duplicate, original);
  }
  // Across projects: the platform upgrade holds up invoicing, and a payments bug turns out to live in shared code.
  const isUpgradeOrMove: IssueFilter = (issue) => isEnablingTask(issue) && /^(Upgrade|Migrate|Move|Replace)\b/.test(issue.summary);
  const platformWork = pickUnlinked(random, book, linked, inProject('OPS', (issue) => isUpgradeOrMove(issue) && issue.status !== 'Done'));
  const invoicingWork = pickUnlinked(random, book, linked, inProject('INV', (issue) => isUpgradeOrMove(issue) && issue.status !== 'Done'));
  book.link('blocks', platformWork, invoicingWork);
  const payBug = pickUnlinked(random, book, linked, inProject('PAY', isOpenBacklogBug));
  const clone = addClone(random, book, payBug, 'INV', today);
  linked.add(clone.ref);
  book.link('cloners', clone, payBug);
};
