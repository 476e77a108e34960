/**
 * The sandbox storage as the real `@forge/kvs` SDK sees it: plain keys, secrets, queries, batches, limits.
 */
import { ForgeKvsAPIError, MetadataField, WhereConditions, kvs } from '@forge/kvs';
import { installStorage, type StorageHarness } from '../sandbox/storage/testing';

let harness: StorageHarness;

beforeEach(() => {
  harness = installStorage();
});

afterEach(() => {
  harness.storage.close();
});

const DAY_MS = 24 * 60 * 60 * 1000;

describe('get / set / delete', () => {
  it('reads back what was written, of every JSON kind', async () => {
    await kvs.set('text', 'hello');
    await kvs.set('number', 42.5);
    await kvs.set('flag', false);
    await kvs.set('list', [1, 'two', { three: 3 }]);
    await kvs.set('object', { nested: { deeper: ['x'] } });

    expect(await kvs.get('text')).toBe('hello');
    expect(await kvs.get('number')).toBe(42.5);
    expect(await kvs.get('flag')).toBe(false);
    expect(await kvs.get('list')).toEqual([1, 'two', { three: 3 }]);
    expect(await kvs.get('object')).toEqual({ nested: { deeper: ['x'] } });
  });

  it('answers undefined for a missing key, and after a delete', async () => {
    expect(await kvs.get('never-written')).toBeUndefined();
    await kvs.set('doomed', 1);
    await kvs.delete('doomed');
    expect(await kvs.get('doomed')).toBeUndefined();
  });

  it('deleting a missing key is not an error', async () => {
    await expect(kvs.delete('not-there')).resolves.toBeUndefined();
  });

  it('overwrites by default and keeps the creation time', async () => {
    await kvs.set('k', 1);
    const created = harness.nowMs();
    harness.advance(5000);
    await kvs.set('k', 2);
    const result = await kvs.get<number>('k', {
      metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT],
    });
    expect(result).toEqual({
      key: 'k',
      value: 2,
      createdAt: Math.floor(created / 1000),
      updatedAt: Math.floor(created / 1000) + 5,
    });
  });

  it('FAIL_IF_EXISTS refuses to replace a live key and leaves it unchanged', async () => {
    await kvs.set('lock', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    const refusal = kvs.set('lock', 'second', { keyPolicy: 'FAIL_IF_EXISTS' });
    await expect(refusal).rejects.toBeInstanceOf(ForgeKvsAPIError);
    await expect(refusal).rejects.toMatchObject({ code: 'KEY_ALREADY_EXISTS', responseDetails: { status: 409 } });
    expect(await kvs.get('lock')).toBe('first');
  });

  it('returns the previous or latest record when asked', async () => {
    expect(await kvs.set('r', 'v1', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    const previous = await kvs.set('r', 'v2', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    expect(previous).toEqual({ key: 'r', value: 'v1' });
    const latest = await kvs.set('r', 'v3', {
      keyPolicy: 'OVERRIDE',
      returnValue: 'LATEST',
      returnMetadataFields: [MetadataField.CREATED_AT],
    });
    expect(latest).toEqual({ key: 'r', value: 'v3', createdAt: Math.floor(harness.nowMs() / 1000) });
  });
});

describe('ttl', () => {
  it('an expired key reads as missing, is left out of queries and can be created again', async () => {
    await kvs.set('session:1', { user: 'a' }, { ttl: { unit: 'MINUTES', value: 10 } });
    await kvs.set('session:2', { user: 'b' });
    harness.advance(10 * 60 * 1000 - 1);
    expect(await kvs.get('session:1')).toEqual({ user: 'a' });

    harness.advance(1);
    expect(await kvs.get('session:1')).toBeUndefined();
    const { results } = await kvs.query().where('key', WhereConditions.beginsWith('session:')).getMany();
    expect(results.map((r) => r.key)).toEqual(['session:2']);
    await expect(kvs.set('session:1', 'again', { keyPolicy: 'FAIL_IF_EXISTS' })).resolves.toBeUndefined();
  });

  it('reports the expiry time, and a plain overwrite removes it', async () => {
    await kvs.set('t', 1, { ttl: { unit: 'DAYS', value: 2 } });
    const withTtl = await kvs.get('t', { metadataFields: [MetadataField.EXPIRE_TIME] });
    expect(withTtl).toEqual({ key: 't', value: 1, expireTime: new Date(harness.nowMs() + 2 * DAY_MS).toISOString() });

    await kvs.set('t', 2);
    harness.advance(3 * DAY_MS);
    expect(await kvs.get('t', { metadataFields: [MetadataField.EXPIRE_TIME] })).toEqual({
      key: 't',
      value: 2,
      expireTime: undefined,
    });
  });

  it('refuses a ttl longer than a year or not a positive whole number', async () => {
    await expect(kvs.set('t', 1, { ttl: { unit: 'DAYS', value: 366 } })).rejects.toMatchObject({ code: 'INVALID_TTL' });
    await expect(kvs.set('t', 1, { ttl: { unit: 'SECONDS', value: 0 } })).rejects.toMatchObject({ code: 'INVALID_TTL' });
    expect(await kvs.get('t')).toBeUndefined();
  });
});

describe('key and value rules', () => {
  it.each([
    { name: 'a key with a slash', key: 'a/b', code: 'INVALID_KEY' },
    { name: 'a key of only spaces', key: '   ', code: 'INVALID_KEY' },
    { name: 'a key with an emoji', key: 'key-\u{1F642}', code: 'INVALID_KEY' },
    { name: 'an empty key', key: '', code: 'KEY_TOO_SHORT' },
    { name: 'a 501-character key', key: 'k'.repeat(501), code: 'KEY_TOO_LONG' },
  ])('refuses $name with 400 $code', async ({ key, code }) => {
    await expect(kvs.set(key, 1)).rejects.toMatchObject({ code, responseDetails: { status: 400 } });
    await expect(kvs.get(key)).rejects.toMatchObject({ code });
  });

  it('accepts every character the pattern allows, at 500 characters', async () => {
    const key = 'Az09:._ -#'.repeat(50);
    await kvs.set(key, 'ok');
    expect(await kvs.get(key)).toBe('ok');
  });

  it('refuses a value over 240 KiB and accepts one just under', async () => {
    const justFits = 'x'.repeat(240 * 1024 - 2); // the JSON string adds two quotes
    await kvs.set('big', justFits);
    expect(await kvs.get('big')).toHaveLength(justFits.length);
    await expect(kvs.set('big', `${justFits}y`)).rejects.toMatchObject({ code: 'MAX_SIZE', responseDetails: { status: 400 } });
    expect(await kvs.get('big')).toHaveLength(justFits.length);
  });

  it('refuses a value nested deeper than 31 levels', async () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { down: nest(levels - 1) });
    await kvs.set('deep', nest(31));
    await expect(kvs.set('too-deep', nest(32))).rejects.toMatchObject({ code: 'MAX_DEPTH' });
    expect(await kvs.get('too-deep')).toBeUndefined();
  });
});

describe('query', () => {
  beforeEach(async () => {
    for (const key of ['points:3', 'points:1', 'points:2', 'pointer', 'other:1']) await kvs.set(key, key.length);
  });

  it('lists keys beginning with a prefix, in key order, with their values', async () => {
    const { results, nextCursor } = await kvs.query().where('key', WhereConditions.beginsWith('points:')).getMany();
    expect(results).toEqual([
      { key: 'points:1', value: 8 },
      { key: 'points:2', value: 8 },
      { key: 'points:3', value: 8 },
    ]);
    expect(nextCursor).toBeUndefined();
  });

  it('pages with limit and cursor without repeating or skipping', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const builder = kvs.query().limit(2);
      const page = await (cursor ? builder.cursor(cursor) : builder).getMany();
      seen.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(['other:1', 'pointer', 'points:1', 'points:2', 'points:3']);
    expect(pages).toBe(3);
  });

  it('getOne answers the first match or undefined', async () => {
    expect(await kvs.query().where('key', WhereConditions.beginsWith('point')).getOne()).toEqual({ key: 'pointer', value: 7 });
    expect(await kvs.query().where('key', WhereConditions.beginsWith('nothing')).getOne()).toBeUndefined();
  });

  it('includes the expiry time only when asked', async () => {
    await kvs.set('points:9', 9, { ttl: { unit: 'HOURS', value: 1 } });
    const plain = await kvs.query().where('key', WhereConditions.beginsWith('points:9')).getOne();
    expect(plain).toEqual({ key: 'points:9', value: 9 });
    const withExpiry = await kvs
      .query({ metadataFields: [MetadataField.EXPIRE_TIME] })
      .where('key', WhereConditions.beginsWith('points:9'))
      .getOne();
    expect(withExpiry).toEqual({ key: 'points:9', value: 9, expireTime: new Date(harness.nowMs() + 3600_000).toISOString() });
  });

  it('refuses a limit over 100 and a forged cursor', async () => {
    await expect(kvs.query().limit(101).getMany()).rejects.toMatchObject({ code: 'LIST_QUERY_LIMIT_EXCEEDED' });
    await expect(kvs.query().cursor('not-a-cursor').getMany()).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
});

describe('secrets', () => {
  it('are stored apart: get and query never see them, and a plain key of the same name is independent', async () => {
    await kvs.setSecret('apiToken', 's3cr3t');
    expect(await kvs.getSecret('apiToken')).toBe('s3cr3t');
    expect(await kvs.get('apiToken')).toBeUndefined();
    expect((await kvs.query().getMany()).results).toEqual([]);

    await kvs.set('apiToken', 'plain');
    await kvs.deleteSecret('apiToken');
    expect(await kvs.getSecret('apiToken')).toBeUndefined();
    expect(await kvs.get('apiToken')).toBe('plain');
  });

  it('follow the key rules and the smaller 128 KiB size limit', async () => {
    await expect(kvs.setSecret('bad/key', 'x')).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(kvs.setSecret('huge', 'x'.repeat(129 * 1024))).rejects.toMatchObject({ code: 'MAX_SIZE' });
  });

  it('honour FAIL_IF_EXISTS and ttl', async () => {
    await kvs.setSecret('once', 1, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { unit: 'SECONDS', value: 30 } });
    await expect(kvs.setSecret('once', 2, { keyPolicy: 'FAIL_IF_EXISTS' })).rejects.toMatchObject({ code: 'KEY_ALREADY_EXISTS' });
    harness.advance(30_000);
    expect(await kvs.getSecret('once')).toBeUndefined();
  });
});

describe('batches', () => {
  it('set, get and delete many keys, reporting each item', async () => {
    const set = await kvs.batchSet<unknown>([
      { key: 'b1', value: 1 },
      { key: 'b2', value: { two: 2 } },
      { key: 'bad/key', value: 3 },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b2' }]);
    expect(set.failedKeys).toEqual([{ key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.any(String) } }]);

    const got = await kvs.batchGet([{ key: 'b1' }, { key: 'b2' }, { key: 'b3' }]);
    expect(got.successfulKeys).toEqual([
      { key: 'b1', value: 1 },
      { key: 'b2', value: { two: 2 } },
    ]);
    expect(got.failedKeys).toEqual([{ key: 'b3', error: { code: 'KEY_NOT_FOUND', message: expect.any(String) } }]);

    const deleted = await kvs.batchDelete([{ key: 'b1' }, { key: 'never' }]);
    expect(deleted).toEqual({ successfulKeys: [{ key: 'b1' }, { key: 'never' }], failedKeys: [] });
    expect(await kvs.get('b1')).toBeUndefined();
    expect(await kvs.get('b2')).toEqual({ two: 2 });
  });

  it('take entity items too, checked against the declaration', async () => {
    const result = await kvs.batchSet([
      { key: 'e1', value: { surname: 'Ng', age: 40 }, entityName: 'employee' },
      { key: 'e2', value: { surname: 'Ng', age: 'forty' }, entityName: 'employee' },
      { key: 'e3', value: { a: 1 }, entityName: 'no-such-entity' },
    ]);
    expect(result.successfulKeys).toEqual([{ key: 'e1', entityName: 'employee' }]);
    expect(result.failedKeys.map((f) => [f.key, f.error.code])).toEqual([
      ['e2', 'INVALID_ENTITY_VALUE'],
      ['e3', 'INVALID_ENTITY_TYPE'],
    ]);
    expect(await kvs.entity('employee').get('e1')).toEqual({ surname: 'Ng', age: 40 });
    expect(await kvs.get('e1')).toBeUndefined();
  });

  it('honour ttl per item', async () => {
    await kvs.batchSet([
      { key: 'short', value: 1, options: { ttl: { unit: 'SECONDS', value: 1 } } },
      { key: 'long', value: 2 },
    ]);
    harness.advance(1000);
    const got = await kvs.batchGet([{ key: 'short' }, { key: 'long' }]);
    expect(got.successfulKeys.map((s) => s.key)).toEqual(['long']);
  });

  it('refuse more than 25 items as a whole, writing nothing', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    await expect(kvs.batchSet(items)).rejects.toMatchObject({ code: 'BATCH_SIZE_EXCEEDED', responseDetails: { status: 400 } });
    expect((await kvs.query().getMany()).results).toEqual([]);
    await expect(kvs.batchSet(items.slice(0, 25))).resolves.toMatchObject({ failedKeys: [] });
  });
});

describe('introspection', () => {
  it('counts requests by path and items by store, and reset empties everything', async () => {
    await kvs.set('a', 1);
    await kvs.get('a');
    await kvs.get('b');
    await kvs.setSecret('s', 'x');
    await kvs.entity('employee').set('e', { surname: 'Li' });

    expect(harness.storage.stats()).toEqual({
      totalRequests: 5,
      requestsByPath: { '/api/v1/set': 1, '/api/v1/get': 2, '/api/v1/secret/set': 1, '/api/v1/entity/set': 1 },
      items: { keyValue: 1, secrets: 1, entities: { employee: 1 } },
    });

    harness.storage.reset();
    expect(harness.storage.stats()).toEqual({
      totalRequests: 0,
      requestsByPath: {},
      items: { keyValue: 0, secrets: 0, entities: {} },
    });
    expect(await kvs.get('a')).toBeUndefined();
    expect(await kvs.entity('employee').get('e')).toBeUndefined();
  });

  it('answers 501 for a path it does not model and 400 for a body that is not JSON', async () => {
    const notModelled = await harness.storage.handle({ method: 'POST', path: '/api/v2/everything', headers: {}, asUser: null });
    expect(notModelled.status).toBe(501);
    const notJson = await harness.storage.handle({ method: 'POST', path: '/api/v1/get', headers: {}, body: '{', asUser: null });
    expect(notJson).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });
});
