/**
 * A person classifies issues: Upstream checks, as that person, that they may browse and edit every issue,
 * then writes the field as the app (only the app may write its own field), grouped by value, and records who
 * decided and when. Issues that fail the check are refused with a reason and nothing is written for them.
 */
import type { ResolverOutput } from '../../contract';
import { AppError } from '../../errors';
import type { WorkType } from '../../domain/work-type';
import { ORIGIN_PROPERTY_KEY } from '../../domain/origin';
import { isReady, readinessOf } from '../../domain/readiness';
import { planFieldValueWrites } from '../../domain/work-type-writes';
import { writeFieldValues } from '../../jira/app-field-values';
import { workTypeFieldId } from '../../jira/fields';
import { editableIssueIds, myIssuePermissions } from '../../jira/issue-permissions';
import { bulkFetchIssues, getIssueRecord } from '../../jira/issue-reads';
import { parseOriginProperty } from '../../jira/origin-property';
import { displayNamesOf } from '../../jira/users';
import { saveDecisions, type WorkTypeDecision } from '../../store/work-type-decision-repository';
import { clock } from '../clock';
import { discoveryFactsFor, syncReadyFlag, walkthroughFactsFor } from '../walkthrough/readiness';

export interface Assignment {
  issueKey: string;
  workType: WorkType | null;
  acceptedSuggestion: boolean;
}

export async function setWorkType(assignment: Assignment, accountId: string): Promise<ResolverOutput<'workType.set'>> {
  const { issueKey } = assignment;
  const [issue, permissions, fieldId, names, walkthrough] = await Promise.all([
    // The origin property rides on the read that proves the person may see the issue, so the answer can carry
    // the issue's new readiness without another round trip to Jira.
    getIssueRecord('user', issueKey, ['issuetype'], [ORIGIN_PROPERTY_KEY]),
    myIssuePermissions(issueKey),
    workTypeFieldId(),
    displayNamesOf([accountId]),
    // SQL only, beside the Jira reads: the answer carries the whole readiness, and `ready` follows it.
    walkthroughFactsFor(issueKey),
  ]);
  if (!permissions.browse || !permissions.edit) {
    throw new AppError('forbidden', `You can see ${issueKey} but do not have permission to edit it, so you cannot set its work type. Ask a project admin for Edit Issues permission.`);
  }
  const setAt = clock.now();
  const origin = parseOriginProperty(issue.properties?.[ORIGIN_PROPERTY_KEY]);
  const [, discovery] = await Promise.all([
    writeFieldValues(fieldId, planFieldValueWrites([{ issueId: Number(issue.id), workType: assignment.workType }])),
    discoveryFactsFor(origin),
  ]);
  await saveDecisions([decisionOf(issue.id, issue.key ?? issueKey, assignment, accountId, setAt)]);
  const readiness = readinessOf({ workType: assignment.workType, originKind: origin?.kind ?? 'unknown', discovery, walkthrough });
  await syncReadyFlag(issue.key ?? issueKey, origin, isReady(readiness));
  return {
    issueKey: issue.key ?? issueKey,
    value: assignment.workType,
    decision: {
      workType: assignment.workType,
      setBy: { accountId, displayName: names.get(accountId) ?? 'You' },
      setAt: setAt.toISOString(),
      acceptedSuggestion: assignment.acceptedSuggestion,
    },
    readiness,
  };
}

const decisionOf = (issueId: string, issueKey: string, a: Assignment, accountId: string, setAt: Date): WorkTypeDecision => ({
  issueId,
  issueKey,
  workType: a.workType,
  setByAccountId: accountId,
  setAt,
  acceptedSuggestion: a.acceptedSuggestion,
});

const NOT_VISIBLE = (key: string) => `${key} does not exist, or you do not have permission to see it.`;
const NOT_EDITABLE = (key: string) => `You can see ${key} but do not have permission to edit it.`;
const NOT_SAVED = 'Jira could not save this change; nothing was written. Try again in a moment.';

export async function setWorkTypes(assignments: readonly Assignment[], accountId: string): Promise<ResolverOutput<'workType.setMany'>> {
  // Keys to ids as the user: issues they cannot see are simply absent from the answer.
  const [found, fieldId] = await Promise.all([
    bulkFetchIssues('user', assignments.map((a) => a.issueKey), ['issuetype']),
    workTypeFieldId(),
  ]);
  const idByKey = new Map(found.filter((i) => i.key !== undefined).map((i) => [i.key as string, Number(i.id)]));
  const refused: { issueKey: string; reason: string }[] = [];
  const visible = assignments.filter((a) => {
    if (idByKey.has(a.issueKey)) return true;
    refused.push({ issueKey: a.issueKey, reason: NOT_VISIBLE(a.issueKey) });
    return false;
  });
  const editable = visible.length > 0 ? await editableIssueIds(visible.map((a) => idByKey.get(a.issueKey) as number)) : new Set<number>();
  const permitted = visible.filter((a) => {
    if (editable.has(idByKey.get(a.issueKey) as number)) return true;
    refused.push({ issueKey: a.issueKey, reason: NOT_EDITABLE(a.issueKey) });
    return false;
  });

  const writes = planFieldValueWrites(permitted.map((a) => ({ issueId: idByKey.get(a.issueKey) as number, workType: a.workType })));
  // Each write is all-or-nothing in Jira; one failing group must not hide the groups that were saved.
  const outcomes = await Promise.allSettled(writes.map((w) => writeFieldValues(fieldId, [w])));
  const failedIds = new Set<number>();
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'rejected') writes[i].issueIds.forEach((id) => failedIds.add(id));
  });
  if (writes.length > 0 && outcomes.every((o) => o.status === 'rejected')) {
    throw (outcomes[0] as PromiseRejectedResult).reason;
  }
  const saved = permitted.filter((a) => {
    if (!failedIds.has(idByKey.get(a.issueKey) as number)) return true;
    refused.push({ issueKey: a.issueKey, reason: NOT_SAVED });
    return false;
  });
  const setAt = clock.now();
  // The field is the truth; a decision record that fails to save loses only the "who and when".
  const { failedIssueIds } = await saveDecisions(
    saved.map((a) => decisionOf(String(idByKey.get(a.issueKey)), a.issueKey, a, accountId, setAt)),
  );
  if (failedIssueIds.length > 0) console.warn(`work-type decisions not recorded for ${failedIssueIds.length} issue(s)`);
  return { updated: saved.map((a) => ({ issueKey: a.issueKey, value: a.workType })), refused };
}
