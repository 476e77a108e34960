/**
 * Forge SQL's wire protocol, answered by a real MariaDB. `@forge/sql` 4.0.8 sends every statement through
 * `__fetchProduct({ provider: 'app', remote: 'sql', type: 'sql' })` as POST `/api/v1/execute` (sql.prepare,
 * executeRaw) or `/api/v1/execute/ddl` (executeDDL, migrationRunner) with JSON `{ query, params, method }`, and
 * reads back `{ rows, metadata }`; a non-2xx answer with a JSON `{ code, message, suggestion?, … }` body becomes a
 * `ForgeSQLAPIError` carrying that code (other fields land in `error.context`).
 *
 * What Forge SQL does, done here:
 * - each installation has its own schema: here each handler (each Sandbox) has its own database, so tests run
 *   in parallel on one server without seeing each other;
 * - the execute endpoint is for DML ("limited to SELECT, INSERT, UPDATE and DELETE"; Forge SQL REST API), the
 *   DDL endpoint takes every statement (migrationRunner itself lists `__migrations` through it). Each endpoint
 *   connects as its own MariaDB user: the DML user holds only SELECT/INSERT/UPDATE/DELETE on the database, so a
 *   CREATE TABLE sent to execute is refused by the database itself (1142, "command denied"), as it is by Forge;
 * - the query policy (statement.ts) refuses before execution with SQL_POLICY_VIOLATION;
 * - per-statement timeouts (SELECT 5 s, INSERT/UPDATE/DELETE 10 s, DDL 20 s): MariaDB's own
 *   `SET STATEMENT max_statement_time=… FOR` where it applies, and for everything a client-side deadline that
 *   answers QUERY_TIMED_OUT and KILLs the query;
 * - 1 MiB request and 4 MiB response limits;
 * - results encoded as Forge SQL documents them ("Forge SQL data types"): BIGINT and DECIMAL as strings, dates
 *   and times as strings, JSON as a string, BIT as a number, booleans as 0/1.
 *
 * Status codes and the codes for the two size limits are not published; they are the sandbox's choice and are
 * named so below. Every answer is one of the codes `@forge/sql` exports (`errorCodes`) or SQL_POLICY_VIOLATION.
 */
import { randomBytes } from 'node:crypto';
import type net from 'node:net';
import mysql from 'mysql2/promise';
import { parse as parseYaml } from 'yaml';
import type { RequestHandler, SandboxRequest, SandboxResponse } from '../http';
import { mariaDbServer, type MariaDbServerInfo } from './mariadb-server';
import { checkPolicy, readStatements, type StatementKind } from './statement';

export interface SqlLimits {
  selectTimeoutMs: number;
  dmlTimeoutMs: number;
  ddlTimeoutMs: number;
  requestBytes: number;
  responseBytes: number;
}

/** Forge SQL's per-query limits ("Forge SQL limits": query and response limits). */
export const FORGE_SQL_LIMITS: Readonly<SqlLimits> = {
  selectTimeoutMs: 5_000,
  dmlTimeoutMs: 10_000,
  ddlTimeoutMs: 20_000,
  requestBytes: 1024 * 1024,
  responseBytes: 4 * 1024 * 1024,
};

export interface SqlOptions {
  /** A server kept across runs in this data directory (`npm start`); one throwaway server per process when absent. */
  dataDir?: string;
  /** The installation's database; a fresh, unique one when absent (tests). */
  database?: string;
  /** Drop the database before first use (`npm start` reseeding a new day). */
  fresh?: boolean;
  /** Called once the `fresh` database has been dropped and made again. */
  onFresh?: () => void;
  /** Forge SQL's limits, for tests that need a short timeout. */
  limits?: Partial<SqlLimits>;
  /**
   * Whether the app declares a `sql` module; Forge answers APP_NOT_ENABLED to an app that does not. The Sandbox
   * reads it from manifest.yml.
   */
  enabled?: boolean;
  log?: (line: string) => void;
}

/** The codes `@forge/sql` 4.0.8 exports, and the policy code its docs add. */
export const SQL_ERROR_CODES = {
  UNKNOWN_ERROR: 'UNKNOWN_ERROR',
  SQL_EXECUTION_ERROR: 'SQL_EXECUTION_ERROR',
  INVALID_SQL_QUERY: 'INVALID_SQL_QUERY',
  QUERY_TIMED_OUT: 'QUERY_TIMED_OUT',
  APP_NOT_ENABLED: 'APP_NOT_ENABLED',
  SQL_POLICY_VIOLATION: 'SQL_POLICY_VIOLATION',
} as const;
type SqlErrorCode = (typeof SQL_ERROR_CODES)[keyof typeof SQL_ERROR_CODES];

