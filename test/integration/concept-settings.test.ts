/**
 * The concept list on the settings page, through the real resolver handler against the sandbox: Jira admins
 * only; what merges taught is marked as learned and pending pairs are shown; a save or reset made over a list
 * that changed meanwhile is `conflict` and writes nothing; problems are named per concept and word; the saved
 * list is what clustering uses at once; a value stored before learned words were recorded still reads.
 */
import { kvs } from '@forge/kvs';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { DEFAULT_CONCEPTS, learnFromMerge, MERGES_TO_LEARN } from '../../src/domain/concepts';
import type { WeightedTerm } from '../../src/domain/terms';
import { conceptListForClustering, forgetCachedConceptList, readConceptList, writeConceptList } from '../../src/store/concept-list-store';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { as, writesIn } from './work-type-helpers';
import { type Answer } from './resolver-answers';

type Concepts = { id: string; words: string[]; learnedWords: string[] }[];
interface Settings {
  concepts: Concepts;
  evidence: { a: string; b: string; count: number }[];
  mergesToLearn: number;
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

let sandbox: Sandbox;
const admin = () => as(SEED_USERS.admin, 'settings');
const engineer = () => as(SEED_USERS.engineer, 'settings');

const call = async <T = Settings>(who: ReturnType<typeof as>, key: string, payload: unknown): Promise<Answer<T>> =>
  (await sandbox.invoke(who, key, payload)) as Answer<T>;

async function get(): Promise<Settings> {
  const answer = await call(admin(), 'settings.concepts.get', {});
  if (!answer.ok) throw new Error(`settings.concepts.get failed: ${answer.error.message}`);
  return answer.data;
}

const edits = (settings: Settings) => settings.concepts.map(({ id, words }) => ({ id, words: [...words] }));
const terms = (...names: string[]): WeightedTerm[] => names.map((term) => ({ term, weight: 1 }));

/** What a confirmed merge does to the list (cluster-operations.ts): learn, then write through the store. */
async function confirmMerge(termsA: WeightedTerm[], termsB: WeightedTerm[]): Promise<void> {
  await sandbox.asApp(async () => {
    const current = await readConceptList();
    await writeConceptList(learnFromMerge(current.list, termsA, termsB), SEED_USERS.productLead);
  });
}

beforeAll(() => {
  sandbox = new Sandbox({ today: new Date('2026-11-26T10:00:00Z') });
  storageRetryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await sandbox.asApp(() => kvs.delete('settings:concept-list'));
  forgetCachedConceptList();
  sandbox.clearLogs();
});

describe('settings.concepts.get', () => {
  it('shows the shipped defaults until someone changes them', async () => {
    const settings = await get();
    expect(settings).toMatchObject({ isDefault: true, updatedAt: null, updatedBy: null, evidence: [], mergesToLearn: MERGES_TO_LEARN });
    expect(edits(settings)).toEqual(DEFAULT_CONCEPTS.concepts);
    expect(settings.concepts.every((concept) => concept.learnedWords.length === 0)).toBe(true);
  });

  it('is refused to anyone but a Jira admin, and so are save and reset, writing nothing', async () => {
    const read = await call(engineer(), 'settings.concepts.get', {});
    expect(read).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    sandbox.clearLogs();
    const save = await call(engineer(), 'settings.concepts.save', { concepts: [{ id: 'export', words: ['csv'] }], expectedUpdatedAt: null });
    const reset = await call(engineer(), 'settings.concepts.reset', { expectedUpdatedAt: null });
    expect(save).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(reset).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(writesIn(sandbox)).toEqual([]);
  });

  it('marks the words merges taught as learned, and lists the pairs still gathering evidence', async () => {
    for (let i = 0; i < MERGES_TO_LEARN; i++) await confirmMerge(terms('timesheet', 'shared'), terms('timecard', 'shared'));
    await confirmMerge(terms('invoice', 'shared'), terms('bill', 'shared'));
    // A word that joins an existing concept ("spreadsheet" is in export).
    for (let i = 0; i < MERGES_TO_LEARN; i++) await confirmMerge(terms('spreadsheet', 'both'), terms('tsv', 'both'));
    const settings = await get();
    expect(settings.isDefault).toBe(false);
    expect(settings.updatedBy).toBe('Hannah Okafor');
    expect(settings.concepts.find((c) => c.id === 'timecard')).toEqual({ id: 'timecard', words: ['timecard', 'timesheet'], learnedWords: ['timecard', 'timesheet'] });
    const exportConcept = settings.concepts.find((c) => c.id === 'export')!;
    expect(exportConcept.words).toContain('tsv');
    expect(exportConcept.learnedWords).toEqual(['tsv']);
    expect(settings.evidence).toEqual([{ a: 'bill', b: 'invoice', count: 1 }]);
  });
});

describe('settings.concepts.save', () => {
  it('saves the edited list, names who saved it, and clustering uses it at once', async () => {
    const before = await get();
    await sandbox.asApp(() => conceptListForClustering()); // this process now holds the defaults
    const concepts = [...edits(before).filter((c) => c.id !== 'weekday'), { id: 'payroll', words: ['payroll', 'pay run', 'payslip'] }];
    const answer = await call(admin(), 'settings.concepts.save', { concepts, expectedUpdatedAt: before.updatedAt });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.data).toMatchObject({ isDefault: false, updatedBy: 'Ingrid Solberg' });
    expect(new Date(answer.data.updatedAt!).toISOString()).toBe(answer.data.updatedAt);
    expect(edits(answer.data)).toEqual(concepts);
    const used = await sandbox.asApp(() => conceptListForClustering());
    expect(used.concepts.map((c) => c.id)).toContain('payroll');
    expect(used.concepts.map((c) => c.id)).not.toContain('weekday');
    expect(await get()).toEqual(answer.data);
  });

  it('refuses a save over a list a merge grew meanwhile (conflict), writing nothing; after a reload it saves', async () => {
    const loaded = await get();
    for (let i = 0; i < MERGES_TO_LEARN; i++) await confirmMerge(terms('rota', 'x'), terms('roster', 'x'));
    sandbox.clearLogs();
    const mine = [...edits(loaded), { id: 'holiday', words: ['holiday', 'vacation', 'leave'] }];
    const stale = await call(admin(), 'settings.concepts.save', { concepts: mine, expectedUpdatedAt: loaded.updatedAt });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!stale.ok) expect(stale.error.message).toMatch(/changed after you opened it/);
    expect(writesIn(sandbox)).toEqual([]);

    // The page reloads and applies the person's edit again over what the merge taught.
    const reloaded = await get();
    expect(reloaded.concepts.find((c) => c.id === 'roster')?.learnedWords).toEqual(['roster', 'rota']);
    const again = await call(admin(), 'settings.concepts.save', { concepts: [...edits(reloaded), mine.at(-1)!], expectedUpdatedAt: reloaded.updatedAt });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    // Learned words the admin kept stay marked; the admin's own words are theirs.
    expect(again.data.concepts.find((c) => c.id === 'roster')?.learnedWords).toEqual(['roster', 'rota']);
    expect(again.data.concepts.find((c) => c.id === 'holiday')?.learnedWords).toEqual([]);
  });

