/**
 * The sandbox: Atlassian's cloud, locally. It puts the Jira emulator and the storage behind the Forge runtime
 * globals, so the app's real handlers (src/index.ts) run unchanged, and calls them the way the platform does:
 * resolvers with a Forge-shaped context, the webtrigger with a WebTriggerRequest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import { JiraEmulator, propertyAliasesFromManifest } from './jira/emulator';
import type { JiraSite } from './jira/model';
import { KvsStorage } from './storage/kvs-storage';
import { buildSeedSite } from './seed';
import { InstrumentedHandler } from './instrument';
import { installForgeRuntime, invocationScope } from './runtime';
import { SqlHandler, declaresSqlModule, type SqlOptions } from './sql/sql-handler';
import { EventsQueue, type AsyncEventShape, type EventsQueueOptions } from './events/events-queue';
import { manifestFunctions, type ManifestFunctions } from './events/manifest-functions';

export const SANDBOX_APP_ID = '6c0a5f3e-8e7b-4d1c-9a53-1f2b8f0e7a10';
export const SANDBOX_ENVIRONMENT_ID = '0d5e2b7a-4c1f-4e8a-b6d2-9a3c7e5f1b08';
export const SANDBOX_CLOUD_ID = 'c4a1e9d2-7b3f-4a6e-8d15-2f9b0c7e4a61';
export const SANDBOX_INSTALLATION_ID = 'b1f4c8e2-3a7d-4e9b-a2c6-5d8f1e0b7c34';
export const SANDBOX_SITE_URL = 'https://northwind-ledger.atlassian.net';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const readManifest = (): string => readFileSync(path.join(REPO_ROOT, 'manifest.yml'), 'utf8');

export interface SandboxOptions {
  /** SQLite file for storage; ':memory:' (the default) for tests. */
  storageFile?: string;
  /** A site to serve; the deterministic seed when absent. */
  site?: JiraSite;
  /** The day the seed treats as today (the active sprint contains it). */
  today?: Date;
  /**
   * Forge SQL on MariaDB: by default a database of its own on this process's throwaway server, enabled when
   * manifest.yml declares a `sql` module. `npm start` passes a data directory kept across runs.
   */
  sql?: SqlOptions;
  /**
   * The `@forge/events` queue: delays (0 = deliver at once, the default; 1 = real time, `npm start`), injected
   * delivery and push failures, duplicates. Change them later with `sandbox.events.configure`.
   */
  events?: EventsQueueOptions;
}

/** What a resolver call carries besides its payload; everything but accountId comes from the browser. */
export interface InvocationContext {
  accountId: string | null;
  moduleKey: string;
  /** Module-specific data: issue, project, gadget configuration, field value … */
  extension: Record<string, unknown>;
}

type ResolverHandler = (
  request: { call: { functionKey: string; payload?: unknown }; context: Record<string, unknown> },
  backendRuntimePayload: Record<string, unknown>,
) => Promise<unknown>;
type WebTriggerHandler = (request: WebTriggerRequest, context: Record<string, unknown>) => Promise<WebTriggerResponse>;

type TriggerHandler = (event: Record<string, unknown>, context: Record<string, unknown>) => Promise<unknown>;

interface AppHandlers {
  resolverHandler: ResolverHandler;
  signalIntakeHandler: WebTriggerHandler;
  [triggerExport: string]: ResolverHandler | WebTriggerHandler | TriggerHandler;
}

/** Product-event triggers as manifest.yml wires them: module key → the export of src/index.ts it runs. */
export const TRIGGER_EXPORTS = {
  'sprint-closed': 'sprintClosedHandler',
  'work-type-changed': 'workTypeChangedHandler',
  'issue-shipped': 'issueShippedHandler',
} as const;
export type TriggerKey = keyof typeof TRIGGER_EXPORTS;

export class Sandbox {
  readonly jira: JiraEmulator;
  readonly storage: KvsStorage;
  /** The emulators as the app reaches them: latency, faults and the request log live here. */
  readonly jiraLink: InstrumentedHandler;
  readonly storageLink: InstrumentedHandler;
  /** Forge SQL: this sandbox's own database on MariaDB (`await sandbox.sql.ready()` to start it early). */
  readonly sql: SqlHandler;
  readonly sqlLink: InstrumentedHandler;
  /** Async events: pushed events are delivered to the consumer manifest.yml names (`await sandbox.events.settle()`). */
  readonly events: EventsQueue;
  /** Consumers and scheduled triggers as manifest.yml wires them to exports of src/index.ts. */
  readonly functions: ManifestFunctions;
  private handlers: AppHandlers | null = null;
  private pendingTriggers: Array<Promise<unknown>> = [];

