import type { ResolverOutput } from '../../../src/contract';

export type WalkthroughView = ResolverOutput<'walkthrough.view'>;
export type Version = ResolverOutput<'walkthrough.version'>;
export type VersionSummary = WalkthroughView['versions'][number];
export type Item = Version['items'][number];
export type ItemKind = Item['kind'];
export type Diff = ResolverOutput<'walkthrough.diff'>;
export type Question = WalkthroughView['questions'][number];
export type FieldChange = Diff['edited'][number]['fields'][number];

/** The sections of a version, in the order the walkthrough reads: what is new, what changed, why, then the edges. */
export const SECTIONS: ReadonlyArray<{ kind: ItemKind; title: string; empty: string }> = [
  { kind: 'new', title: 'What is new', empty: 'Nothing new is listed in this version.' },
  { kind: 'change', title: 'What changed, and why', empty: 'No changes from the previous version are listed.' },
  { kind: 'decision', title: 'Decisions', empty: 'No decisions are recorded in this version.' },
  { kind: 'edge-case', title: 'Edge cases', empty: 'No edge cases are listed: ask the designer what happens at the edges.' },
  { kind: 'error-state', title: 'Error states', empty: 'No error states are listed: readiness needs at least one, designed or deferred.' },
  { kind: 'question', title: 'Open questions', empty: 'The designer lists no open questions.' },
];

export const KIND_NAME: Record<ItemKind, string> = {
  new: 'New',
  change: 'Change',
  decision: 'Decision',
  'edge-case': 'Edge case',
  'error-state': 'Error state',
  question: 'Open question',
};

export const FIELD_NAME: Record<FieldChange['field'], string> = {
  kind: 'Kind',
  title: 'Title',
  detail: 'Detail',
  why: 'Why',
  alternatives: 'Alternatives dropped',
  whatHappens: 'What happens',
  state: 'State',
  reason: 'Reason deferred',
};

export const STATE_NAME = { designed: 'Designed', deferred: 'Deferred', open: 'Not settled' } as const;

/** A changed field's value in words: states by name, lists joined, nothing as "(none)". */
export function fieldValueText(field: FieldChange['field'], value: FieldChange['before']): string {
  if (value === null || (typeof value === 'string' && value.length === 0) || (Array.isArray(value) && value.length === 0)) return '(none)';
  if (Array.isArray(value)) return value.join('; ');
  if (field === 'state' && value in STATE_NAME) return STATE_NAME[value as keyof typeof STATE_NAME];
  if (field === 'kind' && value in KIND_NAME) return KIND_NAME[value as ItemKind];
  return value;
}