const ENDPOINTS = { '/api/v1/execute': 'dml', '/api/v1/execute/ddl': 'ddl' } as const;
type Endpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];

/** Every sandbox database is named with this prefix, so a reference to one that is not ours is recognisable. */
export const DATABASE_PREFIX = 'forge_';

/** Whether a manifest declares Forge SQL (`modules: sql: [{ key, engine: mysql }]`). */
export function declaresSqlModule(manifestYamlText: string): boolean {
  const manifest = parseYaml(manifestYamlText) as { modules?: { sql?: unknown } } | null;
  const sql = manifest?.modules?.sql;
  return Array.isArray(sql) && sql.length > 0;
}

const sqlError = (status: number, code: SqlErrorCode, message: string, extra: Record<string, unknown> = {}): SandboxResponse => ({
  status,
  body: { code, message, ...extra },
});

interface Connections {
  server: MariaDbServerInfo;
  admin: mysql.Connection;
  dml: mysql.Pool;
  ddl: mysql.Pool;
}

/** mysql2's error fields (a database error has errno, sqlState and sqlMessage; a broken connection only code). */
interface DatabaseError {
  code?: string;
  errno?: number;
  sqlState?: string;
  sqlMessage?: string;
  message?: string;
  /** Set by mysql2 when the connection cannot be used any more. */
  fatal?: boolean;
}

/** mysql2's codes for a connection that failed or a server that is gone. */
const CONNECTION_FAILURES = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'POOL_CLOSED']);
const ER_QUERY_INTERRUPTED = 1317;
const ER_STATEMENT_TIMEOUT = 1969;
/** mysql2's column type for BIT, which Forge SQL returns as a number. */
const MYSQL_TYPE_BIT = 16;

let databaseCounter = 0;

/**
 * A connection's socket. Idle connections are unref'd so that a test file or script that forgets `close()` does
 * not keep the process alive; a connection running a statement is ref'd so an awaited answer is not cut short.
 */
const streamOf = (connection: mysql.Connection | mysql.PoolConnection): net.Socket | undefined =>
  (connection as unknown as { connection?: { stream?: net.Socket } }).connection?.stream;

export class SqlHandler implements RequestHandler {
  readonly limits: SqlLimits;
  readonly database: string;
  readonly enabled: boolean;
  /** Milliseconds this handler waited for the server (about 0 when the process already had one) and to create its database. */
  readonly timings = { serverMs: 0, databaseMs: 0 };
  private readonly options: SqlOptions;
  private connecting: Promise<Connections> | null = null;
  private closed = false;
  private droppedFresh = false;

  constructor(options: SqlOptions = {}) {
    this.options = options;
    this.limits = { ...FORGE_SQL_LIMITS, ...options.limits };
    this.enabled = options.enabled ?? true;
    databaseCounter += 1;
    this.database = options.database ?? `${DATABASE_PREFIX}t${process.pid}_${databaseCounter}_${randomBytes(3).toString('hex')}`;
    if (!/^[A-Za-z0-9_]{1,40}$/.test(this.database)) throw new Error(`A sandbox database name is 1–40 letters, digits or _; got "${this.database}".`);
  }

  /** Starts the server if this process has none yet and creates this handler's database; SQL requests do it lazily. */
  async ready(): Promise<void> {
    await this.connections();
  }

  /** Where to point `mariadb --socket=…` to look at this database by hand. */
  async connectionInfo(): Promise<{ socketPath: string; database: string; user: string; dataDir: string }> {
    const { server } = await this.connections();
    return { socketPath: server.socketPath, database: this.database, user: 'root', dataDir: server.dataDir };
  }

  /** Ends this handler's connections (the server stays for the process's other sandboxes). */
  async close(): Promise<void> {
    this.closed = true;
    await this.forgetConnections();
  }

  private async forgetConnections(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = null;
    const connections = await connecting?.catch(() => null);
    if (connections) await Promise.allSettled([connections.dml.end(), connections.ddl.end(), connections.admin.end()]);
  }

  private connections(): Promise<Connections> {
    if (this.closed) return Promise.reject(new Error('This sandbox has been closed.'));
    this.connecting ??= this.connect();
    const connecting = this.connecting;
    // A failed start (MariaDB missing) is retried on the next request rather than remembered.
    connecting.catch(() => {
      if (this.connecting === connecting) this.connecting = null;
    });
    return connecting;
  }

