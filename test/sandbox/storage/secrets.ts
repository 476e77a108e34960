/**
 * `kvs.setSecret/getSecret/deleteSecret`. Secrets sit in their own space: `kvs.get` and `kvs.query()` never
 * see them, and a secret and a plain key may share a name without touching each other.
 */
import { secretItem, type StorageContext } from './items';
import { singleItemRoutes, type Handler } from './single-item';

export const secretRoutes = (context: StorageContext): Record<string, Handler> =>
  singleItemRoutes(context, '/api/v1/secret', (body) => secretItem(body.key));
