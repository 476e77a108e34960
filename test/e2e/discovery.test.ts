/**
 * Discovery notes on PAY's triage page, as a product lead and an engineer work them: the lead cannot mark a note
 * ready until an engineer has added input (the reason shown before anyone clicks); the engineer adds a
 * constraint and a question; the open question still holds it back; the engineer resolves it; the lead marks it
 * ready. A lead's waiver with its reason stays visible, to a sales rep too. A note started from an Inbox cluster
 * in one step opens on its own page with the cluster as evidence, which the lead removes and links again. And
 * the tab from the keyboard: j/k move, Enter opens a note, Esc returns to the list.
 */
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { PersonaRole } from '../sandbox/seed';
import { seedAppData } from '../sandbox/seed/app-data';
import { eventually, openPage, resolverData, signedInContext, startWorld, stopWorld, surface, type E2eWorld } from './harness';

const PROJECT = 'PAY';

type Summary = { id: string; title: string; status: string };
type List = { notes: Summary[]; counts: Array<{ status: string; count: number }> };
type Inbox = { clusters: Array<{ id: string; title: string }> };

let world: E2eWorld | undefined;
const started = (): E2eWorld => {
  if (!world) throw new Error('The e2e world did not start');
  return world;
};
// Not useWorld: seeding the SQL tables takes longer than its minute on a busy two-core machine.
beforeAll(async () => {
  world = await startWorld();
  await seedAppData(world.sandbox, new Date());
}, 180_000);
afterAll(() => stopWorld(world));

const listAs = (persona: PersonaRole, status?: string) =>
  resolverData<List>(started(), persona, 'triage-queue', 'discovery.list', { projectKey: PROJECT, ...(status ? { status } : {}) });

interface Triage {
  context: BrowserContext;
  page: Page;
  triage: FrameLocator;
  close: () => Promise<void>;
}

/** PAY's triage page on its Discovery tab, as `persona`. */
async function openDiscovery(persona: PersonaRole): Promise<Triage> {
  const context = await signedInContext(started(), persona);
  const page = await openPage(started(), context, `#/project/${PROJECT}`);
  const triage = surface(page, 'Upstream triage');
  await triage.getByTestId('triage-tab-discovery').click();
  await triage.getByTestId('discovery-tab').waitFor();
  return { context, page, triage, close: () => context.close() };
}

/** Opens a note from the list by a click on its row; answers once its page shows. */
async function openNote(triage: FrameLocator, noteId: string): Promise<void> {
  await triage.locator(`[data-note-id="${noteId}"]`).click();
  await triage.getByTestId('discovery-note-page').waitFor();
  await triage.getByTestId('discovery-status-panel').waitFor();
}

/** Starts a note through the New note dialog and answers its id, read from the list once it is there. */
async function startNoteInUi(triage: FrameLocator, title: string, problem: string): Promise<string> {
  await triage.getByTestId('discovery-new').click();
  const dialog = triage.getByTestId('discovery-new-dialog');
  await dialog.getByTestId('discovery-new-title').fill(title);
  await dialog.getByTestId('discovery-new-problem').fill(problem);
  await dialog.getByTestId('discovery-new-create').click();
  await triage.getByTestId('discovery-note-title').getByText(title).waitFor();
  const made = (await listAs('productLead')).notes.find((n) => n.title === title);
  if (!made) throw new Error(`The note “${title}” is not in the list`);
  return made.id;
}

const statusOf = (triage: FrameLocator) => triage.getByTestId('discovery-note-status').innerText();

