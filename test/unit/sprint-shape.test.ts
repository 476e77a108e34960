/**
 * The sprint-shape arithmetic: whole percentages that add to 100, count vs estimate, unclassified, drift; and
 * what the gadget shows of it (static/src/sprint-shape/shape-view-model.ts): numbers that agree on screen.
 */
import fc from 'fast-check';
import {
  SHAPE_SEGMENTS,
  breakdown,
  driftFromTarget,
  effectiveMeasure,
  largestRemainderPercents,
  shapeReading,
  sprintShape,
  tallySprint,
  targetMixProblem,
  type Measure,
  type SprintMember,
} from '../../src/domain/sprint-shape';
import { WORK_TYPES, type WorkType } from '../../src/domain/work-type';
import { sprintShapeContract, targetMixSchema, type TrendPoint } from '../../src/contract/sprint-shape';
import {
  driftBasis,
  driftRows,
  formatAmount,
  formatPp,
  shownMeasure,
  trendColumn,
  warningSentence,
  type ReadyView,
} from '../../static/src/sprint-shape/shape-view-model';

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

  it('measures drift in pp against the share of classified work, which the breakdown carries beside the share of the sprint', () => {
    // 60 % corrective among classified work, with 80 % of the sprint untriaged.
    const measured = breakdown({ Innovative: 3, Corrective: 6, Enabling: 1, Unclassified: 40 });
    expect(measured.percents).toEqual({ Innovative: 6, Corrective: 12, Enabling: 2, Unclassified: 80 });
    expect(measured.classified).toEqual({ total: 10, percents: { Innovative: 30, Corrective: 60, Enabling: 10 } });
    expect(driftFromTarget(measured, target)).toEqual({ Innovative: -20, Corrective: 35, Enabling: -15 });
  });

  it('has no drift when nothing is classified: there is no mix to compare', () => {
    const measured = breakdown({ Innovative: 0, Corrective: 0, Enabling: 0, Unclassified: 5 });
    expect(measured.classified).toEqual({ total: 0, percents: { Innovative: 0, Corrective: 0, Enabling: 0 } });
    expect(driftFromTarget(measured, target)).toBeNull();
    expect(shapeReading(sprintShape(tallySprint([member(null, 3)], true)), 'estimate', target, 10)).toEqual({
      drift: null,
      warnings: [{ kind: 'unclassified', percent: 100, issueCount: 1 }],
    });
  });

  it('warns when drift passes the threshold (not at it), naming both numbers; on unclassified work; on missing estimates by estimate', () => {
    // By estimate: Innovative 5, Corrective 5 → 50/50 of classified; by count: 1/1/0 and one unclassified.
    const shape = sprintShape(tallySprint([member('Innovative', 5), member('Corrective', 5), member(null, null)], true));
    expect(shapeReading(shape, 'estimate', { Innovative: 40, Corrective: 25, Enabling: 35 }, 10)).toEqual({
      drift: { Innovative: 10, Corrective: 25, Enabling: -35 },
      warnings: [
        { kind: 'drift', workType: 'Corrective', classifiedPercent: 50, targetPercent: 25, drift: 25 },
        { kind: 'drift', workType: 'Enabling', classifiedPercent: 0, targetPercent: 35, drift: -35 },
        { kind: 'unclassified', percent: 0, issueCount: 1 },
        { kind: 'missing-estimates', issueCount: 1 },
      ],
    });
    expect(shapeReading(shape, 'count', { Innovative: 50, Corrective: 50, Enabling: 0 }, 10)).toEqual({
      drift: { Innovative: 0, Corrective: 0, Enabling: 0 },
      warnings: [{ kind: 'unclassified', percent: 33, issueCount: 1 }],
    });
  });

  it('drift of a perfectly aimed sprint is zero for every type, whatever is unclassified', () => {
    const measured = breakdown({ Innovative: 10, Corrective: 5, Enabling: 5, Unclassified: 30 });
    for (const type of WORK_TYPES) expect(driftFromTarget(measured, target)![type]).toBe(0);
  });
});

