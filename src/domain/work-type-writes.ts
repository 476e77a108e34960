/**
 * Plans the writes for many work-type assignments: the app field value API sets one value on a list of issues
 * per update, so assignments are grouped by value (one request per distinct value) and chunked so that no
 * request names more issues than Jira takes at once.
 */
import type { WorkType } from './work-type';

export interface FieldValueWrite {
  value: WorkType | null;
  issueIds: number[];
}

/** Not documented by Atlassian for this endpoint; kept at the permission-check limit so one check covers a chunk. */
export const MAX_ISSUES_PER_FIELD_WRITE = 1000;

export function planFieldValueWrites(
  assignments: ReadonlyArray<{ issueId: number; workType: WorkType | null }>,
  chunkSize: number = MAX_ISSUES_PER_FIELD_WRITE,
): FieldValueWrite[] {
  const byValue = new Map<WorkType | null, number[]>();
  for (const { issueId, workType } of assignments) {
    const ids = byValue.get(workType) ?? [];
    ids.push(issueId);
    byValue.set(workType, ids);
  }
  const writes: FieldValueWrite[] = [];
  for (const [value, ids] of byValue) {
    for (let start = 0; start < ids.length; start += chunkSize) writes.push({ value, issueIds: ids.slice(start, start + chunkSize) });
  }
  return writes;
}
