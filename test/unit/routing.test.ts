/** Routing rules: where each route leaves a cluster, the rationale rule, and when a parked cluster returns. */
import fc from 'fast-check';
import {
  CLUSTER_STATE_OF_ROUTE,
  DEFAULT_PARKING_THRESHOLDS,
  RATIONALE_MAX_CHARS,
  canRetryJiraSide,
  checkRationale,
  hasJiraSide,
  initialJiraSide,
  isRoutable,
  parkedClusterReturns,
} from '../../src/domain/routing';
import { SIGNAL_ROUTES } from '../../src/domain/signals';

describe('where a route leaves the cluster', () => {
  it('moves roadmap and quick fix to routed, parking lot to parked, declined to declined, duplicate to merged', () => {
    expect(CLUSTER_STATE_OF_ROUTE).toEqual({ roadmap: 'routed', 'quick-fix': 'routed', 'parking-lot': 'parked', declined: 'declined', duplicate: 'merged' });
    for (const route of SIGNAL_ROUTES) expect(isRoutable(CLUSTER_STATE_OF_ROUTE[route])).toBe(route === 'parking-lot');
  });
  it('gives only roadmap and quick fix a Jira side, pending from the start', () => {
    expect(SIGNAL_ROUTES.filter(hasJiraSide)).toEqual(['roadmap', 'quick-fix']);
    expect(SIGNAL_ROUTES.map(initialJiraSide)).toEqual(['pending', 'pending', 'none', 'none', 'none']);
    expect(['none', 'pending', 'done', 'failed'].filter(canRetryJiraSide)).toEqual(['failed']);
  });
  it('routes from the Inbox and the parking lot, never from a routed, declined or merged cluster', () => {
    expect(['new', 'triaged', 'parked', 'routed', 'declined', 'merged'].filter(isRoutable)).toEqual(['new', 'triaged', 'parked']);
  });
});

describe('checkRationale', () => {
  it('keeps a trimmed sentence and refuses an empty or over-long one with a sentence saying so', () => {
    expect(checkRationale('  Eleven customers, 1.2 M ARR.  ')).toEqual({ ok: true, rationale: 'Eleven customers, 1.2 M ARR.' });
    expect(checkRationale(' \n\t ')).toMatchObject({ ok: false, problem: expect.stringMatching(/^Say why/) });
    expect(checkRationale('x'.repeat(RATIONALE_MAX_CHARS))).toMatchObject({ ok: true });
    expect(checkRationale('x'.repeat(RATIONALE_MAX_CHARS + 1))).toMatchObject({ ok: false, problem: expect.stringContaining('2,000') });
  });
  it('accepts exactly the strings whose trimmed length is 1 to 2000, and stores them trimmed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2100 }), (raw) => {
        const checked = checkRationale(raw);
        const trimmed = raw.trim();
        expect(checked.ok).toBe(trimmed.length >= 1 && trimmed.length <= RATIONALE_MAX_CHARS);
        if (checked.ok) expect(checked.rationale).toBe(trimmed);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parkedClusterReturns', () => {
  const thresholds = { newSignals: 3, addedArr: 50_000 };
  it('returns on three new signals or 50,000 more ARR since parking, and not below either', () => {
    expect(parkedClusterReturns({ signals: 4, arr: 100_000 }, { signals: 7, arr: 100_000 }, thresholds)).toBe(true);
    expect(parkedClusterReturns({ signals: 4, arr: 100_000 }, { signals: 6, arr: 149_999 }, thresholds)).toBe(false);
    expect(parkedClusterReturns({ signals: 4, arr: 100_000 }, { signals: 5, arr: 150_000 }, thresholds)).toBe(true);
    expect(DEFAULT_PARKING_THRESHOLDS).toEqual(thresholds);
  });
  it('never returns for lost evidence, nor for a threshold of zero', () => {
    expect(parkedClusterReturns({ signals: 9, arr: 900_000 }, { signals: 2, arr: 0 }, thresholds)).toBe(false);
    expect(parkedClusterReturns({ signals: 1, arr: 0 }, { signals: 100, arr: 1e9 }, { newSignals: 0, addedArr: 0 })).toBe(false);
  });

  const evidence = fc.record({ signals: fc.nat({ max: 10_000 }), arr: fc.nat({ max: 1e9 }) });
  const positive = fc.record({ newSignals: fc.integer({ min: 1, max: 100 }), addedArr: fc.integer({ min: 1, max: 1e7 }) });
  it('is monotone: more evidence now never un-returns a cluster', () => {
    fc.assert(
      fc.property(evidence, evidence, fc.nat({ max: 50 }), fc.nat({ max: 1e6 }), positive, (parked, now, moreSignals, moreArr, t) => {
        if (parkedClusterReturns(parked, now, t)) expect(parkedClusterReturns(parked, { signals: now.signals + moreSignals, arr: now.arr + moreArr }, t)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
  it('never returns when nothing was added, and always returns at exactly a threshold of growth', () => {
    fc.assert(
      fc.property(evidence, positive, (parked, t) => {
        expect(parkedClusterReturns(parked, parked, t)).toBe(false);
        expect(parkedClusterReturns(parked, { signals: parked.signals + t.newSignals, arr: parked.arr }, t)).toBe(true);
        expect(parkedClusterReturns(parked, { signals: parked.signals, arr: parked.arr + t.addedArr }, t)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
