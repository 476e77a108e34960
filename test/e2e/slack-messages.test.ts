/**
 * The sandbox host's Slack page (`#/slack`, "Slack (emulated)" in the top bar) in Chromium: with nothing sent it
 * says how to make messages appear and that no bot token is saved; it renders Slack mrkdwn as Slack does — bold,
 * italic, code, links, quotes, mentions, line breaks — building DOM nodes, so text that looks like HTML stays
 * text and only http(s) links become links; the "Sent to Upstream — …" answer to a rep's Slack shortcut shows
 * as visible only to him; the person filter keeps only one person's messages. Screenshots in both themes with
 * UPSTREAM_SCREENSHOTS=1 (slack-messages-light.png / -dark.png): a cluster routed to Quick fix, in Jira, shipped.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SLACK_SIGNATURE_HEADER, SLACK_TIMESTAMP_HEADER } from '../../src/contract/signals';
import { signSlack } from '../../src/services/signals/channels/slack';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { seedAppData, seededSignalId } from '../sandbox/seed/app-data';
import { seedSlackBotToken } from '../sandbox/seed/slack-token';
import { SEED_USERS } from '../sandbox/seed';
import { sandboxSlack } from '../sandbox/slack/slack-emulator';
import { messageShortcutBody } from '../sandbox/slack/shortcut';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';
import { SCREENSHOT_DIR, openPage, resolverData, screenshotsWanted, signedInContext, useWorld, type E2eWorld } from './harness';

const SIGNING_SECRET = 'sandbox-slack-signing-secret-7c1e';
const started = useWorld((world) => seedAppData(world.sandbox, new Date()));

async function asAdmin(world: E2eWorld, key: string, payload: unknown): Promise<void> {
  const answer = (await world.sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, key, payload)) as { ok: boolean; error?: { message: string } };
  if (!answer.ok) throw new Error(`${key}: ${answer.error?.message ?? 'refused'}`);
}

/** A Slack Web API call as the app makes it, straight to the emulator (the bot posting a message of our own). */
async function slackApi(method: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const answer = await sandboxSlack.api.handle({
    method: 'POST',
    path: `/api/${method}`,
    headers: { host: 'slack.com', authorization: `Bearer ${SANDBOX_SLACK_BOT_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
    asUser: null,
  });
  return answer.body as Record<string, unknown>;
}

let messageTs = Math.floor(Date.now() / 1000);
/** Marcus uses "Send to Upstream" on a message: a signed request to the host's webtrigger, as Slack sends it. */
async function sendShortcut(world: E2eWorld, text: string): Promise<string> {
  const responseUrl = `https://hooks.slack.com/app/T024BE7LD/${messageTs}/sandboxReply`;
  const body = messageShortcutBody({ userId: 'U0MARCUS', ts: `${messageTs++}.000100`, text, responseUrl });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const answer = await fetch(`${world.host.url}/x1/signal-intake/slack`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', [SLACK_TIMESTAMP_HEADER]: timestamp, [SLACK_SIGNATURE_HEADER]: signSlack(SIGNING_SECRET, timestamp, body) },
    body,
  });
  expect(answer.status).toBe(200);
  expect(((await answer.json()) as { text: string }).text).toMatch(/^Sent to Upstream/);
  await world.sandbox.events.settle();
  return responseUrl;
}

async function openSlack(world: E2eWorld, colorMode: 'light' | 'dark' = 'light', person = ''): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await signedInContext(world, 'sales', colorMode);
  const page = await openPage(world, context, `#/slack${person ? `?person=${person}` : ''}`);
  await page.locator('#slack-intro', { hasText: 'Brightforge' }).waitFor();
  return { page, close: () => context.close() };
}

beforeAll(() => sandboxSlack.reset());

test('with nothing sent, the page says how to make messages appear, and that no bot token is saved', async () => {
  const { page, close } = await openSlack(started());
  try {
    await page.getByRole('link', { name: 'Slack (emulated)' }).and(page.locator('[aria-current="page"]')).waitFor();
    const empty = page.getByTestId('slack-empty');
    await empty.getByRole('heading', { name: 'Nothing in Slack yet' }).waitFor();
    expect(await empty.innerText()).toContain("one of Marcus Bell's or Jordan Reyes's Slack signals");
    expect(await empty.innerText()).toContain(`No Slack bot token is saved, so Upstream holds these messages.`);
    expect(await empty.locator('code').first().innerText()).toBe(SANDBOX_SLACK_BOT_TOKEN);
    expect(await page.getByRole('status').innerText()).toBe('0 messages');
  } finally {
    await close();
  }
});

test("renders the bot's mrkdwn as Slack does, and text that looks like HTML stays text", async () => {
  await seedSlackBotToken(started().sandbox);
  const channel = (await slackApi('conversations.open', { users: 'U0JORDAN' })).channel as { id: string };
  const text = [
    '*Bold* and _italic_ and ~gone~ and `code_with_underscores` in <https://example.com/a_b_c|a link>, <mailto:jordan@brightforge.dev>',
    '&gt; a quoted line with *bold*',
    '&gt; and a second',
    'after the quote <@U0MARCUS> &lt;img src=x onerror="window.__pwned=1"&gt; &amp; <javascript:alert(1)|not a link>',
  ].join('\n');
  expect(await slackApi('chat.postMessage', { channel: channel.id, text })).toMatchObject({ ok: true });
  const { page, close } = await openSlack(started());
  try {
    const message = page.locator('[data-testid="slack-dm-group"][data-person="U0JORDAN"] [data-testid="slack-text"]');
    await message.waitFor();
    expect(await message.locator('.slack-lines').first().locator('strong').innerText()).toBe('Bold');
    expect(await message.locator('em').innerText()).toBe('italic');
    expect(await message.locator('s').innerText()).toBe('gone');
    expect(await message.locator('code').innerText()).toBe('code_with_underscores');
    const link = message.getByRole('link', { name: 'a link' });
    expect(await link.getAttribute('href')).toBe('https://example.com/a_b_c');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await message.getByRole('link', { name: 'mailto:jordan@brightforge.dev' }).count()).toBe(1);
    const quote = message.locator('blockquote');
    expect(await quote.innerText()).toBe('a quoted line with bold\nand a second');
    expect(await quote.locator('strong').innerText()).toBe('bold');
    expect(await message.locator('.slack-mention').innerText()).toBe('@Marcus Bell');
    const last = await message.locator('.slack-lines').last().innerText();
    expect(last).toBe('after the quote @Marcus Bell <img src=x onerror="window.__pwned=1"> & <javascript:alert(1)|not a link>');
    expect(await message.locator('img').count()).toBe(0);
    expect(await message.locator('a').count()).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const group = page.locator('[data-testid="slack-dm-group"][data-person="U0JORDAN"]');
    expect(await group.locator('.card-header').innerText()).toContain('Jordan Reyes');
    expect(await group.locator('.card-header').innerText()).toContain('@U0JORDAN · jordan@brightforge.dev');
    expect(await group.locator('.slack-msg-head').innerText()).toMatch(/^Upstream\s*APP\s*\d{1,2}:\d{2}\s[AP]M$/);
  } finally {
    await close();
  }
});

