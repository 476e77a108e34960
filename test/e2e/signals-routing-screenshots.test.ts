/**
 * The README's pictures of routing (UPSTREAM_SCREENSHOTS=1 only): the routing dialog (Quick fix, from the
 * keyboard), the Parking lot with the evidence gained since parking, Routed with each decision's Jira side — one
 * done, one failed with Retry — and who was told of it (one decided with a Slack bot token saved, one without),
 * and an open routed cluster listing who was not told and what to do, in the light and the dark theme, into
 * docs/screenshots/routing-*.png.
 */
import { mkdirSync } from 'node:fs';
import { kvs } from '@forge/kvs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { sandboxSlack } from '../sandbox/slack/slack-emulator';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';
import { attachSignal } from '../../src/store/cluster-repository';
import { createSignalOnce, recordFirstClustering } from '../../src/store/signal-repository';
import { SCREENSHOT_DIR, openPage, resolverData, screenshotsWanted, signedInContext, startWorld, stopWorld, surface, type E2eWorld } from './harness';

const describeWhenWanted = screenshotsWanted() ? describe : describe.skip;
const VIEWPORT = { width: 1280, height: 2400 };
const PROJECT = 'PAY';
type Summary = { id: string; title: string; version: number };

const inboxOf = (world: E2eWorld) => resolverData<{ clusters: Summary[] }>(world, 'productLead', 'triage-queue', 'signals.inbox', { projectKey: PROJECT, pageSize: 50 });
const route = (world: E2eWorld, target: Summary, body: Record<string, unknown>) =>
  resolverData(world, 'productLead', 'triage-queue', 'signals.route', { projectKey: PROJECT, targets: [{ clusterId: target.id, version: target.version }], ...body });

/** From the top of `first` to the bottom of `last`, the page's width, with a margin. */
async function shotOf(page: Page, first: Locator, last: Locator, file: string, margin = 8): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const top = await first.boundingBox();
  const bottom = await last.boundingBox();
  if (!top || !bottom) throw new Error(`Nothing to photograph for ${file}`);
  const x = Math.max(0, Math.min(top.x, bottom.x) - margin);
  const right = Math.max(top.x + top.width, bottom.x + bottom.width) + margin;
  const y = Math.max(0, top.y - margin);
  await page.screenshot({ path: file, fullPage: true, clip: { x, y, width: Math.min(VIEWPORT.width - x, right - x), height: bottom.y + bottom.height - top.y + 2 * margin } });
}

