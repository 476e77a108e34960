/** The sprint-shape arithmetic: whole percentages that add to 100, count vs estimate, unclassified, drift. */
import fc from 'fast-check';
import {
  SHAPE_SEGMENTS,
  breakdown,
  driftFromTarget,
  effectiveMeasure,
  largestRemainderPercents,
  shapeWarnings,
  sprintShape,
  tallySprint,
  targetMixProblem,
  type SprintMember,
} from '../../src/domain/sprint-shape';
import { WORK_TYPES, type WorkType } from '../../src/domain/work-type';

const member = (workType: WorkType | null, estimate: number | null = null, done = false): SprintMember => ({ workType, estimate, done });
const sum = (record: Record<string, number>): number => Object.values(record).reduce((a, b) => a + b, 0);

describe('largestRemainderPercents', () => {
  it('gives thirds as 34/33/33: the extra point goes to the first of equal remainders', () => {
    expect(largestRemainderPercents({ a: 1, b: 1, c: 1 }, ['a', 'b', 'c'])).toEqual({ a: 34, b: 33, c: 33 });
  });

  it('gives the missing points to the largest remainders, not the largest parts', () => {
    // exact: 66.67, 16.67, 16.67 → floors 66, 16, 16 (98); equal remainders → the two points go to the first two.
    expect(largestRemainderPercents({ a: 4, b: 1, c: 1 }, ['a', 'b', 'c'])).toEqual({ a: 67, b: 17, c: 16 });
    // exact: 14.29 ×3, 57.14 → floors 14,14,14,57 (99) → +1 to the largest remainder (0.29, first of the equals).
    expect(largestRemainderPercents({ a: 1, b: 1, c: 1, d: 4 }, ['a', 'b', 'c', 'd'])).toEqual({ a: 15, b: 14, c: 14, d: 57 });
  });

  it('answers all zeroes when there is nothing to share', () => {
    expect(largestRemainderPercents({ a: 0, b: 0 }, ['a', 'b'])).toEqual({ a: 0, b: 0 });
  });

  it('always adds to exactly 100, each part 0–100 and within one point of its exact share, for any non-empty input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat({ max: 1000 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 8 }).filter(
          (values) => values.some((v) => v > 0),
        ),
        (values) => {
          const keys = values.map((_, i) => `k${i}`);
          const amounts = Object.fromEntries(keys.map((k, i) => [k, values[i]]));
          const percents = largestRemainderPercents(amounts, keys);
          const total = values.reduce((a, b) => a + b, 0);
          expect(sum(percents)).toBe(100);
          keys.forEach((k, i) => {
            expect(Number.isInteger(percents[k])).toBe(true);
            expect(percents[k]).toBeGreaterThanOrEqual(0);
            expect(percents[k]).toBeLessThanOrEqual(100);
            expect(Math.abs(percents[k] - (values[i] / total) * 100)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});

describe('tallySprint and sprintShape', () => {
  const sprint = [
    member('Innovative', 8, true),
    member('Innovative', 5),
    member('Corrective', 3, true),
    member('Enabling', 2),
    member(null, 3),
    member(null, null),
  ];

  it('counts issues per work type, untriaged ones as Unclassified', () => {
    const shape = sprintShape(tallySprint(sprint, true));
    expect(shape.byCount.amounts).toEqual({ Innovative: 2, Corrective: 1, Enabling: 1, Unclassified: 2 });
    expect(shape.byCount.percents).toEqual({ Innovative: 33, Corrective: 17, Enabling: 17, Unclassified: 33 });
    expect(shape.issueCount).toBe(6);
    expect(shape.doneCount).toBe(2);
  });

  it('sums estimates per work type, counting a missing estimate as 0 and reporting it', () => {
    const shape = sprintShape(tallySprint(sprint, true));
    expect(shape.byEstimate?.amounts).toEqual({ Innovative: 13, Corrective: 3, Enabling: 2, Unclassified: 3 });
    expect(shape.byEstimate?.total).toBe(21);
    expect(sum(shape.byEstimate!.percents)).toBe(100);
    expect(shape.missingEstimates).toBe(1);
  });

  it('has no estimate breakdown when the board does not estimate', () => {
    const shape = sprintShape(tallySprint(sprint, false));
    expect(shape.byEstimate).toBeNull();
    expect(shape.missingEstimates).toBe(0);
  });

  it('treats a negative or non-finite estimate as missing', () => {
    const totals = tallySprint([member('Innovative', -3), member('Innovative', Number.NaN), member('Corrective', 2)], true);
    expect(totals.missingEstimates).toBe(2);
    expect(totals.estimates).toEqual({ Innovative: 0, Corrective: 2, Enabling: 0, Unclassified: 0 });
  });

  it('shapes an empty sprint as all zeroes, not a division by zero', () => {
    const shape = sprintShape(tallySprint([], true));
    expect(shape.issueCount).toBe(0);
    expect(shape.byCount.percents).toEqual({ Innovative: 0, Corrective: 0, Enabling: 0, Unclassified: 0 });
    expect(shape.byEstimate?.percents).toEqual({ Innovative: 0, Corrective: 0, Enabling: 0, Unclassified: 0 });
  });

  it('falls back to count when estimating was asked for but nothing carries an estimate', () => {
    expect(effectiveMeasure(sprintShape(tallySprint([member('Innovative')], true)), 'estimate')).toBe('count');
    expect(effectiveMeasure(sprintShape(tallySprint([member('Innovative', 1)], false)), 'estimate')).toBe('count');
    expect(effectiveMeasure(sprintShape(tallySprint([member('Innovative', 1)], true)), 'estimate')).toBe('estimate');
  });

  it('for any non-empty sprint, both measures add to exactly 100 and each segment is 0–100', () => {
    const memberArb = fc.record({
      workType: fc.constantFrom<WorkType | null>('Innovative', 'Corrective', 'Enabling', null),
      estimate: fc.option(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.5, max: 100, noNaN: true })), { nil: null }),
      done: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(memberArb, { minLength: 1, maxLength: 300 }), (members) => {
        const shape = sprintShape(tallySprint(members, true));
        for (const measured of [shape.byCount, shape.byEstimate!]) {
          if (measured.total === 0) continue; // every estimate missing: nothing to share, checked above
          expect(sum(measured.percents)).toBe(100);
          for (const segment of SHAPE_SEGMENTS) {
            expect(measured.percents[segment]).toBeGreaterThanOrEqual(0);
            expect(measured.percents[segment]).toBeLessThanOrEqual(100);
          }
        }
        expect(sum(shape.byCount.percents)).toBe(100);
        expect(shape.byCount.total).toBe(members.length);
      }),
    );
  });
});

describe('drift and warnings', () => {
  const target = { Innovative: 50, Corrective: 25, Enabling: 25 };

  it('measures drift in points against the share of classified work', () => {
    // 60 % corrective among classified work, with 40 % of the sprint untriaged.
    const measured = breakdown({ Innovative: 3, Corrective: 6, Enabling: 1, Unclassified: 40 });
    expect(driftFromTarget(measured, target)).toEqual({ Innovative: -20, Corrective: 35, Enabling: -15 });
  });

  it('reports no drift when nothing is classified', () => {
    expect(driftFromTarget(breakdown({ Innovative: 0, Corrective: 0, Enabling: 0, Unclassified: 5 }), target)).toEqual({
      Innovative: 0,
      Corrective: 0,
      Enabling: 0,
    });
  });

  it('warns when drift passes the threshold (not at it), on unclassified work, and on missing estimates by estimate', () => {
    const shape = sprintShape(tallySprint([member('Innovative', 5), member('Corrective', 5), member(null, null)], true));
    const drift = { Innovative: 10, Corrective: 25, Enabling: -25 };
    expect(shapeWarnings(shape, 'estimate', drift, 10)).toEqual([
      { kind: 'drift', workType: 'Corrective', driftPoints: 25 },
      { kind: 'drift', workType: 'Enabling', driftPoints: -25 },
      { kind: 'unclassified', percent: 0, issueCount: 1 },
      { kind: 'missing-estimates', issueCount: 1 },
    ]);
    expect(shapeWarnings(shape, 'count', { Innovative: 0, Corrective: 0, Enabling: 0 }, 10)).toEqual([
      { kind: 'unclassified', percent: 33, issueCount: 1 },
    ]);
  });

  it('drift of a perfectly aimed sprint is zero for every type', () => {
    const measured = breakdown({ Innovative: 10, Corrective: 5, Enabling: 5, Unclassified: 0 });
    for (const type of WORK_TYPES) expect(driftFromTarget(measured, target)[type]).toBe(0);
  });
});

describe('targetMixProblem', () => {
  it.each([
    [{ Innovative: 50, Corrective: 25, Enabling: 25 }, null],
    [{ Innovative: 100, Corrective: 0, Enabling: 0 }, null],
    [{ Innovative: 50, Corrective: 25, Enabling: 20 }, 'The target adds up to 95 %; it must add up to 100 %.'],
    [{ Innovative: 110, Corrective: -10, Enabling: 0 }, 'Innovative must be between 0 and 100 %.'],
    [{ Innovative: 50.5, Corrective: 24.5, Enabling: 25 }, 'Innovative must be a whole percentage.'],
  ])('%j → %s', (target, problem) => {
    expect(targetMixProblem(target)).toBe(problem);
  });
});
