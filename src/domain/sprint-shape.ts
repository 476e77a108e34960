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

/**
 * One measure of a sprint: the amounts behind each segment, their whole-number shares of the whole sprint, and
 * the classified work alone (the three work types without Unclassified), which is what drift compares with the
 * target. Both sets of shares come from here, so every surface shows the same numbers.
 */
export interface ShapeBreakdown {
  amounts: Record<ShapeSegment, number>;
  total: number;
  /** Shares of the whole sprint: whole percentages adding to exactly 100 (or all 0 when the total is 0). */
  percents: Record<ShapeSegment, number>;
  classified: {
    /** The amount of classified work: the total without Unclassified. */
    total: number;
    /** Shares of classified work, adding to exactly 100 (or all 0 when nothing is classified). */
    percents: Record<WorkType, number>;
  };
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
  const classifiedTotal = WORK_TYPES.reduce((sum, type) => sum + amounts[type], 0);
  return {
    amounts: { ...amounts },
    total,
    percents: largestRemainderPercents(amounts, SHAPE_SEGMENTS),
    classified: { total: classifiedTotal, percents: largestRemainderPercents(amounts, WORK_TYPES) },
  };
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
 * (the `unclassified` warning) instead of dragging every type below target. null when nothing is classified:
 * there is no mix to compare, and "every type 0 pp off" or "every type −target" would both be untrue.
 */
export function driftFromTarget(measured: ShapeBreakdown, target: TargetMix): Record<WorkType, number> | null {
  if (measured.classified.total <= 0) return null;
  return Object.fromEntries(WORK_TYPES.map((type) => [type, measured.classified.percents[type] - target[type]])) as Record<WorkType, number>;
}

export type ShapeWarning =
  /** A drift past the threshold, with the two numbers it is the difference of (share of classified work, target). */
  | { kind: 'drift'; workType: WorkType; classifiedPercent: number; targetPercent: number; drift: number }
  /** Untriaged work, as a share of the whole sprint: it is left out of drift. */
  | { kind: 'unclassified'; percent: number; issueCount: number }
  | { kind: 'missing-estimates'; issueCount: number };

/** The sprint read in one measure: drift from the target and what deserves a warning. */
export interface ShapeReading {
  drift: Record<WorkType, number> | null;
  warnings: ShapeWarning[];
}

/** The breakdown a measure reads: by estimate only when the sprint has one (see effectiveMeasure). */
export function breakdownFor(shape: SprintShape, measure: Measure): ShapeBreakdown {
  return measure === 'estimate' && shape.byEstimate ? shape.byEstimate : shape.byCount;
}

/**
 * Drift and warnings in one measure. Warnings: any drift past the threshold (strictly), any unclassified work,
 * any missing estimate when measuring by estimate.
 */
export function shapeReading(shape: SprintShape, measure: Measure, target: TargetMix, thresholdPoints: number): ShapeReading {
  const measured = breakdownFor(shape, measure);
  const drift = driftFromTarget(measured, target);
  const warnings: ShapeWarning[] = [];
  if (drift) {
    for (const type of WORK_TYPES) {
      if (Math.abs(drift[type]) > thresholdPoints) {
        warnings.push({
          kind: 'drift',
          workType: type,
          classifiedPercent: measured.classified.percents[type],
          targetPercent: target[type],
          drift: drift[type],
        });
      }
    }
  }
  const unclassifiedCount = shape.byCount.amounts.Unclassified;
  if (unclassifiedCount > 0) warnings.push({ kind: 'unclassified', percent: measured.percents.Unclassified, issueCount: unclassifiedCount });
  if (measure === 'estimate' && shape.missingEstimates > 0) warnings.push({ kind: 'missing-estimates', issueCount: shape.missingEstimates });
  return { drift, warnings };
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
