/**
 * The concept list (src/domain/concepts.ts): matching words and phrases to concepts, the stored setting's schema,
 * and learning synonyms from confirmed merges (only after MERGES_TO_LEARN of them).
 */
import fc from 'fast-check';
import { conceptListSchema } from '../../scripts/signals';
import {
  conceptHits,
  DEFAULT_CONCEPTS,
  learnFromMerge,
  MERGES_TO_LEARN,
  type ConceptList,
} from '../../src/domain/concepts';
import { signalFeatures, wordsOfTerms } from '../../src/domain/signal-features';
import type { WeightedTerm } from '../../src/domain/terms';

const t = (...terms: string[]): WeightedTerm[] => terms.map((term) => ({ term, weight: 1 }));
const ids = (text: string, list: ConceptList = DEFAULT_CONCEPTS) => conceptHits(text, list).map((h) => h.id);

describe('DEFAULT_CONCEPTS', () => {
  it('is a valid stored concept list, each word in one concept only', () => {
    expect(conceptListSchema.parse(DEFAULT_CONCEPTS)).toEqual(DEFAULT_CONCEPTS);
    const seen = new Map<string, string>();
    for (const concept of DEFAULT_CONCEPTS.concepts) {
      for (const word of concept.words) {
        expect([word, seen.get(word) ?? concept.id]).toEqual([word, concept.id]);
        seen.set(word, concept.id);
      }
    }
  });

  it.each([
    ['Can we get the report as a spreadsheet?', ['export', 'report']],
    ['Exporting to XLSX fails', ['export']],
    ['Single sign-on with Okta please', ['login']],
    ['The Android app lags on the dashboard', ['mobile', 'performance', 'report']],
    ['Dark mode!', ['theme']],
    ['Bulk edit 200 tasks at once', ['bulk']],
    ['Webhooks for new comments', ['api']],
    ['Translate the portal into Spanish', ['localisation']],
  ])('%s → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('matches inflected words and phrases on the tokenizer’s terms', () => {
    expect(conceptHits('Spreadsheets, CSVs and downloads; dark   modes', DEFAULT_CONCEPTS)).toEqual([
      { id: 'export', count: 3, words: ['csv', 'download', 'spreadsheet'] },
      { id: 'theme', count: 1, words: ['dark mode'] },
    ]);
  });
});