describe('what the gadget shows agrees with itself and with the server', () => {
  const memberArb = fc.record({
    workType: fc.constantFrom<WorkType | null>('Innovative', 'Corrective', 'Enabling', null),
    estimate: fc.option(fc.integer({ min: 0, max: 21 }), { nil: null }),
    done: fc.boolean(),
  });
  const targetArb = fc
    .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
    .map(([a, b]) => ({ Innovative: Math.min(a, b), Corrective: Math.max(a, b) - Math.min(a, b), Enabling: 100 - Math.max(a, b) }));

  /** The resolver's answer for a sprint, built by the same domain rules the service uses, and checked by the contract. */
  function readyView(members: SprintMember[], target: { Innovative: number; Corrective: number; Enabling: number }, threshold: number): ReadyView {
    const shape = sprintShape(tallySprint(members, true));
    const estimable = effectiveMeasure(shape, 'estimate') === 'estimate';
    const view = {
      state: 'ready' as const,
      board: { id: 1, name: 'Payments board', type: 'scrum' as const, projectKey: 'PAY' },
      sprint: { id: 50, name: 'PAY Sprint 14', state: 'active' as const, startDate: null, endDate: null, completeDate: null },
      measure: effectiveMeasure(shape, 'estimate'),
      estimationField: { fieldId: 'customfield_10016', name: 'Story Points' },
      shape,
      target,
      driftThreshold: threshold,
      readings: {
        count: shapeReading(shape, 'count', target, threshold),
        estimate: estimable ? shapeReading(shape, 'estimate', target, threshold) : null,
      },
      segmentJql: { Innovative: 'a', Corrective: 'b', Enabling: 'c', Unclassified: 'd' },
    };
    return sprintShapeContract['sprintShape.get'].output.parse(view) as ReadyView;
  }

  it('for every type, the shown share of classified work minus the shown target is the shown drift, in the table and in each warning', () => {
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 120 }),
        targetArb,
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom<Measure>('count', 'estimate'),
        (members, target, threshold, wanted) => {
          expect(targetMixSchema.safeParse(target).success).toBe(true);
          const view = readyView(members, target, threshold);
          const shown = shownMeasure(view, wanted);
          const rows = driftRows(shown, view.target);
          const reading = shown.reading;
          for (const type of WORK_TYPES) {
            const row = rows.find((r) => r.segment === type)!;
            if (reading.drift === null) {
              // Nothing classified: no share, no drift, nothing to subtract.
              expect([row.classifiedPercent, row.drift]).toEqual([null, null]);
              continue;
            }
            expect(row.classifiedPercent! - row.targetPercent!).toBe(row.drift);
            expect(row.drift).toBe(reading.drift[type]);
            expect(row.pastThreshold).toBe(Math.abs(row.drift!) > threshold);
          }
          for (const warning of reading.warnings) {
            if (warning.kind !== 'drift') continue;
            const row = rows.find((r) => r.segment === warning.workType)!;
            expect(warning.classifiedPercent - warning.targetPercent).toBe(warning.drift);
            expect([warning.classifiedPercent, warning.targetPercent, warning.drift]).toEqual([row.classifiedPercent, row.targetPercent, row.drift]);
            // The sentence says the same three numbers, in pp.
            const sentence = warningSentence(warning, threshold, shown.measure, 'Story Points');
            expect(sentence).toContain(`${warning.classifiedPercent}\u00a0% of classified work against a ${warning.targetPercent}\u00a0% target: ${formatPp(warning.drift)}`);
            expect(sentence).not.toMatch(/points/);
          }
          // The table's shares of classified work are the bars' and add to 100; the whole-sprint shares add to 100 too.
          const classifiedShown = rows.filter((r) => r.classifiedPercent !== null).map((r) => r.classifiedPercent!);
          if (classifiedShown.length > 0) expect(classifiedShown.reduce((a, b) => a + b, 0)).toBe(100);
          if (shown.breakdown.total > 0) expect(rows.reduce((sum, r) => sum + r.sprintPercent, 0)).toBe(100);
        },
      ),
    );
  });

  it('shows the estimate reading only when the server read one, and falls back to count otherwise', () => {
    const unestimated = readyView([member('Innovative'), member(null)], { Innovative: 50, Corrective: 25, Enabling: 25 }, 10);
    expect(unestimated.readings.estimate).toBeNull();
    expect(shownMeasure(unestimated, 'estimate')).toMatchObject({ measure: 'count', reading: unestimated.readings.count });
    const estimated = readyView([member('Innovative', 3), member('Corrective', 5)], { Innovative: 50, Corrective: 25, Enabling: 25 }, 10);
    expect(shownMeasure(estimated, 'estimate')).toMatchObject({ measure: 'estimate', reading: estimated.readings.estimate, breakdown: estimated.shape.byEstimate });
  });

  it('says in one line what drift is measured against, with the amounts', () => {
    const view = readyView([member('Innovative', 8), member('Corrective', 2), member(null, 5)], { Innovative: 50, Corrective: 25, Enabling: 25 }, 10);
    expect(driftBasis(shownMeasure(view, 'estimate'))).toBe(
      "Drift is each type's share of classified work (10 pts of 15 pts; 5 pts unclassified) minus its target, in percentage points (pp).",
    );
    expect(driftBasis(shownMeasure(view, 'count'))).toContain('(2 issues of 3 issues; 1 issue unclassified)');
    const untriaged = readyView([member(null, 5)], { Innovative: 50, Corrective: 25, Enabling: 25 }, 10);
    expect(driftBasis(shownMeasure(untriaged, 'estimate'))).toMatch(/^Nothing in this sprint has a work type yet/);
  });

  it('writes drift in pp with a true minus sign, and amounts in pts or issues', () => {
    expect([formatPp(13), formatPp(-4), formatPp(0)]).toEqual(['+13\u00a0pp', '−4\u00a0pp', '0\u00a0pp']);
    expect([formatAmount(1, 'estimate'), formatAmount(2.25, 'estimate'), formatAmount(1, 'count'), formatAmount(3, 'count')]).toEqual([
      '1 pt',
      '2.3 pts',
      '1 issue',
      '3 issues',
    ]);
  });

  it('gives each trend column its classified mix against the target, its unclassified share, and all of it in words', () => {
    const shape = sprintShape(tallySprint([member('Innovative', 6), member('Corrective', 2), member(null, 2)], true));
    const point: TrendPoint = {
      sprint: { id: 7, name: 'PAY Sprint 13', state: 'closed', startDate: null, endDate: null, completeDate: null },
      byCount: shape.byCount,
      byEstimate: shape.byEstimate,
      issueCount: 3,
    };
    const column = trendColumn(point, 'estimate', { Innovative: 50, Corrective: 30, Enabling: 20 });
    expect(column.segments).toEqual([
      { workType: 'Innovative', percent: 75, target: 50 },
      { workType: 'Corrective', percent: 25, target: 30 },
      { workType: 'Enabling', percent: 0, target: 20 },
    ]);
    expect(column.unclassifiedPercent).toBe(20);
    expect(column.description).toBe(
      'PAY Sprint 13, share of classified work: Innovative 75\u00a0% (target 50\u00a0%), Corrective 25\u00a0% (target 30\u00a0%), Enabling 0\u00a0% (target 20\u00a0%); 20\u00a0% of the sprint unclassified.',
    );
    expect(trendColumn(point, 'count', { Innovative: 50, Corrective: 30, Enabling: 20 }).segments.map((s) => s.percent)).toEqual([50, 50, 0]);
  });
});

describe('the target mix in the contract', () => {
  it('reports a bad share once, on the share, and the sum only when every share is valid', () => {
    const negative = targetMixSchema.safeParse({ Innovative: -10, Corrective: 60, Enabling: 50 });
    expect(negative.success ? [] : negative.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['Innovative', 'No less than 0 %.']]);
    const sum = targetMixSchema.safeParse({ Innovative: 50, Corrective: 25, Enabling: 20 });
    expect(sum.success ? [] : sum.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['', 'The target adds up to 95 %; it must add up to 100 %.']]);
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
