/**
 * Finding a signal's raiser's Jira account after intake (`match-raiser`), through the real webtrigger, outbox,
 * queue and consumer against the sandbox's Jira, Slack and storage: a Slack message shortcut or /signal from a
 * rep finds their account by the email Slack gives for them (users.info with the saved bot token), a CRM signal
 * by the rep's email it carries — each matched to exactly one active Jira person — and the signal then shows on
 * that rep's My signals. No match, several matches, no token: nothing written, nothing failed. An account
 * already set is never overwritten. Slack's 429 is retried and the match is made once. Saving a token asks
 * again for the Slack signals matched without one.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { JORDAN_REYES, MARCUS_BELL } from '../sandbox/seed/people';
import { sandboxSlack } from '../sandbox/slack/slack-emulator';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';
import type { JiraUser } from '../sandbox/jira/model';
import { retryPolicy } from '../../src/jira/client';
import { forgetSignalIntakeUrl, webtriggerUrlPolicy } from '../../src/jira/webtrigger-url';
import { onePersonWithEmail, performMatchRaiser } from '../../src/services/signals/raiser-match';
import * as notifications from '../../src/store/notification-repository';
import { setRaiserAccountIfUnknown } from '../../src/store/signal-raiser-repository';
import { createSignalOnce, getSignal, signalKey } from '../../src/store/signal-repository';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { connectAll, hubspotRecord, hubspotRequest, messageAction, migrate, send, slackRequest } from './channel-helpers';
import { as } from './work-type-helpers';

let sandbox: Sandbox;
let info: jest.SpyInstance;
let ts = 1764669600;
let n = 0;

beforeAll(async () => {
  sandbox = new Sandbox({ today: new Date() });
  retryPolicy.sleep = async () => undefined;
  storageRetryPolicy.sleep = async () => undefined;
  webtriggerUrlPolicy.get = async () => 'https://abc123.hello.atlassian-dev.net/x1/signal-intake-id';
  forgetSignalIntakeUrl();
  await migrate(sandbox);
  await connectAll(sandbox);
}, 180_000);
afterAll(() => sandbox.close());
beforeEach(() => {
  sandboxSlack.reset();
  info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const admin = (key: string, payload: unknown) => sandbox.invoke(as(SEED_USERS.admin, 'settings'), key, payload) as Promise<Answer>;
const mySignals = async (accountId: string) =>
  ((await sandbox.invoke(as(accountId, 'my-signals', { type: 'jira:globalPage' }), 'mySignals.list', {})) as Answer & { ok: true }).data.signals as Array<{ id: string; text: string }>;
const accountOf = async (signalId: string) => (await sandbox.asApp(() => getSignal(signalId)))?.raisedByAccountId ?? null;
const outboxRows = (signalId: string) =>
  sandbox.asApp(() => selectRows(db.selectFrom('outbox').select(['id', 'state', 'attempts']).where('kind', '=', 'match-raiser').where('payload', 'like', `%${signalId}%`).orderBy('created_at').compile()));
const usersInfoCalls = () => sandboxSlack.api.calls.filter((c) => c.method === 'users.info');
const userSearches = () => sandbox.jiraLink.log.filter((r) => r.path.startsWith('/rest/api/3/user/search'));
const logged = (text: string) => info.mock.calls.some((call) => String(call[0]).includes(text));

/** A message shortcut from a Slack user on a new message; the stored signal's id. */
async function shortcutFrom(userId: string, text: string): Promise<string> {
  const messageTs = `${ts++}.000100`;
  const payload = messageAction({ user: { id: userId, name: userId.toLowerCase() }, message: { type: 'message', user: userId, ts: messageTs, text }, response_url: undefined });
  const res = await send(sandbox, slackRequest(new URLSearchParams({ payload: JSON.stringify(payload) }).toString()));
  expect(res.statusCode).toBe(200);
  return signalKey('slack', `C07ACME01:${messageTs}`);
}

