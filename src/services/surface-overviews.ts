/**
 * What each surface shows on first load. Reads run as the user, so Jira's own permissions decide what they
 * may see; nothing here reads asApp() data on a user's behalf except the site's field list, which is not
 * user data.
 */
import { route } from '@forge/api';
import type { ResolverOutput } from '../contract';
import { requestJira } from '../jira/client';
import { getIssue, getIssueSummary } from '../jira/issues';
import { workTypeFieldId } from '../jira/fields';
import { jqlCustomField, jqlString } from '../jira/jql';
import { countIssues, getProject } from '../jira/projects';
import { listBoards } from '../jira/boards';
import { myselfSchema } from '../jira/schemas';
import { isWorkType } from '../domain/work-type';

export async function viewer(): Promise<ResolverOutput<'viewer.get'>> {
  const me = await requestJira(route`/rest/api/3/myself`, { as: 'user', schema: myselfSchema });
  return { accountId: me.accountId, displayName: me.displayName, timeZone: me.timeZone ?? 'UTC' };
}

export async function issueOverview(issueKey: string): Promise<ResolverOutput<'panel.overview'>> {
  return { issue: await getIssueSummary('user', issueKey) };
}

export async function workTypeOfIssue(issueKey: string): Promise<ResolverOutput<'workType.get'>> {
  const fieldId = await workTypeFieldId();
  const issue = await getIssue('user', issueKey, [fieldId]);
  const raw = issue.fields[fieldId];
  // A value outside the three (written before Upstream's validation, or by hand over REST) reads as untriaged.
  return { issueKey: issue.key, fieldId, value: isWorkType(raw) ? raw : null };
}

export async function triageOverview(projectKey: string): Promise<ResolverOutput<'triage.overview'>> {
  // The project read fails first for a user who cannot browse it, before any count is taken.
  const [project, fieldId] = await Promise.all([getProject('user', projectKey), workTypeFieldId()]);
  const open = `project = ${jqlString(project.key)} AND statusCategory != Done`;
  const [openIssueCount, unclassifiedCount] = await Promise.all([
    countIssues('user', open),
    countIssues('user', `${open} AND ${jqlCustomField(fieldId)} IS EMPTY`),
  ]);
  return { project, openIssueCount, unclassifiedCount };
}

export async function visibleBoards(nameContains?: string): Promise<ResolverOutput<'gadget.boards'>> {
  return { boards: await listBoards('user', nameContains) };
}
