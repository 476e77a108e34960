/**
 * Walkthroughs through the real resolver handler, over the seeded site: a designer adds version 1, an engineer
 * acknowledges it, the designer adds version 2 deferring an error state with a reason, and the engineer sees
 * exactly that as new since their acknowledgement; the panel's readiness and badge follow, and JQL finds the
 * issue once it is ready (`upstreamReady = "true"`: `true` unquoted is a reserved word in JQL). Bad input — an unknown issue, a link that is not a URL, a
 * version built on one that is not the latest, text over its limit, acknowledging an issue one cannot browse —
 * gets a clear error and writes nothing. The view is two SQL statements and one round trip.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { seedAppData } from '../sandbox/seed/app-data';
import { sequentialDepth } from '../sandbox/instrument';
import type { JiraIssue } from '../sandbox/jira/model';
import { retryPolicy } from '../../src/jira/client';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import type { WalkthroughViewDto } from '../../src/contract';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { as, writesIn } from './work-type-helpers';
import { type Answer, ok } from './resolver-answers';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let issue: JiraIssue;

const DESIGNER = SEED_USERS.designer;
const ENGINEER = SEED_USERS.engineer;
const FIGMA = 'https://www.figma.com/design/AbCdEf123456/Instant-payouts?node-id=12-34';

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  retryPolicy.sleep = async () => undefined;
  storageRetryPolicy.sleep = async () => undefined;
  await seedAppData(sandbox, today);
  issue = sandbox.jira.site.issues.find((i) => i.summary === 'Instant payouts to debit cards for marketplace sellers')!;
  issue.assigneeAccountId = ENGINEER;
}, 180_000);
afterAll(() => sandbox.close());

type WriteAnswer = { view: WalkthroughViewDto; readiness: Array<{ key: string; state: string; detail: string }> };
const call = <T>(accountId: string, key: string, payload: unknown) => sandbox.invoke(as(accountId), key, payload) as Promise<Answer<T>>;
/** Every row of the walkthrough tables: what a refused call must leave exactly as it was. */
const walkthroughRows = () =>
  sandbox.asApp(async () => ({
    versions: await selectRows(db.selectFrom('walkthrough_version').selectAll().orderBy('issue_key').orderBy('version').compile()),
    acks: await selectRows(db.selectFrom('walkthrough_ack').selectAll().orderBy('issue_key').orderBy('account_id').orderBy('version').compile()),
    questions: await selectRows(db.selectFrom('walkthrough_question').selectAll().orderBy('id').compile()),
  }));

const version1 = () => ({
  issueKey: issue.key,
  basedOn: null,
  designUrl: FIGMA,
  summary: 'Sellers choose instant payout on the payout screen.',
  items: [
    { kind: 'new', id: 'instant-toggle', title: 'Instant payout toggle', detail: 'Beside the payout amount, with the fee.' },
    { kind: 'decision', id: 'fee-shown', title: 'Show the fee before confirming', why: 'Sellers asked what it costs.', alternatives: ['Fee in the receipt only'] },
    { kind: 'error-state', id: 'card-declined', title: 'Debit card declined', whatHappens: 'The payout falls back to the next business day, with a banner.', state: 'designed' },
    { kind: 'edge-case', id: 'limit', title: 'Over the daily limit', whatHappens: 'The toggle is disabled with the limit shown.', state: 'designed' },
  ],
});

