/**
 * `npm start`: the sandbox with its storage on disk, and the bridge host serving the built app and the host
 * page. Open the printed URL to click through Upstream as each persona would.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, Sandbox } from './sandbox';
import { startHost, type RunningHost } from './host/host';
import { loadSiteSeededOn, sandboxFiles, siteSaver } from './persisted-site';
import { seedAppData } from './seed/app-data';
import { socketPathFor, stopMariaDbServers } from './sql/mariadb-server';

/** Forge SQL's database for `npm start`, on the MariaDB data directory kept in .sandbox-data/mariadb. */
const SQL_DATABASE = 'forge_upstream';

/** How often the emulator's site is written back to disk when it changed. */
const SAVE_INTERVAL_MS = 2000;

const DEFAULT_PORT = 4400;

/** manifest.yml's `sweeper` scheduled trigger runs every five minutes (`interval: fiveMinute`), as on Forge. */
const SWEEPER_INTERVAL_MS = 5 * 60_000;

function requestedPort(): number {
  const fromEnv = process.env.PORT;
  if (fromEnv === undefined || fromEnv === '') return DEFAULT_PORT;
  const port = Number(fromEnv);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${fromEnv}"`);
  return port;
}

const isAddressInUse = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE';

async function main(): Promise<void> {
  const files = sandboxFiles(path.join(REPO_ROOT, '.sandbox-data'));
  mkdirSync(files.dir, { recursive: true });
  const today = new Date();
  const savedSite = loadSiteSeededOn(files, today, process.argv.includes('--fresh'));
  const sqlDataDir = path.join(files.dir, 'mariadb');
  // A reseeded site starts with empty storage, so its SQL data goes too: dropped on first use rather than at
  // start (the server starts lazily), and remembered in a file until then, so a run that ends before using SQL
  // does not leave yesterday's rows beside today's storage.
  const sqlResetPending = path.join(files.dir, 'mariadb-reset-pending');
  if (!savedSite) writeFileSync(sqlResetPending, today.toISOString());
  const sandbox = new Sandbox({
    storageFile: files.storageFile,
    today,
    ...(savedSite ? { site: savedSite } : {}),
    sql: {
      dataDir: sqlDataDir,
      database: SQL_DATABASE,
      fresh: existsSync(sqlResetPending),
      onFresh: () => rmSync(sqlResetPending, { force: true }),
    },
    // Async events in real time: a retry asked for in 60 s comes in 60 s.
    events: { delayScale: 1 },
  });
  // Idempotent: on a restart the same day it finds its records and writes nothing. The emulated Slack's bot token
  // is saved as an admin would save it, so reps are told in Slack (the host's Slack page) from the first route.
  await seedAppData(sandbox, today, { slackBotToken: true });
  const saveSite = siteSaver(files, sandbox.jira.site, today);
  saveSite();
  const saveTimer = setInterval(saveSite, SAVE_INTERVAL_MS);
  // The scheduled sweeper, as Forge runs it: re-pushes outbox rows left pending. Its failures are logged only
  // (Forge does not retry scheduled triggers either; the next run starts again from the table).
  const sweeperTimer = setInterval(() => {
    sandbox.runScheduledTrigger('sweeper').catch((error: unknown) => console.error('sandbox: the sweeper failed', error));
  }, SWEEPER_INTERVAL_MS);
  sweeperTimer.unref();
  const staticDir = path.join(REPO_ROOT, 'static/build');
  const port = requestedPort();

  let host: RunningHost;
  try {
    host = await startHost({ sandbox, port, staticDir, gadgetConfigFile: files.gadgetFile });
  } catch (error: unknown) {
    if (!isAddressInUse(error)) throw error;
    // Another process has the port (often an earlier `npm start`); any free port is better than failing.
    host = await startHost({ sandbox, port: 0, staticDir, gadgetConfigFile: files.gadgetFile });
    console.warn(`Port ${port} is taken; using ${new URL(host.url).port} instead.`);
  }

  console.log(`Upstream sandbox running at ${host.url}/`);
  console.log(
    [
      `  Issue view (panel + Work type field): ${host.url}/#/issue/PAY-1`,
      `  Dashboard (Sprint shape gadget):      ${host.url}/#/dashboard`,
      `  Project page (Upstream triage):       ${host.url}/#/project/PAY`,
      `  Admin page (Upstream settings):       ${host.url}/#/admin`,
      `  Slack (emulated; bot token pre-saved): ${host.url}/#/slack`,
      `  Signal intake webtrigger:             POST ${host.url}/x1/signal-intake`,
      `  ${savedSite ? 'Resumed the site saved earlier today' : 'Seeded a fresh site for today'} (.sandbox-data/; \`npm start -- --fresh\` reseeds).`,
      `  Forge SQL: MariaDB on .sandbox-data/mariadb, started on first use (${sandbox.sql.enabled ? 'enabled' : 'off: manifest.yml declares no sql module'});`,
      `    by hand: mariadb --socket=${socketPathFor(sqlDataDir)} -u root ${SQL_DATABASE}`,
      '  Switch persona and theme in the top bar. Ctrl+C stops.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    clearInterval(saveTimer);
    clearInterval(sweeperTimer);
    saveSite();
    console.log(`\n${signal}: stopping the sandbox…`);
    host
      .close()
      .catch((error: unknown) => console.error('Closing the host failed:', error))
      .then(() => sandbox.close())
      // A clean MariaDB shutdown, so the next start finds no server still on its way out.
      .then(() => stopMariaDbServers())
      .catch((error: unknown) => console.error('Stopping the sandbox failed:', error))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('The sandbox could not start:', error);
  process.exit(1);
});
