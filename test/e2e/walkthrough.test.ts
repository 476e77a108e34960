/**
 * Design walkthroughs in the browser, as issue 11's "Done when" has it: the designer adds version 1 from the
 * issue panel (the full view opens as a Forge modal over the issue), an engineer acknowledges it in the panel,
 * the designer adds version 2 deferring an error state with a reason, and the engineer opening the walkthrough
 * sees exactly that change highlighted as new since their acknowledgement; once they acknowledge version 2 the
 * panel's readiness is complete and JQL `upstreamReady = "true"` finds the issue. Then: two designers saving
 * at once (the second keeps every word typed and builds on the first's version), the resolver's field errors on
 * the form, and the full view by keyboard alone (open, walk the changes, close with Escape).
 */
import type { FrameLocator, Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { SEED_USERS } from '../sandbox/seed';
import { eventually, openPage, resolverData, signedInContext, surface, useWorld, type E2eWorld } from './harness';

const started = useWorld(async (world: E2eWorld) => {
  await seedAppData(world.sandbox, new Date());
  // The engineer persona is the assignee, so a version after their acknowledgement badges their panel.
  const issue = world.sandbox.jira.site.issues.find((i) => i.summary === FLOW_ISSUE)!;
  issue.assigneeAccountId = SEED_USERS.engineer;
});

/** Linked to a discovery note with engineering input, and with no seeded walkthrough. */
const FLOW_ISSUE = 'Instant payouts to debit cards for marketplace sellers';
const FIGMA = 'https://www.figma.com/design/InStAnTpAy2026/Instant-payouts?node-id=12-34';
const issueKey = (summary: string): string => started().sandbox.jira.site.issues.find((i) => i.summary === summary)!.key;

const modalOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Design walkthrough"]');
const panelOf = (page: Page): FrameLocator => surface(page, 'Upstream context');

async function openIssue(persona: 'designer' | 'engineer', key: string) {
  const context = await signedInContext(started(), persona);
  const page = await openPage(started(), context, `#/issue/${key}`);
  await panelOf(page).getByTestId('panel-walkthrough').waitFor();
  return { page, close: () => context.close() };
}

/** Closes the modal with its Close button and waits for the host to take it away. */
async function closeModal(page: Page): Promise<void> {
  await modalOf(page).getByTestId('wt-close').click();
  await page.getByTestId('forge-modal').waitFor({ state: 'detached' });
}

describe('from version 1 to ready', () => {
  let key: string;
  beforeAll(() => {
    key = issueKey(FLOW_ISSUE);
  });

  test('the designer adds version 1 from the panel’s empty state', async () => {
    const { page, close } = await openIssue('designer', key);
    try {
      const panel = panelOf(page);
      await panel.getByTestId('wt-panel-empty').getByText('No walkthrough yet.').waitFor();
      await panel.getByTestId('wt-panel-add-first').click();
      const modal = modalOf(page);
      const form = modal.getByTestId('wt-form');
      await form.getByRole('heading', { name: 'Add version 1' }).waitFor();
      // Version 1 has no "what changed" section: there is nothing before it.
      expect(await form.getByTestId('wt-form-section-change').count()).toBe(0);
      await form.getByTestId('wt-form-design-url').getByRole('textbox').fill(FIGMA);
      await form.getByTestId('wt-form-summary').getByRole('textbox').fill('Sellers take their balance to a debit card within minutes.');
      const newItem = form.locator('[data-testid="wt-draft-item"][data-kind="new"]');
      await newItem.getByTestId('wt-draft-title').getByRole('textbox').fill('Instant payout button beside the balance');
      const errorState = form.locator('[data-testid="wt-draft-item"][data-kind="error-state"]');
      await errorState.getByTestId('wt-draft-title').getByRole('textbox').fill('Debit card declined');
      await errorState.getByTestId('wt-draft-what-happens').getByRole('textbox').fill('The payout falls back to the next business day, with a banner.');
      await form.getByTestId('wt-form-save').click();

      await modal.getByRole('heading', { name: 'Version 1 (latest)' }).waitFor();
      expect(await modal.getByTestId('wt-item').count()).toBe(2);
      await closeModal(page);
      // The modal said something was saved, so the panel read its context again.
      await panelOf(page).getByTestId('wt-panel-latest').getByText('Version 1').waitFor();
      expect(await panelOf(page).getByTestId('wt-panel-latest').innerText()).toContain('Tomás Ortega');
      expect(await panelOf(page).getByTestId('wt-panel-design-link').innerText()).toContain('Figma design');
    } finally {
      await close();
    }
  });

  test('the engineer acknowledges version 1 in the panel, and readiness counts it', async () => {
    const { page, close } = await openIssue('engineer', key);
    try {
      const panel = panelOf(page);
      await panel.getByTestId('readiness-walkthrough').and(panel.locator('[data-state="todo"]')).waitFor();
      await panel.getByTestId('wt-panel-acknowledge').click();
      await panel.getByTestId('wt-panel-you-acked').waitFor();
      await panel.locator('[data-testid="readiness-walkthrough"][data-state="done"]').waitFor();
      expect(await panel.getByTestId('wt-panel-acks').innerText()).toContain('Priya Raman');
    } finally {
      await close();
    }
  });

  test('the designer adds version 2, deferring the error state with a reason', async () => {
    const { page, close } = await openIssue('designer', key);
    try {
      await panelOf(page).getByTestId('wt-panel-open').click();
      const modal = modalOf(page);
      await modal.getByTestId('wt-add-version').click();
      const form = modal.getByTestId('wt-form');
      await form.getByRole('heading', { name: 'Add version 2' }).waitFor();
      // Prefilled from version 1, so an edit makes version 2.
      expect(await form.getByTestId('wt-form-design-url').getByRole('textbox').inputValue()).toBe(FIGMA);
      const errorState = form.locator('[data-testid="wt-draft-item"][data-kind="error-state"]');
      expect(await errorState.getByTestId('wt-draft-title').getByRole('textbox').inputValue()).toBe('Debit card declined');
      await errorState.getByLabel('Deferred, with a reason').check();
      await errorState.getByTestId('wt-draft-reason').getByRole('textbox').fill('The acquirer’s decline codes arrive with PAY-API v3.');
      await form.getByTestId('wt-form-save').click();
      await modal.getByRole('heading', { name: 'Version 2 (latest)' }).waitFor();
      await closeModal(page);
    } finally {
      await close();
    }
  });

  test('the engineer sees exactly that change highlighted as new since their acknowledgement', async () => {
    const { page, close } = await openIssue('engineer', key);
    try {
      const panel = panelOf(page);
      const badge = panel.getByTestId('wt-panel-badge');
      await badge.waitFor();
      expect(await badge.innerText()).toMatch(/1 new version/i);
      expect(await badge.getAttribute('data-nudge')).toBe('assignee');
      await panel.getByTestId('readiness-walkthrough').and(panel.locator('[data-state="todo"]')).waitFor();

      await panel.getByTestId('wt-panel-open').click();
      const modal = modalOf(page);
      const banner = modal.getByTestId('wt-changes-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('Since you acknowledged version 1: 1 item changed.');
      const highlighted = modal.locator('[data-testid="wt-item"]:not([data-highlight="none"])');
      expect(await highlighted.count()).toBe(1);
      const changed = highlighted.first();
      expect(await changed.getAttribute('data-highlight')).toBe('edited');
      expect(await changed.getByRole('heading').innerText()).toContain('Debit card declined');
      // Said in words for screen readers, not by colour alone.
      expect(await changed.getByRole('heading').textContent()).toContain('Changed since version 1, which you acknowledged');
      const fields = await changed.getByTestId('wt-field-changes').innerText();
      // The arrow is for the eye; screen readers hear "became".
      expect(fields).toMatch(/State: Designed\s*→\s*became\s*Deferred/);
      expect(fields).toContain('PAY-API v3');
      expect(await modal.getByTestId('wt-summary').getAttribute('data-highlight')).toBe('none');
      expect(await modal.locator('[data-testid="wt-item"][data-highlight="none"]').count()).toBe(1);

      // Acknowledging version 2 clears the highlight; the panel's readiness follows when the modal closes.
      await modal.getByTestId('wt-acknowledge').click();
      await modal.locator('[data-testid="wt-changes-banner"][data-state="current"]').waitFor();
      expect(await modal.locator('[data-testid="wt-item"]:not([data-highlight="none"])').count()).toBe(0);
      await closeModal(page);
      await panel.locator('[data-testid="readiness-walkthrough"][data-state="done"]').waitFor();
      await panel.locator('[data-testid="readiness-error-states"][data-state="done"]').waitFor();
      expect(await panel.getByTestId('wt-panel-badge').count()).toBe(0);
    } finally {
      await close();
    }
  });

  test('with the work type set, the panel says ready and JQL finds the issue', async () => {
    await resolverData(started(), 'engineer', 'context-panel', 'workType.set', { issueKey: key, workType: 'Innovative' });
    const { page, close } = await openIssue('engineer', key);
    try {
      const panel = panelOf(page);
      for (const item of ['classified', 'origin', 'discovery', 'walkthrough', 'error-states']) {
        await panel.locator(`[data-testid="readiness-${item}"][data-state="done"]`).waitFor();
      }
      await page.goto(`${started().host.url}/#/search?jql=${encodeURIComponent('upstreamReady = "true" ORDER BY key ASC')}`);
      await page.locator('#search-results [role="status"]').waitFor();
      const keys = await page.locator('#search-results tbody tr td:first-child').allTextContents();
      expect(keys).toContain(key);
    } finally {
      await close();
    }
  });
});

test('two designers save at once: the second keeps every word typed and builds on the first’s version', async () => {
  const key = issueKey('Add bulk actions to the invoice list');
  const first = await openIssue('designer', key);
  const second = await openIssue('designer', key);
  try {
    const formOf = async (page: Page) => {
      await panelOf(page).getByTestId('wt-panel-open').click();
      await modalOf(page).getByTestId('wt-add-version').click();
      const form = modalOf(page).getByTestId('wt-form');
      await form.getByRole('heading', { name: 'Add version 3' }).waitFor();
      return form;
    };
    const a = await formOf(first.page);
    const b = await formOf(second.page);

    // A link that is not one: the resolver's error lands on the field, nothing is saved.
    await b.getByTestId('wt-form-design-url').getByRole('textbox').fill('the figma file');
    await b.getByTestId('wt-form-save').click();
    const urlField = b.locator('[data-testid="wt-form-design-url"][data-invalid="true"]');
    await urlField.waitFor();
    expect(await urlField.getByTestId('wt-field-error').innerText()).toContain('https');
    await b.getByTestId('wt-form-design-url').getByRole('textbox').fill('https://www.figma.com/design/BuLkAcTi0ns001/Bulk-actions?node-id=7-7');

    // The first designer saves version 3 while the second is still typing.
    await a.getByTestId('wt-form-summary').getByRole('textbox').fill('Bulk actions: keyboard shortcuts.');
    await a.getByTestId('wt-form-save').click();
    await modalOf(first.page).getByRole('heading', { name: 'Version 3 (latest)' }).waitFor();

    const summary = 'Bulk export keeps the list’s filters.';
    await b.getByTestId('wt-form-summary').getByRole('textbox').fill(summary);
    await b.getByTestId('wt-form-add-change').click();
    const changeItem = b.locator('[data-testid="wt-draft-item"][data-kind="change"]').last();
    await changeItem.getByTestId('wt-draft-title').getByRole('textbox').fill('Export uses the filters on screen');
    await changeItem.getByTestId('wt-draft-why').getByRole('textbox').fill('Finance exported everything and filtered in Excel.');
    await b.getByTestId('wt-form-save').click();

    const conflict = b.getByTestId('wt-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Nothing was saved');
    // Everything typed is still there.
    expect(await b.getByTestId('wt-form-summary').getByRole('textbox').inputValue()).toBe(summary);
    expect(await changeItem.getByTestId('wt-draft-why').getByRole('textbox').inputValue()).toBe('Finance exported everything and filtered in Excel.');
    await conflict.getByTestId('wt-conflict-rebase').click();
    await b.getByRole('heading', { name: 'Add version 4' }).waitFor();
    await b.getByTestId('wt-form-save').click();
    await modalOf(second.page).getByRole('heading', { name: 'Version 4 (latest)' }).waitFor();

    const view = await resolverData<{ versions: Array<{ version: number; summary: string }> }>(started(), 'designer', 'context-panel', 'walkthrough.view', { issueKey: key });
    expect(view.versions.slice(0, 2).map((v) => [v.version, v.summary])).toEqual([
      [4, summary],
      [3, 'Bulk actions: keyboard shortcuts.'],
    ]);
  } finally {
    await first.close();
    await second.close();
  }
});

test('the full view by keyboard: open from the panel, walk the changes, close with Escape', async () => {
  // Seeded: the engineer acknowledged version 1 of PAY-9's walkthrough, and version 2 came after.
  const key = issueKey('Let merchants choose the payout day of the week');
  const { page, close } = await openIssue('engineer', key);
  try {
    const panel = panelOf(page);
    await panel.getByTestId('wt-panel-badge').waitFor();
    await panel.getByTestId('wt-panel-open').focus();
    await page.keyboard.press('Enter');
    const modal = modalOf(page);
    await modal.getByTestId('wt-changes-banner').waitFor();
    // The host puts focus in the modal's frame; Tab reaches the controls in reading order.
    await modal.getByTestId('wt-next-change').focus();
    await page.keyboard.press('Enter');
    const focused = () => modal.locator(':focus').evaluate((el) => ({ highlight: el.getAttribute('data-highlight'), id: el.getAttribute('data-item-id') }));
    const firstChange = await eventually(focused, (f) => f.highlight !== null);
    expect(['added', 'edited']).toContain(firstChange.highlight);
    await modal.getByTestId('wt-next-change').focus();
    await page.keyboard.press('Enter');
    const secondChange = await eventually(focused, (f) => f.id !== firstChange.id);
    expect(secondChange.id).not.toBe(firstChange.id);

    // A question by keyboard: the box opens with focus, Escape cancels it and leaves the modal open.
    await modal.getByTestId('wt-ask-open').first().focus();
    await page.keyboard.press('Enter');
    await modal.getByTestId('wt-ask-box').waitFor();
    await page.keyboard.press('Escape');
    await modal.getByTestId('wt-ask-box').waitFor({ state: 'detached' });
    expect(await page.getByTestId('forge-modal').count()).toBe(1);

    await page.keyboard.press('Escape');
    await page.getByTestId('forge-modal').waitFor({ state: 'detached' });
    await panel.getByTestId('wt-panel-open').waitFor();
  } finally {
    await close();
  }
});
