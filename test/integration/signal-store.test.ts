/**
 * Signals in Forge SQL through the app's repository, on the sandbox's MariaDB: whatever a customer wrote comes
 * back byte for byte, a delivery creates one row however often and however concurrently it arrives, and a row
 * that no longer matches its schema is reported by id, left out of list reads and refused by the single read.
 */
import { sql } from '@forge/sql';
import mysql from 'mysql2/promise';
import { Sandbox } from '../sandbox/sandbox';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { UnreadableRecordError } from '../../src/store/stored-record';
import { createSignalOnce, getSignal, signalKey, type StoredSignal } from '../../src/store/signal-repository';
import { getSignals, recentSignals } from '../../src/store/signal-reads';

const today = new Date('2026-11-26T10:00:00Z');
const nowSeconds = Math.floor(today.getTime() / 1000);
let sandbox: Sandbox;
let warnings: string[];

beforeAll(() => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  warnings = [];
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  });
});
afterEach(() => jest.restoreAllMocks());

const app = <T>(work: () => Promise<T>): Promise<T> => sandbox.asApp(work);
const signal = (externalId: string, overrides: Partial<StoredSignal> = {}): StoredSignal => ({
  externalId,
  source: 'form',
  state: 'new',
  receivedAt: nowSeconds,
  customer: 'Tidewater',
  text: 'Checkout fails for reissued cards.',
  raisedByName: 'Feedback form',
  ...overrides,
});
/** Runs a statement the app itself never sends (a hand edit, a bad migration) as the app, on the DML endpoint. */
const statement = (query: string, ...params: (string | number | null)[]) => app(() => sql.prepare(query).bindParams(...params).execute());
const rowsFor = async (externalId: string): Promise<number> => {
  const result = await statement('SELECT COUNT(*) AS n FROM `signal` WHERE source = ? AND external_id = ?', 'form', externalId);
  return Number((result.rows as unknown as { n: string | number }[])[0].n);
};
const reported = (id: string, column: string) => expect.stringMatching(new RegExp(`^stored signal ${id} does not match its schema: ${column}: `));

describe('what a customer wrote', () => {
  const awkward: Array<[string, string]> = [
    ['quotes and backslashes', `She said "it's broken" \\ twice: \\'\\"\\\\ and a trailing backslash \\`],
    ['4-byte UTF-8', 'Payouts 💸 arrive late 🐢🇸🇪 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 中文, עברית, e\u0301'],
    ['SQL fragments', "'); DROP TABLE signal; -- \" OR 1=1; /* */ `signal`; SELECT * FROM `signal` WHERE '1'='1"],
    ['control characters', 'tab\there\r\nnew line\u0001\u0007\b\u000b\f\u001b[31mred\u001b[0m\u007f\u0085\u2028\u2029'],
    ['100 KB of text', 'Ünïcödé and ascii, over and over. 🙃\n'.repeat(2800)],
  ];

  it.each(awkward)('%s: stored and read back byte for byte', async (what, text) => {
    const externalId = `awkward-${what.replace(/\W+/g, '-')}`;
    // By code point: a cut through an emoji's surrogate pair would not be text at all.
    const customer = `O'Hara & "Sons" \\ ${Array.from(text).slice(0, 40).join('')}`;
    const id = signalKey('form', externalId);
    expect(await app(() => createSignalOnce(signal(externalId, { text, customer, raisedByEmail: "o'hara@example.com", arr: 1234.5 })))).toEqual({ id, created: true });

    const single = await app(() => getSignal(id));
    const listed = (await app(() => getSignals([id]))).get(id);
    for (const read of [single, listed]) {
      expect(Buffer.from(read!.text, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(read).toMatchObject({ externalId, customer, raisedByEmail: "o'hara@example.com", arr: 1234.5, receivedAt: nowSeconds });
    }
    expect(warnings).toEqual([]);
  });

  it('the table still holds every signal after the SQL fragment was stored', async () => {
    expect(await rowsFor('awkward-SQL-fragments')).toBe(1);
    expect((await app(() => recentSignals('new', 50))).length).toBe(awkward.length);
  });

  it('keeps receivedAt in seconds for callers and in milliseconds in the table', async () => {
    const id = signalKey('form', 'awkward-SQL-fragments');
    const result = await statement('SELECT received_at FROM `signal` WHERE id = ?', id);
    expect(Number((result.rows as unknown as { received_at: string }[])[0].received_at)).toBe(nowSeconds * 1000);
  });
});

describe('one row per delivery', () => {
  it('a second delivery is a duplicate and leaves the first as it was', async () => {
    const first = await app(() => createSignalOnce(signal('dup-1', { text: 'first' })));
    const again = await app(() => createSignalOnce(signal('dup-1', { text: 'second' })));
    expect(first).toEqual({ id: signalKey('form', 'dup-1'), created: true });
    expect(again).toEqual({ id: first.id, created: false });
    expect(await rowsFor('dup-1')).toBe(1);
    expect(await app(() => getSignal(first.id))).toMatchObject({ text: 'first' });
  });

  it('ten concurrent deliveries of the same signal create it exactly once', async () => {
    const answers = await app(() => Promise.all(Array.from({ length: 10 }, (_, n) => createSignalOnce(signal('concurrent-1', { text: `delivery ${n}` })))));
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.id))).toEqual(new Set([signalKey('form', 'concurrent-1')]));
    expect(await rowsFor('concurrent-1')).toBe(1);
  });
});