  it('keeps the evidence from merges, and drops the learned mark of a word the admin removed', async () => {
    for (let i = 0; i < MERGES_TO_LEARN; i++) await confirmMerge(terms('rota', 'x'), terms('roster', 'x'));
    await confirmMerge(terms('invoice', 'y'), terms('bill', 'y'));
    const loaded = await get();
    const concepts = edits(loaded).map((c) => (c.id === 'roster' ? { id: 'roster', words: ['roster', 'shift plan'] } : c));
    const answer = await call(admin(), 'settings.concepts.save', { concepts, expectedUpdatedAt: loaded.updatedAt });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.data.concepts.find((c) => c.id === 'roster')).toEqual({ id: 'roster', words: ['roster', 'shift plan'], learnedWords: ['roster'] });
    expect(answer.data.evidence).toEqual([{ a: 'bill', b: 'invoice', count: 1 }]);
  });

  it.each([
    ['a name used twice', [{ id: 'export', words: ['csv'] }, { id: 'export', words: ['xlsx'] }], 'concepts.1.id', /already a concept named export/],
    ['a word in two concepts', [{ id: 'export', words: ['csv', 'spreadsheet'] }, { id: 'sheet', words: ['Spreadsheets'] }], 'concepts.1.words.0', /already in the concept export/],
    ['a word twice in one concept', [{ id: 'export', words: ['csv', 'CSV'] }], 'concepts.0.words.1', /already in this concept/],
    ['a word with no letter or number', [{ id: 'export', words: ['csv', '--'] }], 'concepts.0.words.1', /letter or number/],
    ['a name that is not lowercase letters, numbers and dashes', [{ id: 'Export Stuff', words: ['csv'] }], 'concepts.0.id', /lowercase letters/],
    ['a word of one character', [{ id: 'export', words: ['x'] }], 'concepts.0.words.0', /at least 2 characters/],
    ['a concept with no words', [{ id: 'export', words: [] }], 'concepts.0.words', /at least one word/],
  ])('refuses %s with the field named, writing nothing', async (_what, concepts, path, message) => {
    const answer = await call(admin(), 'settings.concepts.save', { concepts, expectedUpdatedAt: null });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (answer.ok) return;
    expect(answer.error.fields?.[path]).toMatch(message);
    expect(writesIn(sandbox)).toEqual([]);
    expect((await get()).isDefault).toBe(true);
  });
});

