/**
 * The baseline for workType.setMany: one issue at a time, as a first version would — read the issue, check
 * the person may edit it, write the field for that issue alone, record the decision — issues in parallel.
 */
import { kvs } from '@forge/kvs';
import { writeFieldValues } from '../../src/jira/app-field-values';
import { workTypeFieldId } from '../../src/jira/fields';
import { myIssuePermissions } from '../../src/jira/issue-permissions';
import { getIssueRecord } from '../../src/jira/issue-reads';
import type { WorkType } from '../../src/domain/work-type';

export async function naiveSetMany(assignments: ReadonlyArray<{ issueKey: string; workType: WorkType | null }>, accountId: string) {
  const fieldId = await workTypeFieldId();
  const outcomes = await Promise.all(
    assignments.map(async ({ issueKey, workType }) => {
      const issue = await getIssueRecord('user', issueKey, ['issuetype'], []);
      const permissions = await myIssuePermissions(issueKey);
      if (!permissions.edit) return { issueKey, refused: true };
      await writeFieldValues(fieldId, [{ value: workType, issueIds: [Number(issue.id)] }]);
      await kvs.entity('work-type-decision').set(issue.id, {
        issueId: issue.id,
        issueKey,
        ...(workType ? { workType } : {}),
        setByAccountId: accountId,
        setAt: Math.floor(Date.now() / 1000),
        acceptedSuggestion: false,
      });
      return { issueKey, refused: false };
    }),
  );
  return { updated: outcomes.filter((o) => !o.refused).length };
}