describeWhenWanted('routing screenshots in docs/screenshots', () => {
  let world: E2eWorld | undefined;
  const started = () => world!;
  let failedId = '';

  beforeAll(async () => {
    world = await startWorld();
    await seedAppData(world.sandbox, new Date()).catch((error: unknown) => {
      // Another part's seed (My signals, seeded last) may be mid-change in this checkout; the clusters are seeded before it.
      if (!(error instanceof Error) || !/Data too long/.test(error.message)) throw error;
    });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // A few decisions for the Parking lot and Routed to show: parked, done, failed, and roadmap linked to an epic.
    const picked = (await inboxOf(world)).clusters.slice(-5).map((c) => c.id);
    // Reps Slack knows by email raised a signal each in the two quick fixes, so Routed shows who was told.
    const now = Date.now();
    await world.sandbox.asApp(async () => {
      const reps = [
        { clusterId: picked[2]!, name: 'Jordan Reyes', email: 'jordan@brightforge.dev', text: 'Finance re-keys the month-end totals by hand.' },
        { clusterId: picked[2]!, name: 'Marcus Bell', email: 'marcus@brightforge.dev', text: 'Month-end totals are off for our biggest customer.' },
        { clusterId: picked[3]!, name: 'Jordan Reyes', email: 'jordan@brightforge.dev', text: 'Support asks about this every week.' },
      ];
      for (const [i, rep] of reps.entries()) {
        const { id } = await createSignalOnce({ source: 'hubspot', externalId: `hubspot-shot-${i}`, customer: 'Acme Foods', text: rep.text, raisedByName: rep.name, raisedByEmail: rep.email, state: 'new', receivedAt: Math.floor(now / 1000) });
        await recordFirstClustering(id, { clusterId: rep.clusterId, reason: { how: 'joined', score: 0.5, sharedTerms: [], sharedConcepts: [], at: now }, category: 'bug', categoryWords: [] }, now);
        await attachSignal(id, rep.clusterId, now);
      }
    });
    const byId = new Map((await inboxOf(world)).clusters.map((c) => [c.id, c]));
    const [a, b, c, d, e] = picked.map((id) => byId.get(id));
    await route(world, a!, { route: 'parking-lot', rationale: 'Real, but behind the e-invoicing work this quarter.' });
    await route(world, b!, { route: 'parking-lot', rationale: 'Two customers so far; revisit when more ask.' });
    // Told with a working Slack bot token …
    sandboxSlack.reset();
    await resolverData(world, 'admin', 'settings', 'settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN });
    await route(world, c!, { route: 'quick-fix', rationale: 'Three customers hit it at every month end; a small fix.', quickFix: { projectKey: PROJECT, intoNextSprint: true } });
    await world.sandbox.events.settle();
    // … and without one (it was removed): the next decision's Slack messages wait for a token.
    await world.sandbox.asApp(async () => {
      await kvs.deleteSecret('slack-bot-token');
      await kvs.delete('settings:slack-connection');
    });
    failedId = d!.id;
    const bulkCreate = (req: { path: string }) => req.path.startsWith('/rest/api/3/issue/bulk') && !req.path.includes('bulkfetch');
    // A refusal (400) fails the Jira side for good at once.
    world.sandbox.jiraLink.injectFault({ match: bulkCreate, status: 400, times: Infinity });
    await route(world, d!, { route: 'quick-fix', rationale: 'Small, and the support team asks weekly.', quickFix: { projectKey: PROJECT, intoNextSprint: false } });
    await world.sandbox.events.settle();
    world.sandbox.jiraLink.clearFaults();
    await route(world, e!, { route: 'declined', rationale: 'Out of scope for a payments product.' });
  }, 180_000);
  afterAll(() => stopWorld(world));

  test.each([['light' as const], ['dark' as const]])('%s theme: the routing dialog, the Parking lot, Routed', async (colorMode) => {
    const shot = (name: string) => path.join(SCREENSHOT_DIR, `routing-${name}-${colorMode}.png`);
    const context = await signedInContext(started(), 'productLead', colorMode);
    try {
      const page = await openPage(started(), context, `#/project/${PROJECT}`);
      await page.setViewportSize(VIEWPORT);
      const triage = surface(page, 'Upstream triage');
      await triage.getByTestId('inbox-cluster').first().waitFor();
      await triage.getByTestId('triage-count-inbox').waitFor();

      // The dialog: q on the first cluster, a rationale typed, the projects listed.
      await triage.getByTestId('inbox-cluster').first().focus();
      await page.keyboard.press('q');
      await triage.getByTestId('route-project').locator('option[value="PAY"]').waitFor({ state: 'attached' });
      await triage.getByTestId('route-rationale').fill('Three customers re-key invoices at month end; a CSV export is a small fix.');
      await triage.getByTestId('route-next-sprint').check();
      await page.waitForTimeout(400);
      const dialog = triage.locator('[role="dialog"]');
      await shotOf(page, dialog, dialog, shot('dialog'), 16);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      for (const tab of ['parking', 'routed'] as const) {
        await triage.getByTestId(`triage-tab-${tab}`).click();
        const listed = triage.locator(`[data-tab="${tab}"]`).getByTestId('inbox-cluster');
        await listed.first().waitFor();
        if (tab === 'routed') {
          // The decisions just made first (the seed routed dozens): the tab's first rows are the picture.
          await triage.getByTestId('inbox-sort').selectOption('recent');
          await triage.locator(`tr[data-focus-key="c:${failedId}"]`).waitFor();
        }
        await page.waitForTimeout(400);
        const rows = await listed.count();
        await shotOf(page, triage.getByRole('tablist'), rows > 6 ? listed.nth(5) : triage.getByTestId('inbox-grid'), shot(tab));
      }

      // The failed quick fix opened: who was not told of it, why, and what to do.
      const failed = triage.locator(`tr[data-focus-key="c:${failedId}"]`);
      await failed.click();
      const problems = triage.getByTestId('decision-notification-problems');
      await problems.waitFor();
      await page.waitForTimeout(400);
      await shotOf(page, failed, problems, shot('told'));
    } finally {
      await context.close();
    }
  }, 120_000);
});
