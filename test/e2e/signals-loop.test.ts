/**
 * The whole loop of issue 10 in one flow, in Chromium through the sandbox host, as `npm start` has it (the Slack
 * bot token pre-saved by the seed): the product lead moves through the Inbox from the keyboard to a cluster with a
 * signal the sales rep sent from Slack, presses q, gives a reason and the project, and sees the Jira side done
 * with the new issue's key; that issue shows its origin and the work type Corrective in the Upstream panel, and
 * JQL (`upstreamSignal = …`) finds it. The rep sees the signal routed on My signals with the key and the reason,
 * and on the host's Slack page the direct message with the reason and the reply in his message's thread. The
 * lead moves the issue to Done with the issue view's Status control; the rep sees it shipped on My signals and
 * the "shipped" direct message in Slack.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { slackOriginOf } from '../../src/slack/signal-origin';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { openPage, resolverData, signedInContext, surface, useWorld, type E2eWorld } from './harness';

const PROJECT = 'PAY';
const REASON = 'Four customers hit this every month end; a small fix for this sprint.';
const MARCUS_SLACK_ID = 'U0MARCUS';

type MySignal = { id: string; text: string; customer: string; source: string; status: string; issue: { key: string } | null };
type Listing = { signals: MySignal[] };
type Tab = { clusters: Array<{ id: string; title: string }>; details: Record<string, { decision: { route: string; rationale: string; jira: { state: string; issueKey: string | null } } | null }> };

const started = useWorld((world) => seedAppData(world.sandbox, new Date(), { slackBotToken: true }));

/** Marcus's newest Slack signal whose cluster is on the first page of PAY's Inbox, with its cluster and thread. */
async function slackSignalInTheInbox(world: E2eWorld) {
  const mine = await resolverData<Listing>(world, 'sales', 'my-signals', 'mySignals.list', { status: 'new', pageSize: 50 });
  const fromSlack = mine.signals.filter((s) => s.source === 'slack');
  const rows = await world.sandbox.asApp(() =>
    selectRows(db.selectFrom('signal').select(['id', 'cluster_id', 'raw_payload']).where('id', 'in', fromSlack.map((s) => s.id)).compile()),
  );
  const inbox = await resolverData<Tab>(world, 'productLead', 'triage-queue', 'signals.inbox', { projectKey: PROJECT, state: 'new', pageSize: 50 });
  for (const [position, cluster] of inbox.clusters.entries()) {
    const row = rows.find((r) => r.cluster_id === cluster.id && slackOriginOf(r.raw_payload)?.userId === MARCUS_SLACK_ID);
    if (!row || position === 0) continue;
    const origin = slackOriginOf(row.raw_payload)!;
    return { signal: fromSlack.find((s) => s.id === row.id)!, cluster, position, thread: origin.thread! };
  }
  throw new Error("The seed's Inbox has no cluster with one of Marcus Bell's Slack signals");
}

async function focusedKey(triage: FrameLocator): Promise<string | null> {
  return triage.locator(':focus').getAttribute('data-focus-key').catch(() => null);
}

/** The Slack page for one person, once it shows a direct message containing `text`. */
async function slackPageShows(page: Page, text: string) {
  const dms = page.locator(`[data-testid="slack-dm-group"][data-person="${MARCUS_SLACK_ID}"]`);
  await dms.locator('[data-testid="slack-message"]', { hasText: text }).first().waitFor({ timeout: 20_000 });
  return dms;
}

