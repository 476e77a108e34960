/** `GET /rest/api/3/field` and `GET /rest/api/3/field/search`. */
import { json } from '../http';
import { badRequest } from './errors';
import { fieldDetailsJson, fieldSearchEntries } from './field-catalogue';
import { startAtPaging } from './input';
import type { RouteHandler } from './router';

export const listFields: RouteHandler = (ctx) => json(200, fieldDetailsJson(ctx.site));

export const searchFields: RouteHandler = (ctx, req) => {
  const types = (req.query.get('type') ?? '').split(',').map((type) => type.trim()).filter((type) => type.length > 0);
  if (types.some((type) => type !== 'custom' && type !== 'system')) throw badRequest("The 'type' parameter takes custom and/or system.");
  const type = types.length === 1 ? (types[0] as 'custom' | 'system') : 'all';
  const query = (req.query.get('query') ?? '').toLowerCase();
  const ids = req.query.getAll('id').flatMap((id) => id.split(','));
  const { startAt, maxResults } = startAtPaging(req.query, 50, 100);
  const matching = fieldSearchEntries(ctx.site, type).filter((field) => {
    const id = String(field.id);
    const name = String(field.name).toLowerCase();
    return (ids.length === 0 || ids.includes(id)) && (query === '' || name.includes(query) || id.toLowerCase().includes(query));
  });
  const values = matching.slice(startAt, startAt + maxResults);
  return json(200, {
    self: `${ctx.site.baseUrl}/rest/api/3/field/search?startAt=${startAt}&maxResults=${maxResults}`,
    maxResults,
    startAt,
    total: matching.length,
    isLast: startAt + values.length >= matching.length,
    values,
  });
};
