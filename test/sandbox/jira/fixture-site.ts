/**
 * A small but complete Jira site for tests: two projects (one that Eli cannot browse), a scrum board with a
 * closed, an active and a future sprint, a kanban board, 20 issues, the Forge work-type field, Story Points and
 * Sprint. Deterministic: every call builds the same site, fresh, so tests may change it freely.
 */
import type { AdfDocument, JiraIssue, JiraSite, ProjectPermission } from './model';
import { forgeFieldAri, WORK_TYPE_FIELD_KEY } from './model';

export const FIXTURE_APP = {
  appId: '6c0a5f3e-8e7b-4d1c-9a53-1f2b8f0e7a10',
  environmentId: '0b7d3c52-4f1e-4c8a-9d36-5a2e7f9c1b04',
} as const;

/** The fixture's clock: "now" for relative dates (`-7d`) and for created/updated stamps of new issues. */
export const FIXTURE_NOW = new Date('2026-02-01T12:00:00.000Z');

export const FIXTURE_USERS = {
  /** Jira admin, every permission in both projects. */
  ada: 'acc-ada-admin',
  /** Engineer: browses, edits, creates and links in UP; no permission at all in SEC. */
  eli: 'acc-eli-engineer',
  /** Designer: may browse UP and SEC, edit nothing. */
  vic: 'acc-vic-designer',
} as const;

export const FIXTURE_FIELDS = {
  storyPoints: 'customfield_10016',
  sprint: 'customfield_10020',
  workType: 'customfield_10050',
} as const;

export const FIXTURE_BOARDS = { upScrum: 1, secKanban: 2 } as const;
export const FIXTURE_SPRINTS = { closed: 1, active: 2, future: 3 } as const;

const ALL: ProjectPermission[] = ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'CREATE_ISSUES', 'LINK_ISSUES', 'ADMINISTER_PROJECTS'];

const adf = (text: string): AdfDocument => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

type Row = [
  key: string, type: 'Epic' | 'Story' | 'Bug' | 'Task', status: 'To Do' | 'In Progress' | 'In Review' | 'Done', summary: string,
  labels: string[], priority: JiraIssue['priority'], assignee: keyof typeof FIXTURE_USERS | null, points: number | null,
  workType: 'Innovative' | 'Corrective' | 'Enabling' | null, sprints: number[], createdDay: number, parent: string | null,
];

const ROWS: Row[] = [
  ['UP-1', 'Epic', 'In Progress', 'Checkout revamp', ['checkout'], 'High', 'ada', null, 'Innovative', [], 2, null],
  ['UP-2', 'Story', 'Done', 'One-click checkout for returning customers', ['checkout', 'growth'], 'High', 'eli', 5, 'Innovative', [1], 3, 'UP-1'],
  ['UP-3', 'Bug', 'Done', 'Card form loses the expiry date on refresh', ['checkout', 'bug-bash'], 'Highest', 'eli', 3, 'Corrective', [1], 4, 'UP-1'],
  ['UP-4', 'Task', 'In Progress', 'Upgrade the payment SDK', ['tech-debt'], 'Medium', 'eli', 2, 'Enabling', [1, 2], 5, null],
  ['UP-5', 'Story', 'In Review', 'Saved cards list in the wallet', ['wallet'], 'Medium', 'ada', 8, 'Innovative', [2], 6, 'UP-1'],
  ['UP-6', 'Bug', 'To Do', 'Currency symbol wrong for CHF', ['i18n'], 'Low', null, 1, 'Corrective', [2], 8, null],
  ['UP-7', 'Story', 'To Do', 'Apple Pay on the web', ['wallet', 'growth'], 'High', null, 13, null, [2], 9, 'UP-1'],
  ['UP-8', 'Task', 'In Progress', 'Split the payments service database', ['tech-debt', 'platform'], 'Medium', 'eli', 5, 'Enabling', [2], 10, null],
  ['UP-9', 'Bug', 'To Do', 'Refund email has broken link', [], 'Lowest', 'vic', null, null, [2], 12, null],
  ['UP-10', 'Story', 'To Do', 'Invoice download as PDF', ['invoices'], 'Medium', null, 3, null, [3], 14, null],
  ['UP-11', 'Task', 'To Do', 'Add tracing to the checkout flow', ['platform'], 'Low', 'eli', 2, 'Enabling', [3], 16, 'UP-1'],
  ['UP-12', 'Story', 'Done', 'Promo codes at checkout', ['growth'], 'Medium', 'ada', 5, 'Innovative', [1], 18, null],
  ['UP-13', 'Bug', 'In Progress', 'Timeout when paying with a 3DS card', ['checkout'], 'Highest', 'eli', 3, null, [], 22, null],
  ['UP-14', 'Task', 'To Do', 'Document the refund API', [], 'Low', null, null, null, [], 27, null],
  ['SEC-1', 'Task', 'In Progress', 'Rotate the signing keys', ['security'], 'Highest', 'ada', null, 'Enabling', [], 3, null],
  ['SEC-2', 'Bug', 'To Do', 'Session cookie missing SameSite', ['security'], 'High', 'ada', null, 'Corrective', [], 7, null],
  ['SEC-3', 'Story', 'Done', 'Audit log export', ['compliance'], 'Medium', 'vic', null, 'Innovative', [], 11, null],
  ['SEC-4', 'Task', 'To Do', 'Pen test follow-ups', ['security'], 'Medium', null, null, null, [], 15, null],
  ['SEC-5', 'Bug', 'In Review', 'Password reset token reusable', ['security', 'checkout'], 'Highest', 'ada', null, 'Corrective', [], 20, null],
  ['SEC-6', 'Story', 'To Do', 'Single sign-on for admins', ['sso'], 'Low', null, null, null, [], 25, null],
];

