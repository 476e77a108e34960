import type { ResolverOutput } from '../../contract';
import { isWorkType } from '../../domain/work-type';
import { workTypeFieldId } from '../../jira/fields';
import { getIssueRecord } from '../../jira/issue-reads';

/** An issue's work type, read as the user, so an issue they cannot see is `not-found`. */
export async function workTypeOfIssue(issueKey: string): Promise<ResolverOutput<'workType.get'>> {
  const fieldId = await workTypeFieldId();
  const issue = await getIssueRecord('user', issueKey, [fieldId], []);
  const raw = issue.fields[fieldId];
  // A value outside the three (written before Upstream's validation, or by hand over REST) reads as untriaged.
  return { issueKey: issue.key ?? issueKey, fieldId, value: isWorkType(raw) ? raw : null };
}
