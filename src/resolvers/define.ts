/**
 * The one path every resolver goes through: parse the input with the contract, require a signed-in caller,
 * run the use case, parse the output with the contract (so nothing extra crosses the bridge), and map every
 * failure to the result envelope. Raw exception text never reaches the browser.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { contract, type Contract, type KeysOf, type ResolverKey, type Result, type ResolverError } from '../contract';
import { AppError } from '../errors';

/** The only part of a resolver's context that is not browser-supplied. */
export interface Caller {
  accountId: string;
}

export type ResolverImplementation<K extends ResolverKey> = (
  input: z.output<Contract[K]['input']>,
  caller: Caller,
) => Promise<z.input<Contract[K]['output']>>;

export type ResolverImplementations = { [K in ResolverKey]: ResolverImplementation<K> };

/** One practice's resolvers: exactly the keys of its namespace (`PracticeResolvers<'triage'>`). */
export type PracticeResolvers<P extends string> = { [K in KeysOf<P>]: ResolverImplementation<K> };

interface ResolverRequest {
  payload: unknown;
  context: { accountId?: unknown };
}

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(input)';
    fields[path] ??= issue.message;
  }
  return fields;
}

function errorEnvelope(error: unknown, key: ResolverKey): { ok: false; error: ResolverError } {
  if (error instanceof AppError) {
    return { ok: false, error: { code: error.code, message: error.message, ...error.details } };
  }
  const reference = randomUUID().slice(0, 8);
  console.error(`resolver ${key} failed (reference ${reference}):`, error);
  return {
    ok: false,
    error: {
      code: 'internal',
      message: `Something went wrong in Upstream. Try again; if it keeps happening, tell your Jira admin (reference ${reference}).`,
    },
  };
}

export function runResolver<K extends ResolverKey>(key: K, implementation: ResolverImplementation<K>) {
  const { input: inputSchema, output: outputSchema } = contract[key];
  return async ({ payload, context }: ResolverRequest): Promise<Result<z.infer<Contract[K]['output']>>> => {
    try {
      if (typeof context?.accountId !== 'string' || context.accountId.length === 0) {
        throw new AppError('unauthenticated', 'Upstream needs a signed-in Jira user. Sign in to Jira and reload the page.');
      }
      const parsedInput = inputSchema.safeParse(payload ?? {});
      if (!parsedInput.success) {
        const fields = fieldsOf(parsedInput.error);
        const first = Object.entries(fields)[0];
        throw new AppError('invalid-input', `That request was not valid: ${first ? `${first[0]}: ${first[1]}` : 'check the input'}.`, {
          fields,
        });
      }
      const output = await implementation(parsedInput.data as z.output<Contract[K]['input']>, {
        accountId: context.accountId,
      });
      const parsedOutput = outputSchema.safeParse(output);
      if (!parsedOutput.success) throw new Error(`${key} produced output outside its contract: ${parsedOutput.error.message}`);
      return { ok: true, data: parsedOutput.data as z.infer<Contract[K]['output']> };
    } catch (error: unknown) {
      return errorEnvelope(error, key);
    }
  };
}
