/**
 * The app's Forge SQL schema on the sandbox's MariaDB: the numbered migrations apply through @forge/sql's own
 * migrationRunner, again and again harmlessly (including after a lost checkpoint, which Forge SQL's lack of
 * transactions makes possible), lazily before the first statement, and repair a database that lost its tables.
 */
import { migrationRunner, sql } from '@forge/sql';
import { MIGRATIONS } from '../../src/store/sql/migrations';
import { applyMigrations, ensureSchema, isDuplicateKey, selectRows, sqlErrnoOf, SQL_ERRNO } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { Sandbox } from '../sandbox/sandbox';

const TABLES = ['signal', 'cluster', 'signal_term', 'cluster_term', 'routing_decision', 'outbox', 'discovery_note', 'engineering_input'];

interface TableRow {
  name: string;
  collation: string;
}

async function tables(): Promise<TableRow[]> {
  const result = await sql.executeDDL<TableRow>(
    'SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME',
  );
  return result.rows;
}

describe('the migrations', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = new Sandbox();
    await sandbox.sql.ready();
  }, 180_000);
  afterAll(() => sandbox.close());

  it('are numbered, unique and in order, one statement each', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
    for (const m of MIGRATIONS) {
      expect(m.name).toMatch(/^\d{3}-[a-z0-9-]+$/);
      // One statement: no semicolon outside the text (Forge SQL refuses multi-statement requests).
      expect(m.statement.includes(';')).toBe(false);
    }
  });

  it('apply every table once, in utf8mb4_bin, and a second run applies nothing', async () => {
    await sandbox.asApp(async () => {
      const first = await applyMigrations();
      expect(first).toEqual(MIGRATIONS.map((m) => m.name));
      const made = await tables();
      for (const table of TABLES) expect(made).toContainEqual({ name: table, collation: 'utf8mb4_bin' });
      expect(await applyMigrations()).toEqual([]);
      const applied = await migrationRunner.list();
      expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    });
  });

  it('run again harmlessly when a migration ran but its checkpoint was lost', async () => {
    await sandbox.asApp(async () => {
      await applyMigrations();
      // What a crash between the runner's DDL and its `__migrations` insert leaves behind.
      await sql.prepare('DELETE FROM __migrations WHERE name = ?').bindParams(MIGRATIONS[0]!.name).execute();
      expect(await applyMigrations()).toEqual([MIGRATIONS[0]!.name]);
      expect((await tables()).map((t) => t.name)).toEqual(expect.arrayContaining(TABLES));
    });
  });
});

describe('on first use', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = new Sandbox();
    await sandbox.sql.ready();
  }, 180_000);
  afterAll(() => sandbox.close());

  it('a repository statement on a database with no tables finds them made, and one that lost a table gets it back', async () => {
    await sandbox.asApp(async () => {
      // This process may have applied migrations for an earlier sandbox: the no-such-table repair covers it.
      const rows = await selectRows(db.selectFrom('signal').select('id').limit(1).compile());
      expect(rows).toEqual([]);
      await ensureSchema();
      await sql.executeDDL('DROP TABLE `cluster`');
      await sql.prepare('DELETE FROM __migrations WHERE name = ?').bindParams('002-create-cluster').execute();
      expect(await selectRows(db.selectFrom('cluster').select('id').compile())).toEqual([]);
    });
  });

  it('names MySQL errors by number: a duplicate key and a missing table', async () => {
    await sandbox.asApp(async () => {
      await ensureSchema();
      const insert = () =>
        sql
          .prepare('INSERT INTO `outbox` (id, kind, payload, state, created_at, updated_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .bindParams('same', 'k', '{}', 'pending', 1, 1, 1)
          .execute();
      await insert();
      const duplicate = await insert().catch((e: unknown) => e);
      expect(isDuplicateKey(duplicate)).toBe(true);
      const missing = await sql.prepare('SELECT 1 FROM `no_such_table`').execute().catch((e: unknown) => e);
      expect(sqlErrnoOf(missing)).toBe(SQL_ERRNO.noSuchTable);
      expect(isDuplicateKey(missing)).toBe(false);
    });
  });
});
