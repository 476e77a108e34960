/**
 * Closing the loop, through the real resolvers, outbox, queue and consumer against the sandbox's Jira and Slack:
 * a lead routes a cluster whose signals came from Slack (a message shortcut), from a rep with Jira access and from
 * CRMs (one with the rep's email, one with nobody to reach), and each rep hears of it with the lead's rationale —
 * a Slack direct message and a reply in the signal's thread, a Jira watcher on the issue it became — at each step
 * (decided, in Jira, shipped). A redelivered effect sends nothing twice; Slack's 429 and 500 are retried; a
 * token Slack refuses holds the messages (visible, not lost) until an admin saves a working one.
 */
import { sql } from '@forge/sql';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { sandboxSlack } from '../sandbox/slack/slack-emulator';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';
import { watchersOf } from '../sandbox/jira/watchers';
import { clock } from '../../src/services/clock';
import { retryPolicy } from '../../src/jira/client';
import { performNotifyRaisers } from '../../src/services/signals/notify-deliver';
import { notificationStateOf, notifyRaisersShipped } from '../../src/services/signals/notify-raisers';
import { attachSignal, createCluster } from '../../src/store/cluster-repository';
import { deliveriesOfDecisions, recordDelivery } from '../../src/store/notification-repository';
import { getRouteDecisions } from '../../src/store/routing-decision-repository';
import { createSignalOnce } from '../../src/store/signal-repository';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { as } from './work-type-helpers';
import { drainOutbox } from './outbox-drain';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let fakeNow = Date.now();
const realNow = clock.now;
const LEAD = SEED_USERS.productLead;
const REP_WITH_JIRA = SEED_USERS.sales;
const CHANNEL = 'C07ACME01';

type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
const admin = (key: string, payload: unknown) => sandbox.invoke(as(SEED_USERS.admin, 'settings'), key, payload) as Promise<Answer>;
const lead = (key: string, payload: unknown) => sandbox.invoke(as(LEAD, 'triage-queue', { project: { key: 'PAY' } }), key, payload) as Promise<Answer>;
const api = () => sandboxSlack.api;

/** Drains the queue, then the sweeper (past every lease and backoff) until no outbox row is pending. */
const drain = (): Promise<void> => drainOutbox(sandbox, () => void (fakeNow += 16 * 60_000));

/** A Slack message shortcut's form body as the webtrigger stored it: Marcus sent a customer's words to Upstream. */
const shortcutBody = (ts: string, threadTs?: string, author = 'U0CUSTOMER') =>
  new URLSearchParams({
    payload: JSON.stringify({
      type: 'message_action',
      team: { id: 'T024BE7LD', domain: 'brightforge' },
      channel: { id: CHANNEL, name: 'acme-shared' },
      user: { id: 'U0MARCUS', name: 'marcus' },
      message: { type: 'message', user: author, ts, ...(threadTs ? { thread_ts: threadTs } : {}), text: 'Can the export include cost centres?' },
      response_url: 'https://hooks.slack.com/app/T024BE7LD/1/abc',
    }),
  }).toString();

let n = 0;
/** A cluster of four signals: from Slack, from a rep with Jira access, from a CRM with the rep's email, from a CRM with nobody. */
async function routableCluster(title: string, slack: { author?: string; name?: string } = {}): Promise<{ clusterId: string; threadTs: string }> {
  n += 1;
  const clusterId = `cluster-notify-${n}`;
  const threadTs = `17640000${n}0.000100`;
  await sandbox.asApp(async () => {
    await createCluster({ id: clusterId, title, state: 'new' }, fakeNow);
    const signals = [
      { source: 'slack' as const, externalId: `${CHANNEL}:${threadTs}`, text: 'Can the export include cost centres?', raisedByName: slack.name ?? 'Customer in #acme-shared', rawPayload: shortcutBody(threadTs, undefined, slack.author) },
      { source: 'form' as const, externalId: `form-notify-${n}`, text: 'Finance wants cost centres in the export', raisedByName: 'Sam Whitaker', raisedByAccountId: REP_WITH_JIRA },
      { source: 'hubspot' as const, externalId: `hubspot-notify-${n}`, text: 'Cost centre column please', raisedByName: 'Jordan Reyes', raisedByEmail: 'Jordan@brightforge.dev' },
      { source: 'crm' as const, externalId: `crm-notify-${n}`, text: 'Export by cost centre', raisedByName: 'Unknown CRM user' },
    ];
    for (const s of signals) {
      const { id } = await createSignalOnce({ ...s, state: 'new', receivedAt: Math.floor(fakeNow / 1000), customer: 'Acme' });
      await attachSignal(id, clusterId, fakeNow);
    }
  });
  return { clusterId, threadTs };
}

