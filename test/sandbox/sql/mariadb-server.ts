/**
 * The MariaDB server behind the sandbox's Forge SQL. Forge SQL is TiDB, a MySQL-compatible server; MariaDB is the
 * MySQL-compatible server Debian ships, so the app's statements meet a real SQL engine (types, indexes, unique
 * keys, errors) rather than a fake.
 *
 * - finds `mariadbd`/`mysqld` (PATH, /usr/sbin …); when it is missing and we are root, installs Debian's
 *   `mariadb-server-core` with apt-get (once, under a lock, so parallel Jest workers do not race on dpkg);
 *   otherwise fails naming the one command to run;
 * - initialises a data directory with `mariadb-install-db` once per machine (a template in the temp folder,
 *   ~10 s) and copies it for each server (~0.2 s), always through a staging directory renamed into place, so a
 *   crash never leaves a half-made one behind;
 * - starts `mariadbd` on a Unix socket with networking off, under a small shell guard that stops the server
 *   when the process that started it goes away, however it goes (exit, crash, SIGKILL from Jest): the guard
 *   holds the read end of a pipe whose write end only our process has, and EOF on it means "stop". A
 *   throwaway data directory is deleted by the guard after the server has exited.
 *
 * One server serves a whole process: tests get one per Jest worker (its data directory in the temp folder), and
 * `npm start` one over `.sandbox-data/mariadb`, kept across restarts. Each Sandbox gets its own database on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import childProcessModule = require('node:child_process');
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What to run when MariaDB is missing and we may not install it ourselves. */
export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y mariadb-server-core mariadb-client-core';

export interface MariaDbBinaries {
  server: string;
  installDb: string;
  /** `mariadbd --version`, e.g. "mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)". */
  version: string;
}

export interface MariaDbServerInfo {
  socketPath: string;
  dataDir: string;
  version: string;
  /** False when another process (an earlier `npm start` still running) owns the server on this data directory. */
  owned: boolean;
  /** How long finding, initialising and starting took, in ms (0 when the server was already running). */
  startMs: number;
  alive(): boolean;
  /** Stops the server (when this process owns it) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface ServerRequest {
  /** The data directory; a fresh one in the temp folder, deleted when the server stops, when absent. */
  dataDir?: string;
  log?: (line: string) => void;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function findExecutable(names: readonly string[]): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/sbin'];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function findBinaries(): Omit<MariaDbBinaries, 'version'> | null {
  const server = findExecutable(['mariadbd', 'mysqld']);
  const installDb = findExecutable(['mariadb-install-db', 'mysql_install_db']);
  return server && installDb ? { server, installDb } : null;
}

interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command without blocking the event loop (Jest's timers and other tests keep running). */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

const tail = (text: string, lines = 25): string => text.trimEnd().split('\n').slice(-lines).join('\n');

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `work` holding a lock that other processes (parallel Jest workers) respect: `mkdir` is atomic, and a lock
 * whose owner has died is taken over, so a killed run never blocks the next one.
 */
async function withLock<T>(lockDir: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const owner = path.join(lockDir, 'owner');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = NaN;
      try {
        holder = Number(readFileSync(owner, 'utf8'));
      } catch {
        // The owner file is written just after the mkdir; give its writer a moment.
      }
      if (Number.isInteger(holder) && holder > 0 && !pidAlive(holder)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the lock ${lockDir} (held by pid ${holder}).`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

async function installWithApt(log: (line: string) => void): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const packages = ['install', '-y', '--no-install-recommends', 'mariadb-server-core', 'mariadb-client-core'];
  log('sandbox: MariaDB is not installed; installing mariadb-server-core with apt-get (once, about 20 s)…');
  let result = await run('apt-get', packages, env);
  if (result.code !== 0) {
    // A fresh image has no package lists ("Unable to locate package"); fetch them and try again.
    const update = await run('apt-get', ['update'], env);
    if (update.code !== 0) throw new Error(`apt-get update failed:\n${tail(update.output)}`);
    result = await run('apt-get', packages, env);
  }
  if (result.code !== 0) throw new Error(`apt-get install mariadb-server-core failed:\n${tail(result.output)}`);
}

/** The server and its initialiser; installs them when missing and we are root. */
export async function findMariaDb(log: (line: string) => void = console.log): Promise<MariaDbBinaries> {
  let found = findBinaries();
  if (!found) {
    // UPSTREAM_SANDBOX_NO_INSTALL=1 keeps a root shell (a CI image, a shared box) from changing the system.
    if (!isRoot() || process.env.UPSTREAM_SANDBOX_NO_INSTALL === '1') {
      throw new Error(`The sandbox's Forge SQL needs a MariaDB server (mariadbd), which is not installed. Run:\n  ${INSTALL_COMMAND}`);
    }
    await withLock(path.join(tmpdir(), 'upstream-mariadb-install.lock'), 10 * 60_000, async () => {
      if (!findBinaries()) await installWithApt(log);
    });
    found = findBinaries();
    if (!found) throw new Error(`apt-get installed MariaDB but no mariadbd was found on PATH or in /usr/sbin. Run:\n  ${INSTALL_COMMAND}`);
  }
  const version = await run(found.server, ['--version']);
  return { ...found, version: version.output.trim() };
}

/**
 * InnoDB's redo log is 96 MiB by default, nearly all of a new data directory; 16 MiB makes copying the template
 * cheap and is plenty for the sandbox. The server must start with the size the directory was made with, or it
 * rewrites the log.
 */
const STORAGE_ARGS = ['--innodb-log-file-size=16M'];

/** `mariadb-install-db` into a staging directory, renamed into place when complete. */
async function initialiseDataDir(bin: MariaDbBinaries, dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, 'mysql'))) return;
  const staging = `${dataDir}.init-${process.pid}-${randomBytes(3).toString('hex')}`;
  mkdirSync(staging, { recursive: true });
  try {
    const args = ['--no-defaults', `--datadir=${staging}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve', ...STORAGE_ARGS];
    if (isRoot()) args.push('--user=root');
    const result = await run(bin.installDb, args);
    if (result.code !== 0) throw new Error(`${bin.installDb} failed (exit ${result.code}):\n${tail(result.output)}`);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(path.dirname(dataDir), { recursive: true });
    renameSync(staging, dataDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * A freshly initialised data directory to copy for each Jest worker: copying is much cheaper than running
 * `mariadb-install-db` again. Keyed by the server's version, made once under a lock.
 */
async function templateDataDir(bin: MariaDbBinaries): Promise<string> {
  const key = createHash('sha1').update(bin.server).update(bin.version).update(STORAGE_ARGS.join(' ')).digest('hex').slice(0, 12);
  const template = path.join(tmpdir(), `upstream-mariadb-template-${key}`);
  if (existsSync(path.join(template, 'mysql'))) return template;
  await withLock(`${template}.lock`, 5 * 60_000, () => initialiseDataDir(bin, template));
  return template;
}

/** A Unix socket path must fit in 108 bytes; a deep checkout gets its socket in the temp folder instead. */
export function socketPathFor(dataDir: string): string {
  const inside = path.join(dataDir, 'mariadbd.sock');
  if (Buffer.byteLength(inside) < 100) return inside;
  return path.join(tmpdir(), `upstream-mariadb-${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}.sock`);
}

/** Resolves true once the socket answers with the server's greeting, false if nothing listens there. */
function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('data', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(2000, () => done(false));
  });
}

/**
 * The shell guard. fd 3 keeps the pipe from our process (a background job's stdin is /dev/null); EOF on it —
 * our process closed it or died — stops the server. The server does not inherit the pipe.
 */
const GUARD_SCRIPT = [
  // Our end of the stderr pipe may be gone by the time the server exits: a write must not kill the guard
  // before it has deleted the data directory.
  "trap '' PIPE",
  'exec 3<&0',
  '"$@" 3<&- </dev/null &',
  'pid=$!',
  '( read -r _ <&3; kill -"$UPSTREAM_MARIADB_STOP_SIGNAL" "$pid" 2>/dev/null ) &',
  'wait "$pid"',
  'status=$?',
  // The log is about to be deleted with a throwaway data directory: pass on its end, which says why it stopped.
  'if [ -n "$UPSTREAM_MARIADB_THROWAWAY" ]; then tail -n 30 "$UPSTREAM_MARIADB_LOG" >&2 2>/dev/null; rm -rf -- "$UPSTREAM_MARIADB_THROWAWAY"; fi',
  'exit "$status"',
].join('\n');

/**
 * Server settings that make MariaDB behave like Forge SQL's TiDB where the app could notice: utf8mb4 with the
 * binary collation (TiDB's default: comparisons are case- and accent-sensitive), TiDB's default sql_mode, UTC,
 * with foreign keys parsed but not enforced ("Foreign keys are not supported", Forge SQL limits) set per
 * database by the SQL handler, since MariaDB takes `foreign_key_checks` only at run time.
 */
function serverArgs(dataDir: string, socketPath: string, throwaway: boolean): string[] {
  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--socket=${socketPath}`,
    `--pid-file=${path.join(dataDir, 'mariadbd.pid')}`,
    `--log-error=${path.join(dataDir, 'mariadbd.err')}`,
    '--skip-networking',
    '--skip-name-resolve',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_bin',
    '--default-time-zone=+00:00',
    '--sql-mode=ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION',
    '--local-infile=0',
    '--max-connections=1000',
    '--max-prepared-stmt-count=200000',
    '--innodb-buffer-pool-size=64M',
    ...STORAGE_ARGS,
    // A throwaway database need not survive a power cut; the saved one of `npm start` survives a crash of the process.
    `--innodb-flush-log-at-trx-commit=${throwaway ? 0 : 2}`,
  ];
  if (throwaway) args.push('--innodb-doublewrite=0');
  if (isRoot()) args.push('--user=root');
  return args;
}

