/**
 * The issue panel for work type and origin, through the real bridge and resolvers: accept a suggestion and see
 * the Work type field and the triage queue follow, with one resolver call and no reload of the panel; a refusal
 * for someone who can't see the issue; the origin trail with its details in place; linking, unlinking with undo
 * and "no origin"; a frame that shrinks back after the search; the read-only view.
 */
import type { Frame, Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { WORK_TYPE_FIELD_ID } from '../sandbox/seed';
import { openPage, resolverData, signedInContext, storedWorkType, surface, useWorld } from './harness';

type Unclassified = { issues: Array<{ key: string; suggestion: { workType: string; reasons: string[] } | null }> };
type PanelData = {
  origin: { kind: string; signals: Array<{ customer: string; arr: number | null; quote: string; state: string }> };
  readiness: Array<{ key: string; state: string; detail: string }>;
};

const started = useWorld((world) => seedAppData(world.sandbox, new Date()));

const money = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n);
const keyOfSummary = (summary: string): string => {
  const issue = started().sandbox.jira.site.issues.find((i) => i.summary === summary);
  if (!issue) throw new Error(`No seeded issue "${summary}"`);
  return issue.key;
};

/** The resolver keys one frame invokes from now on, in order (the bridge host's POST /__sandbox/invoke). */
function invocationsFrom(page: Page, moduleKey: string): { keys: string[] } {
  const seen = { keys: [] as string[] };
  page.on('request', (request) => {
    if (!request.url().endsWith('/__sandbox/invoke')) return;
    const body = request.postDataJSON() as { frame?: { moduleKey?: string }; functionKey?: string };
    if (body.frame?.moduleKey === moduleKey && body.functionKey) seen.keys.push(body.functionKey);
  });
  return seen;
}

/** Presses ↓ in the field's edit until the option the select's input points at is `name`. */
async function moveToOption(page: Page, name: string): Promise<void> {
  const frame = page.frames().find((f) => f.url().includes('entryPoint=edit'));
  if (!frame) throw new Error('No edit frame');
  // The select takes the focus on load; keys pressed before that would go to the page.
  await frame.waitForFunction(() => document.hasFocus() && document.activeElement?.id === 'work-type-select');
  const active = () =>
    frame.evaluate(() => {
      const id = document.activeElement?.getAttribute('aria-activedescendant');
      return id ? (document.getElementById(id)?.textContent ?? null) : null;
    });
  for (let i = 0; i < 8 && (await active()) !== name; i++) await page.keyboard.press('ArrowDown');
  expect(await active()).toBe(name);
}

const panelFrame = (page: Page): Frame => {
  const frame = page.frames().find((f) => f.url().includes('module=context-panel'));
  if (!frame) throw new Error('No panel frame');
  return frame;
};
const panelHeight = (page: Page) =>
  page.locator('iframe[title="Upstream context"]').evaluate((frame) => Math.round(frame.getBoundingClientRect().height));

async function asPersona<T>(persona: 'engineer' | 'restricted' | 'sales', route: string, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await signedInContext(started(), persona);
  try {
    return await work(await openPage(started(), context, route));
  } finally {
    await context.close();
  }
}

