/**
 * The Work type field's view as Jira renders it: the UI Kit resource (`work-type-view`, real `@forge/react`)
 * sending its forge doc over the bridge, drawn by the sandbox's renderer with Atlaskit. Each value and "None", in
 * both themes; a value Upstream does not know; a component the renderer does not know, which must fail loudly;
 * and a function prop (an event) going back through the bridge.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { UIKIT_BUILD_DIR, UIKIT_RENDERER_BUILD_DIR } from '../../scripts/uikit-resources';
import { WORK_TYPE_FIELD_ID } from '../sandbox/seed';
import { FrameError, frameDocumentFor } from '../sandbox/host/frames';
import { eventually, openPage, signedInContext, storedWorkType, surface, useWorld, type E2eWorld } from './harness';

beforeAll(() => {
  for (const built of [path.join(UIKIT_BUILD_DIR, 'work-type-view.js'), path.join(UIKIT_RENDERER_BUILD_DIR, 'renderer.js')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build:static\` (\`npm test\` does it for you).`);
  }
});

const started = useWorld();

/** Four PAY issues, one per value, so the cases do not depend on each other's writes. */
const ISSUES = { Innovative: 'PAY-11', Corrective: 'PAY-12', Enabling: 'PAY-13', none: 'PAY-14' } as const;
type Shown = keyof typeof ISSUES;
const storedValue = (shown: Shown): string | null => (shown === 'none' ? null : shown);

/** Sets the field as the app does (Jira's app field API), so the host reads it back like any stored value. */
async function storeWorkType(world: E2eWorld, issueKey: string, value: string | null): Promise<void> {
  const issue = world.sandbox.jira.site.issues.find((candidate) => candidate.key === issueKey);
  if (!issue) throw new Error(`The seed has no ${issueKey}`);
  const response = await world.sandbox.jira.handle({
    method: 'PUT',
    path: `/rest/api/3/app/field/${WORK_TYPE_FIELD_ID}/value`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ updates: [{ issueIds: [Number(issue.id)], value }] }),
    asUser: null,
  });
  if (response.status !== 204) throw new Error(`Setting ${issueKey}'s work type answered ${response.status}`);
  expect(await storedWorkType(world, issueKey)).toBe(value);
}

/**
 * The field's frame on the issue view, once the renderer has drawn the app's view of the value. (The app's first
 * forge doc is empty: it draws nothing until Jira answers getContext.)
 */
async function fieldView(page: Page) {
  const field = surface(page, 'Work type');
  await field.locator('[data-testid="uikit-root"][data-state="drawn"] [data-testid^="work-type-field-"]').first().waitFor();
  return field;
}

/** The UI Kit frame itself, to drive its bridge as the app's code would. */
function uiKitFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => new URL(candidate.url()).pathname === '/uikit/work-type-view/index.html');
  if (!frame) throw new Error('No UI Kit frame for work-type-view on the page');
  return frame;
}

const colours = (page: Page) =>
  surface(page, 'Work type')
    .getByTestId('work-type-field-value')
    .evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, text: style.color };
    });

beforeAll(async () => {
  for (const shown of Object.keys(ISSUES) as Shown[]) await storeWorkType(started(), ISSUES[shown], storedValue(shown));
});

describe.each([['light' as const], ['dark' as const]])('in the %s theme', (colorMode) => {
  test.each([['Innovative' as const], ['Corrective' as const], ['Enabling' as const]])('shows %s as a lozenge', async (workType) => {
    const context = await signedInContext(started(), 'engineer', colorMode);
    try {
      const page = await openPage(started(), context, `#/issue/${ISSUES[workType]}`);
      const field = await fieldView(page);
      await field.locator(`html[data-color-mode="${colorMode}"]`).waitFor();
      expect(await field.getByTestId('work-type-field-value').innerText()).toMatch(new RegExp(`^${workType}$`, 'i'));
      expect(await field.getByTestId('work-type-field-none').count()).toBe(0);
      // Drawn by Atlaskit: a coloured lozenge, not unstyled text.
      const { background } = await colours(page);
      expect(background).not.toMatch(/^rgba\(0, 0, 0, 0\)$|^transparent$/);
    } finally {
      await context.close();
    }
  });

  test('shows "None", subtle, when the field is empty', async () => {
    const context = await signedInContext(started(), 'engineer', colorMode);
    try {
      const page = await openPage(started(), context, `#/issue/${ISSUES.none}`);
      const field = await fieldView(page);
      const none = field.getByTestId('work-type-field-none');
      expect(await none.innerText()).toBe('None');
      expect(await field.getByTestId('work-type-field-value').count()).toBe(0);
      const [noneColour, bodyColour] = await none.evaluate((element) => [
        getComputedStyle(element).color,
        getComputedStyle(element.ownerDocument.body).color,
      ]);
      expect(noneColour).not.toBe(bodyColour);
    } finally {
      await context.close();
    }
  });
});

