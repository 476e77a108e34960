/**
 * Reading a sprint's members from Jira for the shape: ids by JQL (parent-level only), then the four fields
 * the shape needs in parallel bulk fetches. Shared by the live view (as the user), the sprint-closed trigger
 * and the trend's backfill (as the app).
 */
import { isWorkType } from '../../domain/work-type';
import { tallySprint, type ShapeTotals, type SprintMember } from '../../domain/sprint-shape';
import type { Actor } from '../../jira/client';
import { bulkFetchIssues, type JiraIssueRecord } from '../../jira/issue-reads';
import { issueIdsMatching, sprintMembersJql } from '../../jira/sprint-issues';
import type { BoardEstimation } from '../../jira/boards';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Sub-tasks are excluded by the JQL already; checked again here so a site whose JQL differs cannot double-count. */
function isSubtask(issue: JiraIssueRecord): boolean {
  const type = issue.fields.issuetype;
  return isRecord(type) && type.subtask === true;
}

function isDone(issue: JiraIssueRecord): boolean {
  const status = issue.fields.status;
  return isRecord(status) && isRecord(status.statusCategory) && status.statusCategory.key === 'done';
}

export function memberOf(issue: JiraIssueRecord, workTypeFieldId: string, estimation: BoardEstimation | null): SprintMember {
  const rawType = issue.fields[workTypeFieldId];
  const rawEstimate = estimation ? issue.fields[estimation.fieldId] : undefined;
  return {
    // A value outside the three (typed in over REST before validation existed) reads as untriaged.
    workType: isWorkType(rawType) ? rawType : null,
    estimate: typeof rawEstimate === 'number' && Number.isFinite(rawEstimate) ? rawEstimate : null,
    done: isDone(issue),
  };
}

export const fieldsFor = (workTypeFieldId: string, estimation: BoardEstimation | null): string[] => [
  workTypeFieldId,
  ...(estimation ? [estimation.fieldId] : []),
  'status',
  'issuetype',
];

/** Given the ids (found already, possibly in parallel with other reads), fetch and tally. */
export async function tallyIssues(
  actor: Actor,
  ids: readonly string[],
  workTypeFieldId: string,
  estimation: BoardEstimation | null,
): Promise<ShapeTotals> {
  const issues = ids.length === 0 ? [] : await bulkFetchIssues(actor, ids, fieldsFor(workTypeFieldId, estimation));
  const members = issues.filter((issue) => !isSubtask(issue)).map((issue) => memberOf(issue, workTypeFieldId, estimation));
  return tallySprint(members, estimation !== null);
}

export async function sprintTotals(
  actor: Actor,
  sprintId: number,
  workTypeFieldId: string,
  estimation: BoardEstimation | null,
): Promise<ShapeTotals> {
  return tallyIssues(actor, await issueIdsMatching(actor, sprintMembersJql(sprintId)), workTypeFieldId, estimation);
}
