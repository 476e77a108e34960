/**
 * The bridge host: serves the built Custom UI app the way Jira frames it, with `globalThis.__bridge` defined
 * before the app runs, so the real `@forge/bridge` reaches the real resolvers through the sandbox. Also serves
 * the host page (an issue view, a dashboard, a project page, the My signals global page and an admin page around
 * the frames) and the signal-intake webtrigger.
 *
 * Routes:
 *   GET  /                          the host page
 *   GET  /__sandbox/page/*          the host page's script and styles, and bridge.js (the frames' bridge)
 *   GET  /__sandbox/theme.css       design-token CSS for light and dark
 *   GET  /__sandbox/health          200 when the host is up
 *   GET  /__sandbox/catalog         personas, projects with a few issues each, gadgets, the current persona
 *   GET  /__sandbox/issue-view      an issue's own fields as the current persona sees them, and where they may move it
 *   POST /__sandbox/transition      moves an issue as the current persona (Jira's transitions API, so triggers fire)
 *   GET  /__sandbox/slack           what the sandbox's Slack workspace received from Upstream (the Slack page)
 *   GET  /__sandbox/frame           a frame's document as the manifest says: 302 to /app/… or /uikit/…
 *   POST /__sandbox/context         view.getContext() for a frame
 *   POST /__sandbox/invoke          invoke() for a frame → sandbox.invoke(...)
 *   POST /__sandbox/submit          view.submit() for a field or gadget edit frame
 *   GET  /app/*                     static/build; index.html gets bridge.js injected first in <head>
 *   GET  /uikit/<resource>/index.html   a UI Kit frame: bridge.js, the forge-doc renderer, the resource's bundle
 *   GET  /__sandbox/uikit-build/*   the UI Kit resources as `npm run build:static` bundles them (dist/uikit)
 *   GET  /__sandbox/uikit-renderer/*   the renderer that draws their forge docs with Atlaskit (dist/uikit-renderer)
 *   *    /x1/signal-intake[/...]    the webtrigger → sandbox.webtrigger('signal-intake', ...)
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { WebTriggerMethod, WebTriggerRequest } from '@forge/api';
import { parse as parseYaml } from 'yaml';
import { SANDBOX_APP_ID, SANDBOX_ENVIRONMENT_ID, readManifest, type Sandbox } from '../sandbox';
import { isWorkType } from '../../../src/domain/work-type';
import { ISSUE_KEY_PATTERN } from '../../../src/domain/issue-key';
import { forgetSignalIntakeUrl, webtriggerUrlPolicy } from '../../../src/jira/webtrigger-url';
import { HostJira } from './host-jira';
import { FrameContexts, FrameError, frameDocumentFor, frameIdentitySchema, moduleEntriesFromManifest, type FrameIdentity } from './frames';
import { GadgetStore } from './gadget-store';
import { PERSONA_LABELS, PERSONA_ROLES, viewerFrom, type Viewer } from './personas';
import { THEME_ATTRIBUTE, designTokenCss } from './theme-css';
import { HttpError, contentTypeOf, fileWithin, readBody, readFileOrNull, readJson, sendJson, sendText } from './http-util';
import { SEED_USERS } from '../seed';
import { UIKIT_BUILD_DIR, UIKIT_RENDERER_BUILD_DIR, uiKitResources } from '../../../scripts/uikit-resources';
import { readSlackBotToken } from '../../../src/store/notification-repository';
import { sandboxSlack, type SlackEmulator } from '../slack/slack-emulator';
import { transitionIssueAs, transitionsFor } from './host-transitions';
import { rememberSlackRequester, slackPageView } from './slack-view';

export interface StartHostOptions {
  sandbox: Sandbox;
  /** 0 picks a free port. */
  port?: number;
  /** The built Custom UI resource, normally static/build. */
  staticDir: string;
  /** Where gadget configurations are kept across restarts; in memory only when absent. */
  gadgetConfigFile?: string;
  /** The UI Kit resources' bundles and the forge-doc renderer; dist/uikit and dist/uikit-renderer by default. */
  uikitBuildDir?: string;
  uikitRendererDir?: string;
  /** The Slack the app's egress reaches (the runtime's default, `sandboxSlack`, unless the sandbox names another). */
  slack?: SlackEmulator;
}

