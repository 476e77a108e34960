/** `GET /rest/api/3/project/{projectIdOrKey}` and `GET /rest/api/3/project/search` (visible projects only). */
import { json } from '../http';
import { findProject } from './context';
import { notFound } from './errors';
import { startAtPaging } from './input';
import { canBrowseProject, visibleProjects } from './permissions';
import { projectJson } from './representation';
import type { RouteHandler } from './router';

export const getProject: RouteHandler = (ctx, req) => {
  const ref = req.params.projectIdOrKey;
  const project = findProject(ctx.site, ref);
  if (!project || !canBrowseProject(ctx.caller, project)) throw notFound(`No project could be found with key '${ref}'.`);
  return json(200, projectJson(ctx.site, project));
};

export const searchProjects: RouteHandler = (ctx, req) => {
  const { startAt, maxResults } = startAtPaging(req.query, 50, 100);
  const query = (req.query.get('query') ?? '').toLowerCase();
  const keys = req.query.getAll('keys').flatMap((key) => key.split(',')).map((key) => key.toUpperCase());
  const matching = visibleProjects(ctx.site, ctx.caller)
    .filter((project) => query === '' || project.key.toLowerCase().includes(query) || project.name.toLowerCase().includes(query))
    .filter((project) => keys.length === 0 || keys.includes(project.key.toUpperCase()) || keys.includes(project.id))
    .sort((a, b) => a.key.localeCompare(b.key));
  const values = matching.slice(startAt, startAt + maxResults);
  return json(200, {
    self: `${ctx.site.baseUrl}/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}`,
    maxResults,
    startAt,
    total: matching.length,
    isLast: startAt + values.length >= matching.length,
    values: values.map((project) => projectJson(ctx.site, project)),
  });
};
