/**
 * The triage page's Unclassified tab: a project's open issues with no work type, newest first, each with a
 * suggestion and its reasons, newest first (key order within the project is creation order).
 *
 * Paged with a key cursor (`issuekey < LAST-KEY`), not Jira's positional nextPageToken: the list shrinks as people
 * classify what they see, and a positional token would then skip as many issues as were classified.
 */
import type { ResolverOutput } from '../../contract';
import { ORIGIN_PROPERTY_KEY } from '../../domain/origin';
import { suggestWorkType } from '../../domain/suggestion';
import { workTypeFieldId } from '../../jira/fields';
import { editableIssueIds } from '../../jira/issue-permissions';
import { searchIssuePage } from '../../jira/issue-reads';
import { jqlCustomField, jqlString } from '../../jira/jql';
import { AppError } from '../../errors';
import { parseOriginProperty } from '../../jira/origin-property';
import { countIssues, getProject } from '../../jira/projects';
import { getSignals } from '../../store/signal-reads';
import { FACT_FIELDS, factsOf, issueViewOf } from '../work-type/issue-facts';
import { parentWorkTypesOf } from '../work-type/parent';
import { originFacts } from '../origin/trail';
import { suggestionRulesInEffect } from '../settings/suggestion-rules';

export async function unclassifiedIssues(query: {
  projectKey: string;
  nextPageToken?: string;
  pageSize: number;
}): Promise<ResolverOutput<'triage.unclassified'>> {
  // The project read, as the user, fails first for someone who cannot browse it.
  const after = query.nextPageToken;
  if (after !== undefined && !new RegExp(`^${query.projectKey}-[1-9][0-9]{0,9}$`).test(after)) {
    throw new AppError('invalid-input', 'That page of the queue is out of date. Reload the Unclassified tab.');
  }
  const [project, fieldId, rules] = await Promise.all([getProject('user', query.projectKey), workTypeFieldId(), suggestionRulesInEffect()]);
  const open = `project = ${jqlString(project.key)} AND statusCategory != Done AND ${jqlCustomField(fieldId)} IS EMPTY`;
  const [page, total] = await Promise.all([
    searchIssuePage({
      jql: `${open}${after ? ` AND issuekey < ${jqlString(after)}` : ''} ORDER BY key DESC`,
      fields: [...FACT_FIELDS, fieldId],
      properties: [ORIGIN_PROPERTY_KEY],
      maxResults: query.pageSize,
    }),
    countIssues('user', open),
  ]);
  const views = page.issues.map((record) => ({
    view: issueViewOf(record, fieldId),
    origin: parseOriginProperty(record.properties?.[ORIGIN_PROPERTY_KEY]),
  }));
  // Who may classify which row is asked once for the whole page (one permissions/check), alongside the reads
  // the suggestions need, so the tab can show a browse-only person disabled controls with the reason up front.
  const [parentTypes, signals, editable] = await Promise.all([
    parentWorkTypesOf(views.flatMap(({ view }) => (view.parent ? [view.parent.id] : [])), fieldId),
    getSignals(views.flatMap(({ origin }) => origin?.signalIds ?? [])),
    views.length > 0 ? editableIssueIds(views.map(({ view }) => Number(view.summary.id))) : Promise.resolve(new Set<number>()),
  ]);
  return {
    issues: views.map(({ view, origin }) => ({
      id: view.summary.id,
      key: view.summary.key,
      summary: view.summary.summary,
      issueType: view.summary.issueType,
      status: view.summary.status.name,
      labels: view.summary.labels,
      canEdit: editable.has(Number(view.summary.id)),
      suggestion: suggestWorkType(
        factsOf(view, view.parent ? (parentTypes.get(view.parent.id) ?? null) : null, originFacts(origin, signals)),
        rules,
      ),
    })),
    nextPageToken: page.nextPageToken && views.length > 0 ? views[views.length - 1].view.summary.key : null,
    // Jira's count is approximate and eventually consistent; never report fewer than the page shows.
    total: Math.max(total, page.issues.length),
  };
}
