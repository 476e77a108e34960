/**
 * The sprint-shape gadget in Chromium through the sandbox host: configure it in the edit view (with the
 * inline refusals of a bad target and threshold), then read the active sprint's shape, drift, warnings and
 * trend; switch to the next sprint; open a segment's issues; and the states that say what to do.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BOARD_IDS } from '../sandbox/seed';
import { SCREENSHOT_DIR, openPage, resolverData, signedInContext, surface, useWorld } from './harness';
import type { SprintShapeView } from '../../src/contract/sprint-shape';

const started = useWorld();
const GADGET_ID = '10100';
const configured = () => started().host.gadgets.get(GADGET_ID)?.configuration;

beforeEach(() => started().host.gadgets.configure(GADGET_ID, {}));

async function fillTarget(page: Page, target: { Innovative: string; Corrective: string; Enabling: string }): Promise<void> {
  const edit = surface(page, 'Sprint shape (configure)');
  for (const [type, value] of Object.entries(target)) await edit.locator(`#target-${type}`).fill(value);
}

test('configure then view: pick the Invoicing board and a target, see the shape, drift, warning and trend; switch to the next sprint', async () => {
  const context = await signedInContext(started(), 'productLead');
  try {
    const page = await openPage(started(), context, '#/dashboard');
    await surface(page, 'Sprint shape').getByText('Configure this gadget: choose a board').waitFor();
    await page.getByRole('button', { name: 'Configure Sprint shape' }).click();

    const edit = surface(page, 'Sprint shape (configure)');
    // Saving with no board is refused inline.
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText('Choose a board.').waitFor();

    const search = edit.locator('#board-select');
    await search.fill('Invoicing');
    await edit.getByText('Invoicing board (scrum, INV)').waitFor();
    await search.press('Enter');
    await edit.locator('#sprint-select').waitFor();

    // A target that does not add to 100, and a threshold out of range: said inline, nothing saved.
    await fillTarget(page, { Innovative: '50', Corrective: '25', Enabling: '20' });
    await edit.getByText('Total 95% — the target must add up to 100%.').waitFor();
    await edit.locator('#drift-threshold').fill('60');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText('The target adds up to 95 %; it must add up to 100 %.').waitFor();
    await edit.getByText('The drift threshold is at most 50 points.').waitFor();
    await fillTarget(page, { Innovative: '-10', Corrective: '60', Enabling: '50' });
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText('A share cannot be negative.').waitFor();
    expect(configured()).toEqual({});

    await fillTarget(page, { Innovative: '50', Corrective: '30', Enabling: '20' });
    await edit.locator('#drift-threshold').fill('8');
    await edit.getByRole('button', { name: 'Save' }).click();

    const gadget = surface(page, 'Sprint shape');
    await gadget.getByRole('heading', { name: 'Invoicing board' }).waitFor();
    expect(configured()).toEqual({
      boardId: BOARD_IDS.INV,
      sprint: { kind: 'active' },
      target: { Innovative: 50, Corrective: 30, Enabling: 20 },
      measure: 'estimate',
      driftThreshold: 8,
    });

    const expected = await resolverData<SprintShapeView>(started(), 'productLead', 'sprint-shape', 'sprintShape.get', { config: configured() });
    if (expected.state !== 'ready') throw new Error(`expected a ready shape, got ${expected.state}`);
    await gadget.getByTestId('sprint-shape-sprint-name').getByText(expected.sprint.name).waitFor();
    await gadget.getByTestId('sprint-shape-bars').waitFor();
    for (const type of ['Innovative', 'Corrective', 'Enabling'] as const) {
      const points = expected.drift[type];
      expect(await gadget.getByTestId(`sprint-shape-drift-${type}`).innerText()).toBe(`${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points)} pp`);
    }
    // Invoicing's active sprint is largely untriaged: the warning says so.
    await gadget.getByTestId('sprint-shape-warnings').getByText(/have no work type/).waitFor();
    // The trend: the board's closed sprints (the seed has four; the gadget shows up to six).
    await gadget.getByTestId('sprint-shape-trend-column').first().waitFor();
    expect(await gadget.getByTestId('sprint-shape-trend-column').count()).toBe(4);

    // A segment opens Jira's issue search for the issues behind it; the sandbox host answers it with its own
    // search page, run as the signed-in person against the emulator.
    await gadget.locator('[data-segment="Unclassified"]').click();
    await page.getByRole('heading', { name: 'Search issues' }).waitFor();
    expect(await page.locator('#jql-input').inputValue()).toBe(expected.segmentJql.Unclassified);
    const rows = page.locator('#search-results tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(expected.shape.byCount.amounts.Unclassified);
    expect(new Set(await rows.locator('td:nth-child(5)').allTextContents())).toEqual(new Set(['Not triaged']));
    await page.goBack();
    await gadget.getByTestId('sprint-shape-sprint-name').waitFor();

    // Switch to the next sprint, for planning.
    await gadget.getByRole('button', { name: 'Next', exact: true }).click();
    const next = await resolverData<SprintShapeView>(started(), 'productLead', 'sprint-shape', 'sprintShape.get', {
      config: { ...configured(), sprint: { kind: 'next' } },
    });
    if (!('sprint' in next)) throw new Error('expected the next sprint');
    await gadget.getByTestId('sprint-shape-sprint-name').getByText(next.sprint.name).waitFor();
    await gadget.getByText('future', { exact: true }).waitFor();

    // By count instead of story points: the same sprint, the table in issues.
    await gadget.getByRole('button', { name: 'By count' }).click();
    await gadget.getByTestId('sprint-shape-row-Innovative').getByText(/issues?\)/).waitFor();
  } finally {
    await context.close();
  }
});

test('the edit view refuses a sprint from another board before saving', async () => {
  // A configuration saved for Payments' sprint, then the board changed by hand: the check names the problem.
  const paySprint = started().sandbox.jira.site.sprints.find((s) => s.boardId === BOARD_IDS.PAY && s.state === 'future')!;
  started().host.gadgets.configure(GADGET_ID, {
    boardId: BOARD_IDS.INV,
    sprint: { kind: 'sprint', sprintId: paySprint.id },
    target: { Innovative: 50, Corrective: 25, Enabling: 25 },
    measure: 'count',
    driftThreshold: 10,
  });
  const context = await signedInContext(started(), 'engineer');
  try {
    const page = await openPage(started(), context, '#/dashboard');
    await surface(page, 'Sprint shape').getByRole('alert').or(surface(page, 'Sprint shape').getByTestId('upstream-error-not-found')).first().waitFor();
    await page.getByRole('button', { name: 'Configure Sprint shape' }).click();
    const edit = surface(page, 'Sprint shape (configure)');
    await edit.locator('#sprint-select').waitFor();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText(`Sprint ${paySprint.id} is not a sprint of Invoicing board`).waitFor();
    expect(configured()).toMatchObject({ sprint: { kind: 'sprint', sprintId: paySprint.id } });
  } finally {
    await context.close();
  }
});

describe('states that say what to do', () => {
  const viewAs = async (persona: 'engineer' | 'restricted', configuration: Record<string, unknown>) => {
    started().host.gadgets.configure(GADGET_ID, configuration);
    const context = await signedInContext(started(), persona);
    const page = await openPage(started(), context, '#/dashboard');
    return { context, gadget: surface(page, 'Sprint shape') };
  };
  const base = { sprint: { kind: 'active' }, target: { Innovative: 50, Corrective: 25, Enabling: 25 }, measure: 'estimate', driftThreshold: 10 };

  test('a kanban board has no sprints', async () => {
    const { context, gadget } = await viewAs('engineer', { ...base, boardId: BOARD_IDS.OPS });
    try {
      await gadget.getByText('Platform board has no sprints').waitFor();
    } finally {
      await context.close();
    }
  });

  test('a board the user cannot see is refused and nothing of it is shown', async () => {
    const { context, gadget } = await viewAs('restricted', { ...base, boardId: BOARD_IDS.OPS });
    try {
      await gadget.getByTestId('upstream-error-not-found').waitFor();
      expect(await gadget.getByText('Platform board').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('no active sprint offers the next one, and an empty sprint says how to fill it', async () => {
    const site = started().sandbox.jira.site;
    const board = { ...site.boards.find((b) => b.id === BOARD_IDS.INV)!, id: 41, name: 'Invoicing planning' };
    site.boards.push(board);
    site.sprints.push({ id: 901, boardId: 41, name: 'Planning 1', state: 'future', goal: '', createdDate: new Date().toISOString() });
    const { context, gadget } = await viewAs('engineer', { ...base, boardId: 41 });
    try {
      await gadget.getByText('No active sprint').waitFor();
      await gadget.getByRole('button', { name: 'Show the next sprint: Planning 1' }).click();
      await gadget.getByText('Planning 1 has no issues yet').waitFor();
    } finally {
      await context.close();
      site.boards.splice(site.boards.indexOf(board), 1);
      site.sprints.splice(site.sprints.findIndex((s) => s.id === 901), 1);
    }
  });

  test('a gadget saved with only a board (before targets) still shows its sprint, with the site default target', async () => {
    const { context, gadget } = await viewAs('engineer', { boardId: BOARD_IDS.PAY });
    try {
      await gadget.getByRole('heading', { name: 'Payments board' }).waitFor();
      await gadget.getByTestId('sprint-shape-bars').waitFor();
    } finally {
      await context.close();
    }
  });

  test('Jira rate-limiting past what a resolver can wait: try again in N s, with a retry button', async () => {
    const link = started().sandbox.jiraLink;
    link.injectFault({ status: 429, retryAfterSeconds: 2, times: Infinity, match: (req) => req.path.startsWith('/rest/api/3/search/jql') });
    const { retryPolicy } = await import('../../src/jira/client');
    const wait = retryPolicy.maxWaitMs;
    retryPolicy.maxWaitMs = 1000; // so the resolver gives up at once instead of waiting out the 2 s
    const { context, gadget } = await viewAs('engineer', { ...base, boardId: BOARD_IDS.PAY });
    try {
      await gadget.getByTestId('upstream-error-rate-limited').waitFor();
      await gadget.getByText(/^Try again in \d+ s\.$/).waitFor();
      link.clearFaults();
      const retry = gadget.getByRole('button', { name: 'Try again' });
      await retry.click({ timeout: 5000 });
      await gadget.getByTestId('sprint-shape-bars').waitFor();
    } finally {
      link.clearFaults();
      retryPolicy.maxWaitMs = wait;
      await context.close();
    }
  });
});

describe('screenshots', () => {
  test.each([['light' as const], ['dark' as const]])('%s theme: Payments (drift) and Invoicing (unclassified) gadgets', async (colorMode) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const base = { sprint: { kind: 'active' }, target: { Innovative: 50, Corrective: 25, Enabling: 25 }, measure: 'estimate', driftThreshold: 10 };
    for (const [name, boardId] of [['payments', BOARD_IDS.PAY], ['invoicing', BOARD_IDS.INV]] as const) {
      started().host.gadgets.configure(GADGET_ID, { ...base, boardId });
      const context = await signedInContext(started(), 'productLead', colorMode);
      try {
        const page = await openPage(started(), context, '#/dashboard');
        const gadget = surface(page, 'Sprint shape');
        await gadget.getByTestId('sprint-shape-trend-column').first().waitFor();
        await page.waitForTimeout(400);
        await page.locator(`[data-gadget-id="${GADGET_ID}"]`).screenshot({ path: path.join(SCREENSHOT_DIR, `sprint-shape-${name}-${colorMode}.png`) });
      } finally {
        await context.close();
      }
    }
  });
});