export interface RunningHost {
  url: string;
  /** The dashboard's gadgets and their saved configuration, for tests to inspect. */
  gadgets: GadgetStore;
  close(): Promise<void>;
}

const PAGE_DIR = path.join(__dirname, 'page');
const PAGE_FILES = new Set(['host.js', 'host.css', 'bridge.js', 'uikit-frame.css']);
/** The one Custom UI resource the host serves (from `staticDir`); manifest.yml points `main` at static/build. */
const CUSTOM_UI_RESOURCE = 'main';
const RESOURCE_KEY_PATTERN = /^[a-zA-Z0-9_-]{1,23}$/;
/** Forge refuses front-end invocation payloads over 500 KB (forge-reference §2.1). */
const INVOKE_PAYLOAD_LIMIT = 500 * 1024;
const WEBTRIGGER_BODY_LIMIT = 1024 * 1024;
const WEBTRIGGER_PREFIX = '/x1/signal-intake';
const WEBTRIGGER_METHODS: readonly WebTriggerMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const ISSUES_PER_PROJECT_IN_PICKER = 6;
/** The manifest's validation for the work-type field; Jira applies it to user edits before saving. */
const WORK_TYPE_VALIDATION_MESSAGE = 'Work type must be Innovative, Corrective or Enabling (or empty).';

const invokeBodySchema = z.object({
  frame: frameIdentitySchema,
  functionKey: z.string().min(1).max(128),
  payload: z.unknown().optional(),
  metadata: z.object({ rateLimitProperties: z.boolean().optional() }).passthrough().optional(),
});
const frameBodySchema = z.object({ frame: frameIdentitySchema });
/** The frame URL's query, as the host page writes it (`module`, not `moduleKey`) and bridge.js reads it. */
const frameQuerySchema = z.object({
  module: z.string().min(1).max(64),
  entryPoint: z.enum(['view', 'edit']).default('view'),
});
const submitBodySchema = z.object({ frame: frameIdentitySchema, payload: z.unknown().optional() });
const transitionBodySchema = z.object({ key: z.string().regex(ISSUE_KEY_PATTERN), transitionId: z.string().regex(/^\d{1,10}$/) });

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new HttpError(400, `Bad request: ${first ? `${first.path.join('.') || '(body)'}: ${first.message}` : 'invalid body'}`);
  }
  return parsed.data;
}

const themeStateFor = (viewer: Viewer) => ({
  colorMode: viewer.colorMode,
  light: 'light',
  dark: 'dark',
  spacing: 'spacing',
  typography: 'typography',
  shape: 'shape',
});

class BridgeHost {
  readonly gadgets: GadgetStore;
  private readonly jira: HostJira;
  private readonly frames: FrameContexts;
  private readonly moduleEntries = moduleEntriesFromManifest();
  private readonly uiKitResourceKeys = new Set(uiKitResources(parseYaml(readManifest())).map((resource) => resource.key));
  /** Whose Slack request gave each response URL, as the webtrigger saw them, for the Slack page. */
  private readonly slackRequesters = new Map<string, string>();

