/**
 * The one way the app talks to its resolvers. Every response is parsed against the same contract the resolvers
 * validate with (src/contract), so a resolver that drifts from the contract shows up as an error on screen,
 * never as silently empty data.
 */
import { invoke } from '@forge/bridge';
import {
  contract,
  resultSchema,
  type ErrorCode,
  type ResolverInput,
  type ResolverKey,
  type ResolverOutput,
} from '../../src/contract';

/**
 * The contract's error codes, plus two the browser side can meet on its own: the bridge call itself failed
 * (no connection to Jira, the function crashed), or the answer did not match the contract.
 */
export type ResolverCallErrorCode = ErrorCode | 'bridge-failure' | 'invalid-response';

export class ResolverCallError extends Error {
  override readonly name = 'ResolverCallError';
  constructor(
    readonly code: ResolverCallErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly resolverKey?: ResolverKey,
    /** For `invalid-input`: the input paths that were wrong and why, as the resolver's zod parse reported them. */
    readonly fields?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

export async function callResolver<K extends ResolverKey>(key: K, input: ResolverInput<K>): Promise<ResolverOutput<K>> {
  let raw: unknown;
  try {
    raw = await invoke(key, input as Record<string, unknown>);
  } catch (cause: unknown) {
    // Bridge errors carry platform wording, not something to show a person; keep it for the console only. The
    // bridge rejects both when the network fails and when Upstream's function failed on the server (an HTTP
    // 500), and cannot tell which: so the message blames neither the person's connection nor Jira.
    console.error(`Upstream: calling ${key} failed`, cause);
    throw new ResolverCallError(
      'bridge-failure',
      'Upstream’s request did not complete. Try again; if it keeps happening, tell your Jira admin.',
      undefined,
      key,
    );
  }
  const parsed = resultSchema(contract[key].output).safeParse(raw);
  if (!parsed.success) {
    console.error(`Upstream: ${key} answered outside its contract`, parsed.error.issues);
    throw new ResolverCallError(
      'invalid-response',
      'Upstream received an answer it could not read. Reload the page; if it keeps happening, tell your Jira admin.',
      undefined,
      key,
    );
  }
  const result = parsed.data;
  if (!result.ok) {
    throw new ResolverCallError(result.error.code, result.error.message, result.error.retryAfterSeconds, key, result.error.fields);
  }
  return result.data as ResolverOutput<K>;
}

export const asResolverCallError = (error: unknown): ResolverCallError =>
  error instanceof ResolverCallError
    ? error
    : new ResolverCallError('internal', 'Something went wrong in Upstream. Reload the page and try again.');
