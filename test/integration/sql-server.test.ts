/**
 * The MariaDB server's lifecycle: it never outlives the process that started it (not even one killed with
 * SIGKILL, as Jest kills a stuck worker), a throwaway data directory goes with it, and `npm start`'s data
 * directory keeps its databases across a stop and a start.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mariaDbServer } from '../sandbox/sql/mariadb-server';
import { SqlHandler } from '../sandbox/sql/sql-handler';
import type { SandboxResponse } from '../sandbox/http';

const SERVER_MS = 180_000;
const SERVER_MODULE = path.resolve(__dirname, '../sandbox/sql/mariadb-server.ts');

const answers = (socketPath: string): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function eventually(check: () => Promise<boolean> | boolean, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

const post = (handler: SqlHandler, endpoint: '/api/v1/execute' | '/api/v1/execute/ddl', query: string, params: unknown[] = []): Promise<SandboxResponse> =>
  handler.handle({ method: 'POST', path: endpoint, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, params, method: 'all' }), asUser: null });

const bodyOf = (res: SandboxResponse): { rows: unknown } => JSON.parse(res.body as string) as { rows: unknown };

it(
  'stops the server and deletes its throwaway data directory when the process that started it is killed',
  async () => {
    const script = `require(${JSON.stringify(SERVER_MODULE)}).mariaDbServer().then((s) => console.log(JSON.stringify({ socketPath: s.socketPath, dataDir: s.dataDir })));
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise<{ socketPath: string; dataDir: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as { socketPath: string; dataDir: string });
      });
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before its server started`)));
    });
    expect(await answers(started.socketPath)).toBe(true);
    expect(existsSync(started.dataDir)).toBe(true);

    child.kill('SIGKILL');

    expect(await eventually(async () => !(await answers(started.socketPath)), 15_000)).toBe(true);
    expect(await eventually(() => !existsSync(started.dataDir), 15_000)).toBe(true);
  },
  SERVER_MS,
);

describe('a data directory kept across runs (npm start)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'upstream-sql-kept-')), 'mariadb');
  });

  afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it(
    'keeps a database across a stop and a start, and `fresh` drops it',
    async () => {
      const first = new SqlHandler({ dataDir, database: 'forge_kept', enabled: true });
      expect((await post(first, '/api/v1/execute/ddl', 'CREATE TABLE kept (id INT PRIMARY KEY, body TEXT)')).status).toBe(200);
      expect((await post(first, '/api/v1/execute', 'INSERT INTO kept VALUES (?, ?)', [1, 'still here ✓'])).status).toBe(200);
      await first.close();
      const server = await mariaDbServer({ dataDir });
      expect(server.owned).toBe(true);
      await server.stop();
      expect(await answers(server.socketPath)).toBe(false);
      expect(existsSync(path.join(dataDir, 'mysql'))).toBe(true);

      const second = new SqlHandler({ dataDir, database: 'forge_kept', enabled: true });
      const read = await post(second, '/api/v1/execute', 'SELECT body FROM kept WHERE id = ?', [1]);
      expect(bodyOf(read).rows).toEqual([{ body: 'still here ✓' }]);
      await second.close();

      const fresh = new SqlHandler({ dataDir, database: 'forge_kept', enabled: true, fresh: true });
      const gone = await post(fresh, '/api/v1/execute', 'SELECT body FROM kept');
      expect(gone.status).toBe(400);
      expect(gone.body).toMatchObject({ code: 'SQL_EXECUTION_ERROR', debug: { code: 'ER_NO_SUCH_TABLE' } });
      await fresh.close();
      await (await mariaDbServer({ dataDir })).stop();
    },
    SERVER_MS,
  );
});
