/**
 * The SQLite tables behind every stored thing. A record lives in a *space*: `kv` for plain keys, `secret` for
 * secrets and `entity:<name>` for one custom entity, so a secret can never be read as a plain key and two
 * entities can share a key. Entity index entries hang off their record and disappear with it.
 */
import Database from 'better-sqlite3';

export type Space = 'kv' | 'secret' | `entity:${string}`;

export const entitySpace = (entityName: string): Space => `entity:${entityName}`;

export interface StoredRecord {
  key: string;
  /** The value as the JSON text it was stored as. */
  valueJson: string;
  /** Milliseconds since the epoch, from the storage clock. */
  createdAt: number;
  updatedAt: number;
  expireAt: number | null;
}

export interface RecordRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

export const recordFromRow = (row: RecordRow): StoredRecord => ({
  key: row.key,
  valueJson: row.value,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  expireAt: row.expire_at,
});

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS record (
    space TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expire_at INTEGER,
    PRIMARY KEY (space, key)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS record_expiry ON record (expire_at) WHERE expire_at IS NOT NULL;
  CREATE TABLE IF NOT EXISTS entity_index_entry (
    space TEXT NOT NULL,
    index_name TEXT NOT NULL,
    partition_key TEXT NOT NULL,
    range_value,
    key TEXT NOT NULL,
    PRIMARY KEY (space, index_name, partition_key, range_value, key),
    FOREIGN KEY (space, key) REFERENCES record (space, key) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS entity_index_entry_owner ON entity_index_entry (space, key);
`;

export interface KeyRange {
  prefix?: string;
  /** Exclusive bound in the direction of travel (a cursor). */
  after?: string;
  descending?: boolean;
  limit: number;
}

export class RecordStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    file: string,
    readonly now: () => number,
  ) {
    this.db = new Database(file);
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
  }

  /** Prepared once per distinct SQL text: the sandbox runs the same few statements thousands of times. */
  statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /** Expired records read as missing everywhere; deleting them up front keeps every query honest. */
  purgeExpired(): void {
    this.statement('DELETE FROM record WHERE expire_at IS NOT NULL AND expire_at <= ?').run(this.now());
  }

  get(space: Space, key: string): StoredRecord | undefined {
    const row = this
      .statement('SELECT key, value, created_at, updated_at, expire_at FROM record WHERE space = ? AND key = ?')
      .get(space, key) as RecordRow | undefined;
    return row && recordFromRow(row);
  }

  /** Writes a value, keeping the creation time of a record that already exists. */
  put(space: Space, key: string, valueJson: string, ttlMs: number | undefined): StoredRecord {
    const now = this.now();
    const expireAt = ttlMs === undefined ? null : now + ttlMs;
    this
      .statement(
        `INSERT INTO record (space, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (space, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
           expire_at = excluded.expire_at`,
      )
      .run(space, key, valueJson, now, now, expireAt);
    const written = this.get(space, key);
    if (!written) throw new Error(`record ${space}/${key} vanished while being written`);
    return written;
  }

  remove(space: Space, key: string): boolean {
    return this.statement('DELETE FROM record WHERE space = ? AND key = ?').run(space, key).changes > 0;
  }

  /** Records of one space in key order (binary, i.e. by code point). */
  listByKey(space: Space, range: KeyRange): StoredRecord[] {
    const clauses = ['space = ?'];
    const params: (string | number)[] = [space];
    if (range.prefix !== undefined && range.prefix !== '') {
      clauses.push('substr(key, 1, length(?)) = ?');
      params.push(range.prefix, range.prefix);
    }
    if (range.after !== undefined) {
      clauses.push(range.descending ? 'key < ?' : 'key > ?');
      params.push(range.after);
    }
    const rows = this
      .statement(
        `SELECT key, value, created_at, updated_at, expire_at FROM record WHERE ${clauses.join(' AND ')}
         ORDER BY key ${range.descending ? 'DESC' : 'ASC'} LIMIT ?`,
      )
      .all(...params, range.limit) as RecordRow[];
    return rows.map(recordFromRow);
  }

  /** Runs `work` atomically: everything it wrote is rolled back if it throws. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  countBySpace(): Map<string, number> {
    const rows = this.statement('SELECT space, COUNT(*) AS n FROM record GROUP BY space').all() as {
      space: string;
      n: number;
    }[];
    return new Map(rows.map((row) => [row.space, row.n]));
  }

  clear(): void {
    this.db.exec('DELETE FROM entity_index_entry; DELETE FROM record;');
  }

  /** Empties the entity indexes, before they are rebuilt from the records. */
  clearIndexes(): void {
    this.db.exec('DELETE FROM entity_index_entry');
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
