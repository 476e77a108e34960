/**
 * Property: any sequence of sets, deletes, expiring writes and (conditional) transactions, sent through the
 * real SDK, leaves the storage agreeing with a plain in-memory model of what Forge storage promises.
 */
import fc from 'fast-check';
import { Filter, FilterConditions, WhereConditions, kvs } from '@forge/kvs';
import { installStorage, type StorageHarness } from '../sandbox/storage/testing';

const PLAIN_KEYS = ['k0', 'k1', 'k2', 'k3'] as const;
const COUNTER_KEYS = ['c0', 'c1', 'c2'] as const;
const OWNERS = ['ana', 'bo'] as const;

type PlainValue = number | string | { n: number };
interface Counter {
  count: number;
  owner: string;
}
interface Expiring<T> {
  value: T;
  expireAt?: number;
}

type TransactionStep =
  | { kind: 'set'; key: string; value: PlainValue }
  | { kind: 'delete'; key: string }
  | { kind: 'setCounter'; key: string; value: Counter; require?: Requirement }
  | { kind: 'deleteCounter'; key: string; require?: Requirement }
  | { kind: 'checkCounter'; key: string; require: Requirement };

/** A condition on the stored counter: its count equals n, or it does not exist. */
type Requirement = { countIs: number } | { absent: true };

type Command =
  | { kind: 'set'; key: string; value: PlainValue; ttlSeconds?: number }
  | { kind: 'setIfAbsent'; key: string; value: PlainValue }
  | { kind: 'delete'; key: string }
  | { kind: 'setCounter'; key: string; value: Counter }
  | { kind: 'advance'; seconds: number }
  | { kind: 'transact'; steps: TransactionStep[] };

const plainValue = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 8 }), fc.record({ n: fc.integer() }));
const counter = fc.record({ count: fc.integer({ min: 0, max: 3 }), owner: fc.constantFrom(...OWNERS) });
const requirement: fc.Arbitrary<Requirement> = fc.oneof(
  fc.record({ countIs: fc.integer({ min: 0, max: 3 }) }),
  fc.constant({ absent: true as const }),
);
const maybeRequirement = fc.option(requirement, { nil: undefined });
const plainKey = fc.constantFrom(...PLAIN_KEYS);
const counterKey = fc.constantFrom(...COUNTER_KEYS);

const transactionStep: fc.Arbitrary<TransactionStep> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: plainKey, value: plainValue }),
  fc.record({ kind: fc.constant('delete' as const), key: plainKey }),
  fc.record({ kind: fc.constant('setCounter' as const), key: counterKey, value: counter, require: maybeRequirement }),
  fc.record({ kind: fc.constant('deleteCounter' as const), key: counterKey, require: maybeRequirement }),
  fc.record({ kind: fc.constant('checkCounter' as const), key: counterKey, require: requirement }),
);

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    key: plainKey,
    value: plainValue,
    ttlSeconds: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('setIfAbsent' as const), key: plainKey, value: plainValue }),
  fc.record({ kind: fc.constant('delete' as const), key: plainKey }),
  fc.record({ kind: fc.constant('setCounter' as const), key: counterKey, value: counter }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 4 }) }),
  // Each key once per transaction, as the platform requires.
  fc.record({
    kind: fc.constant('transact' as const),
    steps: fc.uniqueArray(transactionStep, { minLength: 1, maxLength: 5, selector: (step) => step.key }),
  }),
);

class StorageModel {
  readonly plain = new Map<string, Expiring<PlainValue>>();
  readonly counters = new Map<string, Counter>();
  constructor(private readonly now: () => number) {}

  livePlain(key: string): PlainValue | undefined {
    const entry = this.plain.get(key);
    return entry && (entry.expireAt === undefined || entry.expireAt > this.now()) ? entry.value : undefined;
  }

  holds(key: string, require: Requirement | undefined): boolean {
    if (!require) return true;
    const stored = this.counters.get(key);
    return 'absent' in require ? stored === undefined : stored?.count === require.countIs;
  }
}

const filterFor = (require: Requirement) =>
  'absent' in require
    ? new Filter<Counter>().and('count', FilterConditions.notExists())
    : new Filter<Counter>().and('count', FilterConditions.equalTo(require.countIs));