const STATUS_IDS = { 'To Do': '10000', 'In Progress': '10001', 'In Review': '10002', Done: '10003' } as const;
const TYPE_IDS = { Epic: '10000', Story: '10001', Bug: '10002', Task: '10003' } as const;

function issuesFrom(rows: Row[]): JiraIssue[] {
  const idOf = (key: string): string => String(10001 + rows.findIndex((row) => row[0] === key));
  return rows.map(([key, type, status, summary, labels, priority, assignee, points, workType, sprints, createdDay, parent]) => {
    const created = new Date(Date.UTC(2026, 0, createdDay, 9, 30)).toISOString();
    const updated = new Date(Date.UTC(2026, 0, createdDay + 3, 15, 0)).toISOString();
    const customFields: Record<string, unknown> = {};
    if (points !== null) customFields[FIXTURE_FIELDS.storyPoints] = points;
    if (workType !== null) customFields[FIXTURE_FIELDS.workType] = workType;
    return {
      id: idOf(key),
      key,
      projectId: key.startsWith('UP-') ? '10000' : '10001',
      issueTypeId: TYPE_IDS[type],
      statusId: STATUS_IDS[status],
      summary,
      description: adf(`${summary}. Reported by the ${key.startsWith('UP-') ? 'payments' : 'security'} team.`),
      labels,
      priority,
      assigneeAccountId: assignee ? FIXTURE_USERS[assignee] : null,
      reporterAccountId: FIXTURE_USERS.ada,
      parentId: parent ? idOf(parent) : null,
      created,
      updated,
      resolutiondate: status === 'Done' ? updated : null,
      customFields,
      sprintIds: sprints,
      properties: {},
    };
  });
}

