/**
 * The Unclassified tab on the triage page, driven from the keyboard as a product lead would: j/k to move, 2 to
 * set Corrective, Enter to accept a suggestion, x to select several and 3 to set them all. Classified rows leave
 * the list in place and focus stays where the person was. And paging past the first page.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { openPage, resolverData, signedInContext, storedWorkType, surface, useWorld } from './harness';

type Unclassified = {
  issues: Array<{ key: string; suggestion: { workType: string } | null }>;
  total: number;
  nextPageToken: string | null;
};

const started = useWorld((world) => seedAppData(world.sandbox, new Date()));

const focusedKey = (triage: FrameLocator) => triage.locator('tr.tr-focused').getAttribute('data-key');
const rowKeys = async (triage: FrameLocator) =>
  (await triage.getByTestId('unclassified-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key'))));

async function openTriage(projectKey: string): Promise<{ page: Page; triage: FrameLocator; close: () => Promise<void> }> {
  const context = await signedInContext(started(), 'productLead');
  const page = await openPage(started(), context, `#/project/${projectKey}`);
  const triage = surface(page, 'Upstream triage');
  await triage.getByTestId('unclassified-row').first().waitFor();
  return { page, triage, close: () => context.close() };
}

test('j/k move the focus, 2 sets Corrective, Enter accepts a suggestion, and x + 3 classify several at once', async () => {
  const { page, triage, close } = await openTriage('PAY');
  try {
    const before = await rowKeys(triage);
    const unclassifiedBefore = Number((await triage.getByTestId('triage-unclassified').innerText()).match(/\d+/)?.[0]);
    await triage.getByText('Keys:', { exact: false }).first().waitFor();

    // Click into the first row, then move with j and k.
    await triage.locator(`tr[data-key="${before[0]}"] .tr-summary`).click();
    expect(await focusedKey(triage)).toBe(before[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focusedKey(triage)).toBe(before[2]);
    await page.keyboard.press('k');
    expect(await focusedKey(triage)).toBe(before[1]);

    // 2 → Corrective: the row leaves, and the next row takes the focus.
    await page.keyboard.press('2');
    await triage.locator(`tr[data-key="${before[1]}"]`).waitFor({ state: 'detached' });
    expect(await storedWorkType(started(), before[1]!)).toBe('Corrective');
    expect(await focusedKey(triage)).toBe(before[2]);
    await triage.getByTestId('upstream-announcer').getByText(`${before[1]} set to Corrective.`).waitFor();

    // Enter accepts the focused row's suggestion.
    const page1 = await resolverData<Unclassified>(started(), 'productLead', 'triage-queue', 'triage.unclassified', { projectKey: 'PAY', pageSize: 50 });
    const accepted = page1.issues.find((issue) => issue.key === before[2]);
    expect(accepted?.suggestion).not.toBeNull();
    await page.keyboard.press('Enter');
    await triage.locator(`tr[data-key="${before[2]}"]`).waitFor({ state: 'detached' });
    expect(await storedWorkType(started(), before[2]!)).toBe(accepted!.suggestion!.workType);
    expect(await focusedKey(triage)).toBe(before[3]);

    // x selects; j moves on; three rows selected, then 3 sets them all to Enabling.
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    expect(await triage.getByTestId('unclassified-selected-count').innerText()).toBe('3 selected');
    await page.keyboard.press('3');
    for (const key of before.slice(3, 6)) await triage.locator(`tr[data-key="${key}"]`).waitFor({ state: 'detached' });
    for (const key of before.slice(3, 6)) expect(await storedWorkType(started(), key!)).toBe('Enabling');
    await triage.getByTestId('upstream-announcer').getByText('3 issues set to Enabling.').waitFor();
    // The focus stays in the list, on the row after the ones that left.
    expect(await focusedKey(triage)).toBe(before[6]);
    expect(await triage.getByTestId('unclassified-selected-count').innerText()).toBe('None selected');
    // The count at the top follows without a reload.
    expect(await triage.getByTestId('triage-unclassified').innerText()).toContain(String(unclassifiedBefore - 5));
    expect((await rowKeys(triage)).slice(0, 3)).toEqual(before.slice(0, 1).concat(before.slice(6, 8)));
  } finally {
    await close();
  }
});

test('Shift+j extends the selection and "select all shown" selects every row; the buttons set them', async () => {
  const { page, triage, close } = await openTriage('INV');
  try {
    const before = await rowKeys(triage);
    await triage.locator(`tr[data-key="${before[0]}"] .tr-summary`).click();
    await page.keyboard.press('Shift+J');
    await page.keyboard.press('Shift+J');
    expect(await triage.getByTestId('unclassified-selected-count').innerText()).toBe('3 selected');
    await page.keyboard.press('Escape');
    expect(await triage.getByTestId('unclassified-selected-count').innerText()).toBe('None selected');
    await triage.getByTestId('unclassified-select-all').check();
    expect(await triage.getByTestId('unclassified-selected-count').innerText()).toBe(`${before.length} selected`);
    await triage.getByTestId('unclassified-select-all').uncheck();
    await triage.locator(`tr[data-key="${before[1]}"] input[type="checkbox"]`).click();
    await triage.getByRole('button', { name: 'Innovative (1)' }).click();
    await triage.locator(`tr[data-key="${before[1]}"]`).waitFor({ state: 'detached' });
    expect(await storedWorkType(started(), before[1]!)).toBe('Innovative');
  } finally {
    await close();
  }
});

test('the list pages on with the next page token and shows the total', async () => {
  const first = await resolverData<Unclassified>(started(), 'productLead', 'triage-queue', 'triage.unclassified', { projectKey: 'INV', pageSize: 50 });
  expect(first.nextPageToken).not.toBeNull();
  const { triage, close } = await openTriage('INV');
  try {
    expect(await triage.getByTestId('unclassified-row').count()).toBe(50);
    expect(await triage.getByTestId('unclassified-total').innerText()).toBe(`Showing 50 of ${first.total} unclassified issues`);
    await triage.getByTestId('unclassified-load-more').click();
    await triage.getByTestId('unclassified-total').getByText(`Showing ${first.total} of ${first.total}`).waitFor();
    expect(await triage.getByTestId('unclassified-row').count()).toBe(first.total);
    expect(await triage.getByTestId('unclassified-load-more').count()).toBe(0);
  } finally {
    await close();
  }
});

test('a project with nothing left to classify says so', async () => {
  const ops = await resolverData<Unclassified>(started(), 'productLead', 'triage-queue', 'triage.unclassified', { projectKey: 'OPS', pageSize: 100 });
  await resolverData(started(), 'productLead', 'triage-queue', 'workType.setMany', {
    assignments: ops.issues.map((issue) => ({ issueKey: issue.key, workType: 'Enabling' })),
  });
  const context = await signedInContext(started(), 'productLead');
  try {
    const page = await openPage(started(), context, '#/project/OPS');
    await surface(page, 'Upstream triage').getByText('Every open issue in OPS has a work type.').waitFor();
  } finally {
    await context.close();
  }
});