const guarded = (require: Requirement | undefined) =>
  require ? { entityName: 'counter', conditions: filterFor(require) } : { entityName: 'counter' };

async function apply(model: StorageModel, harness: StorageHarness, step: Command): Promise<void> {
  switch (step.kind) {
    case 'set': {
      const ttl = step.ttlSeconds === undefined ? undefined : { unit: 'SECONDS' as const, value: step.ttlSeconds };
      await kvs.set(step.key, step.value, ttl ? { ttl } : undefined);
      model.plain.set(step.key, { value: step.value, expireAt: ttl ? harness.nowMs() + ttl.value * 1000 : undefined });
      return;
    }
    case 'setIfAbsent': {
      const attempt = kvs.set(step.key, step.value, { keyPolicy: 'FAIL_IF_EXISTS' });
      if (model.livePlain(step.key) !== undefined) {
        await expect(attempt).rejects.toMatchObject({ code: 'KEY_ALREADY_EXISTS' });
      } else {
        await attempt;
        model.plain.set(step.key, { value: step.value });
      }
      return;
    }
    case 'delete':
      await kvs.delete(step.key);
      model.plain.delete(step.key);
      return;
    case 'setCounter':
      await kvs.entity<Counter>('counter').set(step.key, step.value);
      model.counters.set(step.key, step.value);
      return;
    case 'advance':
      harness.advance(step.seconds * 1000);
      return;
    case 'transact': {
      const transaction = kvs.transact();
      for (const part of step.steps) {
        if (part.kind === 'set') transaction.set(part.key, part.value);
        if (part.kind === 'delete') transaction.delete(part.key);
        if (part.kind === 'setCounter') transaction.set(part.key, part.value, guarded(part.require));
        if (part.kind === 'deleteCounter') transaction.delete(part.key, guarded(part.require));
        if (part.kind === 'checkCounter') {
          transaction.check(part.key, { entityName: 'counter', conditions: filterFor(part.require) });
        }
      }
      const allHold = step.steps.every(
        (part) => part.kind === 'set' || part.kind === 'delete' || model.holds(part.key, part.require),
      );
      if (!allHold) {
        await expect(transaction.execute()).rejects.toMatchObject({ code: 'CONDITION_CHECK_FAILED' });
        return;
      }
      await transaction.execute();
      for (const part of step.steps) {
        if (part.kind === 'set') model.plain.set(part.key, { value: part.value });
        if (part.kind === 'delete') model.plain.delete(part.key);
        if (part.kind === 'setCounter') model.counters.set(part.key, part.value);
        if (part.kind === 'deleteCounter') model.counters.delete(part.key);
      }
      return;
    }
  }
}

async function expectAgreement(model: StorageModel): Promise<void> {
  for (const key of PLAIN_KEYS) expect(await kvs.get(key)).toEqual(model.livePlain(key));

  const listed = await kvs.query().where('key', WhereConditions.beginsWith('k')).limit(100).getMany();
  const expectedPlain = PLAIN_KEYS.filter((key) => model.livePlain(key) !== undefined).map((key) => ({
    key,
    value: model.livePlain(key),
  }));
  expect(listed.results).toEqual(expectedPlain);

  for (const owner of OWNERS) {
    const byOwner = kvs.entity<Counter>('counter').query().index('by-owner-count', { partition: [owner] });
    const page = await byOwner.limit(100).getMany();
    const expected = [...model.counters.entries()]
      .filter(([, value]) => value.owner === owner)
      .sort(([keyA, a], [keyB, b]) => a.count - b.count || (keyA < keyB ? -1 : 1))
      .map(([key, value]) => ({ key, value }));
    expect(page.results).toEqual(expected);
  }
}

describe('storage agrees with a simple model', () => {
  let harness: StorageHarness;

  beforeAll(() => {
    harness = installStorage();
  });

  afterAll(() => {
    harness.storage.close();
  });

  it('after every step of a random sequence of writes, expiries and transactions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
        harness.storage.reset();
        const model = new StorageModel(() => harness.nowMs());
        for (const step of commands) {
          await apply(model, harness, step);
          await expectAgreement(model);
        }
      }),
      { numRuns: 60 },
    );
  });
});
