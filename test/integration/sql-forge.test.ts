/**
 * Forge SQL in the sandbox, through the real `@forge/sql` 4.0.8 (sql.prepare, executeRaw, executeDDL,
 * migrationRunner) and the sandbox's runtime, on MariaDB: what goes in comes back byte for byte, and what Forge
 * SQL refuses (a second statement, a transaction, DDL through the DML endpoint, an oversized request or
 * response, a query past its timeout) is refused with the error `@forge/sql` throws for it.
 *
 * These tests declare the sql module themselves (`enabled: true`): they test the sandbox, not manifest.yml.
 */
import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import { ForgeSQLAPIError, errorCodes, migrationRunner, sql } from '@forge/sql';
import { Sandbox } from '../sandbox/sandbox';

const SERVER_START_TIMEOUT_MS = 180_000;

/** The error a call throws, which must be @forge/sql's own API error. */
async function refusal(call: Promise<unknown>): Promise<ForgeSQLAPIError> {
  try {
    await call;
  } catch (error: unknown) {
    if (error instanceof ForgeSQLAPIError) return error;
    throw error;
  }
  throw new Error('Expected Forge SQL to refuse the statement, but it succeeded.');
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = new Sandbox({ sql: { enabled: true } });
  await sandbox.sql.ready();
  await sandbox.asApp(() =>
    sql.executeDDL('CREATE TABLE note (id BIGINT PRIMARY KEY AUTO_INCREMENT, label VARCHAR(64) NOT NULL, body MEDIUMTEXT NOT NULL)'),
  );
}, SERVER_START_TIMEOUT_MS);

afterAll(() => sandbox.close());

beforeEach(() => {
  sandbox.activate();
  sandbox.sqlLink.clearFaults();
});

describe('text goes in and comes back byte for byte', () => {
  const awkward: Array<[string, string]> = [
    ['quotes', `It's "quoted" — and 'again' and \`ticks\``],
    ['backslashes', 'C:\\path\\to\\file \\n is not a newline, \\\\ two, \\\' escaped quote, trailing \\'],
    ['emoji', 'Ship it 🚀 👩🏽‍💻 family 👨‍👩‍👧‍👦 flags 🇬🇧🇯🇵'],
    ['sql fragments', "'); DROP TABLE note; -- and /* comment */ ; SELECT * FROM note WHERE '1'='1"],
    ['placeholders', 'a ? b ?? c :name $1 %s'],
    ['control characters', 'tab\there\r\nwindows line\nnul\u0000inside\u0007bell'],
    ['scripts', 'Zürich Ελληνικά עברית العربية 日本語 한국어 ≠ ∑ 𝔘𝔭𝔰𝔱𝔯𝔢𝔞𝔪'],
  ];

  it.each(awkward)('%s', async (label, text) => {
    const inserted = await sql.prepare('INSERT INTO note (label, body) VALUES (?, ?)').bindParams(label, text).execute();
    const header = inserted.rows as unknown as { affectedRows: number; insertId: number };
    expect(header.affectedRows).toBe(1);
    const read = await sql
      .prepare<{ body: string; bytes: string; hash: string }>('SELECT body, LENGTH(body) AS bytes, SHA2(body, 256) AS hash FROM note WHERE id = ?')
      .bindParams(header.insertId)
      .execute();
    expect(read.rows).toHaveLength(1);
    expect(read.rows[0].body).toBe(text);
    // The database holds exactly the UTF-8 bytes the app sent, not merely something that decodes back the same.
    expect(Number(read.rows[0].bytes)).toBe(Buffer.byteLength(text, 'utf8'));
    expect(read.rows[0].hash).toBe(sha256(text));
  });

  it('100 KB of text', async () => {
    const chunk = "Row ‘α’ — 🚀 \\ ' \" ; -- /* */ \n";
    const text = chunk.repeat(Math.ceil(102_400 / chunk.length)).slice(0, 102_400);
    await sql.prepare('INSERT INTO note (label, body) VALUES (?, ?)').bindParams('large', text).execute();
    const read = await sql
      .prepare<{ body: string; hash: string }>("SELECT body, SHA2(body, 256) AS hash FROM note WHERE label = 'large'")
      .execute();
    expect(read.rows[0].body.length).toBe(102_400);
    expect(read.rows[0].body).toBe(text);
    expect(read.rows[0].hash).toBe(sha256(text));
  });

  it('finds a row by an awkward value bound as a parameter, and a look-alike literal finds nothing', async () => {
    const injected = "x' OR '1'='1";
    await sql.prepare('INSERT INTO note (label, body) VALUES (?, ?)').bindParams('inject', injected).execute();
    const exact = await sql.prepare<{ label: string }>('SELECT label FROM note WHERE body = ?').bindParams(injected).execute();
    expect(exact.rows.map((r) => r.label)).toEqual(['inject']);
    const none = await sql.prepare<{ label: string }>('SELECT label FROM note WHERE body = ?').bindParams("X' or '1'='1").execute();
    // utf8mb4_bin, TiDB's default collation: comparisons are case-sensitive.
    expect(none.rows).toEqual([]);
  });
});

