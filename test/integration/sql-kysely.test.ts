/**
 * Typed SQL for the app: Kysely builds and compiles statements with its MySQL dialect and a driver that never
 * connects (DummyDriver); `@forge/sql` runs the compiled `{ sql, parameters }`. This is the whole integration —
 * Kysely never talks to a database — so it works on Forge, and here it runs on the sandbox's MariaDB.
 */
import { DummyDriver, Kysely, MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler, type CompiledQuery, type Generated, type Selectable } from 'kysely';
import { sql } from '@forge/sql';
import { Sandbox } from '../sandbox/sandbox';

/** The tables as TypeScript sees them. */
interface Database {
  signal: {
    id: string;
    customer: string;
    text: string;
    arr: number;
    received_at: string;
    seq: Generated<number>;
  };
}

/** Compiles only: no driver, no connection, nothing for Forge's sandbox to refuse. */
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new MysqlAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new MysqlIntrospector(k),
    createQueryCompiler: () => new MysqlQueryCompiler(),
  },
});

/** Runs one compiled Kysely query through Forge SQL; the row type comes from the query. */
async function run<Row>(query: CompiledQuery<Row>): Promise<Row[]> {
  const result = await sql.prepare<Row>(query.sql).bindParams(...query.parameters).execute();
  return result.rows as Row[];
}

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = new Sandbox({ sql: { enabled: true } });
  await sandbox.sql.ready();
}, 180_000);

afterAll(() => sandbox.close());

beforeEach(() => sandbox.activate());

it('compiles typed queries to MySQL with ? placeholders and quoted identifiers', () => {
  const query = db.selectFrom('signal').select(['customer', 'arr']).where('arr', '>', 50_000).orderBy('arr', 'desc').compile();
  expect(query.sql).toBe('select `customer`, `arr` from `signal` where `arr` > ? order by `arr` desc');
  expect(query.parameters).toEqual([50_000]);
});

it('creates, fills and reads a table through @forge/sql with Kysely-built statements', async () => {
  // Kysely quotes every identifier, so `signal` (reserved in MariaDB and MySQL, not in TiDB) is safe.
  const create = db.schema
    .createTable('signal')
    .addColumn('seq', 'bigint', (c) => c.primaryKey().autoIncrement())
    .addColumn('id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('customer', 'varchar(200)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('arr', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'datetime(3)', (c) => c.notNull())
    .compile();
  await sql.executeDDL(create.sql);

  const rows = [
    { id: 'crm-8841', customer: 'Brightwater Logistics', text: 'Cannot split one invoice across two cost centres', arr: 184_000, received_at: '2026-03-01 09:30:00.000' },
    { id: 'slack-17', customer: "O'Hara & Sons", text: 'Exports drop the "; --" in notes 🙃', arr: 42_000, received_at: '2026-03-02 10:00:00.500' },
    { id: 'form-3', customer: 'Meridian Health Partners', text: 'Need SSO for contractors', arr: 96_500, received_at: '2026-03-03 11:15:00.250' },
  ];
  const insert = db.insertInto('signal').values(rows).compile();
  expect(insert.parameters).toHaveLength(rows.length * 5);
  const inserted = await sql.prepare(insert.sql).bindParams(...insert.parameters).execute();
  expect(inserted.rows).toMatchObject({ affectedRows: 3 });

  const bigAccounts = db
    .selectFrom('signal')
    .select(['id', 'customer', 'text', 'arr', 'received_at'])
    .where('arr', '>=', 50_000)
    .orderBy('arr', 'desc')
    .compile();
  const found: Array<Pick<Selectable<Database['signal']>, 'id' | 'customer' | 'text' | 'arr' | 'received_at'>> = await run(bigAccounts);
  expect(found).toEqual([
    { id: 'crm-8841', customer: 'Brightwater Logistics', text: 'Cannot split one invoice across two cost centres', arr: 184_000, received_at: '2026-03-01 09:30:00.000' },
    { id: 'form-3', customer: 'Meridian Health Partners', text: 'Need SSO for contractors', arr: 96_500, received_at: '2026-03-03 11:15:00.250' },
  ]);

  const byCustomer = await run(db.selectFrom('signal').select(['id', 'text']).where('customer', '=', "O'Hara & Sons").compile());
  expect(byCustomer).toEqual([{ id: 'slack-17', text: 'Exports drop the "; --" in notes 🙃' }]);

  const updated = db.updateTable('signal').set({ arr: 50_000 }).where('id', '=', 'slack-17').compile();
  await sql.prepare(updated.sql).bindParams(...updated.parameters).execute();
  // An aggregate over BIGINT-typed results comes back as a string, as Forge SQL documents.
  const total = await run(db.selectFrom('signal').select((eb) => eb.fn.countAll<string>().as('n')).where('arr', '>=', 50_000).compile());
  expect(total).toEqual([{ n: '3' }]);
});
