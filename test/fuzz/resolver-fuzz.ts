/**
 * Shared by the fuzz suites: for one resolver key, 10,000 generated payloads (arbitrary JSON, and near-valid
 * variants mutated from valid inputs) through `sandbox.invoke`, checking that every answer is a result
 * envelope, that `internal` never occurs, and that a rejected input wrote nothing to Jira or storage.
 */
import fc from 'fast-check';
import { contract, resultSchema, type ResolverKey } from '../../src/contract';
import mysql from 'mysql2/promise';
import { Sandbox } from '../sandbox/sandbox';
import { seedAppData } from '../sandbox/seed/app-data';
import { retryPolicy } from '../../src/jira/client';
import { writesIn } from '../integration/work-type-helpers';

export const RUNS_PER_KEY = 10_000;

/** Strings that have broken resolvers elsewhere: path tricks, JQL quotes, huge and odd text. */
const hostileString = fc.constantFrom(
  '',
  ' ',
  '../admin',
  'PAY-1/../../x',
  'PAY-1?x=1',
  'PAY-0',
  'pay-1',
  'PAY-99999999999',
  '" OR 1=1 --',
  'x'.repeat(5000),
  '\u0000',
  '🙂',
  '__proto__',
  'constructor',
  'signal-',
  'note-x',
  'Innovative ',
  'innovative',
);

const smallJson = fc.jsonValue({ maxDepth: 2 });
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  smallJson,
  hostileString,
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

type Json = Record<string, unknown>;

/** One edit that usually makes a valid input invalid: drop, retype, add a key, or wrap it. */
function mutate(valid: Json): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const edits: fc.Arbitrary<unknown>[] = [
    fc.tuple(fc.string({ maxLength: 12 }), anyValue).map(([k, v]) => ({ ...valid, [k || 'extra']: v })),
    fc.constant([valid]),
    fc.constant(JSON.stringify(valid)),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    edits.push(
      key.map((k) => {
        const copy = { ...valid };
        delete copy[k];
        return copy;
      }),
      fc.tuple(key, anyValue).map(([k, v]) => ({ ...valid, [k]: v })),
      fc.tuple(key, hostileString).map(([k, v]) => ({ ...valid, [k]: v })),
    );
  }
  return fc.oneof(...edits);
}

export function payloads(valid: readonly Json[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    // Valid inputs reach Jira and storage and cost milliseconds; rejected ones cost microseconds. This mix keeps
    // 10,000 runs per key within the time budget while still exercising every accepted path hundreds of times.
    { weight: 14, arbitrary: anyValue },
    { weight: 15, arbitrary: fc.constantFrom(...valid).chain(mutate) },
    { weight: 1, arbitrary: fc.constantFrom(...valid) },
  );
}

const STORAGE_OR_JIRA_WRITE = (sandbox: Sandbox) => writesIn(sandbox);

export async function fuzzKey(
  sandbox: Sandbox,
  key: ResolverKey,
  valid: readonly Json[],
  callers: readonly string[],
  moduleKey: string,
): Promise<{ rejected: number; accepted: number }> {
  const envelope = resultSchema(contract[key].output);
  let rejected = 0;
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(payloads(valid), fc.constantFrom(...callers), async (payload, accountId) => {
      sandbox.clearLogs();
      let answer: unknown;
      try {
        answer = await sandbox.invoke({ accountId, moduleKey, extension: {} }, key, payload);
      } catch (error: unknown) {
        throw new Error(`${key} threw instead of answering: ${String(error)}`);
      }
      const parsed = envelope.safeParse(answer);
      if (!parsed.success) throw new Error(`${key} answered outside the envelope: ${JSON.stringify(answer).slice(0, 300)}`);
      if (parsed.data.ok) {
        accepted += 1;
        return;
      }
      rejected += 1;
      if (parsed.data.error.code === 'internal') throw new Error(`${key} answered internal for ${JSON.stringify(payload)?.slice(0, 200)}`);
      const writes = STORAGE_OR_JIRA_WRITE(sandbox);
      if (writes.length > 0) throw new Error(`${key} refused (${parsed.data.error.code}) but wrote ${writes.join(', ')}`);
    }),
    { numRuns: RUNS_PER_KEY, seed: 20261126, endOnFailure: true },
  );
  return { rejected, accepted };
}

/** Placeholders in sample payloads (`'§version'`) stand for data as it is at the moment of the call. */
export const hasLive = (value: unknown): boolean =>
  typeof value === 'string' ? value.startsWith('§') : value !== null && typeof value === 'object' ? Object.values(value).some(hasLive) : false;

