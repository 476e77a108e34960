/**
 * The sandbox reads each Forge SQL query as Forge SQL's query policy does, before the database sees it. These
 * cases need no server: they pin down the tokenizer (quotes, comments, executable comments) that decides what
 * is one statement, and each rule of the policy.
 */
import { checkPolicy, readStatements } from '../sandbox/sql/statement';
import { declaresSqlModule } from '../sandbox/sql/sql-handler';

const OWN = 'forge_mine';
const verdictOf = (query: string) => checkPolicy(readStatements(query), (name) => name.startsWith('forge_') && name !== OWN);

describe('what counts as one statement', () => {
  it.each([
    ['SELECT 1'],
    ['SELECT 1;'],
    ['SELECT 1 ;  -- trailing comment\n'],
    ["SELECT 'a;b' AS s"],
    ['SELECT "a;b" AS s'],
    ["SELECT 'it''s; fine'"],
    ["SELECT 'back\\'slash; still a string'"],
    ['SELECT `odd;name` FROM t'],
    ['SELECT 1 /* ; */'],
    ['SELECT 1 -- ; DROP TABLE t'],
    ['SELECT 1 # ; DROP TABLE t'],
    ['CREATE TABLE IF NOT EXISTS __migrations (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(255) NOT NULL);'],
  ])('%j is one statement', (query) => {
    const reading = readStatements(query);
    expect(reading.statements).toBe(1);
    expect(verdictOf(query).violation).toBeUndefined();
  });

  it.each([
    ['SELECT 1; SELECT 2'],
    ['SELECT 1;SELECT 2;'],
    ["INSERT INTO t VALUES ('x'); DELETE FROM t"],
    ["SELECT 'a'';'; DROP TABLE t"],
    ['SELECT 1 /*! ; DROP TABLE t */'],
    ['SELECT 1 /*M!100000 ; DROP TABLE t */'],
    ['SELECT 1 --comment-without-space\n; SELECT 2'],
  ])('%j is more than one statement and is refused', (query) => {
    expect(readStatements(query).statements).toBeGreaterThan(1);
    expect(verdictOf(query).violation).toMatch(/only one statement/);
  });

  it('sends the first statement without its trailing semicolon', () => {
    expect(readStatements('SELECT 1 ; ').text).toBe('SELECT 1 ');
    expect(readStatements("SELECT ';' AS s;").text).toBe("SELECT ';' AS s");
  });

  it('finds no statement in an empty or comment-only query', () => {
    expect(readStatements('').statements).toBe(0);
    expect(readStatements('  -- nothing\n/* at all */ ;').statements).toBe(0);
  });
});

