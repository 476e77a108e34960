/**
 * The two intake channels of the triage page, through the resolver keys as the browser calls them: "Share a
 * signal" (`signals.share`, once per draft's submission id; `signals.customers` for its customer search) and CSV
 * import (`signals.importCsv`, once per row across imports, a bad row refusing only itself). Every new signal is
 * handed to processing and ends clustered once the queue settles.
 */
import { randomUUID } from 'node:crypto';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { clock } from '../../src/services/clock';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { CSV_IMPORT_BATCH_ROWS } from '../../src/contract/signals';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
const realNow = clock.now;
const realSleep = storageRetryPolicy.sleep;

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  clock.now = () => new Date(today);
});
afterAll(async () => {
  clock.now = realNow;
  storageRetryPolicy.sleep = realSleep;
  await sandbox.close();
});

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
type ImportResult = { rowNumber: number | null; outcome: 'created' | 'duplicate' | 'refused'; signalId: string | null; error: string | null };

const call = async <T>(key: string, payload: Record<string, unknown>, accountId: string = SEED_USERS.productLead): Promise<Envelope<T>> =>
  (await sandbox.invoke({ accountId, moduleKey: 'triage-queue', extension: { project: { key: 'PAY' } } }, key, payload)) as Envelope<T>;

const ok = <T>(answer: Envelope<T>): T => {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.error.code}: ${answer.error.message}`);
  return answer.data;
};

const share = (input: Record<string, unknown>, accountId?: string) => call<{ signalId: string; created: boolean }>('signals.share', { projectKey: 'PAY', ...input }, accountId);
const importRows = (rows: unknown[], fileName = 'feedback.csv') => call<{ results: ImportResult[] }>('signals.importCsv', { projectKey: 'PAY', fileName, rows });
const customers = (query: string) => call<{ customers: Array<{ name: string; arr: number | null; signalCount: number }> }>('signals.customers', { projectKey: 'PAY', query });

const signalRow = (id: string) =>
  sandbox.asApp(async () => (await selectRows(db.selectFrom('signal').selectAll().where('id', '=', id).compile()))[0]);
const signalCount = () => sandbox.asApp(async () => Number((await selectRows(db.selectFrom('signal').select((eb) => eb.fn.countAll().as('n')).compile()))[0]!.n));

async function importAll(rows: unknown[], fileName?: string): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (let start = 0; start < rows.length; start += CSV_IMPORT_BATCH_ROWS) results.push(...ok(await importRows(rows.slice(start, start + CSV_IMPORT_BATCH_ROWS), fileName)).results);
  return results;
}

const TOPICS = [
  (n: number) => `We need to export invoices to CSV for the quarter-end reconciliation (${n})`,
  (n: number) => `Finance asks for a CSV export of paid invoices every month, team ${n}`,
  (n: number) => `Payouts to suppliers in region ${n} arrive two days late`,
  (n: number) => `Supplier payouts are delayed by two days for entity ${n}`,
  (n: number) => `The card reader in store ${n} declines contactless payments above the limit`,
];
const CUSTOMERS = ['Brightwater Logistics', 'Meridian Health Partners', 'Acme Robotics', 'Harbour Freight Co', 'Northwind Clinics'];

/** A file's 50 rows as the browser maps them: row numbers from 2 (the header is line 1). */
const fiftyRows = () =>
  Array.from({ length: 50 }, (_, i) => ({
    rowNumber: i + 2,
    customer: CUSTOMERS[i % CUSTOMERS.length],
    text: TOPICS[i % TOPICS.length]!(i),
    arr: 10_000 * ((i % 7) + 1),
    raisedBy: i % 3 === 0 ? 'Marcus Bell' : undefined,
    receivedAt: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
  })).map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)));

/**
 * Counts the import's own statements by their shape (the queue's consumer runs meanwhile and sends its own): a
 * fault that never fires sees every request's body.
 */
function countImportStatements(): { select: number; insertSignals: number; insertOutbox: number } {
  const counts = { select: 0, insertSignals: 0, insertOutbox: 0 };
  sandbox.sqlLink.injectFault({
    status: 503,
    times: Infinity,
    match: (req) => {
      const query = String((JSON.parse(req.body ?? '{}') as { query?: unknown }).query ?? '');
      if (/^select `id`, `cluster_id`, `clustered_at` from `signal`/i.test(query)) counts.select += 1;
      if (/^insert into `signal`/i.test(query)) counts.insertSignals += 1;
      if (/^insert into `outbox`/i.test(query)) counts.insertOutbox += 1;
      return false;
    },
  });
  return counts;
}

async function settleAndReadUnclustered(ids: readonly string[]): Promise<string[]> {
  await sandbox.events.settle();
  const rows = await sandbox.asApp(() => selectRows(db.selectFrom('signal').select(['id', 'cluster_id', 'clustered_at']).where('id', 'in', [...ids]).compile()));
  expect(rows).toHaveLength(ids.length);
  return rows.filter((r) => r.cluster_id === null || r.clustered_at === null).map((r) => r.id);
}

describe('Share a signal', () => {
  it('stores one signal per draft: a double submit answers the same signal, not created', async () => {
    const submissionId = randomUUID();
    const draft = {
      submissionId,
      customer: 'Brightwater Logistics',
      arr: 184_000,
      text: 'We cannot split one invoice across two cost centres',
      tryingTo: 'Charge the warehouse and the fleet separately',
      link: 'https://crm.example.com/notes/8841',
    };
    const [first, second] = await Promise.all([share(draft), share(draft)]);
    const answers = [ok(first), ok(second)];
    expect(answers[0]!.signalId).toBe(answers[1]!.signalId);
    expect(answers.map((a) => a.created).sort()).toEqual([false, true]);
    const again = ok(await share(draft));
    expect(again).toEqual({ signalId: answers[0]!.signalId, created: false });

    const row = await signalRow(again.signalId);
    expect(row).toMatchObject({
      source: 'form',
      external_id: `form:${submissionId}`,
      customer: 'Brightwater Logistics',
      raised_by_name: 'Hannah Okafor',
      raised_by_account_id: SEED_USERS.productLead,
      text: 'We cannot split one invoice across two cost centres\n\nTrying to: Charge the warehouse and the fleet separately',
    });
    expect(Number(row!.arr)).toBe(184_000);
    expect(JSON.parse(String(row!.raw_payload))).toMatchObject({ link: 'https://crm.example.com/notes/8841', tryingTo: 'Charge the warehouse and the fleet separately', sharedByAccountId: SEED_USERS.productLead });
    expect(await settleAndReadUnclustered([again.signalId])).toEqual([]);
  });

  it('records who raised it when it was someone else, by their Jira name', async () => {
    const answer = ok(await share({ submissionId: randomUUID(), customer: 'Acme Robotics', text: 'Reps cannot see refunds in the customer timeline', raisedByAccountId: SEED_USERS.sales }));
    expect(await signalRow(answer.signalId)).toMatchObject({ raised_by_name: 'Marcus Bell', raised_by_account_id: SEED_USERS.sales, arr: null });
  });

  it('refuses a draft without their words, an unknown person or a bad link, and stores nothing', async () => {
    const before = await signalCount();
    const empty = await share({ submissionId: randomUUID(), customer: 'Acme Robotics', text: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { text: 'Write what the customer said, in their words.' } } });
    const link = await share({ submissionId: randomUUID(), customer: 'Acme Robotics', text: 'Words', link: 'crm.example.com/x' });
    expect(link).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const nobody = await share({ submissionId: randomUUID(), customer: 'Acme Robotics', text: 'Words', raisedByAccountId: 'no-such-account' });
    expect(nobody).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await signalCount()).toBe(before);
  });
});

describe('CSV import', () => {
  it('stores a 50-row file as 50 signals, all clustered; importing it again, in another order, creates none', async () => {
    const before = await signalCount();
    const rows = fiftyRows();
    const statements = countImportStatements();
    const results = await importAll(rows);
    sandbox.sqlLink.clearFaults();
    expect(results.map((r) => r.outcome)).toEqual(rows.map(() => 'created'));
    expect(results.map((r) => r.rowNumber)).toEqual(rows.map((r) => r.rowNumber));
    expect(await signalCount()).toBe(before + 50);
    // One SELECT (what is already there), one INSERT for the batch, then one outbox INSERT per created row.
    console.log(`CSV import of 50 rows: ${JSON.stringify(statements)}`);
    expect(statements).toEqual({ select: 1, insertSignals: 1, insertOutbox: 50 });
    const ids = results.map((r) => r.signalId!);
    expect(await settleAndReadUnclustered(ids)).toEqual([]);

    const again = await importAll(rows);
    expect(again.filter((r) => r.outcome === 'created')).toEqual([]);
    expect(again.map((r) => r.signalId)).toEqual(ids);

    // Re-saved: rows in reverse order (so new row numbers), spacing and case changed, the date written as a time.
    const resaved = [...rows].reverse().map((row, i) => ({
      ...row,
      rowNumber: i + 2,
      text: `  ${String(row.text).toUpperCase()} `,
      receivedAt: `${String(row.receivedAt)}T00:00:00Z`,
    }));
    const third = await importAll(resaved, 'feedback (re-saved).csv');
    expect(third.map((r) => r.outcome)).toEqual(resaved.map(() => 'duplicate'));
    expect(new Set(third.map((r) => r.signalId))).toEqual(new Set(ids));
    expect(await signalCount()).toBe(before + 50);

    const stored = await signalRow(ids[0]!);
    expect(stored).toMatchObject({ source: 'csv', customer: 'Brightwater Logistics', raised_by_name: 'Marcus Bell', received_at: String(Date.parse('2026-10-01T00:00:00Z')) });
    const byImporter = await signalRow(ids[1]!);
    expect(byImporter).toMatchObject({ raised_by_name: 'Hannah Okafor', raised_by_account_id: SEED_USERS.productLead });
  });

  it('uses the file’s own id column when it has one', async () => {
    const row = { rowNumber: 2, externalId: 'zendesk-export-77', customer: 'Harbour Freight Co', text: 'Bulk refunds time out' };
    const [first] = ok(await importRows([row])).results;
    expect(first).toMatchObject({ outcome: 'created' });
    expect(await signalRow(first!.signalId!)).toMatchObject({ external_id: 'zendesk-export-77' });
    // Same id, edited text: still the same signal.
    const [second] = ok(await importRows([{ ...row, text: 'Bulk refunds time out after 30 s' }])).results;
    expect(second).toMatchObject({ outcome: 'duplicate', signalId: first!.signalId });
  });

  it('refuses bad rows one by one, with their row number and what is wrong, and stores the rest', async () => {
    const before = await signalCount();
    const rows: unknown[] = [
      { rowNumber: 2, customer: 'Acme Robotics', text: 'Dispute notifications go to the wrong inbox', arr: 52_000 },
      { rowNumber: 3, customer: '', text: 'No customer on this one' },
      { rowNumber: 4, customer: 'Acme Robotics', text: 'Negative ARR', arr: -5 },
      { rowNumber: 5, customer: 'Acme Robotics', text: 'A date nobody can read', receivedAt: '31/31/2026' },
      'not a row at all',
      { rowNumber: 7, customer: 'Acme Robotics', text: 'Has an extra field', colour: 'red' },
      { rowNumber: 8, customer: 'Northwind Clinics', text: 'Statements should show the clinic branch' },
      // The same content twice in one batch: stored once, the second is a duplicate of the first.
      { rowNumber: 9, customer: 'Northwind Clinics', text: 'Statements should show the clinic branch' },
      { rowNumber: 10, customer: 'Acme Robotics', text: 'Dated before Upstream could exist', receivedAt: '0001-01-01' },
      { rowNumber: 11, customer: 'Acme Robotics', text: 'Dated next year', receivedAt: '2027-11-26' },
    ];
    const results = ok(await importRows(rows)).results;
    expect(results.map((r) => [r.rowNumber, r.outcome])).toEqual([
      [2, 'created'],
      [3, 'refused'],
      [4, 'refused'],
      [5, 'refused'],
      [null, 'refused'],
      [7, 'refused'],
      [8, 'created'],
      [9, 'duplicate'],
      [10, 'refused'],
      [11, 'refused'],
    ]);
    expect(results[1]!.error).toBe('The customer is empty.');
    expect(results[2]!.error).toBe('ARR cannot be negative.');
    expect(results[3]!.error).toMatch(/date/);
    expect(results[4]!.error).toBe('The row is not a set of named fields.');
    expect(results[5]!.error).toMatch(/colour/);
    expect(results[7]!.signalId).toBe(results[6]!.signalId);
    expect(results[8]!.error).toBe('The date 0001-01-01 is before 1970: check the year.');
    expect(results[9]!.error).toMatch(/^The date 2027-11-26 is in the future/);
    expect(await signalCount()).toBe(before + 2);
    expect(await settleAndReadUnclustered([results[0]!.signalId!, results[6]!.signalId!])).toEqual([]);
  });
});

describe('access', () => {
  it('refuses someone who cannot browse the project, and stores nothing', async () => {
    const before = await signalCount();
    const asRestricted = (key: string, payload: Record<string, unknown>) => call(key, { projectKey: 'OPS', ...payload }, SEED_USERS.restricted);
    expect(await asRestricted('signals.share', { submissionId: randomUUID(), customer: 'Acme Robotics', text: 'Hidden' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await asRestricted('signals.importCsv', { fileName: 'x.csv', rows: [{ rowNumber: 2, customer: 'Acme Robotics', text: 'Hidden' }] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await asRestricted('signals.customers', { query: 'acme' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await signalCount()).toBe(before);
  });
});

describe('customers for the form', () => {
  it('answers the customers signals name, matching anywhere in the name, starts first, with their latest ARR and count', async () => {
    // Acme Robotics: 10 rows from the file, the shared one, the two good rows above: ARR from its newest signal with one.
    const latest = ok(await importRows([{ rowNumber: 2, customer: 'Acme Robotics', text: 'Newest Acme note', arr: 99_000, receivedAt: '2026-11-26T11:00:00Z' }])).results[0]!;
    expect(latest.outcome).toBe('created');
    const acme = ok(await customers('acme')).customers;
    expect(acme[0]).toMatchObject({ name: 'Acme Robotics', arr: 99_000 });
    expect(acme[0]!.signalCount).toBeGreaterThanOrEqual(12);

    const co = ok(await customers('CO')).customers.map((c) => c.name);
    // "Co" starts no name but is inside several; names starting with the query would come first.
    expect(co).toEqual(expect.arrayContaining(['Harbour Freight Co']));
    const north = ok(await customers('north')).customers.map((c) => c.name);
    expect(north[0]).toBe('Northwind Clinics');
    expect(ok(await customers('%')).customers).toEqual([]);
    expect(ok(await customers('')).customers.length).toBeGreaterThanOrEqual(5);
    expect(ok(await customers('')).customers.length).toBeLessThanOrEqual(20);
  });
});