describe('conceptListSchema', () => {
  it('refuses bad ids, empty words and a concept listed twice', () => {
    expect(conceptListSchema.safeParse({ version: 1, concepts: [{ id: 'Export!', words: ['csv'] }] }).success).toBe(false);
    expect(conceptListSchema.safeParse({ version: 1, concepts: [{ id: 'export', words: ['!!'] }] }).success).toBe(false);
    expect(conceptListSchema.safeParse({ version: 1, concepts: [{ id: 'x', words: ['ab'] }, { id: 'x', words: ['cd'] }] }).success).toBe(false);
    expect(conceptListSchema.safeParse({ version: 1, concepts: [{ id: 'x'.repeat(64), words: ['ab'] }] }).success).toBe(false);
  });

  it('reports every issue with its path', () => {
    const result = conceptListSchema.safeParse({ version: 2, concepts: [{ id: 'ok', words: ['fine', 'x'] }, { id: 'Bad' }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toEqual([['version'], ['concepts', 0, 'words', 1], ['concepts', 1, 'id'], ['concepts', 1, 'words']]);
  });

  it('defaults the evidence to none', () => {
    expect(conceptListSchema.parse({ version: 1, concepts: [{ id: 'export', words: ['csv'] }] }).evidence).toEqual([]);
  });
});

describe('learnFromMerge', () => {
  const base: ConceptList = { version: 1, concepts: [{ id: 'export', words: ['export', 'csv'] }], evidence: [] };

  it(`makes two distinguishing words synonyms only after ${MERGES_TO_LEARN} confirmed merges`, () => {
    let list = base;
    for (let merge = 1; merge < MERGES_TO_LEARN; merge++) {
      list = learnFromMerge(list, t('timesheet', 'hours', 'shared'), t('timecard', 'shared'));
      expect(list.concepts).toEqual(base.concepts);
      expect(list.evidence).toContainEqual({ a: 'timecard', b: 'timesheet', count: merge });
    }
    list = learnFromMerge(list, t('timesheet', 'shared'), t('timecard', 'shared'));
    expect(list.concepts).toContainEqual({ id: 'timecard', words: ['timecard', 'timesheet'] });
    expect(list.evidence.find((e) => e.a === 'timecard' && e.b === 'timesheet')).toBeUndefined();
    expect(conceptListSchema.safeParse(list).success).toBe(true);
    // …and then the two wordings share a concept term.
    expect(signalFeatures('Timecard totals', list).concepts).toEqual(['timecard']);
    expect(signalFeatures('timesheet totals', list).concepts).toEqual(['timecard']);
  });

  it('adds a word to the concept its partner is in', () => {
    let list = base;
    for (let i = 0; i < MERGES_TO_LEARN; i++) list = learnFromMerge(list, t('csv'), t('tsv'));
    expect(list.concepts).toEqual([{ id: 'export', words: ['export', 'csv', 'tsv'] }]);
    expect(ids('Give us TSV files', list)).toEqual(['export']);
  });

  it('never joins two concepts, ignores shared words, concept terms, numbers and words already synonyms', () => {
    let list: ConceptList = { version: 1, concepts: [{ id: 'export', words: ['csv'] }, { id: 'login', words: ['sso'] }], evidence: [] };
    for (let i = 0; i < MERGES_TO_LEARN + 1; i++) list = learnFromMerge(list, t('csv', 'both', '~export', '2024', 'xlsx'), t('sso', 'both', '~login', '2025', 'xlsx'));
    expect(list.concepts).toEqual([{ id: 'export', words: ['csv'] }, { id: 'login', words: ['sso'] }]);
    expect(list.evidence).toEqual([]);
  });

  it('counts only the five heaviest distinguishing words of each side, and does not change the list it is given', () => {
    const a = Array.from({ length: 8 }, (_, i) => ({ term: `alpha${i}`, weight: 1 + i }));
    const before = JSON.stringify(base);
    const list = learnFromMerge(base, a, t('beta'));
    expect(list.evidence.map((e) => e.a).sort()).toEqual(['alpha3', 'alpha4', 'alpha5', 'alpha6', 'alpha7']);
    expect(JSON.stringify(base)).toBe(before);
  });

  it('is deterministic and always gives a list the schema accepts', () => {
    const terms = fc.array(fc.record({ term: fc.oneof(fc.constantFrom('csv', 'tsv', 'sso', 'report', '~x'), fc.string({ minLength: 1, maxLength: 70 })), weight: fc.double({ min: 0.5, max: 4, noNaN: true }) }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(terms, terms), { maxLength: 6 }), (merges) => {
        let list = base;
        let again = base;
        for (const [a, b] of merges) {
          list = learnFromMerge(list, a, b);
          again = learnFromMerge(again, a, b);
        }
        expect(again).toEqual(list);
        const parsed = conceptListSchema.safeParse(list);
        if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues[0]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('learnFromMerge in the words people wrote', () => {
  const empty: ConceptList = { version: 1, concepts: [], evidence: [] };
  const textsA = ['Halcyon wants invoices as a spreadsheet', 'Halcyon again: invoices to a spreadsheet please'];
  const textsB = ['Need a download of the ledger', 'Ledger download every month'];
  const termsOfTexts = (texts: string[]) => texts.flatMap((text) => signalFeatures(text, empty).terms);
  const learnOnce = (list: ConceptList) =>
    learnFromMerge(list, termsOfTexts(textsA), termsOfTexts(textsB), {
      wordOf: (term) => wordsOfTerms([...textsA, ...textsB]).get(term) ?? term,
      exclude: new Set(signalFeatures('Halcyon Analytics', empty).terms.map((x) => x.term)),
    });

  it('counts and learns words, not stems, and the learned concept then matches the texts themselves', () => {
    let list = empty;
    for (let i = 0; i < MERGES_TO_LEARN; i++) list = learnOnce(list);
    const words = list.concepts.flatMap((c) => c.words);
    expect(words).toEqual(expect.arrayContaining(['spreadsheet', 'download']));
    expect(words).not.toContain('invoic');
    // The point of learning: a new text in either wording now names the same concept.
    const [spreadsheetConcept] = ids('They asked for a spreadsheet', list);
    expect(spreadsheetConcept).toBeDefined();
    expect(ids('A download would do', list)).toContain(spreadsheetConcept);
  });

  it('never learns a customer’s name as a synonym', () => {
    let list = empty;
    for (let i = 0; i < MERGES_TO_LEARN; i++) list = learnOnce(list);
    const everything = [...list.concepts.flatMap((c) => c.words), ...list.evidence.flatMap((e) => [e.a, e.b])];
    expect(everything.some((word) => word.includes('halcyon'))).toBe(false);
  });
});
