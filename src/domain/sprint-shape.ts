/**
 * Sprint-shape arithmetic: the mix of work types in a sprint, by issue count and by estimate, and how far
 * it drifts from a team's target mix. Pure: members come in already read from Jira, nothing is fetched here.
 *
 * Counting rule: a sprint's members are its parent-level issues. Sub-tasks have no estimate of their own and
 * copy their parent's work type, so counting them would weigh a story by how finely it was split.
 */
import { WORK_TYPES, type WorkType } from './work-type';

/** The three work types plus work nobody has triaged yet. Order is the drawing order, left to right. */
export const SHAPE_SEGMENTS = [...WORK_TYPES, 'Unclassified'] as const;
export type ShapeSegment = (typeof SHAPE_SEGMENTS)[number];

export type TargetMix = Readonly<Record<WorkType, number>>;
export type Measure = 'count' | 'estimate';

/** One parent-level issue in a sprint, as the shape needs it. */
export interface SprintMember {
  workType: WorkType | null;
  /** The board's estimate for the issue; null when the board estimates but this issue has none. */
  estimate: number | null;
  done: boolean;
}

/** Raw totals per segment: what a snapshot stores, so percentages can be recomputed under any rule later. */
export interface ShapeTotals {
  /** Issues per segment. */
  counts: Record<ShapeSegment, number>;
  /** Summed estimates per segment; null when the board has no estimation field (count only). */
  estimates: Record<ShapeSegment, number> | null;
  issueCount: number;
  doneCount: number;
  /** Issues without an estimate on a board that estimates: counted as 0 and reported, never guessed. */
  missingEstimates: number;
}

/** One measure of a sprint: the amounts behind each segment and their whole-number percentages. */
export interface ShapeBreakdown {
  amounts: Record<ShapeSegment, number>;
  total: number;
  /** Whole percentages adding to exactly 100 (or all 0 when the total is 0). */
  percents: Record<ShapeSegment, number>;
}

const REMAINDER_TIE = 1e-9;

const zeroes = (): Record<ShapeSegment, number> => ({ Innovative: 0, Corrective: 0, Enabling: 0, Unclassified: 0 });

export function tallySprint(members: readonly SprintMember[], estimated: boolean): ShapeTotals {
  const counts = zeroes();
  const estimates = estimated ? zeroes() : null;
  let doneCount = 0;
  let missingEstimates = 0;
  for (const member of members) {
    const segment: ShapeSegment = member.workType ?? 'Unclassified';
    counts[segment] += 1;
    if (member.done) doneCount += 1;
    if (estimates) {
      const usable = member.estimate !== null && Number.isFinite(member.estimate) && member.estimate >= 0;
      if (!usable) missingEstimates += 1;
      estimates[segment] += usable ? (member.estimate as number) : 0;
    }
  }
  return { counts, estimates, issueCount: members.length, doneCount, missingEstimates };
}

/**
 * Whole percentages by the largest-remainder method: each part gets the floor of its exact share, and the
 * points still missing from 100 go to the parts with the largest remainders (ties: earlier key first). So the
 * segments of a bar always add to exactly 100 and no part is off by more than one point.
 */
export function largestRemainderPercents<K extends string>(amounts: Readonly<Record<K, number>>, keys: readonly K[]): Record<K, number> {
  const total = keys.reduce((sum, key) => sum + Math.max(0, amounts[key]), 0);
  const result = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  if (total <= 0) return result;
  const exact = keys.map((key, index) => {
    const share = (Math.max(0, amounts[key]) / total) * 100;
    return { key, index, floor: Math.floor(share), remainder: share - Math.floor(share) };
  });
  let missing = 100 - exact.reduce((sum, part) => sum + part.floor, 0);
  for (const part of exact) result[part.key] = part.floor;
  // Remainders equal on paper (two thirds and two thirds) differ in floating point; treat near-equal as a tie.
  const byRemainder = [...exact].sort((a, b) =>
    Math.abs(b.remainder - a.remainder) > REMAINDER_TIE ? b.remainder - a.remainder : a.index - b.index,
  );
  for (const part of byRemainder) {
    if (missing <= 0) break;
    result[part.key] += 1;
    missing -= 1;
  }
  return result;
}

