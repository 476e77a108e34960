/**
 * suggestCategory (src/domain/category.ts): cue phrases per category on examples from several products, the
 * words that drove each suggestion, and properties over arbitrary text.
 */
import fc from 'fast-check';
import { NO_CUE_CONFIDENCE, suggestCategory } from '../../src/domain/category';
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
    ['Every week we have to rebuild the rota from scratch.', 'pain-point', ['every week we have to', 'from scratch']],
    ['Reception spends every afternoon phoning patients, it takes 2 hours.', 'pain-point', ['spends', '2 hours']],
    ['Reconciling timesheets takes forever and we do it manually.', 'pain-point', ['takes forever', 'manually']],
    // confusion
    ['How do I change the owner of a board?', 'confusion', ['how do i']],
    ['Is it possible to hide the salary column from managers?', 'confusion', ['is it possible']],
    ['I thought it would follow the employee’s country. I can’t find the setting.', 'confusion', ['i thought', 'thought it would', 'cant find']],
    // bugs
    ['The export is broken since the last release.', 'bug', ['broken', 'since the last release']],
    ['Photos taken offline never upload, the job stays in progress.', 'bug', ['never upload']],
    ['Log stops streaming after a while.', 'bug', ['stops streaming']],
    ['Saving a form shows an error and the app crashes.', 'bug', ['error', 'crashes']],
    ['The report has the wrong total for March.', 'bug', ['wrong total']],
    ['Login with Okta doesn’t work anymore.', 'bug', ['doesnt work']],
    // other
    ['Met the CFO at the conference, nice people.', 'other', ['met the', 'conference', 'nice people']],
    ['Renewal is next month and they are evaluating a competitor on price.', 'other', ['renewal', 'evaluating', 'competitor']],
    ['Practice manager said the new booking page is brilliant, very happy with it.', 'other', ['brilliant', 'very happy', 'happy with']],
    ['Call moved to Friday.', 'other', ['call moved', 'moved to']],
    // sentence structure: an imperative opening asks; a question about the product as it is is confusion
    ['Track driving hours and rest breaks per driver.', 'request', ['track']],
    ['Automatically ask happy clients for a review after their visit.', 'request', ['automatically ask']],
    ['How long are build artifacts kept?', 'confusion', ['how long']],
    ['Is SSO included in the Business plan?', 'confusion', ['is sso …?', 'included in']],
    ['Can you send reminders as a text message?', 'request', ['can you']],
    // no cue at all: a named thing is most often an ask, said with low confidence
    ['Dark theme for the pipeline view.', 'request', []],
  ])('%s → %s', (text, category, words) => {
    const result = suggestCategory(text);
    expect(result.category).toBe(category);
    expect(result.words).toEqual(words);
  });

  it('lets an explicit ask win over the effort that motivates it, and a fault over its cost', () => {
    expect(suggestCategory('We need statements to go out automatically. Our team spends two days a month on it.').category).toBe('request');
    expect(suggestCategory('Payments are matched to the wrong invoice. Reconciliation took all of Monday.').category).toBe('bug');
  });

  it('says "other" for a text with nothing in it, and guesses "request" with low confidence for one without cues', () => {
    expect(suggestCategory('  …  ')).toEqual({ category: 'other', words: [], confidence: 0.5 });
    expect(suggestCategory('Vipps for Norway')).toEqual({ category: 'request', words: [], confidence: NO_CUE_CONFIDENCE });
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
        // No words is a guess (or nothing said): never a confident one.
        if (result.words.length === 0) expect(result.confidence).toBeLessThanOrEqual(0.5);
        else expect(result.confidence).toBeGreaterThan(NO_CUE_CONFIDENCE);
      }),
      { numRuns: 500 },
    );
  });
});
