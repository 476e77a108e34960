/**
 * Screenshots of the main surfaces in both themes, for the README and for a person to look at. Only with
 * UPSTREAM_SCREENSHOTS=1 (they rewrite files under docs/screenshots/); otherwise these tests are skipped.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BOARD_IDS } from '../sandbox/seed';
import { SCREENSHOT_DIR, openPage, screenshotsWanted, signedInContext, startWorld, stopWorld, surface, type E2eWorld } from './harness';

/** Each frame resizes itself once its content is in; give that a moment before the picture is taken. */
const settle = (page: Page): Promise<void> => page.waitForTimeout(400);

const describeWhenWanted = screenshotsWanted() ? describe : describe.skip;

describeWhenWanted('screenshots in docs/screenshots', () => {
  let world: E2eWorld | undefined;
  const started = (): E2eWorld => {
    if (!world) throw new Error('The e2e world did not start');
    return world;
  };

  beforeAll(async () => {
    world = await startWorld();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // A configured gadget shows more than its empty state.
    world.host.gadgets.configure('10100', { boardId: BOARD_IDS.PAY });
  }, 60_000);
  afterAll(() => stopWorld(world));

  test.each([['light' as const], ['dark' as const]])('%s theme: issue view, dashboard and triage page', async (colorMode) => {
    const context = await signedInContext(started(), 'productLead', colorMode);
    try {
      const page = await openPage(started(), context, '#/issue/PAY-3');
      await surface(page, 'Upstream context').getByText('Signed in as').waitFor();
      await surface(page, 'Work type').locator('[data-testid="uikit-root"] [data-testid^="work-type-field-"]').first().waitFor();
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `issue-view-${colorMode}.png`), fullPage: true });

      await page.goto(`${started().host.url}/#/dashboard`);
      await surface(page, 'Sprint shape').getByRole('heading', { name: 'Payments board' }).waitFor();
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `dashboard-gadget-${colorMode}.png`), fullPage: true });

      await page.goto(`${started().host.url}/#/project/PAY`);
      await surface(page, 'Upstream triage').getByTestId('triage-open-issues').waitFor();
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `triage-page-${colorMode}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