  private async connect(): Promise<Connections> {
    const serverStart = performance.now();
    const server = await mariaDbServer({ dataDir: this.options.dataDir, log: this.options.log });
    this.timings.serverMs = performance.now() - serverStart;
    const databaseStart = performance.now();
    const admin = await mysql.createConnection({ socketPath: server.socketPath, user: 'root', charset: 'UTF8MB4_BIN' });
    const db = this.database;
    const password = `sandbox-${db}`;
    const users = { dml: `${db}_dml`, ddl: `${db}_ddl` };
    try {
      // MariaDB takes foreign_key_checks only at run time: new sessions inherit the global.
      await admin.query('SET GLOBAL foreign_key_checks = 0');
      if (this.options.fresh && !this.droppedFresh) await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
      await admin.query(`CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
      if (this.options.fresh && !this.droppedFresh) {
        // Only once: reconnecting after a lost server must not drop what this run has written since.
        this.droppedFresh = true;
        this.options.onFresh?.();
      }
      for (const user of Object.values(users)) {
        await admin.query(`CREATE USER IF NOT EXISTS '${user}'@'localhost' IDENTIFIED BY '${password}'`);
      }
      await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db}\`.* TO '${users.dml}'@'localhost'`);
      // What a TiDB schema owner can do; stored routines, triggers and events do not exist in TiDB.
      await admin.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, CREATE VIEW, SHOW VIEW, REFERENCES ON \`${db}\`.* TO '${users.ddl}'@'localhost'`,
      );
    } catch (error: unknown) {
      await admin.end().catch(() => {});
      throw error;
    }
    streamOf(admin)?.unref();
    const pool = (user: string) =>
      mysql.createPool({
        socketPath: server.socketPath,
        user,
        password,
        database: db,
        charset: 'UTF8MB4_BIN',
        connectionLimit: 10,
        // One statement per request is enforced here too, not only by the policy check.
        multipleStatements: false,
        // mysql2 keeps each connection's prepared statements (16,000 by default); the server's own ceiling is
        // for all connections together, so a long `npm start` with many distinct statements must not reach it.
        maxPreparedStatements: 500,
        supportBigNumbers: true,
        bigNumberStrings: true,
        dateStrings: true,
        jsonStrings: true,
      });
    this.timings.databaseMs = performance.now() - databaseStart;
    return { server, admin, dml: pool(users.dml), ddl: pool(users.ddl) };
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    const path = req.path.split('?')[0] ?? req.path;
    const endpoint: Endpoint | undefined = ENDPOINTS[path as keyof typeof ENDPOINTS];
    if (!endpoint) return sqlError(501, 'UNKNOWN_ERROR', `The sandbox's Forge SQL does not model ${req.method} ${path}`);
    if (req.method !== 'POST') return sqlError(405, 'UNKNOWN_ERROR', `${path} takes POST, not ${req.method}`);
    if (!this.enabled) {
      return sqlError(403, 'APP_NOT_ENABLED', 'Forge SQL is not enabled on this app: declare it in manifest.yml (modules: sql: [{ key: main, engine: mysql }]).');
    }
    const body = req.body ?? '';
    // Sandbox's choice: 413 with INVALID_SQL_QUERY (Forge publishes the 1 MiB limit, not its error).
    if (Buffer.byteLength(body, 'utf8') > this.limits.requestBytes) {
      return sqlError(413, 'INVALID_SQL_QUERY', `The request is larger than Forge SQL's ${this.limits.requestBytes} byte limit.`, {
        suggestion: 'Send less data per statement (split the insert).',
      });
    }
    let parsed: { query?: unknown; params?: unknown; method?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return sqlError(400, 'INVALID_SQL_QUERY', 'The request body is not JSON.');
    }
    const { query, params = [], method = 'all' } = parsed ?? {};
    if (typeof query !== 'string') return sqlError(400, 'INVALID_SQL_QUERY', 'The request has no query string.');
    if (!Array.isArray(params)) return sqlError(400, 'INVALID_SQL_QUERY', 'params must be an array.');
    if (method !== 'all') return sqlError(501, 'UNKNOWN_ERROR', `The sandbox's Forge SQL models method "all" only, not ${JSON.stringify(method)}.`);

