/**
 * The admin page's suggestion-rules editor: a Jira admin adds a keyword rule and saves it; a bad rule is refused
 * inline, before anything is sent, and the edits stay on screen; rules are removed by buttons named for their
 * rule; loading the defaults over unsaved edits asks first. (The page's other parts: settings.test.ts.)
 */
import type { FrameLocator } from 'playwright-core';
import { openPage, resolverData, signedInContext, surface, useWorld } from './harness';

type Rules = { rules: { issueTypes: Record<string, string>; labels: Record<string, string>; keywords: Record<string, string> }; isDefault: boolean };

const started = useWorld();

const savedRules = () => resolverData<Rules>(started(), 'admin', 'settings', 'settings.rules.get', {});

/** Chooses a work type in a rule's Atlaskit select, as a person does with the keyboard: type, then Enter. */
async function chooseWorkType(settings: FrameLocator, table: string, index: number, workType: string) {
  const input = settings.locator(`#rule-type-${table}-${index}`);
  await input.fill(workType);
  await settings.getByRole('option', { name: workType, exact: true }).waitFor();
  await input.press('Enter');
}

async function addRule(settings: FrameLocator, table: 'issueTypes' | 'labels' | 'keywords', key: string, workType: string) {
  const rows = settings.getByTestId(`rule-row-${table}`);
  const index = await rows.count();
  await settings.getByTestId(`rules-add-${table}`).click();
  await settings.getByTestId(`rule-key-${table}-${index}`).fill(key);
  await chooseWorkType(settings, table, index, workType);
  await settings.getByTestId(`rule-row-${table}`).nth(index).getByText(workType, { exact: true }).waitFor();
  return index;
}

test('a Jira admin adds a keyword rule and saves it', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByTestId('rules-table-keywords').waitFor();
    expect(await settings.getByTestId('rules-status').innerText()).toContain('default rules');
    await addRule(settings, 'keywords', 'chargeback', 'Corrective');
    await settings.getByTestId('rules-dirty').waitFor();
    await settings.getByTestId('rules-save').click();
    await settings.getByTestId('rules-notice').getByText('Rules saved.', { exact: false }).waitFor();
    const saved = await savedRules();
    expect(saved.rules.keywords.chargeback).toBe('Corrective');
    expect(saved.isDefault).toBe(false);
  } finally {
    await context.close();
  }
}, 90_000);

test('a bad rule is refused inline with the contract’s message, nothing is saved, and the edits stay', async () => {
  const before = await savedRules();
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByTestId('rules-table-labels').waitFor();
    const labelIndex = await addRule(settings, 'labels', 'tech debt', 'Enabling');
    const keywordIndex = await addRule(settings, 'keywords', 'x', 'Innovative');
    await settings.getByTestId('rules-save').click();
    await settings.getByTestId('rules-table-labels').getByText('Labels have no spaces.').waitFor();
    await settings.getByTestId('rules-table-keywords').getByText('At least 2 characters.').waitFor();
    expect(await settings.getByTestId('rules-dirty').innerText()).toContain('2 rules to fix');
    // Focus goes to the first field to fix; the typed values are still there.
    expect(await settings.getByTestId(`rule-key-labels-${labelIndex}`).inputValue()).toBe('tech debt');
    expect(await settings.getByTestId(`rule-key-keywords-${keywordIndex}`).inputValue()).toBe('x');
    expect(await savedRules()).toEqual(before);

    // Fixing the rule clears its message and the save goes through.
    await settings.getByTestId(`rule-key-labels-${labelIndex}`).fill('tech-debt-2');
    await settings.getByTestId(`rule-key-keywords-${keywordIndex}`).fill('xero');
    expect(await settings.getByTestId('rule-error').count()).toBe(0);
    await settings.getByTestId('rules-save').click();
    await settings.getByTestId('rules-notice').waitFor();
    const saved = await savedRules();
    expect(saved.rules.labels['tech-debt-2']).toBe('Enabling');
    expect(saved.rules.keywords.xero).toBe('Innovative');
  } finally {
    await context.close();
  }
}, 90_000);

test('"Reset to defaults" loads the defaults without saving until the admin saves', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByTestId('rules-reset').click();
    await settings.getByTestId('rules-notice').getByText('Save to use them', { exact: false }).waitFor();
    expect((await savedRules()).isDefault).toBe(false);
    await settings.getByTestId('rules-save').click();
    await settings.getByTestId('rules-notice').getByText('Rules saved.', { exact: false }).waitFor();
    expect((await savedRules()).rules.keywords.chargeback).toBeUndefined();
  } finally {
    await context.close();
  }
}, 90_000);

test('a rule is removed by a real button named for it, and the work type is chosen in an Atlaskit select', async () => {
  const before = await savedRules();
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByTestId('rules-table-labels').waitFor();
    // No native <select> is left on the page.
    expect(await settings.locator('select').count()).toBe(0);
    const labels = Object.keys(before.rules.labels);
    const victim = labels.includes('tech-debt') ? 'tech-debt' : labels[0]!;
    const remove = settings.getByRole('button', { name: `Remove rule for label ${victim}`, exact: true });
    expect(await remove.evaluate((button) => button.tagName)).toBe('BUTTON');
    await remove.click();
    await settings.getByTestId('rules-dirty').waitFor();
    expect(await settings.getByRole('button', { name: `Remove rule for label ${victim}`, exact: true }).count()).toBe(0);
    expect(await settings.getByTestId('rule-row-labels').count()).toBe(labels.length - 1);
    // Change an issue type's work type with the keyboard, then save both changes.
    await chooseWorkType(settings, 'issueTypes', 0, 'Enabling');
    await settings.getByTestId('rules-save').click();
    await settings.getByTestId('rules-notice').getByText('Rules saved.', { exact: false }).waitFor();
    const saved = await savedRules();
    expect(saved.rules.labels[victim]).toBeUndefined();
    expect(Object.values(saved.rules.issueTypes)[0]).toBe('Enabling');
  } finally {
    await context.close();
  }
}, 90_000);

test('loading the defaults over unsaved edits asks first; keeping them keeps them', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByTestId('rules-table-keywords').waitFor();
    await settings.getByTestId('rule-key-keywords-0').fill('overdue');
    await settings.getByTestId('rules-unsaved-badge').waitFor();
    await settings.getByTestId('rules-reset').click();
    const question = settings.getByRole('alertdialog', { name: 'Replace your unsaved changes with the default rules? Your edits will be lost.' });
    await question.waitFor();
    // Focus is on the safe answer; Escape keeps the edits too.
    expect(await settings.getByTestId('rules-reset-keep').evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await settings.getByTestId('rules-save').waitFor();
    expect(await settings.getByTestId('rule-key-keywords-0').inputValue()).toBe('overdue');
    expect(await settings.getByTestId('rules-reset').evaluate((button) => button === document.activeElement)).toBe(true);
    // Asked again and confirmed: the defaults replace the edits, still unsaved until Save.
    await settings.getByTestId('rules-reset').click();
    await settings.getByTestId('rules-reset-replace').click();
    await settings.getByTestId('rules-notice').getByText('Save to use them', { exact: false }).waitFor();
    expect(await settings.getByTestId('rule-key-keywords-0').inputValue()).not.toBe('overdue');
  } finally {
    await context.close();
  }
}, 90_000);
