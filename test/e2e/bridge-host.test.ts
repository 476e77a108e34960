/**
 * The bridge host's HTTP contract without a browser: who a resolver runs as is decided by the host, the app is
 * served with the bridge injected before it, and the webtrigger is passed through as Forge would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Sandbox } from '../sandbox/sandbox';
import { startHost, type RunningHost } from '../sandbox/host/host';
import { STATIC_BUILD_DIR } from './harness';

let sandbox: Sandbox | undefined;
let host: RunningHost | undefined;
const url = (route: string): string => {
  if (!host) throw new Error('The host did not start');
  return `${host.url}${route}`;
};

beforeAll(async () => {
  sandbox = new Sandbox({ storageFile: ':memory:' });
  host = await startHost({ sandbox, port: 0, staticDir: STATIC_BUILD_DIR });
});
afterAll(async () => {
  await host?.close();
  sandbox?.close();
});

const invoke = (cookie: string | null, body: unknown) =>
  fetch(url('/__sandbox/invoke'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

test('GET /__sandbox/health answers 200', async () => {
  const response = await fetch(url('/__sandbox/health'));
  expect(response.status).toBe(200);
});

test('a resolver runs as the persona in the session cookie', async () => {
  const response = await invoke('upstream-sandbox-persona=designer', {
    frame: { moduleKey: 'context-panel', issueKey: 'PAY-3' },
    functionKey: 'viewer.get',
    payload: {},
  });
  const body = (await response.json()) as { result: { ok: boolean; data?: { displayName: string } } };
  expect(body.result).toMatchObject({ ok: true, data: { displayName: 'Tomás Ortega' } });
});

test('without a signed-in persona a resolver answers unauthenticated', async () => {
  const response = await invoke(null, { frame: { moduleKey: 'settings' }, functionKey: 'viewer.get', payload: {} });
  const body = (await response.json()) as { result: { ok: boolean; error?: { code: string } } };
  expect(body.result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
});

test('a frame cannot name its own user: unknown frame fields are refused', async () => {
  const response = await invoke('upstream-sandbox-persona=restricted', {
    frame: { moduleKey: 'settings', accountId: '5b10ac8d82e05b22cc7d4ef5' },
    functionKey: 'settings.overview',
    payload: {},
  });
  expect(response.status).toBe(400);
});

test('a frame for a module the manifest does not declare is refused', async () => {
  const response = await invoke('upstream-sandbox-persona=engineer', { frame: { moduleKey: 'nope' }, functionKey: 'viewer.get' });
  expect(response.status).toBe(404);
});

test('the app is served with the bridge script first in <head>', async () => {
  const html = await (await fetch(url('/app/index.html?module=settings'))).text();
  const bridgeAt = html.indexOf('/__sandbox/page/bridge.js');
  const appAt = html.indexOf('type="module"');
  expect(bridgeAt).toBeGreaterThan(0);
  expect(bridgeAt).toBeLessThan(appAt);
});

test('a missing build answers 503 and says to run npm run build:static', async () => {
  const emptyDir = mkdtempSync(path.join(tmpdir(), 'upstream-no-build-'));
  const bareHost = await startHost({ sandbox: sandbox as Sandbox, port: 0, staticDir: emptyDir });
  try {
    const response = await fetch(`${bareHost.url}/app/index.html`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { message: string }).message).toContain('npm run build:static');
  } finally {
    await bareHost.close();
  }
});

test('the webtrigger passes the request to the signal-intake handler and returns its response', async () => {
  const response = await fetch(url('/x1/signal-intake'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'unsigned' }),
  });
  // No intake secret exists yet in a fresh sandbox: the handler refuses, and says why, as JSON.
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.headers.get('content-type')).toContain('application/json');
  expect(((await response.json()) as { message?: string }).message).toEqual(expect.any(String));
});

test('the webtrigger refuses methods Forge web triggers do not accept', async () => {
  const response = await fetch(url('/x1/signal-intake'), { method: 'OPTIONS' });
  expect(response.status).toBe(405);
});
