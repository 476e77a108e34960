/**
 * The one way repositories reach Forge SQL: a statement compiled by Kysely (schema.ts) goes to `@forge/sql` with
 * its bound parameters, through `withStorageRetry`, after the schema is known to be in place.
 *
 * The schema is applied lazily: the first statement a process sends waits for `applyMigrations()` (also run by
 * the scheduled trigger), so the first request after an install or an upgrade — a new deployment is a new
 * process — never meets a missing table. A table that is missing anyway (the installation's database was
 * replaced while this process lived, as each sandbox does) is repaired the same way: migrations run and the
 * statement is sent once more.
 */
import { ForgeSQLAPIError, migrationRunner, sql } from '@forge/sql';
import type { CompiledQuery } from 'kysely';
import type { z } from 'zod';
import { withStorageRetry } from '../storage-retry';
import { inspectStored } from '../stored-record';
import { MIGRATIONS } from './migrations';

/** Rows changed by an INSERT, UPDATE or DELETE (`affectedRows`; for ON DUPLICATE KEY UPDATE 1 = inserted, 2 = updated, 0 = unchanged). */
export interface WriteResult {
  affectedRows: number;
}

/** MySQL's error numbers that repositories give meaning to; Forge SQL carries them in the error's `debug`. */
export const SQL_ERRNO = { duplicateKey: 1062, noSuchTable: 1146 } as const;

/** The MySQL error number behind a Forge SQL error, when it says one. */
export function sqlErrnoOf(error: unknown): number | undefined {
  if (!(error instanceof ForgeSQLAPIError)) return undefined;
  const debug = (error.context as { debug?: { errno?: unknown } } | undefined)?.debug;
  if (typeof debug?.errno === 'number') return debug.errno;
  // TiDB and MariaDB name the number in the message too ("Error 1062 (23000): Duplicate entry …").
  const named = /\b(10\d\d|11\d\d|12\d\d)\b/.exec(error.message);
  if (named) return Number(named[1]);
  if (/Duplicate entry/i.test(error.message)) return SQL_ERRNO.duplicateKey;
  if (/Table .* doesn't exist/i.test(error.message)) return SQL_ERRNO.noSuchTable;
  return undefined;
}

export const isDuplicateKey = (error: unknown): boolean => sqlErrnoOf(error) === SQL_ERRNO.duplicateKey;

/** Applies every migration not yet applied; safe to run at any time, from any number of invocations at once. */
export async function applyMigrations(): Promise<string[]> {
  for (const migration of MIGRATIONS) migrationRunner.enqueue(migration.name, migration.statement);
  return withStorageRetry(() => migrationRunner.run());
}

let schemaReady: Promise<unknown> | null = null;

/** Waits for this process's migration run, starting it on first use; a failed run is tried again next time. */
export function ensureSchema(): Promise<unknown> {
  if (!schemaReady) {
    const run = applyMigrations();
    schemaReady = run;
    run.catch(() => {
      if (schemaReady === run) schemaReady = null;
    });
  }
  return schemaReady;
}

/** Sends one statement, repairing a missing schema once (see above). */
async function send<T>(statement: () => Promise<T>): Promise<T> {
  await ensureSchema();
  try {
    return await withStorageRetry(statement);
  } catch (error: unknown) {
    if (sqlErrnoOf(error) !== SQL_ERRNO.noSuchTable) throw error;
    schemaReady = null;
    await ensureSchema();
    return withStorageRetry(statement);
  }
}

/** Runs a SELECT and answers its rows as the database sent them (see `readRows` for reading them through zod). */
export async function selectRows<Row>(query: CompiledQuery<Row>): Promise<Row[]> {
  const result = await send(() => sql.prepare<Row>(query.sql).bindParams(...query.parameters).execute());
  return result.rows as Row[];
}

/** Runs an INSERT, UPDATE or DELETE. */
export async function executeWrite(query: CompiledQuery<unknown>): Promise<WriteResult> {
  const result = await send(() => sql.prepare<unknown>(query.sql).bindParams(...query.parameters).execute());
  const rows = result.rows as unknown as { affectedRows?: unknown };
  return { affectedRows: typeof rows?.affectedRows === 'number' ? rows.affectedRows : 0 };
}

/**
 * Reads rows through their schema: a row that does not parse is reported by id (`stored <kind> <id> does not
 * match its schema: …`) and left out, so one bad row never fails a page; `unreadable` lists them for callers
 * that must say so.
 */
export function readRows<T>(kind: string, schema: z.ZodType<T>, rows: readonly unknown[], idOf: (row: unknown) => string): { rows: T[]; unreadable: string[] } {
  const read: T[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    const id = idOf(row);
    const parsed = inspectStored(kind, id, schema, row);
    if (parsed.state === 'stored') read.push(parsed.value);
    else if (parsed.state === 'unreadable') unreadable.push(id);
  }
  return { rows: read, unreadable };
}

/** The `id` column of a row as the database sent it, for reporting; `(no id)` when it has none. */
export const rowId = (row: unknown): string => {
  const id = (row as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '(no id)';
};