/** `/signal` from a Slack user; the stored signal's id. */
async function slashFrom(userId: string, text: string): Promise<string> {
  const triggerId = `${ts++}.${userId}.abc`;
  const body = new URLSearchParams({ team_id: 'T024BE7LD', channel_id: 'C07ACME01', user_id: userId, user_name: userId.toLowerCase(), command: '/signal', text, trigger_id: triggerId }).toString();
  const res = await send(sandbox, slackRequest(body));
  expect(res.statusCode).toBe(200);
  return signalKey('slack', `C07ACME01:cmd:${triggerId}`);
}

/** A HubSpot record whose rep's email is given; the stored signal's id. */
async function hubspotFrom(repEmail: string, text: string): Promise<string> {
  n += 1;
  const objectId = 7700 + n;
  const record = hubspotRecord(objectId, { properties: { hs_note_body: text, upstream_raised_by: 'A rep', upstream_raised_by_email: repEmail } });
  const res = await send(sandbox, hubspotRequest(JSON.stringify(record)));
  expect(res.statusCode).toBe(202);
  return signalKey('hubspot', `contact:${objectId}`);
}

const jiraPerson = (accountId: string, displayName: string, emailAddress: string): JiraUser => ({
  accountId,
  displayName,
  emailAddress,
  role: 'sales',
  jiraAdmin: false,
  active: true,
  timeZone: 'UTC',
  groups: ['jira-software-users'],
});

