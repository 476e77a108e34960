/** How the Inbox puts the engine's reasons into words: why a signal is in its cluster, its category, how alike two clusters are. */
import { categoryInWords, categoryLabel, categorySourceInWords, reasonInWords, similarityInWords, sharedInWords, sourceLabel, CATEGORY_KEYS } from '../../static/src/triage/signals/reasons';

const now = new Date('2026-12-02T12:00:00Z');
const reason = (over: Partial<NonNullable<Parameters<typeof reasonInWords>[0]['reason']>>) => ({
  how: 'joined' as const,
  by: null,
  score: 0.62,
  sharedTerms: ['invoic', 'export'],
  sharedConcepts: ['export'],
  at: '2026-11-29T12:00:00Z',
  ...over,
});

describe('reasonInWords', () => {
  it('says a signal joined with its score and what it shares', () => {
    expect(reasonInWords({ reason: reason({}), pending: false }, now)).toBe(
      'Joined this cluster (score 0.62): shares the words “invoic”, “export” and the concept export.',
    );
    expect(reasonInWords({ reason: reason({ sharedConcepts: [], sharedTerms: ['payout'] }), pending: false }, now)).toBe(
      'Joined this cluster (score 0.62): shares the word “payout”.',
    );
  });

  it('says a signal started its cluster, and how close the nearest one came', () => {
    expect(reasonInWords({ reason: reason({ how: 'started', score: 0.21, sharedTerms: [], sharedConcepts: [] }), pending: false }, now)).toBe(
      'Started this cluster: no cluster was close enough (best score 0.21).',
    );
    expect(reasonInWords({ reason: reason({ how: 'started', score: null }), pending: false }, now)).toBe('Started this cluster: no other signal was like it.');
  });

  it('names the person who moved a signal, and when', () => {
    expect(reasonInWords({ reason: reason({ how: 'moved', by: 'Hannah Okafor', score: null }), pending: false }, now)).toBe(
      'Moved here by Hannah Okafor 3 days ago.',
    );
  });

  it('says a signal is still being clustered, or that no reason was kept', () => {
    expect(reasonInWords({ reason: null, pending: true }, now)).toMatch(/^Being clustered/);
    expect(reasonInWords({ reason: null, pending: false }, now)).toBe('No reason was recorded for this signal.');
  });
});

describe('categories and sources', () => {
  it('tells a suggested category from a confirmed one, with the words behind a suggestion', () => {
    expect(categoryInWords({ category: 'bug', categorySource: 'suggested', categoryWords: ['crashes', 'fails'] })).toBe('Bug, suggested from “crashes”, “fails”');
    expect(categoryInWords({ category: 'pain-point', categorySource: 'confirmed', categoryWords: [] })).toBe('Pain point (confirmed by a person)');
    expect(categoryInWords({ category: null, categorySource: null, categoryWords: [] })).toBe('No category yet.');
    expect(categoryLabel('some-new-kind')).toBe('some-new-kind');
    expect(categorySourceInWords({ category: 'bug', categorySource: 'suggested', categoryWords: ['crashes'] })).toBe('suggested from “crashes”');
    expect(categorySourceInWords({ category: 'bug', categorySource: 'confirmed', categoryWords: [] })).toBe('confirmed by a person');
    expect(categorySourceInWords({ category: 'other', categorySource: 'suggested', categoryWords: [] })).toBe('suggested');
  });

  it('keys 1–5 are request, pain point, confusion, bug, other', () => {
    expect(CATEGORY_KEYS.map((c) => `${c.key}:${c.category}`)).toEqual(['1:request', '2:pain-point', '3:confusion', '4:bug', '5:other']);
  });

  it('names sources as people know them', () => {
    expect(sourceLabel('hubspot')).toBe('HubSpot');
    expect(sourceLabel('form')).toBe('Shared in Upstream');
    expect(sourceLabel('carrier-pigeon')).toBe('carrier-pigeon');
  });

  it('says how alike two clusters are', () => {
    expect(similarityInWords({ score: 0.5, sharedTerms: ['payout'], sharedConcepts: ['schedule', 'payout'] })).toBe(
      'Score 0.50: shares the word “payout” and the concepts schedule, payout.',
    );
    expect(similarityInWords({ score: 0.3, sharedTerms: [], sharedConcepts: [] })).toBe('Score 0.30.');
    expect(sharedInWords([], [])).toBe('');
  });
});