test('an engineer accepts the suggestion on an unclassified issue; the field shows it and the triage queue drops it', async () => {
  const queue = await resolverData<Unclassified>(started(), 'engineer', 'triage-queue', 'triage.unclassified', { projectKey: 'PAY', pageSize: 20 });
  const target = queue.issues.find((issue) => issue.suggestion !== null);
  if (!target?.suggestion) throw new Error('The seed has no unclassified PAY issue with a suggestion');
  const suggested = target.suggestion.workType;

  await asPersona('engineer', `#/issue/${target.key}`, async (page) => {
    const panel = surface(page, 'Upstream context');
    const suggestion = panel.getByTestId('panel-suggestion');
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toContain(suggested);
    expect(await suggestion.innerText()).toContain(target.suggestion!.reasons[0]);
    expect(await panel.getByTestId('panel-suggestion-confidence').innerText()).toMatch(/confidence/);
    await surface(page, 'Work type').getByText('None', { exact: true }).waitFor();

    await panel.getByRole('button', { name: `Confirm ${suggested}` }).click();
    await panel.getByText(/Set by Priya Raman, .*accepted Upstream's suggestion/).waitFor();
    expect(await panel.getByTestId('panel-work-type-value').innerText()).toMatch(new RegExp(suggested, 'i'));
    expect(await panel.getByTestId('readiness-classified').getAttribute('data-state')).toBe('done');
    // The field frame hears the panel's event and shows the new value without a reload.
    await surface(page, 'Work type').getByText(suggested, { exact: true }).waitFor();
    expect(await storedWorkType(started(), target.key)).toBe(suggested);

    await page.goto(`${started().host.url}/#/project/PAY`);
    const triage = surface(page, 'Upstream triage');
    await triage.getByTestId('triage-tab-unclassified').click();
    await triage.getByTestId('unclassified-row').first().waitFor();
    expect(await triage.locator(`tr[data-key="${target.key}"]`).count()).toBe(0);
  });
});

test('editing the Work type field by keyboard updates the panel beside it', async () => {
  const queue = await resolverData<Unclassified>(started(), 'engineer', 'triage-queue', 'triage.unclassified', { projectKey: 'INV', pageSize: 5 });
  const key = queue.issues[0]!.key;
  await asPersona('engineer', `#/issue/${key}`, async (page) => {
    const panel = surface(page, 'Upstream context');
    await panel.getByTestId('panel-work-type').waitFor();
    await page.getByRole('button', { name: 'Edit Work type' }).click();
    const edit = surface(page, 'Work type (edit)');
    await edit.getByTestId('work-type-edit').waitFor();
    // The select has the focus and its menu open; the arrow keys move through the options, Enter saves.
    await edit.getByRole('option', { name: 'None (not triaged)' }).waitFor();
    await moveToOption(page, 'Enabling');
    await page.keyboard.press('Enter');
    await surface(page, 'Work type').getByText('Enabling', { exact: true }).waitFor();
    expect(await storedWorkType(started(), key)).toBe('Enabling');
    await panel.getByTestId('panel-work-type-value').getByText('Enabling').waitFor();
  });
});

test('the restricted contractor gets a refusal in the panel for an OPS issue, not its data', async () => {
  await asPersona('restricted', '#/issue/OPS-3', async (page) => {
    const panel = surface(page, 'Upstream context');
    await panel.getByTestId('panel-refused').waitFor();
    expect(await panel.getByText("You can't see this issue in Upstream").count()).toBe(1);
    expect(await panel.getByTestId('panel-work-type').count()).toBe(0);
    expect(await panel.getByTestId('panel-origin').count()).toBe(0);
  });
});

test("the origin trail shows a seeded signal's customer and ARR, its details in place, and the discovery note's engineering input", async () => {
  const key = keyOfSummary('Export invoices as FatturaPA');
  const data = await resolverData<PanelData>(started(), 'engineer', 'context-panel', 'panel.context', { issueKey: key });
  const signal = data.origin.signals[0]!;
  await asPersona('engineer', `#/issue/${key}`, async (page) => {
    const panel = surface(page, 'Upstream context');
    const row = panel.getByTestId('panel-origin-signal').first();
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(signal.customer);
    expect(text).toContain(`${money(signal.arr ?? 0)} ARR`);
    const note = panel.getByTestId('panel-origin-note');
    expect(await note.innerText()).toContain('E-invoicing formats for EU customers');
    expect(await note.innerText()).toContain('Yuki Tanaka');
    expect(await panel.getByTestId('readiness-origin').getAttribute('data-state')).toBe('done');
    // The seed gives this issue a walkthrough: the panel says what the resolver says of it, state and detail.
    const walkthrough = data.readiness.find((item) => item.key === 'walkthrough')!;
    const shown = panel.getByTestId('readiness-walkthrough');
    expect(await shown.getAttribute('data-state')).toBe(walkthrough.state);
    expect(await shown.innerText()).toContain(walkthrough.detail);

    // Signals have no page of their own yet: no link to the triage list (a dead end), the details open in place.
    expect(await panel.getByText('Open in triage').count()).toBe(0);
    const route = page.url();
    const toggle = row.getByRole('button', { name: `Show details of ${signal.customer}'s signal` });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.press('Enter');
    const details = row.getByTestId('panel-origin-signal-details');
    await details.waitFor();
    expect(await details.innerText()).toContain(signal.quote);
    expect(await details.innerText()).toContain(signal.state);
    expect(await row.getByRole('button', { name: `Hide details of ${signal.customer}'s signal` }).getAttribute('aria-expanded')).toBe('true');
    expect(page.url()).toBe(route);
    await row.getByRole('button', { name: /Hide details/ }).click();
    await details.waitFor({ state: 'detached' });
  });
});

test('an engineer links a signal found by search, unlinks it, then marks the issue as having no origin', async () => {
  const queue = await resolverData<Unclassified>(started(), 'engineer', 'triage-queue', 'triage.unclassified', { projectKey: 'PAY', pageSize: 40 });
  const candidates = await Promise.all(
    queue.issues.slice(5).map(async (issue) => ({
      key: issue.key,
      data: await resolverData<PanelData>(started(), 'engineer', 'context-panel', 'panel.context', { issueKey: issue.key }),
    })),
  );
  const key = candidates.find((c) => c.data.origin.kind === 'unknown')?.key;
  if (!key) throw new Error('No PAY issue without an origin');

  await asPersona('engineer', `#/issue/${key}`, async (page) => {
    const panel = surface(page, 'Upstream context');
    await panel.getByTestId('panel-link-origin').click();
    await panel.getByTestId('panel-origin-search').fill('Xero');
    await panel.getByRole('button', { name: "Link Harbor & Pine Logistics's signal" }).click();
    await panel.getByTestId('panel-origin-signal').getByText('Harbor & Pine Logistics').waitFor();
    await panel.getByTestId('panel-origin-linker-done').click();
    let stored = await resolverData<PanelData>(started(), 'engineer', 'context-panel', 'panel.context', { issueKey: key });
    expect(stored.origin.kind).toBe('linked');
    expect(stored.origin.signals.map((s) => s.customer)).toEqual(['Harbor & Pine Logistics']);
    await panel.locator('[data-testid="readiness-origin"][data-state="done"]').waitFor();

    await panel.getByRole('button', { name: "Unlink Harbor & Pine Logistics's signal" }).click();
    await panel.getByText('Nobody has recorded where this came from yet.', { exact: false }).waitFor();
    expect(await panel.getByTestId('panel-origin-signal').count()).toBe(0);
    expect((await resolverData<PanelData>(started(), 'engineer', 'context-panel', 'panel.context', { issueKey: key })).origin.kind).toBe('unknown');

    // The unlink can be undone from the keyboard: Undo has the focus, Enter links the signal again.
    await panel.getByTestId('panel-origin-undo').getByText("Unlinked Harbor & Pine Logistics's signal.").waitFor();
    await panel.getByTestId('panel-origin-undo-button').waitFor();
    expect(await panelFrame(page).evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('panel-origin-undo-button');
    await page.keyboard.press('Enter');
    await panel.getByTestId('panel-origin-signal').getByText('Harbor & Pine Logistics').waitFor();
    await panel.getByTestId('panel-origin-undo').waitFor({ state: 'detached' });
    stored = await resolverData<PanelData>(started(), 'engineer', 'context-panel', 'panel.context', { issueKey: key });
    expect(stored.origin.kind).toBe('linked');
    expect(stored.origin.signals.map((s) => s.customer)).toEqual(['Harbor & Pine Logistics']);

    // Unlinked again and left so: the offer to undo goes when dismissed.
    await panel.getByRole('button', { name: "Unlink Harbor & Pine Logistics's signal" }).click();
    await panel.getByTestId('panel-origin-undo').waitFor();
    await panel.getByRole('button', { name: /^Dismiss/ }).click();
    await panel.getByTestId('panel-origin-undo').waitFor({ state: 'detached' });

    await panel.getByTestId('panel-mark-no-origin').click();
    await panel.getByTestId('panel-origin-none').waitFor();
    stored = await resolverData<PanelData>(started(), 'engineer', 'context-panel', 'panel.context', { issueKey: key });
    expect(stored.origin.kind).toBe('none');
  });
});

test('the panel frame grows with the origin search and shrinks back when it closes', async () => {
  const key = keyOfSummary('Export invoices as FatturaPA');
  await asPersona('engineer', `#/issue/${key}`, async (page) => {
    const panel = surface(page, 'Upstream context');
    await panel.getByText('Signed in as').waitFor();
    const settled = async () => {
      // The host resizes the frame on the next animation frame after the content changes.
      let last = -1;
      for (let i = 0; i < 20; i++) {
        await page.waitForTimeout(100);
        const height = await panelHeight(page);
        if (height === last) return height;
        last = height;
      }
      return last;
    };
    const closed = await settled();

    await panel.getByTestId('panel-link-origin').click();
    await panel.getByTestId('panel-candidate-signal').first().waitFor();
    const open = await settled();
    // A few results, not all of them: the frame grows by the search box and those, not thousands of pixels.
    expect(await panel.locator('[data-testid="panel-candidate-signal"], [data-testid="panel-candidate-note"]').count()).toBe(6);
    expect(open).toBeGreaterThan(closed);
    expect(open - closed).toBeLessThan(900);

    await panel.getByTestId('panel-origin-show-all').click();
    const all = await settled();
    expect(all).toBeGreaterThan(open);

    await panel.getByTestId('panel-origin-linker-done').click();
    await panel.getByTestId('panel-origin-linker').waitFor({ state: 'detached' });
    // Back to the height it had: the frame follows its content down as well as up.
    expect(Math.abs((await settled()) - closed)).toBeLessThanOrEqual(4);
  });
});

test('a sales rep (read-only) sees the suggestion and origin but no edit controls, and a line saying why', async () => {
  const key = keyOfSummary('Export invoices as FatturaPA');
  await asPersona('sales', `#/issue/${key}`, async (page) => {
    const panel = surface(page, 'Upstream context');
    await panel.getByTestId('panel-read-only').waitFor();
    await panel.getByTestId('panel-origin-signal').first().waitFor();
    expect(await panel.getByRole('button', { name: /Confirm|Use |Change|Set work type|Unlink|Link a signal|no origin/ }).count()).toBe(0);
  });
});
