/**
 * get / set / delete of one item. The plain store (`/api/v1/…`), secrets (`/api/v1/secret/…`) and custom
 * entities (`/api/v1/entity/…`) speak the same three operations; they differ only in how the body names the
 * item.
 */
import { json, type SandboxResponse } from '../http';
import { invalidBody, keyNotFound } from './errors';
import {
  applyWrite,
  deleteItem,
  keyPolicyOf,
  prepareWrite,
  readItem,
  type ItemRef,
  type StorageContext,
  type WriteOutcome,
} from './items';
import { recordView } from './record-view';
import { isObject, requireObject, ttlMillis, type JsonObject } from './validation';

export type Handler = (body: unknown) => SandboxResponse;
export type ItemResolver = (body: JsonObject) => ItemRef;

/** `returnValue` asks for the record before or after the write; without it a set answers with no body. */
export function setAnswer(outcome: WriteOutcome, options: unknown): SandboxResponse {
  const returnValue = isObject(options) ? options.returnValue : undefined;
  if (returnValue === undefined || returnValue === null) return json(204);
  if (returnValue === 'LATEST') return json(200, recordView(outcome.latest, 'all'));
  if (returnValue === 'PREVIOUS') return outcome.previous ? json(200, recordView(outcome.previous, 'all')) : json(204);
  throw invalidBody(`returnValue must be PREVIOUS or LATEST, not ${JSON.stringify(returnValue)}`);
}

export function singleItemRoutes(
  context: StorageContext,
  pathPrefix: string,
  resolve: ItemResolver,
): Record<string, Handler> {
  return {
    [`${pathPrefix}/get`]: (body) => {
      const record = readItem(context, resolve(requireObject(body, 'body')));
      if (!record) throw keyNotFound();
      return json(200, recordView(record, 'all'));
    },
    [`${pathPrefix}/set`]: (body) => {
      const request = requireObject(body, 'body');
      const item = resolve(request);
      const write = prepareWrite(context, item, request.value);
      const ttlMs = ttlMillis(request.options);
      const outcome = applyWrite(context, write, ttlMs, keyPolicyOf(request.options));
      return setAnswer(outcome, request.options);
    },
    [`${pathPrefix}/delete`]: (body) => {
      // The SDK treats KEY_NOT_FOUND on delete as success, so answering it for a missing key is harmless.
      if (!deleteItem(context, resolve(requireObject(body, 'body')))) throw keyNotFound();
      return json(204);
    },
  };
}