describe('settings.concepts.reset', () => {
  it('goes back to the defaults and keeps the evidence; a stale reset is a conflict', async () => {
    for (let i = 0; i < MERGES_TO_LEARN; i++) await confirmMerge(terms('rota', 'x'), terms('roster', 'x'));
    await confirmMerge(terms('invoice', 'y'), terms('bill', 'y'));
    const loaded = await get();
    await confirmMerge(terms('invoice', 'z'), terms('bill', 'z'));
    sandbox.clearLogs();
    expect(await call(admin(), 'settings.concepts.reset', { expectedUpdatedAt: loaded.updatedAt })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(writesIn(sandbox)).toEqual([]);

    const current = await get();
    const answer = await call(admin(), 'settings.concepts.reset', { expectedUpdatedAt: current.updatedAt });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(edits(answer.data)).toEqual(DEFAULT_CONCEPTS.concepts);
    expect(answer.data).toMatchObject({ isDefault: true, updatedBy: 'Ingrid Solberg', evidence: [{ a: 'bill', b: 'invoice', count: 2 }] });
    expect(answer.data.concepts.every((c) => c.learnedWords.length === 0)).toBe(true);
  });
});

it('reads a list stored before learned words were recorded, and clustering still reads it', async () => {
  const list = { version: 1, concepts: [{ id: 'export', words: ['csv', 'excel'] }], evidence: [{ a: 'bill', b: 'invoice', count: 2 }] };
  await sandbox.asApp(() => kvs.set('settings:concept-list', { list, updatedAt: Date.parse('2026-11-20T09:00:00Z'), updatedBy: SEED_USERS.admin }));
  const settings = await get();
  expect(settings).toMatchObject({
    concepts: [{ id: 'export', words: ['csv', 'excel'], learnedWords: [] }],
    evidence: list.evidence,
    updatedAt: '2026-11-20T09:00:00.000Z',
    updatedBy: 'Ingrid Solberg',
    isDefault: false,
  });
  forgetCachedConceptList();
  expect(await sandbox.asApp(() => conceptListForClustering())).toEqual(list);
});
