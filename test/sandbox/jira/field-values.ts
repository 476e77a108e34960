/**
 * Setting field values on an issue (create, edit, app field updates), with Jira's validation. Each setter
 * returns an error message for the field, or undefined when it applied the value.
 */
import type { EmulatorContext } from './context';
import { findIssue, findSprint, findUser, sprintField, workTypeFieldAri } from './context';
import { isRecord } from './input';
import type { AdfDocument, JiraCustomField, JiraIssue } from './model';
import { PRIORITY_NAMES } from './representation';

export const WORK_TYPE_VALUES: readonly string[] = ['Innovative', 'Corrective', 'Enabling'];

export const cannotBeSet = (fieldId: string): string =>
  `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;

const isAdf = (value: unknown): value is AdfDocument =>
  isRecord(value) && value.type === 'doc' && value.version === 1 && Array.isArray(value.content);

const MAX_TEXT_FIELD_LENGTH = 255;

/** Checks a value for a custom field; the work-type field takes only its three values or null. */
export function customValueError(ctx: EmulatorContext, field: JiraCustomField, value: unknown): string | undefined {
  if (value === null) return undefined;
  switch (field.schemaType) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `Field '${field.name}' takes a number.`;
    case 'string':
      if (typeof value !== 'string') return `Field '${field.name}' takes a string.`;
      if (value.length > MAX_TEXT_FIELD_LENGTH) return `Field '${field.name}' takes at most ${MAX_TEXT_FIELD_LENGTH} characters.`;
      if (field.schemaCustom === workTypeFieldAri(ctx) && !WORK_TYPE_VALUES.includes(value)) {
        return `Work type must be Innovative, Corrective or Enabling (or empty); '${value}' is not one of them.`;
      }
      return undefined;
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : `Field '${field.name}' takes an ISO date-time.`;
    case 'user':
      return isRecord(value) && typeof value.accountId === 'string' && findUser(ctx.site, value.accountId)
        ? undefined
        : `Field '${field.name}' takes { accountId } of an existing user.`;
    default:
      return undefined;
  }
}

function setSprint(ctx: EmulatorContext, issue: JiraIssue, value: unknown): string | undefined {
  if (value === null) {
    const current = issue.sprintIds.at(-1);
    if (current !== undefined && findSprint(ctx.site, current)?.state !== 'closed') issue.sprintIds = issue.sprintIds.slice(0, -1);
    return undefined;
  }
  const sprint = typeof value === 'number' ? findSprint(ctx.site, value) : undefined;
  if (!sprint) return 'Sprint takes the id of an existing sprint, or null.';
  if (sprint.state === 'closed') return 'Issues cannot be moved into a closed sprint.';
  const current = issue.sprintIds.at(-1);
  // An issue is in at most one open sprint: moving it replaces the open one, and closed ones stay in its history.
  const history = current !== undefined && findSprint(ctx.site, current)?.state !== 'closed' ? issue.sprintIds.slice(0, -1) : issue.sprintIds;
  issue.sprintIds = [...history.filter((id) => id !== sprint.id), sprint.id];
  return undefined;
}

function accountReference(ctx: EmulatorContext, value: unknown): string | null | undefined {
  if (value === null) return null;
  if (isRecord(value) && typeof value.accountId === 'string' && findUser(ctx.site, value.accountId)) return value.accountId;
  return undefined;
}

/** Applies one field of an edit or create; readOnly Forge fields refuse it (only the app field API sets them). */
export function setIssueField(ctx: EmulatorContext, issue: JiraIssue, fieldId: string, value: unknown): string | undefined {
  switch (fieldId) {
    case 'summary':
      if (typeof value !== 'string' || value.trim() === '') return 'You must specify a summary of the issue.';
      if (value.length > MAX_TEXT_FIELD_LENGTH) return 'Summary must be less than 255 characters.';
      issue.summary = value;
      return undefined;
    case 'description':
      if (value !== null && !isAdf(value)) return 'Operation value must be an Atlassian Document (see the Atlassian Document Format).';
      issue.description = value;
      return undefined;
    case 'labels': {
      if (!Array.isArray(value) || !value.every((label): label is string => typeof label === 'string')) return 'Labels must be a list of strings.';
      const spaced = value.find((label) => /\s/.test(label));
      if (spaced !== undefined) return `The label '${spaced}' contains spaces which is invalid.`;
      issue.labels = [...new Set(value)];
      return undefined;
    }
    case 'priority': {
      const wanted = isRecord(value) ? (value.name ?? value.id) : undefined;
      const index = PRIORITY_NAMES.findIndex((name, i) => name === wanted || String(i + 1) === wanted);
      if (index < 0) return 'Specify a valid priority: { name } or { id }.';
      issue.priority = PRIORITY_NAMES[index];
      return undefined;
    }
    case 'assignee':
    case 'reporter': {
      const accountId = accountReference(ctx, value);
      if (accountId === undefined || (fieldId === 'reporter' && accountId === null)) return `Specify a valid ${fieldId}: { accountId } of an existing user.`;
      if (fieldId === 'assignee') issue.assigneeAccountId = accountId;
      else if (accountId !== null) issue.reporterAccountId = accountId;
      return undefined;
    }
    case 'parent': {
      if (value === null) {
        issue.parentId = null;
        return undefined;
      }
      const reference = isRecord(value) ? (value.key ?? value.id) : undefined;
      const parent = typeof reference === 'string' ? findIssue(ctx.site, reference) : undefined;
      if (!parent || parent.id === issue.id) return 'Could not find the parent issue.';
      issue.parentId = parent.id;
      return undefined;
    }
    default:
      return setCustomField(ctx, issue, fieldId, value, false);
  }
}

/** Custom fields; `byApp` is the app field value API, which alone may set readOnly app fields. */
export function setCustomField(ctx: EmulatorContext, issue: JiraIssue, fieldId: string, value: unknown, byApp: boolean): string | undefined {
  const field = ctx.site.customFields.find((candidate) => candidate.id === fieldId);
  if (!field || (field.readOnly && !byApp)) return cannotBeSet(fieldId);
  if (field.id === sprintField(ctx.site)?.id) return setSprint(ctx, issue, value);
  const error = customValueError(ctx, field, value);
  if (error) return error;
  if (value === null) delete issue.customFields[field.id];
  else issue.customFields[field.id] = value;
  return undefined;
}