async function route(clusterId: string, body: Record<string, unknown>): Promise<string> {
  const version = (await sandbox.asApp(() => selectRows(db.selectFrom('cluster').select('version').where('id', '=', clusterId).compile())))[0]!.version;
  const answer = await lead('signals.route', { projectKey: 'PAY', targets: [{ clusterId, version: Number(version) }], ...body });
  expect(answer).toMatchObject({ ok: true, data: { results: [{ outcome: 'decided' }] } });
  await drain();
  return (await sandbox.asApp(() => getRouteDecisions([clusterId]))).get(clusterId)!.decisionId!;
}
type StoredRow = { decision_id: string; step: string; channel: string; recipient: string; recipient_name: string | null; state: string; detail: string | null };
const deliveries = (decisionId: string) =>
  sandbox.asApp(() =>
    selectRows(
      db
        .withTables<{ raiser_notification: StoredRow }>()
        .selectFrom('raiser_notification')
        .select(['step', 'channel', 'recipient', 'recipient_name', 'state', 'detail'])
        .where('decision_id', '=', decisionId)
        .orderBy('step')
        .orderBy('channel')
        .orderBy('recipient')
        .compile(),
    ),
  );
/** Who each delivery of a step was for, by name, as stored: "channel recipient → name". */
const named = async (decisionId: string, step = 'decided') =>
  (await deliveries(decisionId)).filter((d) => d.step === step).map((d) => `${d.channel} ${d.recipient} → ${d.recipient_name}`);

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  retryPolicy.sleep = async () => undefined;
  fakeNow = Date.now();
  clock.now = () => new Date(fakeNow);
}, 180_000);
afterAll(async () => {
  clock.now = realNow;
  await sandbox.close();
});
beforeEach(async () => {
  sandboxSlack.reset();
  expect(await admin('settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN })).toMatchObject({ ok: true });
  api().calls.length = 0;
});

test('a quick fix is told to every rep: Slack DM and thread reply with the rationale, a Jira watcher, then the issue and "shipped"', async () => {
  const { clusterId, threadTs } = await routableCluster('Cost centres in the export');
  const decisionId = await route(clusterId, { route: 'quick-fix', rationale: 'Three customers asked; a column is a small fix.', quickFix: { projectKey: 'PAY', intoNextSprint: false } });
  const issueKey = (await sandbox.asApp(() => getRouteDecisions([clusterId]))).get(clusterId)!.issueKey!;
  expect(issueKey).toMatch(/^PAY-\d+$/);

  const marcus = api().directMessagesTo('U0MARCUS').map((m) => m.text);
  expect(marcus).toEqual([
    'What you raised about *Cost centres in the export* (“Can the export include cost centres?”) is going into a quick fix. Hannah Okafor: “Three customers asked; a column is a small fix.”',
    `What you raised about *Cost centres in the export* (“Can the export include cost centres?”) is now ${issueKey} in Jira. Hannah Okafor: “Three customers asked; a column is a small fix.”`,
  ]);
  expect(api().threadReplies(CHANNEL, threadTs).map((m) => m.text)).toEqual([
    '<@U0MARCUS> Upstream update: this is going into a quick fix (*Cost centres in the export*). Hannah Okafor: “Three customers asked; a column is a small fix.”',
    `<@U0MARCUS> Upstream update: this is now ${issueKey} in Jira (*Cost centres in the export*). Hannah Okafor: “Three customers asked; a column is a small fix.”`,
  ]);
  // The CRM rep found by email (case aside); the rep with Jira access watches the issue, so Jira tells them itself.
  expect(api().directMessagesTo('U0JORDAN')).toHaveLength(2);
  const issue = sandbox.jira.site.issues.find((i) => i.key === issueKey)!;
  expect(watchersOf(issue)).toEqual([REP_WITH_JIRA]);

  const state = (await sandbox.asApp(() => notificationStateOf([decisionId]))).get(decisionId)!;
  expect(state).toMatchObject({ sent: 7, held: 0, failed: 0, unreachable: 1 });
  expect(state.problems).toEqual([
    { step: 'decided', channel: 'none', recipient: expect.stringContaining('Unknown CRM user'), recipientName: 'Unknown CRM user', state: 'unreachable', detail: expect.stringContaining('no Slack user, email or Jira account') },
  ]);
  // Each delivery names who it was for. Marcus sent a customer's message (its author is the customer), so Slack
  // knows him by his handle alone; the CRM's rep and the rep with Jira access by the names their signals have.
  const [jiraWatcherRow] = (await deliveries(decisionId)).filter((d) => d.channel === 'jira-watcher');
  expect(jiraWatcherRow).toMatchObject({ step: 'in-jira', recipient: REP_WITH_JIRA, recipient_name: 'Sam Whitaker', state: 'sent' });
  expect(await named(decisionId)).toEqual([
    expect.stringMatching(/^none Unknown CRM user \(signal .*\) → Unknown CRM user$/),
    'slack-dm U0MARCUS → @marcus',
    'slack-dm email:jordan@brightforge.dev → Jordan Reyes',
    `slack-thread ${CHANNEL}:${threadTs} → @marcus`,
  ]);

  // Shipped, as the issue-updated trigger will report it: told once, however often it is reported.
  await sandbox.asApp(() => notifyRaisersShipped(decisionId, issueKey, fakeNow));
  await sandbox.asApp(() => notifyRaisersShipped(decisionId, issueKey, fakeNow));
  await drain();
  expect(api().directMessagesTo('U0MARCUS').map((m) => m.text).slice(2)).toEqual([
    `What you raised about *Cost centres in the export* (“Can the export include cost centres?”) has shipped: ${issueKey} is done. Hannah Okafor: “Three customers asked; a column is a small fix.”`,
  ]);
  expect(api().threadReplies(CHANNEL, threadTs)).toHaveLength(3);
}, 120_000);

test('a redelivered effect sends nothing twice', async () => {
  const { clusterId } = await routableCluster('Parked: cost centre export');
  const decisionId = await route(clusterId, { route: 'parking-lot', rationale: 'Not this quarter.' });
  const posted = api().posted.length;
  expect(posted).toBe(3);
  expect(api().directMessagesTo('U0MARCUS')[0]!.text).toContain('is in the parking lot: kept where the team sees it');
  // The same step performed again (a duplicate event, a sweeper's second push) and recorded again.
  await sandbox.asApp(() => performNotifyRaisers({ decisionId, step: 'decided', issueKey: null }));
  await sandbox.asApp(() => performNotifyRaisers({ decisionId, step: 'decided', issueKey: null }));
  expect(api().posted).toHaveLength(posted);
  expect(api().calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(posted);
  // No Jira side, so no watcher and no second step.
  expect((await deliveries(decisionId)).map((d) => `${d.step} ${d.channel} ${d.state}`)).toEqual(['decided none unreachable', 'decided slack-dm sent', 'decided slack-dm sent', 'decided slack-thread sent']);
}, 120_000);

test('Slack answering 429 and 500 is retried, and every message arrives once', async () => {
  const { clusterId, threadTs } = await routableCluster('Declined: cost centre export');
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  // What intake asks Slack first (the Slack sender's email, for their Jira account) is done before Slack fails.
  await drain();
  api().calls.length = 0;
  api().failNext(429, 500);
  await route(clusterId, { route: 'declined', rationale: 'Cost centres belong in the ERP.' });
  expect(api().calls.slice(0, 2).map((c) => c.status)).toEqual([429, 500]);
  expect(api().directMessagesTo('U0MARCUS').map((m) => m.text)).toEqual([expect.stringContaining('was declined. Hannah Okafor: “Cost centres belong in the ERP.”')]);
  expect(api().threadReplies(CHANNEL, threadTs)).toHaveLength(1);
  expect(api().directMessagesTo('U0JORDAN')).toHaveLength(1);
  jest.restoreAllMocks();
}, 120_000);

test('a token Slack refuses holds the messages, reported; a working token saved later sends them', async () => {
  const { clusterId, threadTs } = await routableCluster('Roadmap: cost centres');
  api().revoke(SANDBOX_SLACK_BOT_TOKEN);
  const decisionId = await route(clusterId, { route: 'parking-lot', rationale: 'Worth a look next quarter.' });
  expect(api().posted).toEqual([]);
  // Done, not failed: nothing is retried blindly; the deliveries say why they wait.
  const outbox = await sandbox.asApp(() => selectRows(db.selectFrom('outbox').select(['state']).where('id', '=', `notify-raisers:${decisionId}:decided`).compile()));
  expect(outbox).toEqual([{ state: 'done' }]);
  const held = (await deliveries(decisionId)).filter((d) => d.state === 'held');
  expect(held).toHaveLength(3);
  expect(held[0]!.detail).toMatch(/^Slack refused the bot token \(invalid_auth\): an admin sets a working one/);
  expect(await admin('settings.slack.get', {})).toMatchObject({ ok: true, data: { connected: true, heldMessages: 3 } });

  // The settings page refuses a token Slack refuses, and stores nothing.
  const refused = await admin('settings.slack.save', { token: 'xoxb-1111111111-9999999999-notAToken' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^Slack does not know this token\. .* Nothing was saved\.$/), fields: { token: 'invalid_auth' } } });
  expect(await admin('settings.slack.test', {})).toMatchObject({ ok: true, data: { state: 'refused' } });

  // As if held before deliveries were named: sending them now records who they were for.
  await sandbox.asApp(() => sql.prepare('UPDATE `raiser_notification` SET recipient_name = NULL WHERE decision_id = ?').bindParams(decisionId).execute());
  expect((await deliveries(decisionId)).map((d) => d.recipient_name)).toEqual([null, null, null, null]);

  const reinstalled = 'xoxb-1111111111-3333333333-reinstalledBot';
  api().addToken(reinstalled);
  const saved = await admin('settings.slack.save', { token: reinstalled });
  expect(saved).toMatchObject({ ok: true, data: { connected: true, teamName: 'Brightforge', botName: 'upstream', resentMessages: 1 } });
  expect(JSON.stringify(saved)).not.toContain(reinstalled);
  await drain();
  expect(api().directMessagesTo('U0MARCUS')).toHaveLength(1);
  expect(api().threadReplies(CHANNEL, threadTs)).toHaveLength(1);
  expect(api().directMessagesTo('U0JORDAN')).toHaveLength(1);
  expect((await deliveries(decisionId)).filter((d) => d.state === 'held')).toEqual([]);
  // Named now; the one nobody can reach was not recorded again, so it stays as it was.
  expect((await deliveries(decisionId)).map((d) => `${d.channel} ${d.recipient_name}`)).toEqual(['none null', 'slack-dm @marcus', 'slack-dm Jordan Reyes', 'slack-thread @marcus']);
  expect(await admin('settings.slack.get', {})).toMatchObject({ ok: true, data: { heldMessages: 0 } });
}, 120_000);

test('the bot not in the thread\'s channel fails that reply with what to do; the direct message still goes', async () => {
  const { clusterId } = await routableCluster('Declined again: cost centres');
  api().removeBotFrom(CHANNEL);
  const decisionId = await route(clusterId, { route: 'declined', rationale: 'Out of scope.' });
  expect(api().directMessagesTo('U0MARCUS')).toHaveLength(1);
  const thread = (await deliveries(decisionId)).find((d) => d.channel === 'slack-thread')!;
  expect(thread).toMatchObject({ state: 'failed', detail: `The Upstream bot is not in that channel (${CHANNEL}): invite it with /invite @upstream, or the rep still gets a direct message.` });
}, 120_000);

test('a duplicate tells the raisers of the signals that were merged away, naming the cluster they joined', async () => {
  const { clusterId, threadTs } = await routableCluster('Cost centre column');
  await sandbox.asApp(() => createCluster({ id: 'cluster-notify-into', title: 'Export by cost centre', state: 'new' }, fakeNow));
  const into = (await sandbox.asApp(() => selectRows(db.selectFrom('cluster').select('version').where('id', '=', 'cluster-notify-into').compile())))[0]!.version;
  await route(clusterId, { route: 'duplicate', rationale: 'Same ask as the export cluster.', duplicateOf: { clusterId: 'cluster-notify-into', version: Number(into) } });
  expect(api().directMessagesTo('U0MARCUS').map((m) => m.text)).toEqual([
    'What you raised about *Cost centre column* (“Can the export include cost centres?”) was merged into *Export by cost centre*, which covers the same need. Hannah Okafor: “Same ask as the export cluster.”',
  ]);
  expect(api().threadReplies(CHANNEL, threadTs)).toHaveLength(1);
  expect(api().directMessagesTo('U0JORDAN')).toHaveLength(1);
}, 120_000);

test('a rep who wrote the message they sent to Upstream is named as Slack names them, in the direct message and the thread', async () => {
  const { clusterId, threadTs } = await routableCluster('Parked: cost centres by hand', { author: 'U0MARCUS', name: 'Marcus Bell' });
  const decisionId = await route(clusterId, { route: 'parking-lot', rationale: 'Later.' });
  expect(await named(decisionId)).toEqual([
    expect.stringMatching(/^none Unknown CRM user \(signal .*\) → Unknown CRM user$/),
    'slack-dm U0MARCUS → Marcus Bell',
    'slack-dm email:jordan@brightforge.dev → Jordan Reyes',
    `slack-thread ${CHANNEL}:${threadTs} → Marcus Bell`,
  ]);
  // Read back as the store reads it: every row, each with its name.
  const read = await sandbox.asApp(() => deliveriesOfDecisions([decisionId]));
  expect(read.map((d) => d.recipientName).sort()).toEqual(['Jordan Reyes', 'Marcus Bell', 'Marcus Bell', 'Unknown CRM user']);
}, 120_000);

test('a name is stored trimmed, cut to its column without splitting an emoji, and a blank one as none; a known name is kept when it is recorded again without', async () => {
  const delivery = { decisionId: 'decision-names', clusterId: 'cluster-names', step: 'decided', channel: 'slack-dm', signalIds: ['s1'], issueKey: null } as const;
  const long = `${'a'.repeat(254)}😀😀`;
  await sandbox.asApp(async () => {
    await recordDelivery({ ...delivery, recipient: 'U0LONG', recipientName: long }, { state: 'held', detail: null }, fakeNow);
    await recordDelivery({ ...delivery, recipient: 'U0BLANK', recipientName: '   ' }, { state: 'held', detail: null }, fakeNow);
    await recordDelivery({ ...delivery, recipient: 'U0KEPT', recipientName: '  Marcus Bell ' }, { state: 'held', detail: null }, fakeNow);
    await recordDelivery({ ...delivery, recipient: 'U0KEPT' }, { state: 'sent', detail: null }, fakeNow + 1);
  });
  const read = await sandbox.asApp(() => deliveriesOfDecisions(['decision-names']));
  const name = (recipient: string) => read.find((d) => d.recipient === recipient)!.recipientName;
  expect(Array.from(name('U0LONG')!)).toHaveLength(255);
  expect(name('U0LONG')!.endsWith('a😀')).toBe(true);
  expect(name('U0BLANK')).toBeNull();
  expect(read.find((d) => d.recipient === 'U0KEPT')).toMatchObject({ recipientName: 'Marcus Bell', state: 'sent' });
  // Stored as read: what was written reads back the same.
  expect((await deliveries('decision-names')).map((d) => d.recipient_name)).toEqual([null, 'Marcus Bell', long.slice(0, 256)]);
});

test('settings.slack.* are for Jira admins only, and the token never goes back to the browser', async () => {
  for (const [key, payload] of [['settings.slack.get', {}], ['settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN }], ['settings.slack.test', {}]] as const) {
    const answer = (await sandbox.invoke(as(LEAD, 'settings'), key, payload)) as Answer;
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }
  const got = await admin('settings.slack.get', {});
  expect(got).toMatchObject({ ok: true, data: { connected: true, teamName: 'Brightforge', teamId: 'T024BE7LD', botName: 'upstream', missingScopes: [], setBy: expect.any(String) } });
  expect(JSON.stringify(got)).not.toContain('xoxb-');
  expect(await admin('settings.slack.save', { token: 'not-a-token' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  // Neither the lead's save nor a malformed token reached Slack.
  expect(api().calls).toEqual([]);
});
