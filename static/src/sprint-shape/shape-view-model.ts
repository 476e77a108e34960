/**
 * What the gadget shows, in words and numbers, from the resolver's answer alone. The server measures (shares,
 * drift, warnings: src/domain/sprint-shape.ts); this module only chooses which of its numbers go where and says
 * them, so the table, the bars, the warnings and the trend cannot disagree with each other or with the server.
 * Pure (no React), so the unit tests can hold it to "what is shown as actual minus target is the drift".
 */
import type { ShapeBreakdownDto, ShapeReadingDto, ShapeWarningDto, SprintShapeView, TargetMixDto, TrendPoint } from '../../../src/contract/sprint-shape';
import { SHAPE_SEGMENTS, type Measure, type ShapeSegment } from '../../../src/domain/sprint-shape';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';

export type ReadyView = Extract<SprintShapeView, { state: 'ready' }>;

/** One measure of the sprint as the server read it: its amounts and shares, and its drift and warnings. */
export interface ShownMeasure {
  measure: Measure;
  breakdown: ShapeBreakdownDto;
  reading: ShapeReadingDto;
}

/** The measure asked for when the server could read the sprint in it; otherwise by count (nothing is estimated). */
export function shownMeasure(view: ReadyView, wanted: Measure): ShownMeasure {
  if (wanted === 'estimate' && view.readings.estimate && view.shape.byEstimate) {
    return { measure: 'estimate', breakdown: view.shape.byEstimate, reading: view.readings.estimate };
  }
  return { measure: 'count', breakdown: view.shape.byCount, reading: view.readings.count };
}

/** Percentages and percentage points with a no-break space, so "43 %" never wraps between number and sign. */
export const formatPercent = (percent: number): string => `${percent}\u00a0%`;

/** Signed, with a true minus sign: "+13 pp", "−4 pp", "0 pp". Drift is always in percentage points, never "points". */
export const formatPp = (pp: number): string => `${pp > 0 ? `+${pp}` : pp < 0 ? `−${-pp}` : '0'}\u00a0pp`;

/** An amount in the measure's unit: "19 pts", "1 pt", "12 issues". Story points are "pts"; drift is "pp". */
export function formatAmount(amount: number, measure: Measure): string {
  if (measure === 'count') return `${amount} ${amount === 1 ? 'issue' : 'issues'}`;
  const rounded = Math.round(amount * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'pt' : 'pts'}`;
}

export interface DriftRow {
  segment: ShapeSegment;
  /** Share of classified work: what drift is measured against. null for Unclassified, and when nothing is classified. */
  classifiedPercent: number | null;
  targetPercent: number | null;
  /** The server's drift (classified share minus target); null where there is nothing to compare. */
  drift: number | null;
  pastThreshold: boolean;
  /** Share of the whole sprint, Unclassified included: secondary. */
  sprintPercent: number;
  amount: number;
}

/** The table's rows. Which drift is past the threshold is the server's say (its drift warnings), like the drift itself. */
export function driftRows(shown: ShownMeasure, target: TargetMixDto): DriftRow[] {
  const { breakdown, reading } = shown;
  const warned = new Set(reading.warnings.flatMap((warning) => (warning.kind === 'drift' ? [warning.workType] : [])));
  return SHAPE_SEGMENTS.map((segment): DriftRow => {
    const base = { segment, sprintPercent: breakdown.percents[segment], amount: breakdown.amounts[segment] };
    if (segment === 'Unclassified') return { ...base, classifiedPercent: null, targetPercent: null, drift: null, pastThreshold: false };
    const drift = reading.drift ? reading.drift[segment] : null;
    return {
      ...base,
      classifiedPercent: reading.drift ? breakdown.classified.percents[segment] : null,
      targetPercent: target[segment],
      drift,
      pastThreshold: warned.has(segment),
    };
  });
}

/** The one line that says what drift is measured against, with the amounts behind it. */
export function driftBasis(shown: ShownMeasure): string {
  const { breakdown, measure } = shown;
  if (breakdown.classified.total <= 0) {
    return 'Nothing in this sprint has a work type yet, so there is no mix to compare with the target.';
  }
  const unclassified = breakdown.amounts.Unclassified;
  const classified = unclassified > 0
    ? `${formatAmount(breakdown.classified.total, measure)} of ${formatAmount(breakdown.total, measure)}; ${formatAmount(unclassified, measure)} unclassified`
    : `all ${formatAmount(breakdown.total, measure)}`;
  return `Drift is each type's share of classified work (${classified}) minus its target, in percentage points (pp).`;
}

const issues = (n: number): string => `${n} ${n === 1 ? 'issue has' : 'issues have'}`;

/** A warning in words, with the same numbers the table shows beside it. */
export function warningSentence(warning: ShapeWarningDto, threshold: number, measure: Measure, estimateName: string): string {
  switch (warning.kind) {
    case 'drift':
      return `${warning.workType} is ${formatPercent(warning.classifiedPercent)} of classified work against a ${formatPercent(warning.targetPercent)} target: ${formatPp(warning.drift)}, more than ${threshold}\u00a0pp.`;
    case 'unclassified': {
      const of = measure === 'estimate' ? `the sprint's ${estimateName.toLowerCase()}` : "the sprint's issues";
      return `${issues(warning.issueCount)} no work type (${formatPercent(warning.percent)} of ${of}), so drift leaves ${warning.issueCount === 1 ? 'it' : 'them'} out: triage them for a true shape.`;
    }
    case 'missing-estimates':
      return `${issues(warning.issueCount)} no estimate and ${warning.issueCount === 1 ? 'counts' : 'count'} as 0.`;
  }
}

export interface TrendSegment {
  workType: WorkType;
  percent: number;
  target: number;
}

export interface TrendColumn {
  sprintId: number;
  name: string;
  /** Shares of classified work, the same basis as drift, drawn against the target; empty when nothing is classified. */
  segments: TrendSegment[];
  /** Share of the whole sprint with no work type: shown under the column, not in it. */
  unclassifiedPercent: number;
  empty: boolean;
  /** Everything the column shows, in one sentence, for screen readers (nothing needs hovering). */
  description: string;
}

/** A closed sprint as a trend column, in the gadget's measure where that sprint had estimates, else by count. */
export function trendColumn(point: TrendPoint, measure: Measure, target: TargetMixDto): TrendColumn {
  const measured = measure === 'estimate' && point.byEstimate && point.byEstimate.total > 0 ? point.byEstimate : point.byCount;
  const segments = measured.classified.total > 0
    ? WORK_TYPES.map((workType) => ({ workType, percent: measured.classified.percents[workType], target: target[workType] }))
    : [];
  const unclassifiedPercent = measured.percents.Unclassified;
  const mix = segments.map((s) => `${s.workType} ${formatPercent(s.percent)} (target ${formatPercent(s.target)})`).join(', ');
  const description =
    measured.total === 0
      ? `${point.sprint.name}: no issues.`
      : segments.length === 0
        ? `${point.sprint.name}: nothing classified.`
        : `${point.sprint.name}, share of classified work: ${mix}${unclassifiedPercent > 0 ? `; ${formatPercent(unclassifiedPercent)} of the sprint unclassified` : ''}.`;
  return { sprintId: point.sprint.id, name: point.sprint.name, segments, unclassifiedPercent, empty: measured.total === 0, description };
}
