/**
 * Every surface loads real resolver data through the real @forge/bridge, for each of the six personas: the host
 * page frames the built app, the bridge host turns invoke() into sandbox.invoke() as the signed-in persona.
 */
import { PERSONA_ROLES } from '../sandbox/host/personas';
import { SEED_USERS, type PersonaRole } from '../sandbox/seed';
import type { BrowserContext, Page } from 'playwright-core';
import { resolverData, signedInContext, storedWorkType, surface, useWorld } from './harness';

const started = useWorld();

const ISSUE_KEY = 'PAY-3';

async function displayNameOf(persona: PersonaRole): Promise<string> {
  const viewer = await resolverData<{ displayName: string }>(started(), persona, 'context-panel', 'viewer.get', {});
  return viewer.displayName;
}

describe.each(PERSONA_ROLES.map((role) => [role]))('as the %s persona', (persona) => {
  // One signed-in browser context per persona, moving between pages as a person would (the app's assets stay
  // cached, as they do in Jira).
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    context = await signedInContext(started(), persona);
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  const open = async (hashRoute: string): Promise<Page> => {
    if (!page) throw new Error('No page');
    await page.goto(`${started().host.url}/${hashRoute}`);
    return page;
  };

  test('the issue view shows the Upstream panel with the issue and who is signed in, and the Work type field', async () => {
    const page = await open(`#/issue/${ISSUE_KEY}`);
    const panel = surface(page, 'Upstream context');
    const { issue } = await resolverData<{ issue: { summary: string; status: { name: string } } }>(
      started(),
      persona,
      'context-panel',
      'panel.context',
      { issueKey: ISSUE_KEY },
    );
    await panel.getByRole('heading', { name: `${ISSUE_KEY}: ${issue.summary}` }).waitFor();
    await panel.getByText(issue.status.name, { exact: true }).waitFor();
    await panel.getByText(`Signed in as ${await displayNameOf(persona)}`).waitFor();

    const stored = await storedWorkType(started(), ISSUE_KEY);
    const field = surface(page, 'Work type');
    await field.getByText(typeof stored === 'string' ? stored : 'None', { exact: true }).waitFor();
  });

  test('the triage page shows the project with its open and unclassified counts', async () => {
    const page = await open('#/project/PAY');
    const expected = await resolverData<{ project: { name: string }; openIssueCount: number; unclassifiedCount: number }>(
      started(),
      persona,
      'triage-queue',
      'triage.overview',
      { projectKey: 'PAY' },
    );
    const triage = surface(page, 'Upstream triage');
    await triage.getByRole('heading', { name: `Upstream triage: ${expected.project.name}` }).waitFor();
    expect(await triage.getByTestId('triage-open-issues').innerText()).toContain(String(expected.openIssueCount));
    expect(await triage.getByTestId('triage-unclassified').innerText()).toContain(String(expected.unclassifiedCount));
  });

  test('the dashboard gadget, not yet configured, says how to configure it', async () => {
    const page = await open('#/dashboard');
    await surface(page, 'Sprint shape').getByText('Configure this gadget: choose a board').waitFor();
  });

  test('the admin page shows the settings to a Jira admin and refuses everyone else', async () => {
    const page = await open('#/admin');
    const settings = surface(page, 'Upstream settings');
    await settings.getByRole('heading', { name: 'Upstream settings' }).waitFor();
    if (persona === 'admin') {
      await settings.getByTestId('upstream-secret-status').waitFor();
      await settings.getByRole('button', { name: /intake secret/ }).waitFor();
    } else {
      await settings.getByText("You don't have access to this").waitFor();
      await settings.getByText('Only Jira admins can see or change Upstream settings', { exact: false }).waitFor();
      expect(await settings.getByTestId('upstream-secret-status').count()).toBe(0);
    }
  });
});

test('the personas are the six seeded people', () => {
  expect(PERSONA_ROLES).toHaveLength(6);
  for (const role of PERSONA_ROLES) expect(SEED_USERS[role]).toEqual(expect.any(String));
});