test('a lead cannot mark a note ready until an engineer has added input and no question is open; then they can', async () => {
  const lead = await openDiscovery('productLead');
  let engineer: Triage | undefined;
  try {
    // The dialog refuses an empty problem under its field, and keeps the title typed.
    await lead.triage.getByTestId('discovery-new').click();
    const dialog = lead.triage.getByTestId('discovery-new-dialog');
    await dialog.getByTestId('discovery-new-title').fill('Refunds to the original card');
    await dialog.getByTestId('discovery-new-create').click();
    await dialog.getByText('Write the problem.').waitFor();
    expect(await dialog.getByTestId('discovery-new-title').inputValue()).toBe('Refunds to the original card');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const noteId = await startNoteInUi(lead.triage, 'Refunds to the original card', 'Shoppers wait ten days for a refund by bank transfer and call support twice meanwhile.');
    expect(await statusOf(lead.triage)).toMatch(/exploring/i);
    await lead.triage.getByTestId('discovery-move-shaped').click();
    await eventually(() => statusOf(lead.triage), (s) => /shaped/i.test(s));

    // Before anyone clicks: Mark ready is disabled, and the reason is on the page.
    const markReady = lead.triage.getByTestId('discovery-move-ready');
    expect(await markReady.isDisabled()).toBe(true);
    expect(await lead.triage.getByTestId('discovery-blocked').innerText()).toContain('No one in the engineering role has added input yet');

    // The engineer, on the same note: a constraint and a question.
    engineer = await openDiscovery('engineer');
    await openNote(engineer.triage, noteId);
    expect(await engineer.triage.getByTestId('discovery-read-only').isVisible()).toBe(true);
    const add = async (kind: string, text: string) => {
      await engineer!.triage.getByTestId('discovery-input-kind').selectOption(kind);
      await engineer!.triage.getByTestId('discovery-input-text').fill(text);
      await engineer!.triage.getByTestId('discovery-input-add').click();
      await engineer!.triage.getByTestId('discovery-input').getByText(text).waitFor();
    };
    await add('constraint', 'The acquirer only refunds to the original card within 180 days of the charge.');
    await add('question', 'Do partial refunds go to the card too, or to the balance?');
    const entries = engineer.triage.getByTestId('discovery-input');
    expect(await entries.count()).toBe(2);
    expect(await entries.first().innerText()).toContain('Priya Raman (Engineering)');

    // The lead sees the input, and the open question still holds the note back.
    await lead.page.reload();
    await lead.triage.getByTestId('triage-tab-discovery').click();
    await openNote(lead.triage, noteId);
    const blocked = await lead.triage.getByTestId('discovery-blocked').innerText();
    expect(blocked).toContain('1 engineering question is still open');
    expect(blocked).not.toContain('No one in the engineering role');
    expect(await lead.triage.getByTestId('discovery-move-ready').isDisabled()).toBe(true);

    // The engineer resolves it with what was decided.
    await engineer.triage.getByTestId('discovery-question-resolve').click();
    await engineer.triage.getByTestId('discovery-question-resolution').fill('Partial refunds go to the card as well.');
    await engineer.triage.getByTestId('discovery-question-resolve-save').click();
    await engineer.triage.getByTestId('discovery-question-resolved').getByText('Partial refunds go to the card as well.').waitFor();

    // Now the lead marks it ready.
    await lead.page.reload();
    await lead.triage.getByTestId('triage-tab-discovery').click();
    await openNote(lead.triage, noteId);
    await lead.triage.getByTestId('discovery-ready-ok').waitFor();
    expect(await lead.triage.getByTestId('discovery-move-ready').isDisabled()).toBe(false);
    await lead.triage.getByTestId('discovery-move-ready').click();
    await eventually(() => statusOf(lead.triage), (s) => /ready/i.test(s));
    expect((await listAs('productLead', 'ready')).notes.map((n) => n.id)).toContain(noteId);
  } finally {
    await engineer?.close();
    await lead.close();
  }
}, 120_000);

