/**
 * My signals in Chromium, as the sales rep: the global page lists each signal he raised with its status in every
 * kind (new, parked, routed with its Jira issue, declined with the lead's reason, shipped with when); the filters
 * work from the keyboard with their counts; moving a routed issue to Done in Jira shows it shipped when the page
 * is next looked at (no reload); a signal he sends from Slack shows once Upstream finds his Jira account by his
 * Slack email; someone who raised nothing is told how to. Also the triage page's pipeline
 * health (chart and table). Screenshots in both themes with UPSTREAM_SCREENSHOTS=1.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SEED_USERS } from '../sandbox/seed';
import { seedAppData } from '../sandbox/seed/app-data';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';
import { signSlack } from '../../src/services/signals/channels/slack';
import { connectAll, messageAction, SECRETS } from '../integration/channel-helpers';
import { SCREENSHOT_DIR, openPage, resolverData, screenshotsWanted, signedInContext, surface, useWorld } from './harness';

type Signal = { id: string; status: string; issue: { key: string; status: { category: string } | null } | null };
type Listing = { signals: Signal[]; counts: Record<string, number> };

const started = useWorld((world) => seedAppData(world.sandbox, new Date()));
const mySignals = (status: string | null = null) => resolverData<Listing>(started(), 'sales', 'my-signals', 'mySignals.list', { status, pageSize: 50 });
const settle = (page: Page): Promise<void> => page.waitForTimeout(500);

test('the sales rep sees each signal he raised, in every status, and filters them from the keyboard', async () => {
  const counts = (await mySignals()).counts;
  for (const status of ['new', 'parked', 'routed', 'declined', 'shipped']) expect(counts[status]).toBeGreaterThan(0);
  const context = await signedInContext(started(), 'sales');
  try {
    const page = await openPage(started(), context, '#/my-signals');
    const frame = surface(page, 'My signals');
    await frame.getByRole('heading', { name: 'My signals' }).waitFor();
    await frame.getByTestId('my-signal').first().waitFor();
    await frame.getByTestId('my-signals-filter-all').getByText(String(counts.all)).waitFor();
    await frame.getByTestId('my-signals-filter-declined').getByText(String(counts.declined)).waitFor();

    // Declined, by keyboard: Tab to the filter, Enter.
    await frame.getByTestId('my-signals-filter-declined').focus();
    await page.keyboard.press('Enter');
    await frame.locator('[data-testid="my-signal"][data-status="declined"]').first().waitFor();
    expect(await frame.locator('[data-testid="my-signal"]:not([data-status="declined"])').count()).toBe(0);
    expect(await frame.getByTestId('my-signals-filter-declined').getAttribute('aria-pressed')).toBe('true');
    await frame.getByTestId('my-signal').first().getByText('Declined by Hannah Okafor').waitFor();
    await frame.getByTestId('my-signal').first().getByText(/^Why: Not this year/).first().waitFor();

    // Routed: the issue key links to Jira, with its status.
    await frame.getByTestId('my-signals-filter-routed').click();
    const routed = frame.locator('[data-testid="my-signal"][data-status="routed"]').first();
    await routed.waitFor();
    await routed.locator('a.ms-issue').first().waitFor();
    await routed.getByText(/^Why: /).waitFor();

    await frame.getByTestId('my-signals-filter-shipped').click();
    await frame.locator('[data-testid="my-signal"][data-status="shipped"]').first().getByText(/^Shipped /).waitFor();
  } finally {
    await context.close();
  }
});

test('moving a routed issue to Done shows the signal shipped on the page, without a reload', async () => {
  const world = started();
  const before = await mySignals('routed');
  const routed = before.signals.find((s) => s.issue && s.issue.status && s.issue.status.category !== 'done');
  if (!routed?.issue) throw new Error('the seed gives the sales rep no routed signal with an open issue');
  const context = await signedInContext(world, 'sales');
  try {
    const page = await openPage(world, context, '#/my-signals');
    const frame = surface(page, 'My signals');
    await frame.getByTestId('my-signals-filter-shipped').click();
    await frame.getByTestId('my-signal').first().waitFor();
    const shippedBefore = await frame.getByTestId('my-signal').count();

    expect(world.sandbox.jira.transitionIssue(routed.issue.key, 'Done', world.sandbox.jira.site.users.find((u) => u.role === 'engineer')!.accountId)).toBe(true);
    await world.sandbox.settleTriggers();

    // The page asks again when it regains focus (and every 30 s while visible).
    const appFrame = page.frames().find((f) => f.url().includes('module=my-signals'))!;
    await appFrame.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForFunction(
      ([count]) => {
        const doc = (document.querySelector('iframe[title="My signals"]') as HTMLIFrameElement | null)?.contentDocument;
        return (doc?.querySelectorAll('[data-testid="my-signal"]').length ?? 0) > count;
      },
      [shippedBefore],
    );
    await frame.locator(`[data-testid="my-signal"][data-status="shipped"]`).getByText(routed.issue.key).first().waitFor();
  } finally {
    await context.close();
  }
});

test('a signal the rep sends from Slack appears on his My signals once Upstream finds his Jira account', async () => {
  const world = started();
  await connectAll(world.sandbox);
  const saved = (await world.sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN })) as { ok: boolean };
  expect(saved.ok).toBe(true);
  const text = 'Fjord Outfitters wants the payout report to show the bank reference next to every line';
  const body = new URLSearchParams({
    payload: JSON.stringify(messageAction({ message: { type: 'message', user: 'U0MARCUS', ts: '1764888888.000100', text, user_profile: { real_name: 'Marcus Bell' } } })),
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${world.host.url}/x1/signal-intake/slack`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': signSlack(SECRETS.slack, ts, body) },
  });
  expect(response.status).toBe(200);
  // The queue clusters it and finds the sender's Jira account by his Slack email.
  await world.sandbox.events.settle();
  const context = await signedInContext(world, 'sales');
  try {
    const page = await openPage(world, context, '#/my-signals');
    const frame = surface(page, 'My signals');
    await frame.getByTestId('my-signals-filter-new').click();
    await frame.locator('[data-testid="my-signal"][data-status="new"]').getByText(text).waitFor();
  } finally {
    await context.close();
  }
});

test('someone who has raised no signals is told how to raise one', async () => {
  const context = await signedInContext(started(), 'designer');
  try {
    const page = await openPage(started(), context, '#/my-signals');
    const frame = surface(page, 'My signals');
    await frame.getByText('You have not raised any signals yet').waitFor();
    await frame.getByText(/post it in Slack/).waitFor();
  } finally {
    await context.close();
  }
});

test('the triage page shows pipeline health on request, as a chart and as a table', async () => {
  const context = await signedInContext(started(), 'productLead');
  try {
    const page = await openPage(started(), context, '#/project/PAY');
    const frame = surface(page, 'Upstream triage');
    const toggle = frame.getByTestId('pipeline-health-toggle');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    const table = frame.getByTestId('pipeline-health-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(6);
    await frame.getByTestId('pipeline-health-chart').waitFor();
    const health = await resolverData<{ months: Array<{ signals: number }> }>(started(), 'productLead', 'triage-queue', 'triage.health', { projectKey: 'PAY', months: 6 });
    expect(health.months.some((m) => m.signals > 0)).toBe(true);
  } finally {
    await context.close();
  }
});

const describeWhenWanted = screenshotsWanted() ? describe : describe.skip;
describeWhenWanted('screenshots', () => {
  for (const colorMode of ['light', 'dark'] as const) {
    test(`My signals and pipeline health, ${colorMode}`, async () => {
      const context = await signedInContext(started(), 'sales', colorMode);
      try {
        await context.pages()[0]?.setViewportSize({ width: 1280, height: 1400 });
        const page = await openPage(started(), context, '#/my-signals');
        await page.setViewportSize({ width: 1280, height: 1400 });
        const frame = surface(page, 'My signals');
        await frame.getByTestId('my-signal').first().waitFor();
        await settle(page);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `my-signals-${colorMode}.png`), fullPage: false });
      } finally {
        await context.close();
      }
      const lead = await signedInContext(started(), 'productLead', colorMode);
      try {
        const page = await openPage(started(), lead, '#/project/PAY');
        await page.setViewportSize({ width: 1280, height: 1100 });
        const frame = surface(page, 'Upstream triage');
        await frame.getByTestId('pipeline-health-toggle').click();
        await frame.getByTestId('pipeline-health-table').waitFor();
        await settle(page);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `health-${colorMode}.png`), fullPage: false });
      } finally {
        await lead.close();
      }
    });
  }
});
