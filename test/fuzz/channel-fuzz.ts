/**
 * Shared by the channel fuzz suites: 10,000 requests per channel through the real webtrigger handler — bodies
 * signed correctly but malformed (mutated from a valid payload, or random bytes), valid bodies with wrong,
 * missing or stale signatures, and a few valid ones — checking that nothing is answered 500 (an unhandled
 * error), that a request not answered "stored" wrote no `signal` row (counted in SQL), and that some are stored.
 */
import fc from 'fast-check';
import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import { Sandbox } from '../sandbox/sandbox';
import { connectAll, migrate, send, signalCount } from '../integration/channel-helpers';

export const RUNS_PER_CHANNEL = 10_000;

/** What a channel fuzz file runs against: set by `connectedSandbox()`'s beforeAll. */
export interface ChannelFuzzWorld {
  sandbox: Sandbox;
  /** The secret in Salesforce's path. */
  salesforceSecret: string;
}

/**
 * One sandbox per fuzz file with the schema migrated and every channel's secret set (warnings about refused
 * requests silenced): registers the file's beforeAll and afterAll, and answers the world they fill in.
 */
export function connectedSandbox(): ChannelFuzzWorld {
  const world = {} as ChannelFuzzWorld;
  beforeAll(async () => {
    world.sandbox = new Sandbox({ today: new Date() });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await migrate(world.sandbox);
    world.salesforceSecret = (await connectAll(world.sandbox)).salesforceSecret;
  });
  afterAll(() => world.sandbox.close());
  return world;
}

type Json = unknown;

/** Values that have broken parsers elsewhere: wrong types, huge and odd text, prototype keys. */
export const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '\u0000', '🙂', '__proto__', 'x'.repeat(6000), '<b>', '&amp;', '1e309', '-1', 'NaN', null, [], {}),
  fc.integer(),
  fc.double(),
);

/** One edit somewhere in a JSON value: drop, replace or add a key at any depth, or replace a leaf. */
export function mutateJson(value: Json): fc.Arbitrary<Json> {
  if (value === null || typeof value !== 'object') return fc.oneof(oddValue, fc.constant(value));
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return oddValue;
  const rebuild = (key: string, next: Json | undefined): Json => {
    if (Array.isArray(value)) return next === undefined ? value.filter((_, i) => String(i) !== key) : value.map((v, i) => (String(i) === key ? next : v));
    const copy: Record<string, Json> = { ...(value as Record<string, Json>) };
    if (next === undefined) delete copy[key];
    else copy[key] = next;
    return copy;
  };
  return fc.oneof(
    fc.constantFrom(...entries).map(([k]) => rebuild(k, undefined)),
    fc.tuple(fc.constantFrom(...entries), oddValue).map(([[k], v]) => rebuild(k, v)),
    fc.constantFrom(...entries).chain(([k, v]) => mutateJson(v).map((next) => rebuild(k, next))),
    fc.tuple(fc.string({ maxLength: 10 }), oddValue).map(([k, v]) => ({ ...(value as object), [k || 'extra']: v })),
  );
}

/** Random bytes as the text a webtrigger would hand over (Forge gives the body as a string). */
export const randomBody = fc.oneof(
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.string({ maxLength: 400 }),
  fc.constantFrom('', '{}', '[]', 'null', 'payload=', 'payload=%7B', 'payload=not-json', '<', '<a>', '<?xml version="1.0"?>', '{"a":'),
);

export interface ChannelFuzzResult {
  accepted: number;
  refused: number;
  statuses: Record<number, number>;
}

/**
 * Sends every generated request; `stored` says from the answer whether the channel claims to have stored a
 * new signal. A request answered otherwise must leave the signal count as it was.
 */
/** Counting rows after every request doubled the run time; a window this short still names the requests at fault. */
const COUNT_EVERY = 20;

export async function fuzzChannel(
  sandbox: Sandbox,
  requests: fc.Arbitrary<WebTriggerRequest>,
  stored: (res: WebTriggerResponse) => boolean,
  seed: number,
): Promise<ChannelFuzzResult> {
  const result: ChannelFuzzResult = { accepted: 0, refused: 0, statuses: {} };
  let count = await signalCount(sandbox);
  // Each valid request the suites generate is one record, so each "stored" answer is exactly one new row: the
  // rows added in a window must equal the "stored" answers in it, or a refused request wrote one.
  let window: string[] = [];
  let storedInWindow = 0;
  const check = async () => {
    const after = await signalCount(sandbox);
    if (after - count !== storedInWindow) {
      throw new Error(`${after - count} signal rows written for ${storedInWindow} "stored" answers among: ${window.join(' | ')}`);
    }
    count = after;
    window = [];
    storedInWindow = 0;
  };
  await fc.assert(
    fc.asyncProperty(requests, async (req) => {
      let res: WebTriggerResponse;
      try {
        res = await send(sandbox, req);
      } catch (error: unknown) {
        throw new Error(`the webtrigger threw instead of answering: ${String(error)}`);
      }
      result.statuses[res.statusCode] = (result.statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 500 && res.statusCode !== 503) throw new Error(`answered ${res.statusCode}: ${res.body?.slice(0, 300)}`);
      if (typeof res.body !== 'string' || !res.headers?.['Content-Type']) throw new Error('answered without a body or a content type');
      window.push(`${res.statusCode} ${req.path} ${req.body.slice(0, 60)}`);
      if (stored(res)) {
        result.accepted += 1;
        storedInWindow += 1;
      } else {
        result.refused += 1;
      }
      if (window.length >= COUNT_EVERY) await check();
    }),
    { numRuns: RUNS_PER_CHANNEL, seed, endOnFailure: true },
  );
  await check();
  return result;
}
