/**
 * The triage page's Unclassified tab: a project's open issues with no work type, newest first, each with a
 * suggestion and its reasons. Paged with Jira's own nextPageToken, so the queue works however long it is.
 */
import type { ResolverOutput } from '../contract';
import { ORIGIN_PROPERTY_KEY } from '../domain/origin';
import { suggestWorkType } from '../domain/suggestion';
import { workTypeFieldId } from '../jira/fields';
import { searchIssuePage } from '../jira/issue-reads';
import { jqlCustomField, jqlString } from '../jira/jql';
import { parseOriginProperty } from '../jira/origin-property';
import { countIssues, getProject } from '../jira/projects';
import { getSignals } from '../store/signal-reads';
import { FACT_FIELDS, factsOf, issueViewOf } from './issue-facts';
import { parentWorkTypesOf } from './parent-work-type';
import { originFacts } from './origin-trail';
import { suggestionRulesInEffect } from './suggestion-rules-settings';

export async function unclassifiedIssues(query: {
  projectKey: string;
  nextPageToken?: string;
  pageSize: number;
}): Promise<ResolverOutput<'triage.unclassified'>> {
  // The project read, as the user, fails first for someone who cannot browse it.
  const [project, fieldId, rules] = await Promise.all([getProject('user', query.projectKey), workTypeFieldId(), suggestionRulesInEffect()]);
  const open = `project = ${jqlString(project.key)} AND statusCategory != Done AND ${jqlCustomField(fieldId)} IS EMPTY`;
  const [page, total] = await Promise.all([
    searchIssuePage({
      jql: `${open} ORDER BY created DESC`,
      fields: [...FACT_FIELDS, fieldId],
      properties: [ORIGIN_PROPERTY_KEY],
      maxResults: query.pageSize,
      ...(query.nextPageToken ? { nextPageToken: query.nextPageToken } : {}),
    }),
    countIssues('user', open),
  ]);
  const views = page.issues.map((record) => ({
    view: issueViewOf(record, fieldId),
    origin: parseOriginProperty(record.properties?.[ORIGIN_PROPERTY_KEY]),
  }));
  const [parentTypes, signals] = await Promise.all([
    parentWorkTypesOf(views.flatMap(({ view }) => (view.parent ? [view.parent.id] : [])), fieldId),
    getSignals(views.flatMap(({ origin }) => origin?.signalIds ?? [])),
  ]);
  return {
    issues: views.map(({ view, origin }) => ({
      id: view.summary.id,
      key: view.summary.key,
      summary: view.summary.summary,
      issueType: view.summary.issueType,
      status: view.summary.status.name,
      labels: view.summary.labels,
      suggestion: suggestWorkType(
        factsOf(view, view.parent ? (parentTypes.get(view.parent.id) ?? null) : null, originFacts(origin, signals)),
        rules,
      ),
    })),
    nextPageToken: page.nextPageToken ?? null,
    // Jira's count is approximate and eventually consistent; never report fewer than the page shows.
    total: Math.max(total, page.issues.length),
  };
}
