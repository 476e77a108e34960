/** The browser's pure helpers: how numbers, dates and confidence read, and how a frame's context is narrowed. */
import { confidenceInWords, formatDate, formatMoney, plural, timeAgo } from '../../static/src/ui/format';
import { readSurfaceContext } from '../../static/src/forge-context';
import { backgroundOf, SEGMENT_COLOUR } from '../../static/src/sprint-shape/segment-style';

describe('format', () => {
  it('writes ARR as whole dollars', () => {
    expect(formatMoney(412500)).toBe('$412,500');
    expect(formatMoney(99.6)).toBe('$100');
  });

  it('writes a date with day, short month and year, and leaves text that is not a date as it is', () => {
    expect(formatDate('2026-10-12T09:00:00Z')).toMatch(/12/);
    expect(formatDate('2026-10-12T09:00:00Z')).toMatch(/Oct/);
    expect(formatDate('2026-10-12T09:00:00Z')).toMatch(/2026/);
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('says how long ago, in the largest unit that fits', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(timeAgo('2026-12-02T11:59:40Z', now)).toBe('just now');
    expect(timeAgo('2026-12-02T11:55:00Z', now)).toBe('5 minutes ago');
    expect(timeAgo('2026-12-01T12:00:00Z', now)).toBe('yesterday');
    expect(timeAgo('2026-11-29T12:00:00Z', now)).toBe('3 days ago');
    expect(timeAgo('2026-12-03T12:00:00Z', now)).toBe('tomorrow');
    expect(timeAgo('garbage', now)).toBe('garbage');
  });

  it('puts confidence into words at the thresholds', () => {
    expect(confidenceInWords(0.8).level).toBe('high');
    expect(confidenceInWords(0.79).level).toBe('medium');
    expect(confidenceInWords(0.55).level).toBe('medium');
    expect(confidenceInWords(0.54).level).toBe('low');
  });

  it('counts in words', () => {
    expect(plural(1, 'issue')).toBe('1 issue');
    expect(plural(3, 'issue')).toBe('3 issues');
    expect(plural(2, 'person', 'people')).toBe('2 people');
  });
});

describe('readSurfaceContext', () => {
  it('reads what Jira hands a gadget, a panel and a field', () => {
    expect(
      readSurfaceContext({
        moduleKey: 'sprint-shape',
        accountId: 'acc-1',
        extension: { entryPoint: 'edit', gadgetConfiguration: { boardId: '12' } },
      }),
    ).toMatchObject({ moduleKey: 'sprint-shape', accountId: 'acc-1', entryPoint: 'edit', gadgetBoardId: 12 });
    expect(readSurfaceContext({ moduleKey: 'context-panel', extension: { issue: { key: 'PAY-3' }, project: { key: 'PAY' } } })).toMatchObject({
      issueKey: 'PAY-3',
      projectKey: 'PAY',
      entryPoint: 'view',
    });
    expect(readSurfaceContext({ moduleKey: 'work-type', extension: { fieldValue: 'Enabling' } }).fieldValue).toBe('Enabling');
  });

  it('narrows anything else to safe empty values rather than trusting it', () => {
    const context = readSurfaceContext({
      moduleKey: 42,
      accountId: '',
      extension: { entryPoint: 'admin', gadgetConfiguration: { boardId: '-3' }, issue: 'PAY-1', fieldValue: 'Urgent' },
    });
    expect(context).toEqual({
      moduleKey: '',
      accountId: null,
      entryPoint: 'view',
      issueKey: null,
      projectKey: null,
      gadgetBoardId: null,
      fieldValue: null,
    });
    expect(readSurfaceContext(null).moduleKey).toBe('');
    expect(readSurfaceContext([1, 2]).gadgetBoardId).toBeNull();
  });
});

describe('segment style', () => {
  it('gives each work type its own colour token and hatches unclassified work', () => {
    const colours = new Set(Object.values(SEGMENT_COLOUR));
    expect(colours.size).toBe(4);
    expect(backgroundOf('Corrective')).toBe(SEGMENT_COLOUR.Corrective);
    expect(backgroundOf('Unclassified')).toMatch(/^repeating-linear-gradient/);
  });
});
