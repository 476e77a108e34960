/**
 * Screenshots of the work type and origin surfaces in both themes: the issue panel (a suggestion to confirm, and
 * an origin trail with a signal's details open), the Work type field in view (UI Kit) and with its edit open
 * (the select), and the Unclassified tab. Only with UPSTREAM_SCREENSHOTS=1 (they rewrite files under
 * docs/screenshots/); otherwise skipped.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { SCREENSHOT_DIR, openPage, resolverData, screenshotsWanted, signedInContext, startWorld, stopWorld, surface, type E2eWorld } from './harness';

const settle = (page: Page): Promise<void> => page.waitForTimeout(500);
const describeWhenWanted = screenshotsWanted() ? describe : describe.skip;

describeWhenWanted('work type and origin screenshots in docs/screenshots', () => {
  let world: E2eWorld | undefined;
  const started = (): E2eWorld => {
    if (!world) throw new Error('The e2e world did not start');
    return world;
  };

  beforeAll(async () => {
    world = await startWorld();
    await seedAppData(world.sandbox, new Date());
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }, 60_000);
  afterAll(() => stopWorld(world));

  test.each([['light' as const], ['dark' as const]])('%s theme', async (colorMode) => {
    const shot = (name: string) => path.join(SCREENSHOT_DIR, `${name}-${colorMode}.png`);
    const queue = await resolverData<{ issues: Array<{ key: string; suggestion: unknown }> }>(
      started(),
      'engineer',
      'triage-queue',
      'triage.unclassified',
      { projectKey: 'PAY', pageSize: 10 },
    );
    const unclassified = queue.issues.find((issue) => issue.suggestion !== null)?.key ?? 'PAY-1';
    const withOrigin = started().sandbox.jira.site.issues.find((i) => i.summary === 'Export invoices as FatturaPA')?.key ?? 'INV-1';
    const context = await signedInContext(started(), 'engineer', colorMode);
    try {
      const page = await openPage(started(), context, `#/issue/${unclassified}`);
      const panel = surface(page, 'Upstream context');
      await panel.getByTestId('panel-suggestion').waitFor();
      await panel.getByText('Signed in as').waitFor();
      await surface(page, 'Work type').locator('[data-testid="uikit-root"] [data-testid^="work-type-field-"]').first().waitFor();
      await settle(page);
      await page.screenshot({ path: shot('panel-suggestion'), fullPage: true });
      await page.locator('section[aria-label="Details"]').screenshot({ path: shot('field-view') });

      await page.getByRole('button', { name: 'Edit Work type' }).click();
      await surface(page, 'Work type (edit)').getByRole('option').first().waitFor();
      await settle(page);
      await page.locator('section[aria-label="Details"]').screenshot({ path: shot('field-edit') });

      await page.goto(`${started().host.url}/#/issue/${withOrigin}`);
      const origin = surface(page, 'Upstream context');
      await origin.getByTestId('panel-origin-signal').first().waitFor();
      await origin.getByRole('button', { name: /^Show details of/ }).first().click();
      await origin.getByTestId('panel-origin-signal-details').waitFor();
      await settle(page);
      await page.locator('#upstream-panel').screenshot({ path: shot('panel-origin') });

      await page.goto(`${started().host.url}/#/project/PAY`);
      const triage = surface(page, 'Upstream triage');
      await triage.getByTestId('triage-tab-unclassified').click();
      await triage.getByTestId('unclassified-row').first().waitFor();
      await triage.getByTestId('unclassified-row').nth(1).locator('.tr-summary').click();
      await page.keyboard.press('x');
      await page.keyboard.press('j');
      await page.keyboard.press('x');
      await settle(page);
      await page.screenshot({ path: shot('triage-unclassified'), clip: { x: 0, y: 0, width: 1280, height: 900 } });

      await page.goto(`${started().host.url}/#/admin`);
      await context.clearCookies();
      await context.addCookies([
        { name: 'upstream-sandbox-persona', value: 'admin', url: started().host.url },
        { name: 'upstream-sandbox-theme', value: colorMode, url: started().host.url },
      ]);
      await page.reload();
      const settings = surface(page, 'Upstream settings');
      await settings.getByTestId('rules-table-keywords').waitFor();
      await settings.getByTestId('rules-add-labels').click();
      const labels = settings.getByTestId('rule-row-labels');
      const last = (await labels.count()) - 1;
      await settings.getByTestId(`rule-key-labels-${last}`).fill('tech debt');
      await settings.getByTestId('rules-save').click();
      await settings.getByText('Labels have no spaces.').waitFor();
      await settle(page);
      await page.screenshot({ path: shot('settings-rules'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