describe('without a Slack bot token', () => {
  it('matches nothing for a Slack signal and fails nothing; saving a token then finds the sender', async () => {
    const signalId = await shortcutFrom('U0MARCUS', 'Brightwater wants a second approver on refunds over 5k');
    await sandbox.events.settle();
    expect(await accountOf(signalId)).toBeNull();
    expect(await outboxRows(signalId)).toEqual([expect.objectContaining({ id: `match-raiser:${signalId}`, state: 'done', attempts: 0 })]);
    expect(usersInfoCalls()).toEqual([]);
    expect(logged('no Slack bot token is set')).toBe(true);

    // Saving a working token asks again for the recent Slack signals still without an account.
    expect(await admin('settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN })).toMatchObject({ ok: true });
    await sandbox.events.settle();
    expect(await accountOf(signalId)).toBe(MARCUS_BELL.accountId);
    expect((await outboxRows(signalId)).map((r) => r.state)).toEqual(['done', 'done']);
  });
});

describe('with a Slack bot token', () => {
  beforeAll(async () => {
    expect(await admin('settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN })).toMatchObject({ ok: true });
    await sandbox.events.settle();
  });

  it('finds the Jira account of a rep who used the message shortcut, and the signal shows on their My signals', async () => {
    const text = 'Harbor Pine needs payout reports split by legal entity';
    const signalId = await shortcutFrom('U0MARCUS', text);
    await sandbox.events.settle();
    expect(await accountOf(signalId)).toBe(MARCUS_BELL.accountId);
    expect(usersInfoCalls()).toEqual([{ method: 'users.info', status: 200, error: null }]);
    expect((await mySignals(MARCUS_BELL.accountId)).find((s) => s.id === signalId)).toMatchObject({ text });
    expect((await mySignals(JORDAN_REYES.accountId)).map((s) => s.id)).not.toContain(signalId);
  });

  it('finds the rep who ran /signal', async () => {
    const signalId = await slashFrom('U0JORDAN', 'Tidewater: their auditors want the approval history exported');
    await sandbox.events.settle();
    expect(await accountOf(signalId)).toBe(JORDAN_REYES.accountId);
  });

  it('finds the rep of a CRM signal by the email it carries, as Jira writes it or not', async () => {
    const signalId = await hubspotFrom('Jordan@BrightForge.dev', 'Meridian wants approvals on invoices over 10k');
    await sandbox.events.settle();
    expect(await accountOf(signalId)).toBe(JORDAN_REYES.accountId);
    // Slack is not asked when the channel gave the email.
    expect(usersInfoCalls()).toEqual([]);
    expect((await mySignals(JORDAN_REYES.accountId)).map((s) => s.id)).toContain(signalId);
  });

  it('leaves the raiser unknown when no Jira user has the email, or the Slack user has no Jira account', async () => {
    const crm = await hubspotFrom('nobody@elsewhere.example', 'Please add SEPA direct debit');
    const sam = await shortcutFrom('U0SAM', 'Kiwi Books cannot find the VAT report');
    const stranger = await shortcutFrom('U0STRANGER', 'Someone outside the workspace, somehow');
    await sandbox.events.settle();
    for (const id of [crm, sam, stranger]) expect(await accountOf(id)).toBeNull();
    for (const id of [crm, sam, stranger]) expect(await outboxRows(id)).toEqual([expect.objectContaining({ state: 'done' })]);
    expect(logged('no active Jira user has the raiser’s email')).toBe(true);
    expect(usersInfoCalls().map((c) => c.error)).toEqual(expect.arrayContaining([null, 'user_not_found']));
  });

  it('chooses nobody when two Jira users have the email', async () => {
    sandbox.jira.site.users.push(jiraPerson('712020:twin-one', 'Avery Stone', 'avery@brightforge.dev'), jiraPerson('712020:twin-two', 'Avery Stone (old)', 'avery@brightforge.dev'));
    const signalId = await hubspotFrom('avery@brightforge.dev', 'Northgate asks for a customer portal login per site');
    await sandbox.events.settle();
    expect(await accountOf(signalId)).toBeNull();
    expect(logged('several Jira users match')).toBe(true);
  });

  it('matches nobody for a deactivated account with the email', async () => {
    sandbox.jira.site.users.push({ ...jiraPerson('712020:gone', 'Riley Former', 'riley@brightforge.dev'), active: false });
    const signalId = await hubspotFrom('riley@brightforge.dev', 'Oldco wants paper invoices back');
    await sandbox.events.settle();
    expect(await accountOf(signalId)).toBeNull();
  });

  it('never overwrites an account already set: on the stored signal, or set between the read and the write', async () => {
    // Set at intake (a form, an import): the match sees it and asks nobody.
    const known = await sandbox.asApp(async () =>
      (await createSignalOnce({ externalId: 'crm-known-raiser', source: 'crm', state: 'new', receivedAt: Math.floor(Date.now() / 1000), customer: 'Acme', text: 'Known raiser', raisedByName: 'Priya', raisedByEmail: 'jordan@brightforge.dev', raisedByAccountId: SEED_USERS.engineer })).id,
    );
    const searchesBefore = userSearches().length;
    expect(await sandbox.asApp(() => performMatchRaiser({ signalId: known }))).toEqual({ outcome: 'already-known' });
    expect(userSearches()).toHaveLength(searchesBefore);
    expect(await accountOf(known)).toBe(SEED_USERS.engineer);

    // Set by someone else after the match read the signal: the guarded UPDATE writes nothing.
    const raced = await sandbox.asApp(async () =>
      (await createSignalOnce({ externalId: 'crm-raced-raiser', source: 'crm', state: 'new', receivedAt: Math.floor(Date.now() / 1000), customer: 'Acme', text: 'Raced raiser', raisedByName: 'Jordan', raisedByEmail: 'jordan@brightforge.dev' })).id,
    );
    const read = await sandbox.asApp(() => notifications.raisersOfSignals([raced]));
    await sandbox.asApp(() => setRaiserAccountIfUnknown(raced, SEED_USERS.productLead));
    jest.spyOn(notifications, 'raisersOfSignals').mockResolvedValueOnce(read);
    expect(await sandbox.asApp(() => performMatchRaiser({ signalId: raced }))).toEqual({ outcome: 'already-known' });
    expect(await accountOf(raced)).toBe(SEED_USERS.productLead);
    expect(await sandbox.asApp(() => setRaiserAccountIfUnknown(raced, SEED_USERS.sales))).toBe(false);
  });

  it('keeps the signal and answers the sender when the match cannot be recorded: only the match is lost', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    sandbox.sqlLink.injectFault({ status: 503, times: 4, match: (req) => req.path === '/api/v1/execute' && /^insert into `outbox`/.test(String((JSON.parse(req.body ?? '{}') as { query?: unknown }).query)) && (req.body ?? '').includes('match-raiser:') });
    const signalId = await hubspotFrom('jordan@brightforge.dev', 'Acme wants invoices grouped by purchase order');
    await sandbox.events.settle();
    expect(await sandbox.asApp(() => getSignal(signalId))).toMatchObject({ text: 'Acme wants invoices grouped by purchase order' });
    expect(await outboxRows(signalId)).toEqual([]);
    expect(await accountOf(signalId)).toBeNull();
    expect(warn.mock.calls.some((call) => String(call[0]).includes(`match-raiser for ${signalId} could not be recorded`))).toBe(true);
  });

  it('retries when Slack answers 429, and matches once', async () => {
    sandboxSlack.api.failNext(429);
    const signalId = await shortcutFrom('U0MARCUS', 'Boulangerie Paul wants refund emails in French');
    await sandbox.events.settle();
    expect(usersInfoCalls().map((c) => c.status)).toEqual([429, 200]);
    expect(await accountOf(signalId)).toBe(MARCUS_BELL.accountId);
    expect(await outboxRows(signalId)).toEqual([expect.objectContaining({ state: 'done', attempts: 1 })]);
    expect(info.mock.calls.filter((call) => String(call[0]).includes(`match-raiser ${signalId}: raised by`))).toHaveLength(1);
  });

  it('retries when Jira’s user search is unavailable beyond the client’s own retries', async () => {
    sandbox.jiraLink.injectFault({ status: 503, times: 4, match: (req) => req.path.startsWith('/rest/api/3/user/search') });
    const signalId = await hubspotFrom('marcus@brightforge.dev', 'Nightowl wants dark mode in the invoice editor');
    await sandbox.events.settle();
    expect(await accountOf(signalId)).toBe(MARCUS_BELL.accountId);
    expect(await outboxRows(signalId)).toEqual([expect.objectContaining({ state: 'done', attempts: 1 })]);
  });
});

describe('one person with the email', () => {
  const found = (accountId: string, extra: Record<string, unknown> = {}) => ({ accountId, accountType: 'atlassian', active: true, emailAddress: 'jo@acme.example', ...extra });

  it('is the one active Atlassian account whose email is the one asked for (case aside), or hidden', () => {
    expect(onePersonWithEmail([found('a')], 'Jo@Acme.example')).toEqual({ accountId: 'a' });
    expect(onePersonWithEmail([found('a', { emailAddress: undefined })], 'jo@acme.example')).toEqual({ accountId: 'a' });
    // Jira matches by prefix: a longer address is someone else.
    expect(onePersonWithEmail([found('a', { emailAddress: 'jo@acme.example.org' }), found('b')], 'jo@acme.example')).toEqual({ accountId: 'b' });
  });

  it('is nobody for apps, customers, deactivated accounts, or two candidates', () => {
    expect(onePersonWithEmail([found('a', { accountType: 'app' }), found('b', { accountType: 'customer' }), found('c', { active: false })], 'jo@acme.example')).toEqual({ none: 'no-user' });
    expect(onePersonWithEmail([found('a'), found('b', { emailAddress: undefined })], 'jo@acme.example')).toEqual({ none: 'several-users' });
    expect(onePersonWithEmail([], 'jo@acme.example')).toEqual({ none: 'no-user' });
  });
});
