/**
 * The admin page beyond the rules themselves (work-type-rules.test.ts): rotating the intake secret asks first
 * and says what breaks; the save bar stays within reach of every rule; leaving with unsaved edits warns; the
 * default target mix says its unsaved state; every date on the page is written one way.
 */
import type { Dialog } from 'playwright-core';
import { eventually, openPage, resolverData, signedInContext, surface, useWorld } from './harness';

const started = useWorld();
const overview = () =>
  resolverData<{ intakeSecretConfigured: boolean; intakeSecretRotatedAt: string | null }>(started(), 'admin', 'settings', 'settings.overview', {});

test('rotating the intake secret asks first, says what breaks, and Cancel changes nothing', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    // The first secret breaks nobody: it is created without a question.
    await settings.getByRole('button', { name: 'Create intake secret' }).click();
    await settings.getByTestId('upstream-new-secret').waitFor();
    const first = await settings.getByTestId('upstream-secret-value').inputValue();
    const firstRotation = (await overview()).intakeSecretRotatedAt;

    await settings.getByRole('button', { name: 'Rotate intake secret…' }).click();
    const dialog = settings.getByRole('dialog', { name: 'Rotate the intake secret?' });
    await dialog.getByText('Every sender using the current secret will be refused until you give them the new one.').waitFor();
    // Focus starts on Cancel, so Enter by habit breaks nothing.
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect((await overview()).intakeSecretRotatedAt).toBe(firstRotation);
    expect(await settings.getByTestId('upstream-secret-value').inputValue()).toBe(first);

    // Escape closes it too; only the dialog's own Rotate rotates.
    await settings.getByRole('button', { name: 'Rotate intake secret…' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await overview()).intakeSecretRotatedAt).toBe(firstRotation);

    await settings.getByRole('button', { name: 'Rotate intake secret…' }).click();
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    await eventually(() => settings.getByTestId('upstream-secret-value').inputValue(), (value) => value !== first);
    expect(await settings.getByTestId('upstream-secret-value').inputValue()).not.toBe(first);
    expect((await overview()).intakeSecretRotatedAt).not.toBe(firstRotation);
  } finally {
    await context.close();
  }
}, 90_000);

test('the save bar is never more than a screen below a rule being edited, and says when there are unsaved changes', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByTestId('rules-table-keywords').waitFor();
    const keywords = settings.getByTestId('rule-row-keywords');
    const last = settings.getByTestId(`rule-key-keywords-${(await keywords.count()) - 1}`);
    await last.scrollIntoViewIfNeeded();
    await last.fill('times out badly');
    await settings.getByTestId('rules-dirty').getByText('Unsaved changes').waitFor();
    await settings.getByTestId('rules-unsaved-badge').waitFor();
    // Distances in the host page: from the rule being edited to the Save button, for the last and the first rule.
    const viewport = page.viewportSize()!.height;
    const saveBox = (await settings.getByTestId('rules-save').boundingBox())!;
    for (const field of [last, settings.getByTestId('rule-key-issueTypes-0')]) {
      const box = (await field.boundingBox())!;
      expect(Math.abs(saveBox.y - box.y)).toBeLessThan(viewport);
    }
  } finally {
    await context.close();
  }
}, 90_000);

test('leaving the page with unsaved edits asks the browser to warn; with none, it does not', async () => {
  const context = await signedInContext(started(), 'admin');
  const dialogs: Dialog[] = [];
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByTestId('rules-table-labels').waitFor();
    // Unsaved: each editor on the page asks before the frame is unloaded.
    const cancelled = () =>
      settings.locator('body').evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
    expect(await cancelled()).toBe(false);
    await settings.getByTestId('rule-key-labels-0').fill('tech-debt-later');
    await settings.getByTestId('rules-dirty').waitFor();
    expect(await cancelled()).toBe(true);
    await settings.getByTestId('rules-discard').click();
    await settings.getByTestId('rules-status').waitFor();
    expect(await cancelled()).toBe(false);
    await settings.locator('#default-target-Innovative').fill('40');
    await settings.getByTestId('default-target-dirty').getByText('Unsaved changes').waitFor();
    expect(await cancelled()).toBe(true);

    // And the browser really prompts when the page is closed. The prompt is accepted, so the page closes
    // cleanly: dismissing it leaves a page with a pending beforeunload, and headless Chromium closing a
    // context over one took the whole browser down in CI (and every later test of the file with it).
    const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog);
      void dialog.accept();
    });
    await page.close({ runBeforeUnload: true });
    await eventually(async () => dialogs.length, (n) => n > 0);
    await closed;
    expect(dialogs.map((d) => d.type())).toContain('beforeunload');
  } finally {
    await context.close();
  }
}, 90_000);

test('the default target mix: one message per field, Save only when valid and changed, one date format on the page', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    const save = settings.getByTestId('default-target-save');
    await save.waitFor();
    expect(await save.isDisabled()).toBe(true); // nothing changed
    await settings.locator('#default-target-Innovative').fill('60');
    await settings.getByTestId('default-target-sum').getByText('The target adds up to 110 %; it must add up to 100 %.').waitFor();
    expect(await settings.getByText(/add up to/).count()).toBe(1);
    expect(await save.isDisabled()).toBe(true);
    await settings.locator('#default-target-Corrective').fill('15');
    await settings.locator('#default-target-Enabling').fill('25');
    await settings.getByTestId('default-target-sum').getByText('Total 100 %').waitFor();
    await save.click();
    await settings.getByTestId('default-target-status').waitFor();

    // Saved rules, the saved target and the secret's rotation: all dated the same way, without a time.
    await settings.getByTestId('rules-save').waitFor();
    if (!(await overview()).intakeSecretConfigured) {
      await settings.getByRole('button', { name: 'Create intake secret' }).click();
    }
    await settings.getByTestId('rule-key-keywords-0').fill('outage');
    await settings.getByTestId('rules-save').click();
    await settings.getByTestId('rules-notice').waitFor();
    const dates = [
      /last rotated ([^.]+)\./.exec(await settings.getByTestId('upstream-secret-status').innerText())?.[1],
      /Saved ([^.]+)\./.exec(await settings.getByTestId('rules-status').innerText())?.[1],
      /Saved ([^.]+)\./.exec(await settings.getByTestId('default-target-status').innerText())?.[1],
    ];
    // The browser's own rendering of the rotation's date with format.ts's options: "Dec 2, 2026" here.
    const rotatedAt = (await overview()).intakeSecretRotatedAt!;
    const expected = await settings
      .locator('body')
      .evaluate((_, iso) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }), rotatedAt);
    expect(dates).toEqual([expected, expected, expected]);
    expect(expected).not.toMatch(/:/); // a date, not a date and time
  } finally {
    await context.close();
  }
}, 90_000);
