/**
 * The scoring of a clustering and categorisation against the labelled signals (scripts/signals/metrics.ts):
 * small cases computed by hand, then properties that must hold for any prediction.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CATEGORIES, MismatchedItemsError, evaluate, type Assignment } from '../../scripts/signals/metrics';

/** Builds items from a compact spec: [id, cluster, category?]. */
const items = (spec: Array<[string, string, string?]>): Assignment[] =>
  spec.map(([id, cluster, category]) => ({ id, cluster, category: category ?? 'request' }));

/** Gold: {a,b,c} {d,e} {f}. */
const gold = items([
  ['a', 'G1'],
  ['b', 'G1'],
  ['c', 'G1'],
  ['d', 'G2'],
  ['e', 'G2'],
  ['f', 'G3'],
]);

describe('evaluate: hand-computed cases', () => {
  it('scores a worked example: predicted {a,b} {c,d,e,f} against gold {a,b,c} {d,e} {f}', () => {
    const predicted = items([
      ['a', 'P1'],
      ['b', 'P1'],
      ['c', 'P2'],
      ['d', 'P2'],
      ['e', 'P2'],
      ['f', 'P2'],
    ]);
    const result = evaluate(predicted, gold);
    // Pairs together in gold: ab ac bc de = 4; predicted: ab + 6 among cdef = 7; both: ab, de = 2.
    expect(result.pairwise).toMatchObject({ truePositivePairs: 2, predictedPairs: 7, goldPairs: 4 });
    expect(result.pairwise.precision).toBeCloseTo(2 / 7, 12);
    expect(result.pairwise.recall).toBeCloseTo(1 / 2, 12);
    expect(result.pairwise.f1).toBeCloseTo(4 / 11, 12);
    // B-cubed precision per item: a 2/2, b 2/2, c 1/4, d 2/4, e 2/4, f 1/4 → 3.5/6 = 7/12.
    // B-cubed recall per item:    a 2/3, b 2/3, c 1/3, d 2/2, e 2/2, f 1/1 → (14/3)/6 = 7/9.
    // F1 = 2·(7/12)·(7/9) / (7/12 + 7/9) = 2/3.
    expect(result.bcubed.precision).toBeCloseTo(7 / 12, 12);
    expect(result.bcubed.recall).toBeCloseTo(7 / 9, 12);
    expect(result.bcubed.f1).toBeCloseTo(2 / 3, 12);
    expect(result).toMatchObject({ items: 6, predictedClusters: 2, goldClusters: 3 });
  });

  it('scores every item alone: precise by definition, recall only from the gold singletons', () => {
    const predicted = gold.map((g) => ({ ...g, cluster: `alone-${g.id}` }));
    const result = evaluate(predicted, gold);
    // No predicted pairs: precision is 0/0, which counts as 1; none of the 4 gold pairs is found.
    expect(result.pairwise).toMatchObject({ truePositivePairs: 0, predictedPairs: 0, goldPairs: 4 });
    expect(result.pairwise.precision).toBe(1);
    expect(result.pairwise.recall).toBe(0);
    expect(result.pairwise.f1).toBe(0);
    // B-cubed recall: a,b,c 1/3 each, d,e 1/2 each, f 1 → 3/6.
    expect(result.bcubed.precision).toBe(1);
    expect(result.bcubed.recall).toBeCloseTo(1 / 2, 12);
    expect(result.bcubed.f1).toBeCloseTo(2 / 3, 12);
  });

  it('scores everything in one cluster: full recall, precision from the share of true pairs', () => {
    const predicted = gold.map((g) => ({ ...g, cluster: 'everything' }));
    const result = evaluate(predicted, gold);
    expect(result.pairwise).toMatchObject({ truePositivePairs: 4, predictedPairs: 15, goldPairs: 4 });
    expect(result.pairwise.precision).toBeCloseTo(4 / 15, 12);
    expect(result.pairwise.recall).toBe(1);
    expect(result.pairwise.f1).toBeCloseTo(8 / 19, 12);
    // B-cubed precision: a,b,c 3/6, d,e 2/6, f 1/6 → 14/36 = 7/18.
    expect(result.bcubed.precision).toBeCloseTo(7 / 18, 12);
    expect(result.bcubed.recall).toBe(1);
    expect(result.bcubed.f1).toBeCloseTo(14 / 25, 12);
  });

  it('scores a perfect prediction 1 even when every gold cluster is a singleton', () => {
    const singletons = items([
      ['x', 'A', 'bug'],
      ['y', 'B', 'other'],
    ]);
    const result = evaluate(singletons, singletons);
    expect(result.pairwise).toMatchObject({ precision: 1, recall: 1, f1: 1, predictedPairs: 0, goldPairs: 0 });
    expect(result.bcubed).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('counts category accuracy and fills the confusion matrix gold-row, predicted-column', () => {
    const labels = items([
      ['1', 'c', 'request'],
      ['2', 'c', 'request'],
      ['3', 'c', 'bug'],
      ['4', 'c', 'confusion'],
      ['5', 'c', 'pain-point'],
    ]);
    const predicted = items([
      ['1', 'c', 'request'],
      ['2', 'c', 'pain-point'],
      ['3', 'c', 'bug'],
      ['4', 'c', 'request'],
      ['5', 'c', 'pain-point'],
    ]);
    const { category } = evaluate(predicted, labels);
    expect(category).toMatchObject({ correct: 3, total: 5 });
    expect(category.accuracy).toBeCloseTo(3 / 5, 12);
    expect(category.labels).toEqual([...CATEGORIES]);
    expect(category.confusion.request).toEqual({ request: 1, 'pain-point': 1, confusion: 0, bug: 0, other: 0 });
    expect(category.confusion.confusion.request).toBe(1);
    expect(category.confusion.bug.bug).toBe(1);
    expect(category.confusion['pain-point']['pain-point']).toBe(1);
    // request: predicted for items 1 and 4, right once; labelled on items 1 and 2, found once.
    expect(category.perCategory.request).toMatchObject({ precision: 1 / 2, recall: 1 / 2, support: 2 });
    expect(category.perCategory['pain-point']).toMatchObject({ precision: 1 / 2, recall: 1, support: 1 });
    // other: never labelled, never predicted: 0/0 counts as 1.
    expect(category.perCategory.other).toMatchObject({ precision: 1, recall: 1, support: 0 });
  });

  it('lists a category outside the five after them, so a wrong value shows in the matrix', () => {
    const labels = items([['1', 'c', 'bug']]);
    const { category } = evaluate(items([['1', 'c', 'feature']]), labels);
    expect(category.labels).toEqual([...CATEGORIES, 'feature']);
    expect(category.confusion.bug.feature).toBe(1);
    expect(category.accuracy).toBe(0);
  });

  it('does not mistake cluster names that only collide when joined naively', () => {
    // A naive "p|g" key would make ('a|b','c') and ('a','b|c') one cell.
    const labels = items([
      ['1', 'c'],
      ['2', 'b|c'],
    ]);
    const predicted = items([
      ['1', 'a|b'],
      ['2', 'a'],
    ]);
    const result = evaluate(predicted, labels);
    expect(result.pairwise.truePositivePairs).toBe(0);
    expect(result.bcubed).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('evaluate: refuses mismatched items', () => {
  it('names the labelled ids that have no prediction', () => {
    expect(() => evaluate(gold.slice(1), gold)).toThrow(MismatchedItemsError);
    expect(() => evaluate(gold.slice(1), gold)).toThrow(/1 labelled id\(s\) have no prediction: "a"/);
  });

  it('names the predicted ids that are not labelled', () => {
    const predicted = [...gold, { id: 'zz', cluster: 'G1', category: 'bug' }];
    expect(() => evaluate(predicted, gold)).toThrow(/1 predicted id\(s\) are not labelled: "zz"/);
  });

  it('refuses a repeated id on either side', () => {
    expect(() => evaluate([...gold, gold[0]], gold)).toThrow(/predictions repeat the id\(s\) "a"/);
    expect(() => evaluate(gold, [...gold, gold[0]])).toThrow(/labels repeat the id\(s\) "a"/);
  });

  it('refuses an empty evaluation', () => {
    expect(() => evaluate([], [])).toThrow(/nothing to evaluate/);
  });
});

/** A labelled set of 1..40 items over up to 8 clusters, and a prediction for the same ids. */
const category = fc.constantFrom(...CATEGORIES);
const clusterName = fc.constantFrom('k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7');
const assignments = (n: number) => fc.array(fc.tuple(clusterName, category), { minLength: n, maxLength: n });
const labelledAndPredicted = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.tuple(assignments(n), assignments(n)))
  .map(([g, p]) => {
    const labels = g.map(([cluster, cat], i) => ({ id: `s${i}`, cluster, category: cat }));
    const predictions = p.map(([cluster, cat], i) => ({ id: `s${i}`, cluster, category: cat }));
    return { labels, predictions };
  });

const allScores = (r: ReturnType<typeof evaluate>): number[] => [
  r.pairwise.precision,
  r.pairwise.recall,
  r.pairwise.f1,
  r.bcubed.precision,
  r.bcubed.recall,
  r.bcubed.f1,
  r.category.accuracy,
];

/** Renames every cluster label with a bijection: rotate the sorted distinct labels by k, then prefix them. */
function renameClusters(list: Assignment[], k: number, prefix: string): Assignment[] {
  const names = [...new Set(list.map((a) => a.cluster))].sort();
  const to = new Map(names.map((name, i) => [name, `${prefix}${names[(i + k) % names.length]}`]));
  return list.map((a) => ({ ...a, cluster: to.get(a.cluster)! }));
}

describe('evaluate: properties', () => {
  it('scores a perfect prediction 1 everywhere', () => {
    fc.assert(
      fc.property(labelledAndPredicted, ({ labels }) => {
        const r = evaluate(labels.map((l) => ({ ...l })), labels);
        expect(allScores(r)).toEqual(allScores(r).map(() => 1));
      }),
    );
  });

  it('keeps every score in [0, 1]', () => {
    fc.assert(
      fc.property(labelledAndPredicted, ({ labels, predictions }) => {
        for (const score of allScores(evaluate(predictions, labels))) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('gives B-cubed precision 1 whenever every predicted cluster is a singleton', () => {
    fc.assert(
      fc.property(labelledAndPredicted, ({ labels, predictions }) => {
        const alone = predictions.map((p) => ({ ...p, cluster: `only-${p.id}` }));
        const r = evaluate(alone, labels);
        expect(r.bcubed.precision).toBe(1);
        expect(r.pairwise.predictedPairs).toBe(0);
      }),
    );
  });

  it('is unchanged by renaming cluster labels on either side', () => {
    fc.assert(
      fc.property(labelledAndPredicted, fc.nat(10), fc.nat(10), ({ labels, predictions }, kp, kg) => {
        const before = evaluate(predictions, labels);
        const after = evaluate(renameClusters(predictions, kp, 'p-'), renameClusters(labels, kg, 'g-'));
        expect(after.pairwise).toEqual(before.pairwise);
        expect(after.bcubed).toEqual(before.bcubed);
        expect(after.category).toEqual(before.category);
      }),
    );
  });

  it('is unchanged by the order of the items (rotated predictions, reversed labels)', () => {
    fc.assert(
      fc.property(labelledAndPredicted, fc.nat(), ({ labels, predictions }, seed) => {
        const k = seed % predictions.length;
        const shuffled = [...predictions.slice(k), ...predictions.slice(0, k)];
        const reversed = [...labels].reverse();
        const before = evaluate(predictions, labels);
        const after = evaluate(shuffled, reversed);
        expect(after.pairwise).toEqual(before.pairwise);
        expect(after.bcubed.precision).toBeCloseTo(before.bcubed.precision, 12);
        expect(after.bcubed.recall).toBeCloseTo(before.bcubed.recall, 12);
        expect(after.category.accuracy).toBe(before.category.accuracy);
      }),
    );
  });

  it('swaps precision and recall when prediction and labels swap', () => {
    fc.assert(
      fc.property(labelledAndPredicted, ({ labels, predictions }) => {
        const forward = evaluate(predictions, labels);
        const backward = evaluate(labels, predictions);
        expect(backward.pairwise.precision).toBe(forward.pairwise.recall);
        expect(backward.pairwise.recall).toBe(forward.pairwise.precision);
        expect(backward.bcubed.precision).toBeCloseTo(forward.bcubed.recall, 12);
        expect(backward.bcubed.recall).toBeCloseTo(forward.bcubed.precision, 12);
      }),
    );
  });
});

describe('the labelled set (test/fixtures/signals-labelled/)', () => {
  const dir = path.resolve(__dirname, '../fixtures/signals-labelled');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const byFile = files.map((file) => ({
    file,
    signals: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Array<Assignment & { text: string; customer: string; arr: number }>,
  }));

  it('has three products and at least 120 signals, each id once across all files', () => {
    expect(files).toEqual(expect.arrayContaining(['rotaly.json', 'shelfwise.json', 'tasklane.json']));
    const ids = byFile.flatMap(({ signals }) => signals.map((s) => s.id));
    expect(ids.length).toBeGreaterThanOrEqual(120);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every signal text, customer, a positive ARR, a cluster and one of the five categories', () => {
    for (const { signals } of byFile) {
      for (const s of signals) {
        expect(Object.keys(s).sort()).toEqual(['arr', 'category', 'cluster', 'customer', 'id', 'text']);
        expect(s.text.trim().length).toBeGreaterThan(20);
        expect(s.customer.trim()).not.toBe('');
        expect(Number.isFinite(s.arr) && s.arr > 0).toBe(true);
        expect(s.cluster).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
        expect(CATEGORIES as readonly string[]).toContain(s.category);
      }
    }
  });

  it('scores itself perfectly, file by file', () => {
    for (const { signals } of byFile) {
      const r = evaluate(signals, signals);
      expect([r.pairwise.f1, r.bcubed.f1, r.category.accuracy]).toEqual([1, 1, 1]);
    }
  });
});

describe('the dev set (test/fixtures/signals-dev/)', () => {
  const dir = path.resolve(__dirname, '../fixtures/signals-dev');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

  it('has at least three products of at least 60 signals each, in the labelled set\'s shape, each id once', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    const ids: string[] = [];
    for (const file of files) {
      const signals = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Array<Assignment & { text: string; customer: string; arr: number }>;
      expect(signals.length).toBeGreaterThanOrEqual(60);
      for (const s of signals) {
        expect(Object.keys(s).sort()).toEqual(['arr', 'category', 'cluster', 'customer', 'id', 'text']);
        expect(s.text.trim().length).toBeGreaterThan(20);
        expect(Number.isFinite(s.arr) && s.arr > 0).toBe(true);
        expect(CATEGORIES as readonly string[]).toContain(s.category);
        ids.push(s.id);
      }
      expect(evaluate(signals, signals).bcubed.f1).toBe(1);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