describe('results are encoded as Forge SQL documents', () => {
  it('BIGINT and DECIMAL as strings, dates as strings, JSON as a string, BOOLEAN as 0/1, DML as an UpdateQueryResponse', async () => {
    await sql.executeDDL(
      'CREATE TABLE typed (id BIGINT PRIMARY KEY, amount DECIMAL(12,2), seen DATETIME(3), stamped TIMESTAMP(6), day DATE, payload JSON, flag BOOLEAN, small INT, bits BIT(4))',
    );
    const inserted = await sql
      .prepare("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?, b'1010')")
      .bindParams('9007199254740993', '184000.50', '2026-03-01 09:30:00.125', '2026-03-01 09:30:00', '2026-03-01', '{"arr": 184000}', true, 42)
      .execute();
    expect(inserted.rows).toEqual({ affectedRows: 1, fieldCount: 0, info: '', insertId: 0, serverStatus: expect.any(Number), warningStatus: 0 });
    const { rows, metadata } = await sql.executeRaw<Record<string, unknown>>('SELECT * FROM typed');
    expect(rows).toEqual([
      {
        id: '9007199254740993',
        amount: '184000.50',
        seen: '2026-03-01 09:30:00.125',
        stamped: '2026-03-01 09:30:00.000000',
        day: '2026-03-01',
        payload: '{"arr": 184000}',
        flag: 1,
        small: 42,
        bits: 10,
      },
    ]);
    expect(metadata?.fields?.map((f: { name: string }) => f.name)).toEqual(['id', 'amount', 'seen', 'stamped', 'day', 'payload', 'flag', 'small', 'bits']);
    // With a parameter the statement is prepared (MySQL's binary protocol); the row reads the same.
    const prepared = await sql.prepare<Record<string, unknown>>('SELECT * FROM typed WHERE id = ?').bindParams('9007199254740993').execute();
    expect(prepared.rows).toEqual(rows);
  });
});

