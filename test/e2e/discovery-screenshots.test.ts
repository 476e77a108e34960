/**
 * Screenshots of discovery notes for the README's user guide, in both themes: the Discovery tab with notes at
 * every status, a note's page with engineering input (a resolved question among it), a note held back from ready
 * by an open question with the reason beside the disabled "Mark ready", and a note marked ready on a lead's
 * waiver with its reason. Only with UPSTREAM_SCREENSHOTS=1 (they rewrite files under docs/screenshots/);
 * otherwise skipped. Nothing here changes a note, so both themes show the same notes.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { SCREENSHOT_DIR, openPage, screenshotsWanted, signedInContext, startWorld, stopWorld, surface, type E2eWorld, shootBetween } from './harness';

/** Each frame resizes itself once its content is in; give that a moment before the picture is taken. */
const settle = (page: Page): Promise<void> => page.waitForTimeout(500);
const describeWhenWanted = screenshotsWanted() ? describe : describe.skip;

const VIEWPORT = { width: 1280, height: 2400 };
const PROJECT = 'PAY';

/** From the top of the page to the bottom of `last`, as wide as the triage frame. */
async function shotDown(page: Page, last: Locator, file: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const bottom = await last.boundingBox();
  const frame = await page.locator('iframe[title="Upstream triage"]').boundingBox();
  if (!bottom || !frame) throw new Error(`Nothing to photograph for ${file}`);
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: { x: 0, y: 0, width: Math.min(VIEWPORT.width, Math.ceil(frame.x + frame.width + 16)), height: Math.ceil(bottom.y + bottom.height + 24) },
  });
}

describeWhenWanted('discovery screenshots in docs/screenshots', () => {
  let world: E2eWorld | undefined;
  const started = (): E2eWorld => {
    if (!world) throw new Error('The e2e world did not start');
    return world;
  };

  beforeAll(async () => {
    world = await startWorld();
    await seedAppData(world.sandbox, new Date());
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }, 120_000);
  afterAll(() => stopWorld(world));

  async function openDiscovery(colorMode: 'light' | 'dark'): Promise<{ page: Page; triage: FrameLocator; close: () => Promise<void> }> {
    const context = await signedInContext(started(), 'productLead', colorMode);
    const page = await openPage(started(), context, `#/project/${PROJECT}`);
    await page.setViewportSize(VIEWPORT);
    const triage = surface(page, 'Upstream triage');
    await triage.getByTestId('triage-tab-discovery').click();
    await triage.getByTestId('discovery-row').first().waitFor();
    return { page, triage, close: () => context.close() };
  }

  async function openNote(triage: FrameLocator, noteId: string): Promise<void> {
    await triage.locator(`[data-note-id="${noteId}"]`).click();
    await triage.getByTestId('discovery-status-panel').waitFor();
  }

  test.each([['light' as const], ['dark' as const]])('%s theme: the tab, a note with engineering input, the blocked-ready reason, a waiver', async (colorMode) => {
    const shot = (name: string) => path.join(SCREENSHOT_DIR, `discovery-${name}-${colorMode}.png`);
    const { page, triage, close } = await openDiscovery(colorMode);
    try {
      // The list: every status counted, the e-invoicing note blocked by its open question.
      await triage.locator('[data-note-id="note-e-invoicing-eu"]').getByTestId('discovery-row-blocked').waitFor();
      await settle(page);
      await shotDown(page, triage.getByTestId('discovery-list'), shot('tab'));

      // A note in delivery with its engineering input: a constraint, a risk and a resolved question.
      await openNote(triage, 'note-multi-currency');
      await triage.getByTestId('discovery-question-resolved').waitFor();
      await settle(page);
      await shotDown(page, triage.getByTestId('discovery-note-page'), shot('note'));

      // Held back from ready: the open question, the reason beside the disabled Mark ready, and the waiver offered.
      await triage.getByTestId('discovery-back').click();
      await openNote(triage, 'note-e-invoicing-eu');
      await triage.getByTestId('discovery-blocked').waitFor();
      expect(await triage.getByTestId('discovery-move-ready').isDisabled()).toBe(true);
      await settle(page);
      await shotDown(page, triage.getByTestId('discovery-note-page'), shot('blocked'));

      // Ready on a waiver: who waived it, when and why, for everyone who reads the note.
      await triage.getByTestId('discovery-back').click();
      await openNote(triage, 'note-statements-by-email');
      await triage.getByTestId('discovery-waiver').waitFor();
      await settle(page);
      await shootBetween(page, triage.getByTestId('discovery-status-panel'), shot('waived'), { margin: 12 });
    } finally {
      await close();
    }
  }, 180_000);
});
