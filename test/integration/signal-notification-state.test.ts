/**
 * Each decision's notification state on the triage tabs (`signals.inbox` on the Parking lot, Routed and Declined),
 * through the real resolvers, outbox, queue and consumer: who was told, who waits for a Slack token, who could not
 * be reached and why — read in the same round of the listing (one more SQL statement, on those tabs only, for
 * callers who may triage), never on the Inbox, never for someone who may only read, and only for the decision
 * that stands (a parked cluster routed again counts its new decision's deliveries alone). Saving a working token
 * turns the held messages into sent ones.
 */
import { sql } from '@forge/sql';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { sandboxSlack } from '../sandbox/slack/slack-emulator';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';
import { clock } from '../../src/services/clock';
import { retryPolicy } from '../../src/jira/client';
import { attachSignal, createCluster, getCluster } from '../../src/store/cluster-repository';
import { createSignalOnce } from '../../src/store/signal-repository';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import type { ResolverOutput } from '../../src/contract';
import { as } from './work-type-helpers';
import { drainOutbox } from './outbox-drain';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let fakeNow = Date.now();
const realNow = clock.now;
const LEAD = SEED_USERS.productLead;
const ENGINEER = SEED_USERS.engineer;

type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
type Tab = ResolverOutput<'signals.inbox'>;
const call = (accountId: string, key: string, payload: unknown) => sandbox.invoke(as(accountId, 'triage-queue', { project: { key: 'PAY' } }), key, payload) as Promise<Answer>;
const admin = (key: string, payload: unknown) => sandbox.invoke(as(SEED_USERS.admin, 'settings'), key, payload) as Promise<Answer>;
const ok = <T>(answer: Answer): T => {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data as T;
};
const tab = async (state: string, who = LEAD): Promise<Tab> => ok<Tab>(await call(who, 'signals.inbox', { projectKey: 'PAY', state, sort: 'recent', pageSize: 100 }));
const statements = () => sandbox.sqlLink.log.filter((r) => r.path === '/api/v1/execute').length;

/** Drains the queue, then the sweeper (past every lease and backoff) until no outbox row is pending. */
const drain = (): Promise<void> => drainOutbox(sandbox, () => void (fakeNow += 16 * 60_000));

let n = 0;
/** A cluster of three signals: a CRM rep known by email (a Slack DM), a rep with Jira access (a watcher once in Jira), and nobody to reach. */
async function clusterOfThree(title: string): Promise<string> {
  n += 1;
  const clusterId = `cluster-told-${n}`;
  await sandbox.asApp(async () => {
    await createCluster({ id: clusterId, title, state: 'new' }, fakeNow);
    const signals = [
      { source: 'hubspot' as const, externalId: `hubspot-told-${n}`, text: `${title}: please`, raisedByName: 'Jordan Reyes', raisedByEmail: 'jordan@brightforge.dev' },
      { source: 'form' as const, externalId: `form-told-${n}`, text: `${title}, finance asks`, raisedByName: 'Sam Whitaker', raisedByAccountId: SEED_USERS.sales },
      { source: 'crm' as const, externalId: `crm-told-${n}`, text: `${title} again`, raisedByName: 'Unknown CRM user' },
    ];
    for (const s of signals) {
      const { id } = await createSignalOnce({ ...s, state: 'new', receivedAt: Math.floor(fakeNow / 1000), customer: 'Acme' });
      await attachSignal(id, clusterId, fakeNow);
    }
  });
  return clusterId;
}

async function route(clusterId: string, body: Record<string, unknown>): Promise<void> {
  const version = (await sandbox.asApp(() => getCluster(clusterId)))!.version;
  const answer = await call(LEAD, 'signals.route', { projectKey: 'PAY', targets: [{ clusterId, version }], ...body });
  expect(answer).toMatchObject({ ok: true, data: { results: [{ outcome: 'decided' }] } });
  await drain();
}

let undecided: string;
let declined: string;
let fixed: string;

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  retryPolicy.sleep = async () => undefined;
  fakeNow = Date.now();
  clock.now = () => new Date(fakeNow);
  sandboxSlack.reset();
  undecided = await clusterOfThree('Left in the Inbox');
  // No Slack bot token yet: every Slack message is held.
  declined = await clusterOfThree('Dark mode for invoices');
  await route(declined, { route: 'declined', rationale: 'Not for a payments product.' });
  fixed = await clusterOfThree('Cost centres in the export');
  await route(fixed, { route: 'quick-fix', rationale: 'A column is a small fix.', quickFix: { projectKey: 'PAY', intoNextSprint: false } });
}, 180_000);
afterAll(async () => {
  clock.now = realNow;
  await sandbox.close();
});

