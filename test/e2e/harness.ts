/**
 * What every browser test needs: a sandbox in memory, the bridge host on a free port, and Chromium from the
 * system (never `playwright install`: this machine cannot download browsers).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { REPO_ROOT, Sandbox } from '../sandbox/sandbox';
import { startHost, type RunningHost } from '../sandbox/host/host';
import { SEED_USERS, WORK_TYPE_FIELD_ID, type PersonaRole } from '../sandbox/seed';

export const STATIC_BUILD_DIR = path.join(REPO_ROOT, 'static/build');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs/screenshots');
export const screenshotsWanted = (): boolean => process.env.UPSTREAM_SCREENSHOTS === '1';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}. Install it with \`apt-get install chromium\` or set CHROMIUM_PATH.`);
  }
  const sandbox = new Sandbox({ storageFile: ':memory:' });
  const host = await startHost({ sandbox, port: 0, staticDir: STATIC_BUILD_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
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
