/** GET, PUT (edit) and POST (create) of `/rest/api/3/issue`, and `POST /rest/api/3/issue/bulkfetch`. */
import { json } from '../http';
import type { EmulatorContext } from './context';
import { findIssue, findProject, findUser } from './context';
import { ISSUE_NOT_FOUND, JiraApiError, badRequest, notFound } from './errors';
import { cannotBeSet, setIssueField } from './field-values';
import { isRecord, optionalStringList, requireObjectBody } from './input';
import { issueJson, listTokens, selectFields } from './issue-json';
import type { JiraIssue } from './model';
import { canBrowseIssue, hasProjectPermission, requireIssuePermission } from './permissions';
import type { RouteHandler } from './router';

const MAX_BULK_ISSUES = 100;
const MAX_PROPERTIES = 5;

export function visibleIssueOr404(ctx: EmulatorContext, idOrKey: string): JiraIssue {
  const issue = findIssue(ctx.site, idOrKey);
  if (!issue || !canBrowseIssue(ctx.site, ctx.caller, issue)) throw notFound(ISSUE_NOT_FOUND);
  return issue;
}

export const getIssue: RouteHandler = (ctx, req) => {
  const issue = visibleIssueOr404(ctx, req.params.issueIdOrKey);
  const selection = selectFields(ctx.site, listTokens(req.query.getAll('fields')), ['*all']);
  return json(200, issueJson(ctx, issue, { ...selection, idOnly: false }, listTokens(req.query.getAll('properties'))));
};

/** `update: { labels: [{ add }, { remove }, { set }] }` and `{ set }` on any other field. */
function applyUpdateOperations(ctx: EmulatorContext, issue: JiraIssue, update: Record<string, unknown>, errors: Record<string, string>): void {
  for (const [fieldId, operations] of Object.entries(update)) {
    if (!Array.isArray(operations)) {
      errors[fieldId] = 'Update operations must be a list, e.g. [{ "add": "x" }].';
      continue;
    }
    for (const operation of operations) {
      if (!isRecord(operation)) continue;
      if (fieldId === 'labels' && (typeof operation.add === 'string' || typeof operation.remove === 'string')) {
        const next = typeof operation.add === 'string' ? [...issue.labels, operation.add] : issue.labels.filter((label) => label !== operation.remove);
        const error = setIssueField(ctx, issue, 'labels', next);
        if (error) errors.labels = error;
      } else if ('set' in operation) {
        const error = setIssueField(ctx, issue, fieldId, operation.set);
        if (error) errors[fieldId] = error;
      } else {
        errors[fieldId] = `The sandbox's Jira emulator supports only 'set' (and 'add'/'remove' on labels) in update operations.`;
      }
    }
  }
}

export const editIssue: RouteHandler = (ctx, req) => {
  const issue = visibleIssueOr404(ctx, req.params.issueIdOrKey);
  requireIssuePermission(ctx.site, ctx.caller, issue, 'EDIT_ISSUES');
  const body = requireObjectBody(req.body);
  // Validate on a copy so a request with one bad field changes nothing, as in Jira.
  const draft: JiraIssue = structuredClone(issue);
  const errors: Record<string, string> = {};
  const fields = body.fields === undefined ? {} : body.fields;
  if (!isRecord(fields)) throw badRequest("'fields' must be an object.");
  for (const [fieldId, value] of Object.entries(fields)) {
    const error = setIssueField(ctx, draft, fieldId, value);
    if (error) errors[fieldId] = error;
  }
  if (body.update !== undefined) {
    if (!isRecord(body.update)) throw badRequest("'update' must be an object.");
    applyUpdateOperations(ctx, draft, body.update, errors);
  }
  if (Object.keys(errors).length > 0) throw new JiraApiError(400, [], errors);
  draft.updated = ctx.now.toISOString();
  Object.assign(issue, draft);
  return { status: 204 };
};

function reference(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const ref = value.key ?? value.id ?? value.name;
  return typeof ref === 'string' ? ref : undefined;
}