// Each problem names who it was for, as the signal named them (Jordan, the CRM's rep, is known by email alone).
const held = { step: 'decided', channel: 'slack-dm', recipient: 'email:jordan@brightforge.dev', recipientName: 'Jordan Reyes', state: 'held', detail: expect.stringContaining('No Slack bot token is set') };
const nobody = (step = 'decided') => ({
  step,
  channel: 'none',
  recipient: expect.stringMatching(/^Unknown CRM user \(signal /),
  recipientName: 'Unknown CRM user',
  state: 'unreachable',
  detail: expect.stringContaining('no Slack user, email or Jira account'),
});

test('Declined and Routed show who was told, who waits for a Slack token and who could not be reached, in 6 SQL statements over 2 rounds', async () => {
  sandbox.clearLogs();
  const declinedTab = await tab('declined');
  // The page, the last change and the counts; then the decisions, the trends and their deliveries.
  expect(statements()).toBe(6);
  // Declined has no Jira side: the decision is told once, a DM held for a token, and the rep nobody can reach.
  expect(declinedTab.details[declined]!.notifications).toEqual({ sent: 0, held: 1, failed: 0, unreachable: 1, problems: [held, nobody()], problemsLeftOut: 0 });

  const routed = await tab('routed');
  // Quick fix: decided and in Jira, each a held DM; the rep with Jira access watches the issue (sent).
  expect(routed.details[fixed]!.notifications).toEqual({
    sent: 1,
    held: 2,
    failed: 0,
    unreachable: 1,
    // Held first (an admin can send them), by step; then whoever nobody can reach.
    problems: [held, { ...held, step: 'in-jira' }, nobody()],
    problemsLeftOut: 0,
  });
});

test('the Inbox stays 5 statements, and someone who may only read sees no notification state', async () => {
  sandbox.clearLogs();
  const inbox = await tab('new');
  expect(statements()).toBe(5);
  expect(inbox.clusters.map((c) => c.id)).toContain(undecided);
  expect(Object.values(inbox.details).every((d) => d.notifications === null)).toBe(true);

  sandbox.clearLogs();
  const asEngineer = await tab('declined', ENGINEER);
  expect(asEngineer.canTriage).toBe(false);
  expect(statements()).toBe(5);
  expect(asEngineer.details[declined]!.decision).toMatchObject({ route: 'declined' });
  expect(asEngineer.details[declined]!.notifications).toBeNull();
});

test('saving a working Slack token sends what was held, and the Routed tab says so', async () => {
  expect(await admin('settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN })).toMatchObject({ ok: true });
  await drain();
  expect((await tab('routed')).details[fixed]!.notifications).toEqual({ sent: 3, held: 0, failed: 0, unreachable: 1, problems: [nobody()], problemsLeftOut: 0 });
  expect(sandboxSlack.api.directMessagesTo('U0JORDAN').length).toBeGreaterThanOrEqual(3);
});

test('a parked cluster routed again counts only the decision that stands now', async () => {
  const parked = await clusterOfThree('Invoice branding');
  await route(parked, { route: 'parking-lot', rationale: 'Behind the e-invoicing work.' });
  expect((await tab('parked')).details[parked]!.notifications).toMatchObject({ sent: 1, held: 0, unreachable: 1 });
  await route(parked, { route: 'declined', rationale: 'Out of scope after all.' });
  // The new decision: one DM sent, one rep unreachable — not the parked decision's as well.
  expect((await tab('declined')).details[parked]!.notifications).toEqual({ sent: 1, held: 0, failed: 0, unreachable: 1, problems: [nobody()], problemsLeftOut: 0 });
});

test('a delivery recorded before names were, or with a blank name, is still listed, named as stored', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const rename = (name: string | null) =>
      sandbox.asApp(() => sql.prepare("UPDATE `raiser_notification` SET recipient_name = ? WHERE cluster_id = ? AND channel = 'none'").bindParams(name, fixed).execute());
    await rename(null);
    sandbox.clearLogs();
    const before = (await tab('routed')).details[fixed]!.notifications!;
    expect(statements()).toBe(6);
    expect(before.problems).toEqual([{ ...nobody(), recipientName: null }]);
    await rename('   ');
    expect((await tab('routed')).details[fixed]!.notifications!.problems).toEqual([{ ...nobody(), recipientName: null }]);
    // Read as no name, not reported as an unreadable delivery.
    expect(warn.mock.calls.map((c) => c.map(String).join(' ')).filter((w) => w.includes('raiser-notification'))).toEqual([]);
  } finally {
    warn.mockRestore();
  }
});