test("the answer to a rep's Slack shortcut shows as visible only to him, and the person filter keeps one person's messages", async () => {
  const world = started();
  await asAdmin(world, 'settings.channels.setSecret', { channel: 'slack', secret: SIGNING_SECRET });
  const responseUrl = await sendShortcut(world, 'Tidewater asked again whether statements can go out by email on the 1st.');
  const reply = sandboxSlack.messagesTo(responseUrl)[0]!;
  expect(reply.text).toMatch(/^Sent to Upstream — it (joined|started)/);

  const { page, close } = await openSlack(world);
  try {
    const answer = page.locator('[data-testid="slack-ephemeral-group"] [data-testid="slack-message"]');
    await answer.first().waitFor();
    expect(await answer.count()).toBe(1);
    expect(await answer.innerText()).toContain('Sent to Upstream — it');
    expect(await answer.locator('.slack-ephemeral').innerText()).toBe('Only visible to Marcus Bell');
    expect(await answer.getAttribute('data-to')).toBe('U0MARCUS');
    // Sections in a fixed order (direct messages, threads, answers), whatever came last.
    expect(await page.locator('#slack-messages > h2').allInnerTexts()).toEqual(['Direct messages from Upstream', 'Answers to Slack requests']);

    await page.getByLabel('Person', { exact: true }).selectOption('U0JORDAN');
    await page.locator('[data-testid="slack-ephemeral-group"]').waitFor({ state: 'detached' });
    expect(await page.getByTestId('slack-message').count()).toBe(1);
    expect(await page.getByRole('status').innerText()).toBe('1 message for Jordan Reyes');
    expect(page.url()).toContain('#/slack?person=U0JORDAN');
    await page.getByLabel('Person', { exact: true }).selectOption('U0SAM');
    await page.getByTestId('slack-empty').getByRole('heading', { name: 'Nothing for Sam Whitaker yet' }).waitFor();
    expect(await page.getByTestId('slack-empty').innerText()).toContain('The bot token is saved');
    // Back to everyone: a refresh keeps the choice (the page was opened without a person).
    await page.getByLabel('Person', { exact: true }).selectOption('');
    await page.getByTestId('slack-refresh').click();
    await page.getByRole('status').getByText('2 messages', { exact: true }).waitFor();
    expect(await page.getByLabel('Person', { exact: true }).inputValue()).toBe('');
    expect(page.url()).toMatch(/#\/slack$/);
  } finally {
    await close();
  }
});

/**
 * A story for the screenshots: Marcus sends a customer's words from Slack; the lead routes a cluster with one of
 * his Slack signals to Quick fix (through the resolver, as the triage page does); Jira gets the issue; it ships.
 */
async function routedAndShipped(world: E2eWorld): Promise<void> {
  sandboxSlack.reset();
  await sendShortcut(world, 'Harbour View: parents keep asking for a statement of what they paid this term.');
  // The cluster of Marcus's Slack signal about instant payouts, named as a lead would name it.
  const signalId = seededSignalId('slack-1714.88');
  const [row] = await world.sandbox.asApp(() => selectRows(db.selectFrom('signal').select(['cluster_id']).where('id', '=', signalId).compile()));
  const inbox = await resolverData<{ clusters: Array<{ id: string; version: number }> }>(world, 'productLead', 'triage-queue', 'signals.inbox', { projectKey: 'PAY', state: 'new', pageSize: 100 });
  const cluster = inbox.clusters.find((c) => c.id === row?.cluster_id);
  if (!cluster) throw new Error("the Inbox has no cluster with Marcus Bell's Slack signal about instant payouts");
  const renamed = await resolverData<{ cluster: { version: number } }>(world, 'productLead', 'triage-queue', 'signals.renameCluster', {
    projectKey: 'PAY',
    clusterId: cluster.id,
    version: cluster.version,
    title: 'Instant payouts to debit cards',
  });
  await resolverData(world, 'productLead', 'triage-queue', 'signals.route', {
    projectKey: 'PAY',
    targets: [{ clusterId: cluster.id, version: renamed.cluster.version }],
    route: 'quick-fix',
    rationale: 'Staffing and courier customers lose workers to apps that pay the same day. A pilot behind a flag is small enough for this sprint.',
    quickFix: { projectKey: 'PAY', intoNextSprint: false },
  });
  await world.sandbox.events.settle();
  const routed = await resolverData<{ details: Record<string, { decision: { jira: { issueKey: string | null } } | null }> }>(world, 'productLead', 'triage-queue', 'signals.inbox', { projectKey: 'PAY', state: 'routed', pageSize: 100 });
  const issueKey = routed.details[cluster.id]?.decision?.jira.issueKey;
  if (!issueKey) throw new Error('the routed cluster has no issue');
  expect(world.sandbox.jira.transitionIssue(issueKey, 'Done', SEED_USERS.engineer)).toBe(true);
  await world.sandbox.settleTriggers();
  await world.sandbox.events.settle();
}

const describeWhenWanted = screenshotsWanted() ? describe : describe.skip;
describeWhenWanted('screenshots', () => {
  beforeAll(() => routedAndShipped(started()), 120_000);
  for (const colorMode of ['light', 'dark'] as const) {
    test(`the Slack page, ${colorMode}`, async () => {
      const { page, close } = await openSlack(started(), colorMode);
      try {
        await page.locator('[data-testid="slack-message"][data-kind="direct"]', { hasText: 'has shipped' }).first().waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `slack-messages-${colorMode}.png`), fullPage: true });
      } finally {
        await close();
      }
    });
  }
});
