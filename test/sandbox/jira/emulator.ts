/**
 * An in-memory Jira Cloud answering the REST operations the app uses, as the calling user (permissions
 * apply) or as the app (sees everything). `site` is the live state: handlers read and change it in place.
 */
import type { RequestHandler, SandboxRequest, SandboxResponse } from '../http';
import { issueUpdatedEvents, snapshotIssues, type IssueUpdatedEvent } from './issue-events';
import type { Caller, EmulatorContext } from './context';
import { findUser } from './context';
import type { JiraSite } from './model';
import type { PropertyAlias } from './property-aliases';
import { dispatch, matchRoute } from './router';
import { JIRA_ROUTES } from './routes';

export interface JiraEmulatorOptions {
  appId: string;
  environmentId: string;
  /** The clock for created/updated stamps and relative JQL dates; defaults to the wall clock. */
  now?: () => Date;
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
]);

export class JiraEmulator implements RequestHandler {
  private propertyAliases: PropertyAlias[] = [];
  private readonly issueUpdatedListeners: Array<(event: IssueUpdatedEvent) => void> = [];
  private readonly now: () => Date;

  constructor(
    public site: JiraSite,
    private readonly opts: JiraEmulatorOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
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

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    const template = this.routeOf(req.method, req.path)?.template;
    const editsIssues = template !== undefined && ISSUE_EDIT_ROUTES.has(`${req.method.toUpperCase()} ${template}`);
    if (!editsIssues || this.issueUpdatedListeners.length === 0) return this.answer(req);
    const before = snapshotIssues(this.site);
    const res = await this.answer(req);
    if (res.status < 300) {
      const actor = { selfGenerated: req.fromApp === true, ...(req.asUser ? { accountId: req.asUser } : {}) };
      for (const event of issueUpdatedEvents(this.site, before, actor, this.now())) {
        for (const listener of this.issueUpdatedListeners) listener(event);
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
    };
    return dispatch(JIRA_ROUTES, ctx, req);
  }
}

export type { PropertyAlias, PropertyAliasType } from './property-aliases';
export type { IssueUpdatedEvent, ChangelogItem } from './issue-events';
export { propertyAliasesFromManifest } from './property-aliases';
