/**
 * The Unclassified tab on the triage page, driven from the keyboard as a product lead would: j/k to move, 2 to
 * set Corrective, Enter to accept a suggestion, x to select several and 3 to set them all. Classified rows leave
 * the list in place and focus stays where the person was — after the toolbar's buttons and the last "Load more"
 * too. Someone who may only browse sees the controls disabled with the reason. The tab arrives as its own
 * chunk, and the list stays readable in a 360 px wide frame.
 */
import type { Frame, FrameLocator, Page } from 'playwright-core';
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

/** What has the keyboard focus inside the triage frame: a row's key, or the element's tag when it is not a row. */
const focusInFrame = (page: Page): Promise<string> => {
  const frame: Frame | undefined = page.frames().find((f) => f.url().includes('module=triage-queue'));
  if (!frame) throw new Error('No triage frame');
  return frame.evaluate(() => {
    const active = document.activeElement;
    return active?.getAttribute('data-key') ?? active?.tagName ?? 'none';
  });
};

async function openTriage(
  projectKey: string,
  persona: 'productLead' | 'sales' = 'productLead',
): Promise<{ page: Page; triage: FrameLocator; close: () => Promise<void> }> {
  const context = await signedInContext(started(), persona);
  const page = await openPage(started(), context, `#/project/${projectKey}`);
  const triage = surface(page, 'Upstream triage');
  await triage.getByTestId('triage-tab-unclassified').click();
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
  const { page, triage, close } = await openTriage('INV');
  try {
    expect(await triage.getByTestId('unclassified-row').count()).toBe(50);
    expect(await triage.getByTestId('unclassified-total').innerText()).toBe(`Showing 50 of ${first.total} unclassified issues`);
    const keysBefore = await rowKeys(triage);
    await triage.getByTestId('unclassified-load-more').click();
    await triage.getByTestId('unclassified-total').getByText(`Showing ${first.total} of ${first.total}`).waitFor();
    expect(await triage.getByTestId('unclassified-row').count()).toBe(first.total);
    expect(await triage.getByTestId('unclassified-load-more').count()).toBe(0);
    // The button went with the last page; the focus moved to the first row it brought, not to the page.
    const firstNew = (await rowKeys(triage))[keysBefore.length];
    expect(firstNew).toBeTruthy();
    expect(await focusInFrame(page)).toBe(firstNew);
    expect(await focusedKey(triage)).toBe(firstNew);
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
    const triage = surface(page, 'Upstream triage');
    await triage.getByTestId('triage-tab-unclassified').click();
    await triage.getByText('Every open issue in OPS has a work type.').waitFor();
  } finally {
    await context.close();
  }
});

test("the toolbar's Accept keeps the focus in the list, and Enter accepts the whole selection", async () => {
  const { page, triage, close } = await openTriage('PAY');
  try {
    const queue = await resolverData<Unclassified>(started(), 'productLead', 'triage-queue', 'triage.unclassified', { projectKey: 'PAY', pageSize: 50 });
    const withSuggestion = queue.issues.filter((issue) => issue.suggestion !== null).map((issue) => issue.key);
    const keys = await rowKeys(triage);
    const [a, b, c, d] = keys.filter((key): key is string => key !== null && withSuggestion.includes(key));
    if (!a || !b || !c || !d) throw new Error('Too few PAY issues with a suggestion');

    // Two rows selected with the mouse, accepted with the toolbar's button.
    await triage.locator(`tr[data-key="${a}"] input[type="checkbox"]`).click();
    await triage.locator(`tr[data-key="${b}"] input[type="checkbox"]`).click();
    await triage.getByTestId('unclassified-accept-selected').click();
    for (const key of [a, b]) await triage.locator(`tr[data-key="${key}"]`).waitFor({ state: 'detached' });
    for (const key of [a, b]) expect(await storedWorkType(started(), key)).toBe(queue.issues.find((i) => i.key === key)!.suggestion!.workType);
    // The button is disabled now that nothing is selected; the focus went to the list, not to the page.
    await triage.getByTestId('unclassified-selected-count').getByText('None selected').waitFor();
    const focused = await focusInFrame(page);
    expect(focused).not.toBe('BODY');
    expect(await rowKeys(triage)).toContain(focused);

    // Enter with a selection accepts every selected row, not only the focused one.
    await triage.locator(`tr[data-key="${c}"] .tr-summary`).click();
    await page.keyboard.press('x');
    await triage.locator(`tr[data-key="${d}"] .tr-summary`).click();
    await page.keyboard.press('x');
    expect(await triage.getByTestId('unclassified-selected-count').innerText()).toBe('2 selected');
    await page.keyboard.press('Enter');
    for (const key of [c, d]) await triage.locator(`tr[data-key="${key}"]`).waitFor({ state: 'detached' });
    for (const key of [c, d]) expect(await storedWorkType(started(), key)).toBe(queue.issues.find((i) => i.key === key)!.suggestion!.workType);
    expect(await triage.getByTestId('unclassified-keyboard-help').innerText()).toMatch(/Enter accept the suggestion — each on the selection/);
    expect(await focusInFrame(page)).not.toBe('BODY');
  } finally {
    await close();
  }
});

