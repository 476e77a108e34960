/**
 * The issue panel for work type and origin, through the real bridge and resolvers: accept a suggestion and see
 * the Work type field and the triage queue follow; a refusal for someone who can't see the issue; the origin
 * trail; linking, unlinking and "no origin"; the read-only view.
 */
import type { Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { openPage, resolverData, signedInContext, storedWorkType, surface, useWorld } from './harness';

type Unclassified = { issues: Array<{ key: string; suggestion: { workType: string; reasons: string[] } | null }> };
type PanelData = {
  origin: { kind: string; signals: Array<{ customer: string; arr: number | null }> };
  readiness: Array<{ key: string; state: string }>;
};

const started = useWorld((world) => seedAppData(world.sandbox, new Date()));

const money = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n);
const keyOfSummary = (summary: string): string => {
  const issue = started().sandbox.jira.site.issues.find((i) => i.summary === summary);
  if (!issue) throw new Error(`No seeded issue "${summary}"`);
  return issue.key;
};

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
    await surface(page, 'Work type').getByText('Not triaged', { exact: true }).waitFor();

    await panel.getByRole('button', { name: `Confirm ${suggested}` }).click();
    await panel.getByText(/Set by Priya Raman, .*accepted Upstream's suggestion/).waitFor();
    expect(await panel.getByTestId('panel-work-type-value').innerText()).toMatch(new RegExp(suggested, 'i'));
    expect(await panel.getByTestId('readiness-classified').getAttribute('data-state')).toBe('done');
    // The field frame hears the panel's event and shows the new value without a reload.
    await surface(page, 'Work type').getByText(suggested, { exact: true }).waitFor();
    expect(await storedWorkType(started(), target.key)).toBe(suggested);

    await page.goto(`${started().host.url}/#/project/PAY`);
    const triage = surface(page, 'Upstream triage');
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
    // An untriaged issue starts on "Clear"; the arrow keys choose (wrapping round), Enter saves.
    const clear = edit.getByRole('radio', { name: /Clear/ });
    expect(await clear.isChecked()).toBe(true);
    await clear.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await edit.getByRole('radio', { name: /Enabling/ }).isChecked()).toBe(true);
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

test("the origin trail shows a seeded signal's customer and ARR, and the discovery note's engineering input", async () => {
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
    expect(await panel.getByTestId('readiness-walkthrough').innerText()).toMatch(/Coming with/);
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

    await panel.getByTestId('panel-mark-no-origin').click();
    await panel.getByTestId('panel-origin-none').waitFor();
    stored = await resolverData<PanelData>(started(), 'engineer', 'context-panel', 'panel.context', { issueKey: key });
    expect(stored.origin.kind).toBe('none');
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