  constructor(options: SandboxOptions = {}) {
    const manifest = readManifest();
    const site =
      options.site ??
      buildSeedSite({ appId: SANDBOX_APP_ID, environmentId: SANDBOX_ENVIRONMENT_ID, today: options.today ?? new Date() });
    this.jira = new JiraEmulator(site, { appId: SANDBOX_APP_ID, environmentId: SANDBOX_ENVIRONMENT_ID });
    this.jira.registerPropertyAliases(propertyAliasesFromManifest(manifest));
    this.storage = new KvsStorage({
      file: options.storageFile ?? ':memory:',
      entities: KvsStorage.entitiesFromManifest(manifest),
    });
    this.jiraLink = new InstrumentedHandler(this.jira);
    // Forge delivers product events to triggers asynchronously, after the change; `ignoreSelf` drops the app's own.
    this.jira.onIssueUpdated((event) => {
      if (event.selfGenerated) return;
      this.pendingTriggers.push(
        this.fireTrigger('work-type-changed', { ...event }).catch((error: unknown) => {
          console.error('sandbox: the work-type-changed trigger failed', error);
        }),
      );
      // `issue-shipped` filters on the origin property as Forge does, before invoking anything.
      const origin = this.jira.site.issues.find((i) => i.id === event.issue.id)?.properties['upstream-origin'] as { signalIds?: unknown } | undefined;
      if (!Array.isArray(origin?.signalIds) || origin.signalIds.length === 0) return;
      this.pendingTriggers.push(
        this.fireTrigger('issue-shipped', { ...event }).catch((error: unknown) => {
          console.error('sandbox: the issue-shipped trigger failed', error);
        }),
      );
    });
    this.storageLink = new InstrumentedHandler(this.storage);
    // Created lazily on the first SQL request (or sql.ready()): sandboxes that never touch SQL start no server.
    this.sql = new SqlHandler({ ...options.sql, enabled: options.sql?.enabled ?? declaresSqlModule(manifest) });
    this.sqlLink = new InstrumentedHandler(this.sql);
    this.functions = manifestFunctions(manifest);
    this.events = new EventsQueue(new Set(this.functions.consumers.keys()), (queue, event) => this.deliverEvent(queue, event), options.events);
    this.activate();
  }

  /** Points the Forge globals at this sandbox (several sandboxes may exist in one process; one is live). */
  activate(): void {
    installForgeRuntime({
      jira: this.jiraLink,
      storage: this.storageLink,
      sql: this.sqlLink,
      events: this.events,
      appId: SANDBOX_APP_ID,
      environmentId: SANDBOX_ENVIRONMENT_ID,
      installationId: SANDBOX_INSTALLATION_ID,
    });
  }

  /** Sets the same latency on Jira, storage and SQL, as a benchmark would see from a Forge function. */
  setLatency(ms: number): void {
    this.jiraLink.latencyMs = ms;
    this.storageLink.latencyMs = ms;
    this.sqlLink.latencyMs = ms;
  }

  clearLogs(): void {
    this.jiraLink.clearLog();
    this.storageLink.clearLog();
    this.sqlLink.clearLog();
  }

  private app(): AppHandlers {
    // Loaded lazily so that the Forge globals exist before the app's modules are evaluated.
    if (!this.handlers) this.handlers = require(path.join(REPO_ROOT, 'src/index')) as AppHandlers;
    return this.handlers;
  }

  /** The context `view.getContext()` gives a Custom UI surface, and that Forge passes to its resolvers. */
  contextFor(call: InvocationContext): Record<string, unknown> {
    return {
      accountId: call.accountId ?? undefined,
      cloudId: SANDBOX_CLOUD_ID,
      moduleKey: call.moduleKey,
      localId: `ari:cloud:ecosystem::extension/${SANDBOX_APP_ID}/${SANDBOX_ENVIRONMENT_ID}/static/${call.moduleKey}`,
      environmentId: SANDBOX_ENVIRONMENT_ID,
      environmentType: 'DEVELOPMENT',
      siteUrl: SANDBOX_SITE_URL,
      locale: 'en-US',
      timezone: 'Europe/London',
      extension: call.extension,
    };
  }

  /** Calls a resolver exactly as the platform does: through the definitions src/index.ts exports. */
  async invoke(call: InvocationContext, functionKey: string, payload: unknown): Promise<unknown> {
    this.activate();
    const { resolverHandler } = this.app();
    return invocationScope.run({ accountId: call.accountId, moduleKey: call.moduleKey }, () =>
      resolverHandler(
        { call: { functionKey, payload }, context: this.contextFor(call) },
        {
          principal: call.accountId ? { accountId: call.accountId } : undefined,
          installContext: `ari:cloud:jira::site/${SANDBOX_CLOUD_ID}`,
        },
      ),
    );
  }

