import { z } from 'zod';

/**
 * The closed set of error codes a resolver may return. The frontend maps each to a next step for the person
 * (sign in, ask for access, retry after N seconds …); anything unexpected is `internal`.
 */
export const ERROR_CODES = [
  'invalid-input',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'jira-unavailable',
  'rate-limited',
  'storage-unavailable',
  'internal',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const resolverErrorSchema = z.object({
  code: errorCodeSchema,
  /** Written for a person: what happened and what to do next. Never raw exception text. */
  message: z.string().min(1),
  /** For `rate-limited`, `jira-unavailable` and `storage-unavailable`: when a retry makes sense. */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** For `invalid-input`: which input path was wrong, as zod reports it. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type ResolverError = z.infer<typeof resolverErrorSchema>;

export const resultSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: resolverErrorSchema }),
  ]);

export type Result<T> = { ok: true; data: T } | { ok: false; error: ResolverError };
