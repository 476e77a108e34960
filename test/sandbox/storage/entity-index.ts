/**
 * The rows that put entity values into their declared indexes. They are derived data: rebuilt from the
 * records when a store opens (the manifest's indexes may have changed since the file was written) and
 * replaced whenever a value is written.
 */
import type { RecordStore } from './record-store';
import { entitySpace } from './record-store';
import type { EntitySchema, IndexableValue, IndexPlacement } from './entity-schema';
import { isObject } from './validation';

/** SQLite cannot bind booleans; 0/1 keeps false before true. */
export const sqlIndexValue = (value: IndexableValue): string | number =>
  typeof value === 'boolean' ? Number(value) : value;

export class EntityIndexTable {
  constructor(
    private readonly store: RecordStore,
    private readonly schema: EntitySchema,
  ) {}

  replace(entityName: string, key: string, placements: readonly IndexPlacement[]): void {
    const space = entitySpace(entityName);
    this.store.statement('DELETE FROM entity_index_entry WHERE space = ? AND key = ?').run(space, key);
    const insert = this.store.statement(
      'INSERT INTO entity_index_entry (space, index_name, partition_key, range_value, key) VALUES (?, ?, ?, ?, ?)',
    );
    for (const placement of placements) {
      insert.run(space, placement.indexName, placement.partitionKey, sqlIndexValue(placement.rangeValue), key);
    }
  }

  rebuildAll(): void {
    this.store.atomically(() => {
      this.store.clearIndexes();
      for (const name of this.schema.names()) {
        const entity = this.schema.entity(name);
        const rows = this.store
          .statement('SELECT key, value FROM record WHERE space = ?')
          .all(entitySpace(name)) as { key: string; value: string }[];
        for (const row of rows) {
          const value: unknown = JSON.parse(row.value);
          if (isObject(value)) this.replace(name, row.key, this.schema.placements(entity, value));
        }
      }
    });
  }
}
