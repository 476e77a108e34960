/**
 * `kvs.entity(name).query().index(...)`: plans one page of an index scan in SQL (partition, range condition,
 * cursor, order), then applies filters in memory.
 *
 * Filters apply to the page *after* `limit` candidates were read, as Atlassian documents ("a page can come
 * back empty while nextCursor still points at more results"). So `getOne()` with a filter can miss a match
 * that a later candidate holds; the sandbox keeps that behaviour so an app that relies on it fails here too.
 */
import { json, type SandboxResponse } from '../http';
import {
  WHERE_CONDITIONS,
  filterSetHolds,
  parseClause,
  parseFilterSet,
  type Clause,
  type FilterSet,
} from './conditions';
import { decodeCursor, encodeCursor, type CursorPosition } from './cursor';
import { BY_KEY_INDEX, fitsType, partitionKeyOf, type EntityDeclaration, type ResolvedIndex } from './entity-schema';
import { sqlIndexValue } from './entity-index';
import { Chosen, Documented, badRequest, invalidBody } from './errors';
import type { StorageContext } from './items';
import { entitySpace, recordFromRow, type RecordRow } from './record-store';
import { recordView } from './record-view';
import { isObject, metadataFields, requireObject } from './validation';

export const DEFAULT_ENTITY_QUERY_LIMIT = 10;
export const MAX_ENTITY_QUERY_LIMIT = 100;

type SqlValue = string | number;

interface CandidateRow extends RecordRow {
  range_value: SqlValue;
}

function partitionOf(entity: EntityDeclaration, index: ResolvedIndex, raw: unknown): string {
  const values = raw === undefined || raw === null ? [] : raw;
  const fits =
    Array.isArray(values) &&
    values.length === index.partition.length &&
    index.partition.every((attribute, position) => {
      const declared = entity.attributes[attribute];
      return declared !== undefined && fitsType(declared.type, values[position]);
    });
  if (!fits) {
    throw badRequest(
      Chosen.invalidPartition,
      `Index ${index.name} of ${entity.name} takes partition [${index.partition.join(', ')}]; ` +
        `got ${JSON.stringify(raw)}.`,
    );
  }
  return partitionKeyOf(values);
}

function rangeClauseOf(entity: EntityDeclaration, index: ResolvedIndex, raw: unknown): Clause | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw invalidBody('range must be { condition, values }');
  const attribute = index.rangeAttribute ?? 'key';
  const type = index.rangeAttribute ? entity.attributes[index.rangeAttribute]?.type ?? 'string' : 'string';
  return parseClause(type, raw.condition, raw.values, WHERE_CONDITIONS, attribute);
}

function limitOf(raw: unknown): number {
  if (raw === undefined || raw === null) return DEFAULT_ENTITY_QUERY_LIMIT;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_ENTITY_QUERY_LIMIT) {
    const message = `The page limit must be set between 1 and ${MAX_ENTITY_QUERY_LIMIT}.`;
    throw badRequest(Documented.pageLimitNotInRange, message);
  }
  return raw;
}

function rangeSql(column: string, clause: Clause): { sql: string; params: SqlValue[] } {
  const values = clause.values.map(sqlIndexValue);
  switch (clause.condition) {
    case 'BEGINS_WITH': {
      const prefix = values[0] ?? '';
      return { sql: `typeof(${column}) = 'text' AND substr(${column}, 1, length(?)) = ?`, params: [prefix, prefix] };
    }
    case 'BETWEEN':
      return { sql: `${column} BETWEEN ? AND ?`, params: values };
    case 'EQUAL_TO':
      return { sql: `${column} = ?`, params: values };
    case 'GREATER_THAN':
      return { sql: `${column} > ?`, params: values };
    case 'GREATER_THAN_EQUAL_TO':
      return { sql: `${column} >= ?`, params: values };
    case 'LESS_THAN':
      return { sql: `${column} < ?`, params: values };
    case 'LESS_THAN_EQUAL_TO':
      return { sql: `${column} <= ?`, params: values };
    default:
      throw badRequest(Documented.invalidFilterCondition, `${clause.condition} cannot be used in a where clause.`);
  }
}

