/**
 * The sprint-shape gadget in Chromium through the sandbox host: configure it in the edit view, then read the
 * active sprint's shape — numbers that agree with each other and with the server — its warnings and trend;
 * open a segment's issues with JQL a person would write; switch measure and sprint; and the states that say
 * what to do. The edit form's own behaviour is in sprint-shape-edit.test.ts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BOARD_IDS } from '../sandbox/seed';
import { SCREENSHOT_DIR, openPage, resolverData, signedInContext, surface, useWorld } from './harness';
import type { SprintShapeView, TrendPoint } from '../../src/contract/sprint-shape';

const started = useWorld();
const GADGET_ID = '10100';
const configured = () => started().host.gadgets.get(GADGET_ID)?.configuration;

beforeEach(() => started().host.gadgets.configure(GADGET_ID, {}));

async function fillTarget(page: Page, target: { Innovative: string; Corrective: string; Enabling: string }): Promise<void> {
  const edit = surface(page, 'Sprint shape (configure)');
  for (const [type, value] of Object.entries(target)) await edit.locator(`#target-${type}`).fill(value);
}

/** A signed drift as the gadget writes it: "+13 pp", "−4 pp", "0 pp" (no-break space before the unit). */
const pp = (n: number): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)}\u00a0pp`;
/** "43 %" → 43; "—" → null. */
const percentIn = (text: string): number | null => (text.trim() === '—' ? null : Number(/^(\d+)\s%$/u.exec(text.replace(/\u00a0/g, ' ').trim())?.[1]));
const signedIn = (text: string): number | null =>
  text.trim() === '—' ? null : Number(text.replace(/\u00a0/g, ' ').replace('−', '-').replace(/\s?pp$/, '').replace('+', ''));

const CHOSEN_TARGET = { Innovative: 50, Corrective: 30, Enabling: 20 };

test('configure then view: pick the Invoicing board and a target, see the shape, drift, warning and trend; switch to the next sprint', async () => {
  const context = await signedInContext(started(), 'productLead');
  try {
    const page = await openPage(started(), context, '#/dashboard');
    await surface(page, 'Sprint shape').getByText('Configure this gadget: choose a board').waitFor();
    await page.getByRole('button', { name: 'Configure Sprint shape' }).click();

    const edit = surface(page, 'Sprint shape (configure)');
    // With no board, Save cannot be pressed.
    await edit.getByText('Choose the board whose sprints the gadget shows.').waitFor();
    expect(await edit.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

    const search = edit.locator('#board-select');
    await search.fill('Invoicing');
    await edit.getByText('Invoicing board (scrum, INV)').waitFor();
    await search.press('Enter');
    await edit.locator('#sprint-select').waitFor();

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
    if (expected.state !== 'ready' || !expected.readings.estimate) throw new Error(`expected a ready shape by estimate, got ${expected.state}`);
    await gadget.getByTestId('sprint-shape-sprint-name').getByText(expected.sprint.name).waitFor();
    await gadget.getByTestId('sprint-shape-bars').waitFor();
    // Every row's numbers agree: the share of classified work minus the target is the drift, and it is the server's.
    for (const type of ['Innovative', 'Corrective', 'Enabling'] as const) {
      const classified = percentIn(await gadget.getByTestId(`sprint-shape-classified-${type}`).innerText());
      const target = percentIn(await gadget.getByTestId(`sprint-shape-target-${type}`).innerText());
      const drift = await gadget.getByTestId(`sprint-shape-drift-${type}`).innerText();
      expect({ type, classified, target, drift }).toEqual({
        type,
        classified: expected.shape.byEstimate!.classified.percents[type],
        target: CHOSEN_TARGET[type],
        drift: pp(expected.readings.estimate.drift![type]),
      });
      expect(classified! - target!).toBe(signedIn(drift));
    }
    // One line says what drift is measured against; the whole sprint's shares are there too, secondary.
    expect(await gadget.getByTestId('sprint-shape-basis').innerText()).toMatch(/^Drift is each type's share of classified work \(\d+ pts of \d+ pts; \d+ pts unclassified\)/);
    expect(await gadget.getByTestId('sprint-shape-sprint-share-Unclassified').innerText()).toContain(`${expected.shape.byEstimate!.percents.Unclassified}\u00a0%`);
    // Invoicing's active sprint is largely untriaged: the warning says so, in pp and never "points".
    const warnings = gadget.getByTestId('sprint-shape-warnings');
    await warnings.getByText(/have no work type/).waitFor();
    expect(await warnings.innerText()).not.toMatch(/(?<!story )\bpoints\b/i);
    // The trend: the board's closed sprints (the seed has four; the gadget shows up to six), each with its values
    // in words for screen readers, and drawn on the segments wide enough to hold them.
    await gadget.getByTestId('sprint-shape-trend-column').first().waitFor();
    expect(await gadget.getByTestId('sprint-shape-trend-column').count()).toBe(4);
    const trend = await resolverData<{ points: TrendPoint[] }>(started(), 'productLead', 'sprint-shape', 'sprintShape.trend', { boardId: BOARD_IDS.INV });
    const trendList = gadget.getByRole('list', { name: 'Mix of classified work in the last closed sprints' });
    const spoken = await trendList.ariaSnapshot();
    for (const point of trend.points) {
      const measured = point.byEstimate && point.byEstimate.total > 0 ? point.byEstimate : point.byCount;
      for (const type of ['Innovative', 'Corrective', 'Enabling'] as const) {
        expect(spoken).toContain(`${type} ${measured.classified.percents[type]}\u00a0% (target ${CHOSEN_TARGET[type]}\u00a0%)`.replace(/\u00a0/g, ' '));
      }
    }
    const firstCorrective = gadget.getByTestId('sprint-shape-trend-segment-Corrective').first();
    expect(await firstCorrective.getAttribute('title')).toMatch(/Corrective \d+\u00a0% of classified work \(target 30\u00a0%\)/);

    // A segment opens Jira's issue search for the issues behind it, in JQL a person would write; the sandbox host
    // answers it with its own search page, run as the signed-in person against the emulator.
    await gadget.locator('[data-segment="Unclassified"]').click();
    await page.getByRole('heading', { name: 'Search issues' }).waitFor();
    const unclassifiedJql = await page.locator('#jql-input').inputValue();
    expect(unclassifiedJql).toBe(expected.segmentJql.Unclassified);
    expect(unclassifiedJql).toBe(`sprint = "${expected.sprint.name}" AND issuetype not in subTaskIssueTypes() AND "Work type" IS EMPTY`);
    const rows = page.locator('#search-results tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(expected.shape.byCount.amounts.Unclassified);
    expect(new Set(await rows.locator('td:nth-child(5)').allTextContents())).toEqual(new Set(['Not triaged']));
    await page.goBack();
    await page.waitForURL(/#\/dashboard$/);
    await gadget.getByTestId('sprint-shape-sprint-name').waitFor({ timeout: 30_000 });

    await gadget.locator('[data-segment="Corrective"]').click();
    await page.getByRole('heading', { name: 'Search issues' }).waitFor();
    expect(await page.locator('#jql-input').inputValue()).toBe(`sprint = "${expected.sprint.name}" AND issuetype not in subTaskIssueTypes() AND "Work type" = Corrective`);
    await rows.first().waitFor();
    expect(await rows.count()).toBe(expected.shape.byCount.amounts.Corrective);
    expect(new Set(await rows.locator('td:nth-child(5)').allTextContents())).toEqual(new Set(['Corrective']));
    await page.goBack();
    await page.waitForURL(/#\/dashboard$/);
    await gadget.getByTestId('sprint-shape-sprint-name').waitFor({ timeout: 30_000 });

    // By count instead of story points: the same sprint, the table in issues, the drift the server read by count.
    await gadget.getByRole('button', { name: 'By count' }).click();
    await gadget.getByTestId('sprint-shape-sprint-share-Innovative').getByText(/issues?$/).waitFor();
    for (const type of ['Innovative', 'Corrective', 'Enabling'] as const) {
      expect(await gadget.getByTestId(`sprint-shape-drift-${type}`).innerText()).toBe(pp(expected.readings.count.drift![type]));
    }

    // Switch to the next sprint, for planning.
    await gadget.getByRole('button', { name: 'Next', exact: true }).click();
    const next = await resolverData<SprintShapeView>(started(), 'productLead', 'sprint-shape', 'sprintShape.get', {
      config: { ...configured(), sprint: { kind: 'next' } },
    });
    if (!('sprint' in next)) throw new Error('expected the next sprint');
    await gadget.getByTestId('sprint-shape-sprint-name').getByText(next.sprint.name).waitFor();
    await gadget.getByText('future', { exact: true }).waitFor();
  } finally {
    await context.close();
  }
}, 120_000);

test("the gadget shows the server's drift and warnings as they are, in either measure, and computes none itself", async () => {
  started().host.gadgets.configure(GADGET_ID, {
    boardId: BOARD_IDS.PAY,
    sprint: { kind: 'active' },
    target: { Innovative: 50, Corrective: 25, Enabling: 25 },
    measure: 'estimate',
    driftThreshold: 10,
  });
  const context = await signedInContext(started(), 'engineer');
  // Answers no browser arithmetic could arrive at from the shares: if the gadget recomputed, it would show others.
  const planted = {
    estimate: { drift: { Innovative: 7, Corrective: -3, Enabling: -4 }, warnings: [{ kind: 'missing-estimates', issueCount: 2 }] },
    count: {
      drift: { Innovative: -1, Corrective: 12, Enabling: -11 },
      warnings: [{ kind: 'drift', workType: 'Corrective', classifiedPercent: 37, targetPercent: 25, drift: 12 }],
    },
  };
  await context.route('**/__sandbox/invoke', async (route) => {
    const body = route.request().postDataJSON() as { functionKey: string };
    const response = await route.fetch();
    if (body.functionKey !== 'sprintShape.get') return route.fulfill({ response });
    const answer = (await response.json()) as { result: { ok: boolean; data: Record<string, unknown> } };
    answer.result.data.readings = planted;
    return route.fulfill({ response, json: answer });
  });
  try {
    const page = await openPage(started(), context, '#/dashboard');
    const gadget = surface(page, 'Sprint shape');
    await gadget.getByTestId('sprint-shape-table').waitFor();
    for (const [measure, reading] of [['estimate', planted.estimate], ['count', planted.count]] as const) {
      if (measure === 'count') await gadget.getByRole('button', { name: 'By count' }).click();
      for (const type of ['Innovative', 'Corrective', 'Enabling'] as const) {
        await gadget.getByTestId(`sprint-shape-drift-${type}`).getByText(pp(reading.drift[type]), { exact: true }).waitFor();
      }
      expect(await gadget.getByTestId('sprint-shape-warnings').locator('li').count()).toBe(reading.warnings.length);
    }
    // The table marks as past the threshold what the server warned about, and says it the same way.
    await gadget.getByTestId('sprint-shape-warning-drift').getByText('Corrective is 37\u00a0% of classified work against a 25\u00a0% target: +12\u00a0pp, more than 10\u00a0pp.').waitFor();
    expect(await gadget.getByTestId('sprint-shape-drift-Corrective').evaluate((cell) => getComputedStyle(cell).fontWeight)).toBe('600');
    expect(await gadget.getByTestId('sprint-shape-drift-Enabling').evaluate((cell) => getComputedStyle(cell).fontWeight)).toBe('400');
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
