/**
 * Fuzz: the concept list keys (`settings.concepts.get|save|reset`). 10,000 payloads per key from four callers
 * (only the admin may use them): arbitrary JSON, near-valid inputs mutated from valid ones, and generated concept
 * lists (names and words from a small alphabet, so names and words collide and words in two concepts happen).
 * Every answer is an envelope, never `internal`, and a refused input writes nothing.
 *
 * A save or reset is checked against the list's `updatedAt`, which every accepted save moves on; so a sample's
 * `expectedUpdatedAt` of CURRENT is replaced by the stored one just before the call (the rest, stale or made up,
 * are conflicts or invalid), which keeps accepted saves happening all the way through.
 */
import fc from 'fast-check';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { contract, resultSchema, type ResolverKey } from '../../src/contract';
import { DEFAULT_CONCEPTS } from '../../src/domain/concepts';
import { retryPolicy } from '../../src/jira/client';
import { readConceptList } from '../../src/store/concept-list-store';
import { writesIn } from '../integration/work-type-helpers';
import { payloads, RUNS_PER_KEY } from './resolver-fuzz';

const CURRENT = 'CURRENT';
const people = [SEED_USERS.engineer, SEED_USERS.restricted, SEED_USERS.sales, SEED_USERS.admin];

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = new Sandbox({ today: new Date('2026-11-26T10:00:00Z') });
  retryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());

const word = fc.oneof(
  fc.constantFrom('csv', 'CSV', 'spreadsheet', 'Spreadsheets', 'excel', 'dark mode', 'sso', 'x', '--', ' csv ', 'a'.repeat(101), 'ünïcode', '🙂🙂'),
  fc.string({ minLength: 0, maxLength: 8 }),
);
const conceptId = fc.oneof(fc.constantFrom('export', 'login', 'payroll', 'Export', 'two words', '-lead', 'a'.repeat(64), 'über'), fc.string({ maxLength: 6 }));
const generatedSave = fc.record({
  concepts: fc.array(fc.record({ id: conceptId, words: fc.array(word, { maxLength: 4 }) }), { maxLength: 5 }),
  expectedUpdatedAt: fc.oneof(fc.constant(CURRENT), fc.constant(null), fc.constant('2026-11-26T10:00:00.000Z')),
});

const VALID: Record<string, Record<string, unknown>[]> = {
  'settings.concepts.get': [{}],
  'settings.concepts.save': [
    { concepts: DEFAULT_CONCEPTS.concepts, expectedUpdatedAt: CURRENT },
    { concepts: [{ id: 'export', words: ['csv', 'spreadsheet'] }, { id: 'payroll', words: ['payroll', 'pay run'] }], expectedUpdatedAt: CURRENT },
  ],
  'settings.concepts.reset': [{ expectedUpdatedAt: CURRENT }],
};

/** The payload as sent: CURRENT becomes the stored list's updatedAt (null while it is the defaults). */
async function withCurrentUpdatedAt(payload: unknown): Promise<unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  const record = payload as Record<string, unknown>;
  if (record.expectedUpdatedAt !== CURRENT) return payload;
  const stored = await sandbox.asApp(() => readConceptList());
  return { ...record, expectedUpdatedAt: stored.state === 'stored' ? new Date(stored.updatedAt).toISOString() : null };
}

async function fuzzConceptKey(key: ResolverKey, arbitrary: fc.Arbitrary<unknown>): Promise<{ accepted: number; rejected: number; codes: Record<string, number> }> {
  const envelope = resultSchema(contract[key].output);
  const codes: Record<string, number> = {};
  let accepted = 0;
  let rejected = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, fc.constantFrom(...people), async (sample, accountId) => {
      const payload = await withCurrentUpdatedAt(sample);
      sandbox.clearLogs();
      const answer = await sandbox.invoke({ accountId, moduleKey: 'settings', extension: {} }, key, payload);
      const parsed = envelope.safeParse(answer);
      if (!parsed.success) throw new Error(`${key} answered outside the envelope: ${JSON.stringify(answer).slice(0, 300)}`);
      if (parsed.data.ok) {
        accepted += 1;
        return;
      }
      rejected += 1;
      codes[parsed.data.error.code] = (codes[parsed.data.error.code] ?? 0) + 1;
      if (parsed.data.error.code === 'internal') throw new Error(`${key} answered internal for ${JSON.stringify(payload)?.slice(0, 300)}`);
      const writes = writesIn(sandbox);
      if (writes.length > 0) throw new Error(`${key} refused (${parsed.data.error.code}) but wrote ${writes.join(', ')}`);
    }),
    { numRuns: RUNS_PER_KEY, seed: 20261202, endOnFailure: true },
  );
  return { accepted, rejected, codes };
}

it.each([
  ['settings.concepts.get', payloads(VALID['settings.concepts.get']!)],
  ['settings.concepts.save', fc.oneof({ weight: 3, arbitrary: payloads(VALID['settings.concepts.save']!) }, { weight: 1, arbitrary: generatedSave })],
  ['settings.concepts.reset', payloads(VALID['settings.concepts.reset']!)],
] as const)('%s: 10,000 payloads, always an envelope, never internal, refused inputs write nothing', async (key, arbitrary) => {
  const { accepted, rejected, codes } = await fuzzConceptKey(key, arbitrary);
  console.log(`${key}: ${accepted} accepted, ${rejected} refused ${JSON.stringify(codes)}`);
  expect(accepted + rejected).toBe(RUNS_PER_KEY);
  expect(accepted).toBeGreaterThan(0);
  expect(rejected).toBeGreaterThan(0);
}, 300_000);
