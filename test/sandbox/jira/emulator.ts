/**
 * An in-memory Jira Cloud answering the REST operations the app uses, as the calling user (permissions
 * apply) or as the app (sees everything). `site` is the live state: handlers read and change it in place.
 *
 * Jira's limits, off unless a test turns them on: `rateLimit` (429 for too many requests at once, or too many
 * to one endpoint in a second), `processingMs` (how long Jira works on each request, which is what makes
 * requests overlap here) and `searchIndexDelayMs` (how long search takes to see a write).
 */
import type { RequestHandler, SandboxRequest, SandboxResponse } from '../http';
import type { JiraIssue } from './model';
import { RateLimiter, type JiraRateLimit, type RateLimitStats } from './rate-limit';
import { SearchIndex } from './search-index';
import { issueUpdatedEvents, snapshotIssues, type IssueUpdatedEvent } from './issue-events';
import type { Caller, EmulatorContext } from './context';
import { findUser } from './context';
import type { JiraSite } from './model';
import type { PropertyAlias } from './property-aliases';
import { dispatch, matchRoute } from './router';
import { JIRA_ROUTES } from './routes';
import { moveIssueToStatus } from './transitions';

export interface JiraEmulatorOptions {
  appId: string;
  environmentId: string;
  /** The clock for created/updated stamps and relative JQL dates; defaults to the wall clock. */
  now?: () => Date;
  /**
   * Monotonic milliseconds for the rate limit's one-second windows and the search index delay; defaults to
   * `performance.now()`. Separate from `now`, which tests often fix to one instant.
   */
  clock?: () => number;
}

export interface RouteDescription {
  method: string;
  template: string;
}

/**
 * The routes that edit existing issues, and so produce `avi:jira:updated:issue`. Only these pay for the
 * before/after snapshot; searches and bulk reads are POSTs too and must not.
 */
const ISSUE_EDIT_ROUTES = new Set([
  'PUT /rest/api/3/issue/{issueIdOrKey}',
  'PUT /rest/api/3/app/field/{fieldIdOrKey}/value',
  'POST /rest/api/3/app/field/value',
  'POST /rest/api/3/issue/{issueIdOrKey}/transitions',
]);

