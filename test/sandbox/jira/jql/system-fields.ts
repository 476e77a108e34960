/** JQL's system fields: project, key, issuetype, status, statusCategory, priority, labels, people, parent, text, dates. */
import type { EmulatorContext } from '../context';
import { findIssue, findProjectByAnyName, findUser, projectOf } from '../context';
import { badRequest } from '../errors';
import type { JiraIssue } from '../model';
import { canBrowseIssue, canBrowseProject } from '../permissions';
import { PRIORITY_NAMES, STATUS_CATEGORY_KEYS, statusCategoryOf } from '../representation';
import type { JqlField, JqlValue } from './jql-field';
import { EQUALITY, RANGE, TEXT, operators } from './jql-field';
import { adfText, evaluateDateFunction, parseJqlDate } from './values';

export const valueDoesNotExist = (value: string, field: string): Error =>
  badRequest(`The value '${value}' does not exist for the field '${field}'.`);

/** Highest = 5 … Lowest = 1, so `priority > Medium` means more urgent than Medium. */
const priorityRank = (name: string): number => PRIORITY_NAMES.length - PRIORITY_NAMES.indexOf(name as (typeof PRIORITY_NAMES)[number]);

function issueReferenceField(ctx: EmulatorContext, name: string, valuesOf: (issue: JiraIssue) => JqlValue[]): JqlField {
  return {
    name,
    operators: operators(EQUALITY),
    valuesOf,
    resolveLiteral(literal) {
      const issue = findIssue(ctx.site, literal);
      if (!issue || !canBrowseIssue(ctx.site, ctx.caller, issue)) {
        throw badRequest(`An issue with key '${literal}' does not exist for field '${name}'.`);
      }
      return [issue.id];
    },
  };
}

/**
 * `key`/`issuekey`/`issue`: equality and, as in Jira, ranges — `issuekey < PAY-150` compares by project key,
 * then issue number, so a cursor over one project's keys pages stably while issues leave the result.
 */
function issueKeyField(ctx: EmulatorContext, name: string): JqlField {
  // A number that orders keys by project key, then issue number (ranges compare numbers).
  const projectKeys = ctx.site.projects.map((project) => project.key).sort();
  const rank = (issue: JiraIssue): number =>
    projectKeys.indexOf(projectOf(ctx.site, issue).key) * 1e10 + Number(issue.key.split('-').pop() ?? 0);
  return {
    name,
    operators: operators(EQUALITY, RANGE),
    valuesOf: (issue) => [rank(issue)],
    resolveLiteral(literal) {
      const issue = findIssue(ctx.site, literal);
      if (!issue || !canBrowseIssue(ctx.site, ctx.caller, issue)) {
        throw badRequest(`An issue with key '${literal}' does not exist for field '${name}'.`);
      }
      return [rank(issue)];
    },
    sortKeyOf: rank,
  };
}

function dateField(ctx: EmulatorContext, name: string, dateOf: (issue: JiraIssue) => string | null): JqlField {
  return {
    name,
    operators: operators(EQUALITY, RANGE),
    valuesOf: (issue) => {
      const date = dateOf(issue);
      return date ? [Date.parse(date)] : [];
    },
    resolveLiteral: (literal) => [parseJqlDate(literal, name, ctx.now)],
    resolveFunction: (fn, args) => {
      const ms = evaluateDateFunction(fn, args, ctx.now);
      return ms === undefined ? undefined : [ms];
    },
    sortKeyOf: (issue) => {
      const date = dateOf(issue);
      return date ? Date.parse(date) : null;
    },
  };
}

function userField(ctx: EmulatorContext, name: string, accountOf: (issue: JiraIssue) => string | null): JqlField {
  return {
    name,
    operators: operators(EQUALITY),
    valuesOf: (issue) => {
      const accountId = accountOf(issue);
      return accountId ? [accountId] : [];
    },
    resolveLiteral(literal) {
      if (!findUser(ctx.site, literal)) throw valueDoesNotExist(literal, name);
      return [literal];
    },
    resolveFunction: (fn) => {
      if (fn.toLowerCase() !== 'currentuser') return undefined;
      return ctx.caller.kind === 'user' ? [ctx.caller.user.accountId] : [];
    },
    sortKeyOf: (issue) => {
      const accountId = accountOf(issue);
      return accountId ? (findUser(ctx.site, accountId)?.displayName ?? accountId) : null;
    },
  };
}

function textField(name: string, textOf: (issue: JiraIssue) => string, sortable: boolean): JqlField {
  return {
    name,
    operators: operators(TEXT),
    valuesOf: (issue) => (textOf(issue).length > 0 ? [textOf(issue)] : []),
    resolveLiteral: (literal) => [literal],
    textOf,
    ...(sortable ? { sortKeyOf: (issue: JiraIssue) => textOf(issue).toLowerCase() } : {}),
  };
}

/** Text of the issue's string custom fields, which `text ~` also searches. */
const customText = (ctx: EmulatorContext, issue: JiraIssue): string =>
  ctx.site.customFields
    .filter((field) => field.schemaType === 'string')
    .map((field) => issue.customFields[field.id])
    .map((value) => (typeof value === 'string' ? value : adfText(value)))
    .join(' ');

