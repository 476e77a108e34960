/**
 * Slack's follow-up after clustering, through the real webtrigger, outbox, queue and consumer against the
 * sandbox and its Slack emulator: a message shortcut or /signal that Upstream stores is answered at once, and
 * once the signal is clustered the sender gets an ephemeral message naming the cluster and how many others are
 * in it. A response_url that is not Slack's gets nothing posted anywhere; Slack failing (500) is retried;
 * Slack refusing (404: expired or used URL) and a URL past its 30 minutes are given up quietly.
 */
import { Sandbox } from '../sandbox/sandbox';
import { sandboxSlack } from '../sandbox/slack/slack-emulator';
import { retryPolicy } from '../../src/jira/client';
import { clock } from '../../src/services/clock';
import { SENT_TEXT } from '../../src/services/signals/channels/slack';
import { sendSlackFollowUp } from '../../src/services/signals/slack-follow-up';
import { getCluster } from '../../src/store/cluster-repository';
import { getSignalClustering, signalKey } from '../../src/store/signal-repository';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { connectAll, messageAction, migrate, send, slackRequest, slashCommand } from './channel-helpers';

let sandbox: Sandbox;
const realNow = clock.now;
let ts = 1764669600;

beforeAll(async () => {
  sandbox = new Sandbox({ today: new Date() });
  retryPolicy.sleep = async () => undefined;
  storageRetryPolicy.sleep = async () => undefined;
  await migrate(sandbox);
  await connectAll(sandbox);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandboxSlack.reset();
  clock.now = realNow;
});
afterEach(() => {
  clock.now = realNow;
  jest.restoreAllMocks();
});

/** A message shortcut on a new message (its own ts), answered by the webtrigger; the signal's id. */
async function shortcut(text: string, responseUrl: unknown): Promise<{ signalId: string; answer: unknown }> {
  const messageTs = `${ts++}.000100`;
  const payload = messageAction({ message: { type: 'message', user: 'U0MARCUS', ts: messageTs, text, user_profile: { real_name: 'Marcus Bell' } }, response_url: responseUrl });
  const res = await send(sandbox, slackRequest(new URLSearchParams({ payload: JSON.stringify(payload) }).toString()));
  expect(res.statusCode).toBe(200);
  return { signalId: signalKey('slack', `C07ACME01:${messageTs}`), answer: JSON.parse(res.body ?? '{}') };
}

const responseUrl = (n: string) => `https://hooks.slack.com/app/T024BE7LD/${n}/Xa9b`;
const outboxRow = async (signalId: string) =>
  (await sandbox.asApp(() => selectRows(db.selectFrom('outbox').select(['state', 'attempts', 'last_error']).where('id', '=', `slack-reply:${signalId}`).compile())))[0];
const clusterOf = async (signalId: string) =>
  sandbox.asApp(async () => {
    const read = await getSignalClustering(signalId);
    return (await getCluster(read!.clusterId!))!;
  });

it('answers the shortcut at once, then tells the sender the new cluster it started, and the next sender the cluster it joined and how many others', async () => {
  const text = 'Harbourline wants to export the weekly tide charts to Excel for the port authority audit';
  const firstUrl = responseUrl('1');
  const first = await shortcut(text, firstUrl);
  expect(first.answer).toEqual({ response_type: 'ephemeral', text: SENT_TEXT });
  await sandbox.events.settle();
  const cluster = await clusterOf(first.signalId);
  // Queued behind its signal's clustering in the same lane, it ran once, after it.
  expect(await outboxRow(first.signalId)).toMatchObject({ state: 'done', attempts: 0 });
  expect(sandboxSlack.messagesTo(firstUrl)).toEqual([
    { responseUrl: firstUrl, responseType: 'ephemeral', replaceOriginal: false, text: `Sent to Upstream — it started a new cluster, *${cluster.title}*.` },
  ]);

  // The same need through /signal: it joins, and the message counts the others.
  const second = await send(sandbox, slackRequest(slashCommand(`Harbourline: ${text}`, '777.888.joined')));
  expect(second.statusCode).toBe(200);
  await shortcut(text, responseUrl('3'));
  await sandbox.events.settle();
  const joined = sandboxSlack.messagesTo('https://hooks.slack.com/commands/1234/5678');
  expect(joined.map((m) => m.text)).toEqual([`Sent to Upstream — it joined *${cluster.title}* with 1 other.`]);
  expect(sandboxSlack.messagesTo(responseUrl('3')).map((m) => m.text)).toEqual([`Sent to Upstream — it joined *${cluster.title}* with 2 others.`]);
  expect(sandboxSlack.messages.every((m) => m.responseType === 'ephemeral' && m.replaceOriginal === false)).toBe(true);
});

