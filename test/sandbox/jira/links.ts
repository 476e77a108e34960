/** `POST /rest/api/3/issueLink` (201, no body; a duplicate link is reported as created) and `GET /rest/api/3/issueLinkType`. */
import { json } from '../http';
import type { EmulatorContext } from './context';
import { findIssue, projectOf } from './context';
import { JiraApiError, notFound } from './errors';
import { isRecord, requireObjectBody } from './input';
import type { JiraIssue } from './model';
import { canBrowseIssue, hasProjectPermission } from './permissions';
import type { RouteHandler } from './router';

function linkedIssue(ctx: EmulatorContext, value: unknown, side: string): JiraIssue {
  const ref = isRecord(value) ? (value.key ?? value.id) : undefined;
  if (typeof ref !== 'string') throw new JiraApiError(400, [], { [side]: `${side} needs a key or an id.` });
  const issue = findIssue(ctx.site, ref);
  if (!issue || !canBrowseIssue(ctx.site, ctx.caller, issue)) throw notFound(`Issue '${ref}' does not exist or you do not have permission to see it.`);
  return issue;
}

export const createIssueLink: RouteHandler = (ctx, req) => {
  const body = requireObjectBody(req.body);
  const typeRef = isRecord(body.type) ? (body.type.id ?? body.type.name) : undefined;
  const type = typeof typeRef === 'string'
    ? ctx.site.linkTypes.find((candidate) => candidate.id === typeRef || candidate.name.toLowerCase() === typeRef.toLowerCase())
    : undefined;
  if (!type) throw notFound(`No issue link type with name or id '${String(typeRef)}' found.`);
  const inward = linkedIssue(ctx, body.inwardIssue, 'inwardIssue');
  const outward = linkedIssue(ctx, body.outwardIssue, 'outwardIssue');
  if (!hasProjectPermission(ctx.caller, projectOf(ctx.site, outward), 'LINK_ISSUES')) {
    // Jira answers a missing Link Issues permission with 404, as its spec documents.
    throw notFound(`You do not have the permission to link issues in ${outward.key}.`);
  }
  const duplicate = ctx.site.links.some(
    (link) => link.typeId === type.id && link.inwardIssueId === inward.id && link.outwardIssueId === outward.id,
  );
  if (!duplicate) {
    const id = String(1 + Math.max(10000, ...ctx.site.links.map((link) => Number(link.id)).filter(Number.isFinite)));
    ctx.site.links.push({ id, typeId: type.id, inwardIssueId: inward.id, outwardIssueId: outward.id });
  }
  return { status: 201 };
};

export const listIssueLinkTypes: RouteHandler = (ctx) =>
  json(200, {
    issueLinkTypes: ctx.site.linkTypes.map((type) => ({
      id: type.id,
      name: type.name,
      inward: type.inward,
      outward: type.outward,
      self: `${ctx.site.baseUrl}/rest/api/3/issueLinkType/${type.id}`,
    })),
  });
