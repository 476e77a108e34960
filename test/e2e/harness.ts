/**
 * What every browser test needs: a sandbox in memory, the bridge host on a free port, and a Chromium that needs
 * no download (never `playwright install`: these machines cannot download browsers). The system's Chromium
 * (`CHROMIUM_PATH`, else /usr/bin/chromium) when there is one; otherwise the headless Chromium that the
 * `@sparticuz/chromium` npm package ships, so a fresh machine runs the browser tests after `npm install` alone.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT, Sandbox } from '../sandbox/sandbox';
import { startHost, type RunningHost } from '../sandbox/host/host';
import { SEED_USERS, WORK_TYPE_FIELD_ID, type PersonaRole } from '../sandbox/seed';

export const STATIC_BUILD_DIR = path.join(REPO_ROOT, 'static/build');
export const screenshotsWanted = (): boolean => process.env.UPSTREAM_SCREENSHOTS === '1';
/**
 * Where screenshots go: the tracked images under docs/screenshots only when asked for (UPSTREAM_SCREENSHOTS=1),
 * otherwise a scratch folder, so that `npm test` leaves the working tree as it found it. Tests that take a
 * picture on every run (sprint-shape.test.ts) still exercise the screenshot path, just not into git.
 */
export const SCREENSHOT_DIR = screenshotsWanted()
  ? path.join(REPO_ROOT, 'docs/screenshots')
  : path.join(os.tmpdir(), 'upstream-screenshots');

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
  /** Extra environment for the browser process; undefined = inherit ours. */
  env?: Record<string, string>;
  source: 'system' | 'packaged';
}

/**
 * Which Chromium to launch: the system's when the configured path exists, otherwise the packaged one.
 *
 * The packaged Chromium (a headless shell) starts with our own flags; none of `@sparticuz/chromium`'s `args` is
 * needed outside AWS Lambda, and some would make the tests lie. `--single-process`, `--no-zygote` and
 * `--disable-setuid-sandbox` work around Lambda's process sandbox (`--no-zygote` alone made each new browser
 * context 1.2–1.8× slower to open here, and `--single-process` breaks separate contexts); `--disable-web-security`,
 * `--allow-running-insecure-content` and turning off site isolation would let through what a real browser
 * refuses (the host frames each surface cross-origin, as Jira does); the SwiftShader flags serve WebGL, which
 * `--disable-gpu` turns off. What the package does need is its files unpacked (below) and, on a machine with no
 * fontconfig of its own, its fonts.
 */
export async function chromiumLaunch(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumLaunch> {
  const systemPath = env.CHROMIUM_PATH ?? SYSTEM_CHROMIUM;
  if (existsSync(systemPath)) return { executablePath: systemPath, args: CHROMIUM_ARGS, source: 'system' };
  const packaged = (await import('@sparticuz/chromium')).default;
  const executablePath = await unpackPackagedChromium(() => packaged.executablePath());
  // The package unpacks Open Sans and a fonts.conf beside the binary but points fontconfig at them only on
  // Amazon Linux; a machine with no fontconfig of its own would otherwise draw every glyph as a box.
  const fontsDir = path.join(path.dirname(executablePath), 'fonts');
  const needsFonts = !existsSync('/etc/fonts/fonts.conf') && existsSync(path.join(fontsDir, 'fonts.conf'));
  return {
    executablePath,
    args: CHROMIUM_ARGS,
    ...(needsFonts ? { env: { ...stringEnv(process.env), FONTCONFIG_PATH: fontsDir } } : {}),
    source: 'packaged',
  };
}

const stringEnv = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));

const UNPACK_LOCK_STALE_MS = 2 * 60_000;
const UNPACK_WAIT_MS = 3 * 60_000;

function packagedChromiumVersion(): string {
  // The package's `exports` map hides package.json from require(), so it is read from beside its entry point
  // (build/cjs/index.cjs).
  const manifest = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '../../package.json');
  const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
  const version = typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}

/**
 * `@sparticuz/chromium`'s executablePath() unpacks ~200 MB to os.tmpdir()/chromium and returns early whenever
 * that file exists — including while another process is still writing it. Two Jest workers starting browser
 * tests together would then launch a half-written binary (exec format error, ETXTBSY). So the first process
 * takes a lock (mkdir is atomic), unpacks, and leaves a marker naming the package version; the others wait for
 * the marker. A binary without a marker (a run killed mid-unpack, or another version of the package, which the
 * package itself would happily reuse) is removed before unpacking again.
 */
export async function unpackPackagedChromium(
  unpack: () => Promise<string>,
  tmpDir: string = os.tmpdir(),
  version: string = packagedChromiumVersion(),
): Promise<string> {
  const binary = path.join(tmpDir, 'chromium');
  const marker = path.join(tmpDir, `upstream-chromium-${version}.ready`);
  const lock = path.join(tmpDir, 'upstream-chromium.lock');
  const ready = (): boolean => existsSync(marker) && existsSync(binary);
  if (ready()) return binary;
  const deadline = Date.now() + UNPACK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error: unknown) {
      // Not `instanceof Error`: under Jest, errors from Node's fs come from another realm and fail that test.
      if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    if (ready()) return binary;
    if (lockAgeMs(lock) > UNPACK_LOCK_STALE_MS) {
      // Its holder died mid-unpack (a killed test run); nobody else will remove it.
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another process to unpack Chromium (lock ${lock}).`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    if (ready()) return binary;
    rmSync(binary, { force: true });
    const unpacked = await unpack();
    writeFileSync(marker, `${unpacked}\n`);
    return unpacked;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function lockAgeMs(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return 0; // removed between our mkdir and stat: its holder has just finished
  }
}

/** Browser tests wait on real resolver round trips through the sandbox; a generous but bounded wait. */
export const UI_TIMEOUT_MS = 15_000;

export interface E2eWorld {
  sandbox: Sandbox;
  host: RunningHost;
  browser: Browser;
}

export async function startWorld(): Promise<E2eWorld> {
  if (!existsSync(path.join(STATIC_BUILD_DIR, 'index.html')) || !existsSync(path.join(STATIC_BUILD_DIR, 'assets'))) {
    throw new Error(
      `The Custom UI app is not built (${STATIC_BUILD_DIR} has no index.html and assets). Run \`npm run build:static\` first; \`npm test\` does it for you.`,
    );
  }
  const launch = await chromiumLaunch();
  const sandbox = new Sandbox({ storageFile: ':memory:' });
  const host = await startHost({ sandbox, port: 0, staticDir: STATIC_BUILD_DIR });
  const browser = await chromium.launch({
    executablePath: launch.executablePath,
    args: launch.args,
    ...(launch.env ? { env: launch.env } : {}),
  });
  return { sandbox, host, browser };
}

