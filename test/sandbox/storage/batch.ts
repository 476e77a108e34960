/**
 * `kvs.batchSet/batchGet/batchDelete`: up to 25 items, each succeeding or failing on its own and reported in
 * `successfulKeys` / `failedKeys`. An item may name a custom entity.
 *
 * Not documented, chosen here: a batchGet of a missing key is a failed key with KEY_NOT_FOUND, and a
 * batchDelete of a missing key succeeds (deleting is idempotent in a transaction too).
 */
import { json, type SandboxResponse } from '../http';
import { Chosen, KvsError, badRequest, invalidBody, keyNotFound } from './errors';
import { applyWrite, deleteItem, itemOf, prepareWrite, readItem, type StorageContext } from './items';
import { recordView } from './record-view';
import { isObject, metadataFields, requireArray, ttlMillis, type JsonObject } from './validation';

export const MAX_BATCH_ITEMS = 25;

interface ItemName {
  key: string;
  entityName?: string;
}

interface FailedItem extends ItemName {
  error: { code: string; message: string };
}

function batchItems(body: unknown): unknown[] {
  const items = requireArray(body, 'batch');
  if (items.length > MAX_BATCH_ITEMS) {
    throw badRequest(Chosen.batchTooLarge, `A batch holds at most ${MAX_BATCH_ITEMS} items; got ${items.length}.`);
  }
  return items;
}

function nameOf(item: unknown): ItemName {
  const request: JsonObject = isObject(item) ? item : {};
  const key = typeof request.key === 'string' ? request.key : String(request.key ?? '');
  return typeof request.entityName === 'string' ? { key, entityName: request.entityName } : { key };
}

/** Runs `work` per item; a platform error fails only that item. */
function eachItem<T extends ItemName>(
  items: unknown[],
  work: (item: JsonObject) => T,
): { successfulKeys: T[]; failedKeys: FailedItem[] } {
  const successfulKeys: T[] = [];
  const failedKeys: FailedItem[] = [];
  for (const item of items) {
    try {
      if (!isObject(item)) throw invalidBody('a batch item must be an object');
      successfulKeys.push(work(item));
    } catch (error: unknown) {
      if (!(error instanceof KvsError)) throw error;
      failedKeys.push({ ...nameOf(item), error: error.toBody() });
    }
  }
  return { successfulKeys, failedKeys };
}

export function batchSet(context: StorageContext, body: unknown): SandboxResponse {
  const result = eachItem(batchItems(body), (item) => {
    const ref = itemOf(context, item.entityName, item.key);
    applyWrite(context, prepareWrite(context, ref, item.value), ttlMillis(item.options));
    return nameOf(item);
  });
  return json(200, result);
}

export function batchGet(context: StorageContext, body: unknown): SandboxResponse {
  const result = eachItem(batchItems(body), (item) => {
    const record = readItem(context, itemOf(context, item.entityName, item.key));
    if (!record) throw keyNotFound();
    const fields = metadataFields(isObject(item.options) ? item.options.metadataFields : undefined);
    return { ...nameOf(item), ...recordView(record, fields) };
  });
  return json(200, result);
}

export function batchDelete(context: StorageContext, body: unknown): SandboxResponse {
  const result = eachItem(batchItems(body), (item) => {
    deleteItem(context, itemOf(context, item.entityName, item.key));
    return nameOf(item);
  });
  return json(200, result);
}