export function systemField(ctx: EmulatorContext, lowerName: string, name: string): JqlField | undefined {
  const { site } = ctx;
  switch (lowerName) {
    case 'project':
      return {
        name,
        operators: operators(EQUALITY),
        valuesOf: (issue) => [issue.projectId],
        resolveLiteral(literal) {
          const project = findProjectByAnyName(site, literal);
          if (!project || !canBrowseProject(ctx.caller, project)) throw valueDoesNotExist(literal, name);
          return [project.id];
        },
        sortKeyOf: (issue) => projectOf(site, issue).key,
      };
    case 'key':
    case 'issuekey':
    case 'issue':
      return issueKeyField(ctx, name);
    case 'id':
      return { ...issueReferenceField(ctx, name, (issue) => [issue.id]), sortKeyOf: (issue) => Number(issue.id) };
    case 'parent':
      return issueReferenceField(ctx, name, (issue) => (issue.parentId ? [issue.parentId] : []));
    case 'issuetype':
    case 'type':
      return {
        name,
        operators: operators(EQUALITY),
        valuesOf: (issue) => [issue.issueTypeId],
        resolveLiteral(literal) {
          const lower = literal.toLowerCase();
          const types = site.issueTypes.filter((type) => type.id === literal || type.name.toLowerCase() === lower);
          if (types.length === 0) throw valueDoesNotExist(literal, name);
          return types.map((type) => type.id);
        },
        resolveFunction(fn) {
          const lower = fn.toLowerCase();
          if (lower === 'standardissuetypes') return site.issueTypes.filter((type) => !type.subtask).map((type) => type.id);
          if (lower === 'subtaskissuetypes') return site.issueTypes.filter((type) => type.subtask).map((type) => type.id);
          return undefined;
        },
        sortKeyOf: (issue) => site.issueTypes.find((type) => type.id === issue.issueTypeId)?.name ?? null,
      };
    case 'status':
      return {
        name,
        operators: operators(EQUALITY),
        valuesOf: (issue) => [issue.statusId],
        resolveLiteral(literal) {
          const lower = literal.toLowerCase();
          const statuses = site.statuses.filter((status) => status.id === literal || status.name.toLowerCase() === lower);
          if (statuses.length === 0) throw valueDoesNotExist(literal, name);
          return statuses.map((status) => status.id);
        },
        sortKeyOf: (issue) => {
          const status = site.statuses.find((candidate) => candidate.id === issue.statusId);
          return status ? `${STATUS_CATEGORY_KEYS.indexOf(status.category)}:${status.name}` : null;
        },
      };
    case 'statuscategory':
      return {
        name,
        operators: operators(EQUALITY),
        valuesOf: (issue) => {
          const status = site.statuses.find((candidate) => candidate.id === issue.statusId);
          return status ? [status.category] : [];
        },
        resolveLiteral(literal) {
          const lower = literal.toLowerCase();
          const key = STATUS_CATEGORY_KEYS.find((candidate) => {
            const category = statusCategoryOf(candidate);
            return candidate === lower || category.name.toLowerCase() === lower || String(category.id) === literal;
          });
          if (!key) throw valueDoesNotExist(literal, name);
          return [key];
        },
      };
    case 'priority':
      return {
        name,
        operators: operators(EQUALITY, RANGE),
        valuesOf: (issue) => [priorityRank(issue.priority)],
        resolveLiteral(literal) {
          const lower = literal.toLowerCase();
          const index = PRIORITY_NAMES.findIndex((priority, i) => priority.toLowerCase() === lower || String(i + 1) === literal);
          if (index < 0) throw valueDoesNotExist(literal, name);
          return [priorityRank(PRIORITY_NAMES[index])];
        },
        sortKeyOf: (issue) => priorityRank(issue.priority),
      };
    case 'labels':
      return {
        name,
        operators: operators(EQUALITY),
        valuesOf: (issue) => issue.labels,
        resolveLiteral: (literal) => [literal],
      };
    case 'assignee':
      return userField(ctx, name, (issue) => issue.assigneeAccountId);
    case 'reporter':
      return userField(ctx, name, (issue) => issue.reporterAccountId);
    case 'summary':
      return textField(name, (issue) => issue.summary, true);
    case 'description':
      return textField(name, (issue) => adfText(issue.description), false);
    case 'text':
      return textField(name, (issue) => `${issue.summary} ${adfText(issue.description)} ${customText(ctx, issue)}`, false);
    case 'created':
    case 'createddate':
      return dateField(ctx, name, (issue) => issue.created);
    case 'updated':
    case 'updateddate':
      return dateField(ctx, name, (issue) => issue.updated);
    case 'resolved':
    case 'resolutiondate':
      return dateField(ctx, name, (issue) => issue.resolutiondate);
    case 'rank':
      return {
        name,
        operators: new Set(),
        valuesOf: () => [],
        resolveLiteral: () => [],
        sortKeyOf: (issue) => Number(issue.id),
      };
    default:
      return undefined;
  }
}
