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
    ['Every week we have to rebuild the rota from scratch.', 'pain-point', ['every week we have to', 'rebuild', 'from scratch']],
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
    ['Login with Okta doesn’t work anymore.', 'bug', ['doesnt work', 'anymore']],
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

  // Sentence forms (src/domain/category-forms.ts): how people ask, report and complain, in sentences written for
  // this test about imaginary products (none from the fixtures), each with the words a person would check.
  it.each([
    // confusion: a question asked on someone's behalf, a belief that may be wrong, a capability question
    ['The practice manager asked whether archived patients still get invoices.', 'confusion', ['asked whether']],
    ['The director wants to know how the audit trail handles deleted users.', 'confusion', ['wants to know how']],
    ['They assumed the discount would end by itself after the launch week.', 'confusion', ['assumed']],
    ['Our buyer didn\u2019t realise you could split a delivery across two addresses.', 'confusion', ['didnt realise you could']],
    ['Holiday pay is worked out on the last 12 weeks, is that right?', 'confusion', ['is that right']],
    ['Can we set a different VAT rate per country?', 'confusion', ['can we']],
    ['Is the booking fee refunded or not?', 'confusion', ['is the …?', 'or not']],
    // request: an indirect question that asks the vendor, and asking about plans
    ['She asked if we could add a Welsh translation of the app.', 'request', ['asked if we could', 'add a']],
    ['Any plans to support Apple Pay?', 'request', ['any plans']],
    // bug: what did not happen, a value that cannot be right, data in the wrong place, what should have stopped
    ['Drivers aren\u2019t getting the route email since Monday.', 'bug', ['arent getting', 'since monday']],
    ['The weekly total shows £0 for every site.', 'bug', ['shows £0']],
    ['Night shift hours land on the wrong day in the export.', 'bug', ['on the wrong day']],
    ['The kiosk won\u2019t let staff clock in.', 'bug', ['wont let']],
    ['Cancelled rotas still show on the staff app.', 'bug', ['still show']],
    ['We got a confirmation but no tickets.', 'bug', ['but no']],
    ['The stock report is 40 units less than the sum of the bins.', 'bug', ['less than the sum']],
    ['The app doesn\u2019t open anymore on older tablets.', 'bug', ['anymore']],
    // "please check" asks the vendor to look at a fault, not for something new
    ['Two refunds went out for one return. Please check.', 'bug', ['please check']],
    // pain point: a task that costs another, calls the product causes, a chore done twice
    ['Adding a new hire means entering the same details in three places.', 'pain-point', ['means entering']],
    ['Every price change has to be done twice.', 'pain-point', ['has to be done twice']],
    ['Area managers call the warehouse to check what has shipped.', 'pain-point', ['call the warehouse to check']],
    // other: people news and churn talk
    ['Their new head of operations wants an intro call next month.', 'other', ['new head of', 'intro call']],
  ])('%s → %s', (text, category, words) => {
    const result = suggestCategory(text);
    expect(result.category).toBe(category);
    expect(result.words).toEqual(words);
  });

  it('reads a present-tense "doesnt" as a limitation an explicit ask outweighs, and a person refusing as no fault', () => {
    // "doesnt sync" states what it does not do yet; the ask beside it decides.
    expect(suggestCategory('It doesn\u2019t sync with Outlook, we would love that.').category).toBe('request');
    // The subject of "wont" is a person, not the product: no "wont log" fault cue.
    const refusal = suggestCategory('Our accountant won\u2019t log into another tool, so the finance team copies numbers across.');
    expect(refusal.words).not.toContain('wont log');
    expect(refusal.category).toBe('pain-point');
  });

  it('with no cue, reads the sentence shape: a routine done by people is a pain point, an event a bug, a named thing an ask', () => {
    expect(suggestCategory('The office prints the order list and ticks items off.')).toEqual({
      category: 'pain-point',
      words: ['office prints'],
      confidence: NO_CUE_CONFIDENCE,
    });
    expect(suggestCategory('Archived projects are reappearing in the sidebar.')).toEqual({
      category: 'bug',
      words: ['are reappearing'],
      confidence: NO_CUE_CONFIDENCE,
    });
    expect(suggestCategory('Kanban swimlanes per client.')).toEqual({ category: 'request', words: [], confidence: NO_CUE_CONFIDENCE });
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
