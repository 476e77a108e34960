/**
 * workType.set / setMany, triage.unclassified and settings.rules through the real resolver handler against the
 * sandbox: permission refusals write nothing, writes are batched, and JQL finds what was written.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS, WORK_TYPE_FIELD_ID } from '../sandbox/seed';
import { retryPolicy } from '../../src/jira/client';
import { forgetWorkTypeFieldId } from '../../src/jira/fields';
import { DEFAULT_SUGGESTION_RULES } from '../../src/domain/suggestion-rules';
import { kvs } from '@forge/kvs';
import type { JiraIssue } from '../sandbox/jira/model';
import { as, writesIn } from './work-type-helpers';
import { sequentialDepth } from '../sandbox/instrument';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;

beforeAll(() => {
  sandbox = new Sandbox({ today });
  retryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.jiraLink.clearFaults();
  forgetWorkTypeFieldId();
});

const site = () => sandbox.jira.site;
const projectId = (key: string) => site().projects.find((p) => p.key === key)!.id;
const unclassifiedIn = (key: string, n: number): JiraIssue[] =>
  site().issues.filter((i) => i.projectId === projectId(key) && i.customFields[WORK_TYPE_FIELD_ID] === undefined && i.issueTypeId !== '10000').slice(0, n);
const jql = async (query: string, accountId: string = SEED_USERS.engineer): Promise<string[]> => {
  const res = await sandbox.jira.handle({
    method: 'POST',
    path: '/rest/api/3/search/jql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jql: query, fields: ['key'], maxResults: 5000 }),
    asUser: accountId,
  });
  return ((res.body as { issues: { key: string }[] }).issues ?? []).map((i) => i.key);
};

describe('workType.set', () => {
  it('writes the value as the app, records the decision, and JQL finds the issue by work type', async () => {
    const [issue] = unclassifiedIn('PAY', 1);
    sandbox.clearLogs();
    const result = await sandbox.invoke(as(SEED_USERS.engineer, 'work-type'), 'workType.set', {
      issueKey: issue.key,
      workType: 'Innovative',
      acceptedSuggestion: true,
    });
    expect(result).toMatchObject({
      ok: true,
      data: { issueKey: issue.key, value: 'Innovative', decision: { workType: 'Innovative', setBy: { displayName: 'Priya Raman' }, acceptedSuggestion: true } },
    });
    const put = sandbox.jiraLink.log.filter((r) => r.method === 'PUT');
    expect(put).toEqual([expect.objectContaining({ path: `/rest/api/3/app/field/${WORK_TYPE_FIELD_ID}/value`, asUser: null })]);
    expect(issue.customFields[WORK_TYPE_FIELD_ID]).toBe('Innovative');
    expect(await jql('"Work type" = Innovative AND project = PAY')).toContain(issue.key);
    expect(await jql(`cf[10050] = Innovative AND key = ${issue.key}`)).toEqual([issue.key]);

    const panel = await sandbox.invoke(as(SEED_USERS.designer), 'panel.context', { issueKey: issue.key });
    expect(panel).toMatchObject({
      ok: true,
      data: { workType: { value: 'Innovative', decision: { setBy: { accountId: SEED_USERS.engineer, displayName: 'Priya Raman' }, acceptedSuggestion: true } } },
    });
  });

  it("answers with the issue's new readiness, read on the same round trip as the permission check", async () => {
    const [plain, markedNone] = unclassifiedIn('PAY', 12).slice(10);
    markedNone.properties['upstream-origin'] = {
      kind: 'none',
      signalIds: [],
      discoveryNoteId: null,
      customers: [],
      arr: 0,
      linkedAt: today.toISOString(),
      linkedBy: SEED_USERS.engineer,
    };
    await sandbox.invoke(as(SEED_USERS.engineer), 'workType.get', { issueKey: plain.key }); // the field id is cached, as after the panel's first load
    type Readiness = { ok: true; data: { readiness: Array<{ key: string; state: string }> } };
    const stateOf = (result: Readiness, key: string) => result.data.readiness.find((r) => r.key === key)?.state;

    sandbox.setLatency(20);
    sandbox.clearLogs();
    const set = (await sandbox.invoke(as(SEED_USERS.engineer), 'workType.set', { issueKey: plain.key, workType: 'Corrective' })) as Readiness;
    const depth = sequentialDepth([...sandbox.jiraLink.log, ...sandbox.storageLink.log]);
    const jiraCalls = sandbox.jiraLink.log.map((r) => `${r.method} ${r.path.split('?')[0]}`);
    sandbox.setLatency(0);
    expect(set.data.readiness.map((r) => r.key)).toEqual(['classified', 'origin', 'discovery', 'walkthrough', 'error-states']);
    expect(stateOf(set, 'classified')).toBe('done');
    expect(stateOf(set, 'origin')).toBe('todo');
    // Reads in parallel, the field write, the decision record: the readiness adds neither a call nor a round trip.
    expect(depth).toBe(3);
    expect(jiraCalls.sort()).toEqual(
      ['GET /rest/api/3/issue/' + plain.key, 'GET /rest/api/3/mypermissions', 'GET /rest/api/3/user/bulk', `PUT /rest/api/3/app/field/${WORK_TYPE_FIELD_ID}/value`].sort(),
    );
    expect(sandbox.jiraLink.log.find((r) => r.method === 'GET' && r.path.includes(`/issue/${plain.key}`))?.path).toContain('properties=upstream-origin');

    // The same readiness the panel would show after reading its whole context again.
    const panel = (await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: plain.key })) as Readiness;
    expect(set.data.readiness).toEqual(panel.data.readiness);

    const cleared = (await sandbox.invoke(as(SEED_USERS.engineer), 'workType.set', { issueKey: markedNone.key, workType: null })) as Readiness;
    expect(stateOf(cleared, 'classified')).toBe('todo');
    expect(stateOf(cleared, 'origin')).toBe('done');
  });

  it('clears the value with null, and the issue is untriaged again', async () => {
    const [issue] = unclassifiedIn('INV', 1);
    await sandbox.invoke(as(SEED_USERS.engineer), 'workType.set', { issueKey: issue.key, workType: 'Enabling' });
    const cleared = await sandbox.invoke(as(SEED_USERS.engineer), 'workType.set', { issueKey: issue.key, workType: null });
    expect(cleared).toMatchObject({ ok: true, data: { value: null, decision: { workType: null } } });
    expect(issue.customFields[WORK_TYPE_FIELD_ID] ?? null).toBeNull();
    expect(await jql(`cf[10050] IS EMPTY AND key = ${issue.key}`)).toEqual([issue.key]);
  });

  it.each([
    ['a value outside the three', { issueKey: 'PAY-3', workType: 'Urgent' }, 'invalid-input'],
    ['a malformed issue key', { issueKey: 'pay 3', workType: 'Innovative' }, 'invalid-input'],
    ['an issue that does not exist', { issueKey: 'PAY-99999', workType: 'Innovative' }, 'not-found'],
  ])('refuses %s and writes nothing', async (_name, payload, code) => {
    sandbox.clearLogs();
    const result = (await sandbox.invoke(as(SEED_USERS.engineer), 'workType.set', payload)) as { ok: boolean; error: { code: string; message: string } };
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(writesIn(sandbox)).toEqual([]);
  });

  it('refuses the restricted contractor an OPS issue as not-found, and writes nothing', async () => {
    const [ops] = unclassifiedIn('OPS', 1);
    sandbox.clearLogs();
    const result = await sandbox.invoke(as(SEED_USERS.restricted), 'workType.set', { issueKey: ops.key, workType: 'Enabling' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(JSON.stringify(result)).not.toContain(ops.summary);
    expect(writesIn(sandbox)).toEqual([]);
    expect(ops.customFields[WORK_TYPE_FIELD_ID]).toBeUndefined();
  });

  it('refuses sales (browse only) as forbidden, and writes nothing', async () => {
    const [issue] = unclassifiedIn('PAY', 3).slice(2);
    sandbox.clearLogs();
    const result = await sandbox.invoke(as(SEED_USERS.sales), 'workType.set', { issueKey: issue.key, workType: 'Enabling' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(writesIn(sandbox)).toEqual([]);
  });

  it('maps a Jira outage on the write to jira-unavailable and records no decision', async () => {
    const [issue] = unclassifiedIn('PAY', 5).slice(4);
    sandbox.jiraLink.injectFault({ status: 503, times: Infinity, match: (req) => req.method === 'PUT' });
    sandbox.clearLogs();
    const result = await sandbox.invoke(as(SEED_USERS.engineer), 'workType.set', { issueKey: issue.key, workType: 'Enabling' });
    expect(result).toMatchObject({ ok: false, error: { code: 'jira-unavailable' } });
    expect(writesIn(sandbox).filter((w) => w.startsWith('/api'))).toEqual([]);
  });
});

describe('workType.setMany', () => {
  it('classifies 200 issues in one call per distinct value, after one permission check', async () => {
    const issues = site().issues.slice(0, 200);
    expect(issues).toHaveLength(200);
    const values = ['Innovative', 'Corrective', 'Enabling'] as const;
    sandbox.clearLogs();
    const result = (await sandbox.invoke(as(SEED_USERS.productLead, 'triage-queue'), 'workType.setMany', {
      assignments: issues.map((i, n) => ({ issueKey: i.key, workType: values[n % 3] })),
    })) as { ok: true; data: { updated: unknown[]; refused: unknown[] } };
    expect(result.ok).toBe(true);
    expect(result.data.updated).toHaveLength(200);
    expect(result.data.refused).toEqual([]);
    const calls = sandbox.jiraLink.log.map((r) => `${r.method} ${r.path.split('?')[0]}`);
    expect(calls.filter((c) => c.startsWith('PUT'))).toHaveLength(3);
    expect(calls.filter((c) => c === 'POST /rest/api/3/permissions/check')).toHaveLength(1);
    expect(calls.filter((c) => c === 'POST /rest/api/3/issue/bulkfetch')).toHaveLength(2);
    issues.forEach((i, n) => expect(i.customFields[WORK_TYPE_FIELD_ID]).toBe(values[n % 3]));
  });

  it('refuses, with reasons, issues the caller cannot see or edit, and writes only the rest', async () => {
    const [pay] = unclassifiedIn('PAY', 8).slice(7);
    const [ops] = unclassifiedIn('OPS', 2).slice(1);
    const result = await sandbox.invoke(as(SEED_USERS.restricted), 'workType.setMany', {
      assignments: [
        { issueKey: pay.key, workType: 'Corrective' },
        { issueKey: ops.key, workType: 'Enabling' },
        { issueKey: 'PAY-99999', workType: 'Enabling' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      data: {
        updated: [{ issueKey: pay.key, value: 'Corrective' }],
        refused: [
          { issueKey: ops.key, reason: `${ops.key} does not exist, or you do not have permission to see it.` },
          { issueKey: 'PAY-99999', reason: 'PAY-99999 does not exist, or you do not have permission to see it.' },
        ],
      },
    });
    expect(ops.customFields[WORK_TYPE_FIELD_ID]).toBeUndefined();

    sandbox.clearLogs();
    const sales = await sandbox.invoke(as(SEED_USERS.sales), 'workType.setMany', { assignments: [{ issueKey: pay.key, workType: 'Enabling' }] });
    expect(sales).toMatchObject({ ok: true, data: { updated: [], refused: [{ issueKey: pay.key, reason: expect.stringContaining('permission to edit') }] } });
    expect(writesIn(sandbox)).toEqual([]);
  });

  it('refuses duplicate keys and more than 1000 issues before calling Jira', async () => {
    sandbox.clearLogs();
    expect(
      await sandbox.invoke(as(SEED_USERS.engineer), 'workType.setMany', {
        assignments: [{ issueKey: 'PAY-1', workType: 'Enabling' }, { issueKey: 'PAY-1', workType: 'Innovative' }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const many = Array.from({ length: 1001 }, (_, i) => ({ issueKey: `PAY-${i + 1}`, workType: 'Enabling' }));
    expect(await sandbox.invoke(as(SEED_USERS.engineer), 'workType.setMany', { assignments: many })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(sandbox.jiraLink.log).toHaveLength(0);
  });
});

describe('workType.get', () => {
  it('says whether the caller may change the value: yes for an engineer, no for sales (browse only)', async () => {
    const [issue] = unclassifiedIn('PAY', 1);
    expect(await sandbox.invoke(as(SEED_USERS.engineer, 'work-type'), 'workType.get', { issueKey: issue.key })).toMatchObject({
      ok: true,
      data: { issueKey: issue.key, value: null, canEdit: true },
    });
    expect(await sandbox.invoke(as(SEED_USERS.sales, 'work-type'), 'workType.get', { issueKey: issue.key })).toMatchObject({
      ok: true,
      data: { issueKey: issue.key, canEdit: false },
    });
    const [ops] = unclassifiedIn('OPS', 1);
    expect(await sandbox.invoke(as(SEED_USERS.restricted, 'work-type'), 'workType.get', { issueKey: ops.key })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('triage.unclassified', () => {
  it('says per row whether the caller may classify it, with one permission check for the whole page', async () => {
    type Page = { ok: true; data: { issues: Array<{ key: string; canEdit: boolean }> } };
    sandbox.clearLogs();
    const lead = (await sandbox.invoke(as(SEED_USERS.productLead, 'triage-queue'), 'triage.unclassified', { projectKey: 'PAY', pageSize: 25 })) as Page;
    expect(lead.data.issues).toHaveLength(25);
    expect(lead.data.issues.every((i) => i.canEdit)).toBe(true);
    expect(sandbox.jiraLink.log.filter((r) => r.path.startsWith('/rest/api/3/permissions/check'))).toHaveLength(1);
    const sales = (await sandbox.invoke(as(SEED_USERS.sales, 'triage-queue'), 'triage.unclassified', { projectKey: 'PAY', pageSize: 25 })) as Page;
    expect(sales.data.issues.map((i) => i.key)).toEqual(lead.data.issues.map((i) => i.key));
    expect(sales.data.issues.some((i) => i.canEdit)).toBe(false);
  });

  it("lists the project's open unclassified issues, newest first, each with a suggestion and reasons", async () => {
    const result = (await sandbox.invoke(as(SEED_USERS.productLead, 'triage-queue'), 'triage.unclassified', { projectKey: 'INV', pageSize: 10 })) as {
      ok: true;
      data: { issues: { key: string; suggestion: { reasons: string[] } | null }[]; total: number; nextPageToken: string | null };
    };
    expect(result.ok).toBe(true);
    expect(result.data.issues).toHaveLength(10);
    expect(result.data.total).toBeGreaterThan(10);
    expect(result.data.nextPageToken).not.toBeNull();
    const withSuggestion = result.data.issues.filter((i) => i.suggestion);
    expect(withSuggestion.length).toBeGreaterThan(5);
    for (const i of withSuggestion) expect(i.suggestion!.reasons.length).toBeGreaterThan(0);
    for (const i of result.data.issues) {
      const issue = site().issues.find((x) => x.key === i.key)!;
      expect(issue.customFields[WORK_TYPE_FIELD_ID]).toBeUndefined();
      expect(issue.statusId).not.toBe('10002');
    }
  });

  it('refuses the restricted contractor the OPS queue, and an invalid page token as invalid-input', async () => {
    expect(await sandbox.invoke(as(SEED_USERS.restricted), 'triage.unclassified', { projectKey: 'OPS' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await sandbox.invoke(as(SEED_USERS.engineer), 'triage.unclassified', { projectKey: 'PAY', nextPageToken: 'bogus' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('works past a thousand issues: pages through 1,200 unclassified issues with Jira tokens', async () => {
    const big = new Sandbox({ today });
    try {
      const template = big.jira.site.issues.find((i) => i.projectId === projectId('PAY') && i.statusId === '10000' && i.issueTypeId === '10001')!;
      const payCount = big.jira.site.issues.filter((i) => i.projectId === projectId('PAY')).length;
      for (let n = 0; n < 1200; n += 1) {
        big.jira.site.issues.push({
          ...structuredClone(template),
          id: String(50_000 + n),
          key: `PAY-${payCount + 1 + n}`,
          summary: `Add bulk action number ${n} to the payments list`,
          created: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
          customFields: {},
          properties: {},
          parentId: null,
        });
      }
      const before = big.jira.site.issues.filter(
        (i) => i.projectId === projectId('PAY') && i.customFields[WORK_TYPE_FIELD_ID] === undefined && i.statusId !== '10002',
      ).length;
      const seen = new Set<string>();
      let token: string | undefined;
      let pages = 0;
      do {
        const page = (await big.invoke(as(SEED_USERS.productLead, 'triage-queue'), 'triage.unclassified', {
          projectKey: 'PAY',
          pageSize: 100,
          ...(token ? { nextPageToken: token } : {}),
        })) as { ok: true; data: { issues: { key: string }[]; nextPageToken: string | null; total: number } };
        if (!page.ok) throw new Error(JSON.stringify(page));
        expect(page.data.total).toBe(before);
        page.data.issues.forEach((i) => seen.add(i.key));
        token = page.data.nextPageToken ?? undefined;
        pages += 1;
      } while (token && pages < 50);
      expect(before).toBeGreaterThan(1200);
      expect(seen.size).toBe(before);
      expect(pages).toBe(Math.ceil(before / 100));
    } finally {
      big.close();
      sandbox.activate();
    }
  });
});

describe('settings.rules', () => {
  it('serves the defaults to a Jira admin and refuses everyone else', async () => {
    expect(await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.rules.get', {})).toEqual({
      ok: true,
      data: { rules: DEFAULT_SUGGESTION_RULES, isDefault: true, updatedAt: null },
    });
    for (const role of ['engineer', 'productLead', 'restricted'] as const) {
      sandbox.clearLogs();
      expect(await sandbox.invoke(as(SEED_USERS[role], 'settings'), 'settings.rules.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await sandbox.invoke(as(SEED_USERS[role], 'settings'), 'settings.rules.save', { rules: DEFAULT_SUGGESTION_RULES })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(writesIn(sandbox)).toEqual([]);
    }
  });

  it('saves rules an admin changed, and suggestions follow them', async () => {
    const rules = { issueTypes: { Story: 'Enabling' as const }, labels: {}, keywords: {} };
    const saved = await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.rules.save', { rules });
    expect(saved).toMatchObject({ ok: true, data: { rules, isDefault: false, updatedAt: expect.any(String) } });
    expect(await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.rules.get', {})).toMatchObject({ ok: true, data: { rules, isDefault: false } });
    const queue = (await sandbox.invoke(as(SEED_USERS.engineer), 'triage.unclassified', { projectKey: 'INV', pageSize: 50 })) as {
      data: { issues: { issueType: string; suggestion: { workType: string; reasons: string[] } | null }[] };
    };
    // Only the saved rule and rule-free evidence (the parent's work type) remain: no label or keyword reasons.
    for (const i of queue.data.issues) {
      if (i.issueType === 'Story') expect(i.suggestion?.reasons).toContain('Story issue type');
      for (const reason of i.suggestion?.reasons ?? []) expect(reason).toMatch(/Story issue type|parent is/);
    }
    await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.rules.save', { rules: DEFAULT_SUGGESTION_RULES });
  });

  it('refuses invalid rules (a work type outside the three, a label with a space) and writes nothing', async () => {
    sandbox.clearLogs();
    for (const rules of [
      { issueTypes: { Bug: 'Urgent' }, labels: {}, keywords: {} },
      { issueTypes: {}, labels: { 'tech debt': 'Enabling' }, keywords: {} },
      { issueTypes: {}, labels: {}, keywords: {}, extra: 1 },
    ]) {
      expect(await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.rules.save', { rules })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(sandbox.jiraLink.log).toHaveLength(0);
    expect(writesIn(sandbox)).toEqual([]);
  });

  it('falls back to the defaults (isDefault true) when the stored rules are corrupt', async () => {
    await sandbox.asApp(() => kvs.set('settings:suggestion-rules', { rules: { issueTypes: { Bug: 'Nope' } }, updatedAt: 'yesterday' }));
    expect(await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.rules.get', {})).toEqual({
      ok: true,
      data: { rules: DEFAULT_SUGGESTION_RULES, isDefault: true, updatedAt: null },
    });
    const queue = await sandbox.invoke(as(SEED_USERS.engineer), 'triage.unclassified', { projectKey: 'PAY', pageSize: 5 });
    expect(queue).toMatchObject({ ok: true });
    await sandbox.asApp(() => kvs.delete('settings:suggestion-rules'));
  });
});

describe('triage.unclassified paging while people classify', () => {
  type Page = { ok: true; data: { issues: { key: string }[]; nextPageToken: string | null } };
  const pageOf = async (nextPageToken?: string) =>
    (await sandbox.invoke(as(SEED_USERS.productLead, 'triage-queue'), 'triage.unclassified', {
      projectKey: 'INV',
      pageSize: 10,
      ...(nextPageToken ? { nextPageToken } : {}),
    })) as Page;

  it('skips nobody on the next page after issues on this one were classified', async () => {
    const first = await pageOf();
    const allBefore = await jql('project = INV AND statusCategory != Done AND "Work type" IS EMPTY ORDER BY key DESC');
    expect(first.data.issues.map((i) => i.key)).toEqual(allBefore.slice(0, 10));
    const classified = first.data.issues.slice(0, 5).map((i) => i.key);
    const result = await sandbox.invoke(as(SEED_USERS.productLead, 'triage-queue'), 'workType.setMany', {
      assignments: classified.map((issueKey) => ({ issueKey, workType: 'Corrective' })),
    });
    expect(result).toMatchObject({ ok: true });
    const second = await pageOf(first.data.nextPageToken ?? undefined);
    // A positional token would now start at the 15th issue and skip the 11th to 15th.
    expect(second.data.issues.map((i) => i.key)).toEqual(allBefore.slice(10, 20));
  });

  it('refuses a cursor from another project, before asking Jira', async () => {
    sandbox.clearLogs();
    const result = await sandbox.invoke(as(SEED_USERS.productLead, 'triage-queue'), 'triage.unclassified', {
      projectKey: 'INV',
      nextPageToken: 'PAY-12',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(sandbox.jiraLink.log).toHaveLength(0);
  });
});
