/**
 * Is an issue ready to be built? Each item says what is done, what is still to do, and which item Upstream
 * cannot judge yet because the feature that would fill it has not shipped.
 */
import type { WorkType } from './work-type';

export type ReadinessKey = 'classified' | 'origin' | 'discovery' | 'walkthrough';

export interface ReadinessItem {
  key: ReadinessKey;
  label: string;
  state: 'done' | 'todo' | 'not-yet-available';
  detail: string;
}

export function readinessOf(input: { workType: WorkType | null; originKind: 'linked' | 'none' | 'unknown' }): ReadinessItem[] {
  return [
    input.workType
      ? { key: 'classified', label: 'Work type set', state: 'done', detail: `Classified as ${input.workType}.` }
      : { key: 'classified', label: 'Work type set', state: 'todo', detail: 'Choose Innovative, Corrective or Enabling.' },
    input.originKind === 'linked'
      ? { key: 'origin', label: 'Origin known', state: 'done', detail: 'Linked to the signals or discovery note it came from.' }
      : input.originKind === 'none'
        ? { key: 'origin', label: 'Origin known', state: 'done', detail: 'Marked as having no origin to record.' }
        : {
            key: 'origin',
            label: 'Origin known',
            state: 'todo',
            detail: 'Link the signals or discovery note this came from, or mark that it has none.',
          },
    {
      key: 'discovery',
      label: 'Engineering input in discovery',
      state: 'not-yet-available',
      detail: 'Shown once discovery notes track engineering input per issue (the discovery notes feature).',
    },
    {
      key: 'walkthrough',
      label: 'Design walkthrough acknowledged',
      state: 'not-yet-available',
      detail: 'Shown once design walkthroughs ship (the walkthroughs feature).',
    },
  ];
}
