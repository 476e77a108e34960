/**
 * The admin page's suggestion-rules editor: a Jira admin adds a keyword rule and saves it; a bad rule is refused
 * inline, before anything is sent, and the edits stay on screen.
 */
import type { FrameLocator } from 'playwright-core';
import { openPage, resolverData, signedInContext, surface, useWorld } from './harness';

type Rules = { rules: { issueTypes: Record<string, string>; labels: Record<string, string>; keywords: Record<string, string> }; isDefault: boolean };

const started = useWorld();

const savedRules = () => resolverData<Rules>(started(), 'admin', 'settings', 'settings.rules.get', {});

async function addRule(settings: FrameLocator, table: 'issueTypes' | 'labels' | 'keywords', key: string, workType: string) {
  const rows = settings.getByTestId(`rule-row-${table}`);
  const index = await rows.count();
  await settings.getByTestId(`rules-add-${table}`).click();
  await settings.getByTestId(`rule-key-${table}-${index}`).fill(key);
  await settings.getByTestId(`rule-type-${table}-${index}`).selectOption(workType);
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
});

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
});

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
});