export async function stopWorld(world: E2eWorld | undefined): Promise<void> {
  if (!world) return;
  await world.browser.close();
  await world.host.close();
  world.sandbox.close();
}

/**
 * One world per test file: started before its first test (then `afterStart`, e.g. seeding app data), stopped
 * after its last. Returns a getter, since the world exists only once `beforeAll` has run.
 */
export function useWorld(afterStart?: (world: E2eWorld) => Promise<void>): () => E2eWorld {
  let world: E2eWorld | undefined;
  beforeAll(async () => {
    world = await startWorld();
    await afterStart?.(world);
  }, 60_000);
  afterAll(() => stopWorld(world));
  return () => {
    if (!world) throw new Error('The e2e world did not start');
    return world;
  };
}

/**
 * A fresh browser context signed in as `persona`, as the host page's user switcher does it (a cookie the host
 * reads on every bridge call), and optionally in the dark theme.
 */
export async function signedInContext(
  world: E2eWorld,
  persona: PersonaRole,
  colorMode: 'light' | 'dark' = 'light',
): Promise<BrowserContext> {
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  await context.addCookies([
    { name: 'upstream-sandbox-persona', value: persona, url: world.host.url },
    { name: 'upstream-sandbox-theme', value: colorMode, url: world.host.url },
  ]);
  return context;
}

export async function openPage(world: E2eWorld, context: BrowserContext, hashRoute: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${world.host.url}/${hashRoute}`);
  return page;
}

/** What a resolver answers this persona directly, to compare with what the browser shows. */
export async function resolverData<T>(
  world: E2eWorld,
  persona: PersonaRole,
  moduleKey: string,
  functionKey: string,
  payload: Record<string, unknown>,
): Promise<T> {
  const result = (await world.sandbox.invoke({ accountId: SEED_USERS[persona], moduleKey, extension: {} }, functionKey, payload)) as
    | { ok: true; data: T }
    | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${functionKey} failed for ${persona}: ${result.error.message}`);
  return result.data;
}

/** The stored value of the Work type field, read from the Jira emulator as the app. */
export async function storedWorkType(world: E2eWorld, issueKey: string): Promise<unknown> {
  const response = await world.sandbox.jira.handle({
    method: 'GET',
    path: `/rest/api/3/issue/${issueKey}?fields=${WORK_TYPE_FIELD_ID}`,
    headers: {},
    asUser: null,
  });
  const body = response.body as { fields?: Record<string, unknown> } | undefined;
  return body?.fields?.[WORK_TYPE_FIELD_ID] ?? null;
}

/** A Custom UI frame by its title, as the host page names it ("Upstream context", "Work type" …). */
export const surface = (page: Page, title: string): FrameLocator => page.frameLocator(`iframe[title="${title}"]`);

/** Polls `read` until it satisfies `accept` (for styles that settle after a stylesheet loads). */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/**
 * A picture for the README: from the top of `first` to the bottom of `last` (in a frame or not), as wide as the
 * wider of the two, with a margin of the page around it — enough for a dialog's shadow, less than the gap between
 * two sections, so the neighbours stay out.
 */
export async function shootBetween(page: Page, first: Locator, file: string, { last = first, margin = 8 }: { last?: Locator; margin?: number } = {}): Promise<void> {
  // At the top of the page, boxes (relative to the viewport) are in the full page's coordinates too.
  await page.evaluate(() => window.scrollTo(0, 0));
  const top = await first.boundingBox();
  const bottom = await last.boundingBox();
  if (!top || !bottom) throw new Error(`Nothing to photograph for ${file}`);
  const left = Math.min(top.x, bottom.x);
  const right = Math.max(top.x + top.width, bottom.x + bottom.width);
  const x = Math.max(0, left - margin);
  const y = Math.max(0, top.y - margin);
  const pageWidth = page.viewportSize()?.width ?? right + margin;
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: { x, y, width: Math.min(pageWidth - x, right - left + 2 * margin), height: bottom.y + bottom.height - top.y + 2 * margin },
  });
}

/** The triage page of a project's Inbox as `persona` sees it, once its first cluster is listed; `close` ends the browser context. */
export async function openTriageInbox(
  world: E2eWorld,
  persona: PersonaRole,
  { projectKey = 'PAY', colorMode = 'light' }: { projectKey?: string; colorMode?: 'light' | 'dark' } = {},
): Promise<{ page: Page; triage: FrameLocator; close: () => Promise<void> }> {
  const context = await signedInContext(world, persona, colorMode);
  const page = await openPage(world, context, `#/project/${projectKey}`);
  const triage = surface(page, 'Upstream triage');
  await triage.getByTestId('triage-tab-inbox').click();
  await triage.getByTestId('inbox-cluster').first().waitFor();
  return { page, triage, close: () => context.close() };
}