  constructor(
    private readonly sandbox: Sandbox,
    private readonly staticDir: string,
    gadgetConfigFile?: string,
    private readonly uikitBuildDir: string = UIKIT_BUILD_DIR,
    private readonly uikitRendererDir: string = UIKIT_RENDERER_BUILD_DIR,
    private readonly slack: SlackEmulator = sandboxSlack,
  ) {
    this.gadgets = new GadgetStore([{ gadgetId: '10100', moduleKey: 'sprint-shape', title: 'Sprint shape' }], gadgetConfigFile);
    const fieldAri = `ari:cloud:ecosystem::extension/${SANDBOX_APP_ID}/${SANDBOX_ENVIRONMENT_ID}/static/work-type`;
    this.jira = new HostJira(sandbox.jira, fieldAri);
    this.frames = new FrameContexts(this.jira, this.gadgets);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const route = url.pathname;
    const viewer = viewerFrom(req.headers.cookie);

    if (route === WEBTRIGGER_PREFIX || route.startsWith(`${WEBTRIGGER_PREFIX}/`)) return this.webtrigger(req, res, url);
    if (method === 'GET' && route === '/') return this.page(res);
    if (method === 'GET' && route === '/__sandbox/health') return sendJson(res, 200, { ok: true });
    if (method === 'GET' && route === '/__sandbox/theme.css') return sendText(res, 200, 'text/css; charset=utf-8', designTokenCss());
    if (method === 'GET' && route.startsWith('/__sandbox/page/')) return this.pageAsset(res, route.slice('/__sandbox/page/'.length));
    if (method === 'GET' && route === '/__sandbox/catalog') return sendJson(res, 200, await this.catalog(viewer, req));
    if (method === 'GET' && route === '/__sandbox/issue-view') return this.issueView(res, url, viewer);
    if (method === 'GET' && route === '/__sandbox/search') return this.search(res, url, viewer);
    if (method === 'POST' && route === '/__sandbox/transition') return this.transition(req, res, viewer);
    if (method === 'GET' && route === '/__sandbox/slack') return this.slackPage(res);
    if (method === 'POST' && route === '/__sandbox/context') return this.context(req, res, viewer);
    if (method === 'POST' && route === '/__sandbox/invoke') return this.invoke(req, res, viewer);
    if (method === 'POST' && route === '/__sandbox/submit') return this.submit(req, res, viewer);
    if (method === 'GET' && route === '/__sandbox/frame') return this.frame(res, url);
    if (method === 'GET' && (route === '/app' || route.startsWith('/app/'))) return this.app(res, route.slice('/app'.length));
    if (method === 'GET' && route.startsWith('/uikit/')) return this.uiKitFrame(res, route.slice('/uikit/'.length));
    if (method === 'GET' && route.startsWith('/__sandbox/uikit-build/')) {
      return this.builtFile(res, this.uikitBuildDir, route.slice('/__sandbox/uikit-build/'.length));
    }
    if (method === 'GET' && route.startsWith('/__sandbox/uikit-renderer/')) {
      return this.builtFile(res, this.uikitRendererDir, route.slice('/__sandbox/uikit-renderer/'.length));
    }
    throw new HttpError(404, `Nothing at ${method} ${route}`);
  }

  private async page(res: ServerResponse): Promise<void> {
    const html = await readFileOrNull(path.join(PAGE_DIR, 'index.html'));
    if (!html) throw new HttpError(500, 'The host page is missing from test/sandbox/host/page.');
    sendText(res, 200, 'text/html; charset=utf-8', html.toString('utf8').replace('%THEME_ATTRIBUTE%', THEME_ATTRIBUTE));
  }

  private async pageAsset(res: ServerResponse, name: string): Promise<void> {
    if (!PAGE_FILES.has(name)) throw new HttpError(404, `No host page asset ${name}`);
    const file = await readFileOrNull(path.join(PAGE_DIR, name));
    if (!file) throw new HttpError(404, `No host page asset ${name}`);
    sendText(res, 200, contentTypeOf(name), file);
  }

  private async catalog(viewer: Viewer, req: IncomingMessage) {
    const accountIds = PERSONA_ROLES.map((role) => SEED_USERS[role]);
    const names = await this.jira.displayNames(accountIds);
    const projects = await this.jira.projects();
    return {
      viewer: { role: viewer.role, colorMode: viewer.colorMode },
      personas: PERSONA_ROLES.map((role) => ({
        role,
        label: PERSONA_LABELS[role],
        displayName: names.get(SEED_USERS[role]) ?? role,
      })),
      projects: await Promise.all(
        projects.map(async (project) => ({
          key: project.key,
          name: project.name,
          issues: await this.jira.sampleIssues(project.key, ISSUES_PER_PROJECT_IN_PICKER),
        })),
      ),
      gadgets: this.gadgets.list().map(({ gadgetId, title, moduleKey }) => ({ gadgetId, title, moduleKey })),
      webtriggerUrl: `http://${req.headers.host ?? 'localhost'}${WEBTRIGGER_PREFIX}`,
    };
  }

