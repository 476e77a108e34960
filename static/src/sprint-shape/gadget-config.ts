/**
 * The gadget's saved configuration as the view reads it. Jira hands back whatever the edit view submitted;
 * a gadget saved before targets existed holds only `{ boardId }`, so missing settings fall back to defaults
 * (the site's default target mix, the active sprint, by estimate, 10 pp) instead of breaking the view.
 */
import type { GadgetConfig, TargetMixDto } from '../../../src/contract/sprint-shape';
import { gadgetConfigSchema } from '../../../src/contract/sprint-shape';

export const DEFAULT_DRIFT_THRESHOLD = 10;

export type StoredConfig =
  | { kind: 'none' }
  | { kind: 'complete'; config: GadgetConfig }
  /** A board and nothing else valid: complete it with defaults once the site's target mix is known. */
  | { kind: 'board-only'; boardId: number; partial: Partial<GadgetConfig> };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readStoredConfig(raw: unknown): StoredConfig {
  if (!isRecord(raw)) return { kind: 'none' };
  const full = gadgetConfigSchema.safeParse(raw);
  if (full.success) return { kind: 'complete', config: full.data };
  const boardId = gadgetConfigSchema.shape.boardId.safeParse(typeof raw.boardId === 'string' ? Number(raw.boardId) : raw.boardId);
  if (!boardId.success) return { kind: 'none' };
  const partial: Partial<GadgetConfig> = {};
  const sprint = gadgetConfigSchema.shape.sprint.safeParse(raw.sprint);
  if (sprint.success) partial.sprint = sprint.data;
  const measure = gadgetConfigSchema.shape.measure.safeParse(raw.measure);
  if (measure.success) partial.measure = measure.data;
  const threshold = gadgetConfigSchema.shape.driftThreshold.safeParse(raw.driftThreshold);
  if (threshold.success) partial.driftThreshold = threshold.data;
  const target = gadgetConfigSchema.shape.target.safeParse(raw.target);
  if (target.success) partial.target = target.data;
  return { kind: 'board-only', boardId: boardId.data, partial };
}

export function completeConfig(boardId: number, partial: Partial<GadgetConfig>, siteTarget: TargetMixDto): GadgetConfig {
  return {
    boardId,
    sprint: partial.sprint ?? { kind: 'active' },
    target: partial.target ?? siteTarget,
    measure: partial.measure ?? 'estimate',
    driftThreshold: partial.driftThreshold ?? DEFAULT_DRIFT_THRESHOLD,
  };
}

/** Jira's issue search for a segment's JQL, on the site the gadget runs in. */
export const issueSearchUrl = (siteUrl: string, jql: string): string => `${siteUrl.replace(/\/$/, '')}/issues/?jql=${encodeURIComponent(jql)}`;
