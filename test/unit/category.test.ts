/**
 * suggestCategory (src/domain/category.ts): cue phrases per category on examples from several products, the
 * words that drove each suggestion, and properties over arbitrary text.
 */
import fc from 'fast-check';
import { suggestCategory } from '../../src/domain/category';
import { SIGNAL_CATEGORIES } from '../../src/domain/signals';

describe('suggestCategory', () => {
  it.each([
    // requests
    ['We would love a way to tag tasks by customer.', 'request', ['would love']],
    ['Can you add an audit log for permission changes?', 'request', ['can you add', 'add an']],
    ['We need a way to archive old projects.', 'request', ['we need', 'need a way']],
    ['Sync due dates with Google Calendar so the team sees deadlines.', 'request', ['sync']],
    ['Our managers want to approve leave from their phone.', 'request', ['want to']],
    // pain points
    ['Every week we have to rebuild the rota from scratch.', 'pain-point', ['every week we have to']],
    ['Reconciling timesheets takes forever and we do it manually.', 'pain-point', ['takes forever', 'manually']],
    // confusion
    ['How do I change the owner of a board?', 'confusion', ['how do i']],
    ['Is it possible to hide the salary column from managers?', 'confusion', ['is it possible']],
    ['I thought it would follow the employee’s country. I can’t find the setting.', 'confusion', ['i thought', 'thought it would', 'cant find']],
    // bugs
    ['The export is broken since the last release.', 'bug', ['broken']],
    ['Saving a form shows an error and the app crashes.', 'bug', ['error', 'crashes']],
    ['The report has the wrong total for March.', 'bug', ['wrong total']],
    ['Login with Okta doesn’t work anymore.', 'bug', ['doesnt work']],
    // other
    ['Met the CFO at the conference, nice people.', 'other', []],
  ])('%s → %s', (text, category, words) => {
    const result = suggestCategory(text);
    expect(result.category).toBe(category);
    expect(result.words).toEqual(words);
  });

  it('lets an explicit ask win over the effort that motivates it, and a fault over its cost', () => {
    expect(suggestCategory('We need statements to go out automatically. Our team spends two days a month on it.').category).toBe('request');
    expect(suggestCategory('Payments are matched to the wrong invoice. Reconciliation took all of Monday.').category).toBe('bug');
  });

  it('is more confident with several agreeing cues than with one', () => {
    const one = suggestCategory('The sync is broken.');
    const many = suggestCategory('The sync is broken: an error, then it crashes.');
    expect(many.confidence).toBeGreaterThan(one.confidence);
  });

  it('never throws on arbitrary text, is deterministic, and answers in the vocabulary with confidence in [0, 1]', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (text) => {
        const result = suggestCategory(text);
        expect(suggestCategory(text)).toEqual(result);
        expect(SIGNAL_CATEGORIES).toContain(result.category);
        expect(result.confidence).toBeGreaterThanOrEqual(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
        expect(result.category === 'other').toBe(result.words.length === 0);
      }),
      { numRuns: 500 },
    );
  });
});
