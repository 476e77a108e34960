/** JQL over custom fields (by `cf[N]`, `customfield_N` or name), the Sprint field, and issue entity properties. */
import type { EmulatorContext } from '../context';
import { findUser, sprintField } from '../context';
import { badRequest } from '../errors';
import type { JiraCustomField, JiraIssue } from '../model';
import type { PropertyAliasType } from '../property-aliases';
import { valuesAtPath } from '../property-aliases';
import type { JqlField, JqlValue, OperatorName } from './jql-field';
import { EQUALITY, RANGE, TEXT, operators } from './jql-field';
import { valueDoesNotExist } from './system-fields';
import { adfText, evaluateDateFunction, parseJqlDate } from './values';

const SPRINT_FUNCTIONS: Record<string, readonly string[]> = {
  opensprints: ['active', 'future'],
  closedsprints: ['closed'],
  futuresprints: ['future'],
};

export function sprintJqlField(ctx: EmulatorContext, name: string): JqlField {
  const { site } = ctx;
  return {
    name,
    operators: operators(EQUALITY),
    valuesOf: (issue) => issue.sprintIds,
    resolveLiteral(literal) {
      if (/^\d+$/.test(literal)) {
        if (!site.sprints.some((sprint) => sprint.id === Number(literal))) throw valueDoesNotExist(literal, name);
        return [Number(literal)];
      }
      const lower = literal.toLowerCase();
      const named = site.sprints.filter((sprint) => sprint.name.toLowerCase() === lower);
      if (named.length === 0) throw valueDoesNotExist(literal, name);
      return named.map((sprint) => sprint.id);
    },
    resolveFunction(fn) {
      const states = SPRINT_FUNCTIONS[fn.toLowerCase()];
      return states ? site.sprints.filter((sprint) => states.includes(sprint.state)).map((sprint) => sprint.id) : undefined;
    },
  };
}

function numberLiteral(literal: string, name: string): number {
  const value = Number(literal);
  if (literal.trim() === '' || Number.isNaN(value)) throw badRequest(`The value '${literal}' is not a valid number for the field '${name}'.`);
  return value;
}

/** A field whose values are plain JSON (custom field values, property values), searched with `type`'s rules. */
function jsonValuedField(
  ctx: EmulatorContext,
  name: string,
  type: PropertyAliasType | 'any',
  rawValuesOf: (issue: JiraIssue) => unknown[],
): JqlField {
  const scalar = (raw: unknown): JqlValue | undefined => {
    if (typeof raw === 'number') return raw;
    if (typeof raw === 'string') return type === 'date' ? Date.parse(raw) : raw;
    if (typeof raw === 'boolean') return String(raw);
    if (typeof raw === 'object' && raw !== null && 'accountId' in raw) return String((raw as { accountId: unknown }).accountId);
    if (typeof raw === 'object' && raw !== null && 'value' in raw) return String((raw as { value: unknown }).value);
    return undefined;
  };
  const valuesOf = (issue: JiraIssue): JqlValue[] =>
    rawValuesOf(issue).map(scalar).filter((value): value is JqlValue => value !== undefined && !Number.isNaN(value));
  const allowed: Record<PropertyAliasType | 'any', ReadonlyArray<readonly OperatorName[]>> = {
    number: [EQUALITY, RANGE],
    date: [EQUALITY, RANGE],
    string: [EQUALITY],
    user: [EQUALITY],
    text: [TEXT],
    any: [EQUALITY, RANGE, TEXT],
  };
  return {
    name,
    operators: operators(...allowed[type]),
    valuesOf,
    resolveLiteral(literal) {
      if (type === 'number') return [numberLiteral(literal, name)];
      if (type === 'date') return [parseJqlDate(literal, name, ctx.now)];
      if (type === 'user' && !findUser(ctx.site, literal)) throw valueDoesNotExist(literal, name);
      // Untyped JSON: "3" must find both the number 3 and the string "3".
      const asNumber = Number(literal);
      return type === 'any' && literal.trim() !== '' && !Number.isNaN(asNumber) ? [literal, asNumber] : [literal];
    },
    resolveFunction(fn, args) {
      if (type === 'user' && fn.toLowerCase() === 'currentuser') return ctx.caller.kind === 'user' ? [ctx.caller.user.accountId] : [];
      if (type !== 'date') return undefined;
      const ms = evaluateDateFunction(fn, args, ctx.now);
      return ms === undefined ? undefined : [ms];
    },
    textOf: (issue) => rawValuesOf(issue).map((raw) => (typeof raw === 'string' ? raw : adfText(raw))).join(' '),
    sortKeyOf: (issue) => {
      const values = valuesOf(issue);
      return values.length > 0 ? values[0] : null;
    },
  };
}

function customFieldJql(ctx: EmulatorContext, field: JiraCustomField, name: string): JqlField {
  if (field.id === sprintField(ctx.site)?.id) return sprintJqlField(ctx, name);
  const rawValuesOf = (issue: JiraIssue): unknown[] => {
    const value = issue.customFields[field.id];
    if (value === null || value === undefined || value === '') return [];
    return Array.isArray(value) ? value : [value];
  };
  if (field.schemaType === 'number') return jsonValuedField(ctx, name, 'number', rawValuesOf);
  if (field.schemaType === 'datetime') return jsonValuedField(ctx, name, 'date', rawValuesOf);
  if (field.schemaType === 'user') return jsonValuedField(ctx, name, 'user', rawValuesOf);
  const exact = jsonValuedField(ctx, name, 'string', rawValuesOf);
  // Forge string fields take both exact matches (`"Work type" = Innovative`) and text search.
  return field.schemaType === 'string' ? { ...exact, operators: operators(EQUALITY, TEXT), textOf: (issue) => rawValuesOf(issue).join(' ') } : exact;
}

export function customFieldByReference(ctx: EmulatorContext, name: string): JqlField | undefined {
  const { site } = ctx;
  const cf = /^cf\[(\d+)\]$/i.exec(name) ?? /^customfield_(\d+)$/i.exec(name);
  if (cf) {
    const field = site.customFields.find((candidate) => candidate.id === `customfield_${cf[1]}`);
    return field ? customFieldJql(ctx, field, name) : undefined;
  }
  const lower = name.toLowerCase();
  if (lower === 'sprint') return sprintJqlField(ctx, name);
  const field = site.customFields.find((candidate) => candidate.name.toLowerCase() === lower);
  return field ? customFieldJql(ctx, field, name) : undefined;
}

export function issuePropertyField(ctx: EmulatorContext, name: string, propertyKey: string, path: string, type: PropertyAliasType | 'any'): JqlField {
  return jsonValuedField(ctx, name, type, (issue) =>
    propertyKey in issue.properties ? valuesAtPath(issue.properties[propertyKey], path) : [],
  );
}

export function propertyAliasField(ctx: EmulatorContext, name: string): JqlField | undefined {
  const lower = name.toLowerCase();
  const alias = ctx.propertyAliases.find((candidate) => candidate.searchAlias.toLowerCase() === lower);
  return alias ? issuePropertyField(ctx, name, alias.propertyKey, alias.path, alias.type) : undefined;
}
