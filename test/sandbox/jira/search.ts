/**
 * Enhanced JQL search (`/rest/api/3/search/jql`, GET and POST) and `/rest/api/3/search/approximate-count`. Both
 * read the search index, which lags writes (search-index.ts); `reconcileIssues` reads up to 50 issues fresh.
 */
import { json } from '../http';
import type { EmulatorContext } from './context';
import { JiraApiError, badRequest } from './errors';
import { optionalInt, optionalString, optionalStringList, requireObjectBody } from './input';
import { issueJson, listTokens, selectFields } from './issue-json';
import { runJql } from './jql/run-jql';
import type { RouteHandler } from './router';

const DEFAULT_MAX_RESULTS = 50;
const MAX_RESULTS_WITH_FIELDS = 100;
const MAX_RESULTS_ID_KEY_ONLY = 5000;
const MAX_PROPERTIES = 5;
const MAX_RECONCILE_ISSUES = 50;

interface SearchArguments {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields: string[];
  properties: string[];
  /** Issue ids to read from the database rather than the lagging index (read-after-write). */
  reconcileIssues: string[];
}

function reconcileIds(raw: readonly unknown[]): string[] {
  if (!raw.every((id) => (typeof id === 'number' && Number.isInteger(id)) || (typeof id === 'string' && /^\d+$/.test(id)))) {
    throw new JiraApiError(400, [], { reconcileIssues: "'reconcileIssues' must be a list of numeric issue ids." });
  }
  if (raw.length > MAX_RECONCILE_ISSUES) {
    throw badRequest(`'reconcileIssues' accepts at most ${MAX_RECONCILE_ISSUES} issue ids; it has ${raw.length}.`);
  }
  return raw.map(String);
}

/** The page token carries the offset and the query it belongs to, so a token cannot be replayed on other JQL. */
function encodePageToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ jql, offset }), 'utf8').toString('base64url');
}

function decodePageToken(token: string, jql: string): number {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof decoded === 'object' && decoded !== null && 'jql' in decoded && 'offset' in decoded) {
      const { jql: tokenJql, offset } = decoded as { jql: unknown; offset: unknown };
      if (tokenJql === jql && typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('The provided next page token is invalid or expired.');
}

function search(ctx: EmulatorContext, args: SearchArguments): Record<string, unknown> {
  const propertyKeys = args.properties.filter((key) => !key.startsWith('-'));
  if (propertyKeys.length > MAX_PROPERTIES) throw badRequest(`You can request at most ${MAX_PROPERTIES} properties.`);
  const selection = selectFields(ctx.site, args.fields, ['id']);
  const idOrKeyOnly = args.fields.length === 0 || args.fields.every((field) => field === 'id' || field === 'key');
  const cap = idOrKeyOnly ? MAX_RESULTS_ID_KEY_ONLY : MAX_RESULTS_WITH_FIELDS;
  const requested = args.maxResults ?? DEFAULT_MAX_RESULTS;
  if (requested < 0) throw badRequest("The 'maxResults' parameter must not be negative.");
  const pageSize = Math.min(requested, cap);
  const offset = args.nextPageToken ? decodePageToken(args.nextPageToken, args.jql) : 0;
  const matches = runJql(ctx, args.jql, new Set(args.reconcileIssues));
  const page = matches.slice(offset, offset + pageSize);
  const isLast = offset + pageSize >= matches.length;
  return {
    issues: page.map((issue) => issueJson(ctx, issue, selection, args.properties)),
    ...(isLast ? {} : { nextPageToken: encodePageToken(args.jql, offset + pageSize) }),
    isLast,
  };
}

export const searchJqlGet: RouteHandler = (ctx, req) => {
  const maxResults = req.query.get('maxResults');
  if (maxResults !== null && !/^\d+$/.test(maxResults)) throw badRequest("The 'maxResults' parameter must be a number.");
  return json(200, search(ctx, {
    jql: req.query.get('jql') ?? '',
    nextPageToken: req.query.get('nextPageToken') ?? undefined,
    maxResults: maxResults === null ? undefined : Number(maxResults),
    fields: listTokens(req.query.getAll('fields')),
    properties: listTokens(req.query.getAll('properties')),
    reconcileIssues: reconcileIds(listTokens(req.query.getAll('reconcileIssues'))),
  }));
};

export const searchJqlPost: RouteHandler = (ctx, req) => {
  const body = requireObjectBody(req.body);
  return json(200, search(ctx, {
    jql: optionalString(body, 'jql') ?? '',
    nextPageToken: optionalString(body, 'nextPageToken'),
    maxResults: optionalInt(body, 'maxResults'),
    fields: listTokens(optionalStringList(body, 'fields')),
    properties: listTokens(optionalStringList(body, 'properties')),
    reconcileIssues: reconcileIds(reconcileList(body)),
  }));
};

function reconcileList(body: Record<string, unknown>): unknown[] {
  const raw = body.reconcileIssues;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new JiraApiError(400, [], { reconcileIssues: "'reconcileIssues' must be a list of numeric issue ids." });
  return raw;
}

export const approximateCount: RouteHandler = (ctx, req) => {
  const body = requireObjectBody(req.body);
  const jql = optionalString(body, 'jql');
  if (jql === undefined) throw badRequest("The 'jql' field is required.");
  return json(200, { count: runJql(ctx, jql).length });
};
