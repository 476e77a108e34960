/**
 * `kvs.transact()` through the real SDK: all-or-nothing, conditions against the stored value, limits.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { installStorage, type StorageHarness } from '../sandbox/storage/testing';

interface Counter {
  count?: number;
  owner?: string;
}

let harness: StorageHarness;
const counters = () => kvs.entity<Counter>('counter');
const countIs = (count: number) => new Filter<Counter>().and('count', FilterConditions.equalTo(count));

beforeEach(() => {
  harness = installStorage();
});

afterEach(() => {
  harness.storage.close();
});

describe('transactions', () => {
  it('applies sets and deletes across plain keys and entities together', async () => {
    await kvs.set('old', 'x');
    await counters().set('c', { count: 1 });
    await kvs
      .transact()
      .set('new', { made: true })
      .delete('old')
      .set('c', { count: 2, owner: 'ana' }, { entityName: 'counter' })
      .execute();
    expect(await kvs.get('new')).toEqual({ made: true });
    expect(await kvs.get('old')).toBeUndefined();
    expect(await counters().get('c')).toEqual({ count: 2, owner: 'ana' });
    const page = await counters().query().index('by-owner-count', { partition: ['ana'] }).getMany();
    expect(page.results.map((r) => r.key)).toEqual(['c']);
  });

  it('writes when every condition holds against the stored value', async () => {
    await counters().set('c', { count: 1 });
    await counters().set('guard', { count: 7 });
    await kvs
      .transact()
      .set<Counter>('c', { count: 2 }, { entityName: 'counter', conditions: countIs(1) })
      .check('guard', { entityName: 'counter', conditions: countIs(7) })
      .execute();
    expect(await counters().get('c')).toEqual({ count: 2 });
  });

  it('a failed condition fails the whole transaction and writes nothing', async () => {
    await counters().set('c', { count: 1 });
    await counters().set('doomed', { count: 5 });
    await counters().set('guard', { count: 7 });
    const attempt = kvs
      .transact()
      .set('plain', 'should not appear')
      .set<Counter>('c', { count: 2 }, { entityName: 'counter', conditions: countIs(1) })
      .delete('doomed', { entityName: 'counter' })
      .check('guard', { entityName: 'counter', conditions: countIs(8) })
      .execute();
    await expect(attempt).rejects.toMatchObject({ code: 'CONDITION_CHECK_FAILED', responseDetails: { status: 409 } });
    expect(await kvs.get('plain')).toBeUndefined();
    expect(await counters().get('c')).toEqual({ count: 1 });
    expect(await counters().get('doomed')).toEqual({ count: 5 });
  });

  it('a conditional delete removes only when its condition holds', async () => {
    await counters().set('c', { count: 3 });
    await expect(kvs.transact().delete('c', { entityName: 'counter', conditions: countIs(4) }).execute()).rejects.toMatchObject({
      code: 'CONDITION_CHECK_FAILED',
    });
    expect(await counters().get('c')).toEqual({ count: 3 });
    await kvs.transact().delete('c', { entityName: 'counter', conditions: countIs(3) }).execute();
    expect(await counters().get('c')).toBeUndefined();
  });

  it('evaluates a missing item as empty: notExists holds, equalTo does not (create-once)', async () => {
    const noCountYet = new Filter<Counter>().and('count', FilterConditions.notExists());
    const createOnce = () =>
      kvs
        .transact()
        .set<Counter>('once', { count: 1 }, { entityName: 'counter', conditions: noCountYet })
        .execute();
    await createOnce();
    await expect(createOnce()).rejects.toMatchObject({ code: 'CONDITION_CHECK_FAILED' });
    const checkAbsent = kvs.transact().check('absent', { entityName: 'counter', conditions: countIs(0) });
    await expect(checkAbsent.execute()).rejects.toMatchObject({ code: 'CONDITION_CHECK_FAILED' });
  });

  it('an or-condition holds when any clause does', async () => {
    await counters().set('c', { count: 3, owner: 'bo' });
    const eitherWay = new Filter<Counter>().or('count', FilterConditions.equalTo(99)).or('owner', FilterConditions.equalTo('bo'));
    await kvs.transact().set<Counter>('c', { count: 4 }, { entityName: 'counter', conditions: eitherWay }).execute();
    expect(await counters().get('c')).toEqual({ count: 4 });
  });

  it('takes the ttl from the fourth argument and honours it', async () => {
    await kvs.transact().set('short', 1, undefined, { ttl: { unit: 'SECONDS', value: 10 } }).execute();
    await kvs.transact().set('c', { count: 1 }, { entityName: 'counter' }, { ttl: { unit: 'SECONDS', value: 10 } }).execute();
    harness.advance(9_999);
    expect(await kvs.get('short')).toBe(1);
    harness.advance(1);
    expect(await kvs.get('short')).toBeUndefined();
    expect(await counters().get('c')).toBeUndefined();
  });

  it('refuses 26 operations, and accepts 25', async () => {
    const withOps = (count: number) => {
      const transaction = kvs.transact();
      for (let i = 0; i < count; i += 1) transaction.set(`op-${i}`, i);
      return transaction;
    };
    await expect(withOps(26).execute()).rejects.toMatchObject({
      code: 'TRANSACTION_TOO_MANY_OPERATIONS',
      responseDetails: { status: 400 },
    });
    expect(await kvs.get('op-0')).toBeUndefined();
    await withOps(25).execute();
    expect(await kvs.get('op-24')).toBe(24);
  });

  it('refuses the same key twice, and an empty transaction', async () => {
    await expect(kvs.transact().set('k', 1).delete('k').execute()).rejects.toMatchObject({ code: 'TRANSACTION_DUPLICATE_KEY' });
    expect(await kvs.get('k')).toBeUndefined();
    await expect(kvs.transact().execute()).rejects.toMatchObject({ code: 'TRANSACTION_EMPTY' });
  });

  it('validates every operation before writing any', async () => {
    const attempt = kvs
      .transact()
      .set('fine', 1)
      .set('c', { count: 'many' }, { entityName: 'counter' })
      .execute();
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
    expect(await kvs.get('fine')).toBeUndefined();
    await expect(kvs.transact().set('fine', 1).set('bad/key', 2).execute()).rejects.toMatchObject({ code: 'INVALID_KEY' });
    expect(await kvs.get('fine')).toBeUndefined();
  });

  it('refuses conditions on a plain key and on undeclared attributes', async () => {
    // The SDK only sends conditions with an entity name, so the plain-key case is sent on the wire directly.
    const onPlainKey = await harness.storage.handle({
      method: 'POST',
      path: '/api/v1/transaction',
      headers: {},
      asUser: null,
      body: JSON.stringify({
        set: [{ key: 'p', value: 1, conditions: { and: [{ property: 'count', condition: 'EXISTS', values: [true] }] } }],
      }),
    });
    expect(onPlainKey).toMatchObject({ status: 400, body: { code: 'CONDITIONS_REQUIRE_ENTITY' } });
    expect(await kvs.get('p')).toBeUndefined();

    const undeclared = new Filter<{ colour: string }>().and('colour', FilterConditions.exists());
    await expect(kvs.transact().check('c', { entityName: 'counter', conditions: undeclared }).execute()).rejects.toMatchObject({
      code: 'INVALID_ENTITY_ATTRIBUTE',
    });
  });
});