describe('what Forge SQL refuses', () => {
  it('refuses a second statement in one request (SQL_POLICY_VIOLATION), before running the first', async () => {
    const error = await refusal(sql.executeRaw("INSERT INTO note (label, body) VALUES ('two', 'first'); DELETE FROM note"));
    expect(error.code).toBe('SQL_POLICY_VIOLATION');
    expect(error.responseDetails.status).toBe(400);
    const hidden = await refusal(sql.executeRaw("SELECT 1 /*! ; DELETE FROM note */"));
    expect(hidden.code).toBe('SQL_POLICY_VIOLATION');
    const stored = await sql.prepare<{ n: string }>("SELECT COUNT(*) AS n FROM note WHERE label = 'two'").execute();
    expect(stored.rows[0].n).toBe('0');
    // A semicolon inside a string is data, and one trailing semicolon is allowed.
    const fine = await sql.prepare<{ s: string }>("SELECT 'a;b' AS s;").execute();
    expect(fine.rows).toEqual([{ s: 'a;b' }]);
  });

  it.each(['START TRANSACTION', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SET autocommit = 0', 'SAVEPOINT before_change', 'LOCK TABLES note WRITE'])(
    'refuses %j (SQL_POLICY_VIOLATION: no transactions)',
    async (statement) => {
      const error = await refusal(sql.executeRaw(statement));
      expect(error.code).toBe('SQL_POLICY_VIOLATION');
      expect(error.suggestion).toEqual(expect.any(String));
    },
  );

  it('refuses DDL through the DML endpoint with the database’s own error, and takes it through executeDDL', async () => {
    const error = await refusal(sql.executeRaw('CREATE TABLE sneaky (id INT)'));
    expect(error.code).toBe(errorCodes.SQL_EXECUTION_ERROR);
    expect(error.context?.debug).toMatchObject({ errno: 1142, sqlState: '42000' });
    await expect(sql.executeDDL('CREATE TABLE sneaky (id INT)')).resolves.toMatchObject({ rows: { affectedRows: 0 } });
    // The DDL endpoint takes reads too: migrationRunner lists its table through it.
    await expect(sql.executeDDL('SELECT COUNT(*) AS n FROM sneaky')).resolves.toMatchObject({ rows: [{ n: '0' }] });
  });

  it('refuses DROP DATABASE even through executeDDL: the schema belongs to the installation', async () => {
    const error = await refusal(sql.executeDDL(`DROP DATABASE ${sandbox.sql.database}`));
    expect(error.code).toBe(errorCodes.SQL_EXECUTION_ERROR);
    expect(error.context?.debug).toMatchObject({ errno: 1044 });
    await expect(sql.executeRaw('SELECT COUNT(*) AS n FROM note')).resolves.toMatchObject({ rows: [{ n: expect.any(String) }] });
  });

  it('answers a database error with SQL_EXECUTION_ERROR and its details in context.debug', async () => {
    const error = await refusal(sql.executeRaw('SELEC 1'));
    expect(error.code).toBe(errorCodes.SQL_EXECUTION_ERROR);
    expect(error.context?.debug).toMatchObject({ code: 'ER_PARSE_ERROR', errno: 1064 });
    const duplicate = await refusal(sql.prepare('INSERT INTO typed (id) VALUES (?)').bindParams('9007199254740993').execute());
    expect(duplicate.context?.debug).toMatchObject({ code: 'ER_DUP_ENTRY', errno: 1062 });
  });

  it('refuses a request over 1 MiB', async () => {
    const error = await refusal(sql.prepare('INSERT INTO note (label, body) VALUES (?, ?)').bindParams('huge', 'x'.repeat(1024 * 1024)).execute());
    expect(error.responseDetails.status).toBe(413);
    expect(error.code).toBe(errorCodes.INVALID_SQL_QUERY);
    const stored = await sql.prepare<{ n: string }>("SELECT COUNT(*) AS n FROM note WHERE label = 'huge'").execute();
    expect(stored.rows[0].n).toBe('0');
  });

  it('refuses a response over 4 MiB, and answers the same rows a page at a time', async () => {
    await sql.executeDDL('CREATE TABLE blob_page (id INT PRIMARY KEY, body MEDIUMTEXT)');
    const body = 'y'.repeat(900 * 1024);
    for (let id = 1; id <= 5; id += 1) {
      await sql.prepare('INSERT INTO blob_page (id, body) VALUES (?, ?)').bindParams(id, body).execute();
    }
    const error = await refusal(sql.executeRaw('SELECT id, body FROM blob_page ORDER BY id'));
    expect(error.code).toBe(errorCodes.SQL_EXECUTION_ERROR);
    expect(error.context?.debug).toMatchObject({ limit: 'responseSize', maxBytes: 4 * 1024 * 1024 });
    const page = await sql.prepare<{ id: number; body: string }>('SELECT id, body FROM blob_page ORDER BY id LIMIT 4').execute();
    expect(page.rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(page.rows.every((r) => r.body === body)).toBe(true);
  });

  it('refuses every statement with APP_NOT_ENABLED when the app declares no sql module', async () => {
    const without = new Sandbox({ sql: { enabled: false } });
    try {
      const error = await refusal(without.asApp(() => sql.executeRaw('SELECT 1')));
      expect(error.code).toBe(errorCodes.APP_NOT_ENABLED);
    } finally {
      await without.close();
    }
  });
});

describe('timeouts', () => {
  let fast: Sandbox;

  beforeAll(async () => {
    fast = new Sandbox({ sql: { enabled: true, limits: { selectTimeoutMs: 200, dmlTimeoutMs: 200, ddlTimeoutMs: 300 } } });
    await fast.sql.ready();
    await fast.asApp(async () => {
      await sql.executeDDL('CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL)');
      await sql.executeRaw('INSERT INTO counter VALUES (1, 0)');
    });
  }, SERVER_START_TIMEOUT_MS);

  afterAll(() => fast.close());

  beforeEach(() => fast.activate());

  it('answers a SELECT past its timeout with QUERY_TIMED_OUT, and the next query runs', async () => {
    const started = performance.now();
    const error = await refusal(sql.executeRaw('SELECT SLEEP(6)'));
    expect(error.code).toBe(errorCodes.QUERY_TIMED_OUT);
    expect(performance.now() - started).toBeLessThan(3000);
    await expect(sql.executeRaw('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });

  it('stops an UPDATE past its timeout: QUERY_TIMED_OUT and the row unchanged', async () => {
    const error = await refusal(sql.prepare('UPDATE counter SET n = n + 1 + SLEEP(2) WHERE id = ?').bindParams(1).execute());
    expect(error.code).toBe(errorCodes.QUERY_TIMED_OUT);
    // Read back outside the 200 ms limit: on a loaded machine the server may still be rolling the killed UPDATE
    // back, and what this checks is the row, not how fast the next SELECT is (the test above covers that).
    const { socketPath, database } = await fast.sql.connectionInfo();
    const reader = await mysql.createConnection({ socketPath, user: 'root', database });
    try {
      const [rows] = await reader.query('SELECT n FROM counter WHERE id = 1');
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await reader.end();
    }
  });

  it('stops DDL that waits past its timeout (kills it on the server), answering QUERY_TIMED_OUT', async () => {
    // Another session holds the table, so the ALTER waits on its metadata lock.
    const { socketPath, database } = await fast.sql.connectionInfo();
    const holder = await mysql.createConnection({ socketPath, user: 'root', database });
    try {
      await holder.query('LOCK TABLES counter WRITE');
      const started = performance.now();
      const error = await refusal(sql.executeDDL('ALTER TABLE counter ADD COLUMN late INT'));
      expect(error.code).toBe(errorCodes.QUERY_TIMED_OUT);
      expect(performance.now() - started).toBeLessThan(3000);
      await holder.query('UNLOCK TABLES');
      // Had the ALTER not been killed it would run now that the lock is free.
      await new Promise((r) => setTimeout(r, 200));
      const columns = await sql.executeRaw<{ Field: string }>('SHOW COLUMNS FROM counter');
      expect(columns.rows.map((c) => c.Field)).toEqual(['id', 'n']);
    } finally {
      await holder.end();
    }
  });
});

describe('each Sandbox has its own database', () => {
  it('two sandboxes do not see each other’s tables or rows', async () => {
    const other = new Sandbox({ sql: { enabled: true } });
    try {
      expect(other.sql.database).not.toBe(sandbox.sql.database);
      const missing = await refusal(other.asApp(() => sql.executeRaw('SELECT * FROM note')));
      expect(missing.context?.debug).toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
      await other.asApp(async () => {
        await sql.executeDDL('CREATE TABLE note (id INT PRIMARY KEY, body TEXT)');
        await sql.executeRaw("INSERT INTO note VALUES (1, 'only in the other sandbox')");
      });
      const theirs = await other.asApp(() => sql.executeRaw<{ body: string }>('SELECT body FROM note'));
      expect(theirs.rows).toEqual([{ body: 'only in the other sandbox' }]);
      const ours = await sandbox.asApp(() => sql.executeRaw<{ body: string }>("SELECT body FROM note WHERE body = 'only in the other sandbox'"));
      expect(ours.rows).toEqual([]);
      // Naming the other installation's schema outright is a policy violation, as on Forge.
      const cross = await refusal(other.asApp(() => sql.executeRaw(`SELECT * FROM ${sandbox.sql.database}.note`)));
      expect(cross.code).toBe('SQL_POLICY_VIOLATION');
    } finally {
      await other.close();
    }
  });
});

describe('migrationRunner', () => {
  it('runs pending migrations once, in order, and is a no-op the second time', async () => {
    // SIGNAL is a reserved word in MariaDB (and MySQL), not in TiDB: quoting the name works on both.
    const runner = migrationRunner
      .enqueue('v001_create_signal', 'CREATE TABLE IF NOT EXISTS `signal` (id VARCHAR(64) PRIMARY KEY, customer VARCHAR(200) NOT NULL)')
      .enqueue('v002_add_arr', 'ALTER TABLE `signal` ADD COLUMN arr BIGINT NULL')
      .enqueue('v003_index_customer', 'CREATE INDEX signal_by_customer ON `signal` (customer)');
    expect(await runner.run()).toEqual(['v001_create_signal', 'v002_add_arr', 'v003_index_customer']);
    // A second run (the next scheduled trigger) finds them all done; re-running v002 would fail on the duplicate column.
    expect(await runner.run()).toEqual([]);
    const listed = await runner.list();
    expect(listed.map((m) => m.name)).toEqual(['v001_create_signal', 'v002_add_arr', 'v003_index_customer']);
    expect(listed.every((m) => m.migratedAt instanceof Date && !Number.isNaN(m.migratedAt.getTime()))).toBe(true);
    const columns = await sql.executeRaw<{ Field: string }>('SHOW COLUMNS FROM `signal`');
    expect(columns.rows.map((c) => c.Field)).toEqual(['id', 'customer', 'arr']);
  });
});

describe('the SQL link', () => {
  it('logs each request and can fail it the way the platform does', async () => {
    sandbox.sqlLink.clearLog();
    sandbox.sqlLink.injectFault({ status: 503, times: 1 });
    const error = await refusal(sql.executeRaw('SELECT 1'));
    expect(error.responseDetails.status).toBe(503);
    await expect(sql.executeRaw('SELECT 1 AS ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
    expect(sandbox.sqlLink.log.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/api/v1/execute', 503],
      ['POST', '/api/v1/execute', 200],
    ]);
  });
});