export const createIssue: RouteHandler = (ctx, req) => {
  const body = requireObjectBody(req.body);
  const fields = body.fields;
  if (!isRecord(fields)) throw badRequest("'fields' is required.");
  const projectRef = isRecord(fields.project) ? (fields.project.key ?? fields.project.id) : undefined;
  const project = typeof projectRef === 'string' ? findProject(ctx.site, projectRef) : undefined;
  if (!project || !hasProjectPermission(ctx.caller, project, 'BROWSE_PROJECTS')) {
    throw new JiraApiError(400, [], { project: 'Specify a valid project ID or key' });
  }
  if (!hasProjectPermission(ctx.caller, project, 'CREATE_ISSUES')) {
    throw new JiraApiError(403, ['You do not have permission to create issues in this project.']);
  }
  const typeRef = reference(fields.issuetype)?.toLowerCase();
  const issueType = ctx.site.issueTypes.find((type) => type.id === typeRef || type.name.toLowerCase() === typeRef);
  if (!issueType) throw new JiraApiError(400, [], { issuetype: 'Specify an issue type' });
  const number = 1 + Math.max(0, ...ctx.site.issues.filter((issue) => issue.projectId === project.id).map((issue) => Number(issue.key.split('-').pop())));
  const id = String(1 + Math.max(10000, ...ctx.site.issues.map((issue) => Number(issue.id))));
  const initialStatus = ctx.site.statuses.find((status) => status.category === 'new') ?? ctx.site.statuses[0];
  const now = ctx.now.toISOString();
  const reporter = ctx.caller.kind === 'user' ? ctx.caller.user.accountId : project.leadAccountId;
  const issue: JiraIssue = {
    id, key: `${project.key}-${number}`, projectId: project.id, issueTypeId: issueType.id, statusId: initialStatus.id,
    summary: '', description: null, labels: [], priority: 'Medium', assigneeAccountId: null,
    reporterAccountId: findUser(ctx.site, reporter) ? reporter : project.leadAccountId, parentId: null,
    created: now, updated: now, resolutiondate: null, customFields: {}, sprintIds: [], properties: {},
  };
  const errors: Record<string, string> = {};
  if (typeof fields.summary !== 'string') errors.summary = 'You must specify a summary of the issue.';
  for (const [fieldId, value] of Object.entries(fields)) {
    if (fieldId === 'project' || fieldId === 'issuetype') continue;
    const error = setIssueField(ctx, issue, fieldId, value);
    if (error) errors[fieldId] = error;
  }
  const properties = body.properties ?? [];
  if (!Array.isArray(properties)) errors.properties = 'properties must be a list of { key, value }.';
  else for (const property of properties) {
    if (!isRecord(property) || typeof property.key !== 'string' || property.value === undefined) errors.properties = 'properties must be a list of { key, value }.';
    else issue.properties[property.key] = property.value;
  }
  if (body.update !== undefined && isRecord(body.update) && Object.keys(body.update).length > 0) errors.update = cannotBeSet('update');
  if (Object.keys(errors).length > 0) throw new JiraApiError(400, [], errors);
  ctx.site.issues.push(issue);
  return json(201, { id: issue.id, key: issue.key, self: `${ctx.site.baseUrl}/rest/api/3/issue/${issue.id}` });
};

export const bulkFetchIssues: RouteHandler = (ctx, req) => {
  const body = requireObjectBody(req.body);
  const requested = optionalStringList(body, 'issueIdsOrKeys');
  if (!requested) throw new JiraApiError(400, [], { issueIdsOrKeys: 'issueIdsOrKeys is required.' });
  if (requested.length > MAX_BULK_ISSUES) {
    throw badRequest(`The number of issues requested exceeds the limit of ${MAX_BULK_ISSUES}.`);
  }
  const propertyTokens = listTokens(optionalStringList(body, 'properties'));
  if (propertyTokens.filter((key) => !key.startsWith('-')).length > MAX_PROPERTIES) {
    throw badRequest(`You can request at most ${MAX_PROPERTIES} properties.`);
  }
  const selection = selectFields(ctx.site, listTokens(optionalStringList(body, 'fields')), ['*navigable']);
  const found = new Map<string, JiraIssue>();
  const issueErrors: Array<{ id: string; errorMessage: string }> = [];
  for (const idOrKey of requested) {
    const issue = findIssue(ctx.site, idOrKey);
    if (issue && canBrowseIssue(ctx.site, ctx.caller, issue)) found.set(issue.id, issue);
    else issueErrors.push({ id: idOrKey, errorMessage: ISSUE_NOT_FOUND });
  }
  const issues = [...found.values()]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((issue) => issueJson(ctx, issue, { ...selection, idOnly: false }, propertyTokens));
  return json(200, { issues, issueErrors });
};
