/**
 * The browser paths that change something or are refused: a restricted contractor on an OPS issue, a non-admin
 * on the admin page, configuring the gadget, editing the Work type field, rotating the intake secret, and the
 * theme toggle.
 */
import { BOARD_IDS } from '../sandbox/seed';
import { eventually, openPage, signedInContext, storedWorkType, surface, useWorld } from './harness';

const started = useWorld();

test('the restricted contractor opening an OPS issue sees a refusal, not the issue', async () => {
  const context = await signedInContext(started(), 'restricted');
  try {
    const page = await openPage(started(), context, '#/issue/OPS-3');
    await page.getByText("You can't view this issue.").waitFor();
    const panel = surface(page, 'Upstream context');
    await panel.getByText(/do not have permission|don't have access|ask a Jira admin/i).first().waitFor();
    expect(await panel.getByText('OPS-3:').count()).toBe(0);
    expect(await panel.getByText('Signed in as').count()).toBe(0);
  } finally {
    await context.close();
  }
});

test('an engineer on the admin page sees the forbidden message and no secret controls', async () => {
  const context = await signedInContext(started(), 'engineer');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByText('Only Jira admins can see or change Upstream settings. Ask a Jira admin to do this for you.').waitFor();
    expect(await settings.getByRole('button', { name: /intake secret/ }).count()).toBe(0);
  } finally {
    await context.close();
  }
});

test('a Jira admin rotates the intake secret and sees it once, with a copy button', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByRole('button', { name: /intake secret/ }).click();
    await settings.getByText('Copy it now: Upstream shows it only once.', { exact: false }).waitFor();
    const secret = await settings.getByLabel('New intake secret').inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await settings.getByRole('button', { name: 'Copy' }).waitFor();
    await settings.getByText(/A secret is configured, last rotated/).waitFor();

    // Shown once: a fresh load of the page shows that a secret exists, never the secret itself.
    await page.reload();
    const reloaded = surface(page, 'Upstream settings');
    await reloaded.getByText(/A secret is configured/).waitFor();
    expect(await reloaded.getByText(secret).count()).toBe(0);
  } finally {
    await context.close();
  }
});

test('configuring the gadget: pick a board in the edit view, save, and the view shows that board', async () => {
  const context = await signedInContext(started(), 'productLead');
  try {
    const page = await openPage(started(), context, '#/dashboard');
    await surface(page, 'Sprint shape').getByText('Configure this gadget: choose a board').waitFor();
    await page.getByRole('button', { name: 'Configure Sprint shape' }).click();

    const edit = surface(page, 'Sprint shape (configure)');
    const search = edit.locator('#board-select');
    await search.waitFor();
    await search.fill('Invoicing');
    await edit.getByText('Invoicing board (scrum, INV)').waitFor();
    await search.press('Enter');
    await edit.getByRole('button', { name: 'Save' }).click();

    const gadget = surface(page, 'Sprint shape');
    await gadget.getByRole('heading', { name: 'Invoicing board' }).waitFor();
    await gadget.getByText('Project INV').waitFor();
    expect(started().host.gadgets.get('10100')?.configuration).toMatchObject({ boardId: BOARD_IDS.INV });
  } finally {
    await context.close();
  }
});

async function untriagedIssueKey(projectKey: string): Promise<string> {
  for (let number = 1; number <= 200; number++) {
    const key = `${projectKey}-${number}`;
    if ((await storedWorkType(started(), key)) === null) return key;
  }
  throw new Error(`No untriaged issue among the first 200 of ${projectKey}`);
}

test('editing the Work type field: choose Corrective, the field shows it and Jira stores it', async () => {
  const issueKey = await untriagedIssueKey('PAY');
  const context = await signedInContext(started(), 'engineer');
  try {
    const page = await openPage(started(), context, `#/issue/${issueKey}`);
    await surface(page, 'Work type').getByText('None', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Edit Work type' }).click();

    const edit = surface(page, 'Work type (edit)');
    // The edit opens with its menu showing; choosing an option saves, as Jira's own selects do.
    await edit.getByRole('option', { name: 'Corrective' }).click();

    await surface(page, 'Work type').getByText('Corrective', { exact: true }).waitFor();
    expect(await storedWorkType(started(), issueKey)).toBe('Corrective');
  } finally {
    await context.close();
  }
});

test('the theme toggle puts the dark theme on the page and inside the frames', async () => {
  const context = await signedInContext(started(), 'designer');
  try {
    const page = await openPage(started(), context, '#/issue/PAY-3');
    const panel = surface(page, 'Upstream context');
    await panel.getByText('Signed in as').waitFor();
    const panelBackground = () =>
      panel.locator('main').evaluate((element) => getComputedStyle(element).backgroundColor);
    const lightBackground = await panelBackground();

    await page.getByRole('button', { name: 'Dark theme' }).click();

    expect(await page.locator('html').getAttribute('data-color-mode')).toBe('dark');
    await page.getByRole('button', { name: 'Light theme', pressed: true }).waitFor();
    await panel.locator('html[data-color-mode="dark"]').waitFor();
    expect(await eventually(panelBackground, (background) => background !== lightBackground)).not.toBe(lightBackground);

    // The choice survives a reload, as Jira's theme preference does.
    await page.reload();
    await surface(page, 'Upstream context').locator('html[data-color-mode="dark"]').waitFor();
  } finally {
    await context.close();
  }
});
