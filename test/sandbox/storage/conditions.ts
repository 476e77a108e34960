/**
 * Conditions on entity attributes: the `where` on an index's range, `filters` on a query, and the
 * `conditions` of a transaction operation. All are checked against the entity's declaration before anything
 * runs, then evaluated against stored values.
 */
import { Chosen, Documented, badRequest } from './errors';
import type { AttributeType, EntityDeclaration, EntitySchema, IndexableValue } from './entity-schema';
import { isObject, type JsonObject } from './validation';

export type ConditionName =
  | 'BEGINS_WITH'
  | 'BETWEEN'
  | 'CONTAINS'
  | 'NOT_CONTAINS'
  | 'EQUAL_TO'
  | 'NOT_EQUAL_TO'
  | 'EXISTS'
  | 'NOT_EXISTS'
  | 'GREATER_THAN'
  | 'GREATER_THAN_EQUAL_TO'
  | 'LESS_THAN'
  | 'LESS_THAN_EQUAL_TO';

export const WHERE_CONDITIONS: readonly ConditionName[] = [
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
];
export const FILTER_CONDITIONS: readonly ConditionName[] = [
  ...WHERE_CONDITIONS,
  'CONTAINS',
  'NOT_CONTAINS',
  'NOT_EQUAL_TO',
  'EXISTS',
  'NOT_EXISTS',
];

/** The platform's documented cap on conditions in one query. */
export const MAX_CONDITIONS = 100;

const STRING_ONLY: readonly ConditionName[] = ['BEGINS_WITH', 'CONTAINS', 'NOT_CONTAINS'];
const BOOLEAN_ALLOWED: readonly ConditionName[] = ['EQUAL_TO', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS'];

export interface Clause {
  condition: ConditionName;
  values: IndexableValue[];
}

export interface AttributeClause extends Clause {
  attribute: string;
}

export interface FilterSet {
  operator: 'and' | 'or';
  clauses: AttributeClause[];
}

const isConditionName = (value: unknown, allowed: readonly ConditionName[]): value is ConditionName =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value);

function valueFits(type: AttributeType, value: unknown): value is IndexableValue {
  if (type === 'string') return typeof value === 'string';
  if (type === 'boolean') return typeof value === 'boolean';
  return typeof value === 'number' && Number.isFinite(value);
}

/** Checks one condition against the type of the attribute it applies to. */
export function parseClause(
  type: AttributeType,
  condition: unknown,
  values: unknown,
  allowed: readonly ConditionName[],
  attribute: string,
): Clause {
  if (!isConditionName(condition, allowed)) {
    const named = JSON.stringify(condition);
    throw badRequest(Documented.invalidFilterCondition, `Condition ${named} is not supported here.`);
  }
  const wrongType = STRING_ONLY.includes(condition) ? type !== 'string' : type === 'boolean' && !BOOLEAN_ALLOWED.includes(condition);
  if (wrongType) {
    const message = `${condition} cannot be used on ${type} attribute ${attribute}.`;
    throw badRequest(Documented.invalidFilterCondition, message);
  }
  if (!Array.isArray(values)) throw badRequest(Documented.invalidFilterValues, `${condition} needs a list of values.`);
  if (condition === 'EXISTS' || condition === 'NOT_EXISTS') return { condition, values: [] };
  const needed = condition === 'BETWEEN' ? 2 : 1;
  if (values.length < needed) {
    throw badRequest(Documented.insufficientFilterValues, `${condition} needs ${needed} value(s).`);
  }
  if (values.length > needed) {
    throw badRequest(Documented.invalidFilterValues, `${condition} takes ${needed} value(s), got ${values.length}.`);
  }
  const typed: IndexableValue[] = [];
  for (const value of values) {
    if (!valueFits(type, value)) {
      throw badRequest(
        Documented.invalidFilterValues,
        `${JSON.stringify(value)} cannot be compared with ${type} attribute ${attribute}.`,
      );
    }
    typed.push(value);
  }
  return { condition, values: typed };
}

/** `{ and: [...] }` or `{ or: [...] }`, never both and never empty. */
export function parseFilterSet(schema: EntitySchema, entity: EntityDeclaration, raw: unknown): FilterSet {
  if (!isObject(raw)) {
    throw badRequest(Documented.emptyFilterOperator, 'Filters must be { and: [...] } or { or: [...] }.');
  }
  const hasAnd = raw.and !== undefined;
  const hasOr = raw.or !== undefined;
  if (hasAnd && hasOr) {
    throw badRequest(
      Documented.invalidFilterOperatorsCombination,
      'Filter operators "and" and "or" cannot be present at the same level.',
    );
  }
  const operator = hasAnd ? 'and' : 'or';
  const items = raw[operator];
  if (!Array.isArray(items) || items.length === 0) {
    throw badRequest(Documented.emptyFilterOperator, 'Filter operators "and" and "or" cannot be empty.');
  }
  if (items.length > MAX_CONDITIONS) {
    throw badRequest(Chosen.tooManyConditions, `A query may hold at most ${MAX_CONDITIONS} conditions.`);
  }
  const clauses = items.map((item): AttributeClause => {
    if (!isObject(item)) {
      throw badRequest(Documented.invalidFilterCondition, 'A filter must be { property, condition, values }.');
    }
    const type = schema.queryableAttribute(entity, item.property);
    const attribute = String(item.property);
    return { attribute, ...parseClause(type, item.condition, item.values, FILTER_CONDITIONS, attribute) };
  });
  return { operator, clauses };
}

function compare(left: IndexableValue, right: IndexableValue): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/**
 * A missing attribute satisfies only NOT_EXISTS, NOT_EQUAL_TO and NOT_CONTAINS (they are the negations of
 * conditions it fails). The platform does not document this; it is DynamoDB's behaviour, which the Custom
 * Entity Store's conditions resemble.
 */
export function clauseHolds(clause: Clause, actual: unknown): boolean {
  const [first, second] = clause.values;
  switch (clause.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'NOT_CONTAINS':
      return !(typeof actual === 'string' && typeof first === 'string' && actual.includes(first));
    case 'CONTAINS':
      return typeof actual === 'string' && typeof first === 'string' && actual.includes(first);
    case 'BEGINS_WITH':
      return typeof actual === 'string' && typeof first === 'string' && actual.startsWith(first);
    default:
      break;
  }
  const comparable = typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean';
  if (first === undefined || !comparable || typeof actual !== typeof first) return false;
  switch (clause.condition) {
    case 'EQUAL_TO':
      return actual === first;
    case 'GREATER_THAN':
      return compare(actual, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return compare(actual, first) >= 0;
    case 'LESS_THAN':
      return compare(actual, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return compare(actual, first) <= 0;
    case 'BETWEEN':
      return second !== undefined && compare(actual, first) >= 0 && compare(actual, second) <= 0;
    default:
      return false;
  }
}

export function filterSetHolds(filters: FilterSet, value: JsonObject): boolean {
  const results = filters.clauses.map((clause) => clauseHolds(clause, value[clause.attribute]));
  return filters.operator === 'and' ? results.every(Boolean) : results.some(Boolean);
}