// Six issue views, one after another: longer than the default timeout on a busy machine.
test('each work type has its own colours, and each colour changes with the theme', async () => {
  const seen: Record<string, { background: string; text: string }> = {};
  for (const colorMode of ['light', 'dark'] as const) {
    const context = await signedInContext(started(), 'engineer', colorMode);
    try {
      for (const workType of ['Innovative', 'Corrective', 'Enabling'] as const) {
        const page = await openPage(started(), context, `#/issue/${ISSUES[workType]}`);
        const field = await fieldView(page);
        await field.locator(`html[data-color-mode="${colorMode}"]`).waitFor();
        seen[`${workType}/${colorMode}`] = await colours(page);
        await page.close();
      }
    } finally {
      await context.close();
    }
  }
  for (const workType of ['Innovative', 'Corrective', 'Enabling']) {
    const light = seen[`${workType}/light`]!;
    const dark = seen[`${workType}/dark`]!;
    expect({ workType, background: dark.background }).not.toEqual({ workType, background: light.background });
    expect({ workType, text: dark.text }).not.toEqual({ workType, text: light.text });
  }
  const lightBackgrounds = ['Innovative', 'Corrective', 'Enabling'].map((workType) => seen[`${workType}/light`]!.background);
  expect(new Set(lightBackgrounds).size).toBe(3);
}, 120_000);

test("the theme toggle recolours the drawn lozenge without a reload, as Jira's theme does", async () => {
  const context = await signedInContext(started(), 'engineer', 'light');
  try {
    const page = await openPage(started(), context, `#/issue/${ISSUES.Innovative}`);
    await fieldView(page);
    const light = await colours(page);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await surface(page, 'Work type').locator('html[data-color-mode="dark"]').waitFor();
    const dark = await eventually(() => colours(page), (now) => now.background !== light.background);
    expect(dark.background).not.toBe(light.background);
  } finally {
    await context.close();
  }
});

test('a stored value that is not a work type is shown as such, not as "None"', async () => {
  // Jira's validation stops people, not migrations or other apps: put a stray value straight into the site.
  const issue = started().sandbox.jira.site.issues.find((candidate) => candidate.key === 'PAY-15');
  if (!issue) throw new Error('The seed has no PAY-15');
  issue.customFields[WORK_TYPE_FIELD_ID] = 'Urgent';
  const context = await signedInContext(started(), 'engineer');
  try {
    const page = await openPage(started(), context, '#/issue/PAY-15');
    const field = await fieldView(page);
    expect(await field.getByTestId('work-type-field-unrecognised').innerText()).toBe('“Urgent” is not a work type Upstream knows');
    expect(await field.getByTestId('work-type-field-none').count()).toBe(0);
  } finally {
    await context.close();
  }
});

test('a component the renderer does not know fails loudly: an error in the frame and on the console', async () => {
  const context = await signedInContext(started(), 'engineer');
  try {
    const page = await openPage(started(), context, `#/issue/${ISSUES.Corrective}`);
    const field = await fieldView(page);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    // What the app's @forge/react would send if it rendered <PieChart/>: through the frame's bridge, as it calls it.
    await uiKitFrame(page).evaluate(() => {
      const bridge = (globalThis as unknown as { __bridge: { callBridge(name: string, payload: unknown): Promise<unknown> } }).__bridge;
      return bridge.callBridge('reconcile', {
        forgeDoc: {
          type: 'Root',
          props: {},
          children: [{ type: 'Inline', props: {}, children: [{ type: 'PieChart', props: { data: [] }, children: [] }] }],
        },
      });
    });
    const failure = field.getByTestId('uikit-render-error');
    await failure.waitFor();
    expect(await failure.getAttribute('role')).toBe('alert');
    expect(await failure.innerText()).toContain('Root > Inline[0] > PieChart[0]');
    expect(await failure.innerText()).toContain('"PieChart"');
    expect(await field.locator('[data-testid="uikit-root"]').getAttribute('data-state')).toBe('failed');
    expect(await field.getByTestId('work-type-field-value').count()).toBe(0);
    expect(errors.some((text) => text.includes('PieChart'))).toBe(true);
  } finally {
    await context.close();
  }
});

