/**
 * Scores a clustering and categorisation of signals against a labelled set (test/fixtures/signals-labelled/).
 * Pure: no I/O, no clock, no randomness. The caller loads the files and prints the result.
 *
 * Clustering is scored twice, because the two measures fail differently:
 * - pairwise precision/recall/F1 counts unordered pairs of items placed together; big clusters dominate it
 *   (a cluster of n items holds n(n-1)/2 pairs), so merging two big clusters is punished hard and singletons
 *   count for nothing;
 * - B-cubed (Bagga & Baldwin 1998) scores every item once: precision_i = |pred(i) ∩ gold(i)| / |pred(i)|,
 *   recall_i = |pred(i) ∩ gold(i)| / |gold(i)|, each averaged over items; singletons count like everything else.
 * F1 is the harmonic mean of the averaged precision and recall (not an average of per-item F1s).
 *
 * Cluster labels are names only: renaming them on either side changes nothing. Items are matched by id, and the
 * two id sets must be the same (no duplicates, nothing missing, nothing extra), or evaluate() throws.
 */

/** The five categories of the labelled set, in the order the confusion matrix lists them. */
export const CATEGORIES = ['request', 'pain-point', 'confusion', 'bug', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** One item as predicted or as labelled. `category` is a string so an unknown value is reported, not hidden. */
export interface Assignment {
  id: string;
  cluster: string;
  category: string;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export interface PairwiseScores extends PrecisionRecall {
  /** Pairs placed together in both the prediction and the labels. */
  truePositivePairs: number;
  /** Pairs placed together by the prediction. */
  predictedPairs: number;
  /** Pairs placed together by the labels. */
  goldPairs: number;
}

export interface CategoryScores {
  /** Share of items whose predicted category equals the label. */
  accuracy: number;
  correct: number;
  total: number;
  /** Row labels are the gold category, columns the predicted one: confusion[gold][predicted] = count. */
  labels: string[];
  confusion: Record<string, Record<string, number>>;
  /** Per gold category: precision and recall of predicting it (0/0 counts as 1, see ratio()). */
  perCategory: Record<string, PrecisionRecall & { support: number }>;
}

export interface ClusterEvaluation {
  items: number;
  predictedClusters: number;
  goldClusters: number;
  pairwise: PairwiseScores;
  bcubed: PrecisionRecall;
  category: CategoryScores;
}

/** Thrown when predictions and labels do not describe the same items. */
export class MismatchedItemsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MismatchedItemsError';
  }
}

/**
 * a / b, with 0/0 = 1: nothing predicted together is vacuously precise, nothing to find is vacuously found.
 * This makes a perfect prediction score 1 even when every gold cluster is a singleton (no pairs at all).
 */
function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Float sums of fractions can land a hair outside [0, 1]; the exact value never does. */
function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

function listSome(ids: string[]): string {
  const shown = ids.slice(0, 10).map((id) => JSON.stringify(id));
  return ids.length > 10 ? `${shown.join(', ')} and ${ids.length - 10} more` : shown.join(', ');
}

function indexById(items: readonly Assignment[], side: 'predictions' | 'labels'): Map<string, Assignment> {
  const byId = new Map<string, Assignment>();
  const duplicates = new Set<string>();
  for (const item of items) {
    if (byId.has(item.id)) duplicates.add(item.id);
    byId.set(item.id, item);
  }
  if (duplicates.size > 0) throw new MismatchedItemsError(`${side} repeat the id(s) ${listSome([...duplicates])}`);
  return byId;
}

/** Checks that both sides hold the same ids, each once, and returns the pairs (prediction, label) in label order. */
function align(predictions: readonly Assignment[], labels: readonly Assignment[]): Array<[Assignment, Assignment]> {
  const predicted = indexById(predictions, 'predictions');
  const gold = indexById(labels, 'labels');
  const missing = [...gold.keys()].filter((id) => !predicted.has(id));
  const extra = [...predicted.keys()].filter((id) => !gold.has(id));
  if (missing.length > 0 || extra.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`${missing.length} labelled id(s) have no prediction: ${listSome(missing)}`);
    if (extra.length > 0) parts.push(`${extra.length} predicted id(s) are not labelled: ${listSome(extra)}`);
    throw new MismatchedItemsError(`predictions and labels cover different items; ${parts.join('; ')}`);
  }
  if (gold.size === 0) throw new MismatchedItemsError('nothing to evaluate: predictions and labels are both empty');
  return labels.map((label) => [predicted.get(label.id)!, label]);
}

