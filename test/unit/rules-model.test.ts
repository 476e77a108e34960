/** The settings page's rules editor model (static/src/settings/rules-model.ts): names, change tracking, validation. */
import { DEFAULT_SUGGESTION_RULES } from '../../src/domain/suggestion-rules';
import {
  newRow,
  removeRuleLabel,
  rowErrorsFromServer,
  rowsFrom,
  sameRules,
  validate,
  workTypeLabel,
} from '../../static/src/settings/rules-model';

describe('accessible names', () => {
  it('names the rule a Remove button removes, by table and key', () => {
    expect(removeRuleLabel('labels', 'tech-debt')).toBe('Remove rule for label tech-debt');
    expect(removeRuleLabel('issueTypes', ' Bug ')).toBe('Remove rule for issue type Bug');
    expect(removeRuleLabel('keywords', 'times out')).toBe('Remove rule for keyword “times out”');
    expect(removeRuleLabel('keywords', '  ')).toBe('Remove new keyword rule');
  });

  it('names the work-type picker after its rule', () => {
    expect(workTypeLabel('labels', 'tech-debt')).toBe('Work type for label tech-debt');
    expect(workTypeLabel('issueTypes', '')).toBe('Work type for the new issue type rule');
  });
});

describe('sameRules: what counts as an unsaved change', () => {
  it('ignores row ids, and sees an edited key, a changed work type, an added, removed or reordered rule', () => {
    const saved = rowsFrom(DEFAULT_SUGGESTION_RULES);
    expect(sameRules(saved, rowsFrom(DEFAULT_SUGGESTION_RULES))).toBe(true);
    const edited = { ...saved, labels: saved.labels.map((row, i) => (i === 0 ? { ...row, key: `${row.key}-x` } : row)) };
    expect(sameRules(saved, edited)).toBe(false);
    const retyped = { ...saved, issueTypes: saved.issueTypes.map((row, i) => (i === 0 ? { ...row, workType: 'Innovative' as const } : row)) };
    expect(sameRules(saved, retyped)).toBe(DEFAULT_SUGGESTION_RULES.issueTypes[saved.issueTypes[0]!.key] === 'Innovative');
    expect(sameRules(saved, { ...saved, keywords: [...saved.keywords, newRow()] })).toBe(false);
    expect(sameRules(saved, { ...saved, keywords: saved.keywords.slice(1) })).toBe(false);
    expect(sameRules(saved, { ...saved, keywords: [...saved.keywords].reverse() })).toBe(false);
  });
});

describe('validate', () => {
  it('accepts the defaults as they are', () => {
    const result = validate(rowsFrom(DEFAULT_SUGGESTION_RULES));
    expect(result.rules).toEqual(DEFAULT_SUGGESTION_RULES);
    expect(result.rowErrors).toEqual({});
  });

  it('names what is wrong beside the rule: no spaces in labels, too short, no work type, given twice', () => {
    const rows = rowsFrom({ issueTypes: { Bug: 'Corrective' }, labels: {}, keywords: {} });
    const spaced = { ...newRow(), key: 'tech debt', workType: 'Enabling' as const };
    const short = { ...newRow(), key: 'x', workType: 'Innovative' as const };
    const untyped = { ...newRow(), key: 'upgrade' };
    const twice = { ...newRow(), key: 'bug', workType: 'Corrective' as const };
    const result = validate({ issueTypes: [...rows.issueTypes, twice], labels: [spaced], keywords: [short, untyped] });
    expect(result.rules).toBeNull();
    expect(result.rowErrors).toEqual({
      issueTypes: { [twice.id]: { key: 'Already listed as “Bug”.' } },
      labels: { [spaced.id]: { key: 'Labels have no spaces.' } },
      keywords: { [short.id]: { key: 'At least 2 characters.' }, [untyped.id]: { workType: 'Choose a work type.' } },
    });
  });

  it("maps the resolver's field errors back onto the rows", () => {
    const rows = rowsFrom({ issueTypes: {}, labels: { 'a-b': 'Enabling' }, keywords: {} });
    expect(rowErrorsFromServer(rows, { 'rules.labels.a-b': 'Invalid key in record' })).toEqual({ labels: { [rows.labels[0]!.id]: { key: 'Invalid key in record' } } });
  });
});