interface ScanPlan {
  space: string;
  index: ResolvedIndex;
  partitionKey: string;
  range: Clause | undefined;
  after: CursorPosition | undefined;
  descending: boolean;
  limit: number;
}

/** Reads up to `limit` candidates in index order, strictly after the cursor. */
function scan(context: StorageContext, plan: ScanPlan): CandidateRow[] {
  const byKey = plan.index.name === BY_KEY_INDEX;
  const rangeColumn = byKey ? 'r.key' : 'i.range_value';
  const from = byKey
    ? 'record r'
    : 'entity_index_entry i JOIN record r ON r.space = i.space AND r.key = i.key';
  const clauses = byKey ? ['r.space = ?'] : ['i.space = ?', 'i.index_name = ?', 'i.partition_key = ?'];
  const params: SqlValue[] = byKey ? [plan.space] : [plan.space, plan.index.name, plan.partitionKey];
  if (plan.range) {
    const range = rangeSql(rangeColumn, plan.range);
    clauses.push(range.sql);
    params.push(...range.params);
  }
  const beyond = plan.descending ? '<' : '>';
  if (plan.after && byKey) {
    clauses.push(`r.key ${beyond} ?`);
    params.push(plan.after.key);
  } else if (plan.after && plan.after.range !== undefined) {
    clauses.push(`(i.range_value ${beyond} ? OR (i.range_value = ? AND r.key ${beyond} ?))`);
    params.push(plan.after.range, plan.after.range, plan.after.key);
  }
  const direction = plan.descending ? 'DESC' : 'ASC';
  const sql = `SELECT r.key, r.value, r.created_at, r.updated_at, r.expire_at, ${rangeColumn} AS range_value
    FROM ${from} WHERE ${clauses.join(' AND ')} ORDER BY ${rangeColumn} ${direction}, r.key ${direction} LIMIT ?`;
  return context.store.statement(sql).all(...params, plan.limit) as CandidateRow[];
}

function matches(filters: FilterSet | undefined, row: CandidateRow): boolean {
  if (!filters) return true;
  const value: unknown = JSON.parse(row.value);
  return isObject(value) && filterSetHolds(filters, value);
}

export function queryEntities(context: StorageContext, body: unknown): SandboxResponse {
  const request = requireObject(body, 'body');
  const entity = context.schema.entity(request.entityName);
  const index = context.schema.index(entity, request.indexName);
  const partitionKey = partitionOf(entity, index, request.partition);
  const range = rangeClauseOf(entity, index, request.range);
  const filters =
    request.filters === undefined || request.filters === null
      ? undefined
      : parseFilterSet(context.schema, entity, request.filters);
  if (request.sort !== undefined && request.sort !== 'ASC' && request.sort !== 'DESC') {
    throw invalidBody('sort must be ASC or DESC');
  }
  const limit = limitOf(request.limit);
  const fields = metadataFields(isObject(request.options) ? request.options.metadataFields : request.metadataFields);

  // A cursor belongs to one partition of one index; from anywhere else it would silently skip or repeat.
  const cursorScope = `${index.name}/${partitionKey}`;
  const after = decodeCursor(request.cursor, cursorScope);
  if (after && index.rangeAttribute && after.range === undefined) {
    throw badRequest(Chosen.invalidCursor, 'The provided cursor is invalid for this query.');
  }
  const rows = scan(context, {
    space: entitySpace(entity.name),
    index,
    partitionKey,
    range,
    after,
    descending: request.sort === 'DESC',
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const cursor =
    rows.length > limit && last
      ? encodeCursor({ index: cursorScope, key: last.key, ...(index.rangeAttribute ? { range: last.range_value } : {}) })
      : undefined;
  const data = page.filter((row) => matches(filters, row)).map((row) => recordView(recordFromRow(row), fields));
  return json(200, { data, ...(cursor ? { cursor } : {}) });
}
