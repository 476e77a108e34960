import type { ResolverOutput } from '../../contract';
import { workTypeFieldId } from '../../jira/fields';
import { jqlCustomField, jqlString } from '../../jira/jql';
import { countIssues, getProject } from '../../jira/projects';

/** The triage page's header counts, read as the user so Jira's own permissions decide what they count. */
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