describe('a row that no longer matches its schema', () => {
  // Newer than every other 'new' signal, so it would sit first in the state's page.
  const later = nowSeconds + 3600;

  it('an emptied state is reported by id, left out of list reads, and refused by getSignal', async () => {
    const id = signalKey('form', 'emptied-state');
    const neighbour = signalKey('form', 'emptied-state-neighbour');
    await app(() => createSignalOnce(signal('emptied-state', { receivedAt: later })));
    await app(() => createSignalOnce(signal('emptied-state-neighbour', { receivedAt: later - 1 })));
    // A blank state takes the row out of the page of 'new'; the page of '' is the list read that still meets it.
    await statement("UPDATE `signal` SET state = '' WHERE id = ?", id);

    const byId = await app(() => getSignals([id, neighbour]));
    expect([...byId.keys()]).toEqual([neighbour]);
    expect(await app(() => recentSignals('', 10))).toEqual([]);
    await expect(app(() => getSignal(id))).rejects.toBeInstanceOf(UnreadableRecordError);
    // A redelivery must not call an unreadable row a duplicate either.
    await expect(app(() => createSignalOnce(signal('emptied-state')))).rejects.toMatchObject({ name: 'UnreadableRecordError', kind: 'signal', id });
    expect(warnings).toEqual([reported(id, 'state'), reported(id, 'state'), reported(id, 'state'), reported(id, 'state')]);
  });

  describe('arr that is not a number', () => {
    // A database of its own: the column's type is changed under the app, as a bad migration or hand edit would.
    let own: Sandbox;
    beforeAll(async () => {
      own = new Sandbox({ today });
      await own.asApp(() => getSignal('warm-up'));
      const info = await own.sql.connectionInfo();
      const root = await mysql.createConnection({ socketPath: info.socketPath, user: info.user, database: info.database });
      try {
        await root.query('ALTER TABLE `signal` MODIFY `arr` VARCHAR(32) NULL');
      } finally {
        await root.end();
      }
    });
    afterAll(() => own.close());

    it('is reported by id, left out of the page and of getSignals, and refused by getSignal', async () => {
      const id = signalKey('form', 'arr-text');
      const good = signalKey('form', 'arr-good');
      await own.asApp(() => createSignalOnce(signal('arr-text', { receivedAt: later, arr: 1000 })));
      await own.asApp(() => createSignalOnce(signal('arr-good', { receivedAt: later - 1, arr: 2000 })));
      await own.asApp(() => sql.prepare("UPDATE `signal` SET arr = 'about a million' WHERE id = ?").bindParams(id).execute());

      const page = await own.asApp(() => recentSignals('new', 10));
      expect(page.map((s) => s.id)).toEqual([good]);
      expect(page[0].arr).toBe(2000);
      expect([...(await own.asApp(() => getSignals([id, good]))).keys()]).toEqual([good]);
      await expect(own.asApp(() => getSignal(id))).rejects.toMatchObject({ name: 'UnreadableRecordError', kind: 'signal', id });
      expect(warnings).toEqual([reported(id, 'arr'), reported(id, 'arr'), reported(id, 'arr')]);
    });
  });
});