/** The payload with each placeholder replaced by its current value. */
export function substitute(value: unknown, live: Readonly<Record<string, string | number>>): unknown {
  if (typeof value === 'string') return value in live ? live[value] : value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, live));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, live)]));
  return value;
}

/** MariaDB's CHECKSUM TABLE of the practice's tables, as one string: equal before and after means nothing changed. */
export async function tablesChecksum(database: { query: (sql: string) => Promise<[unknown, unknown]> }, tables: readonly string[]): Promise<string> {
  const [rows] = await database.query(`CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
  return (rows as Array<{ Table: string; Checksum: string | number | null }>).map((r) => `${r.Table}=${r.Checksum}`).join(' ');
}

export interface TableFuzz {
  valid: readonly Json[];
  callers: readonly string[];
  moduleKey: string;
  /** The placeholders' current values; `wrote` when providing them changed the tables (set a case up). */
  live?: () => Promise<{ values: Record<string, string | number>; wrote: boolean }>;
  /** The tables a refused call must leave as they were (tablesChecksum). */
  checksum: () => Promise<string>;
  /** After an accepted call: let what it queued finish before the next baseline. */
  afterAccepted?: () => Promise<void>;
  /** What the tables are, for the failure message. */
  tablesName: string;
  seed?: number;
}

/**
 * fuzzKey for a practice stored in Forge SQL: besides the envelope, `internal` and Jira/KVS writes, a refused
 * call that ran any SQL must leave the practice's tables with the checksum they had before it. The baseline is
 * taken again after each accepted call (which may write) and after a placeholder was set up.
 */
export async function fuzzKeyAgainstTables(sandbox: Sandbox, key: ResolverKey, fuzz: TableFuzz): Promise<{ accepted: number; rejected: number; sqlChecked: number }> {
  const envelope = resultSchema(contract[key].output);
  let accepted = 0;
  let rejected = 0;
  let sqlChecked = 0;
  let baseline: string | null = null;
  await fc.assert(
    fc.asyncProperty(payloads(fuzz.valid), fc.constantFrom(...fuzz.callers), async (generated, accountId) => {
      let payload: unknown = generated;
      if (fuzz.live && hasLive(generated)) {
        const live = await fuzz.live();
        if (live.wrote) baseline = null;
        payload = substitute(generated, live.values);
      }
      baseline ??= await fuzz.checksum();
      sandbox.clearLogs();
      let answer: unknown;
      try {
        answer = await sandbox.invoke({ accountId, moduleKey: fuzz.moduleKey, extension: {} }, key, payload);
      } catch (error: unknown) {
        throw new Error(`${key} threw instead of answering: ${String(error)}`);
      }
      const parsed = envelope.safeParse(answer);
      if (!parsed.success) throw new Error(`${key} answered outside the envelope: ${JSON.stringify(answer).slice(0, 300)}`);
      if (parsed.data.ok) {
        accepted += 1;
        await fuzz.afterAccepted?.();
        baseline = null;
        return;
      }
      rejected += 1;
      const { code } = parsed.data.error;
      if (code === 'internal') throw new Error(`${key} answered internal for ${JSON.stringify(payload)?.slice(0, 200)}`);
      const writes = STORAGE_OR_JIRA_WRITE(sandbox);
      if (writes.length > 0) throw new Error(`${key} refused (${code}) but wrote ${writes.join(', ')}`);
      if (sandbox.sqlLink.log.length > 0) {
        sqlChecked += 1;
        if ((await fuzz.checksum()) !== baseline) throw new Error(`${key} refused (${code}) but changed the ${fuzz.tablesName}, for ${JSON.stringify(payload)?.slice(0, 300)}`);
      }
    }),
    { numRuns: RUNS_PER_KEY, seed: fuzz.seed ?? 20261126, endOnFailure: true },
  );
  return { accepted, rejected, sqlChecked };
}

/**
 * The seeded sandbox a table-checked fuzz file runs against, with Jira retries not waiting, refusal warnings
 * silenced, and a direct connection to its MariaDB for tablesChecksum. Close it with closeSeededSandbox.
 */
export async function openSeededSandbox(today: Date): Promise<{ sandbox: Sandbox; database: mysql.Connection }> {
  const sandbox = new Sandbox({ today });
  retryPolicy.sleep = async () => undefined;
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await seedAppData(sandbox, today);
  const { socketPath, database: name } = await sandbox.sql.connectionInfo();
  const database = await mysql.createConnection({ socketPath, user: 'root', database: name });
  return { sandbox, database };
}

export async function closeSeededSandbox(world: { sandbox: Sandbox; database: mysql.Connection }): Promise<void> {
  await world.database.end();
  await world.sandbox.close();
}
