/**
 * Matches a request to a route template (`/rest/api/3/issue/{issueIdOrKey}`), parses its query and JSON body,
 * runs the handler and turns a `JiraApiError` into Jira's error response. Unmatched requests answer 501.
 */
import type { SandboxRequest, SandboxResponse } from '../http';
import type { EmulatorContext } from './context';
import { JiraApiError, badRequest } from './errors';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Raw body text, for handlers that limit its size. */
  rawBody: string | undefined;
  /** The parsed JSON body; undefined when there is none. Parsing fails with 400 before the handler runs. */
  body: unknown;
}

export type RouteHandler = (ctx: EmulatorContext, req: RouteRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface JiraRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path template exactly as the OpenAPI spec names it. */
  template: string;
  handler: RouteHandler;
}

export interface RouteMatch {
  route: JiraRoute;
  params: Record<string, string>;
}

function matchTemplate(template: string, pathname: string): Record<string, string> | undefined {
  const templateParts = template.split('/');
  const pathParts = pathname.replace(/\/+$/, '').split('/');
  if (templateParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < templateParts.length; i++) {
    const templatePart = templateParts[i];
    const pathPart = pathParts[i];
    const paramName = /^\{(.+)\}$/.exec(templatePart)?.[1];
    if (paramName) {
      if (pathPart.length === 0) return undefined;
      params[paramName] = decodeURIComponent(pathPart);
    } else if (templatePart !== pathPart) return undefined;
  }
  return params;
}

/** Literal segments beat parameters, so `/issue/bulkfetch` is not read as `/issue/{issueIdOrKey}`. */
export function matchRoute(routes: readonly JiraRoute[], method: string, path: string): RouteMatch | undefined {
  const pathname = path.split('?')[0];
  const candidates: RouteMatch[] = [];
  for (const route of routes) {
    if (route.method !== method.toUpperCase()) continue;
    const params = matchTemplate(route.template, pathname);
    if (params) candidates.push({ route, params });
  }
  candidates.sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
  return candidates[0];
}

function parseBody(raw: string | undefined): unknown {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badRequest(`Unexpected character in the request body: ${detail}`);
  }
}

export async function dispatch(routes: readonly JiraRoute[], ctx: EmulatorContext, req: SandboxRequest): Promise<SandboxResponse> {
  const match = matchRoute(routes, req.method, req.path);
  if (!match) {
    return {
      status: 501,
      headers: { 'content-type': 'application/json' },
      body: {
        errorMessages: [`The sandbox's Jira emulator does not model ${req.method.toUpperCase()} ${describePath(req.path)}`],
        errors: {},
      },
    };
  }
  try {
    const query = new URLSearchParams(req.path.includes('?') ? req.path.slice(req.path.indexOf('?') + 1) : '');
    const routeRequest: RouteRequest = { params: match.params, query, rawBody: req.body, body: parseBody(req.body) };
    return await match.route.handler(ctx, routeRequest);
  } catch (error: unknown) {
    if (error instanceof JiraApiError) return error.toResponse();
    throw error;
  }
}

/** The unmodelled path with its ids generalised, so the 501 names the operation rather than one issue. */
function describePath(path: string): string {
  const parts = path.split('?')[0].split('/');
  return parts
    .map((part, i) => (parts[i - 1] !== 'api' && (/^\d+$/.test(part) || /^[A-Z][A-Z0-9_]+-\d+$/.test(part)) ? '{id}' : part))
    .join('/');
}
