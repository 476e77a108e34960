/**
 * The sprint-shape gadget's edit view in Chromium: one message per problem, under its field, in the
 * contract's words; space kept for every message, so nothing moves when one appears; Save disabled while the
 * form is invalid and while saving; and the refusal of a board or sprint that Jira knows better about.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { BOARD_IDS } from '../sandbox/seed';
import { openPage, signedInContext, surface, useWorld } from './harness';

const started = useWorld();
const GADGET_ID = '10100';
const configured = () => started().host.gadgets.get(GADGET_ID)?.configuration;
const saved = {
  boardId: BOARD_IDS.INV,
  sprint: { kind: 'active' },
  target: { Innovative: 50, Corrective: 25, Enabling: 25 },
  measure: 'estimate',
  driftThreshold: 10,
};

async function openEdit(persona: 'productLead' | 'engineer' = 'productLead'): Promise<{ page: Page; edit: FrameLocator; close: () => Promise<void> }> {
  const context = await signedInContext(started(), persona);
  const page = await openPage(started(), context, '#/dashboard');
  // The view first (its table, or its error for a configuration Jira refuses), so the edit view opens on a settled page.
  await surface(page, 'Sprint shape').locator('[data-testid="sprint-shape-table"], [data-testid^="upstream-error-"]').first().waitFor();
  await page.getByRole('button', { name: 'Configure Sprint shape' }).click();
  const edit = surface(page, 'Sprint shape (configure)');
  await edit.locator('#sprint-select').waitFor();
  return { page, edit, close: () => context.close() };
}

/** Where the form's landmarks are: if any moves when a message appears, the layout jumped. */
const positions = async (edit: FrameLocator) => {
  const y = async (selector: string) => (await edit.locator(selector).boundingBox())?.y ?? Number.NaN;
  return {
    sprint: await y('#sprint-select'),
    threshold: await y('#drift-threshold'),
    save: (await edit.getByRole('button', { name: 'Save' }).boundingBox())?.y ?? Number.NaN,
  };
};

beforeEach(() => started().host.gadgets.configure(GADGET_ID, saved));

test('each problem is said once, under its field, when the field is left; nothing moves; Save waits for a valid form', async () => {
  const { edit, close } = await openEdit();
  try {
    const save = edit.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(false);
    const before = await positions(edit);

    // A sum off 100: said once, in the contract's words, where the total was; Save is disabled at once.
    await edit.locator('#target-Enabling').fill('20');
    await edit.getByTestId('target-sum').getByText('The target adds up to 95 %; it must add up to 100 %.').waitFor();
    expect(await edit.getByText(/adds up to|add up to 100/).count()).toBe(1);
    expect(await save.isDisabled()).toBe(true);
    await edit.getByText('Save is available once every field above is filled in correctly.').waitFor();

    // A negative share: its own message under its own field, and the sum says nothing more about it.
    await edit.locator('#target-Corrective').fill('60');
    await edit.locator('#target-Enabling').fill('50');
    await edit.locator('#target-Innovative').fill('-10');
    await edit.getByTestId('target-sum').getByText('Total 100 %').waitFor();
    expect(await edit.getByText('No less than 0 %.').count()).toBe(0); // not while the field is still being typed in
    await edit.locator('#target-Innovative').press('Tab');
    await edit.getByTestId('target-Innovative-message').getByText('No less than 0 %.').waitFor();
    expect(await edit.getByText(/Innovative must be|cannot be negative|No less than 0/).count()).toBe(1);
    expect(await edit.getByTestId('target-sum').innerText()).toBe('Total 100 %');

    // A threshold out of range, in percentage points.
    await edit.locator('#drift-threshold').fill('60');
    await edit.locator('#drift-threshold').press('Tab');
    await edit.getByTestId('drift-threshold-message').getByText('The threshold is at most 50 pp.').waitFor();
    expect(await edit.getByText(/points/).count()).toBe(0);

    // Messages came into space that was already there.
    expect(await positions(edit)).toEqual(before);
    expect(await save.isDisabled()).toBe(true);
    expect(configured()).toEqual(saved);

    // Fixed: the messages go, the hints come back, Save is enabled and saves.
    await edit.locator('#target-Innovative').fill('40');
    await edit.locator('#target-Corrective').fill('35');
    await edit.locator('#target-Enabling').fill('25');
    await edit.locator('#drift-threshold').fill('12');
    await edit.getByTestId('drift-threshold-message').getByText('Percentage points, 1–50.').waitFor();
    expect((await edit.getByTestId('target-Innovative-message').innerText()).trim()).toBe('');
    expect(await positions(edit)).toEqual(before);
    expect(await save.isDisabled()).toBe(false);

    // While saving, Save cannot be pressed again.
    started().sandbox.setLatency(400);
    try {
      await save.click();
      expect(await save.isDisabled()).toBe(true);
      await surface(edit.owner().page(), 'Sprint shape').getByRole('heading', { name: 'Invoicing board' }).waitFor();
    } finally {
      started().sandbox.setLatency(0);
    }
    expect(configured()).toEqual({ ...saved, target: { Innovative: 40, Corrective: 35, Enabling: 25 }, driftThreshold: 12 });
  } finally {
    await close();
  }
}, 90_000);

test('leaving the board empty says so once, and Save stays disabled', async () => {
  started().host.gadgets.configure(GADGET_ID, {});
  const context = await signedInContext(started(), 'productLead');
  try {
    const page = await openPage(started(), context, '#/dashboard');
    await surface(page, 'Sprint shape').getByText('Configure this gadget: choose a board').waitFor();
    await page.getByRole('button', { name: 'Configure Sprint shape' }).click();
    const edit = surface(page, 'Sprint shape (configure)');
    await edit.getByText('Choose the board whose sprints the gadget shows.').waitFor();
    expect(await edit.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    // The board picker has focus; leaving it empty turns the hint into the problem, said once.
    await edit.locator('#board-select').press('Tab');
    await edit.getByTestId('board-message').getByText('Choose a board.').waitFor();
    expect(await edit.getByText(/Choose a board/).count()).toBe(1);
    expect(configured()).toEqual({});
  } finally {
    await context.close();
  }
}, 90_000);

test('the edit view refuses a sprint from another board before saving, under the sprint', async () => {
  // A configuration saved for Payments' sprint, then the board changed by hand: the check names the problem.
  const paySprint = started().sandbox.jira.site.sprints.find((s) => s.boardId === BOARD_IDS.PAY && s.state === 'future')!;
  const stale = { ...saved, sprint: { kind: 'sprint', sprintId: paySprint.id }, measure: 'count' };
  started().host.gadgets.configure(GADGET_ID, stale);
  const { edit, close } = await openEdit('engineer');
  try {
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByTestId('sprint-message').getByText(`Sprint ${paySprint.id} is not a sprint of Invoicing board`, { exact: false }).waitFor();
    expect(await edit.getByText(`Sprint ${paySprint.id} is not a sprint`, { exact: false }).count()).toBe(1);
    expect(configured()).toEqual(stale);
  } finally {
    await close();
  }
}, 90_000);