describe('the walkthrough, from first version to ready', () => {
  let afterAck: WriteAnswer;

  it('a designer adds version 1; the engineer sees every item as new', async () => {
    const added = ok(await call<WriteAnswer>(DESIGNER, 'walkthrough.addVersion', version1()));
    expect(added.view.latest).toMatchObject({ version: 1, author: { displayName: 'Tomás Ortega' }, designLink: { kind: 'figma-design', label: 'Figma design', frame: '12-34' } });
    expect(added.readiness.find((r) => r.key === 'walkthrough')).toMatchObject({ state: 'todo' });

    const view = ok(await call<WalkthroughViewDto>(ENGINEER, 'walkthrough.view', { issueKey: issue.key }));
    expect(view.you).toMatchObject({ acknowledgedVersion: null, changesSinceAcknowledged: { from: null, to: 1, removed: [], edited: [] } });
    expect(view.you.changesSinceAcknowledged!.added.map((i) => i.id)).toEqual(['instant-toggle', 'fee-shown', 'card-declined', 'limit']);
    expect(view.can).toMatchObject({ acknowledge: true, ask: true, addVersion: true });
  });

  it('the engineer acknowledges it: nothing is new for them, and readiness counts it', async () => {
    afterAck = ok(await call<WriteAnswer>(ENGINEER, 'walkthrough.acknowledge', { issueKey: issue.key, version: 1 }));
    expect(afterAck.view.you).toMatchObject({ acknowledgedVersion: 1, changesSinceAcknowledged: { from: 1, to: 1, empty: true } });
    expect(afterAck.view.acknowledgements).toEqual([expect.objectContaining({ person: { accountId: ENGINEER, displayName: 'Priya Raman' }, version: 1, engineer: true, ofLatest: true })]);
    expect(afterAck.readiness.find((r) => r.key === 'walkthrough')).toMatchObject({ state: 'done', detail: 'Version 1 acknowledged by Priya Raman.' });
    expect(afterAck.readiness.find((r) => r.key === 'error-states')).toMatchObject({ state: 'done' });
  });

  it('the designer adds version 2 deferring the error state with a reason; the engineer sees exactly that as new', async () => {
    const v1 = version1();
    const items = v1.items.map((item) =>
      item.id === 'card-declined' ? { ...item, state: 'deferred', reason: 'Needs the acquirer’s decline codes (PAY-API v3).' } : item,
    );
    items.push({ kind: 'change', id: 'why-deferred', title: 'Card declined is deferred', detail: 'No banner in this release.', why: 'The decline codes arrive with PAY-API v3.' } as never);
    ok(await call<WriteAnswer>(DESIGNER, 'walkthrough.addVersion', { ...v1, basedOn: 1, summary: 'Declines deferred to PAY-API v3.', items }));

    const view = ok(await call<WalkthroughViewDto>(ENGINEER, 'walkthrough.view', { issueKey: issue.key }));
    const changes = view.you.changesSinceAcknowledged!;
    expect(changes).toMatchObject({ from: 1, to: 2, removed: [], summaryChanged: true, designUrlChanged: false });
    expect(changes.added.map((i) => i.id)).toEqual(['why-deferred']);
    expect(changes.edited).toEqual([
      expect.objectContaining({
        id: 'card-declined',
        fields: [
          { field: 'state', before: 'designed', after: 'deferred' },
          { field: 'reason', before: null, after: 'Needs the acquirer’s decline codes (PAY-API v3).' },
        ],
      }),
    ]);
    expect(view.acknowledgements).toEqual([expect.objectContaining({ version: 1, ofLatest: false })]);
    expect(view.versions.map((v) => v.version)).toEqual([2, 1]);

    const diff = ok(await call<{ edited: unknown[] }>(ENGINEER, 'walkthrough.diff', { issueKey: issue.key, from: 1, to: 2 }));
    expect(diff).toEqual(changes);
    const first = ok(await call<{ version: number; items: unknown[] }>(ENGINEER, 'walkthrough.version', { issueKey: issue.key, version: 1 }));
    expect(first).toMatchObject({ version: 1, items: version1().items.map((i) => expect.objectContaining({ id: i.id })) });
  });

  it('the panel nudges the assignee and says the latest is not acknowledged, in two round trips', async () => {
    sandbox.setLatency(20);
    sandbox.clearLogs();
    const panel = ok(await call<{ walkthrough: Record<string, unknown>; readiness: Array<{ key: string; state: string }>; ready: boolean }>(ENGINEER, 'panel.context', { issueKey: issue.key }));
    const depth = sequentialDepth([...sandbox.jiraLink.log, ...sandbox.storageLink.log, ...sandbox.sqlLink.log]);
    sandbox.setLatency(0);
    expect(depth).toBeLessThanOrEqual(2);
    expect(panel.walkthrough).toMatchObject({ latestVersion: 2, yourAcknowledgedVersion: 1, newSinceYourAcknowledgement: 1, nudge: true, openQuestions: 0 });
    expect(panel.readiness.map((r) => r.key)).toEqual(['classified', 'origin', 'discovery', 'walkthrough', 'error-states']);
    expect(panel.readiness.find((r) => r.key === 'walkthrough')!.state).toBe('todo');
    expect(panel.ready).toBe(false);
    // Someone else, not the assignee, sees no badge.
    const designerPanel = ok(await call<{ walkthrough: Record<string, unknown> }>(DESIGNER, 'panel.context', { issueKey: issue.key }));
    expect(designerPanel.walkthrough).toMatchObject({ nudge: false, yourAcknowledgedVersion: null });
  });

  it('once the work type is set and version 2 acknowledged, the issue is ready and JQL finds it', async () => {
    ok(await call(ENGINEER, 'workType.set', { issueKey: issue.key, workType: 'Innovative' }));
    const acked = ok(await call<WriteAnswer>(ENGINEER, 'walkthrough.acknowledge', { issueKey: issue.key, version: 2 }));
    expect(acked.readiness.map((r) => [r.key, r.state])).toEqual([
      ['classified', 'done'],
      ['origin', 'done'],
      ['discovery', 'done'],
      ['walkthrough', 'done'],
      ['error-states', 'done'],
    ]);
    expect((issue.properties['upstream-origin'] as { ready?: boolean }).ready).toBe(true);
    const found = await sandbox.jira.handle({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      headers: { 'content-type': 'application/json' },
      // `true` is a reserved word in JQL: Jira (and the emulator's Atlassian parser) refuses it unquoted.
      body: JSON.stringify({ jql: 'upstreamReady = "true"', fields: ['key'], maxResults: 100 }),
      asUser: ENGINEER,
    });
    // The seed's walkthroughs make a few other issues ready too (test/sandbox/seed/walkthroughs.ts).
    expect(((found.body as { issues: Array<{ key: string }> }).issues ?? []).map((i) => i.key)).toContain(issue.key);
    const panel = ok(await call<{ ready: boolean; walkthrough: { nudge: boolean } }>(ENGINEER, 'panel.context', { issueKey: issue.key }));
    expect(panel).toMatchObject({ ready: true, walkthrough: { nudge: false } });
  });

  it('a question on an item is answered once by the designer', async () => {
    const asked = ok(await call<WriteAnswer>(ENGINEER, 'walkthrough.ask', { issueKey: issue.key, version: 2, itemId: 'limit', text: 'What is the daily limit?' }));
    const question = asked.view.questions[0];
    expect(question).toMatchObject({ itemId: 'limit', itemTitle: 'Over the daily limit', askedBy: { displayName: 'Priya Raman' }, answer: null });
    const answered = ok(await call<WriteAnswer>(DESIGNER, 'walkthrough.answer', { issueKey: issue.key, questionId: question.id, text: '€10,000 a day.' }));
    expect(answered.view.questions[0].answer).toMatchObject({ text: '€10,000 a day.', by: { displayName: 'Tomás Ortega' } });
    const before = await walkthroughRows();
    expect(await call(DESIGNER, 'walkthrough.answer', { issueKey: issue.key, questionId: question.id, text: 'Again' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await walkthroughRows()).toEqual(before);
  });
});

describe('bad input: a clear error, nothing written', () => {
  const refusals: Array<[string, string, () => [string, string, unknown]]> = [
    ['an unknown issue', 'not-found', () => [DESIGNER, 'walkthrough.addVersion', { ...version1(), issueKey: 'PAY-99999' }]],
    ['a link that is not a URL', 'invalid-input', () => [DESIGNER, 'walkthrough.addVersion', { ...version1(), basedOn: 2, designUrl: 'figma file v3' }]],
    ['an http link', 'invalid-input', () => [DESIGNER, 'walkthrough.addVersion', { ...version1(), basedOn: 2, designUrl: 'http://www.figma.com/design/AbCdEf123456/x' }]],
    ['a version built on one that is not the latest', 'conflict', () => [DESIGNER, 'walkthrough.addVersion', { ...version1(), basedOn: 1 }]],
    ['a first version when there is one', 'conflict', () => [DESIGNER, 'walkthrough.addVersion', version1()]],
    ['a summary over its limit', 'invalid-input', () => [DESIGNER, 'walkthrough.addVersion', { ...version1(), basedOn: 2, summary: 'x'.repeat(4001) }]],
    ['a deferred error state without a reason', 'invalid-input', () => [DESIGNER, 'walkthrough.addVersion', { ...version1(), basedOn: 2, items: [{ kind: 'error-state', title: 'T', whatHappens: 'W', state: 'deferred' }] }]],
    ['a version by someone who may not edit', 'forbidden', () => [SEED_USERS.sales, 'walkthrough.addVersion', { ...version1(), basedOn: 2 }]],
    ['acknowledging an issue one cannot browse', 'not-found', () => [SEED_USERS.restricted, 'walkthrough.acknowledge', { issueKey: opsIssue().key, version: 1 }]],
    ['acknowledging a version that does not exist', 'not-found', () => [ENGINEER, 'walkthrough.acknowledge', { issueKey: issue.key, version: 9 }]],
    ['a question on an item that is not in the version', 'not-found', () => [ENGINEER, 'walkthrough.ask', { issueKey: issue.key, version: 1, itemId: 'why-deferred', text: 'Why?' }]],
    ['a question over its limit', 'invalid-input', () => [ENGINEER, 'walkthrough.ask', { issueKey: issue.key, version: 1, itemId: 'limit', text: 'x'.repeat(4001) }]],
    ['an answer by someone who may not edit', 'forbidden', () => [SEED_USERS.sales, 'walkthrough.answer', { issueKey: issue.key, questionId: 'question-x', text: 'No' }]],
  ];
  const opsIssue = () => sandbox.jira.site.issues.find((i) => i.key.startsWith('OPS-'))!;

  it.each(refusals)('%s is %s', async (_what, code, build) => {
    const [accountId, key, payload] = build();
    const before = await walkthroughRows();
    sandbox.clearLogs();
    const answer = await call(accountId, key, payload);
    expect(answer).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/\w/) } });
    expect(await walkthroughRows()).toEqual(before);
    expect(writesIn(sandbox)).toEqual([]);
  });

  it('keeps the designer’s draft: the conflict names the latest version to build on', async () => {
    const answer = await call(DESIGNER, 'walkthrough.addVersion', { ...version1(), basedOn: 1 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('version 2') } });
  });
});

describe('cost', () => {
  it('the view is two SQL statements and one round trip', async () => {
    sandbox.setLatency(20);
    sandbox.clearLogs();
    ok(await call(ENGINEER, 'walkthrough.view', { issueKey: issue.key }));
    const depth = sequentialDepth([...sandbox.jiraLink.log, ...sandbox.storageLink.log, ...sandbox.sqlLink.log]);
    sandbox.setLatency(0);
    expect(sandbox.sqlLink.log).toHaveLength(2);
    expect(depth).toBe(1);
  });
});