async function launch(bin: MariaDbBinaries, dataDir: string, throwaway: boolean, startedAt: number): Promise<MariaDbServerInfo> {
  const socketPath = socketPathFor(dataDir);
  const logFile = path.join(dataDir, 'mariadbd.err');
  if (existsSync(socketPath)) {
    if (!throwaway && (await socketAnswers(socketPath))) {
      // Another process (an `npm start` still running) serves this data directory: share it, leave it running.
      return { socketPath, dataDir, version: bin.version, owned: false, startMs: 0, alive: () => existsSync(socketPath), stop: async () => {} };
    }
    unlinkSync(socketPath);
  }
  const child: ChildProcess = spawn('/bin/sh', ['-c', GUARD_SCRIPT, 'mariadb-guard', bin.server, ...serverArgs(dataDir, socketPath, throwaway)], {
    // Its own process group: Ctrl+C in the terminal reaches us, and we stop the server in order.
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: {
      ...process.env,
      UPSTREAM_MARIADB_STOP_SIGNAL: throwaway ? 'KILL' : 'TERM',
      UPSTREAM_MARIADB_THROWAWAY: throwaway ? dataDir : '',
      UPSTREAM_MARIADB_LOG: logFile,
    },
  });
  let guardOutput = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    guardOutput = (guardOutput + chunk.toString('utf8')).slice(-8000);
  });
  let exitCode: number | null | undefined;
  child.once('exit', (code) => {
    exitCode = code;
    // Lets the guard's reader see EOF if the server died by itself.
    child.stdin?.destroy();
  });
  // 'close' comes after 'exit', once the guard's stderr (the end of the server's log) has been read.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // Neither the guard nor its pipe keep the process alive: when everything else is done, the process exits,
  // the pipe closes, and the guard stops the server. Jest can exit without a teardown hook.
  child.unref();
  (child.stdin as unknown as net.Socket | null)?.unref();
  (child.stderr as unknown as net.Socket | null)?.unref();

  const readyBy = Date.now() + 60_000;
  for (;;) {
    if (exitCode !== undefined) {
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : guardOutput;
      throw new Error(`mariadbd exited (code ${exitCode}) before it was ready. Its log:\n${tail(log)}`);
    }
    if (existsSync(socketPath) && (await socketAnswers(socketPath))) break;
    if (Date.now() > readyBy) {
      child.stdin?.end();
      throw new Error(`mariadbd did not open ${socketPath} within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    socketPath,
    dataDir,
    version: bin.version,
    owned: true,
    startMs: performance.now() - startedAt,
    alive: () => exitCode === undefined,
    stop: async () => {
      if (exitCode !== undefined) return;
      // Held while we wait, or an otherwise idle process would exit before the server has shut down.
      child.ref();
      (child.stderr as unknown as net.Socket | null)?.ref();
      child.stdin?.end();
      await exited;
    },
  };
}

async function startServer(request: ServerRequest): Promise<MariaDbServerInfo> {
  const startedAt = performance.now();
  const log = request.log ?? ((line: string) => console.log(line));
  const bin = await findMariaDb(log);
  const template = await templateDataDir(bin);
  if (request.dataDir) {
    if (!existsSync(path.join(request.dataDir, 'mysql'))) copyInto(template, request.dataDir);
    return launch(bin, request.dataDir, false, startedAt);
  }
  sweepOrphans();
  const dataDir = path.join(tmpdir(), `upstream-mariadb-${process.pid}-${randomBytes(4).toString('hex')}`);
  copyInto(template, dataDir);
  return launch(bin, dataDir, true, startedAt);
}

/**
 * Throwaway data directories whose process is gone and whose guard never finished (the machine stopped, or a
 * copy was cut short): named by their owner's pid, so they can be told from a live worker's.
 */
function sweepOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const owner = /^upstream-mariadb-(\d+)-/.exec(name);
    if (owner && Number(owner[1]) !== process.pid && !pidAlive(Number(owner[1]))) {
      rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

/** Copies the template into place through a staging directory, so an interrupted copy is never mistaken for a data directory. */
function copyInto(template: string, dataDir: string): void {
  const staging = `${dataDir}.copy-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    cpSync(template, staging, { recursive: true });
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(path.dirname(dataDir), { recursive: true });
    renameSync(staging, dataDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Servers started by this process, by data directory ('' for the throwaway one). Jest gives every test file
 * its own module registry, so a module-level variable would start a server per file; built-in modules are
 * the one thing a worker's test files share, so the registry hangs off `child_process` under a global symbol.
 */
const REGISTRY = Symbol.for('upstream.sandbox.mariadb-servers');
type Registry = Map<string, Promise<MariaDbServerInfo>>;

function registry(): Registry {
  const holder = childProcessModule as unknown as Record<symbol, Registry | undefined>;
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/** This process's server for `dataDir` (throwaway when absent), started on first use and shared after that. */
export async function mariaDbServer(request: ServerRequest = {}): Promise<MariaDbServerInfo> {
  const key = request.dataDir ? path.resolve(request.dataDir) : '';
  const servers = registry();
  const existing = servers.get(key);
  if (existing) {
    const server = await existing.catch(() => null);
    if (server?.alive()) return server;
    servers.delete(key);
  }
  const starting = startServer({ ...request, dataDir: key || undefined });
  servers.set(key, starting);
  starting.catch(() => servers.delete(key));
  return starting;
}

/** Stops every server this process started (for `npm start`'s shutdown; tests need not call it). */
export async function stopMariaDbServers(): Promise<void> {
  const servers = registry();
  const all = [...servers.values()];
  servers.clear();
  await Promise.all(all.map(async (p) => (await p.catch(() => null))?.stop()));
}