    const reading = readStatements(query);
    if (reading.statements === 0) {
      // "Queries that are empty or cannot be parsed" answer SQL_EXECUTION_ERROR shaped like the parse error.
      return sqlError(400, 'SQL_EXECUTION_ERROR', 'Query was empty', {
        debug: { code: 'ER_EMPTY_QUERY', errno: 1065, sqlState: '42000', sqlMessage: 'Query was empty' },
      });
    }
    const verdict = checkPolicy(reading, (name) => name.startsWith(DATABASE_PREFIX) && name !== this.database);
    if (verdict.violation) {
      return sqlError(400, 'SQL_POLICY_VIOLATION', verdict.violation, {
        suggestion: 'Change the query to comply with the Forge SQL query policy (one statement, no transactions).',
      });
    }

    if (verdict.touchesSchema) {
      // Forge gives an installation one schema and no say over schemas: the DDL user may drop tables, not the
      // database (MariaDB's DROP privilege on db.* would allow that, so it is refused here, as TiDB's grants do).
      const sqlMessage = `Access denied for user to database '${this.database}'`;
      return sqlError(400, 'SQL_EXECUTION_ERROR', sqlMessage, { debug: { code: 'ER_DBACCESS_DENIED_ERROR', errno: 1044, sqlState: '42000', sqlMessage } });
    }

    let connections: Connections;
    try {
      connections = await this.connections();
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      return sqlError(500, 'UNKNOWN_ERROR', `The sandbox's MariaDB is not available: ${message}`);
    }
    const timeoutMs = verdict.kind === 'select' ? this.limits.selectTimeoutMs : verdict.kind === 'dml' ? this.limits.dmlTimeoutMs : this.limits.ddlTimeoutMs;
    const text = verdict.serverTimeout ? `SET STATEMENT max_statement_time=${(timeoutMs / 1000).toFixed(3)} FOR ${reading.text}` : reading.text;
    return this.execute(connections, endpoint, text, params, verdict.kind, timeoutMs);
  }

  private async execute(
    connections: Connections,
    endpoint: Endpoint,
    text: string,
    params: unknown[],
    kind: StatementKind,
    timeoutMs: number,
  ): Promise<SandboxResponse> {
    const pool = endpoint === 'ddl' ? connections.ddl : connections.dml;
    let connection: mysql.PoolConnection;
    try {
      connection = await pool.getConnection();
    } catch (error: unknown) {
      return this.databaseFailure(error as DatabaseError);
    }
    const stream = streamOf(connection);
    // Held while a statement runs, so a script awaiting its answer is not left with an empty event loop.
    stream?.ref();
    const release = () => {
      stream?.unref();
      connection.release();
    };
    const started = performance.now();
    // A statement with parameters is a server-side prepared statement, as Forge SQL binds them.
    const work: Promise<[unknown, mysql.FieldPacket[] | undefined]> =
      params.length > 0
        ? connection.execute(text, params as never[]).then(([rows, fields]) => [rows, fields])
        : connection.query(text).then(([rows, fields]) => [rows, fields]);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    let outcome: [unknown, mysql.FieldPacket[] | undefined] | 'timeout';
    try {
      outcome = await Promise.race([work, deadline]);
    } catch (error: unknown) {
      clearTimeout(timer);
      release();
      const dbError = error as DatabaseError;
      if (dbError.errno === ER_STATEMENT_TIMEOUT || dbError.errno === ER_QUERY_INTERRUPTED) return this.timedOut(kind, timeoutMs);
      return this.databaseFailure(dbError);
    }
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // The answer is due now; the statement is stopped, and the connection goes back only when it has.
      void work.catch(() => undefined).finally(release);
      const adminStream = streamOf(connections.admin);
      adminStream?.ref();
      await connections.admin.query(`KILL QUERY ${connection.threadId}`).catch(() => undefined);
      adminStream?.unref();
      return this.timedOut(kind, timeoutMs);
    }
    release();
    const dbExecutionTime = Math.round(performance.now() - started);
    const [rows, fields] = outcome;
    return this.answer(rows, fields, dbExecutionTime);
  }

  private answer(result: unknown, fields: mysql.FieldPacket[] | undefined, dbExecutionTime: number): SandboxResponse {
    let rows: unknown;
    let metadata: Record<string, unknown>;
    if (Array.isArray(result)) {
      const columns = new Map((fields ?? []).map((f) => [f.name, f]));
      rows = result.map((row: Record<string, unknown>) => {
        const out: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(row)) out[name] = jsonValue(value, columns.get(name));
        return out;
      });
      metadata = {
        dbExecutionTime,
        fields: (fields ?? []).map((f) => ({
          catalog: f.catalog,
          name: f.name,
          schema: f.schema,
          characterSet: f.characterSet,
          decimals: f.decimals,
          table: f.table,
          orgTable: f.orgTable,
          orgName: f.orgName,
          flags: f.flags,
          columnType: f.columnType,
          columnLength: f.columnLength,
        })),
      };
    } else {
      // DML and DDL: mysql2's ResultSetHeader, with the fields of @forge/sql's UpdateQueryResponse.
      const header = result as mysql.ResultSetHeader;
      rows = {
        affectedRows: header.affectedRows,
        fieldCount: header.fieldCount,
        info: header.info,
        insertId: header.insertId,
        serverStatus: header.serverStatus,
        warningStatus: header.warningStatus,
      };
      metadata = { dbExecutionTime };
    }
    const rowsText = JSON.stringify(rows);
    const text = JSON.stringify({ rows, metadata: { ...metadata, responseSize: Buffer.byteLength(rowsText, 'utf8') } });
    if (Buffer.byteLength(text, 'utf8') > this.limits.responseBytes) {
      // Sandbox's choice of code: Forge publishes the 4 MiB limit, not the error it answers.
      return sqlError(400, 'SQL_EXECUTION_ERROR', `The response is larger than Forge SQL's ${this.limits.responseBytes} byte limit.`, {
        suggestion: 'Select fewer rows or columns (LIMIT, narrower SELECT) and page through the rest.',
        debug: { limit: 'responseSize', bytes: Buffer.byteLength(text, 'utf8'), maxBytes: this.limits.responseBytes },
      });
    }
    return { status: 200, headers: { 'content-type': 'application/json' }, body: text };
  }

  private timedOut(kind: StatementKind, timeoutMs: number): SandboxResponse {
    const what = kind === 'select' ? 'SELECT' : kind === 'dml' ? 'INSERT, UPDATE and DELETE' : 'DDL';
    // Sandbox's choice of status: 504, the proxy giving up on the statement.
    return sqlError(504, 'QUERY_TIMED_OUT', `The query took longer than ${timeoutMs} ms, Forge SQL's timeout for ${what} statements.`, {
      suggestion: 'Make the query cheaper (an index, a narrower WHERE, a LIMIT).',
    });
  }

  private databaseFailure(error: DatabaseError): SandboxResponse {
    // A server error carries a SQLSTATE; a socket error (errno -2, ENOENT …) and a driver refusal do not.
    const fromServer = typeof error.sqlState === 'string';
    if (!fromServer && (error.fatal || CONNECTION_FAILURES.has(error.code ?? ''))) {
      // The server went away (stopped by hand, or an earlier `npm start` shut down the one we shared): the next
      // request connects afresh, starting a server if none is left.
      void this.forgetConnections();
      return sqlError(503, 'UNKNOWN_ERROR', `The sandbox's MariaDB connection failed: ${error.code ?? ''} ${error.message ?? ''}`.trim());
    }
    if (!fromServer) {
      // Refused by the driver before the server saw it (a parameter it cannot bind).
      return sqlError(400, 'SQL_EXECUTION_ERROR', error.message ?? 'The statement could not be sent.', { debug: { code: error.code } });
    }
    return sqlError(400, 'SQL_EXECUTION_ERROR', error.sqlMessage ?? error.message ?? 'The statement failed.', {
      debug: { code: error.code, errno: error.errno, sqlState: error.sqlState, sqlMessage: error.sqlMessage },
    });
  }
}

