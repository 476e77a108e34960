/**
 * The triage page's two intake channels, as the product lead uses them on PAY's Inbox tab: "Share a signal"
 * (a new customer typed in, ARR, their words, what they were trying to do; Ctrl+Enter shares) and "Import CSV"
 * (a 50-row file chosen, its columns guessed, imported in batches; the same file again creates nothing). Once
 * the queue has grouped them, the signals are on the triage page.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { openPage, signedInContext, surface, useWorld, type E2eWorld } from './harness';

const started = useWorld();

const SHARED_CUSTOMER = 'Larkspur Dairy Cooperative';
const SHARED_WORDS = 'Our drivers need the delivery manifest printed in Gaelic for the island routes';

const CUSTOMERS = ['Quillon Mills', 'Tarnwick Ferries', 'Osprey Vale Orchards', 'Brackenridge Kilns', 'Marram Dune Surf'];
const TOPICS = [
  (n: number) => `Export the ferry manifest to CSV for the harbour master, sailing ${n}`,
  (n: number) => `We need a CSV export of every ferry manifest for harbour reporting (${n})`,
  (n: number) => `Kiln temperature alerts arrive hours late on the night shift, kiln ${n}`,
  (n: number) => `Night shift misses late kiln temperature alerts, batch ${n}`,
  (n: number) => `Orchard pickers are paid twice when a crate is scanned at two gates, gate ${n}`,
];

/** A 50-row export as a CRM would write it: its own header names, ARR with currency, dates day first. */
function fiftyRowCsv(): string {
  const lines = ['Company,Feedback,ARR ($),Sales rep,Date received'];
  for (let i = 0; i < 50; i += 1) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`${CUSTOMERS[i % CUSTOMERS.length]},"${TOPICS[i % TOPICS.length]!(i)}","$${(12 + (i % 9)) * 1000}",Marcus Bell,${day}/10/2026`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function openInbox(world: E2eWorld): Promise<{ page: Page; triage: FrameLocator; close: () => Promise<void> }> {
  const context = await signedInContext(world, 'productLead');
  const page = await openPage(world, context, '#/project/PAY');
  const triage = surface(page, 'Upstream triage');
  await triage.getByTestId('triage-tab-inbox').click();
  await triage.getByTestId('inbox-tab').waitFor();
  return { page, triage, close: () => context.close() };
}

/** Opens a cluster from the keyboard, as the Inbox's keys say: focus its row, Enter. */
async function openCluster(page: Page, row: Locator): Promise<void> {
  await row.focus();
  await page.keyboard.press('Enter');
  await row.and(row.locator('xpath=self::*[@aria-expanded="true"]')).waitFor();
}

const signalsOf = (world: E2eWorld, customers: readonly string[]) =>
  world.sandbox.asApp(() =>
    selectRows(db.selectFrom('signal').select(['id', 'source', 'customer', 'text', 'arr', 'raised_by_name', 'cluster_id']).where('customer', 'in', [...customers]).compile()),
  );

async function importFile(triage: FrameLocator, csv: string): Promise<{ created: string; duplicate: string; refused: string }> {
  await triage.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = triage.getByTestId('csv-import-dialog');
  await dialog.getByTestId('csv-file-input').setInputFiles({ name: 'crm-feedback.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`, 'utf8') });
  // The columns are guessed from the header; the preview shows the first rows as they will be stored.
  await dialog.getByTestId('csv-preview').waitFor();
  expect(await dialog.getByTestId('csv-preview').locator('tbody tr').count()).toBe(5);
  expect(await dialog.getByTestId('csv-preview').locator('tbody tr').first().innerText()).toMatch(/Quillon Mills[\s\S]*\$12,000[\s\S]*Marcus Bell[\s\S]*2026-10-01/);
  await dialog.getByRole('button', { name: 'Import 50 rows' }).click();
  await dialog.getByTestId('csv-summary').waitFor();
  const counts = {
    created: await dialog.getByTestId('csv-created').innerText(),
    duplicate: await dialog.getByTestId('csv-duplicate').innerText(),
    refused: await dialog.getByTestId('csv-refused').innerText(),
  };
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
  return counts;
}

test('shares a signal and imports a 50-row CSV (twice: nothing added the second time), and the signals reach the triage page', async () => {
  const world = started();
  const { page, triage, close } = await openInbox(world);
  try {
    // Share a signal: a customer Upstream has not seen, typed in; ARR written the way people write it.
    await triage.getByRole('button', { name: 'Share a signal' }).click();
    const share = triage.getByTestId('share-signal-dialog');
    await share.getByLabel('Customer').fill(SHARED_CUSTOMER);
    await share.getByText(`New customer “${SHARED_CUSTOMER}”`).click();
    await share.getByLabel('ARR').fill('45k');
    await share.getByLabel('Their words').fill(SHARED_WORDS);
    await share.getByLabel('What were they trying to do?').fill('Hand the manifest to the ferry crew');
    // Empty words are refused in place, before anything is sent, and the draft stays.
    await share.getByLabel('Their words').fill('');
    await page.keyboard.press('Control+Enter');
    await share.getByText('Write what the customer said, in their words.').waitFor();
    expect(await share.getByLabel('ARR').inputValue()).toBe('45k');
    await share.getByLabel('Their words').fill(SHARED_WORDS);
    await page.keyboard.press('Control+Enter');
    await share.waitFor({ state: 'detached' });
    await triage.getByTestId('upstream-announcer').getByText(/Signal shared/).waitFor();

    const shared = await signalsOf(world, [SHARED_CUSTOMER]);
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ source: 'form', raised_by_name: 'Hannah Okafor', text: `${SHARED_WORDS}\n\nTrying to: Hand the manifest to the ferry crew` });
    expect(Number(shared[0]!.arr)).toBe(45_000);

    // Import the file, then the same file again.
    const csv = fiftyRowCsv();
    expect(await importFile(triage, csv)).toEqual({ created: '50', duplicate: '0', refused: '0' });
    expect(await importFile(triage, csv)).toEqual({ created: '0', duplicate: '50', refused: '0' });
    expect(await signalsOf(world, CUSTOMERS)).toHaveLength(50);

    // Grouped by the queue, then on the triage page: the shared signal in a cluster of its own customer.
    await world.sandbox.events.settle();
    const clustered = await signalsOf(world, [SHARED_CUSTOMER, ...CUSTOMERS]);
    expect(clustered.filter((s) => s.cluster_id === null)).toEqual([]);
    await page.reload();
    await triage.getByTestId('triage-tab-inbox').click();
    // Filtered to one customer: their cluster alone, and its signal in their words.
    // Typed, not Entered: the filter applies after a pause (Enter would apply it twice, and the second reload
    // closes a cluster opened in between).
    await triage.getByTestId('inbox-filter-customer').fill(SHARED_CUSTOMER);
    await triage.getByTestId('inbox-total').getByText('Showing 1 cluster', { exact: true }).waitFor();
    const sharedTitle = await triage.getByTestId('inbox-cluster-title').first().innerText();
    await openCluster(page, triage.getByTestId('inbox-cluster').first());
    await triage.getByTestId('inbox-signal-text').getByText(SHARED_WORDS, { exact: false }).waitFor();

    // And an imported customer's: the file's words, grouped.
    await triage.getByTestId('inbox-filter-customer').fill('Tarnwick Ferries');
    const imported = triage.getByTestId('inbox-cluster').filter({ hasNotText: sharedTitle }).first();
    await imported.waitFor();
    expect(await triage.getByTestId('inbox-cluster-title').filter({ hasText: sharedTitle }).count()).toBe(0);
    await openCluster(page, imported);
    await triage.getByTestId('inbox-signal-text').getByText('every ferry manifest for harbour reporting', { exact: false }).first().waitFor();
  } finally {
    await close();
  }
}, 120_000);

test('a file with bad rows and a batch that fails: refused rows listed with their reasons and downloadable, and the unsent rows sent on retry', async () => {
  const world = started();
  const { page, triage, close } = await openInbox(world);
  try {
    const lines = ['Customer;Feedback;ARR;Date'];
    for (let i = 0; i < 60; i += 1) lines.push(`Pellucid Looms ${i % 3};Loom ${i} drops the warp tension report after a restart;€ ${i + 1}.000;${String((i % 27) + 1).padStart(2, '0')}.11.2026`);
    lines.push(';A row with no customer;;');
    lines.push('Pellucid Looms 0;A row with ARR nobody can read;lots;');
    lines.push('Pellucid Looms 1;A row with one field too many;1k;;extra');
    // Every statement that stores signals fails until the storage retries give up: the first batch is not sent.
    world.sandbox.sqlLink.injectFault({ match: (req) => /insert into `signal`/i.test(req.body ?? ''), status: 503, times: 4 });

    await triage.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = triage.getByTestId('csv-import-dialog');
    await dialog.getByTestId('csv-file-input').setInputFiles({ name: 'looms.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n'), 'utf8') });
    await dialog.getByTestId('csv-preview').waitFor();
    await dialog.getByRole('button', { name: 'Import 62 rows' }).click();

    await dialog.getByTestId('csv-unsent-message').waitFor();
    expect(await dialog.getByTestId('csv-unsent-message').innerText()).toMatch(/rows 2–61 \(60 rows\) were not sent/);
    await dialog.getByRole('button', { name: 'Send the rest' }).click();
    await dialog.getByTestId('csv-summary').waitFor();
    expect(await dialog.getByTestId('csv-created').innerText()).toBe('60');
    expect(await dialog.getByTestId('csv-refused').innerText()).toBe('3');
    const refused = await dialog.getByTestId('csv-refused-rows').locator('tbody tr').allInnerTexts();
    expect(refused).toEqual([
      expect.stringMatching(/^62\s+The customer is empty\.$/),
      expect.stringMatching(/^63\s+The ARR “lots” is not a number/),
      expect.stringMatching(/^64\s+This row has 5 fields where the header has 4/),
    ]);

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download refused rows (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('looms - refused rows.csv');
    const file = await download.path();
    const text = (await import('node:fs')).readFileSync(file!, 'utf8');
    expect(text.startsWith('\ufeffWhy Upstream refused it,Customer,Feedback,ARR,Date')).toBe(true);
    expect(text).toContain('Row 63: The ARR “lots” is not a number');

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    const stored = await world.sandbox.asApp(() =>
      selectRows(db.selectFrom('signal').select(['arr', 'received_at']).where('customer', 'like', 'Pellucid Looms %').orderBy('received_at').compile()),
    );
    expect(stored).toHaveLength(60);
    // "€ 1.000" and "01.11.2026", as a European spreadsheet writes them.
    expect(stored.filter((s) => Number(s.arr) === 1_000).map((s) => Number(s.received_at))).toEqual([Date.parse('2026-11-01T00:00:00Z')]);
  } finally {
    world.sandbox.sqlLink.clearFaults();
    await close();
  }
}, 120_000);
