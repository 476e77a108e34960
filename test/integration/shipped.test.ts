/**
 * Shipped: moving an issue with an Upstream origin to Done (in the sandbox, as a person in Jira would) fires the
 * `issue-shipped` trigger, which records when and which issue on the decision and the signals it came from, once.
 * Issues without an origin never reach it; an event it cannot read is refused and writes nothing.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { clock } from '../../src/services/clock';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { selectRows } from '../../src/store/sql/run';
import { recordIssueShipped } from '../../src/services/signals/shipped';
import { sql } from 'kysely';
import { db } from '../../src/store/sql/schema';
import { as } from './work-type-helpers';
import { DAY, addSignals, clusterWith, issueIn, setOrigin } from './my-signals-fixture';

const today = new Date('2026-11-26T10:00:00Z');
const SALES = SEED_USERS.sales;
const ENGINEER = SEED_USERS.engineer;
let sandbox: Sandbox;
let now = today.getTime();
const realNow = clock.now;
const realSleep = storageRetryPolicy.sleep;

const shippedRows = () =>
  sandbox.asApp(async () => ({
    signals: await selectRows(sql<{ id: string; shipped_at: unknown; shipped_issue_key: string | null }>`SELECT id, shipped_at, shipped_issue_key FROM \`signal\` WHERE shipped_at IS NOT NULL ORDER BY id`.compile(db)),
    decisions: await selectRows(sql<{ cluster_id: string; shipped_at: unknown; shipped_issue_key: string | null }>`SELECT cluster_id, shipped_at, shipped_issue_key FROM routing_decision WHERE shipped_at IS NOT NULL ORDER BY cluster_id`.compile(db)),
  }));

let issueKey = '';
let signalIds: string[] = [];
let clusterId = '';

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  clock.now = () => new Date(now);
  signalIds = await addSignals(sandbox, [
    { externalId: 'ship-1', raisedBy: SALES, text: 'Card update fails after a partial refund', customer: 'Harbor Pine', receivedAtMs: now - 10 * DAY },
    { externalId: 'ship-2', raisedBy: SALES, text: 'Saved card cannot be replaced after refund', customer: 'Tasklane', receivedAtMs: now - 8 * DAY },
  ]);
  issueKey = issueIn(sandbox, 'PAY', 'indeterminate');
  clusterId = await clusterWith(sandbox, signalIds, 'quick-fix', now - 7 * DAY, { issueKey });
  await setOrigin(sandbox, issueKey, signalIds);
}, 180_000);

afterAll(async () => {
  clock.now = realNow;
  storageRetryPolicy.sleep = realSleep;
  await sandbox.close();
});

describe('the issue-shipped trigger', () => {
  it('does nothing while the issue is not Done', async () => {
    expect(sandbox.jira.transitionIssue(issueKey, 'In Review', ENGINEER)).toBe(true);
    await sandbox.settleTriggers();
    expect(await shippedRows()).toEqual({ signals: [], decisions: [] });
  });

  it('records shipped on the decision and on each signal when the issue reaches Done, and My signals shows it', async () => {
    now += DAY;
    // When is Jira's word (the event's timestamp, from the emulator's own clock), not the function's.
    const from = Date.now();
    expect(sandbox.jira.transitionIssue(issueKey, 'Done', ENGINEER)).toBe(true);
    await sandbox.settleTriggers();
    const to = Date.now();
    const rows = await shippedRows();
    expect(rows.decisions).toEqual([{ cluster_id: clusterId, shipped_at: expect.anything(), shipped_issue_key: issueKey }]);
    expect(rows.signals.map((r) => [r.id, r.shipped_issue_key])).toEqual(signalIds.map((id) => [id, issueKey]).sort());
    const at = Number(rows.signals[0]!.shipped_at);
    expect(at).toBeGreaterThanOrEqual(from);
    expect(at).toBeLessThanOrEqual(to);
    expect(Number(rows.decisions[0]!.shipped_at)).toBe(at);
    const answer = (await sandbox.invoke(as(SALES, 'my-signals'), 'mySignals.list', { status: 'shipped' })) as { ok: true; data: { signals: any[] } };
    expect(answer.data.signals.map((s: { id: string }) => s.id).sort()).toEqual([...signalIds].sort());
    expect(answer.data.signals[0]).toMatchObject({ status: 'shipped', shipped: { at: new Date(at).toISOString(), issueKey } });
  });

  it('is idempotent: reopened and Done again, or the same event twice, changes nothing', async () => {
    const before = await shippedRows();
    const shippedAt = Number(before.signals[0]!.shipped_at);
    now += 3 * DAY;
    sandbox.jira.transitionIssue(issueKey, 'In Progress', ENGINEER);
    sandbox.jira.transitionIssue(issueKey, 'Done', ENGINEER);
    await sandbox.settleTriggers();
    const again = await sandbox.fireTrigger('issue-shipped', { eventType: 'avi:jira:updated:issue', issue: { id: '1', key: issueKey, fields: {} }, timestamp: now });
    expect(again).toBeUndefined();
    const outcome = await sandbox.asApp(() => recordIssueShipped({ issue: { id: '1', key: issueKey }, timestamp: now }));
    expect(outcome).toMatchObject({ outcome: 'recorded', decisions: 0, signals: 0 });
    const after = await shippedRows();
    expect(after).toEqual(before);
    expect(Number(after.signals[0]!.shipped_at)).toBe(shippedAt);
  });

  it('ignores issues without an origin: the trigger is not fired, and called anyway it writes nothing', async () => {
    const before = await shippedRows();
    const plain = issueIn(sandbox, 'INV', 'new');
    sandbox.clearLogs();
    sandbox.jira.transitionIssue(plain, 'Done', ENGINEER);
    await sandbox.settleTriggers();
    // The sandbox applies the manifest's property filter: the function never ran, so it asked Jira nothing.
    expect(sandbox.jiraLink.log).toHaveLength(0);
    const outcome = await sandbox.asApp(() => recordIssueShipped({ issue: { id: '2', key: plain } }));
    expect(outcome).toEqual({ outcome: 'ignored', reason: 'no-origin' });
    expect(await shippedRows()).toEqual(before);
  });

  it('refuses an event that does not read (zod) and writes nothing', async () => {
    const before = await shippedRows();
    sandbox.clearLogs();
    for (const malformed of [null, 'text', {}, { issue: { key: 'not a key', id: '1' } }, { issue: { id: 5, key: issueKey } }, { issue: { id: '1', key: issueKey }, timestamp: 'yesterday' }]) {
      const outcome = await sandbox.asApp(() => recordIssueShipped(malformed));
      expect(outcome).toMatchObject({ outcome: 'refused', problem: expect.any(String) });
      await expect(sandbox.fireTrigger('issue-shipped', malformed as never)).resolves.toBeUndefined();
    }
    expect(sandbox.jiraLink.log).toHaveLength(0);
    expect(sandbox.sqlLink.log.filter((r) => /UPDATE|INSERT/i.test(JSON.stringify(r)))).toHaveLength(0);
    expect(await shippedRows()).toEqual(before);
  });

  it('answers a move to a status that is not Done from the event alone, asking Jira nothing', async () => {
    sandbox.clearLogs();
    const outcome = await sandbox.asApp(() => recordIssueShipped({ issue: { id: '1', key: issueKey, fields: { status: { statusCategory: { key: 'indeterminate' } } } } }));
    expect(outcome).toEqual({ outcome: 'ignored', reason: 'not-done' });
    expect(sandbox.jiraLink.log).toHaveLength(0);
  });
});
