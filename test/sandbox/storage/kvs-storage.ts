/**
 * The storage half of the sandbox: answers what `@forge/kvs` 1.6.5 sends through `global.__forge_fetch__`
 * (`POST /api/v1/…` with a JSON body) from SQLite, on disk for `npm start` and `:memory:` for tests.
 *
 * Every request runs in one SQLite transaction, so a request that fails writes nothing, and expired items are
 * purged before it runs, so they read as missing everywhere.
 */
import { json, type RequestHandler, type SandboxRequest, type SandboxResponse } from '../http';
import { batchDelete, batchGet, batchSet } from './batch';
import { entityRoutes } from './entities';
import { EntityIndexTable } from './entity-index';
import { EntitySchema, type EntityDeclaration } from './entity-schema';
import { Chosen, KvsError } from './errors';
import type { StorageContext } from './items';
import { keyValueRoutes } from './key-value';
import { RecordStore } from './record-store';
import { secretRoutes } from './secrets';
import type { Handler } from './single-item';
import { executeTransaction } from './transactions';
import { parseBody } from './validation';

export type { EntityDeclaration, EntityIndexDeclaration, AttributeType } from './entity-schema';

export interface KvsStorageOptions {
  /** A path on disk, or `:memory:`. */
  file: string;
  /** The manifest's custom entities; see `KvsStorage.entitiesFromManifest`. */
  entities: EntityDeclaration[];
  /** Milliseconds since the epoch; inject one to test TTL expiry without sleeping. */
  now?: () => number;
}

export interface KvsStorageStats {
  totalRequests: number;
  /** How many requests each path received, e.g. `{ '/api/v1/get': 3 }`. */
  requestsByPath: Record<string, number>;
  items: { keyValue: number; secrets: number; entities: Record<string, number> };
}

export class KvsStorage implements RequestHandler {
  private readonly store: RecordStore;
  private readonly routes: Record<string, Handler>;
  private readonly requestCounts = new Map<string, number>();

  constructor(options: KvsStorageOptions) {
    const schema = new EntitySchema(options.entities);
    this.store = new RecordStore(options.file, options.now ?? Date.now);
    const indexes = new EntityIndexTable(this.store, schema);
    indexes.rebuildAll();
    const context: StorageContext = { store: this.store, schema, indexes };
    this.routes = {
      ...keyValueRoutes(context),
      ...secretRoutes(context),
      ...entityRoutes(context),
      '/api/v1/batch/set': (body) => batchSet(context, body),
      '/api/v1/batch/get': (body) => batchGet(context, body),
      '/api/v1/batch/delete': (body) => batchDelete(context, body),
      '/api/v1/transaction': (body) => executeTransaction(context, body),
    };
  }

  /** Reads `app.storage.entities` from manifest.yml text; a bare index name is a range-only index on that attribute. */
  static entitiesFromManifest(manifestYamlText: string): EntityDeclaration[] {
    return EntitySchema.fromManifest(manifestYamlText);
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    const path = req.path.split('?')[0] ?? req.path;
    this.requestCounts.set(path, (this.requestCounts.get(path) ?? 0) + 1);
    const route = this.routes[path];
    if (!route) {
      const message = `The sandbox storage does not model ${req.method} ${path}`;
      return json(501, { code: Chosen.notImplemented, message });
    }
    if (req.method !== 'POST') {
      return json(405, { code: 'METHOD_NOT_ALLOWED', message: `${path} takes POST, not ${req.method}` });
    }
    try {
      return this.store.atomically(() => {
        this.store.purgeExpired();
        return route(parseBody(req.body));
      });
    } catch (error: unknown) {
      if (error instanceof KvsError) return json(error.status, error.toBody());
      const message = error instanceof Error ? error.message : String(error);
      return json(500, { code: 'INTERNAL_SERVER_ERROR', message: `The sandbox storage failed: ${message}` });
    }
  }

  stats(): KvsStorageStats {
    const counts = this.store.countBySpace();
    const entities: Record<string, number> = {};
    for (const [space, count] of counts) {
      if (space.startsWith('entity:')) entities[space.slice('entity:'.length)] = count;
    }
    return {
      totalRequests: [...this.requestCounts.values()].reduce((sum, count) => sum + count, 0),
      requestsByPath: Object.fromEntries(this.requestCounts),
      items: { keyValue: counts.get('kv') ?? 0, secrets: counts.get('secret') ?? 0, entities },
    };
  }

  /** Empties every store and forgets the request counts. */
  reset(): void {
    this.store.clear();
    this.requestCounts.clear();
  }

  close(): void {
    this.store.close();
  }
}
