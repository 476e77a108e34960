/**
 * One colour per segment, from Atlassian's chart tokens so light and dark themes both read; the same hues as
 * the work-type lozenges (Innovative purple, Corrective red, Enabling blue). Unclassified is neutral and
 * hatched, so it reads as "not known" rather than as a fourth kind of work. Fallbacks are the light values.
 */
import type { ShapeSegment } from '../../../src/domain/sprint-shape';

export const SEGMENT_COLOUR: Record<ShapeSegment, string> = {
  Innovative: 'var(--ds-chart-discovery-bold, #8270DB)',
  Corrective: 'var(--ds-chart-danger-bold, #E2483D)',
  Enabling: 'var(--ds-chart-information-bold, #357DE8)',
  Unclassified: 'var(--ds-chart-neutral, #8590A2)',
};

/**
 * The target bar is drawn in the same hues, faded: the plan, not the work. Faded rather than the tokens'
 * lighter tints because those invert between themes (in dark, the non-bold tints are the stronger ones).
 */
export const TARGET_OPACITY = 0.5;

export const backgroundOf = (segment: ShapeSegment): string =>
  segment === 'Unclassified'
    ? `repeating-linear-gradient(135deg, ${SEGMENT_COLOUR.Unclassified} 0 4px, var(--ds-surface, #FFFFFF) 4px 7px)`
    : SEGMENT_COLOUR[segment];

export const TEXT_SUBTLE = 'var(--ds-text-subtle, #505F79)';
export const TEXT = 'var(--ds-text, #172B4D)';
export const BORDER = 'var(--ds-border, #091E4224)';

/** Signed, with a true minus sign: "+34", "−25", "0". */
export const formatPoints = (points: number): string => (points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0');