describe('Forge SQL query policy', () => {
  it.each([
    'START TRANSACTION',
    'begin',
    'BEGIN WORK',
    'COMMIT',
    'ROLLBACK',
    'SAVEPOINT s1',
    'RELEASE SAVEPOINT s1',
    'XA START "x"',
    'LOCK TABLES t WRITE',
    'UNLOCK TABLES',
  ])('refuses the transaction statement %j', (query) => {
    expect(verdictOf(query).violation).toMatch(/Transactions are not supported/);
  });

  it.each(['SET autocommit = 0', 'SET @@autocommit = 0', 'SET SESSION sql_mode = ""', 'SET GLOBAL max_connections = 1', 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'SET NAMES latin1', 'SET @a = 1, autocommit = 0', 'SET STATEMENT max_statement_time=100 FOR SELECT 1'])(
    'refuses %j (only SET @var is permitted)',
    (query) => {
      expect(verdictOf(query).violation).toMatch(/user-variable/);
    },
  );

  it.each(['SET @a = 1', 'SET @a = 1, @b = (SELECT 2, 3)', 'SET @`odd name` := "x"'])('permits %j', (query) => {
    expect(verdictOf(query).violation).toBeUndefined();
  });

  it('permits SHOW TABLES, COLUMNS, INDEXES and KEYS only', () => {
    for (const ok of ['SHOW TABLES', 'SHOW FULL TABLES', 'SHOW COLUMNS FROM t', 'SHOW FULL COLUMNS FROM t', 'SHOW INDEXES FROM t', 'SHOW INDEX FROM t', 'SHOW KEYS FROM t']) {
      expect(verdictOf(ok).violation).toBeUndefined();
    }
    for (const refused of ['SHOW CREATE TABLE t', 'SHOW DATABASES', 'SHOW PROCESSLIST', 'SHOW VARIABLES', 'SHOW GRANTS']) {
      expect(verdictOf(refused).violation).toMatch(/Only SHOW TABLES/);
    }
  });

  it('refuses SQL-level PREPARE, EXECUTE, DEALLOCATE and USE', () => {
    expect(verdictOf("PREPARE s FROM 'SELECT 1'").violation).toMatch(/PREPARE/);
    expect(verdictOf('EXECUTE s').violation).toMatch(/PREPARE/);
    expect(verdictOf('DEALLOCATE PREPARE s').violation).toMatch(/PREPARE/);
    expect(verdictOf('USE forge_other').violation).toMatch(/USE is not permitted/);
  });

  it('permits the listed optimizer hints and refuses others', () => {
    expect(verdictOf('SELECT /*+ USE_INDEX(t, idx_a) HASH_JOIN(t, u) */ * FROM t').violation).toBeUndefined();
    expect(verdictOf('SELECT /*+ MAX_EXECUTION_TIME(1000) */ * FROM t').violation).toMatch(/MAX_EXECUTION_TIME/);
  });

  it("refuses another installation's schema, permits its own, information_schema and aliases", () => {
    expect(verdictOf('SELECT * FROM forge_other.signal').violation).toMatch(/another installation/);
    expect(verdictOf('SELECT * FROM `forge_other`.`signal`').violation).toMatch(/another installation/);
    expect(verdictOf(`SELECT * FROM ${OWN}.signal`).violation).toBeUndefined();
    expect(verdictOf('SELECT table_name FROM information_schema.tables').violation).toBeUndefined();
    expect(verdictOf('SELECT s.id FROM signal s JOIN cluster c ON c.id = s.cluster_id').violation).toBeUndefined();
  });

  it('recognises statements on the schema itself, which the app may not make, alter or drop', () => {
    for (const query of ['DROP DATABASE forge_mine', 'drop /* x */ schema forge_mine', 'CREATE OR REPLACE DATABASE x', 'ALTER DATABASE forge_mine CHARACTER SET latin1']) {
      expect(verdictOf(query).touchesSchema).toBe(true);
    }
    for (const query of ['CREATE TABLE `schema` (id INT)', 'DROP TABLE database_notes', 'SELECT DATABASE()']) {
      expect(verdictOf(query).touchesSchema).toBe(false);
    }
  });

  it('classifies statements for their timeouts: SELECT 5 s, DML 10 s, DDL 20 s', () => {
    expect(verdictOf('SELECT 1').kind).toBe('select');
    expect(verdictOf('(SELECT 1) UNION (SELECT 2)').kind).toBe('select');
    expect(verdictOf('WITH x AS (SELECT 1) SELECT * FROM x').kind).toBe('select');
    expect(verdictOf('/* leading */ INSERT INTO t VALUES (1)').kind).toBe('dml');
    expect(verdictOf('update t set a = 1').kind).toBe('dml');
    expect(verdictOf('DELETE FROM t').kind).toBe('dml');
    expect(verdictOf('CREATE TABLE t (a INT)').kind).toBe('ddl');
    expect(verdictOf('ALTER TABLE t ADD COLUMN b INT').kind).toBe('ddl');
  });
});

describe('whether an app has Forge SQL', () => {
  it('reads the sql module from a manifest', () => {
    expect(declaresSqlModule('modules:\n  sql:\n    - key: main\n      engine: mysql\n')).toBe(true);
    expect(declaresSqlModule('modules:\n  function:\n    - key: f\n      handler: index.f\n')).toBe(false);
  });
});