test('someone who may only browse sees every control disabled with the reason, and the keys say why', async () => {
  const { page, triage, close } = await openTriage('PAY', 'sales');
  try {
    await triage.getByTestId('unclassified-read-only').waitFor();
    expect(await triage.getByTestId('unclassified-read-only').innerText()).toContain('Edit issues permission');
    const first = triage.getByTestId('unclassified-row').first();
    const key = await first.getAttribute('data-key');
    expect(await first.getByTestId('unclassified-read-only-reason').innerText()).toContain("can't set its work type");
    expect(await first.locator('input[type="checkbox"]').isDisabled()).toBe(true);
    expect(await first.locator('select').isDisabled()).toBe(true);
    expect(await triage.getByTestId('unclassified-select-all').isDisabled()).toBe(true);
    expect(await triage.getByRole('button', { name: 'Corrective (2)' }).isDisabled()).toBe(true);

    await first.locator('.tr-summary').click();
    await page.keyboard.press('x');
    expect(await triage.getByTestId('unclassified-selected-count').innerText()).toBe('None selected');
    await page.keyboard.press('2');
    await triage.getByTestId('upstream-announcer').getByText(`You can see ${key} but not edit it`, { exact: false }).waitFor();
    expect(await triage.locator(`tr[data-key="${key}"]`).count()).toBe(1);
    expect(await storedWorkType(started(), key!)).toBeNull();
  } finally {
    await close();
  }
});

test('the tab is its own chunk, fetched after the page: the page chunk does not carry the queue', async () => {
  const context = await signedInContext(started(), 'productLead');
  try {
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script' && request.url().includes('/app/assets/')) scripts.push(request.url());
    });
    await page.goto(`${started().host.url}/#/project/INV`);
    const triage = surface(page, 'Upstream triage');
    await triage.getByTestId('triage-tab-inbox').waitFor();
    // The page opens on the Inbox: the Unclassified tab's chunk is not fetched until the tab is chosen.
    expect(scripts.some((url) => /\/UnclassifiedTab-[^/]+\.js$/.test(url))).toBe(false);
    await triage.getByTestId('triage-tab-unclassified').click();
    await triage.getByTestId('unclassified-row').first().waitFor();
    const pageChunk = scripts.find((url) => /\/TriagePage-[^/]+\.js$/.test(url));
    const tabChunk = scripts.find((url) => /\/UnclassifiedTab-[^/]+\.js$/.test(url));
    expect(pageChunk).toBeDefined();
    expect(tabChunk).toBeDefined();
    const pageSource = await (await context.request.get(pageChunk!)).text();
    expect(pageSource).not.toContain('unclassified-grid');
    expect(await (await context.request.get(tabChunk!)).text()).toContain('unclassified-grid');
  } finally {
    await context.close();
  }
});

test('at 360 px wide each issue reads as a line of text, not a letter per line', async () => {
  const context = await signedInContext(started(), 'productLead');
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${started().host.url}/#/project/INV`);
    const triage = surface(page, 'Upstream triage');
    await triage.getByTestId('triage-tab-unclassified').click();
    const row = triage.getByTestId('unclassified-row').first();
    await row.waitFor();
    const frameWidth = await page.locator('iframe[title="Upstream triage"]').evaluate((f) => f.getBoundingClientRect().width);
    expect(frameWidth).toBeLessThan(360);
    const summary = await row.locator('.tr-summary').boundingBox();
    // Most of the frame's width goes to the issue's words, and nothing spills out sideways.
    expect(summary!.width).toBeGreaterThan(frameWidth * 0.6);
    const overflow = await page
      .frames()
      .find((f) => f.url().includes('module=triage-queue'))!
      .evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The suggestion and the actions sit under the issue, still usable.
    const accept = row.getByRole('button', { name: /^Accept / });
    if (await accept.count()) expect((await accept.boundingBox())!.y).toBeGreaterThan(summary!.y);
    await row.locator('.tr-summary').click();
    await page.keyboard.press('j');
    expect(await triage.locator('tr.tr-focused').getAttribute('data-key')).toBe(await triage.getByTestId('unclassified-row').nth(1).getAttribute('data-key'));
  } finally {
    await context.close();
  }
});