test('a lead routes a cluster to Quick fix from the keyboard; the issue carries its origin; the rep hears of it on My signals and in Slack, routed and then shipped', async () => {
  const world = started();
  const target = await slackSignalInTheInbox(world);

  // The product lead, from the keyboard: j down the Inbox to the cluster, q, the reason, the project, Ctrl+Enter.
  const lead = await signedInContext(world, 'productLead');
  let issueKey: string;
  try {
    const page = await openPage(world, lead, `#/project/${PROJECT}`);
    const triage = surface(page, 'Upstream triage');
    await triage.getByTestId('triage-tab-inbox').click();
    await triage.getByTestId('inbox-cluster').first().waitFor();
    await triage.getByTestId('inbox-cluster').first().focus();
    for (let moves = 0; moves < 60 && (await focusedKey(triage)) !== `c:${target.cluster.id}`; moves += 1) await page.keyboard.press('j');
    expect(await focusedKey(triage)).toBe(`c:${target.cluster.id}`);
    await page.keyboard.press('q');
    const dialog = triage.getByTestId('route-dialog');
    await dialog.waitFor();
    await triage.getByTestId('route-rationale').fill(REASON);
    await triage.getByTestId('route-project').locator(`option[value="${PROJECT}"]`).waitFor({ state: 'attached' });
    await triage.getByTestId('route-project').selectOption(PROJECT);
    await triage.getByTestId('route-rationale').focus();
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await triage.locator(`tr[data-focus-key="c:${target.cluster.id}"]`).waitFor({ state: 'detached' });
    await world.sandbox.events.settle();

    // The Jira side, done, with the new issue's key.
    const routed = await resolverData<Tab>(world, 'productLead', 'triage-queue', 'signals.inbox', { projectKey: PROJECT, state: 'routed', pageSize: 100 });
    const decision = routed.details[target.cluster.id]!.decision!;
    expect(decision).toMatchObject({ route: 'quick-fix', rationale: REASON, jira: { state: 'done', issueKey: expect.stringMatching(/^PAY-\d+$/) } });
    issueKey = decision.jira.issueKey!;
    await triage.getByTestId('triage-tab-routed').click();
    const row = triage.locator(`tr[data-focus-key="c:${target.cluster.id}"]`);
    await row.getByTestId('decision-issue-key').getByText(issueKey, { exact: true }).waitFor();
    expect(await row.getByTestId('decision-jira').getAttribute('data-state')).toBe('done');
    expect(await row.getByTestId('decision-rationale').innerText()).toContain(REASON);

    // The issue: its origin (the signals) and work type Corrective in the Upstream panel.
    await page.goto(`${world.host.url}/#/issue/${issueKey}`);
    const panel = surface(page, 'Upstream context');
    await panel.getByTestId('panel-origin-signal').first().waitFor();
    expect((await panel.getByTestId('panel-origin').innerText())).toContain(target.signal.customer);
    expect(await panel.getByTestId('panel-work-type').innerText()).toContain('Corrective');

    // JQL finds it by the signal.
    await page.goto(`${world.host.url}/#/search?jql=${encodeURIComponent(`upstreamSignal = "${target.signal.id}"`)}`);
    const result = page.locator('#search-results tbody tr', { hasText: issueKey });
    await result.waitFor();
    expect(await result.locator('td').nth(4).innerText()).toBe('Corrective');
  } finally {
    await lead.close();
  }

  // The rep: My signals says routed, with the key and the lead's reason.
  const rep = await signedInContext(world, 'sales');
  try {
    const page = await openPage(world, rep, '#/my-signals');
    const mySignals = surface(page, 'My signals');
    await mySignals.getByTestId('my-signals-filter-routed').click();
    const card = mySignals.locator('[data-testid="my-signal"][data-status="routed"]', { hasText: target.signal.text.slice(0, 40) });
    await card.waitFor();
    await card.locator('a.ms-issue').getByText(issueKey, { exact: true }).waitFor();
    expect(await card.innerText()).toContain(`Why: ${REASON}`);

    // …and Slack: the direct messages with the reason, and the reply in the thread he sent it from.
    await page.goto(`${world.host.url}/#/slack?person=${MARCUS_SLACK_ID}`);
    const dms = await slackPageShows(page, `is now ${issueKey} in Jira`);
    expect(await page.getByLabel('Person', { exact: true }).inputValue()).toBe(MARCUS_SLACK_ID);
    expect(await dms.locator('.card-header').innerText()).toContain('Marcus Bell');
    const decided = dms.locator('[data-testid="slack-message"]', { hasText: 'is going into a quick fix' });
    expect(await decided.innerText()).toContain(`Hannah Okafor: “${REASON}”`);
    expect(await decided.locator('.slack-text strong').first().innerText()).toBe(target.cluster.title);
    const thread = page.locator(`[data-testid="slack-thread-group"][data-channel="${target.thread.channel}"][data-thread-ts="${target.thread.ts}"]`);
    const reply = thread.locator('[data-testid="slack-message"]', { hasText: `is now ${issueKey} in Jira` });
    await reply.waitFor();
    expect(await reply.locator('.slack-mention').innerText()).toBe('@Marcus Bell');
    expect(await reply.innerText()).toContain(REASON);
    expect(await page.getByText('has shipped').count()).toBe(0);
  } finally {
    await rep.close();
  }

  // The lead moves the issue to Done with the issue view's Status control, from the keyboard.
  const mover = await signedInContext(world, 'productLead');
  try {
    const page = await openPage(world, mover, `#/issue/${issueKey}`);
    const status = page.getByLabel('Status');
    await status.waitFor();
    expect(await page.getByTestId('issue-status-lozenge').innerText()).not.toMatch(/done/i);
    await status.focus();
    await page.keyboard.press('d');
    expect(await status.locator('option:checked').innerText()).toBe('Done');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('issue-status-said').getByText('Moved to Done.').waitFor();
    expect(await page.getByTestId('issue-status-lozenge').innerText()).toMatch(/^done$/i);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('issue-status');
  } finally {
    await mover.close();
  }
  await world.sandbox.settleTriggers();
  await world.sandbox.events.settle();

  // The rep: shipped, on My signals and in Slack.
  const after = await signedInContext(world, 'sales');
  try {
    const page = await openPage(world, after, '#/my-signals');
    const mySignals = surface(page, 'My signals');
    await mySignals.getByTestId('my-signals-filter-shipped').click();
    const card = mySignals.locator('[data-testid="my-signal"][data-status="shipped"]', { hasText: target.signal.text.slice(0, 40) });
    await card.waitFor();
    expect(await card.innerText()).toMatch(new RegExp(`Shipped .* in ${issueKey}`));

    await page.goto(`${world.host.url}/#/slack?person=${MARCUS_SLACK_ID}`);
    const dms = await slackPageShows(page, `has shipped: ${issueKey} is done`);
    const messages = dms.locator('[data-testid="slack-message"]');
    // Newest first: shipped, in Jira, decided.
    expect(await messages.count()).toBe(3);
    expect(await messages.nth(0).innerText()).toContain(`has shipped: ${issueKey} is done`);
    expect(await messages.nth(0).innerText()).toContain(REASON);
    expect(await messages.nth(2).innerText()).toContain('is going into a quick fix');
  } finally {
    await after.close();
  }
}, 180_000);
