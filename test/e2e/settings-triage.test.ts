/**
 * The admin page's Triage section in Chromium: on the defaults at first; the admin chooses a Jira group from the
 * keyboard and new parking thresholds, saves, reloads and sees them — and the group's member may now triage; a
 * threshold that is not a number is refused inline and nothing is saved.
 */
import { kvs } from '@forge/kvs';
import { openPage, resolverData, signedInContext, surface, useWorld } from './harness';

type View = { triagers: { kind: string; name?: string }; parking: { newSignals: number; addedArr: number } };
const started = useWorld();
const stored = () => resolverData<View>(started(), 'admin', 'settings', 'settings.triage.get', {});
const canTriage = async (persona: 'sales' | 'productLead') =>
  (await resolverData<{ canTriage: boolean }>(started(), persona, 'triage-queue', 'signals.inbox', { projectKey: 'PAY' })).canTriage;

beforeEach(async () => {
  await started().sandbox.asApp(() => kvs.delete('settings:triage'));
});

test('the admin lets the sales group triage and lowers the parking thresholds, from the keyboard; it holds after a reload', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const section = surface(page, 'Upstream settings').getByTestId('triage-settings');
    await section.getByTestId('triage-settings-status').getByText('On the defaults.').waitFor();
    expect(await section.getByTestId('triage-settings-kind-project-admins').isChecked()).toBe(true);

    await section.getByTestId('triage-settings-kind-group').focus();
    await page.keyboard.press('Space');
    await section.locator('#triage-settings-group').focus();
    await page.keyboard.type('sal');
    await section.getByText('sales', { exact: true }).waitFor();
    await page.keyboard.press('Enter');
    await section.getByTestId('triage-settings-new-signals').fill('2');
    await section.getByTestId('triage-settings-added-arr').fill('20000');
    await section.getByTestId('triage-settings-dirty').getByText('Unsaved changes').waitFor();
    await section.getByTestId('triage-settings-save').click();
    await section.getByTestId('triage-settings-notice').getByText('Triage settings saved. They apply from the next action.').waitFor();

    expect(await stored()).toMatchObject({ triagers: { kind: 'group', name: 'sales' }, parking: { newSignals: 2, addedArr: 20_000 } });
    expect(await canTriage('sales')).toBe(true);
    expect(await canTriage('productLead')).toBe(false);

    await page.reload();
    const again = surface(page, 'Upstream settings').getByTestId('triage-settings');
    await again.getByTestId('triage-settings-status').getByText(/^Saved .* by Ingrid Solberg\.$/).waitFor();
    expect(await again.getByTestId('triage-settings-kind-group').isChecked()).toBe(true);
    expect(await again.getByTestId('triage-settings-new-signals').inputValue()).toBe('2');
  } finally {
    await context.close();
  }
});

test('a threshold that is not a number is refused beside the field, and nothing is saved', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const section = surface(page, 'Upstream settings').getByTestId('triage-settings');
    await section.getByTestId('triage-settings-status').waitFor();
    await section.getByTestId('triage-settings-new-signals').fill('three');
    await section.getByTestId('triage-settings-save').click();
    await section.getByText(/A whole number from 0 to 10,000/).waitFor();
    expect(await stored()).toMatchObject({ triagers: { kind: 'project-admins' }, parking: { newSignals: 3, addedArr: 50_000 } });
  } finally {
    await context.close();
  }
});
