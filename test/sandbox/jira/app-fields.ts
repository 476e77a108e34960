/**
 * The app field value API (`PUT /rest/api/3/app/field/{fieldIdOrKey}/value`, `POST /rest/api/3/app/field/value`):
 * only the app that owns a field may call it, and the whole request is applied or none of it.
 */
import type { EmulatorContext } from './context';
import { findIssue } from './context';
import { JiraApiError, badRequest, forbidden, notFound } from './errors';
import { setCustomField } from './field-values';
import { isRecord, requireObjectBody } from './input';
import type { JiraCustomField, JiraIssue } from './model';
import type { RouteHandler } from './router';

interface FieldUpdate {
  field: JiraCustomField;
  issueIds: number[];
  value: unknown;
}

function requireApp(ctx: EmulatorContext): void {
  if (ctx.caller.kind !== 'app') {
    throw forbidden('Only the app that provides the field can update its value; call this API as the app (asApp()).');
  }
}

/** A field by id (`customfield_10050`), or by key: the Forge module key at the end of its extension ARI. */
function appFieldOr404(ctx: EmulatorContext, idOrKey: string): JiraCustomField {
  const field = ctx.site.customFields.find(
    (candidate) => candidate.id === idOrKey || candidate.schemaCustom === idOrKey || candidate.schemaCustom.endsWith(`/static/${idOrKey}`),
  );
  if (!field) throw notFound(`The field '${idOrKey}' does not exist.`);
  if (!field.appOwned) throw forbidden(`The field '${idOrKey}' is not provided by this app, so the app cannot set its value.`);
  return field;
}

function issueIdsOf(update: Record<string, unknown>): number[] {
  const ids = update.issueIds;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id): id is number => typeof id === 'number' && Number.isInteger(id))) {
    throw new JiraApiError(400, [], { issueIds: 'issueIds must be a non-empty list of numeric issue ids.' });
  }
  return ids;
}

function applyUpdates(ctx: EmulatorContext, updates: FieldUpdate[]): void {
  const seen = new Set<string>();
  const drafts = new Map<string, JiraIssue>();
  for (const { field, issueIds, value } of updates) {
    for (const issueId of issueIds) {
      const pair = `${field.id}:${issueId}`;
      if (seen.has(pair)) throw badRequest(`The field ${field.id} is updated more than once for issue ${issueId}.`);
      seen.add(pair);
      const issue = findIssue(ctx.site, String(issueId));
      if (!issue) throw notFound(`The issue with id ${issueId} does not exist.`);
      const draft = drafts.get(issue.id) ?? structuredClone(issue);
      drafts.set(issue.id, draft);
      const error = setCustomField(ctx, draft, field.id, value, true);
      if (error) throw new JiraApiError(400, [], { [field.id]: error });
    }
  }
  for (const draft of drafts.values()) {
    const issue = findIssue(ctx.site, draft.id);
    if (issue) Object.assign(issue, draft, { updated: ctx.now.toISOString() });
  }
}

function updatesList(body: Record<string, unknown>): Record<string, unknown>[] {
  const updates = body.updates;
  if (!Array.isArray(updates) || !updates.every(isRecord)) {
    throw new JiraApiError(400, [], { updates: 'updates must be a list of { issueIds, value }.' });
  }
  return updates;
}

export const setAppFieldValue: RouteHandler = (ctx, req) => {
  requireApp(ctx);
  const field = appFieldOr404(ctx, req.params.fieldIdOrKey);
  const updates = updatesList(requireObjectBody(req.body)).map((update) => {
    if (!('value' in update)) throw new JiraApiError(400, [], { value: 'Each update needs a value (null clears the field).' });
    return { field, issueIds: issueIdsOf(update), value: update.value };
  });
  applyUpdates(ctx, updates);
  return { status: 204 };
};

export const setAppFieldValues: RouteHandler = (ctx, req) => {
  requireApp(ctx);
  const updates = updatesList(requireObjectBody(req.body)).map((update) => {
    if (typeof update.customField !== 'string') throw new JiraApiError(400, [], { customField: 'Each update needs customField.' });
    if (!('value' in update)) throw new JiraApiError(400, [], { value: 'Each update needs a value (null clears the field).' });
    return { field: appFieldOr404(ctx, update.customField), issueIds: issueIdsOf(update), value: update.value };
  });
  applyUpdates(ctx, updates);
  return { status: 204 };
};
