/**
 * The admin page's Team roles section in Chromium: every role says it is on its default and which group that
 * is; the admin maps Design to another group with the searchable picker (keyboard only) and a project role,
 * saves, reloads and sees the mapping; a role left with nothing chosen is refused inline and nothing is saved;
 * an engineer is refused the page and the keys.
 */
import { kvs } from '@forge/kvs';
import type { Locator } from 'playwright-core';
import { rolesOf } from '../../src/services/roles/roles';
import { SEED_USERS } from '../sandbox/seed';
import { openPage, resolverData, signedInContext, surface, useWorld, type E2eWorld } from './harness';

interface RoleView {
  isDefault: boolean;
  groups: { groupId: string; name: string; found: boolean }[];
  projectRoles: { projectKey: string; roleName: string }[];
}
interface Settings {
  roles: Record<'engineering' | 'design' | 'product' | 'sales', RoleView>;
  updatedBy: string | null;
}

const started = useWorld();
const roleSettings = () => resolverData<Settings>(started(), 'admin', 'settings', 'settings.roles.get', {});

beforeEach(async () => {
  await started().sandbox.asApp(() => kvs.delete('settings:team-roles'));
});

async function openRoles(world: E2eWorld, persona: 'admin' | 'engineer' = 'admin', colorMode: 'light' | 'dark' = 'light') {
  const context = await signedInContext(world, persona, colorMode);
  const page = await openPage(world, context, '#/admin');
  const settings = surface(page, 'Upstream settings');
  return { context, page, settings };
}

const chosenGroups = async (section: Locator, role: string): Promise<string[]> => (await section.getByTestId(`team-role-${role}-group`).allTextContents()).map((text) => text.trim());

test('every role shows its default; the admin maps Design to a group and a project role from the keyboard, saves, reloads and sees it', async () => {
  const { context, page, settings } = await openRoles(started());
  try {
    const design = settings.getByTestId('team-role-design');
    await design.getByTestId('team-role-design-status').getByText('Default: the design group (Upstream looks for groups named design, designers, ux …).').waitFor();
    await settings.getByTestId('team-role-engineering-status').getByText(/^Default: the engineering group/).waitFor();
    await settings.getByTestId('team-role-product-status').getByText(/^Default: the product-management group/).waitFor();
    await settings.getByTestId('team-roles-status').getByText('Every role is on its default.').waitFor();
    expect(await chosenGroups(design, 'design')).toEqual(['design']);

    // Remove "design" with Backspace in the picker, then search and pick "product-management" with the keyboard.
    await settings.locator('#team-role-design-groups').focus();
    await page.keyboard.press('Backspace');
    await page.keyboard.type('product');
    await design.getByText('product-management', { exact: true }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await design.getByTestId('team-role-design-state').getByText('Chosen').waitFor();
    expect(await chosenGroups(design, 'design')).toEqual(['product-management']);

    // And a project role: PAY's Administrators.
    await design.getByTestId('team-role-design-project-key').fill('pay');
    await page.keyboard.press('Enter');
    // The role list takes focus with its menu open, the first role highlighted.
    await design.getByText('Administrators in PAY', { exact: true }).waitFor();
    expect(await settings.locator('#team-role-design-project-role').evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await design.getByTestId('team-role-design-project-role-chip').getByText('Administrators in PAY').waitFor();
    await settings.getByTestId('team-roles-dirty').getByText('Unsaved changes').waitFor();

    await settings.getByTestId('team-roles-save').click();
    await settings.getByTestId('team-roles-notice').getByText('Team roles saved. Upstream uses them from now on.').waitFor();
    await settings.getByTestId('team-roles-status').getByText(/Saved .* by Ingrid Solberg\./).waitFor();

    const stored = await roleSettings();
    expect(stored.roles.design).toMatchObject({ isDefault: false, groups: [{ name: 'product-management', found: true }], projectRoles: [{ projectKey: 'PAY', roleName: 'Administrators' }] });
    expect(stored.roles.engineering.isDefault).toBe(true);
    // Hannah (product lead, in product-management) is now design too; Tomás no longer is.
    expect([...(await started().sandbox.asApp(() => rolesOf(SEED_USERS.productLead)))].sort()).toEqual(['design', 'product']);
    expect([...(await started().sandbox.asApp(() => rolesOf(SEED_USERS.designer)))]).toEqual([]);

    await page.reload();
    const reloaded = surface(page, 'Upstream settings').getByTestId('team-role-design');
    await reloaded.getByTestId('team-role-design-state').getByText('Chosen').waitFor();
    await reloaded.getByTestId('team-role-design-status').getByText('Chosen here. The default would be the design group.').waitFor();
    await reloaded.getByTestId('team-role-design-project-role-chip').getByText('Administrators in PAY').waitFor();
    expect(await chosenGroups(reloaded, 'design')).toEqual(['product-management']);
  } finally {
    await context.close();
  }
}, 120_000);

test('a role left with nothing chosen is refused beside it and nothing is saved; "Use the default" puts it back', async () => {
  const { context, page, settings } = await openRoles(started(), 'admin', 'dark');
  try {
    const sales = settings.getByTestId('team-role-sales');
    await settings.locator('#team-role-sales-groups').focus();
    await page.keyboard.press('Backspace');
    await settings.getByTestId('team-roles-save').click();
    await sales.getByTestId('team-role-sales-error').getByText('Choose at least one group or project role, or use the default.').waitFor();
    await settings.getByTestId('team-roles-dirty').getByText(/1 role to fix/).waitFor();
    expect((await roleSettings()).roles.sales.isDefault).toBe(true);

    await sales.getByTestId('team-role-sales-use-default').click();
    await sales.getByTestId('team-role-sales-state').getByText('Default').waitFor();
    expect(await sales.getByTestId('team-role-sales-error').count()).toBe(0);
    await settings.getByTestId('team-roles-status').getByText('Every role is on its default.').waitFor();
  } finally {
    await context.close();
  }
}, 90_000);

test('a project key Jira does not have is named beside the field', async () => {
  const { context, page, settings } = await openRoles(started());
  try {
    const product = settings.getByTestId('team-role-product');
    await product.getByTestId('team-role-product-project-key').fill('NOPE');
    await page.keyboard.press('Enter');
    await product.getByTestId('team-role-product-project-problem').getByText('No project NOPE in Jira. Check the key (it is at the start of its issue keys).').waitFor();
    await settings.getByTestId('team-roles-status').getByText('Every role is on its default.').waitFor();
  } finally {
    await context.close();
  }
}, 90_000);

test('an engineer is refused: the page shows the refusal and no team roles, and the keys answer forbidden', async () => {
  const { context, settings } = await openRoles(started(), 'engineer');
  try {
    await settings.getByText('Only Jira admins can see or change Upstream settings. Ask a Jira admin to do this for you.').waitFor();
    expect(await settings.getByTestId('team-role-design').count()).toBe(0);
    const answer = (await started().sandbox.invoke({ accountId: SEED_USERS.engineer, moduleKey: 'settings', extension: {} }, 'settings.roles.save', {
      roles: { engineering: null, design: null, product: null, sales: null },
    })) as { ok: boolean; error?: { code: string } };
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  } finally {
    await context.close();
  }
}, 90_000);
