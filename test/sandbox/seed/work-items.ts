/**
 * One piece of work as a team would file it: a summary that reads as what the work really is, with the
 * labels, priority, people, estimate and epic that usually come with that kind of work.
 */
import type { WorkType } from '../../../src/domain/work-type';
import type { AdfDocument, JiraIssue } from '../jira/model';
import type { IssueTypeName } from './catalogue';
import type { Customer } from './customers';
import { describeWork } from './descriptions';
import type { DraftIssue } from './draft';
import type { ProjectTeam } from './people';
import { SALES_REPS } from './people';
import type { SeedLabel, SummaryDrawer } from './phrasebook';
import type { ProjectKey } from './projects';
import type { SeededRandom } from './random';

export interface ProjectContext {
  projectKey: ProjectKey;
  random: SeededRandom;
  drawer: SummaryDrawer;
  team: ProjectTeam;
  epics: readonly DraftIssue[];
  customers: readonly Customer[];
}

export interface WorkItem {
  issueType: IssueTypeName;
  summary: string;
  description: AdfDocument | null;
  labels: SeedLabel[];
  priority: JiraIssue['priority'];
  /** Who would pick it up; whether anyone has yet is decided by where the issue sits. */
  likelyAssigneeAccountId: string;
  reporterAccountId: string;
  parentRef: number | null;
  nature: WorkType;
}

/** Fixes come in smaller than features; story points follow the Fibonacci scale teams use. */
const POINTS_BY_NATURE: Readonly<Record<WorkType, readonly (readonly [number, number])[]>> = {
  Corrective: [[1, 3], [2, 4], [3, 4], [5, 3], [8, 1]],
  Innovative: [[1, 1], [2, 2], [3, 4], [5, 4], [8, 3], [13, 1]],
  Enabling: [[1, 1], [2, 3], [3, 4], [5, 3], [8, 2]],
};

export const drawStoryPoints = (random: SeededRandom, nature: WorkType): number => random.weighted(POINTS_BY_NATURE[nature]);

/** The average estimate of each kind, so a sprint can aim for a mix by points when it counts issues. */
export const meanStoryPoints = (nature: WorkType): number => {
  const choices = POINTS_BY_NATURE[nature];
  const totalWeight = choices.reduce((sum, [, weight]) => sum + weight, 0);
  return choices.reduce((sum, [points, weight]) => sum + points * weight, 0) / totalWeight;
};

const drawPriority = (random: SeededRandom, issueType: IssueTypeName, labels: readonly SeedLabel[]): JiraIssue['priority'] => {
  if (labels.includes('security')) return random.weighted([['Highest', 1], ['High', 2]] as const);
  if (issueType === 'Bug') return random.weighted([['Highest', 1], ['High', 4], ['Medium', 5], ['Low', 1]] as const);
  return random.weighted([['High', 2], ['Medium', 7], ['Low', 2], ['Lowest', 0.5]] as const);
};

const drawReporter = (context: ProjectContext, issueType: IssueTypeName, labels: readonly SeedLabel[]): string => {
  const { random, team } = context;
  if (labels.includes('customer-reported')) return random.pick(SALES_REPS).accountId;
  if (issueType === 'Story' && random.chance(0.7)) return team.productLead.accountId;
  if (labels.includes('ux') && team.designers.length > 0 && random.chance(0.5)) return random.pick(team.designers).accountId;
  return random.pick(team.engineers).accountId;
};

const drawLikelyAssignee = (context: ProjectContext, labels: readonly SeedLabel[]): string => {
  const { random, team } = context;
  if (labels.includes('ux') && team.designers.length > 0 && random.chance(0.6)) return random.pick(team.designers).accountId;
  return random.pick(team.engineers).accountId;
};

const drawEpic = (context: ProjectContext, nature: WorkType): DraftIssue | null => {
  const matching = context.epics.filter((epic) => epic.nature === nature);
  if (matching.length === 0 || !context.random.chance(0.45)) return null;
  return context.random.pick(matching);
};

export const drawWorkItem = (context: ProjectContext, nature: WorkType): WorkItem => {
  const { random } = context;
  const phrase = context.drawer.draw(nature);
  const labels = new Set<SeedLabel>(phrase.labels ?? []);
  // Many problems reach the team through sales rather than through monitoring.
  if (nature === 'Corrective' && phrase.type === 'Bug' && random.chance(0.2)) labels.add('customer-reported');
  const orderedLabels = [...labels].sort();
  const reportedBy = orderedLabels.includes('customer-reported') ? random.pick(context.customers).name : null;
  const described = reportedBy !== null || random.chance(0.55);
  const epic = drawEpic(context, nature);
  return {
    issueType: phrase.type,
    summary: phrase.summary,
    description: described ? describeWork(random, nature, reportedBy) : null,
    labels: orderedLabels,
    priority: drawPriority(random, phrase.type, orderedLabels),
    likelyAssigneeAccountId: drawLikelyAssignee(context, orderedLabels),
    reporterAccountId: drawReporter(context, phrase.type, orderedLabels),
    parentRef: epic === null ? null : epic.ref,
    nature,
  };
};

/** A kind of work other than `kind`: what a person sometimes picks when the summary could be read either way. */
export const anotherKind = (random: SeededRandom, kind: WorkType): WorkType => {
  const others: WorkType[] = (['Innovative', 'Corrective', 'Enabling'] as const).filter((other) => other !== kind);
  return random.pick(others);
};
