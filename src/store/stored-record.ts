/**
 * Stored data outlives the code that wrote it, and people or older versions may have written it by hand, so
 * every record is read back through its schema here. A record that does not parse is reported the same way
 * whatever it is — `stored <kind> <id> does not match its schema: <first issue>` — so one search of the logs
 * finds every unreadable record by id; what happens next (missing, defaults, an error) is the caller's call.
 */
import type { z } from 'zod';

export type StoredRead<T> = { state: 'absent' } | { state: 'unreadable'; issue: string } | { state: 'stored'; value: T };

/** The first thing wrong with the record, with where it is: enough to find it, without the stored values. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not parse';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Absent, unreadable (reported) or stored, for callers that treat the three differently. */
export function inspectStored<T>(kind: string, id: string, schema: z.ZodType<T>, value: unknown): StoredRead<T> {
  // KVS answers undefined for a key it does not hold; null is how a cleared value may come back.
  if (value === undefined || value === null) return { state: 'absent' };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { state: 'stored', value: parsed.data };
  const issue = firstIssue(parsed.error);
  console.warn(`stored ${kind} ${id} does not match its schema: ${issue}`);
  return { state: 'unreadable', issue };
}

/** The record, or null when there is none or it does not parse (reported): for reads that treat it as missing. */
export function readStored<T>(kind: string, id: string, schema: z.ZodType<T>, value: unknown): T | null {
  const read = inspectStored(kind, id, schema, value);
  return read.state === 'stored' ? read.value : null;
}

/** Thrown where a caller must not carry on as if an unreadable record were missing. */
export class UnreadableRecordError extends Error {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly issue: string,
  ) {
    super(`stored ${kind} ${id} does not match its schema: ${issue}`);
    this.name = 'UnreadableRecordError';
  }
}

/** The record, or null when there is none; throws UnreadableRecordError (after reporting it) when it does not parse. */
export function requireReadable<T>(kind: string, id: string, schema: z.ZodType<T>, value: unknown): T | null {
  const read = inspectStored(kind, id, schema, value);
  if (read.state === 'unreadable') throw new UnreadableRecordError(kind, id, read.issue);
  return read.state === 'stored' ? read.value : null;
}
