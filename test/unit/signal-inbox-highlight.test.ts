/**
 * The words behind a suggested category, marked in the customer's own text: found however the text writes them
 * (case, apostrophes, hyphens), on word boundaries only, and the text itself never changed.
 */
import fc from 'fast-check';
import { markCategoryWords } from '../../static/src/triage/signals/category-words';
import { suggestCategory } from '../../src/domain/category';

const marked = (text: string, words: string[]) => markCategoryWords(text, words).filter((s) => s.marked).map((s) => s.text);

describe('markCategoryWords', () => {
  it('marks each cue word where the text has it, in the text’s own case', () => {
    expect(marked('The export is Broken again and it fails every night', ['broken', 'fails'])).toEqual(['Broken', 'fails']);
  });

  it('finds words the engine read without apostrophes or hyphens', () => {
    expect(marked("We can't re-key every invoice", ['cant', 're key'])).toEqual(["can't", 're-key']);
    expect(marked('It doesn’t work since Monday', ['doesnt work'])).toEqual(['doesn’t work']);
  });

  it('marks whole words only', () => {
    expect(marked('Errorless imports, but an error on export', ['error'])).toEqual(['error']);
    expect(marked('needless to say', ['need'])).toEqual([]);
  });

  it('marks every occurrence, and merges words that overlap', () => {
    expect(marked('Need it. We need a way to do it', ['need', 'need a way'])).toEqual(['Need', 'need a way']);
  });

  it('keeps the text as it was when the segments are joined', () => {
    const text = 'Wir brauchen — “would love” — a CSV: ça marche pas 😅 fails';
    expect(markCategoryWords(text, ['would love', 'fails']).map((s) => s.text).join('')).toBe(text);
    expect(markCategoryWords('', ['x'])).toEqual([]);
    expect(markCategoryWords('nothing here', [])).toEqual([{ text: 'nothing here', marked: false }]);
  });

  it('ignores cue words that are empty or only punctuation', () => {
    expect(marked('a - b', ['', ' - '])).toEqual([]);
  });

  it('finds every word the category engine reports, for the texts the engine reads', () => {
    const texts = [
      "Brightwater can't split one invoice across two cost centres, they re-key it by hand every month",
      'The payout report crashes when we export more than 10k rows — it keeps failing since the update',
      'How do I find where refunds go? We thought it would show in the ledger',
      'Would love a way to schedule payouts on Fridays; could you add that?',
    ];
    for (const text of texts) {
      const { words } = suggestCategory(text);
      expect(words.length).toBeGreaterThan(0);
      const found = marked(text, words).map((w) => w.toLowerCase().replace(/['’]/g, '').replace(/-/g, ' '));
      for (const word of words) expect(found.some((f) => f.includes(word.replace(/\s+/g, ' ')))).toBe(true);
    }
  });

  it('never changes the text and marks only what a cue word matches (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), (text, words) => {
        const segments = markCategoryWords(text, words);
        expect(segments.map((s) => s.text).join('')).toBe(text);
        for (const s of segments) expect(s.text.length).toBeGreaterThan(0);
        // Segments alternate: two marked ones never touch (they would have been merged).
        for (let i = 1; i < segments.length; i++) expect(segments[i]!.marked && segments[i - 1]!.marked).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
