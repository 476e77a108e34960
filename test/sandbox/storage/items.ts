/**
 * One stored item, whichever store it is in: a plain key, a secret, or a custom entity value. Single
 * operations, batches and transactions all read and write through here, so they enforce the same rules and
 * keep entity indexes in step with the values.
 */
import { Chosen, KvsError, invalidBody } from './errors';
import type { EntityDeclaration, EntitySchema } from './entity-schema';
import type { EntityIndexTable } from './entity-index';
import { entitySpace, type RecordStore, type Space, type StoredRecord } from './record-store';
import { MAX_SECRET_BYTES, MAX_VALUE_BYTES, isObject, type JsonObject, validateKey, validateValue } from './validation';

export interface StorageContext {
  store: RecordStore;
  schema: EntitySchema;
  indexes: EntityIndexTable;
}

export interface ItemRef {
  space: Space;
  key: string;
  /** Set for custom entity values. */
  entity?: EntityDeclaration;
}

export const plainItem = (key: unknown): ItemRef => ({ space: 'kv', key: validateKey(key, 'kvs') });

export const secretItem = (key: unknown): ItemRef => ({ space: 'secret', key: validateKey(key, 'kvs') });

export function entityItem(context: StorageContext, entityName: unknown, key: unknown): ItemRef {
  const entity = context.schema.entity(entityName);
  return { space: entitySpace(entity.name), key: validateKey(key, 'entity'), entity };
}

/** Batches and transactions name an entity per item; no entity name means a plain key. */
export const itemOf = (context: StorageContext, entityName: unknown, key: unknown): ItemRef =>
  entityName === undefined || entityName === null ? plainItem(key) : entityItem(context, entityName, key);

/** A write that has passed validation and can be applied without failing on its input. */
export interface PreparedWrite {
  item: ItemRef;
  valueJson: string;
  entityValue?: JsonObject;
}

export function prepareWrite(context: StorageContext, item: ItemRef, value: unknown): PreparedWrite {
  const valueJson = validateValue(value, item.space === 'secret' ? MAX_SECRET_BYTES : MAX_VALUE_BYTES);
  if (!item.entity) return { item, valueJson };
  return { item, valueJson, entityValue: context.schema.validateValue(item.entity, value) };
}

export type KeyPolicy = 'OVERRIDE' | 'FAIL_IF_EXISTS';

export function keyPolicyOf(options: unknown): KeyPolicy {
  const policy = isObject(options) ? options.keyPolicy : undefined;
  if (policy === undefined || policy === null || policy === 'OVERRIDE') return 'OVERRIDE';
  if (policy === 'FAIL_IF_EXISTS') return policy;
  throw invalidBody(`keyPolicy must be OVERRIDE or FAIL_IF_EXISTS, not ${JSON.stringify(policy)}`);
}

export interface WriteOutcome {
  previous: StoredRecord | undefined;
  latest: StoredRecord;
}

export function applyWrite(
  context: StorageContext,
  write: PreparedWrite,
  ttlMs: number | undefined,
  keyPolicy: KeyPolicy = 'OVERRIDE',
): WriteOutcome {
  const { item } = write;
  const previous = context.store.get(item.space, item.key);
  if (previous && keyPolicy === 'FAIL_IF_EXISTS') {
    throw new KvsError(409, Chosen.keyAlreadyExists, `Key ${JSON.stringify(item.key)} already exists.`);
  }
  const latest = context.store.put(item.space, item.key, write.valueJson, ttlMs);
  if (item.entity && write.entityValue) {
    context.indexes.replace(item.entity.name, item.key, context.schema.placements(item.entity, write.entityValue));
  }
  return { previous, latest };
}

export const readItem = (context: StorageContext, item: ItemRef): StoredRecord | undefined =>
  context.store.get(item.space, item.key);

/** True when something was there to delete. */
export const deleteItem = (context: StorageContext, item: ItemRef): boolean =>
  context.store.remove(item.space, item.key);

/** Two references name the same stored item. */
export const itemIdentity = (item: ItemRef): string => `${item.space}\u0000${item.key}`;
