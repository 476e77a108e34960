/**
 * My signals through the real resolvers: only the caller's signals (whatever the page sends), each status derived
 * right (new, parked, routed with its issue and Jira status, declined with why, shipped with when, a parked
 * cluster that came back reads as new), filters with counts, cursor pages, and refusals with a code.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { clock } from '../../src/services/clock';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { recordShipped } from '../../src/store/signal-status-repository';
import { setClusterState } from '../../src/store/cluster-repository';
import { as } from './work-type-helpers';
import { DAY, addSignals, clusterWith, issueIn } from './my-signals-fixture';

const today = new Date('2026-11-26T10:00:00Z');
const SALES = SEED_USERS.sales;
const OTHER = SEED_USERS.engineer;
let sandbox: Sandbox;
const realNow = clock.now;
const realSleep = storageRetryPolicy.sleep;

type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const list = async (accountId: string | null, payload: unknown): Promise<Answer> =>
  (await sandbox.invoke(as(accountId, 'my-signals', { type: 'jira:globalPage' }), 'mySignals.list', payload)) as Answer;

const ids: Record<string, string> = {};
let routedIssue = '';
let shippedIssue = '';

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  clock.now = () => today;
  const t = today.getTime();
  const made = await addSignals(sandbox, [
    { externalId: 'ms-new', raisedBy: SALES, text: 'Refund emails go out in English to French customers', customer: 'Boulangerie Paul', receivedAtMs: t - 1 * DAY },
    { externalId: 'ms-parked', raisedBy: SALES, text: 'Dark mode for the invoice editor', customer: 'Nightowl Ltd', receivedAtMs: t - 2 * DAY },
    { externalId: 'ms-routed', raisedBy: SALES, text: 'Payout report totals are off by one day', customer: 'Harbor Pine', arr: 80_000, receivedAtMs: t - 3 * DAY },
    { externalId: 'ms-declined', raisedBy: SALES, text: 'Support fax invoices', customer: 'Oldco', receivedAtMs: t - 4 * DAY },
    { externalId: 'ms-shipped', raisedBy: SALES, text: 'Let us export payouts to Xero', customer: 'Kiwi Books', receivedAtMs: t - 5 * DAY },
    { externalId: 'ms-returned', raisedBy: SALES, text: 'Bulk void invoices from the list', customer: 'Tasklane', receivedAtMs: t - 6 * DAY },
    { externalId: 'ms-other', raisedBy: OTHER, text: 'Payout report totals wrong again', customer: 'Harbor Pine', receivedAtMs: t - 3 * DAY },
  ]);
  ['new', 'parked', 'routed', 'declined', 'shipped', 'returned', 'other'].forEach((name, i) => (ids[name] = made[i]!));
  routedIssue = issueIn(sandbox, 'PAY', 'new');
  shippedIssue = issueIn(sandbox, 'PAY', 'done');
  await clusterWith(sandbox, [ids.parked!], 'parking-lot', t - DAY);
  await clusterWith(sandbox, [ids.routed!, ids.other!], 'quick-fix', t - DAY, { issueKey: routedIssue, rationale: 'Two customers reconcile by hand; fix the cut-off.' });
  await clusterWith(sandbox, [ids.declined!], 'declined', t - DAY, { rationale: 'Fax is not a channel we will support.' });
  await clusterWith(sandbox, [ids.shipped!], 'roadmap', t - 3 * DAY, { issueKey: shippedIssue });
  await sandbox.asApp(() => recordShipped(shippedIssue, [ids.shipped!], t - DAY / 2));
  const returned = await clusterWith(sandbox, [ids.returned!], 'parking-lot', t - 2 * DAY);
  // What returnParkedClusters leaves: the parking decision stands, the cluster is back in the Inbox.
  await sandbox.asApp(() => setClusterState(returned, 'new', t));
}, 180_000);

afterAll(async () => {
  clock.now = realNow;
  storageRetryPolicy.sleep = realSleep;
  await sandbox.close();
});

describe('mySignals.list', () => {
  it('answers only the caller’s own signals, newest first, whatever the page sends', async () => {
    const answer = await list(SALES, { status: null });
    expect(answer.ok).toBe(true);
    const signals = (answer as { data: { signals: Array<{ id: string }> } }).data.signals;
    expect(signals.map((s) => s.id)).toEqual([ids.new, ids.parked, ids.routed, ids.declined, ids.shipped, ids.returned]);
    expect(signals.map((s) => s.id)).not.toContain(ids.other);
    // An account id in the payload is not an input at all.
    const spoofed = await list(SALES, { accountId: OTHER });
    expect(spoofed).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const theirs = (await list(OTHER, {})) as { ok: true; data: { signals: Array<{ id: string }> } };
    expect(theirs.data.signals.map((s) => s.id)).toEqual([ids.other]);
  });

  it('derives each status with the lead’s rationale, the issue and its Jira status, and shipped when', async () => {
    const { data } = (await list(SALES, {})) as { ok: true; data: { signals: any[]; counts: Record<string, number> } };
    const by = new Map(data.signals.map((s) => [s.id, s]));
    expect(by.get(ids.new)).toMatchObject({ status: 'new', decision: null, issue: null, shipped: null, customer: 'Boulangerie Paul' });
    expect(by.get(ids.parked)).toMatchObject({ status: 'parked', decision: { route: 'parking-lot', decidedBy: 'Hannah Okafor' } });
    const status = sandbox.jira.site.statuses.find((s) => s.id === sandbox.jira.site.issues.find((i) => i.key === routedIssue)!.statusId)!;
    expect(by.get(ids.routed)).toMatchObject({
      status: 'routed',
      decision: { route: 'quick-fix', rationale: 'Two customers reconcile by hand; fix the cut-off.' },
      issue: { key: routedIssue, jiraPending: false, status: { name: status.name, category: 'new' } },
    });
    expect(by.get(ids.declined)).toMatchObject({ status: 'declined', decision: { route: 'declined', rationale: 'Fax is not a channel we will support.' } });
    expect(by.get(ids.shipped)).toMatchObject({ status: 'shipped', shipped: { at: new Date(today.getTime() - DAY / 2).toISOString(), issueKey: shippedIssue }, issue: { key: shippedIssue } });
    expect(by.get(ids.returned)).toMatchObject({ status: 'new', returnedFromParking: true, decision: { route: 'parking-lot' } });
    expect(data.counts).toEqual({ all: 6, new: 2, parked: 1, routed: 1, declined: 1, shipped: 1 });
  });

  it('filters by status and pages with a cursor', async () => {
    const parked = (await list(SALES, { status: 'new' })) as { ok: true; data: { signals: Array<{ id: string }> } };
    expect(parked.data.signals.map((s) => s.id)).toEqual([ids.new, ids.returned]);
    const first = (await list(SALES, { pageSize: 4 })) as { ok: true; data: { signals: Array<{ id: string }>; nextCursor: string | null } };
    expect(first.data.signals).toHaveLength(4);
    expect(first.data.nextCursor).not.toBeNull();
    const second = (await list(SALES, { pageSize: 4, cursor: first.data.nextCursor })) as { ok: true; data: { signals: Array<{ id: string }>; nextCursor: string | null } };
    expect(second.data.signals.map((s) => s.id)).toEqual([ids.shipped, ids.returned]);
    expect(second.data.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not give out, and a caller who is not signed in, each with a code and a next step', async () => {
    const forged = await list(SALES, { cursor: 'not-a-cursor' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Reload the page') } });
    expect(await list(null, {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('shows a routed issue the caller cannot browse by its key only, without its status', async () => {
    const restricted = SEED_USERS.restricted;
    const [id] = await addSignals(sandbox, [{ externalId: 'ms-restricted', raisedBy: restricted, text: 'Contractor signal', customer: 'Acme', receivedAtMs: today.getTime() - DAY }]);
    const hidden = sandbox.jira.site.projects.find((p) => !(p.permissions[restricted] ?? []).includes('BROWSE_PROJECTS'));
    if (!hidden) throw new Error('the seed gives the restricted contractor every project');
    const key = issueIn(sandbox, hidden.key, 'new', [routedIssue]);
    await clusterWith(sandbox, [id!], 'quick-fix', today.getTime(), { issueKey: key });
    const answer = (await list(restricted, {})) as { ok: true; data: { signals: any[] } };
    expect(answer.data.signals[0]).toMatchObject({ status: 'routed', issue: { key, status: null } });
  });
});