export function buildFixtureSite(app: { appId: string; environmentId: string } = FIXTURE_APP): JiraSite {
  const issues = issuesFrom(ROWS);
  const byKey = (key: string): JiraIssue => {
    const issue = issues.find((candidate) => candidate.key === key);
    if (!issue) throw new Error(`fixture has no ${key}`);
    return issue;
  };
  byKey('UP-2').properties['upstream-origin'] = { signals: ['sig-1', 'sig-2'], customers: ['Acme', 'Globex'], arr: 120000, discoveryNoteId: 'dn-1' };
  byKey('UP-5').properties['upstream-origin'] = { signals: ['sig-3'], customers: ['Initech'], arr: 40000 };
  byKey('UP-7').properties['upstream-origin'] = { signals: [], customers: ['Acme'], arr: 250000 };
  return {
    cloudId: 'a1b2c3d4-0000-4000-8000-00000000c10d',
    baseUrl: 'https://upstream-fixture.atlassian.net',
    statuses: [
      { id: '10000', name: 'To Do', category: 'new' },
      { id: '10001', name: 'In Progress', category: 'indeterminate' },
      { id: '10002', name: 'In Review', category: 'indeterminate' },
      { id: '10003', name: 'Done', category: 'done' },
    ],
    issueTypes: [
      { id: '10000', name: 'Epic', subtask: false, hierarchyLevel: 1 },
      { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 },
      { id: '10002', name: 'Bug', subtask: false, hierarchyLevel: 0 },
      { id: '10003', name: 'Task', subtask: false, hierarchyLevel: 0 },
      { id: '10004', name: 'Sub-task', subtask: true, hierarchyLevel: -1 },
    ],
    users: [
      { accountId: FIXTURE_USERS.ada, displayName: 'Ada Admin', emailAddress: 'ada@upstream.example', role: 'admin', jiraAdmin: true, active: true, timeZone: 'Europe/London', groups: ['jira-software-users', 'site-admins'] },
      { accountId: FIXTURE_USERS.eli, displayName: 'Eli Engineer', emailAddress: 'eli@upstream.example', role: 'engineer', jiraAdmin: false, active: true, timeZone: 'Europe/Berlin', groups: ['jira-software-users', 'developers'] },
      { accountId: FIXTURE_USERS.vic, displayName: 'Vic Designer', emailAddress: 'vic@upstream.example', role: 'designer', jiraAdmin: false, active: true, timeZone: 'America/New_York', groups: ['jira-software-users', 'ux-design'] },
    ],
    projects: [
      {
        id: '10000', key: 'UP', name: 'Upstream Payments', projectTypeKey: 'software', leadAccountId: FIXTURE_USERS.ada,
        permissions: {
          [FIXTURE_USERS.ada]: ALL,
          [FIXTURE_USERS.eli]: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'CREATE_ISSUES', 'LINK_ISSUES'],
          [FIXTURE_USERS.vic]: ['BROWSE_PROJECTS'],
        },
      },
      {
        id: '10001', key: 'SEC', name: 'Security', projectTypeKey: 'software', leadAccountId: FIXTURE_USERS.ada,
        permissions: { [FIXTURE_USERS.ada]: ALL, [FIXTURE_USERS.vic]: ['BROWSE_PROJECTS'] },
      },
    ],
    customFields: [
      { id: FIXTURE_FIELDS.storyPoints, name: 'Story Points', schemaType: 'number', schemaCustom: 'com.pyxis.greenhopper.jira:jsw-story-points', appOwned: false },
      { id: FIXTURE_FIELDS.sprint, name: 'Sprint', schemaType: 'array', schemaItems: 'json', schemaCustom: 'com.pyxis.greenhopper.jira:gh-sprint', appOwned: false },
      { id: FIXTURE_FIELDS.workType, name: 'Work type', schemaType: 'string', schemaCustom: forgeFieldAri(app.appId, app.environmentId, WORK_TYPE_FIELD_KEY), appOwned: true },
    ],
    issues,
    linkTypes: [
      { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
      { id: '10001', name: 'Relates', inward: 'relates to', outward: 'relates to' },
      { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
    ],
    links: [
      { id: '20000', typeId: '10000', inwardIssueId: byKey('UP-3').id, outwardIssueId: byKey('UP-4').id },
      { id: '20001', typeId: '10001', inwardIssueId: byKey('UP-5').id, outwardIssueId: byKey('SEC-3').id },
    ],
    boards: [
      { id: FIXTURE_BOARDS.upScrum, name: 'UP board', type: 'scrum', projectId: '10000', estimationFieldId: FIXTURE_FIELDS.storyPoints, filterJql: 'project = UP ORDER BY Rank ASC', filterId: 10000 },
      { id: FIXTURE_BOARDS.secKanban, name: 'SEC kanban', type: 'kanban', projectId: '10001', estimationFieldId: null, filterJql: 'project = SEC ORDER BY Rank ASC', filterId: 10001 },
    ],
    sprints: [
      { id: FIXTURE_SPRINTS.closed, boardId: 1, name: 'UP Sprint 1', state: 'closed', goal: 'Ship one-click checkout', startDate: '2026-01-05T09:00:00.000Z', endDate: '2026-01-19T09:00:00.000Z', completeDate: '2026-01-19T10:00:00.000Z', createdDate: '2026-01-02T09:00:00.000Z' },
      { id: FIXTURE_SPRINTS.active, boardId: 1, name: 'UP Sprint 2', state: 'active', goal: 'Wallet', startDate: '2026-01-19T10:30:00.000Z', endDate: '2026-02-02T10:30:00.000Z', createdDate: '2026-01-16T09:00:00.000Z' },
      { id: FIXTURE_SPRINTS.future, boardId: 1, name: 'UP Sprint 3', state: 'future', goal: '', createdDate: '2026-01-30T09:00:00.000Z' },
    ],
  };
}