/** One value as Forge SQL's JSON carries it: binary as text, BIT as a number, times with their declared fraction. */
function jsonValue(value: unknown, field: mysql.FieldPacket | undefined): unknown {
  if (Buffer.isBuffer(value)) {
    if (field?.columnType === MYSQL_TYPE_BIT) return value.reduce((n, byte) => n * 256 + byte, 0);
    return value.toString('utf8');
  }
  if (typeof value === 'string' && field && TIME_TYPES.has(field.columnType ?? -1)) return withFraction(value, field.decimals ?? 0);
  return value;
}

/** TIMESTAMP, DATETIME and TIME (mysql2 column types 7, 12, 11). */
const TIME_TYPES = new Set([7, 11, 12]);

/**
 * The text protocol prints DATETIME(3) as `…:00.000`; the binary protocol (statements with parameters) leaves
 * out a zero fraction. One shape for both, as MySQL prints it, so a value reads the same however it was queried.
 */
function withFraction(value: string, decimals: number): string {
  if (decimals <= 0 || decimals > 6) return value;
  const dot = value.lastIndexOf('.');
  const [whole, fraction] = dot < 0 || value.indexOf(':') > dot ? [value, ''] : [value.slice(0, dot), value.slice(dot + 1)];
  return `${whole}.${fraction.padEnd(decimals, '0').slice(0, decimals)}`;
}