  private async issueView(res: ServerResponse, url: URL, viewer: Viewer): Promise<void> {
    const key = (url.searchParams.get('key') ?? '').trim().toUpperCase();
    if (!ISSUE_KEY_PATTERN.test(key)) throw new HttpError(400, 'Enter an issue key such as PAY-12.');
    const exists = (await this.jira.issueRef(key)) !== null;
    const [issue, transitions] = await Promise.all([
      this.jira.issueView(key, viewer.accountId),
      exists ? transitionsFor(this.sandbox.jira, key, viewer.accountId) : Promise.resolve([]),
    ]);
    sendJson(res, 200, { exists, issue, transitions });
  }

  /**
   * Moves an issue as the signed-in person, as Jira's issue view does, then waits for the triggers the move
   * started (issue-shipped on Done), so the page shows what they did when it re-renders.
   */
  private async transition(req: IncomingMessage, res: ServerResponse, viewer: Viewer): Promise<void> {
    const { key, transitionId } = parseBody(transitionBodySchema, await readJson(req, 4 * 1024));
    if (!viewer.accountId) return sendJson(res, 200, { ok: false, message: 'Sign in to change the status.' });
    const outcome = await transitionIssueAs(this.sandbox.jira, key, transitionId, viewer.accountId);
    if (!outcome.ok) return sendJson(res, 200, { ok: false, message: outcome.message });
    await this.sandbox.settleTriggers();
    sendJson(res, 200, { ok: true });
  }

  private async slackPage(res: ServerResponse): Promise<void> {
    let botTokenSaved: boolean | null = null;
    try {
      // Whether a token is saved, never the token: read as the app, like the settings page's view of it.
      botTokenSaved = (await this.sandbox.asApp(() => readSlackBotToken())) !== null;
    } catch (error: unknown) {
      console.warn('sandbox host: could not read whether a Slack bot token is saved:', error instanceof Error ? error.message : error);
    }
    sendJson(res, 200, slackPageView(this.slack, this.slackRequesters, botTokenSaved));
  }

  private async search(res: ServerResponse, url: URL, viewer: Viewer): Promise<void> {
    const jql = (url.searchParams.get('jql') ?? '').trim();
    if (!jql) throw new HttpError(400, 'Enter a JQL query, for example "Work type" = Corrective.');
    if (jql.length > 5000) throw new HttpError(400, 'A JQL query may be at most 5000 characters.');
    sendJson(res, 200, await this.jira.searchIssues(jql, viewer.accountId));
  }

  private async frameContext(frame: FrameIdentity, viewer: Viewer): Promise<Record<string, unknown>> {
    const extension = await this.frames.extensionFor(frame);
    return {
      ...this.sandbox.contextFor({ accountId: viewer.accountId, moduleKey: frame.moduleKey, extension }),
      theme: themeStateFor(viewer),
    };
  }

  private async context(req: IncomingMessage, res: ServerResponse, viewer: Viewer): Promise<void> {
    const { frame } = parseBody(frameBodySchema, await readJson(req, 64 * 1024));
    sendJson(res, 200, { context: await this.frameContext(frame, viewer) });
  }

  private async invoke(req: IncomingMessage, res: ServerResponse, viewer: Viewer): Promise<void> {
    const body = parseBody(invokeBodySchema, await readJson(req, INVOKE_PAYLOAD_LIMIT));
    const extension = await this.frames.extensionFor(body.frame);
    try {
      // The accountId is the signed-in persona's, never anything from the request body.
      const result = await this.sandbox.invoke(
        { accountId: viewer.accountId, moduleKey: body.frame.moduleKey, extension },
        body.functionKey,
        body.payload ?? {},
      );
      sendJson(res, 200, { result: result ?? null });
    } catch (error: unknown) {
      // As on Forge, a resolver that throws fails the browser's invoke; the detail stays in the server log.
      console.error(`sandbox host: resolver ${body.functionKey} threw`, error);
      sendJson(res, 500, { message: `There was an error invoking the function - ${body.functionKey}` });
    }
  }

