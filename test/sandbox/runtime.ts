/**
 * Stands in for the Forge runtime: defines the globals the real `@forge/api`, `@forge/kvs` and `@forge/sql`
 * call (`global.__forge_runtime__`, `global.__forge_fetch__`) and routes each call to the Jira emulator, the
 * storage, Forge SQL or the async events queue (`@forge/events`); and the egress `fetch` to Slack's emulator. Which user an `asUser()` call runs as is not in the call itself (forge-reference §13),
 * so it comes from an AsyncLocalStorage that the sandbox sets around every resolver invocation.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler, SandboxRequest } from './http';
import { toFetchResponse } from './http';
import { sandboxSlack } from './slack/slack-emulator';

export interface InvocationScope {
  /** The account the current invocation runs for; null in webtriggers and app-only triggers. */
  accountId: string | null;
  moduleKey: string;
}

export const invocationScope = new AsyncLocalStorage<InvocationScope>();

export interface RuntimeTargets {
  jira: RequestHandler;
  storage: RequestHandler;
  /** Forge SQL (`@forge/sql`); a runtime without it answers SQL requests 501. */
  sql?: RequestHandler;
  /** Forge's async events queue (`@forge/events`); a runtime without it answers its requests 501. */
  events?: RequestHandler;
  /** hooks.slack.com and slack.com for `@forge/api`'s fetch; the process's `sandboxSlack` when not given. */
  slack?: RequestHandler;
  appId: string;
  environmentId: string;
  installationId: string;
}

interface ForgeFetchTarget {
  type: string;
  provider: string;
  remote?: string;
  accountId?: string;
}

type Counter = { incr(): void };
const noopMetrics = {
  counter: (): Counter => ({ incr() {} }),
  timing: () => ({ measure: () => ({ stop() {} }) }),
};

let current: RuntimeTargets | null = null;

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers ?? {}).forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

async function bodyText(init: RequestInit | undefined): Promise<string | undefined> {
  const b = init?.body;
  if (b === undefined || b === null) return undefined;
  if (typeof b === 'string') return b;
  return new Response(b as BodyInit).text();
}

async function forgeFetch(target: ForgeFetchTarget, path: string, init?: RequestInit): Promise<Response> {
  if (!current) throw new Error('The sandbox runtime is not installed (call installForgeRuntime first).');
  const targets = current;
  const scope = invocationScope.getStore();
  const base = {
    method: (init?.method ?? 'GET').toUpperCase(),
    path,
    headers: headersOf(init),
    body: await bodyText(init),
  };
  if (target.type === 'kvs') {
    return toFetchResponse(await targets.storage.handle({ ...base, asUser: null }));
  }
  // @forge/sql: __fetchProduct({ provider: 'app', remote: 'sql', type: 'sql' }), always as the app.
  if (target.type === 'sql' && targets.sql) {
    return toFetchResponse(await targets.sql.handle({ ...base, asUser: null }));
  }
  // @forge/events: __requestAtlassianAsApp = __fetchProduct({ provider: 'app', remote: 'stargate', type: 'fpp' }),
  // POST /webhook/queue/{publish|stats|cancel}/{contextAri}/… (placeholders sent literally).
  if (target.type === 'fpp' && target.remote === 'stargate' && path.startsWith('/webhook/queue/') && targets.events) {
    return toFetchResponse(await targets.events.handle({ ...base, asUser: null }));
  }
  if (target.type === 'fpp' && target.remote === 'jira') {
    let asUser: string | null = null;
    if (target.provider === 'user') {
      asUser = target.accountId ?? scope?.accountId ?? null;
      if (!asUser) {
        // The platform refuses asUser() where there is no user (webtriggers, app-only triggers).
        return toFetchResponse({
          status: 401,
          headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' },
          body: { message: 'asUser() has no user in this invocation' },
        });
      }
    }
    const req: SandboxRequest = { ...base, asUser, fromApp: true };
    return toFetchResponse(await targets.jira.handle(req));
  }
  return toFetchResponse({
    status: 501,
    body: { message: `The sandbox does not model Forge fetch target ${JSON.stringify(target)}` },
  });
}

/** The hosts the app may reach with `fetch` (manifest.yml `permissions.external.fetch.backend`), each emulated. */
const EGRESS_ORIGINS = ['https://hooks.slack.com', 'https://slack.com'];

/**
 * `@forge/api`'s `fetch` for outbound HTTP: hooks.slack.com goes to the Slack emulator; any other host is refused
 * as the platform refuses a host the manifest does not list — never sent to the real internet from a test.
 */
async function egressFetch(target: string | { value: string }, init?: RequestInit): Promise<Response> {
  const url = new URL(typeof target === 'string' ? target : target.value);
  if (!EGRESS_ORIGINS.includes(url.origin)) {
    throw new Error(`The sandbox refuses egress to ${url.origin}: manifest.yml's permissions.external.fetch.backend lists only ${EGRESS_ORIGINS.join(', ')}.`);
  }
  const slack = current?.slack ?? sandboxSlack;
  const request: SandboxRequest = {
    method: (init?.method ?? 'GET').toUpperCase(),
    path: `${url.pathname}${url.search}`,
    // The Host tells the emulator response URLs (hooks.slack.com) from the Web API (slack.com).
    headers: { ...headersOf(init), host: url.host },
    body: await bodyText(init),
    asUser: null,
  };
  return toFetchResponse(await slack.handle(request));
}

/**
 * `@forge/api` 8.3 binds its `fetch` export to the global fetch when it loads (api/fetch.js getFetchAPI), since
 * the Forge runtime provides egress through that global. Here it may have loaded before the sandbox did (any
 * file importing src/jira), so the export itself is replaced; callers read it at each call (`api_1.fetch(…)`).
 */
function installEgressFetch(): void {
  const forgeApi = require('@forge/api') as { fetch: unknown };
  forgeApi.fetch = egressFetch;
}

/** Installs the globals; calling it again swaps the targets (each test file builds its own sandbox). */
export function installForgeRuntime(targets: RuntimeTargets): void {
  current = targets;
  installEgressFetch();
  const g = globalThis as Record<string, unknown>;
  g.__forge_fetch__ = forgeFetch;
  g.__forge_runtime__ = {
    metrics: noopMetrics,
    appContext: {
      appId: targets.appId,
      environmentId: targets.environmentId,
      installationId: targets.installationId,
      moduleKey: 'sandbox',
    },
    lambdaContext: { getRemainingTimeInMillis: () => 25000 },
    proxy: { token: 'sandbox', url: 'http://sandbox.invalid' },
  };
}
