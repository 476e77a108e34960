/**
 * Every resolver through the real `getDefinitions()` handler, against the sandbox: the seeded site, the real
 * @forge/api and @forge/kvs, the caller's permissions applied by the Jira emulator.
 */
import { sql } from '@forge/sql';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS, WORK_TYPE_FIELD_ID } from '../sandbox/seed';
import { retryPolicy } from '../../src/jira/client';
import { forgetWorkTypeFieldId } from '../../src/jira/fields';
import { signIntakeBody } from '../../src/services/signals/intake';
import type { JiraIssue, JiraSite } from '../sandbox/jira/model';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let site: JiraSite;

const as = (accountId: string | null, moduleKey = 'context-panel', extension: Record<string, unknown> = {}) => ({
  accountId,
  moduleKey,
  extension,
});

beforeAll(() => {
  sandbox = new Sandbox({ today });
  site = sandbox.jira.site;
  retryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.jiraLink.clearFaults();
  forgetWorkTypeFieldId();
});

const issueIn = (projectKey: string, predicate: (i: JiraIssue) => boolean = () => true): JiraIssue => {
  const project = site.projects.find((p) => p.key === projectKey)!;
  const issue = site.issues.find((i) => i.projectId === project.id && predicate(i));
  if (!issue) throw new Error(`no seeded issue in ${projectKey} matches`);
  return issue;
};

describe('viewer.get', () => {
  it.each(Object.entries(SEED_USERS))('tells %s who they are', async (_role, accountId) => {
    const result = await sandbox.invoke(as(accountId), 'viewer.get', {});
    const user = site.users.find((u) => u.accountId === accountId)!;
    expect(result).toEqual({ ok: true, data: { accountId, displayName: user.displayName, timeZone: user.timeZone } });
  });
});

describe('panel.context', () => {
  it("returns the issue's summary, status and project for an engineer", async () => {
    const issue = issueIn('PAY');
    const result = await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: issue.key });
    expect(result).toMatchObject({ ok: true, data: { issue: { key: issue.key, summary: issue.summary, project: { key: 'PAY' } } } });
  });

  it('refuses the restricted contractor an OPS issue without revealing it, but serves a PAY issue', async () => {
    const ops = issueIn('OPS');
    const refused = await sandbox.invoke(as(SEED_USERS.restricted), 'panel.context', { issueKey: ops.key });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(JSON.stringify(refused)).not.toContain(ops.summary);
    const allowed = await sandbox.invoke(as(SEED_USERS.restricted), 'panel.context', { issueKey: issueIn('PAY').key });
    expect(allowed).toMatchObject({ ok: true });
  });

  it('answers not-found for an issue that does not exist', async () => {
    expect(await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: 'PAY-99999' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('refuses a malformed key before calling Jira', async () => {
    sandbox.clearLogs();
    const result = await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: 'PAY-1/../../admin' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(sandbox.jiraLink.log).toHaveLength(0);
  });

  it('retries a 429 with Retry-After and still answers', async () => {
    sandbox.jiraLink.injectFault({ status: 429, retryAfterSeconds: 1, times: 1 });
    sandbox.clearLogs();
    const result = await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: issueIn('PAY').key });
    expect(result).toMatchObject({ ok: true });
    const statuses = sandbox.jiraLink.log.map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 200)).toBe(true);
  });

  it('tells the person to try again later when Jira keeps failing', async () => {
    sandbox.jiraLink.injectFault({ status: 503, times: Infinity });
    const result = await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: issueIn('PAY').key });
    expect(result).toMatchObject({ ok: false, error: { code: 'jira-unavailable' } });
  });

  it('tells the person how long to wait when Jira rate-limits for longer than a resolver can wait', async () => {
    sandbox.jiraLink.injectFault({ status: 429, retryAfterSeconds: 40, times: Infinity });
    const result = await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: issueIn('PAY').key });
    expect(result).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAfterSeconds: 40 } });
  });
});

