import type { JiraIssue, JiraSite, JiraSprint } from '../sandbox/jira/model';
import { WORK_TYPE_FIELD_KEY, forgeFieldAri } from '../sandbox/jira/model';
import { SIGNAL_CATEGORIES, SIGNAL_SOURCES } from '../../src/domain/signals';
import { signalKey } from '../../src/store/signal-repository';
import { SEED_USERS, STORY_POINTS_FIELD_ID, WORK_TYPE_FIELD_ID, buildSeedSite, seedCustomers } from '../sandbox/seed';
import { SEEDED_ORIGIN_SUMMARIES, SEEDED_SIGNAL_COUNT, seededSignalId } from '../sandbox/seed/app-data';
import { SEED_SIGNALS, type SeedSignal } from '../sandbox/seed/signals';

const APP = { appId: 'a1b2c3d4-0000-4000-8000-000000000001', environmentId: 'e5f6a7b8-0000-4000-8000-000000000002' };
// The stories must hold whatever day the sandbox starts on, including at the edges of a day.
const TODAYS = ['2025-06-18T10:30:00.000Z', '2026-01-05T00:00:00.000Z', '2024-02-29T23:59:59.999Z'];

const reference = buildSeedSite({ ...APP, today: new Date(TODAYS[0] as string) });
const subtaskTypeIds = new Set(reference.issueTypes.filter((type) => type.subtask).map((type) => type.id));
const doneStatusIds = new Set(reference.statuses.filter((status) => status.category === 'done').map((status) => status.id));
const projectId = (key: string): string => {
  const project = reference.projects.find((candidate) => candidate.key === key);
  if (project === undefined) throw new Error(`no project ${key}`);
  return project.id;
};

const sprintsOfBoard = (seeded: JiraSite, boardName: string): JiraSprint[] => {
  const board = seeded.boards.find((candidate) => candidate.name === boardName);
  if (board === undefined) throw new Error(`no board ${boardName}`);
  return seeded.sprints.filter((sprint) => sprint.boardId === board.id).sort((left, right) => left.id - right.id);
};

/** The issues a sprint report counts: members of the sprint, sub-tasks left out as Jira's estimates leave them. */
const sprintMembers = (seeded: JiraSite, sprint: JiraSprint): JiraIssue[] =>
  seeded.issues.filter((issue) => issue.sprintIds.includes(sprint.id) && !subtaskTypeIds.has(issue.issueTypeId));

const workTypeOf = (issue: JiraIssue): unknown => issue.customFields[WORK_TYPE_FIELD_ID] ?? null;
const pointsOf = (issue: JiraIssue): number => {
  const points = issue.customFields[STORY_POINTS_FIELD_ID];
  return typeof points === 'number' ? points : 0;
};

/** Share of classified story points of one work type. */
const shareByPoints = (issues: readonly JiraIssue[], workType: string): number => {
  const classified = issues.filter((issue) => workTypeOf(issue) !== null);
  const total = classified.reduce((sum, issue) => sum + pointsOf(issue), 0);
  const ofType = classified.filter((issue) => workTypeOf(issue) === workType).reduce((sum, issue) => sum + pointsOf(issue), 0);
  return ofType / total;
};

describe('building the seed', () => {
  it('gives the same site every time it is built from the same options', () => {
    expect(buildSeedSite({ ...APP, today: new Date(TODAYS[0] as string) })).toEqual(reference);
    expect(seedCustomers()).toEqual(seedCustomers());
  });

  it('moves every date with `today`', () => {
    const later = buildSeedSite({ ...APP, today: new Date('2026-01-05T00:00:00Z') });
    expect(later.issues.every((issue) => issue.updated <= '2026-01-05T00:00:00.000Z')).toBe(true);
    expect(later.issues.some((issue) => issue.created > '2025-09-01')).toBe(true);
    const earliestCreated = later.issues.map((issue) => issue.created).sort()[0] ?? '';
    expect(earliestCreated >= '2025-08-01').toBe(true);
  });
});