  private async submit(req: IncomingMessage, res: ServerResponse, viewer: Viewer): Promise<void> {
    const { frame, payload } = parseBody(submitBodySchema, await readJson(req, INVOKE_PAYLOAD_LIMIT));
    const type = this.frames.moduleTypeOf(frame);
    if (frame.entryPoint !== 'edit') return sendJson(res, 200, { ok: false, message: "This resource's view is not submittable." });
    if (type === 'jira:dashboardGadget') {
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
        return sendJson(res, 200, { ok: false, message: 'A gadget configuration must be an object.' });
      }
      if (!frame.gadgetId || !this.gadgets.get(frame.gadgetId)) throw new HttpError(404, 'No such gadget.');
      this.gadgets.configure(frame.gadgetId, payload as Record<string, unknown>);
      return sendJson(res, 200, { ok: true });
    }
    if (type === 'jira:customField') {
      if (!frame.issueKey) throw new HttpError(400, 'The field frame needs an issue key.');
      if (!viewer.accountId) return sendJson(res, 200, { ok: false, message: 'Sign in to edit this field.' });
      const value = payload === undefined ? null : payload;
      if (value !== null && !isWorkType(value)) return sendJson(res, 200, { ok: false, message: WORK_TYPE_VALIDATION_MESSAGE });
      const outcome = await this.jira.writeWorkType(frame.issueKey, value, viewer.accountId);
      return sendJson(res, 200, outcome.ok ? { ok: true } : { ok: false, message: outcome.message });
    }
    sendJson(res, 200, { ok: false, message: "This resource's view is not submittable." });
  }

  private async app(res: ServerResponse, subPath: string): Promise<void> {
    const root = path.resolve(this.staticDir);
    const wantsIndex = subPath === '' || subPath === '/' || subPath === '/index.html';
    const file = fileWithin(root, wantsIndex ? 'index.html' : subPath);
    if (!file) throw new HttpError(404, 'Not found');
    const content = await readFileOrNull(file);
    if (!content) {
      if (wantsIndex) {
        throw new HttpError(503, `${root}/index.html is missing: run \`npm run build:static\` first.`);
      }
      throw new HttpError(404, `No ${subPath} in the built app`);
    }
    if (!wantsIndex) return sendText(res, 200, contentTypeOf(file), content);
    // A classic script first in <head> runs before the app's module script, so `@forge/bridge` finds the bridge
    // when it is evaluated. It is a file, not inline code: Forge's CSP does not promise inline scripts.
    const html = content.toString('utf8').replace(/<head>/i, '<head>\n    <script src="/__sandbox/page/bridge.js"></script>');
    sendText(res, 200, 'text/html; charset=utf-8', html);
  }

  /** Sends a frame to its document: the Custom UI app or a UI Kit frame, as manifest.yml declares the module. */
  private frame(res: ServerResponse, url: URL): void {
    const query = frameQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) throw new HttpError(400, 'A frame URL needs ?module=<module key> (and entryPoint=view|edit).');
    const document = frameDocumentFor(this.moduleEntries, query.data.module, query.data.entryPoint);
    let location: string;
    if (document.kind === 'ui-kit') {
      location = `/uikit/${encodeURIComponent(document.resource)}/index.html`;
    } else if (document.resource === CUSTOM_UI_RESOURCE) {
      location = '/app/index.html';
    } else {
      throw new HttpError(404, `The sandbox serves one Custom UI resource (${CUSTOM_UI_RESOURCE}), not ${document.resource}.`);
    }
    res.writeHead(302, { location: `${location}${url.search}`, 'cache-control': 'no-store', 'content-length': 0 });
    res.end();
  }

  /**
   * Where Jira would draw a UI Kit module: bridge.js first (so `@forge/react`'s bridge calls have somewhere to
   * go), then the renderer, which takes `reconcile` over, then the resource's own bundle. Module scripts run in
   * document order, after the parse.
   */
  private async uiKitFrame(res: ServerResponse, subPath: string): Promise<void> {
    const [resource, file, ...rest] = subPath.split('/');
    if (!resource || !RESOURCE_KEY_PATTERN.test(resource) || rest.length > 0 || (file !== 'index.html' && file !== '')) {
      throw new HttpError(404, `No UI Kit frame at /uikit/${subPath}`);
    }
    if (!this.uiKitResourceKeys.has(resource)) throw new HttpError(404, `manifest.yml has no UI Kit resource "${resource}".`);
    const missing = [path.join(this.uikitBuildDir, `${resource}.js`), path.join(this.uikitRendererDir, 'renderer.js')].filter(
      (built) => !existsSync(built),
    );
    if (missing.length > 0) throw new HttpError(503, `${missing.join(' and ')} missing: run \`npm run build:static\` first.`);
    const html = [
      '<!doctype html>',
      '<html lang="en">',
      '  <head>',
      '    <meta charset="UTF-8" />',
      '    <script src="/__sandbox/page/bridge.js"></script>',
      '    <link rel="stylesheet" href="/__sandbox/uikit-renderer/renderer.css" />',
      '    <link rel="stylesheet" href="/__sandbox/page/uikit-frame.css" />',
      '    <script type="module" src="/__sandbox/uikit-renderer/renderer.js"></script>',
      `    <script type="module" src="/__sandbox/uikit-build/${resource}.js"></script>`,
      '  </head>',
      '  <body>',
      '    <div id="uikit-root" data-testid="uikit-root" data-state="waiting"></div>',
      '  </body>',
      '</html>',
      '',
    ].join('\n');
    sendText(res, 200, 'text/html; charset=utf-8', html);
  }

  private async builtFile(res: ServerResponse, dir: string, subPath: string): Promise<void> {
    const root = path.resolve(dir);
    const file = fileWithin(root, subPath);
    const content = file ? await readFileOrNull(file) : null;
    if (!file || !content) throw new HttpError(404, `No ${subPath} in ${root} (run \`npm run build:static\`).`);
    sendText(res, 200, contentTypeOf(file), content);
  }

  private async webtrigger(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? '').toUpperCase() as WebTriggerMethod;
    if (!WEBTRIGGER_METHODS.includes(method)) throw new HttpError(405, `Web triggers do not accept ${req.method ?? 'that method'}.`);
    const body = await readBody(req, WEBTRIGGER_BODY_LIMIT);
    if (url.pathname === `${WEBTRIGGER_PREFIX}/slack`) rememberSlackRequester(body, this.slackRequesters);
    const headers: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(req.headersDistinct)) {
      if (values) headers[name.toLowerCase()] = values;
    }
    const queryParameters: Record<string, string[]> = {};
    for (const [name, value] of url.searchParams) (queryParameters[name] ??= []).push(value);
    const userPath = url.pathname.slice(WEBTRIGGER_PREFIX.length);
    const request: WebTriggerRequest & { userPath?: string } = {
      method,
      path: url.pathname,
      ...(userPath ? { userPath } : {}),
      headers,
      queryParameters,
      body,
    };
    const response = await this.sandbox.webtrigger('signal-intake', request);
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(response.headers ?? {})) responseHeaders[name] = values;
    if (response.statusText) res.writeHead(response.statusCode, response.statusText, responseHeaders);
    else res.writeHead(response.statusCode, responseHeaders);
    res.end(response.body ?? '');
  }
}

export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const host = new BridgeHost(
    options.sandbox,
    options.staticDir,
    options.gadgetConfigFile,
    options.uikitBuildDir,
    options.uikitRendererDir,
    options.slack,
  );
  const server = createServer((req, res) => {
    host.handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError || error instanceof FrameError ? error.status : 500;
      if (status === 500) console.error('sandbox host:', error);
      const message = status === 500 ? 'The sandbox host failed; see its log.' : (error as Error).message;
      if (res.headersSent) res.end();
      else sendJson(res, status, { message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // The sandbox does not model the platform's getUrl call: the trigger's URL here is this host's route, which is
  // what the settings page shows each channel's URL from.
  webtriggerUrlPolicy.get = async () => `http://127.0.0.1:${port}${WEBTRIGGER_PREFIX}`;
  forgetSignalIntakeUrl();
  return {
    url: `http://127.0.0.1:${port}`,
    gadgets: host.gadgets,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
