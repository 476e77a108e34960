/**
 * Workflow transitions, as Jira's own issue view moves an issue: `GET /rest/api/3/issue/{issueIdOrKey}/transitions`
 * lists where the caller may move it, `POST` of the same path moves it (204). The emulator models Jira's simplified
 * workflow, where every status can be reached from any other ("allow all statuses to transition here"): one global
 * transition per site status, named after it, with Jira-like ids (11, 21, 31 …) that do not change while the
 * site's statuses do not. Transition screens are not modelled, so `fields` and `update` are refused (400).
 *
 * Who may transition: the emulator's permission model holds no separate Transition Issues grant, so it goes with
 * Edit Issues (as in Jira's default permission scheme); the app may always. A caller who may not gets an empty
 * list from GET and 400 from POST, as the spec documents.
 */
import { projectOf, type Caller } from './context';
import { badRequest } from './errors';
import { isRecord, requireObjectBody } from './input';
import { visibleIssueOr404 } from './issues';
import type { JiraIssue, JiraSite, JiraStatus } from './model';
import { hasProjectPermission } from './permissions';
import { statusJson } from './representation';
import type { RouteHandler } from './router';

export interface SiteTransition {
  id: string;
  status: JiraStatus;
}

/** The site's global transitions, one per status, in the site's order of statuses. */
export const siteTransitions = (site: JiraSite): SiteTransition[] => site.statuses.map((status, i) => ({ id: String(11 + 10 * i), status }));

const mayTransition = (site: JiraSite, caller: Caller, issue: JiraIssue): boolean => {
  const project = projectOf(site, issue);
  return hasProjectPermission(caller, project, 'TRANSITION_ISSUES') || hasProjectPermission(caller, project, 'EDIT_ISSUES');
};

/** Moves the issue to the status as a transition does: updated now, resolved when it reaches a done status. */
export function moveIssueToStatus(issue: JiraIssue, status: JiraStatus, now: Date): void {
  issue.statusId = status.id;
  issue.updated = now.toISOString();
  if (status.category === 'done') issue.resolutiondate ??= issue.updated;
}

export const getTransitions: RouteHandler = (ctx, req) => {
  const issue = visibleIssueOr404(ctx, req.params.issueIdOrKey!);
  if (!mayTransition(ctx.site, ctx.caller, issue)) return { status: 200, body: { transitions: [] } };
  const wanted = req.query.get('transitionId');
  const transitions = siteTransitions(ctx.site)
    .filter((t) => t.status.id !== issue.statusId && (wanted === null || t.id === wanted))
    .map((t) => ({
      id: t.id,
      name: t.status.name,
      to: statusJson(ctx.site, t.status),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    }));
  return { status: 200, body: { transitions } };
};

export const doTransition: RouteHandler = (ctx, req) => {
  const issue = visibleIssueOr404(ctx, req.params.issueIdOrKey!);
  const body = requireObjectBody(req.body);
  const transition = isRecord(body.transition) ? body.transition : null;
  const rawId = transition?.id;
  const id = typeof rawId === 'string' ? rawId.trim() : typeof rawId === 'number' ? String(rawId) : '';
  if (!id) throw badRequest("Missing 'transition' identifier");
  if (!mayTransition(ctx.site, ctx.caller, issue)) throw badRequest('You do not have permission to transition this issue.');
  for (const key of ['fields', 'update'] as const) {
    const value = body[key];
    const names = isRecord(value) ? Object.keys(value) : [];
    if (names.length > 0) throw badRequest(`Field '${names[0]}' cannot be set. It is not on the appropriate screen, or unknown.`);
  }
  const target = siteTransitions(ctx.site).find((t) => t.id === id && t.status.id !== issue.statusId);
  if (!target) throw badRequest(`Transition id '${id}' is not valid for this issue.`);
  moveIssueToStatus(issue, target.status, ctx.now);
  return { status: 204 };
};
