/**
 * The plain key-value store: `kvs.get/set/delete` and `kvs.query()`, which lists plain keys in key order,
 * optionally those beginning with a prefix. Secrets and entity values live in other spaces and never appear.
 */
import { json, type SandboxResponse } from '../http';
import { decodeCursor, encodeCursor } from './cursor';
import { Documented, badRequest } from './errors';
import { plainItem, type StorageContext } from './items';
import { singleItemRoutes, type Handler } from './single-item';
import { recordView } from './record-view';
import { isObject, metadataFields, requireArray, requireObject } from './validation';

export const DEFAULT_QUERY_LIMIT = 10;
/**
 * The docs give 100 in the method text and 20 in a code comment; the error table says "below 100". The
 * sandbox allows 100 so that it never refuses what production might accept.
 */
export const MAX_KEY_QUERY_LIMIT = 100;

function prefixOf(where: unknown): string | undefined {
  if (where === undefined || where === null) return undefined;
  const clauses = requireArray(where, 'where');
  if (clauses.length === 0) return undefined;
  if (clauses.length > 1) {
    throw badRequest(Documented.queryWhereInvalid, 'KVS queries should contain only a single "where" clause.');
  }
  const clause = clauses[0];
  if (!isObject(clause) || clause.property !== 'key') {
    throw badRequest(Documented.queryWhereFieldInvalid, 'The specified field is not supported for filters.');
  }
  if (clause.condition !== 'BEGINS_WITH') {
    throw badRequest(Documented.invalidFilterCondition, 'The specified condition is not supported for filters.');
  }
  const values = clause.values;
  if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== 'string') {
    throw badRequest(Documented.invalidFilterValues, 'BEGINS_WITH on key takes exactly one string.');
  }
  return values[0];
}

function limitOf(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_QUERY_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_KEY_QUERY_LIMIT) {
    const message = `Limit for list query should be between 1 and ${MAX_KEY_QUERY_LIMIT}.`;
    throw badRequest(Documented.listQueryLimitExceeded, message);
  }
  return limit;
}

export function queryKeys(context: StorageContext, body: unknown): SandboxResponse {
  const request = requireObject(body, 'body');
  const prefix = prefixOf(request.where);
  const limit = limitOf(request.limit);
  const after = decodeCursor(request.after, 'key');
  const fields = metadataFields(isObject(request.options) ? request.options.metadataFields : undefined);
  const rows = context.store.listByKey('kv', { prefix, after: after?.key, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const cursor = rows.length > limit && last ? encodeCursor({ index: 'key', key: last.key }) : undefined;
  return json(200, { data: page.map((record) => recordView(record, fields)), ...(cursor ? { cursor } : {}) });
}

export const keyValueRoutes = (context: StorageContext): Record<string, Handler> => ({
  ...singleItemRoutes(context, '/api/v1', (body) => plainItem(body.key)),
  '/api/v1/query': (body) => queryKeys(context, body),
});
