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

/**
 * A number drawn on a coloured segment sits on a small surface-coloured pill, so it keeps the text's contrast
 * on every chart colour in both themes (text straight on the bold chart colours falls below 4.5:1 in light).
 */
export const PILL_STYLE = {
  background: 'var(--ds-surface, #FFFFFF)',
  color: TEXT,
  borderRadius: '6px',
  padding: '0 4px',
  font: 'var(--ds-font-body-small, 400 11px/14px sans-serif)',
  fontWeight: 600,
  lineHeight: '14px',
  whiteSpace: 'nowrap',
  pointerEvents: 'none',
} as const;

/** A button that reads as a link (it opens a Jira search of a segment's issues), in the surrounding font. */
export const LINK_BUTTON_STYLE = {
  background: 'none',
  border: 'none',
  padding: 0,
  color: 'var(--ds-link, #0C66E4)',
  cursor: 'pointer',
  font: 'inherit',
  textAlign: 'left',
} as const;

/** Segments narrower than this share get no drawn number (it would not fit); their number is in the table and the names. */
export const MIN_LABELLED_PERCENT = 10;
