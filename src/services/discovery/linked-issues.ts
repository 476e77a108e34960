/**
 * The issues that came from a note: those whose `upstream-origin` property names it, found through the
 * property's JQL alias (`upstreamDiscoveryNote`) and read as the caller, so only issues they may browse are
 * listed. The work-type field's id is cached (5 minutes), so this is usually one search.
 */
import type { DiscoveryNoteView } from '../../contract';
import { workTypeFieldId } from '../../jira/fields';
import { searchIssuePage } from '../../jira/issue-reads';
import { jqlString } from '../../jira/jql';
import { issueViewOf } from '../work-type/issue-facts';

/** Issues listed on a note's page; beyond it, `more` and the JQL to see them all in Jira. */
export const LINKED_ISSUES_SHOWN = 50;

export const linkedIssuesJql = (noteId: string): string => `upstreamDiscoveryNote = ${jqlString(noteId)} ORDER BY key ASC`;

export async function issuesFromNote(noteId: string): Promise<DiscoveryNoteView['linkedIssues']> {
  const jql = linkedIssuesJql(noteId);
  const fieldId = await workTypeFieldId();
  const page = await searchIssuePage({ jql, fields: ['summary', 'status', 'issuetype', 'project', fieldId], properties: [], maxResults: LINKED_ISSUES_SHOWN });
  const issues = page.issues.map((record) => {
    const { summary: issue, workType } = issueViewOf(record, fieldId);
    return { id: issue.id, key: issue.key, summary: issue.summary, status: issue.status, issueType: issue.issueType, project: issue.project, workType };
  });
  return { issues, jql, more: page.nextPageToken !== undefined };
}
