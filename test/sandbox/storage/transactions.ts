/**
 * `kvs.transact()…execute()`: up to 25 set / delete / check operations, each on a different item, applied
 * all together or not at all. Every condition is evaluated against the stored value as it was before the
 * transaction; one that does not hold fails the whole transaction and nothing is written.
 *
 * Not documented, chosen here:
 * - an item that does not exist is evaluated as an empty value, so NOT_EXISTS holds and EQUAL_TO does not
 *   (DynamoDB's rule, which the Custom Entity Store resembles);
 * - conditions are only accepted on custom entity items (Atlassian documents them only there); conditions
 *   on a plain key are refused with 400 rather than ignored;
 * - "each key once" counts a plain key and an entity value with the same key as different items;
 * - the failure is 409 CONDITION_CHECK_FAILED.
 */
import { json, type SandboxResponse } from '../http';
import { filterSetHolds, parseFilterSet, type FilterSet } from './conditions';
import { Chosen, KvsError, badRequest, invalidBody } from './errors';
import {
  applyWrite,
  deleteItem,
  itemIdentity,
  itemOf,
  prepareWrite,
  readItem,
  type ItemRef,
  type PreparedWrite,
  type StorageContext,
} from './items';
import { isObject, requireArray, requireObject, ttlMillis, type JsonObject } from './validation';

export const MAX_TRANSACTION_OPERATIONS = 25;

interface GuardedOperation {
  item: ItemRef;
  conditions: FilterSet | undefined;
}

type Operation =
  | (GuardedOperation & { kind: 'set'; write: PreparedWrite; ttlMs: number | undefined })
  | (GuardedOperation & { kind: 'delete' })
  | (GuardedOperation & { kind: 'check' });

const listOf = (value: unknown, what: string): JsonObject[] =>
  value === undefined || value === null ? [] : requireArray(value, what).map((item) => requireObject(item, what));

function conditionsOf(context: StorageContext, item: ItemRef, raw: unknown, required: boolean): FilterSet | undefined {
  if (raw === undefined || raw === null) {
    if (required) throw invalidBody('a check needs conditions');
    return undefined;
  }
  if (!item.entity) {
    throw badRequest(Chosen.conditionsNeedEntity, `Conditions need an entityName (key ${JSON.stringify(item.key)}).`);
  }
  return parseFilterSet(context.schema, item.entity, raw);
}

function parseOperations(context: StorageContext, body: unknown): Operation[] {
  const request = requireObject(body, 'body');
  const sets = listOf(request.set, 'set');
  const deletes = listOf(request.delete, 'delete');
  const checks = listOf(request.check, 'check');
  const total = sets.length + deletes.length + checks.length;
  if (total === 0) throw badRequest(Chosen.transactionEmpty, 'A transaction needs at least one operation.');
  if (total > MAX_TRANSACTION_OPERATIONS) {
    throw badRequest(
      Chosen.transactionTooLarge,
      `A transaction holds at most ${MAX_TRANSACTION_OPERATIONS} operations; got ${total}.`,
    );
  }
  const operations: Operation[] = [
    ...sets.map((raw): Operation => {
      const item = itemOf(context, raw.entityName, raw.key);
      return {
        kind: 'set',
        item,
        conditions: conditionsOf(context, item, raw.conditions, false),
        write: prepareWrite(context, item, raw.value),
        ttlMs: ttlMillis(raw.options),
      };
    }),
    ...deletes.map((raw): Operation => {
      const item = itemOf(context, raw.entityName, raw.key);
      return { kind: 'delete', item, conditions: conditionsOf(context, item, raw.conditions, false) };
    }),
    ...checks.map((raw): Operation => {
      const item = itemOf(context, raw.entityName, raw.key);
      return { kind: 'check', item, conditions: conditionsOf(context, item, raw.conditions, true) };
    }),
  ];
  const seen = new Set<string>();
  for (const { item } of operations) {
    const identity = itemIdentity(item);
    if (seen.has(identity)) {
      throw badRequest(Chosen.transactionDuplicateKey, `Key ${JSON.stringify(item.key)} is used more than once.`);
    }
    seen.add(identity);
  }
  return operations;
}

function conditionHolds(context: StorageContext, operation: Operation): boolean {
  if (!operation.conditions) return true;
  const record = readItem(context, operation.item);
  const stored: unknown = record ? JSON.parse(record.valueJson) : {};
  return isObject(stored) && filterSetHolds(operation.conditions, stored);
}

export function executeTransaction(context: StorageContext, body: unknown): SandboxResponse {
  const operations = parseOperations(context, body);
  context.store.atomically(() => {
    const failed = operations.find((operation) => !conditionHolds(context, operation));
    if (failed) {
      throw new KvsError(
        409,
        Chosen.conditionCheckFailed,
        `Transaction cancelled: the conditions on ${failed.item.entity?.name ?? 'key'} ` +
          `${JSON.stringify(failed.item.key)} were not met.`,
      );
    }
    for (const operation of operations) {
      if (operation.kind === 'set') applyWrite(context, operation.write, operation.ttlMs);
      if (operation.kind === 'delete') deleteItem(context, operation.item);
    }
  });
  return json(204);
}
