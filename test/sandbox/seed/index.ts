/**
 * The sandbox's seed: Northwind Ledger, a B2B invoicing and payments company, as its Jira site would look on
 * `today` — three projects, two scrum boards with sprints past, present and future, a kanban board, a few
 * hundred issues, and the customers whose signals reach product. Pure: the same options give the same site.
 */
import type { JiraSite } from '../jira/model';
import { seedCustomFields, seedIssueTypes, seedLinkTypes, seedStatuses } from './catalogue';
import { seedCustomers } from './customers';
import { DraftBook, finalizeDrafts } from './draft';
import { addIssueLinks } from './links';
import { SEED_USER_LIST, TEAMS } from './people';
import type { ProjectVocabulary } from './phrasebook';
import { SummaryDrawer } from './phrasebook';
import type { ProjectKey } from './projects';
import { PROJECT_KEYS, seedBoards, seedProjects } from './projects';
import { SeededRandom } from './random';
import { fillBoardSprints } from './sprint-issues';
import { planSprints } from './sprints';
import { addBacklog, addEpics, addKanbanFlow } from './unplanned-issues';
import { INVOICING_VOCABULARY } from './vocabulary-invoicing';
import { PAYMENTS_VOCABULARY } from './vocabulary-payments';
import { PLATFORM_VOCABULARY } from './vocabulary-platform';

export { SEED_USERS } from './people';
export type { PersonaRole } from './people';
export { seedCustomers } from './customers';
export type { Customer } from './customers';
export { STORY_POINTS_FIELD_ID, SPRINT_FIELD_ID, WORK_TYPE_FIELD_ID } from './catalogue';
export { BOARD_IDS, PROJECT_IDS } from './projects';

export interface SeedOptions {
  appId: string;
  environmentId: string;
  /** The sandbox's "now": the active sprints contain it and every date in the site lies before it. */
  today: Date;
}

export const SEED_CLOUD_ID = '4f1e2d3c-5b6a-4798-8a9b-0c1d2e3f4a5b';
export const SEED_BASE_URL = 'https://northwind-ledger.atlassian.net';

const VOCABULARY: Readonly<Record<ProjectKey, ProjectVocabulary>> = {
  PAY: PAYMENTS_VOCABULARY,
  INV: INVOICING_VOCABULARY,
  OPS: PLATFORM_VOCABULARY,
};

export const buildSeedSite = (opts: SeedOptions): JiraSite => {
  const today = new Date(opts.today.getTime());
  const customers = seedCustomers();
  const sprintPlans = planSprints(today);
  const book = new DraftBook();

  for (const projectKey of PROJECT_KEYS) {
    const random = SeededRandom.named(`issues:${projectKey}`);
    const drawer = new SummaryDrawer(VOCABULARY[projectKey], SeededRandom.named(`summaries:${projectKey}`));
    const partialContext = { projectKey, random, drawer, team: TEAMS[projectKey], customers };
    const epics = addEpics(partialContext, book, VOCABULARY[projectKey], today);
    const context = { ...partialContext, epics };
    switch (projectKey) {
      case 'PAY':
        fillBoardSprints(context, book, sprintPlans.filter((plan) => plan.projectKey === 'PAY'), today);
        addBacklog(context, book, { count: 60, natureWeights: { Corrective: 0.4, Innovative: 0.4, Enabling: 0.2 }, classifiedShare: 0.15 }, today);
        break;
      case 'INV':
        fillBoardSprints(context, book, sprintPlans.filter((plan) => plan.projectKey === 'INV'), today);
        addBacklog(context, book, { count: 60, natureWeights: { Corrective: 0.3, Innovative: 0.45, Enabling: 0.25 }, classifiedShare: 0.2 }, today);
        break;
      case 'OPS':
        addKanbanFlow(context, book, { countByNature: { Enabling: 42, Corrective: 21, Innovative: 4 }, classifiedShare: 0.7 }, today);
        break;
    }
  }
  addIssueLinks(SeededRandom.named('links'), book, customers, today);
  const { issues, links } = finalizeDrafts(book);

  return {
    cloudId: SEED_CLOUD_ID,
    baseUrl: SEED_BASE_URL,
    statuses: seedStatuses(),
    issueTypes: seedIssueTypes(),
    users: SEED_USER_LIST.map((user) => ({ ...user })),
    projects: seedProjects(),
    customFields: seedCustomFields(opts.appId, opts.environmentId),
    issues,
    linkTypes: seedLinkTypes(),
    links,
    boards: seedBoards(),
    sprints: sprintPlans.map((plan) => plan.sprint).sort((left, right) => left.id - right.id),
  };
};
