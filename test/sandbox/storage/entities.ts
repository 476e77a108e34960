/**
 * Custom entities: `kvs.entity(name).get/set/delete/query()`. Values are checked against the manifest's
 * declaration and placed into its indexes as they are written (see items.ts and entity-index.ts).
 */
import { queryEntities } from './entity-query';
import { entityItem, type StorageContext } from './items';
import { singleItemRoutes, type Handler } from './single-item';

export const entityRoutes = (context: StorageContext): Record<string, Handler> => ({
  ...singleItemRoutes(context, '/api/v1/entity', (body) => entityItem(context, body.entityName, body.key)),
  '/api/v1/entity/query': (body) => queryEntities(context, body),
});