test("a drawn component's event runs the app's function, through the bridge", async () => {
  const context = await signedInContext(started(), 'engineer');
  try {
    const page = await openPage(started(), context, `#/issue/${ISSUES.Corrective}`);
    const field = await fieldView(page);
    // A forge doc with a function prop, as @forge/react sends one: the function lives in the app's realm.
    await uiKitFrame(page).evaluate(() => {
      const scope = globalThis as unknown as {
        __bridge: { callBridge(name: string, payload: unknown): Promise<unknown> };
        clicks: number;
      };
      scope.clicks = 0;
      const onClick = () => {
        scope.clicks += 1;
      };
      return scope.__bridge.callBridge('reconcile', {
        forgeDoc: {
          type: 'Root',
          props: {},
          children: [{ type: 'Button', props: { onClick, appearance: 'primary' }, children: [{ type: 'String', props: { text: 'Count' }, children: [] }] }],
        },
      });
    });
    await field.getByRole('button', { name: 'Count' }).click();
    await field.getByRole('button', { name: 'Count' }).click();
    expect(await uiKitFrame(page).evaluate(() => (globalThis as unknown as { clicks: number }).clicks)).toBe(2);
  } finally {
    await context.close();
  }
});

test('the field frame is the UI Kit resource, as the manifest declares, and its edit stays Custom UI', async () => {
  const context = await signedInContext(started(), 'engineer');
  try {
    const page = await openPage(started(), context, `#/issue/${ISSUES.Enabling}`);
    await fieldView(page);
    expect(new URL(uiKitFrame(page).url()).searchParams.get('entryPoint')).toBe('view');
    await page.getByRole('button', { name: 'Edit Work type' }).click();
    const edit = surface(page, 'Work type (edit)');
    await edit.getByTestId('work-type-edit').waitFor();
    const editFrame = page.frames().find((frame) => new URL(frame.url()).searchParams.get('entryPoint') === 'edit');
    expect(editFrame && new URL(editFrame.url()).pathname).toBe('/app/index.html');
  } finally {
    await context.close();
  }
});

describe('which document the host frames, as manifest.yml declares it', () => {
  const frameUrl = (query: string) => fetch(`${started().host.url}/__sandbox/frame?${query}`, { redirect: 'manual' });

  it("sends the field's view to the UI Kit frame and its edit to the Custom UI app, keeping the frame's identity", async () => {
    const view = await frameUrl('module=work-type&entryPoint=view&issueKey=PAY-11&frameId=frame-1');
    expect(view.status).toBe(302);
    expect(view.headers.get('location')).toBe('/uikit/work-type-view/index.html?module=work-type&entryPoint=view&issueKey=PAY-11&frameId=frame-1');
    const edit = await frameUrl('module=work-type&entryPoint=edit&issueKey=PAY-11');
    expect(edit.headers.get('location')).toBe('/app/index.html?module=work-type&entryPoint=edit&issueKey=PAY-11');
    const panel = await frameUrl('module=context-panel&issueKey=PAY-11');
    expect(panel.headers.get('location')).toBe('/app/index.html?module=context-panel&issueKey=PAY-11');
  });

  it('refuses a module the manifest does not declare, a UI Kit resource it does not declare, and an edit a panel lacks', async () => {
    expect((await frameUrl('module=no-such-module')).status).toBe(404);
    expect((await frameUrl('module=context-panel&entryPoint=edit&issueKey=PAY-11')).status).toBe(400);
    expect((await fetch(`${started().host.url}/uikit/main/index.html`)).status).toBe(404);
  });

  it("refuses a Custom UI resource as a custom field's view, as Jira does not render one", () => {
    const entries = new Map([['risk', { type: 'jira:customField', entry: { key: 'risk', view: { resource: 'main' }, edit: { resource: 'main' } } }]]);
    expect(() => frameDocumentFor(entries, 'risk', 'view')).toThrow(FrameError);
    expect(() => frameDocumentFor(entries, 'risk', 'view')).toThrow(/only with UI Kit/);
    expect(frameDocumentFor(entries, 'risk', 'edit')).toEqual({ kind: 'custom-ui', resource: 'main' });
  });
});