describe.each(TODAYS)('the seed site on %s', (todayIso) => {
  const OPTIONS = { ...APP, today: new Date(todayIso) };
  const site = buildSeedSite(OPTIONS);

  it('holds three software projects, two scrum boards and a kanban board, and a few hundred issues', () => {
    expect(site.projects.map((project) => [project.key, project.projectTypeKey])).toEqual([
      ['PAY', 'software'],
      ['INV', 'software'],
      ['OPS', 'software'],
    ]);
    expect(site.boards.filter((board) => board.type === 'scrum').map((board) => board.name).sort()).toEqual(['Invoicing board', 'Payments board']);
    expect(site.boards.filter((board) => board.type === 'kanban')).toHaveLength(1);
    for (const board of site.boards.filter((candidate) => candidate.type === 'scrum')) {
      expect(board.estimationFieldId).toBe(STORY_POINTS_FIELD_ID);
      const key = site.projects.find((project) => project.id === board.projectId)?.key;
      expect(board.filterJql).toBe(`project = ${key} ORDER BY Rank ASC`);
    }
    expect(site.issues.length).toBeGreaterThanOrEqual(320);
    for (const key of ['PAY', 'INV', 'OPS']) {
      expect(site.issues.filter((issue) => issue.projectId === projectId(key)).length).toBeGreaterThanOrEqual(60);
    }
  });

  it('gives each scrum board four closed sprints, one active sprint containing today, and one future sprint', () => {
    const now = OPTIONS.today.toISOString();
    for (const boardName of ['Payments board', 'Invoicing board']) {
      const sprints = sprintsOfBoard(site, boardName);
      expect(sprints.map((sprint) => sprint.state)).toEqual(['closed', 'closed', 'closed', 'closed', 'active', 'future']);
      const active = sprints[4] as JiraSprint;
      expect(active.startDate! < now && now < active.endDate!).toBe(true);
      for (const closed of sprints.slice(0, 4)) {
        expect(closed.completeDate! < now).toBe(true);
        expect(new Date(closed.endDate!).getTime() - new Date(closed.startDate!).getTime()).toBe(14 * 24 * 3600 * 1000);
        expect(sprintMembers(site, closed).length).toBeGreaterThanOrEqual(20);
        expect(sprintMembers(site, closed).length).toBeLessThanOrEqual(30);
      }
      expect(sprintMembers(site, active).length).toBeGreaterThanOrEqual(25);
      expect(sprintMembers(site, active).length).toBeLessThanOrEqual(35);
    }
    const opsBoard = site.boards.find((board) => board.type === 'kanban');
    expect(site.sprints.some((sprint) => sprint.boardId === opsBoard?.id)).toBe(false);
    expect(site.issues.filter((issue) => issue.projectId === projectId('OPS')).every((issue) => issue.sprintIds.length === 0)).toBe(true);
  });

  it('refers only to things that exist, and sprints only to sprints of the issue’s own project', () => {
    const ids = (items: readonly { id: string }[]): Set<string> => new Set(items.map((item) => item.id));
    const projectIds = ids(site.projects);
    const typeIds = ids(site.issueTypes);
    const statusIds = ids(site.statuses);
    const issueIds = ids(site.issues);
    const accountIds = new Set(site.users.map((user) => user.accountId));
    const boardById = new Map(site.boards.map((board) => [board.id, board]));
    const sprintById = new Map(site.sprints.map((sprint) => [sprint.id, sprint]));
    const issueById = new Map(site.issues.map((issue) => [issue.id, issue]));
    expect(issueIds.size).toBe(site.issues.length);
    expect(new Set(site.sprints.map((sprint) => sprint.id)).size).toBe(site.sprints.length);

    for (const issue of site.issues) {
      expect(projectIds.has(issue.projectId)).toBe(true);
      expect(typeIds.has(issue.issueTypeId)).toBe(true);
      expect(statusIds.has(issue.statusId)).toBe(true);
      expect(accountIds.has(issue.reporterAccountId)).toBe(true);
      if (issue.assigneeAccountId !== null) expect(accountIds.has(issue.assigneeAccountId)).toBe(true);
      if (issue.parentId !== null) {
        expect(issueIds.has(issue.parentId)).toBe(true);
        expect(issueById.get(issue.parentId)?.projectId).toBe(issue.projectId);
      }
      if (subtaskTypeIds.has(issue.issueTypeId)) expect(issue.parentId).not.toBeNull();
      for (const sprintId of issue.sprintIds) {
        const sprint = sprintById.get(sprintId);
        expect(sprint).toBeDefined();
        expect(boardById.get(sprint?.boardId ?? -1)?.projectId).toBe(issue.projectId);
      }
    }
    for (const sprint of site.sprints) expect(boardById.has(sprint.boardId)).toBe(true);
    for (const link of site.links) {
      expect(issueIds.has(link.inwardIssueId) && issueIds.has(link.outwardIssueId)).toBe(true);
      expect(site.linkTypes.some((type) => type.id === link.typeId)).toBe(true);
    }
  });

  it('numbers keys 1..n per project in the order issues were created', () => {
    for (const key of ['PAY', 'INV', 'OPS']) {
      const issues = site.issues.filter((issue) => issue.projectId === projectId(key));
      const byNumber = [...issues].sort((left, right) => Number(left.key.split('-')[1]) - Number(right.key.split('-')[1]));
      expect(byNumber.map((issue) => issue.key)).toEqual(issues.map((_, index) => `${key}-${index + 1}`));
      const createdInKeyOrder = byNumber.map((issue) => issue.created);
      expect(createdInKeyOrder).toEqual([...createdInKeyOrder].sort());
    }
  });

  it('keeps every issue’s dates and status consistent with each other and with its sprints', () => {
    const now = OPTIONS.today.toISOString();
    const sprintById = new Map(site.sprints.map((sprint) => [sprint.id, sprint]));
    for (const issue of site.issues) {
      expect(issue.created <= issue.updated && issue.updated <= now).toBe(true);
      expect(issue.resolutiondate !== null).toBe(doneStatusIds.has(issue.statusId));
      if (issue.resolutiondate !== null) expect(issue.created < issue.resolutiondate && issue.resolutiondate <= now).toBe(true);
      const current = sprintById.get(issue.sprintIds[issue.sprintIds.length - 1] ?? -1);
      if (current?.state === 'future') expect(issue.statusId).toBe('10000');
      if (current?.state === 'closed' && issue.resolutiondate !== null && !subtaskTypeIds.has(issue.issueTypeId)) {
        expect(issue.resolutiondate <= current.completeDate!).toBe(true);
      }
    }
    const issueById = new Map(site.issues.map((issue) => [issue.id, issue]));
    for (const subtask of site.issues.filter((issue) => subtaskTypeIds.has(issue.issueTypeId))) {
      const parent = issueById.get(subtask.parentId ?? '');
      expect(subtask.sprintIds).toEqual(parent?.sprintIds);
      expect(subtask.created >= (parent?.created ?? '')).toBe(true);
      if (parent?.resolutiondate != null) expect(subtask.resolutiondate !== null && subtask.resolutiondate <= parent.resolutiondate).toBe(true);
    }
    for (const closed of site.sprints.filter((sprint) => sprint.state === 'closed')) {
      const members = sprintMembers(site, closed).filter((issue) => issue.sprintIds[issue.sprintIds.length - 1] === closed.id);
      expect(members.filter((issue) => doneStatusIds.has(issue.statusId)).length / members.length).toBeGreaterThan(0.85);
    }
  });

  it('carries a few unfinished issues over into the next sprint of the same board', () => {
    const carried = site.issues.filter((issue) => issue.sprintIds.length === 2);
    expect(carried.length).toBeGreaterThanOrEqual(4);
    for (const issue of carried) {
      const [first, second] = issue.sprintIds.map((id) => site.sprints.find((sprint) => sprint.id === id));
      expect(first?.state).toBe('closed');
      expect(second?.boardId).toBe(first?.boardId);
      expect(second!.startDate! >= first!.completeDate!).toBe(true);
    }
  });

  it('lets the contractor browse PAY and INV but not OPS, sales only browse, and admins administer', () => {
    const permissionsIn = (key: string, accountId: string): string[] | undefined =>
      site.projects.find((project) => project.key === key)?.permissions[accountId];
    expect(permissionsIn('PAY', SEED_USERS.restricted)).toContain('BROWSE_PROJECTS');
    expect(permissionsIn('INV', SEED_USERS.restricted)).toContain('BROWSE_PROJECTS');
    expect(permissionsIn('OPS', SEED_USERS.restricted)).toBeUndefined();
    expect(permissionsIn('PAY', SEED_USERS.sales)).toEqual(['BROWSE_PROJECTS']);
    expect(permissionsIn('OPS', SEED_USERS.engineer)).toEqual(expect.arrayContaining(['EDIT_ISSUES', 'CREATE_ISSUES', 'LINK_ISSUES']));
    expect(permissionsIn('OPS', SEED_USERS.engineer)).not.toContain('ADMINISTER_PROJECTS');
    expect(permissionsIn('PAY', SEED_USERS.productLead)).toContain('ADMINISTER_PROJECTS');
    expect(permissionsIn('OPS', SEED_USERS.admin)).toContain('ADMINISTER_PROJECTS');
    const roleOf = (accountId: string): string | undefined => site.users.find((user) => user.accountId === accountId)?.role;
    expect([SEED_USERS.engineer, SEED_USERS.designer, SEED_USERS.productLead, SEED_USERS.sales, SEED_USERS.restricted].map(roleOf)).toEqual([
      'engineer',
      'designer',
      'product-lead',
      'sales',
      'contractor',
    ]);
    expect(site.users.find((user) => user.accountId === SEED_USERS.admin)?.jiraAdmin).toBe(true);
    for (const user of site.users) expect(user.accountId).toMatch(/^(712020:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24})$/);
  });

  it('declares the work-type field as the app’s own Forge field', () => {
    const field = site.customFields.find((candidate) => candidate.id === WORK_TYPE_FIELD_ID);
    expect(field).toMatchObject({ name: 'Work type', schemaType: 'string', appOwned: true });
    expect(field?.schemaCustom).toBe(forgeFieldAri(OPTIONS.appId, OPTIONS.environmentId, WORK_TYPE_FIELD_KEY));
    const values = new Set(site.issues.map(workTypeOf));
    expect([...values].sort()).toEqual(['Corrective', 'Enabling', 'Innovative', null].sort());
  });

  it('shows Payments drowning in corrective work: 55–65 % of classified points in its last three closed sprints', () => {
    const closed = sprintsOfBoard(site, 'Payments board').filter((sprint) => sprint.state === 'closed');
    for (const sprint of closed.slice(-3)) {
      const share = shareByPoints(sprintMembers(site, sprint), 'Corrective');
      expect(share).toBeGreaterThanOrEqual(0.55);
      expect(share).toBeLessThanOrEqual(0.65);
    }
    // It got worse: the oldest sprint was lighter on fixes than the latest.
    expect(shareByPoints(sprintMembers(site, closed[0] as JiraSprint), 'Corrective')).toBeLessThan(0.5);
  });

  it('shows Invoicing balanced at about half innovative, a quarter corrective and a quarter enabling', () => {
    for (const sprint of sprintsOfBoard(site, 'Invoicing board').filter((candidate) => candidate.state !== 'future')) {
      const members = sprintMembers(site, sprint);
      expect(shareByPoints(members, 'Innovative')).toBeGreaterThanOrEqual(0.42);
      expect(shareByPoints(members, 'Innovative')).toBeLessThanOrEqual(0.58);
      for (const workType of ['Corrective', 'Enabling']) {
        expect(shareByPoints(members, workType)).toBeGreaterThanOrEqual(0.17);
        expect(shareByPoints(members, workType)).toBeLessThanOrEqual(0.33);
      }
    }
  });

  it('leaves about a third of the Invoicing active sprint unclassified, closed sprints mostly classified, and backlogs mostly untriaged', () => {
    const invoicing = sprintsOfBoard(site, 'Invoicing board');
    const active = sprintMembers(site, invoicing.find((sprint) => sprint.state === 'active') as JiraSprint);
    const unclassified = active.filter((issue) => workTypeOf(issue) === null);
    expect(unclassified.length / active.length).toBeGreaterThanOrEqual(0.3);
    expect(unclassified.length / active.length).toBeLessThanOrEqual(0.4);
    const unclassifiedPoints = unclassified.reduce((sum, issue) => sum + pointsOf(issue), 0) / active.reduce((sum, issue) => sum + pointsOf(issue), 0);
    expect(unclassifiedPoints).toBeGreaterThanOrEqual(0.28);
    expect(unclassifiedPoints).toBeLessThanOrEqual(0.42);

    for (const sprint of site.sprints.filter((candidate) => candidate.state === 'closed')) {
      const members = sprintMembers(site, sprint);
      expect(members.filter((issue) => workTypeOf(issue) === null).length / members.length).toBeLessThanOrEqual(0.1);
    }
    for (const key of ['PAY', 'INV']) {
      const backlog = site.issues.filter((issue) => issue.projectId === projectId(key) && issue.sprintIds.length === 0 && issue.statusId !== '10002');
      expect(backlog.length).toBeGreaterThanOrEqual(50);
      expect(backlog.filter((issue) => workTypeOf(issue) === null).length / backlog.length).toBeGreaterThan(0.7);
    }
  });

  it('classifies plausibly but not perfectly: most bugs Corrective, yet some disagreement to suggest against', () => {
    const bugTypeId = site.issueTypes.find((type) => type.name === 'Bug')?.id;
    const classifiedBugs = site.issues.filter((issue) => issue.issueTypeId === bugTypeId && workTypeOf(issue) !== null);
    const corrective = classifiedBugs.filter((issue) => workTypeOf(issue) === 'Corrective').length / classifiedBugs.length;
    expect(corrective).toBeGreaterThan(0.7);
    expect(corrective).toBeLessThan(1);
    const techDebt = site.issues.filter((issue) => issue.labels.includes('tech-debt') && workTypeOf(issue) !== null);
    expect(techDebt.filter((issue) => workTypeOf(issue) === 'Enabling').length / techDebt.length).toBeGreaterThan(0.6);
  });

  it('estimates most stories and bugs on the Fibonacci scale and describes many issues in ADF', () => {
    const estimable = new Set(site.issueTypes.filter((type) => type.name === 'Story' || type.name === 'Bug').map((type) => type.id));
    const inSprints = site.issues.filter((issue) => estimable.has(issue.issueTypeId) && issue.sprintIds.length > 0);
    const estimated = inSprints.filter((issue) => STORY_POINTS_FIELD_ID in issue.customFields);
    expect(estimated.length / inSprints.length).toBeGreaterThan(0.8);
    expect(estimated.length).toBeLessThan(inSprints.length);
    for (const issue of estimated) expect([1, 2, 3, 5, 8, 13]).toContain(issue.customFields[STORY_POINTS_FIELD_ID]);
    const described = site.issues.filter((issue) => issue.description !== null);
    expect(described.length / site.issues.length).toBeGreaterThan(0.4);
    for (const issue of described) {
      expect(issue.description).toMatchObject({ type: 'doc', version: 1 });
      for (const block of issue.description?.content ?? []) {
        expect(block).toEqual({ type: 'paragraph', content: [{ type: 'text', text: expect.stringMatching(/\S/) }] });
      }
    }
  });

  it('links a handful of issues with every kind of link and has no issue properties yet', () => {
    const linkNames = new Set(site.links.map((link) => site.linkTypes.find((type) => type.id === link.typeId)?.name));
    expect([...linkNames].sort()).toEqual(['Blocks', 'Cloners', 'Duplicate', 'Relates']);
    expect(site.links.length).toBeGreaterThanOrEqual(8);
    expect(site.issues.every((issue) => Object.keys(issue.properties).length === 0)).toBe(true);
  });

  it('lists about thirty customers with ARR between 8k and 600k in every segment, each owned by a sales rep', () => {
    const customers = seedCustomers();
    expect(customers.length).toBeGreaterThanOrEqual(28);
    expect(customers.length).toBeLessThanOrEqual(35);
    expect(new Set(customers.map((customer) => customer.segment))).toEqual(new Set(['enterprise', 'mid-market', 'smb']));
    expect(new Set(customers.map((customer) => customer.id)).size).toBe(customers.length);
    const salesReps = new Set(site.users.filter((user) => user.role === 'sales').map((user) => user.accountId));
    for (const customer of customers) {
      expect(Number.isInteger(customer.arr) && customer.arr >= 8_000 && customer.arr <= 600_000).toBe(true);
      expect(salesReps.has(customer.ownerAccountId)).toBe(true);
    }
  });
});

