/**
 * Reads one Forge SQL request's query the way Forge SQL's query policy does before anything reaches the
 * database ("Forge SQL query policy", storage-reference/sql-query-policy): one statement per request, no
 * transactions, only `SET @var`, only `SHOW TABLES|COLUMNS|INDEXES|KEYS`, no SQL-level PREPARE/EXECUTE, no USE,
 * only the listed optimizer hints, no other installation's schema.
 *
 * It is a tokenizer, not a parser: it knows MySQL's quoting ('…' and "…" with backslash escapes and doubled
 * quotes, `…` identifiers), its comments (`-- `, `#`, `/* … *\/`), and that MariaDB *executes* the body of
 * `/*! … *\/` and `/*M! … *\/`, so a semicolon hidden there is a second statement too. Anything it cannot read
 * (an unterminated string) is left to the database, which refuses it with a parse error. mysql2 also runs
 * with `multipleStatements` off, so the server itself refuses a second statement this reading missed.
 */

export type StatementKind = 'select' | 'dml' | 'ddl';

interface Token {
  type: 'word' | 'variable' | 'string' | 'identifier' | 'punct';
  /** Upper-cased for words and variables; the unquoted text for strings and identifiers. */
  value: string;
  /** Words as written (schema names are case-sensitive on Linux). */
  raw: string;
}

export interface StatementReading {
  /** The query up to its first top-level semicolon, without that semicolon (what the server is sent). */
  text: string;
  /** Tokens of the first statement. */
  tokens: Token[];
  /** How many statements the query holds (a trailing `;` does not make a second one). */
  statements: number;
  /** Bodies of `/*+ … *\/` optimizer hints. */
  hints: string[];
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
/** Letters, digits, _ and $, and anything beyond ASCII (MySQL allows it in unquoted identifiers). */
function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code >= 128;
}

export function readStatements(query: string): StatementReading {
  const segments: Token[][] = [[]];
  const hints: string[] = [];
  let firstEnd = -1;
  /** Inside `/*! … *\/` the text is code; the closing `*\/` ends the comment, not the statement. */
  let executableComment = false;
  let i = 0;
  const n = query.length;
  const push = (token: Token) => segments[segments.length - 1].push(token);

  while (i < n) {
    const c = query[i];
    const next = query[i + 1] ?? '';
    if (isSpace(c)) {
      i += 1;
    } else if (c === "'" || c === '"') {
      // Strings: backslash escapes and doubled quotes (sql_mode has neither NO_BACKSLASH_ESCAPES nor ANSI_QUOTES).
      // Only where a string ends matters here; its text is kept as written.
      let j = i + 1;
      while (j < n) {
        const d = query[j];
        if (d === '\\') j += 2;
        else if (d === c && query[j + 1] === c) j += 2;
        else if (d === c) break;
        else j += 1;
      }
      const value = query.slice(i + 1, Math.min(j, n));
      push({ type: 'string', value, raw: value });
      i = j + 1;
    } else if (c === '`') {
      let j = i + 1;
      let value = '';
      while (j < n) {
        if (query[j] === '`' && query[j + 1] === '`') {
          value += '`';
          j += 2;
        } else if (query[j] === '`') break;
        else {
          value += query[j];
          j += 1;
        }
      }
      push({ type: 'identifier', value, raw: value });
      i = j + 1;
    } else if (c === '#' || (c === '-' && next === '-' && (i + 2 >= n || isSpace(query[i + 2]) || query.charCodeAt(i + 2) < 32))) {
      while (i < n && query[i] !== '\n') i += 1;
    } else if (c === '/' && next === '*') {
      const bang = query[i + 2] === '!' ? 3 : query[i + 2] === 'M' && query[i + 3] === '!' ? 4 : 0;
      if (bang > 0) {
        // Executable comment: skip the marker and an optional version number, then read its body as code.
        i += bang;
        while (i < n && /[0-9]/.test(query[i])) i += 1;
        executableComment = true;
      } else {
        const end = query.indexOf('*/', i + 2);
        const close = end < 0 ? n : end;
        if (query[i + 2] === '+') hints.push(query.slice(i + 3, close));
        i = end < 0 ? n : end + 2;
      }
    } else if (c === '*' && next === '/' && executableComment) {
      executableComment = false;
      i += 2;
    } else if (c === ';') {
      if (firstEnd < 0) firstEnd = i;
      segments.push([]);
      i += 1;
    } else if (c === '@') {
      let j = i + 1;
      if (query[j] === '@') j += 1;
      if (query[j] === '`' || query[j] === "'" || query[j] === '"') {
        // @`quoted name`
        const quote = query[j];
        const end = query.indexOf(quote, j + 1);
        j = end < 0 ? n : end + 1;
      } else {
        while (j < n && (isWordChar(query[j]) || query[j] === '.')) j += 1;
      }
      push({ type: 'variable', value: query.slice(i, j).toUpperCase(), raw: query.slice(i, j) });
      i = j;
    } else if (isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(query[j])) j += 1;
      push({ type: 'word', value: query.slice(i, j).toUpperCase(), raw: query.slice(i, j) });
      i = j;
    } else {
      push({ type: 'punct', value: c, raw: c });
      i += 1;
    }
  }
  const nonEmpty = segments.filter((s) => s.length > 0);
  return {
    text: firstEnd < 0 ? query : query.slice(0, firstEnd),
    tokens: segments.find((s) => s.length > 0) ?? [],
    statements: nonEmpty.length,
    hints,
  };
}

/** The optimizer hints Forge SQL lets through. */
const ALLOWED_HINTS = new Set([
  'USE_INDEX', 'IGNORE_INDEX', 'FORCE_INDEX', 'ORDER_INDEX', 'NO_ORDER_INDEX', 'HASH_JOIN', 'MERGE_JOIN',
  'INL_JOIN', 'INL_HASH_JOIN', 'INL_MERGE_JOIN', 'BKA', 'NO_BKA', 'BNL', 'NO_BNL',
]);

