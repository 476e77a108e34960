import type { ResolverOutput } from '../../contract';
import { isWorkType } from '../../domain/work-type';
import { workTypeFieldId } from '../../jira/fields';
import { myIssuePermissions } from '../../jira/issue-permissions';
import { getIssueRecord } from '../../jira/issue-reads';

/**
 * An issue's work type, read as the user, so an issue they cannot see is `not-found`; and whether they may change
 * it, asked of Jira in parallel (the field's edit shows a reason instead of a control when they may not).
 */
export async function workTypeOfIssue(issueKey: string): Promise<ResolverOutput<'workType.get'>> {
  const [fieldId, permissions] = await Promise.all([workTypeFieldId(), myIssuePermissions(issueKey)]);
  const issue = await getIssueRecord('user', issueKey, [fieldId], []);
  const raw = issue.fields[fieldId];
  // A value outside the three (written before Upstream's validation, or by hand over REST) reads as untriaged.
  return { issueKey: issue.key ?? issueKey, fieldId, value: isWorkType(raw) ? raw : null, canEdit: permissions.browse && permissions.edit };
}