it.each([
  ['another host', 'https://evil.example/app/T024BE7LD/1/abc'],
  ['a look-alike host', 'https://hooks.slack.com.evil.example/app/T024BE7LD/1/abc'],
  ['plain http', 'http://hooks.slack.com/app/T024BE7LD/1/abc'],
  ['a port', 'https://hooks.slack.com:8443/app/T024BE7LD/1/abc'],
  ['credentials', 'https://user:pw@hooks.slack.com/app/T024BE7LD/1/abc'],
  ['a path that is not a response URL', 'https://hooks.slack.com/services/T024BE7LD/B1/xyz'],
  ['not a string', { url: 'https://hooks.slack.com/app/T024BE7LD/1/abc' }],
])('keeps the signal but posts nothing for a response_url on %s', async (_what, foreign) => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const { signalId, answer } = await shortcut('Tidewatch asks for a sandbox account for their integration team to try webhooks', foreign);
  expect(answer).toEqual({ response_type: 'ephemeral', text: SENT_TEXT });
  await sandbox.events.settle();
  expect((await sandbox.asApp(() => getSignalClustering(signalId)))?.clusterId).toBeDefined();
  expect(sandboxSlack.requests).toEqual([]);
  expect(await outboxRow(signalId)).toBeUndefined();
  expect(warn.mock.calls.some((call) => String(call[0]).includes('is not a Slack response URL'))).toBe(true);
});

it('retries when Slack answers 500, and the message arrives once', async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  sandboxSlack.failNext(500);
  const url = responseUrl('retry');
  const { signalId } = await shortcut('Coastal Freight needs the manifest PDF to include the container seal numbers', url);
  await sandbox.events.settle();
  expect(sandboxSlack.requests.map((r) => r.status)).toEqual([500, 200]);
  expect(sandboxSlack.messagesTo(url)).toHaveLength(1);
  expect(await outboxRow(signalId)).toMatchObject({ state: 'done' });
});

it('gives up quietly when Slack answers 404 (an expired or used URL): logged, not retried', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const url = responseUrl('gone');
  sandboxSlack.expire(url);
  const { signalId } = await shortcut('Pier Nine Logistics cannot reassign a booking once the vessel has been chosen', url);
  await sandbox.events.settle();
  expect(sandboxSlack.requests.map((r) => r.status)).toEqual([404]);
  expect(sandboxSlack.messages).toEqual([]);
  expect(await outboxRow(signalId)).toMatchObject({ state: 'done', attempts: 0 });
  expect(warn.mock.calls.some((call) => String(call[0]).includes('Slack refused it (404'))).toBe(true);
});

it('gives up quietly on a response URL older than 30 minutes, posting nothing', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const url = responseUrl('late');
  const { signalId } = await shortcut('Saltmarsh Ferries would like the timetable editor to copy a whole season at once', url);
  const answeredAt = realNow().getTime();
  clock.now = () => new Date(answeredAt + 31 * 60 * 1000);
  await sandbox.events.settle();
  expect(sandboxSlack.requests).toEqual([]);
  expect(await outboxRow(signalId)).toMatchObject({ state: 'done' });
  expect(warn.mock.calls.some((call) => String(call[0]).includes('expired'))).toBe(true);
});

it('asks once per signal: the same message sent again gets no second follow-up', async () => {
  const url = responseUrl('twice');
  const payload = messageAction({ message: { type: 'message', user: 'U0MARCUS', ts: '1764000000.000900', text: 'Quayside wants SMS alerts when a berth frees up', user_profile: { real_name: 'Marcus Bell' } }, response_url: url });
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  await send(sandbox, slackRequest(body));
  await sandbox.events.settle();
  const again = await send(sandbox, slackRequest(body));
  expect(JSON.parse(again.body ?? '{}').text).toMatch(/already has this one/);
  await sandbox.events.settle();
  expect(sandboxSlack.messagesTo(url)).toHaveLength(1);
});

it('waits for the clustering: a follow-up that runs before its signal is clustered fails, to be retried', async () => {
  await expect(
    sandbox.asApp(() => sendSlackFollowUp({ signalId: 'signal-not-clustered-yet', responseUrl: responseUrl('early'), requestedAt: Date.now() })),
  ).resolves.toBeUndefined(); // a signal that does not exist: nothing to wait for, nothing sent
  const { signalId } = await shortcut('Breakwater Marine asks for a dark mode in the harbour master view', responseUrl('early'));
  // Not settled: the signal is stored and its clustering is still queued.
  await expect(sandbox.asApp(() => sendSlackFollowUp({ signalId, responseUrl: responseUrl('early'), requestedAt: Date.now() }))).rejects.toThrow(/not clustered yet/);
  await sandbox.events.settle();
  expect(sandboxSlack.messagesTo(responseUrl('early'))).toHaveLength(1);
});
