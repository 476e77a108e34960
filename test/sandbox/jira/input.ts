/** Narrowing of request input (query parameters and JSON bodies) into typed values, failing with Jira's 400. */
import { badRequest, fieldError } from './errors';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.');
  return body;
}

export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`The value '${raw}' is not valid for the '${name}' parameter; it must be a number.`);
  return Number(raw);
}

export function optionalInt(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw fieldError(name, `'${name}' must be an integer.`);
  return value;
}

export function optionalStringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw fieldError(name, `'${name}' must be a list of strings.`);
  }
  return value;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fieldError(name, `'${name}' must be a string.`);
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw fieldError(name, `'${name}' must be true or false.`);
  return value;
}

/** Paging arguments of startAt-based endpoints, with Jira's bounds. */
export function startAtPaging(query: URLSearchParams, defaultMax: number, cap: number): { startAt: number; maxResults: number } {
  const startAt = Math.max(0, intParam(query, 'startAt', 0));
  const maxResults = Math.min(cap, Math.max(0, intParam(query, 'maxResults', defaultMax)));
  return { startAt, maxResults };
}