/** Every route that changes what search finds: the edits above, creating an issue, and issue properties. */
const ISSUE_WRITE_ROUTES = new Set([
  ...ISSUE_EDIT_ROUTES,
  'POST /rest/api/3/issue',
  'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
  'DELETE /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
]);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class JiraEmulator implements RequestHandler {
  private propertyAliases: PropertyAlias[] = [];
  private readonly issueUpdatedListeners: Array<(event: IssueUpdatedEvent) => void> = [];
  private readonly now: () => Date;
  private readonly limiter: RateLimiter;
  private readonly searchIndex: SearchIndex;

  /** Jira's request limits; null (the default) admits everything. Can be changed between requests. */
  rateLimit: JiraRateLimit | null = null;

  /**
   * How long the emulator works on each request before answering, in ms (default 0). Concurrency is counted
   * here, from the moment a request reaches the emulator until its answer is ready: the instrumented link's
   * latency (instrument.ts) is spent before the request arrives, the way network time is not time Jira is busy,
   * so with processingMs 0 requests overlap only within one tick. Give it a few ms to let parallel calls
   * overlap as they would at a Jira that takes time to answer.
   */
  processingMs = 0;

  constructor(
    public site: JiraSite,
    private readonly opts: JiraEmulatorOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    const clock = opts.clock ?? (() => performance.now());
    this.limiter = new RateLimiter(clock, this.now);
    this.searchIndex = new SearchIndex(clock);
  }

  /** How long after a write `search/jql` and `search/approximate-count` see it, in ms (default 0: at once). */
  get searchIndexDelayMs(): number {
    return this.searchIndex.delayMs;
  }

  set searchIndexDelayMs(ms: number) {
    if (!(ms >= 0)) throw new Error(`The search index delay is a number of ms, at least 0; got ${ms}.`);
    this.searchIndex.delayMs = ms;
  }

  /** Whether some write is not yet visible to search. */
  get searchIndexPending(): boolean {
    return this.searchIndex.pending;
  }

  /** Requests in flight now, the most there were at once, and how many the rate limit refused, by reason. */
  rateLimitStats(): RateLimitStats {
    return this.limiter.snapshot();
  }

  resetRateLimitStats(): void {
    this.limiter.reset();
  }

  /** Search aliases from the manifest's `jira:entityProperty` modules; later registrations of an alias win. */
  registerPropertyAliases(aliases: readonly PropertyAlias[]): void {
    const incoming = new Set(aliases.map((alias) => alias.searchAlias.toLowerCase()));
    this.propertyAliases = [...this.propertyAliases.filter((alias) => !incoming.has(alias.searchAlias.toLowerCase())), ...aliases];
  }

  /** The operations this emulator models (method + OpenAPI path template). */
  routes(): RouteDescription[] {
    return JIRA_ROUTES.map(({ method, template }) => ({ method, template }));
  }

  /** The route template a request would be answered by, or undefined when it would get a 501. */
  routeOf(method: string, path: string): RouteDescription | undefined {
    const match = matchRoute(JIRA_ROUTES, method, path);
    return match ? { method: match.route.method, template: match.route.template } : undefined;
  }

  /** Called with each `avi:jira:updated:issue` a write produces, after the write succeeded. */
  onIssueUpdated(listener: (event: IssueUpdatedEvent) => void): void {
    this.issueUpdatedListeners.push(listener);
  }

  /**
   * A person moves an issue to another status in Jira's own UI (a workflow transition, which the app never
   * makes): the change is made and `avi:jira:updated:issue` delivered as for any edit. Answers false when there
   * is no such issue or status. Over REST, `POST /rest/api/3/issue/{key}/transitions` (transitions.ts) does the
   * same as the calling user; the sandbox host's status control uses it.
   */
  transitionIssue(issueKey: string, statusName: string, accountId?: string): boolean {
    const issue = this.site.issues.find((i) => i.key === issueKey.toUpperCase());
    const status = this.site.statuses.find((s) => s.name.toLowerCase() === statusName.toLowerCase());
    if (!issue || !status) return false;
    const before = snapshotIssues(this.site);
    moveIssueToStatus(issue, status, this.now());
    const actor = { selfGenerated: false, ...(accountId ? { accountId } : {}) };
    for (const event of issueUpdatedEvents(this.site, before, actor, this.now())) {
      for (const listener of this.issueUpdatedListeners) listener(event);
    }
    return true;
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    const template = this.routeOf(req.method, req.path)?.template;
    // Jira's burst limit is per endpoint and method; an unmodelled path is its own endpoint (it answers 501).
    const endpoint = `${req.method.toUpperCase()} ${template ?? req.path.split('?')[0]}`;
    // Counted before the first await, so requests arriving together see each other.
    const admission = this.limiter.admit(this.rateLimit, endpoint);
    if (!admission.admitted) return admission.response;
    try {
      if (this.processingMs > 0) await sleep(this.processingMs);
      return await this.answerWithEffects(req, template === undefined ? undefined : endpoint);
    } finally {
      admission.release();
    }
  }

  /** Answers, then delivers the product events a write produced and queues it for the search index. */
  private async answerWithEffects(req: SandboxRequest, route: string | undefined): Promise<SandboxResponse> {
    const editsIssues = route !== undefined && ISSUE_EDIT_ROUTES.has(route) && this.issueUpdatedListeners.length > 0;
    const lagsSearch = route !== undefined && ISSUE_WRITE_ROUTES.has(route) && this.searchIndex.lags;
    if (!editsIssues && !lagsSearch) return this.answer(req);
    const before = editsIssues ? snapshotIssues(this.site) : undefined;
    const indexed = lagsSearch ? this.searchIndex.snapshot(this.site) : undefined;
    const res = await this.answer(req);
    if (res.status < 300) {
      if (indexed) this.searchIndex.recordWrite(this.site, indexed);
      if (before) {
        const actor = { selfGenerated: req.fromApp === true, ...(req.asUser ? { accountId: req.asUser } : {}) };
        for (const event of issueUpdatedEvents(this.site, before, actor, this.now())) {
          for (const listener of this.issueUpdatedListeners) listener(event);
        }
      }
    }
    return res;
  }

  private async answer(req: SandboxRequest): Promise<SandboxResponse> {
    let caller: Caller = { kind: 'app' };
    if (req.asUser !== null) {
      const user = findUser(this.site, req.asUser);
      if (!user || !user.active) {
        return { status: 401, body: { errorMessages: [`The account '${req.asUser}' is not a user of this site.`], errors: {} } };
      }
      caller = { kind: 'user', user };
    }
    const ctx: EmulatorContext = {
      site: this.site,
      caller,
      appId: this.opts.appId,
      environmentId: this.opts.environmentId,
      propertyAliases: this.propertyAliases,
      now: this.now(),
      searchableIssues: (reconciled?: ReadonlySet<string>): readonly JiraIssue[] => this.searchIndex.searchable(this.site, reconciled),
    };
    return dispatch(JIRA_ROUTES, ctx, req);
  }
}

export type { PropertyAlias, PropertyAliasType } from './property-aliases';
export type { IssueUpdatedEvent, ChangelogItem } from './issue-events';
export type { JiraRateLimit, RateLimitStats } from './rate-limit';
export { propertyAliasesFromManifest } from './property-aliases';