test('a lead waives the rule with a reason, which stays visible on the note to everyone', async () => {
  const lead = await openDiscovery('productLead');
  let sales: Triage | undefined;
  try {
    const noteId = await startNoteInUi(lead.triage, 'Dunning emails in the customer’s language', 'Customers abroad ignore reminders written in English.');
    await lead.triage.getByTestId('discovery-move-shaped').click();
    await eventually(() => statusOf(lead.triage), (s) => /shaped/i.test(s));
    await lead.triage.getByTestId('discovery-waive').click();
    const dialog = lead.triage.getByTestId('discovery-waiver-dialog');
    // An empty reason is refused in the dialog; nothing moves.
    await dialog.getByTestId('discovery-waiver-confirm').click();
    await dialog.getByTestId('discovery-waiver-refusal').waitFor();
    const reason = 'The templates are already translated for invoices; engineering reviewed this in planning.';
    await dialog.getByTestId('discovery-waiver-reason').fill(reason);
    await dialog.getByTestId('discovery-waiver-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => statusOf(lead.triage), (s) => /ready/i.test(s));
    const waiver = await lead.triage.getByTestId('discovery-waiver').innerText();
    expect(waiver).toContain('Hannah Okafor');
    expect(waiver).toContain(reason);

    sales = await openDiscovery('sales');
    await sales.triage.locator(`[data-note-id="${noteId}"]`).getByText('Ready rule waived', { exact: false }).waitFor();
    await openNote(sales.triage, noteId);
    expect(await sales.triage.getByTestId('discovery-waiver').innerText()).toContain(reason);
  } finally {
    await sales?.close();
    await lead.close();
  }
}, 120_000);

test('a note started from an Inbox cluster in one step opens with the cluster as evidence, which the lead removes and links again', async () => {
  const inbox = await resolverData<Inbox>(started(), 'productLead', 'triage-queue', 'signals.inbox', { projectKey: PROJECT, pageSize: 10 });
  const cluster = inbox.clusters[inbox.clusters.length - 1]!;
  const lead = await openDiscovery('productLead');
  try {
    await lead.triage.getByTestId('triage-tab-inbox').click();
    await lead.triage.locator(`tr[data-focus-key="c:${cluster.id}"]`).click();
    await lead.triage.getByTestId('inbox-detail').waitFor();
    await lead.triage.getByTestId('start-note-from-cluster').click();

    // The Discovery tab opens on the new note's page.
    await lead.triage.getByTestId('discovery-note-page').waitFor();
    expect(await lead.triage.getByTestId('triage-tab-discovery').getAttribute('aria-selected')).toBe('true');
    expect(await lead.triage.getByTestId('discovery-note-title').innerText()).toBe(cluster.title);
    const evidence = lead.triage.getByTestId('discovery-evidence');
    await evidence.locator(`[data-cluster-id="${cluster.id}"]`).waitFor();
    expect(await evidence.getByTestId('discovery-evidence-signal').count()).toBeGreaterThan(0);
    expect(await lead.triage.getByTestId('discovery-evidence-totals').innerText()).toMatch(/^\d+ signals? from \d+ customers?, \$[\d,]+ ARR$/);

    // Removing the cluster takes the signals it brought with it.
    await evidence.locator(`[data-cluster-id="${cluster.id}"]`).getByTestId('discovery-unlink-cluster').click();
    await evidence.locator(`[data-cluster-id="${cluster.id}"]`).waitFor({ state: 'detached' });
    expect(await lead.triage.getByTestId('discovery-evidence-totals').innerText()).toBe('0 signals from 0 customers, $0 ARR');

    // Linked again from the Inbox's clusters.
    await evidence.getByTestId('discovery-link-cluster').click();
    const select = evidence.getByTestId('discovery-link-cluster-select');
    await select.locator(`option[value="${cluster.id}"]`).waitFor({ state: 'attached' });
    await select.selectOption(cluster.id);
    await evidence.getByTestId('discovery-link-cluster-save').click();
    await evidence.locator(`[data-cluster-id="${cluster.id}"]`).waitFor();
    expect(await evidence.getByTestId('discovery-evidence-signal').count()).toBeGreaterThan(0);

    // Back returns to the list, where the new note is listed.
    await lead.triage.getByTestId('discovery-back').click();
    await lead.triage.getByTestId('discovery-list').getByText(cluster.title).first().waitFor();
  } finally {
    await lead.close();
  }
}, 120_000);

test('the Discovery tab from the keyboard: counts per status, j/k move, Enter opens a note, Esc returns', async () => {
  const all = await listAs('engineer');
  const { page, triage, close } = await openDiscovery('engineer');
  try {
    await triage.getByTestId('discovery-row').first().waitFor();
    // The counts per status, as the resolver gives them.
    for (const { status, count } of all.counts) {
      expect(await triage.getByTestId(`discovery-filter-${status}`).innerText()).toMatch(new RegExp(`${count}$`));
    }
    const rows = triage.getByTestId('discovery-row');
    expect(await rows.count()).toBe(all.notes.length);
    // A note held back by its open question says so in the list.
    const eInvoicing = triage.locator('[data-note-id="note-e-invoicing-eu"]');
    expect(await eInvoicing.getByTestId('discovery-row-blocked').innerText()).toContain('1 engineering question is still open');

    await rows.first().focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const second = all.notes[1]!;
    const focused = async () => (await triage.locator('[data-note-id]:focus').getAttribute('data-note-id')) ?? '';
    expect(await focused()).toBe(second.id);
    await page.keyboard.press('Enter');
    await triage.getByTestId('discovery-note-title').getByText(second.title).waitFor();
    await page.keyboard.press('Escape');
    await triage.getByTestId('discovery-list').waitFor();
    expect(await rows.count()).toBe(all.notes.length);

    // A status filter shows only those notes.
    await triage.getByTestId('discovery-filter-shaped').click();
    const shaped = (await listAs('engineer', 'shaped')).notes;
    await eventually(() => rows.count(), (n) => n === shaped.length);
    expect(await triage.getByTestId('discovery-filter-shaped').getAttribute('aria-pressed')).toBe('true');
  } finally {
    await close();
  }
}, 120_000);

test('someone else saving first keeps what the lead typed: the note reloads, the text stays, and saving again works', async () => {
  const lead = await openDiscovery('productLead');
  try {
    await openNote(lead.triage, 'note-portal-history');
    await lead.triage.getByTestId('discovery-outcome-edit').click();
    const typed = 'Clients download any statement themselves, and nobody emails for one again.';
    await lead.triage.getByTestId('discovery-outcome-field').fill(typed);
    // Meanwhile another lead changes the note.
    const now = await resolverData<{ note: { version: number } }>(started(), 'productLead', 'triage-queue', 'discovery.get', { projectKey: PROJECT, noteId: 'note-portal-history' });
    await resolverData(started(), 'productLead', 'triage-queue', 'discovery.update', {
      projectKey: PROJECT,
      noteId: 'note-portal-history',
      version: now.note.version,
      changes: { designDirection: 'A History tab beside Invoices in the portal.' },
    });
    await lead.triage.getByTestId('discovery-outcome-save').click();
    await lead.triage.getByTestId('discovery-outcome-refusal').getByText('Someone else changed the discovery note', { exact: false }).waitFor();
    expect(await lead.triage.getByTestId('discovery-outcome-field').inputValue()).toBe(typed);
    // The page shows their change, and the lead's save goes through on the version now shown.
    await lead.triage.getByTestId('discovery-design-text').getByText('A History tab beside Invoices in the portal.').waitFor();
    await lead.triage.getByTestId('discovery-outcome-save').click();
    await lead.triage.getByTestId('discovery-outcome-text').getByText(typed).waitFor();
  } finally {
    await lead.close();
  }
}, 120_000);