describe('workType.get', () => {
  it("reads the seeded value of Upstream's field, found by its extension ARI", async () => {
    const classified = issueIn('INV', (i) => typeof i.customFields[WORK_TYPE_FIELD_ID] === 'string');
    const result = await sandbox.invoke(as(SEED_USERS.engineer, 'work-type'), 'workType.get', { issueKey: classified.key });
    expect(result).toEqual({
      ok: true,
      data: { issueKey: classified.key, fieldId: WORK_TYPE_FIELD_ID, value: classified.customFields[WORK_TYPE_FIELD_ID], canEdit: true },
    });
  });

  it('reads an unclassified issue as null', async () => {
    const unclassified = issueIn('INV', (i) => i.customFields[WORK_TYPE_FIELD_ID] === undefined);
    const result = await sandbox.invoke(as(SEED_USERS.engineer, 'work-type'), 'workType.get', { issueKey: unclassified.key });
    expect(result).toMatchObject({ ok: true, data: { value: null } });
  });
});

describe('triage.overview', () => {
  it("counts the project's open and unclassified issues as the site holds them", async () => {
    const project = site.projects.find((p) => p.key === 'INV')!;
    const done = new Set(site.statuses.filter((s) => s.category === 'done').map((s) => s.id));
    const open = site.issues.filter((i) => i.projectId === project.id && !done.has(i.statusId));
    const unclassified = open.filter((i) => i.customFields[WORK_TYPE_FIELD_ID] == null);
    const result = await sandbox.invoke(as(SEED_USERS.productLead, 'triage-queue'), 'triage.overview', { projectKey: 'INV' });
    expect(result).toEqual({
      ok: true,
      data: {
        project: { id: project.id, key: 'INV', name: project.name },
        openIssueCount: open.length,
        unclassifiedCount: unclassified.length,
      },
    });
    expect(unclassified.length).toBeGreaterThan(0);
  });

  it('refuses a project the caller cannot browse', async () => {
    const result = await sandbox.invoke(as(SEED_USERS.restricted, 'triage-queue'), 'triage.overview', { projectKey: 'OPS' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('sprintShape.boards', () => {
  it('lists every board to an engineer and hides the OPS board from the contractor', async () => {
    const all = await sandbox.invoke(as(SEED_USERS.engineer, 'sprint-shape'), 'sprintShape.boards', {});
    const limited = await sandbox.invoke(as(SEED_USERS.restricted, 'sprint-shape'), 'sprintShape.boards', {});
    const names = (r: unknown) => (r as { data: { boards: Array<{ projectKey: string }> } }).data.boards.map((b) => b.projectKey).sort();
    expect(names(all)).toEqual(['INV', 'OPS', 'PAY']);
    expect(names(limited)).toEqual(['INV', 'PAY']);
  });

  it('filters by name', async () => {
    const result = await sandbox.invoke(as(SEED_USERS.engineer, 'sprint-shape'), 'sprintShape.boards', { nameContains: 'Invoic' });
    expect(result).toMatchObject({ ok: true, data: { boards: [{ projectKey: 'INV', type: 'scrum' }] } });
  });
});

describe('settings and the signal intake webtrigger', () => {
  it('refuses settings to anyone but a Jira admin', async () => {
    for (const role of ['engineer', 'productLead', 'sales', 'restricted'] as const) {
      const result = await sandbox.invoke(as(SEED_USERS[role], 'settings'), 'settings.overview', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const rotate = await sandbox.invoke(as(SEED_USERS[role], 'settings'), 'settings.rotateIntakeSecret', {});
      expect(rotate).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await sandbox.storage.handle({ method: 'POST', path: '/api/v1/secret/get', headers: {}, body: JSON.stringify({ key: 'signal-intake-secret' }), asUser: null })).toMatchObject({ status: 404 });
  });
});

describe('intake secret and signed signals', () => {
  const intake = (body: string, headers: Record<string, string>, method = 'POST') =>
    sandbox.webtrigger('signal-intake', {
      method,
      path: '/x1/signal-intake',
      body,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryParameters: {},
    } as never);
  const signal = {
    externalId: 'crm-note-8841',
    source: 'crm',
    customer: 'Brightwater Logistics',
    text: 'Finance team cannot split one invoice across two cost centres; they export to Excel every month.',
    raisedBy: { name: 'Marcus Bell', email: 'marcus@northwind.example' },
    arr: 184000,
  };
  const signed = (secret: string, body: string, timestamp = String(Math.floor(Date.now() / 1000))) => ({
    'Content-Type': 'application/json',
    'X-Upstream-Timestamp': timestamp,
    'X-Upstream-Signature': signIntakeBody(secret, timestamp, body),
  });
  // Signals live in Forge SQL: counted through @forge/sql as the app, like the app's own reads.
  const signalCount = () =>
    sandbox.asApp(async () => {
      const { rows } = await sql.prepare<{ n: number | string }>('SELECT COUNT(*) AS n FROM `signal`').execute();
      return Number(rows[0]?.n ?? 0);
    });

  it('answers 503 with what to do while no secret exists', async () => {
    const res = await intake(JSON.stringify(signal), { 'Content-Type': 'application/json' });
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body ?? '{}')).toMatchObject({ error: 'not-configured' });
  });

  it('lets the admin rotate the secret, then stores a signed signal once', async () => {
    const rotated = (await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.rotateIntakeSecret', {})) as {
      ok: true;
      data: { secret: string; rotatedAt: string };
    };
    expect(rotated.ok).toBe(true);
    const overview = await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.overview', {});
    expect(overview).toEqual({ ok: true, data: { intakeSecretConfigured: true, intakeSecretRotatedAt: rotated.data.rotatedAt } });

    const body = JSON.stringify(signal);
    const first = await intake(body, signed(rotated.data.secret, body));
    expect(first.statusCode).toBe(202);
    const { id } = JSON.parse(first.body ?? '{}') as { id: string };
    expect(await signalCount()).toBe(1);
    const again = await intake(body, signed(rotated.data.secret, body));
    expect(again.statusCode).toBe(200);
    expect(JSON.parse(again.body ?? '{}')).toEqual({ id, duplicate: true });
  });

  it('answers 503 with Retry-After when the database keeps failing, so the sender retries, and stores once when it recovers', async () => {
    const { storageRetryPolicy } = await import('../../src/store/storage-retry');
    const sleep = storageRetryPolicy.sleep;
    storageRetryPolicy.sleep = async () => undefined;
    try {
      const rotated = (await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.rotateIntakeSecret', {})) as { data: { secret: string } };
      const body = JSON.stringify({ ...signal, externalId: 'crm-note-storage-down' });
      const before = await signalCount();
      sandbox.sqlLink.injectFault({ status: 503, times: Infinity });
      const refused = await intake(body, signed(rotated.data.secret, body));
      sandbox.sqlLink.clearFaults();
      expect(refused.statusCode).toBe(503);
      expect(refused.headers?.['Retry-After']).toEqual(['5']);
      expect(JSON.parse(refused.body ?? '{}')).toMatchObject({ error: 'storage-unavailable' });
      expect(await signalCount()).toBe(before);
      const retried = await intake(body, signed(rotated.data.secret, body));
      expect(retried.statusCode).toBe(202);
      expect(await signalCount()).toBe(before + 1);
    } finally {
      sandbox.sqlLink.clearFaults();
      storageRetryPolicy.sleep = sleep;
    }
  });

  it('refuses a wrong signature, a stale timestamp, bad JSON and a bad shape, writing nothing', async () => {
    const rotated = (await sandbox.invoke(as(SEED_USERS.admin, 'settings'), 'settings.rotateIntakeSecret', {})) as {
      data: { secret: string };
    };
    const secret = rotated.data.secret;
    const before = await signalCount();
    const body = JSON.stringify({ ...signal, externalId: 'crm-note-9001' });

    const forged = await intake(body, signed('not-the-secret', body));
    expect(forged.statusCode).toBe(401);
    const stale = await intake(body, signed(secret, body, String(Math.floor(Date.now() / 1000) - 3600)));
    expect(stale.statusCode).toBe(401);
    const notJson = await intake('{"externalId":', signed(secret, '{"externalId":'));
    expect(notJson.statusCode).toBe(400);
    const badShapeBody = JSON.stringify({ ...signal, externalId: 'x y', source: 'fax', arr: -5 });
    const badShape = await intake(badShapeBody, signed(secret, badShapeBody));
    expect(badShape.statusCode).toBe(400);
    expect(Object.keys((JSON.parse(badShape.body ?? '{}') as { fields: object }).fields).sort()).toEqual(['arr', 'externalId', 'source']);
    const wrongMethod = await intake(body, signed(secret, body), 'GET');
    expect(wrongMethod.statusCode).toBe(405);

    expect(await signalCount()).toBe(before);
  });
});

describe('signals.*', () => {
  const SIGNALS_INPUTS: Array<[string, unknown]> = [
    ['signals.inbox', { projectKey: 'PAY' }],
    ['signals.cluster', { projectKey: 'PAY', clusterId: 'cluster-x' }],
    ['signals.move', { projectKey: 'PAY', signalIds: ['signal-x'], from: { clusterId: 'cluster-x', version: 0 }, to: { new: true } }],
    ['signals.merge', { projectKey: 'PAY', from: { clusterId: 'cluster-x', version: 0 }, into: { clusterId: 'cluster-y', version: 0 } }],
    ['signals.undo', { projectKey: 'PAY' }],
    ['signals.notSame', { projectKey: 'PAY', clusterId: 'cluster-x', otherClusterId: 'cluster-y' }],
    ['signals.setCategory', { projectKey: 'PAY', signalId: 'signal-x', category: 'bug', version: 0 }],
    ['signals.renameCluster', { projectKey: 'PAY', clusterId: 'cluster-x', version: 0, title: 'Exports' }],
    ['signals.customers', { projectKey: 'PAY' }],
    ['signals.share', { projectKey: 'PAY', submissionId: '0b9d3c52-8c1f-4f5e-9a47-3b1f0f6f2c11', customer: 'Tidewater', text: 'Export to Excel.' }],
    ['signals.importCsv', { projectKey: 'PAY', fileName: 'f.csv', rows: [{ rowNumber: 2, customer: 'Tidewater', text: 'Export.' }] }],
  ];

  it.each(SIGNALS_INPUTS)('%s refuses a caller with no account before asking Jira or storage', async (key, payload) => {
    sandbox.clearLogs();
    expect(await sandbox.invoke(as(null, 'triage-queue'), key, payload)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect([...sandbox.jiraLink.log, ...sandbox.storageLink.log, ...sandbox.sqlLink.log]).toEqual([]);
  });

  it.each(SIGNALS_INPUTS)('%s refuses the contractor on a project they cannot browse, naming what to ask for', async (key, payload) => {
    const answer = await sandbox.invoke(as(SEED_USERS.restricted, 'triage-queue'), key, { ...(payload as object), projectKey: 'OPS' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Browse Projects permission on OPS') } });
  });
});

describe('resolver keys that are not ours', () => {
  // Names every object inherits: @forge/resolver looks keys up with `in`, so these once reached Object's own
  // functions (`constructor` handed the caller's context straight back) or threw into an HTTP 500.
  const INHERITED = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
  const UNKNOWN = ['panel.overview', 'gadget.boards', 'nope', '', 'workType.set.extra', 'x'.repeat(5000)];

  const label = (key: string): string => (key.length > 40 ? `${key.slice(0, 12)}… (${key.length} characters)` : JSON.stringify(key));
  it.each([...INHERITED, ...UNKNOWN].map((key) => [label(key), key]))('answers %s with the envelope’s not-found and echoes nothing back', async (_label, functionKey) => {
    const context = { accountId: SEED_USERS.engineer, moduleKey: 'context-panel', extension: { secretMarker: 'ctx-7731' } };
    const result = await sandbox.invoke(context, functionKey, { payloadMarker: 'pl-5512' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const text = JSON.stringify(result);
    expect(text).not.toContain('ctx-7731');
    expect(text).not.toContain('pl-5512');
    expect(text.length).toBeLessThan(400);
  });

  it('answers a call with no function key at all the same way', async () => {
    const { resolverHandler } = await import('../../src/index');
    const result = await resolverHandler({ call: {} } as never, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