function countBy<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function clusterScores(aligned: Array<[Assignment, Assignment]>): {
  pairwise: PairwiseScores;
  bcubed: PrecisionRecall;
  predictedClusters: number;
  goldClusters: number;
} {
  const predictedSize = countBy(aligned.map(([p]) => p.cluster));
  const goldSize = countBy(aligned.map(([, g]) => g.cluster));
  // Contingency table: how many items the predicted cluster p and the gold cluster g share. The key joins the two
  // labels with JSON so no choice of cluster names can collide.
  const cells = new Map<string, { predicted: string; gold: string; n: number }>();
  for (const [p, g] of aligned) {
    const key = JSON.stringify([p.cluster, g.cluster]);
    const cell = cells.get(key);
    if (cell) cell.n += 1;
    else cells.set(key, { predicted: p.cluster, gold: g.cluster, n: 1 });
  }

  let truePositivePairs = 0;
  let bcubedPrecisionSum = 0;
  let bcubedRecallSum = 0;
  for (const { predicted, gold, n } of cells.values()) {
    truePositivePairs += pairs(n);
    // Each of the n items in this cell has the same per-item precision n/|p| and recall n/|g|.
    bcubedPrecisionSum += (n * n) / predictedSize.get(predicted)!;
    bcubedRecallSum += (n * n) / goldSize.get(gold)!;
  }
  let predictedPairs = 0;
  for (const size of predictedSize.values()) predictedPairs += pairs(size);
  let goldPairs = 0;
  for (const size of goldSize.values()) goldPairs += pairs(size);

  const pairPrecision = ratio(truePositivePairs, predictedPairs);
  const pairRecall = ratio(truePositivePairs, goldPairs);
  const n = aligned.length;
  const bPrecision = clamp01(bcubedPrecisionSum / n);
  const bRecall = clamp01(bcubedRecallSum / n);
  return {
    pairwise: {
      precision: pairPrecision,
      recall: pairRecall,
      f1: f1(pairPrecision, pairRecall),
      truePositivePairs,
      predictedPairs,
      goldPairs,
    },
    bcubed: { precision: bPrecision, recall: bRecall, f1: f1(bPrecision, bRecall) },
    predictedClusters: predictedSize.size,
    goldClusters: goldSize.size,
  };
}

function categoryScores(aligned: Array<[Assignment, Assignment]>): CategoryScores {
  const known: readonly string[] = CATEGORIES;
  const seen = new Set<string>();
  for (const [p, g] of aligned) {
    seen.add(p.category);
    seen.add(g.category);
  }
  const labels = [...known, ...[...seen].filter((c) => !known.includes(c)).sort()];
  const confusion: Record<string, Record<string, number>> = {};
  for (const row of labels) {
    confusion[row] = {};
    for (const col of labels) confusion[row][col] = 0;
  }
  let correct = 0;
  for (const [p, g] of aligned) {
    confusion[g.category][p.category] += 1;
    if (p.category === g.category) correct += 1;
  }
  const perCategory: CategoryScores['perCategory'] = {};
  for (const c of labels) {
    const truePositives = confusion[c][c];
    const support = labels.reduce((sum, col) => sum + confusion[c][col], 0);
    const predictedAs = labels.reduce((sum, row) => sum + confusion[row][c], 0);
    const precision = ratio(truePositives, predictedAs);
    const recall = ratio(truePositives, support);
    perCategory[c] = { precision, recall, f1: f1(precision, recall), support };
  }
  return { accuracy: correct / aligned.length, correct, total: aligned.length, labels, confusion, perCategory };
}

/**
 * Scores `predictions` against `labels`. Throws MismatchedItemsError when the two do not hold exactly the same
 * ids (each once), or when both are empty.
 */
export function evaluate(predictions: readonly Assignment[], labels: readonly Assignment[]): ClusterEvaluation {
  const aligned = align(predictions, labels);
  const clusters = clusterScores(aligned);
  return {
    items: aligned.length,
    predictedClusters: clusters.predictedClusters,
    goldClusters: clusters.goldClusters,
    pairwise: clusters.pairwise,
    bcubed: clusters.bcubed,
    category: categoryScores(aligned),
  };
}