describe('the seed’s signals', () => {
  // The original seed's 40, in order: ORIGINS, tests and kept databases refer to them.
  const ORIGINAL_40 = [
    'crm-4471', 'slack-1699.01', 'crm-4502', 'form-889', 'crm-4519', 'slack-1702.44', 'csv-2026-10-a', 'crm-4533', 'form-901', 'slack-1704.10',
    'crm-4540', 'form-915', 'slack-1705.72', 'crm-4551', 'form-920', 'csv-2026-10-b', 'slack-1707.03', 'crm-4560', 'form-927', 'form-931',
    'slack-1708.55', 'form-934', 'csv-2026-11-a', 'form-940', 'slack-1709.20', 'form-944', 'form-946', 'form-951', 'slack-1710.08', 'form-955',
    'crm-4577', 'crm-4580', 'crm-4583', 'slack-1711.31', 'form-960', 'crm-4590', 'csv-2026-11-b', 'form-963', 'slack-1712.02', 'form-966',
  ];
  const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  /** Words two texts share, as a share of the shorter one's distinct words. */
  const overlap = (left: string, right: string): number => {
    const [a, b] = [words(left), words(right)];
    const shared = [...a].filter((word) => b.has(word)).length;
    return shared / Math.min(a.size, b.size);
  };

  it('holds about 150 signals from about 30 customers, every one known, with unique ids', () => {
    expect(SEED_SIGNALS.length).toBeGreaterThanOrEqual(140);
    expect(SEED_SIGNALS.length).toBeLessThanOrEqual(170);
    expect(SEEDED_SIGNAL_COUNT).toBe(SEED_SIGNALS.length);
    const customers = new Set(seedCustomers().map((customer) => customer.id));
    const senders = new Set(SEED_SIGNALS.map((signal) => signal.customerId));
    for (const sender of senders) expect(customers.has(sender)).toBe(true);
    expect(senders.size).toBeGreaterThanOrEqual(28);
    expect(new Set(SEED_SIGNALS.map((signal) => signal.externalId)).size).toBe(SEED_SIGNALS.length);
    expect(new Set(SEED_SIGNALS.map((signal) => seededSignalId(signal.externalId))).size).toBe(SEED_SIGNALS.length);
  });

  it('keeps the original 40 first and as they were', () => {
    expect(SEED_SIGNALS.slice(0, 40).map((signal) => signal.externalId)).toEqual(ORIGINAL_40);
    expect(seededSignalId('crm-4471')).toBe(signalKey('crm', 'crm-4471'));
  });

  it('covers every category and every source, and every state triage has', () => {
    expect(new Set(SEED_SIGNALS.map((signal) => signal.category))).toEqual(new Set(SIGNAL_CATEGORIES));
    expect(new Set(SEED_SIGNALS.map((signal) => signal.source))).toEqual(new Set(SIGNAL_SOURCES));
    expect(new Set(SEED_SIGNALS.map((signal) => signal.disposition))).toEqual(new Set(['new', 'triaged', 'roadmap', 'quick-fix', 'parking-lot']));
    for (const signal of SEED_SIGNALS) {
      expect(signal.text.trim().length).toBeGreaterThan(0);
      expect(signal.daysAgo).toBeGreaterThanOrEqual(0);
    }
  });

  it('tells the same need several times in different words, beside one-offs', () => {
    const byTheme = new Map<string, SeedSignal[]>();
    for (const signal of SEED_SIGNALS) byTheme.set(signal.theme, [...(byTheme.get(signal.theme) ?? []), signal]);
    const told = (theme: string): number => new Set(byTheme.get(theme)?.map((signal) => signal.customerId)).size;
    for (const theme of ['payout-day', 'e-invoicing', 'xero-sync', 'bulk-actions', 'multi-currency', 'dunning-emails', '3ds-failures']) {
      expect(told(theme)).toBeGreaterThanOrEqual(3);
      expect(told(theme)).toBeLessThanOrEqual(8);
    }
    expect([...byTheme.values()].filter((signals) => signals.length === 1).length).toBeGreaterThanOrEqual(5);
    const tooAlike: string[] = [];
    for (const [theme, signals] of byTheme) {
      for (let i = 0; i < signals.length; i += 1) {
        for (let j = i + 1; j < signals.length; j += 1) {
          const [left, right] = [signals[i] as SeedSignal, signals[j] as SeedSignal];
          if (overlap(left.text, right.text) > 0.5) tooAlike.push(`${theme}: ${left.externalId} ~ ${right.externalId}`);
        }
      }
    }
    expect(tooAlike).toEqual([]);
  });

  it('links about 35 issues to their origin, each issue summary once', () => {
    expect(new Set(SEEDED_ORIGIN_SUMMARIES).size).toBe(SEEDED_ORIGIN_SUMMARIES.length);
    expect(SEEDED_ORIGIN_SUMMARIES.length).toBeGreaterThanOrEqual(30);
  });
});
