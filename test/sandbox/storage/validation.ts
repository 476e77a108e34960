/**
 * The platform's input rules: key shape, value size and depth, TTL, and narrowing the raw JSON the SDK sends.
 */
import { Documented, badRequest, invalidBody, Chosen } from './errors';

export type JsonObject = { [name: string]: unknown };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') throw invalidBody('the body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidBody('the body is not JSON');
  }
}

export function requireObject(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw invalidBody(`${what} must be an object`);
  return value;
}

export function requireArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw invalidBody(`${what} must be an array`);
  return value;
}

export function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidBody(`${what} must be a string`);
  return value;
}

export function requireString(value: unknown, what: string): string {
  const text = optionalString(value, what);
  if (text === undefined) throw invalidBody(`${what} is required`);
  return text;
}

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
export const MAX_KEY_LENGTH = 500;

/** Custom entity keys say "EMPTY_KEY" where plain keys say "KEY_TOO_SHORT" (the two documented tables differ). */
export function validateKey(key: unknown, store: 'kvs' | 'entity' = 'kvs'): string {
  if (key === undefined || key === null || key === '') {
    throw store === 'entity'
      ? badRequest(Documented.emptyKey, 'Key cannot be empty.')
      : badRequest(Documented.keyTooShort, 'The provided key needs to be at least one character.');
  }
  if (typeof key !== 'string') throw invalidBody('key must be a string');
  if (key.length > MAX_KEY_LENGTH) {
    throw badRequest(Documented.keyTooLong, `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw badRequest(Documented.invalidKey, `The provided key does not match the regex: ${KEY_PATTERN.source}`);
  }
  return key;
}

export const MAX_VALUE_BYTES = 240 * 1024;
/**
 * Atlassian's secrets page says 128 KiB while the general limit is 240 KiB; forge-reference §5.1 says use the
 * smaller number, so secrets are held to it.
 */
export const MAX_SECRET_BYTES = 128 * 1024;
/** The limits page says 31 levels, the error table says 32; the stricter one is enforced. */
export const MAX_DEPTH = 31;

/** Nesting depth: a scalar is 0, `{}`/`[]` is 1, `{a:{}}` is 2. */
export function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

/**
 * A stored value is a string, number, boolean, array or object. `null` (a top-level one) is refused: the
 * platform documents no null value and the SDK types exclude it, so the sandbox fails loudly rather than
 * guessing.
 */
export function validateValue(value: unknown, maxBytes = MAX_VALUE_BYTES): string {
  if (value === undefined) throw invalidBody('value is required');
  if (value === null) throw invalidBody('value cannot be null');
  const serialised = JSON.stringify(value);
  if (Buffer.byteLength(serialised, 'utf8') > maxBytes) {
    throw badRequest(Documented.maxSize, `The provided value has exceeded the maximum size limit (${maxBytes} bytes).`);
  }
  if (depthOf(value) > MAX_DEPTH) {
    throw badRequest(Documented.maxDepth, `The provided value has exceeded the maximum object depth (${MAX_DEPTH}).`);
  }
  return serialised;
}

const TTL_UNIT_MS: Record<string, number> = {
  SECONDS: 1000,
  MINUTES: 60 * 1000,
  HOURS: 60 * 60 * 1000,
  DAYS: 24 * 60 * 60 * 1000,
};
/** The docs give one year as the longest TTL. */
export const MAX_TTL_MS = 365 * TTL_UNIT_MS.DAYS;

/** Milliseconds to live, or undefined for "never expires". */
export function ttlMillis(options: unknown): number | undefined {
  if (!isObject(options) || options.ttl === undefined || options.ttl === null) return undefined;
  const ttl = options.ttl;
  if (!isObject(ttl)) throw badRequest(Chosen.invalidTtl, 'ttl must be { value, unit }');
  const unitMs = typeof ttl.unit === 'string' ? TTL_UNIT_MS[ttl.unit] : undefined;
  if (unitMs === undefined) {
    throw badRequest(Chosen.invalidTtl, `ttl.unit must be one of ${Object.keys(TTL_UNIT_MS).join(', ')}`);
  }
  if (typeof ttl.value !== 'number' || !Number.isInteger(ttl.value) || ttl.value <= 0) {
    throw badRequest(Chosen.invalidTtl, 'ttl.value must be a positive integer');
  }
  const ms = ttl.value * unitMs;
  if (ms > MAX_TTL_MS) throw badRequest(Chosen.invalidTtl, 'ttl cannot exceed one year');
  return ms;
}

export type MetadataFieldName = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';
const isMetadataField = (field: unknown): field is MetadataFieldName =>
  field === 'CREATED_AT' || field === 'UPDATED_AT' || field === 'EXPIRE_TIME';

export function metadataFields(value: unknown): MetadataFieldName[] {
  if (value === undefined || value === null) return [];
  const fields = requireArray(value, 'metadataFields');
  return fields.map((field) => {
    if (!isMetadataField(field)) throw invalidBody(`unknown metadata field ${JSON.stringify(field)}`);
    return field;
  });
}
