/** The work type of an issue's parent (usually its epic), read as the user; unknown when they cannot see it. */
import { AppError } from '../../errors';
import { isWorkType, type WorkType } from '../../domain/work-type';
import { bulkFetchIssues, getIssueRecord } from '../../jira/issue-reads';

export async function parentWorkTypeOf(parentKey: string | null, fieldId: string): Promise<WorkType | null> {
  if (!parentKey) return null;
  try {
    const parent = await getIssueRecord('user', parentKey, [fieldId], []);
    const raw = parent.fields[fieldId];
    return isWorkType(raw) ? raw : null;
  } catch (error: unknown) {
    // A parent the person cannot see only means the suggestion has less to go on.
    if (error instanceof AppError && error.code === 'not-found') return null;
    throw error;
  }
}

/** Work types of many parents in one go (100 per request), for a page of the triage queue. */
export async function parentWorkTypesOf(parentIds: readonly string[], fieldId: string): Promise<Map<string, WorkType>> {
  const unique = [...new Set(parentIds)];
  const byId = new Map<string, WorkType>();
  if (unique.length === 0) return byId;
  for (const parent of await bulkFetchIssues('user', unique, [fieldId])) {
    const raw = parent.fields[fieldId];
    if (isWorkType(raw)) byId.set(parent.id, raw);
  }
  return byId;
}
