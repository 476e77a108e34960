/** The kinds of work Upstream tells apart. An issue with no value has not been triaged yet. */
export const WORK_TYPES = ['Innovative', 'Corrective', 'Enabling'] as const;
export type WorkType = (typeof WORK_TYPES)[number];

export const isWorkType = (value: unknown): value is WorkType =>
  typeof value === 'string' && (WORK_TYPES as readonly string[]).includes(value);
