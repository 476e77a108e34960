/**
 * The sprint-shape gadget's edit form (static/src/sprint-shape/edit-form.ts) and its saved configuration
 * (gadget-config.ts): one message per problem, in the contract's words; when each shows; what a saved gadget
 * that predates a setting reads as.
 */
import {
  shownProblems,
  targetAsText,
  targetTotalText,
  validateForm,
  validateTarget,
  type EditForm,
  type FieldKey,
} from '../../static/src/sprint-shape/edit-form';
import { DEFAULT_DRIFT_THRESHOLD, completeConfig, issueSearchUrl, readStoredConfig } from '../../static/src/sprint-shape/gadget-config';

const form = (change: Partial<EditForm> = {}): EditForm => ({
  boardId: 2,
  sprint: { kind: 'active' },
  target: { Innovative: '50', Corrective: '25', Enabling: '25' },
  measure: 'estimate',
  driftThreshold: '10',
  ...change,
});
const target = (Innovative: string, Corrective: string, Enabling: string) => ({ Innovative, Corrective, Enabling });

describe('validateForm', () => {
  it('turns a good form into the configuration the contract accepts', () => {
    expect(validateForm(form())).toEqual({
      config: { boardId: 2, sprint: { kind: 'active' }, target: { Innovative: 50, Corrective: 25, Enabling: 25 }, measure: 'estimate', driftThreshold: 10 },
      problems: null,
    });
  });

  it('names each problem once, on its own field', () => {
    expect(validateForm(form({ boardId: null, target: target('-10', '60', '50'), driftThreshold: '60' })).problems).toEqual({
      boardId: 'Choose a board.',
      Innovative: 'No less than 0 %.',
      driftThreshold: 'The threshold is at most 50 pp.',
    });
  });

  it('says the sum is wrong only when every share is a valid share, and then in one place', () => {
    expect(validateForm(form({ target: target('50', '25', '20') })).problems).toEqual({ target: 'The target adds up to 95 %; it must add up to 100 %.' });
    expect(validateForm(form({ target: target('', '25', '20') })).problems).toEqual({ Innovative: 'Enter a percentage.' });
    expect(validateForm(form({ target: target('50.5', '24.5', '25') })).problems).toEqual({
      Innovative: 'Whole numbers only.',
      Corrective: 'Whole numbers only.',
    });
  });

  it('says the threshold in percentage points, never "points"', () => {
    for (const threshold of ['0', '51', '2.5', '']) {
      const message = validateForm(form({ driftThreshold: threshold })).problems?.driftThreshold;
      expect(message).toBeDefined();
      expect(message).not.toMatch(/(?<!percentage )\bpoints?\b/);
    }
  });
});

describe('validateTarget (the admin page default)', () => {
  it('checks the mix with the same schema and the same words', () => {
    expect(validateTarget(target('60', '20', '20'))).toEqual({ target: { Innovative: 60, Corrective: 20, Enabling: 20 }, problems: {} });
    expect(validateTarget(target('60', '30', '20'))).toEqual({ target: null, problems: { target: 'The target adds up to 110 %; it must add up to 100 %.' } });
    expect(validateTarget(target('101', '0', '0'))).toEqual({ target: null, problems: { Innovative: 'No more than 100 %.' } });
  });
});

describe('shownProblems', () => {
  const problems = { boardId: 'Choose a board.', Innovative: 'Enter a percentage.', target: 'The target adds up to 95 %; it must add up to 100 %.', driftThreshold: 'x', sprint: 'y', form: 'z' };

  it('holds back a field the person has not left yet, and shows the running sum, the sprint and the form at once', () => {
    expect(shownProblems(problems, new Set())).toEqual({ target: problems.target, sprint: 'y', form: 'z' });
  });

  it('shows a field once it is touched', () => {
    const touched = new Set<FieldKey>(['boardId', 'Innovative', 'driftThreshold']);
    expect(shownProblems(problems, touched)).toEqual(problems);
  });
});

describe('the target fields as text', () => {
  it('round-trips a mix and totals it, or says it cannot yet', () => {
    expect(targetAsText({ Innovative: 50, Corrective: 25, Enabling: 25 })).toEqual(target('50', '25', '25'));
    expect(targetTotalText(target('50', '25', '20'))).toBe('Total 95 %');
    expect(targetTotalText(target('50', '', '20'))).toBe('Total —');
  });
});

describe('the saved configuration (gadget-config.ts)', () => {
  const complete = { boardId: 2, sprint: { kind: 'next' }, target: { Innovative: 40, Corrective: 30, Enabling: 30 }, measure: 'count', driftThreshold: 5 };

  it('reads a complete configuration, and nothing from something that is not one', () => {
    expect(readStoredConfig(complete)).toEqual({ kind: 'complete', config: complete });
    expect(readStoredConfig(null)).toEqual({ kind: 'none' });
    expect(readStoredConfig({})).toEqual({ kind: 'none' });
    expect(readStoredConfig({ boardId: 'PAY' })).toEqual({ kind: 'none' });
  });

  it('keeps a board saved before targets existed, with whatever else is still valid, and completes it with defaults', () => {
    const stored = readStoredConfig({ boardId: '2', measure: 'count', driftThreshold: 99, refresh: 15 });
    expect(stored).toEqual({ kind: 'board-only', boardId: 2, partial: { measure: 'count' } });
    if (stored.kind !== 'board-only') throw new Error('expected board-only');
    expect(completeConfig(stored.boardId, stored.partial, { Innovative: 50, Corrective: 25, Enabling: 25 })).toEqual({
      boardId: 2,
      sprint: { kind: 'active' },
      target: { Innovative: 50, Corrective: 25, Enabling: 25 },
      measure: 'count',
      driftThreshold: DEFAULT_DRIFT_THRESHOLD,
    });
  });

  it("links to the site's issue search with the JQL encoded", () => {
    expect(issueSearchUrl('https://acme.atlassian.net/', 'sprint = "PAY Sprint 14" AND "Work type" = Corrective')).toBe(
      'https://acme.atlassian.net/issues/?jql=sprint%20%3D%20%22PAY%20Sprint%2014%22%20AND%20%22Work%20type%22%20%3D%20Corrective',
    );
  });
});
