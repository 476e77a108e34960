/**
 * The issue representation of GET issue, search and bulkfetch: `{ id, key, self, fields, properties? }`, with
 * `fields` restricted the way Jira restricts it (`*all`, `*navigable`, a list, `-field` exclusions).
 */
import type { EmulatorContext } from './context';
import { findSprint, findUser, jiraDateTime, projectOf, sprintField } from './context';
import { renderableFieldIds } from './field-catalogue';
import type { JiraIssue, JiraSite } from './model';
import { canBrowseIssue } from './permissions';
import { issueTypeJson, priorityJson, projectSummaryJson, sprintFieldJson, statusJson, userDetailsJson } from './representation';

export interface FieldSelection {
  /** Field ids to render, in no particular order. */
  fieldIds: ReadonlySet<string>;
  /** Only `id` was asked for (search's default): the issue is `{ id }` and nothing else. */
  idOnly: boolean;
}

/** Splits `a,b` strings and arrays of them into tokens. */
export function listTokens(raw: readonly string[] | string | undefined): string[] {
  const parts = typeof raw === 'string' ? [raw] : (raw ?? []);
  return parts.flatMap((part) => part.split(',')).map((token) => token.trim()).filter((token) => token.length > 0);
}

export function selectFields(site: JiraSite, tokens: readonly string[], defaults: readonly string[]): FieldSelection {
  const positive = tokens.filter((token) => !token.startsWith('-'));
  const excluded = new Set(tokens.filter((token) => token.startsWith('-')).map((token) => token.slice(1)));
  const requested = positive.length > 0 ? positive : defaults;
  const known = renderableFieldIds(site);
  const chosen = new Set<string>();
  for (const token of requested) {
    if (token === '*all' || token === '*navigable') known.forEach((id) => chosen.add(id));
    else if (known.includes(token)) chosen.add(token);
  }
  excluded.forEach((id) => chosen.delete(id));
  const idOnly = requested.every((token) => token === 'id');
  return { fieldIds: chosen, idOnly };
}

/** Property keys to include: an explicit list, `*all`, and `-key` exclusions. */
export function selectProperties(issue: JiraIssue, tokens: readonly string[]): Record<string, unknown> {
  const all = tokens.includes('*all');
  const excluded = new Set(tokens.filter((token) => token.startsWith('-')).map((token) => token.slice(1)));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(issue.properties)) {
    if (excluded.has(key)) continue;
    if (all || tokens.includes(key)) out[key] = value;
  }
  return out;
}

const issueSelf = (site: JiraSite, issue: JiraIssue): string => `${site.baseUrl}/rest/api/3/issue/${issue.id}`;

function statusOf(site: JiraSite, issue: JiraIssue): Record<string, unknown> {
  const status = site.statuses.find((candidate) => candidate.id === issue.statusId);
  if (!status) throw new Error(`Site is inconsistent: issue ${issue.key} has unknown status ${issue.statusId}`);
  return statusJson(site, status);
}

function issueTypeOf(site: JiraSite, issue: JiraIssue): Record<string, unknown> {
  const type = site.issueTypes.find((candidate) => candidate.id === issue.issueTypeId);
  if (!type) throw new Error(`Site is inconsistent: issue ${issue.key} has unknown issue type ${issue.issueTypeId}`);
  return issueTypeJson(site, type);
}

/** The short form Jira uses for an issue named inside another one (parent, links). */
function issueReferenceJson(site: JiraSite, issue: JiraIssue): Record<string, unknown> {
  return {
    id: issue.id,
    key: issue.key,
    self: issueSelf(site, issue),
    fields: {
      summary: issue.summary,
      status: statusOf(site, issue),
      priority: priorityJson(site, issue.priority),
      issuetype: issueTypeOf(site, issue),
    },
  };
}

function userOrNull(site: JiraSite, accountId: string | null): Record<string, unknown> | null {
  if (!accountId) return null;
  const user = findUser(site, accountId);
  return user ? userDetailsJson(site, user) : null;
}

function issueLinksJson(ctx: EmulatorContext, issue: JiraIssue): Record<string, unknown>[] {
  const { site } = ctx;
  const out: Record<string, unknown>[] = [];
  for (const link of site.links) {
    const isInwardSide = link.inwardIssueId === issue.id;
    if (!isInwardSide && link.outwardIssueId !== issue.id) continue;
    const otherId = isInwardSide ? link.outwardIssueId : link.inwardIssueId;
    const other = site.issues.find((candidate) => candidate.id === otherId);
    const type = site.linkTypes.find((candidate) => candidate.id === link.typeId);
    // Jira leaves out links to issues the caller cannot see.
    if (!other || !type || !canBrowseIssue(site, ctx.caller, other)) continue;
    out.push({
      id: link.id,
      self: `${site.baseUrl}/rest/api/3/issueLink/${link.id}`,
      type: { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: `${site.baseUrl}/rest/api/3/issueLinkType/${type.id}` },
      [isInwardSide ? 'outwardIssue' : 'inwardIssue']: issueReferenceJson(site, other),
    });
  }
  return out;
}

/** A field's value on the issue; undefined means Jira leaves the key out. */
function fieldValue(ctx: EmulatorContext, issue: JiraIssue, fieldId: string): unknown {
  const { site } = ctx;
  switch (fieldId) {
    case 'summary': return issue.summary;
    case 'description': return issue.description;
    case 'status': return statusOf(site, issue);
    case 'issuetype': return issueTypeOf(site, issue);
    case 'project': return projectSummaryJson(site, projectOf(site, issue));
    case 'priority': return priorityJson(site, issue.priority);
    case 'labels': return [...issue.labels];
    case 'assignee': return userOrNull(site, issue.assigneeAccountId);
    case 'reporter': return userOrNull(site, issue.reporterAccountId);
    case 'created': return jiraDateTime(issue.created);
    case 'updated': return jiraDateTime(issue.updated);
    case 'resolutiondate': return issue.resolutiondate ? jiraDateTime(issue.resolutiondate) : null;
    case 'issuelinks': return issueLinksJson(ctx, issue);
    case 'parent': {
      const parent = issue.parentId ? site.issues.find((candidate) => candidate.id === issue.parentId) : undefined;
      return parent ? issueReferenceJson(site, parent) : undefined;
    }
    default: {
      if (fieldId === sprintField(site)?.id) {
        const sprints = issue.sprintIds.map((id) => findSprint(site, id)).filter((sprint) => sprint !== undefined);
        return sprints.length > 0 ? sprints.map(sprintFieldJson) : null;
      }
      return issue.customFields[fieldId] ?? null;
    }
  }
}

export function issueJson(
  ctx: EmulatorContext,
  issue: JiraIssue,
  selection: FieldSelection,
  propertyTokens: readonly string[],
): Record<string, unknown> {
  if (selection.idOnly && propertyTokens.length === 0) return { id: issue.id };
  const fields: Record<string, unknown> = {};
  for (const fieldId of selection.fieldIds) {
    const value = fieldValue(ctx, issue, fieldId);
    if (value !== undefined) fields[fieldId] = value;
  }
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: issueSelf(ctx.site, issue),
    key: issue.key,
    ...(propertyTokens.length > 0 ? { properties: selectProperties(issue, propertyTokens) } : {}),
    fields,
  };
}
