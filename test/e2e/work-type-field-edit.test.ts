/**
 * The Work type field's inline edit (Custom UI, saved with view.submit): a compact select with the three work
 * types and "None", worked by keyboard (arrows, Enter saves, Esc cancels) or mouse; a person who may only browse
 * is told so instead of being offered a control; a save Jira refuses for lack of permission says so, with the
 * next step, rather than "try again".
 */
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { PersonaRole } from '../sandbox/seed';
import { openPage, resolverData, signedInContext, storedWorkType, surface, useWorld } from './harness';

type Unclassified = { issues: Array<{ key: string }> };

const started = useWorld();

/** Unclassified issues, a different one per test, so each starts from "None". */
let nextIssue = 0;
async function untriagedIssue(): Promise<string> {
  const queue = await resolverData<Unclassified>(started(), 'productLead', 'triage-queue', 'triage.unclassified', { projectKey: 'PAY', pageSize: 20 });
  const key = queue.issues[nextIssue++]?.key;
  if (!key) throw new Error('The seed has too few unclassified PAY issues');
  return key;
}

async function openEdit(persona: PersonaRole, issueKey: string): Promise<{ context: BrowserContext; page: Page; edit: FrameLocator }> {
  const context = await signedInContext(started(), persona);
  const page = await openPage(started(), context, `#/issue/${issueKey}`);
  await surface(page, 'Upstream context').getByText('Signed in as').waitFor();
  await page.getByRole('button', { name: 'Edit Work type' }).click();
  const edit = surface(page, 'Work type (edit)');
  return { context, page, edit };
}

/** The option the select's input points at (react-select's aria-activedescendant), by its text. */
async function activeOption(page: Page): Promise<string | null> {
  const frame = page.frames().find((f) => f.url().includes('entryPoint=edit'));
  if (!frame) throw new Error('No edit frame');
  return frame.evaluate(() => {
    const id = document.activeElement?.getAttribute('aria-activedescendant');
    return id ? (document.getElementById(id)?.textContent ?? null) : null;
  });
}

/** Waits until the select's input has the keyboard focus (it takes it on load), so key presses reach it. */
async function selectFocused(page: Page): Promise<void> {
  const frame = page.frames().find((f) => f.url().includes('entryPoint=edit'));
  if (!frame) throw new Error('No edit frame');
  await frame.waitForFunction(() => document.hasFocus() && document.activeElement?.id === 'work-type-select');
}

test('a compact select with the three work types and "None (not triaged)", saved with arrow keys and Enter', async () => {
  const issueKey = await untriagedIssue();
  const { context, page, edit } = await openEdit('engineer', issueKey);
  try {
    const control = edit.getByTestId('work-type-select-select--control');
    await control.waitFor();
    // One line high, not four cards: the edit sits in Jira's narrow details column.
    const box = await control.boundingBox();
    expect(box?.height).toBeLessThanOrEqual(40);
    expect(await edit.getByText('None (not triaged)').first().isVisible()).toBe(true);
    // The select has the focus with its menu open.
    const options = edit.getByRole('option');
    await selectFocused(page);
    expect(await options.allInnerTexts()).toEqual(['Innovative', 'Corrective', 'Enabling', 'None (not triaged)']);

    // ↓ walks down the options to Enabling, ↑ steps back to Corrective.
    const seen: Array<string | null> = [];
    do {
      await page.keyboard.press('ArrowDown');
      seen.push(await activeOption(page));
    } while (seen.length < 8 && seen[seen.length - 1] !== 'Enabling');
    expect(seen[seen.length - 1]).toBe('Enabling');
    await page.keyboard.press('ArrowUp');
    expect(await activeOption(page)).toBe('Corrective');
    await page.keyboard.press('Enter');
    await edit.getByTestId('work-type-edit').waitFor({ state: 'detached' });
    await surface(page, 'Work type').getByText('Corrective', { exact: true }).waitFor();
    expect(await storedWorkType(started(), issueKey)).toBe('Corrective');
  } finally {
    await context.close();
  }
});

test('Esc cancels the edit and leaves the value as it was', async () => {
  const issueKey = await untriagedIssue();
  const { context, page, edit } = await openEdit('engineer', issueKey);
  try {
    await edit.getByRole('option').first().waitFor();
    await selectFocused(page);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await edit.getByTestId('work-type-edit').waitFor({ state: 'detached' });
    expect(await page.locator('iframe[title="Work type (edit)"]').count()).toBe(0);
    expect(await storedWorkType(started(), issueKey)).toBeNull();
  } finally {
    await context.close();
  }
});

test('choosing an option with the mouse saves it, and "None" clears the value again', async () => {
  const issueKey = await untriagedIssue();
  const first = await openEdit('engineer', issueKey);
  try {
    await first.edit.getByRole('option', { name: 'Innovative' }).click();
    await surface(first.page, 'Work type').getByText('Innovative', { exact: true }).waitFor();
    expect(await storedWorkType(started(), issueKey)).toBe('Innovative');

    await first.page.getByRole('button', { name: 'Edit Work type' }).click();
    const edit = surface(first.page, 'Work type (edit)');
    await edit.getByRole('option', { name: 'None (not triaged)' }).click();
    await edit.getByTestId('work-type-edit').waitFor({ state: 'detached' });
    expect(await storedWorkType(started(), issueKey)).toBeNull();
  } finally {
    await first.context.close();
  }
});

test('a person who may only browse is told why there is no control, not offered one', async () => {
  const issueKey = await untriagedIssue();
  const { context, edit } = await openEdit('sales', issueKey);
  try {
    const readOnly = edit.getByTestId('work-type-edit-read-only');
    await readOnly.waitFor();
    expect(await readOnly.innerText()).toContain(`You can see ${issueKey} but not edit it`);
    expect(await readOnly.innerText()).toContain('Ask a project admin for the Edit issues permission');
    expect(await edit.getByRole('combobox').count()).toBe(0);
    expect(await edit.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await edit.getByRole('button', { name: 'Close' }).click();
    await readOnly.waitFor({ state: 'detached' });
  } finally {
    await context.close();
  }
});

test('a save Jira refuses because the person lost edit access says so, with the next step', async () => {
  const issueKey = await untriagedIssue();
  const { context, page, edit } = await openEdit('engineer', issueKey);
  try {
    await edit.getByRole('option').first().waitFor();
    // Signed in as someone else from here on (the host decides the account per call, from its cookie): the
    // control was offered to an editor, and the save is made by a person who may only browse.
    await context.addCookies([{ name: 'upstream-sandbox-persona', value: 'sales', url: started().host.url }]);
    await edit.getByRole('option', { name: 'Enabling' }).click();
    const refused = edit.getByTestId('work-type-edit-forbidden');
    await refused.waitFor();
    expect(await refused.innerText()).toContain("You don't have permission to edit this issue");
    expect(await refused.innerText()).toContain('Ask a project admin for the Edit issues permission');
    expect(await refused.innerText()).not.toMatch(/try again/i);
    expect(await storedWorkType(started(), issueKey)).toBeNull();
    await edit.getByRole('button', { name: 'Close' }).click();
    await page.locator('iframe[title="Work type (edit)"]').waitFor({ state: 'detached' });
  } finally {
    await context.close();
  }
});
