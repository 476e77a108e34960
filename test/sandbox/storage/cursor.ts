/**
 * Page cursors are opaque to the app (forge-reference §5.1: don't persist them). Here one is the position of
 * the last item a page looked at, so the next page starts strictly after it.
 */
import { Chosen, badRequest } from './errors';
import { isObject } from './validation';

export interface CursorPosition {
  /** What the position belongs to: an entity index and partition, or `key` for the plain store. */
  index: string;
  key: string;
  /** The range attribute's value, for entity indexes other than `by-key`. */
  range?: string | number;
}

export const encodeCursor = (position: CursorPosition): string =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

export function decodeCursor(cursor: unknown, index: string): CursorPosition | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  const invalid = badRequest(Chosen.invalidCursor, 'The provided cursor is invalid for this query.');
  if (typeof cursor !== 'string') throw invalid;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!isObject(decoded) || decoded.index !== index || typeof decoded.key !== 'string') throw invalid;
  const range = decoded.range;
  if (range !== undefined && typeof range !== 'string' && typeof range !== 'number') throw invalid;
  return { index, key: decoded.key, range };
}