const TRANSACTION_WORDS = new Set(['START', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'XA', 'LOCK', 'UNLOCK']);
const SHOW_ALLOWED = new Set(['TABLES', 'COLUMNS', 'FIELDS', 'INDEXES', 'INDEX', 'KEYS']);
/** Schemas Forge lets any installation name; every other qualifier is someone else's installation. */
const SHARED_SCHEMAS = new Set(['INFORMATION_SCHEMA', 'MYSQL']);

export interface PolicyVerdict {
  /** Why Forge SQL's query policy refuses the statement; undefined when it passes. */
  violation?: string;
  kind: StatementKind;
  /** The first keyword, upper-cased ('' for an empty query). */
  keyword: string;
  /** Whether MariaDB's `SET STATEMENT max_statement_time=… FOR` may wrap it. */
  serverTimeout: boolean;
  /** CREATE, ALTER or DROP of a DATABASE/SCHEMA: the installation's schema is the platform's, not the app's. */
  touchesSchema: boolean;
}

function firstWordIndex(tokens: readonly Token[]): number {
  let k = 0;
  while (k < tokens.length && tokens[k].type === 'punct' && tokens[k].value === '(') k += 1;
  return k;
}

/**
 * Forge SQL's query policy for one statement. `isOtherSchema` says whether a qualifier (`x` in `x.y`) names
 * the database of another installation on the same server; an alias that happens to share no such name passes.
 */
export function checkPolicy(reading: StatementReading, isOtherSchema: (name: string) => boolean): PolicyVerdict {
  const { tokens } = reading;
  const first = tokens[firstWordIndex(tokens)];
  const keyword = first && first.type === 'word' ? first.value : '';
  const second = tokens[firstWordIndex(tokens) + 1]?.value ?? '';
  const kind: StatementKind = ['SELECT', 'WITH', 'VALUES', 'TABLE', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN'].includes(keyword)
    ? 'select'
    : ['INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'SET', 'DO'].includes(keyword)
      ? 'dml'
      : 'ddl';
  const serverTimeout = ['SELECT', 'WITH', 'VALUES', 'TABLE', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE'].includes(keyword);
  const words = tokens.slice(firstWordIndex(tokens), firstWordIndex(tokens) + 4).map((t) => (t.type === 'word' ? t.value : ''));
  const object = words[1] === 'OR' && words[2] === 'REPLACE' ? words[3] : words[1];
  const touchesSchema = ['CREATE', 'ALTER', 'DROP'].includes(keyword) && (object === 'DATABASE' || object === 'SCHEMA');
  const verdict = (violation?: string): PolicyVerdict => ({ violation, kind, keyword, serverTimeout, touchesSchema });

  if (reading.statements > 1) {
    return verdict('Each call to the Forge SQL API must contain only one statement; this request contains more than one.');
  }
  if (TRANSACTION_WORDS.has(keyword)) {
    return verdict(`Transactions are not supported by Forge SQL: ${keyword}${second ? ` ${second}` : ''} is not permitted.`);
  }
  if (keyword === 'SET') {
    // Only user-variable assignments: every comma-separated assignment at the top level starts with @name.
    let depth = 0;
    let expectTarget = true;
    for (const token of tokens.slice(1)) {
      if (token.type === 'punct' && token.value === '(') depth += 1;
      else if (token.type === 'punct' && token.value === ')') depth -= 1;
      else if (expectTarget) {
        if (token.type !== 'variable' || token.value.startsWith('@@')) {
          return verdict('Only user-variable assignments such as SET @var = … are permitted; other SET statements (SET autocommit, SET sql_mode, SET GLOBAL, SET TRANSACTION …) are not.');
        }
        expectTarget = false;
      } else if (depth === 0 && token.type === 'punct' && token.value === ',') expectTarget = true;
    }
  }
  if (keyword === 'SHOW') {
    const what = second === 'FULL' || second === 'EXTENDED' ? (tokens[firstWordIndex(tokens) + 2]?.value ?? '') : second;
    if (!SHOW_ALLOWED.has(what)) return verdict(`Only SHOW TABLES, SHOW COLUMNS and SHOW INDEXES (SHOW KEYS) are permitted, not SHOW ${what}.`);
  }
  if (keyword === 'PREPARE' || keyword === 'EXECUTE' || keyword === 'DEALLOCATE' || (keyword === 'DROP' && second === 'PREPARE')) {
    return verdict('SQL-level PREPARE, EXECUTE and DEALLOCATE PREPARE are not permitted; use sql.prepare(…).bindParams(…).');
  }
  if (keyword === 'USE') {
    return verdict('USE is not permitted: Forge SQL scopes every query to the installation’s own schema.');
  }
  for (const hint of reading.hints) {
    for (const match of hint.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*(\(|$|\s)/g)) {
      const name = match[1].toUpperCase();
      if (!ALLOWED_HINTS.has(name)) return verdict(`The optimizer hint ${name} is not permitted.`);
    }
  }
  for (let k = 0; k + 2 < tokens.length; k += 1) {
    const [a, dot, b] = [tokens[k], tokens[k + 1], tokens[k + 2]];
    if ((a.type === 'word' || a.type === 'identifier') && dot.type === 'punct' && dot.value === '.' && (b.type === 'word' || b.type === 'identifier' || b.value === '*')) {
      if (!SHARED_SCHEMAS.has(a.raw.toUpperCase()) && isOtherSchema(a.raw)) {
        return verdict(`References to another installation's schema (${a.raw}) are not permitted.`);
      }
    }
  }
  return verdict();
}
