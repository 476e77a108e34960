/**
 * The admin page's Concepts section in Chromium: edited from the keyboard (words added with Enter, a concept
 * added and named, a word removed) and saved; learned words and pairs gathering evidence shown as such; a
 * problem named beside the word and nothing saved; and a save over a list a merge grew meanwhile keeps the
 * person's edits, brings in what the merge taught, and saves on the second try.
 */
import { DEFAULT_CONCEPTS, learnFromMerge, MERGES_TO_LEARN } from '../../src/domain/concepts';
import type { WeightedTerm } from '../../src/domain/terms';
import { readConceptList, writeConceptList } from '../../src/store/concept-list-store';
import { kvs } from '@forge/kvs';
import { SEED_USERS } from '../sandbox/seed';
import { openPage, resolverData, signedInContext, surface, useWorld, type E2eWorld } from './harness';

interface Settings {
  concepts: { id: string; words: string[]; learnedWords: string[] }[];
  evidence: { a: string; b: string; count: number }[];
  updatedAt: string | null;
  updatedBy: string | null;
}

const started = useWorld();
const concepts = () => resolverData<Settings>(started(), 'admin', 'settings', 'settings.concepts.get', {});
const terms = (...names: string[]): WeightedTerm[] => names.map((term) => ({ term, weight: 1 }));

async function confirmMerge(world: E2eWorld, a: WeightedTerm[], b: WeightedTerm[]): Promise<void> {
  await world.sandbox.asApp(async () => {
    const current = await readConceptList();
    await writeConceptList(learnFromMerge(current.list, a, b), SEED_USERS.productLead);
  });
}

beforeEach(async () => {
  await started().sandbox.asApp(() => kvs.delete('settings:concept-list'));
});

async function openConcepts(world: E2eWorld) {
  const context = await signedInContext(world, 'admin');
  const page = await openPage(world, context, '#/admin');
  const settings = surface(page, 'Upstream settings');
  await settings.getByTestId('concepts-table').waitFor();
  return { context, page, settings };
}

test('words are added with Enter, a concept is added and named, a word removed, and Save stores exactly that', async () => {
  const { context, page, settings } = await openConcepts(started());
  try {
    await settings.getByTestId('concepts-status').getByText('Using the default concepts that ship with Upstream.').waitFor();
    const exportIndex = DEFAULT_CONCEPTS.concepts.findIndex((c) => c.id === 'export');
    const exportWords = settings.getByTestId('concept-row').nth(exportIndex);
    await settings.getByTestId(`concept-word-input-${exportIndex}`).fill('tsv');
    await page.keyboard.press('Enter');
    await exportWords.getByText('tsv', { exact: true }).waitFor();
    await settings.getByRole('button', { name: 'Remove dump from export' }).click();
    await settings.getByTestId('concepts-dirty').getByText('Unsaved changes').waitFor();

    await settings.getByTestId('concepts-add').click();
    // The new concept's name field has focus: name it, Tab to its words, add two at once with a comma list.
    await page.keyboard.type('payroll');
    await page.keyboard.press('Tab');
    await page.keyboard.type('payroll, pay run');
    await page.keyboard.press('Enter');
    const last = settings.getByTestId('concept-row').last();
    await last.getByText('pay run', { exact: true }).waitFor();

    await settings.getByTestId('concepts-save').click();
    await settings.getByTestId('concepts-status').getByText(/Saved .* by Ingrid Solberg\./).waitFor();
    const stored = await concepts();
    expect(stored.concepts.find((c) => c.id === 'export')?.words).toEqual([...DEFAULT_CONCEPTS.concepts[exportIndex]!.words.filter((w) => w !== 'dump'), 'tsv']);
    expect(stored.concepts.at(-1)).toEqual({ id: 'payroll', words: ['payroll', 'pay run'], learnedWords: [] });
    expect(stored.updatedBy).toBe('Ingrid Solberg');
  } finally {
    await context.close();
  }
}, 90_000);

test('learned words say how they were learned, and pairs gathering evidence say how far they are', async () => {
  for (let i = 0; i < MERGES_TO_LEARN; i++) await confirmMerge(started(), terms('rota', 'x'), terms('roster', 'x'));
  await confirmMerge(started(), terms('invoice', 'y'), terms('bill', 'y'));
  const { context, settings } = await openConcepts(started());
  try {
    const roster = settings.getByTestId('concept-row').last();
    expect(await roster.getByTestId('concept-name-' + String(DEFAULT_CONCEPTS.concepts.length)).inputValue()).toBe('roster');
    expect(await roster.getByTestId('concept-word-learned').allTextContents()).toEqual([`learned from ${MERGES_TO_LEARN} merges`, `learned from ${MERGES_TO_LEARN} merges`]);
    await settings.getByTestId('concept-pair').getByText(`bill ↔ invoice: seen in 1 of ${MERGES_TO_LEARN} merges needed`).waitFor();
  } finally {
    await context.close();
  }
}, 90_000);

test('a word already in another concept is named beside it, and nothing is saved', async () => {
  const { context, page, settings } = await openConcepts(started());
  try {
    const loginIndex = DEFAULT_CONCEPTS.concepts.findIndex((c) => c.id === 'login');
    await settings.getByTestId(`concept-word-input-${loginIndex}`).fill('Spreadsheets');
    await page.keyboard.press('Enter');
    await settings.getByTestId('concepts-save').click();
    await settings.getByTestId('concept-error').getByText(/“Spreadsheets”: Already in the concept export as “spreadsheet”/).waitFor();
    await settings.getByTestId('concepts-dirty').getByText(/1 problem to fix/).waitFor();
    expect((await concepts()).updatedAt).toBeNull();
  } finally {
    await context.close();
  }
}, 90_000);

test('a save over a list a merge grew meanwhile keeps the edits, brings in what the merge taught, and saves the second time', async () => {
  const { context, page, settings } = await openConcepts(started());
  try {
    const exportIndex = DEFAULT_CONCEPTS.concepts.findIndex((c) => c.id === 'export');
    await settings.getByTestId(`concept-word-input-${exportIndex}`).fill('tsv');
    await page.keyboard.press('Enter');
    // Meanwhile, three confirmed merges teach the list a new concept.
    for (let i = 0; i < MERGES_TO_LEARN; i++) await confirmMerge(started(), terms('rota', 'x'), terms('roster', 'x'));

    await settings.getByTestId('concepts-save').click();
    await settings.getByTestId('concepts-notice').getByText(/changed while you were editing it .*Your edits are kept and the one word or concept it gained was added/).waitFor();
    await settings.getByTestId('concept-row').nth(exportIndex).getByText('tsv', { exact: true }).waitFor();
    await settings.getByTestId('concept-row').last().getByText('roster', { exact: true }).waitFor();
    expect((await concepts()).concepts.find((c) => c.id === 'export')?.words).not.toContain('tsv');

    await settings.getByTestId('concepts-save').click();
    await settings.getByTestId('concepts-notice').getByText('Concepts saved. Clustering uses them for the next signals.').waitFor();
    const stored = await concepts();
    expect(stored.concepts.find((c) => c.id === 'export')?.words).toContain('tsv');
    expect(stored.concepts.find((c) => c.id === 'roster')).toEqual({ id: 'roster', words: ['roster', 'rota'], learnedWords: ['roster', 'rota'] });
  } finally {
    await context.close();
  }
}, 90_000);
