import type { WorkType } from '../../../src/domain/work-type';

/**
 * What each kind of work means, in the words Upstream uses everywhere it offers the choice. Its own module so a
 * surface can show the hints without the radio group's stylesheet (the field's edit uses a select).
 */
export const WORK_TYPE_HINTS: Record<WorkType, string> = {
  Innovative: 'New value for customers',
  Corrective: 'Fixes something that is wrong',
  Enabling: 'Makes future work possible or cheaper',
};