  /** Delivers an HTTP request to the webtrigger's function, in Forge's WebTriggerRequest shape. */
  async webtrigger(moduleKey: 'signal-intake', request: WebTriggerRequest): Promise<WebTriggerResponse> {
    this.activate();
    const { signalIntakeHandler } = this.app();
    return invocationScope.run({ accountId: null, moduleKey }, () =>
      signalIntakeHandler(request, { installContext: `ari:cloud:jira::site/${SANDBOX_CLOUD_ID}` }),
    );
  }

  /**
   * Delivers a product event to a trigger's function, as Forge does: no user in scope (asUser() is refused),
   * the event as the first argument and the installation context as the second.
   */
  async fireTrigger(trigger: TriggerKey, event: Record<string, unknown>): Promise<unknown> {
    this.activate();
    const handler = this.app()[TRIGGER_EXPORTS[trigger]] as TriggerHandler | undefined;
    if (typeof handler !== 'function') throw new Error(`src/index.ts does not export ${TRIGGER_EXPORTS[trigger]}`);
    return invocationScope.run({ accountId: null, moduleKey: trigger }, () =>
      handler(event, { installContext: `ari:cloud:jira::site/${SANDBOX_CLOUD_ID}`, principal: undefined }),
    );
  }

  /**
   * Delivers one async event to the consumer manifest.yml names for its queue (consumer → function → handler
   * `index.<export>`), as Forge does: the AsyncEvent first, the installation context second, no user in scope.
   */
  private async deliverEvent(queueName: string, event: AsyncEventShape): Promise<unknown> {
    const consumer = this.functions.consumers.get(queueName);
    if (!consumer) throw new Error(`manifest.yml has no consumer for queue ${queueName}`);
    this.activate();
    const handler = this.app()[consumer.exportName] as TriggerHandler | undefined;
    if (typeof handler !== 'function') throw new Error(`src/index.ts does not export ${consumer.exportName}`);
    return invocationScope.run({ accountId: null, moduleKey: consumer.moduleKey }, () =>
      handler(event as unknown as Record<string, unknown>, { installContext: `ari:cloud:jira::site/${SANDBOX_CLOUD_ID}`, principal: undefined }),
    );
  }

  /**
   * Runs a scheduled trigger now, as Forge does on its interval: no user, an event with the context, the return
   * value ignored by the platform (answered here for tests).
   */
  async runScheduledTrigger(key: string): Promise<unknown> {
    const trigger = this.functions.scheduledTriggers.get(key);
    if (!trigger) throw new Error(`manifest.yml has no scheduledTrigger ${key}`);
    this.activate();
    const handler = this.app()[trigger.exportName] as TriggerHandler | undefined;
    if (typeof handler !== 'function') throw new Error(`src/index.ts does not export ${trigger.exportName}`);
    return invocationScope.run({ accountId: null, moduleKey: key }, () =>
      handler(
        { context: { cloudId: SANDBOX_CLOUD_ID, moduleKey: key }, contextToken: 'sandbox' },
        { installContext: `ari:cloud:jira::site/${SANDBOX_CLOUD_ID}`, principal: undefined },
      ),
    );
  }

  /** Waits for the triggers that product events have started so far (tests read their effects after this). */
  async settleTriggers(): Promise<void> {
    while (this.pendingTriggers.length > 0) {
      const pending = this.pendingTriggers;
      this.pendingTriggers = [];
      await Promise.all(pending);
    }
  }

  /**
   * Runs `work` as the app inside this sandbox (Forge globals live, no user), for seeding app data through the
   * real @forge/kvs SDK.
   */
  async asApp<T>(work: () => Promise<T>): Promise<T> {
    this.activate();
    return invocationScope.run({ accountId: null, moduleKey: 'sandbox-seed' }, work);
  }

  /**
   * Stops the events queue, closes storage and ends this sandbox's SQL connections (the MariaDB server stays for
   * the process's other sandboxes and stops when the process exits). Storage closes at once unless a consumer is
   * still running, in which case it closes when that consumer ends. Callers that do not await it leave only idle
   * sockets, which do not keep the process alive.
   */
  close(): Promise<void> {
    const eventsClosed = this.events.close();
    if (this.events.idle) {
      this.storage.close();
      return this.sql.close();
    }
    return eventsClosed.then(() => {
      this.storage.close();
      return this.sql.close();
    });
  }
}