export function breakdown(amounts: Record<ShapeSegment, number>): ShapeBreakdown {
  const total = SHAPE_SEGMENTS.reduce((sum, segment) => sum + amounts[segment], 0);
  return { amounts: { ...amounts }, total, percents: largestRemainderPercents(amounts, SHAPE_SEGMENTS) };
}

export interface SprintShape {
  byCount: ShapeBreakdown;
  /** null when the board has no estimation field: the sprint can only be measured by count. */
  byEstimate: ShapeBreakdown | null;
  issueCount: number;
  doneCount: number;
  missingEstimates: number;
}

export function sprintShape(totals: ShapeTotals): SprintShape {
  return {
    byCount: breakdown(totals.counts),
    byEstimate: totals.estimates ? breakdown(totals.estimates) : null,
    issueCount: totals.issueCount,
    doneCount: totals.doneCount,
    missingEstimates: totals.missingEstimates,
  };
}

/**
 * The measure a gadget can actually use: estimate only when the board estimates and something in the sprint
 * carries an estimate; otherwise count, so a board without estimates still gets a shape.
 */
export function effectiveMeasure(shape: SprintShape, wanted: Measure): Measure {
  return wanted === 'estimate' && shape.byEstimate !== null && shape.byEstimate.total > 0 ? 'estimate' : 'count';
}

/**
 * Drift per work type in percentage points: the type's share of *classified* work minus its target. Measured
 * against classified work because untriaged issues say nothing about the mix; they are reported on their own
 * (`unclassifiedPercent`) instead of dragging every type below target. All 0 when nothing is classified.
 */
export function driftFromTarget(measured: ShapeBreakdown, target: TargetMix): Record<WorkType, number> {
  const classified = largestRemainderPercents(measured.amounts, WORK_TYPES);
  const anyClassified = WORK_TYPES.some((type) => measured.amounts[type] > 0);
  return Object.fromEntries(WORK_TYPES.map((type) => [type, anyClassified ? classified[type] - target[type] : 0])) as Record<
    WorkType,
    number
  >;
}

export type ShapeWarning =
  | { kind: 'drift'; workType: WorkType; driftPoints: number }
  | { kind: 'unclassified'; percent: number; issueCount: number }
  | { kind: 'missing-estimates'; issueCount: number };

/** What deserves a warning: any drift past the threshold (strictly), any unclassified work, any missing estimate. */
export function shapeWarnings(
  shape: SprintShape,
  measure: Measure,
  drift: Readonly<Record<WorkType, number>>,
  thresholdPoints: number,
): ShapeWarning[] {
  const warnings: ShapeWarning[] = [];
  for (const type of WORK_TYPES) {
    if (Math.abs(drift[type]) > thresholdPoints) warnings.push({ kind: 'drift', workType: type, driftPoints: drift[type] });
  }
  const unclassifiedCount = shape.byCount.amounts.Unclassified;
  if (unclassifiedCount > 0) {
    const measured = measure === 'estimate' && shape.byEstimate ? shape.byEstimate : shape.byCount;
    warnings.push({ kind: 'unclassified', percent: measured.percents.Unclassified, issueCount: unclassifiedCount });
  }
  if (measure === 'estimate' && shape.missingEstimates > 0) {
    warnings.push({ kind: 'missing-estimates', issueCount: shape.missingEstimates });
  }
  return warnings;
}

/** A target mix is whole, non-negative percentages per work type adding to exactly 100. */
export function targetMixProblem(target: Readonly<Record<WorkType, number>>): string | null {
  for (const type of WORK_TYPES) {
    const value = target[type];
    if (!Number.isInteger(value)) return `${type} must be a whole percentage.`;
    if (value < 0 || value > 100) return `${type} must be between 0 and 100 %.`;
  }
  const sum = WORK_TYPES.reduce((total, type) => total + target[type], 0);
  return sum === 100 ? null : `The target adds up to ${sum} %; it must add up to 100 %.`;
}

export const DRIFT_THRESHOLD_RANGE = { min: 1, max: 50 } as const;
