/**
 * Custom entities through the real `@forge/kvs` SDK: typed values, declared indexes, queries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Filter, FilterConditions, MetadataField, Sort, WhereConditions, kvs } from '@forge/kvs';
import { KvsStorage, type EntityDeclaration } from '../sandbox/storage/kvs-storage';
import { installStorage, type StorageHarness } from '../sandbox/storage/testing';

interface Employee {
  surname?: string;
  age?: number;
  rating?: number;
  active?: boolean;
  team?: string;
  profile?: unknown;
}

let harness: StorageHarness;
const employees = () => kvs.entity<Employee>('employee');

const STAFF: Record<string, Employee> = {
  e1: { surname: 'Adams', age: 30, rating: 4.5, active: true, team: 'core' },
  e2: { surname: 'Baker', age: 25, rating: 3.0, active: false, team: 'core' },
  e3: { surname: 'Clark', age: 35, rating: 4.9, active: true, team: 'core' },
  e4: { surname: 'Abbott', age: 30, rating: 2.5, active: true, team: 'edge' },
  e5: { surname: 'Young', team: 'core' },
  e6: { age: 28, team: 'core', profile: { languages: ['ts', 'go'] } },
  e7: { surname: 'Diaz', age: 30, rating: 3.5, active: false, team: 'core' },
};

async function hire(staff: Record<string, Employee> = STAFF): Promise<void> {
  for (const [key, value] of Object.entries(staff)) await employees().set(key, value);
}

const keysOf = (page: { results: { key: string }[] }): string[] => page.results.map((result) => result.key);
const coreByAge = () => employees().query().index('by-team-age', { partition: ['core'] });

beforeEach(() => {
  harness = installStorage();
});

afterEach(() => {
  harness.storage.close();
});

describe('entity get / set / delete', () => {
  it('stores values per entity, apart from plain keys and other entities', async () => {
    await employees().set('k1', { surname: 'Adams', age: 30 });
    await kvs.entity('counter').set('k1', { count: 1 });
    await kvs.set('k1', 'plain');

    expect(await employees().get('k1')).toEqual({ surname: 'Adams', age: 30 });
    expect(await kvs.entity('counter').get('k1')).toEqual({ count: 1 });
    expect(await kvs.get('k1')).toBe('plain');

    await employees().delete('k1');
    expect(await employees().get('k1')).toBeUndefined();
    expect(await kvs.entity('counter').get('k1')).toEqual({ count: 1 });
  });

  it('supports metadata, returnValue, FAIL_IF_EXISTS and ttl like plain keys', async () => {
    await employees().set('m', { age: 1 }, { ttl: { unit: 'HOURS', value: 1 } });
    expect(await employees().get('m', { metadataFields: [MetadataField.EXPIRE_TIME] })).toEqual({
      key: 'm',
      value: { age: 1 },
      expireTime: new Date(harness.nowMs() + 3600_000).toISOString(),
    });
    await expect(employees().set('m', { age: 2 }, { keyPolicy: 'FAIL_IF_EXISTS' })).rejects.toMatchObject({
      code: 'KEY_ALREADY_EXISTS',
    });
    expect(await employees().set('m', { age: 3 }, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toEqual({
      key: 'm',
      value: { age: 1 },
    });
  });

  it('an expired entity value leaves its indexes too', async () => {
    await employees().set('temp', { team: 'core', age: 50 }, { ttl: { unit: 'SECONDS', value: 5 } });
    await employees().set('perm', { team: 'core', age: 51 });
    expect(keysOf(await coreByAge().getMany())).toEqual(['temp', 'perm']);
    harness.advance(5000);
    expect(keysOf(await coreByAge().getMany())).toEqual(['perm']);
  });

  it.each([
    { what: 'an integer beyond 32 bits', value: { age: 2 ** 31 } },
    { what: 'a fraction in an integer', value: { age: 1.5 } },
    { what: 'a string in an integer', value: { age: '30' } },
    { what: 'a number in a string', value: { surname: 7 } },
    { what: 'a string in a boolean', value: { active: 'yes' } },
    { what: 'a string in a float', value: { rating: '4.5' } },
    { what: 'a null attribute', value: { surname: null } },
    { what: 'an undeclared attribute', value: { nickname: 'Ace' } },
    { what: 'a value that is not an object', value: ['Adams'] },
  ])('refuses $what with INVALID_ENTITY_VALUE and writes nothing', async ({ value }) => {
    await expect(kvs.entity('employee').set('bad', value)).rejects.toMatchObject({
      code: 'INVALID_ENTITY_VALUE',
      responseDetails: { status: 400 },
    });
    expect(await employees().get('bad')).toBeUndefined();
  });

  it('accepts the edges of each type, and anything in an any attribute', async () => {
    const edges: Employee = { age: -(2 ** 31), rating: 0.1, active: false, surname: '', profile: [{ deep: [1, null] }] };
    await employees().set('edges', edges);
    await employees().set('max', { age: 2 ** 31 - 1 });
    expect(await employees().get('edges')).toEqual(edges);
  });

  it('refuses an entity the manifest does not declare, and a bad key', async () => {
    await expect(kvs.entity('ghost').set('k', { a: 1 })).rejects.toMatchObject({ code: 'INVALID_ENTITY_TYPE' });
    await expect(kvs.entity('ghost').get('k')).rejects.toMatchObject({ code: 'INVALID_ENTITY_TYPE' });
    await expect(employees().set('bad/key', { age: 1 })).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(employees().set('', { age: 1 })).rejects.toMatchObject({ code: 'EMPTY_KEY' });
  });
});

describe('entity queries', () => {
  beforeEach(() => hire());

  it('orders a partition by the range attribute then the key, leaving out values missing an indexed attribute', async () => {
    expect(keysOf(await coreByAge().getMany())).toEqual(['e2', 'e6', 'e1', 'e7', 'e3']);
    expect(keysOf(await coreByAge().sort(Sort.DESC).getMany())).toEqual(['e3', 'e7', 'e1', 'e6', 'e2']);
    expect(keysOf(await employees().query().index('by-team-age', { partition: ['edge'] }).getMany())).toEqual(['e4']);
  });

  it('answers values, with metadata only when asked', async () => {
    const first = await coreByAge().getOne();
    expect(first).toEqual({ key: 'e2', value: STAFF.e2 });
    const withMeta = await employees()
      .query({ metadataFields: [MetadataField.CREATED_AT] })
      .index('by-team-age', { partition: ['core'] })
      .getOne();
    expect(withMeta).toEqual({ key: 'e2', value: STAFF.e2, createdAt: Math.floor(harness.nowMs() / 1000) });
  });

  it.each([
    { where: WhereConditions.equalTo(30), keys: ['e1', 'e7'] },
    { where: WhereConditions.greaterThan(30), keys: ['e3'] },
    { where: WhereConditions.greaterThanEqualTo(30), keys: ['e1', 'e7', 'e3'] },
    { where: WhereConditions.lessThan(30), keys: ['e2', 'e6'] },
    { where: WhereConditions.lessThanEqualTo(28), keys: ['e2', 'e6'] },
    { where: WhereConditions.between(26, 30), keys: ['e6', 'e1', 'e7'] },
  ])('where $where.condition $where.values on the range attribute', async ({ where, keys }) => {
    expect(keysOf(await coreByAge().where(where).getMany())).toEqual(keys);
  });

  it('beginsWith on a string range, through a shorthand index', async () => {
    const page = await employees().query().index('surname').where(WhereConditions.beginsWith('A')).getMany();
    expect(keysOf(page)).toEqual(['e4', 'e1']); // Abbott before Adams
  });

  it('partitions and ranges over boolean and float attributes', async () => {
    const activeByRating = employees().query().index('by-active-rating', { partition: [true] });
    expect(keysOf(await activeByRating.getMany())).toEqual(['e4', 'e1', 'e3']);
    expect(keysOf(await activeByRating.where(WhereConditions.between(3, 4.6)).getMany())).toEqual(['e1']);
  });

  it('the reserved by-key index lists every value of the entity in key order', async () => {
    expect(keysOf(await employees().query().index('by-key').getMany())).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    const afterE5 = employees().query().index('by-key').where(WhereConditions.greaterThan('e5')).sort(Sort.DESC);
    expect(keysOf(await afterE5.getMany())).toEqual(['e7', 'e6']);
  });

  const exists = (attribute: keyof Employee) => new Filter<Employee>().and(attribute, FilterConditions.exists());
  it.each([
    {
      name: 'and of equalTo and greaterThan',
      filter: new Filter<Employee>().and('active', FilterConditions.equalTo(true)).and('rating', FilterConditions.greaterThan(4)),
      keys: ['e1', 'e3'],
    },
    {
      name: 'or of two equalTo',
      filter: new Filter<Employee>()
        .or('surname', FilterConditions.equalTo('Baker'))
        .or('surname', FilterConditions.equalTo('Clark')),
      keys: ['e2', 'e3'],
    },
    { name: 'beginsWith', filter: new Filter<Employee>().and('surname', FilterConditions.beginsWith('Ba')), keys: ['e2'] },
    {
      name: 'between',
      filter: new Filter<Employee>().and('rating', FilterConditions.between(3, 4.5)),
      keys: ['e2', 'e1', 'e7'],
    },
    { name: 'contains', filter: new Filter<Employee>().and('surname', FilterConditions.contains('ar')), keys: ['e3'] },
    {
      name: 'notContains (a missing attribute does not contain)',
      filter: new Filter<Employee>().and('surname', FilterConditions.notContains('a')),
      keys: ['e6'],
    },
    {
      name: 'notEqualTo',
      filter: new Filter<Employee>().and('active', FilterConditions.notEqualTo(true)),
      keys: ['e2', 'e6', 'e7'],
    },
    { name: 'exists', filter: exists('rating'), keys: ['e2', 'e1', 'e7', 'e3'] },
    { name: 'notExists', filter: new Filter<Employee>().and('surname', FilterConditions.notExists()), keys: ['e6'] },
    {
      name: 'lessThan and lessThanEqualTo',
      filter: new Filter<Employee>()
        .and('rating', FilterConditions.lessThan(4.5))
        .and('rating', FilterConditions.lessThanEqualTo(3)),
      keys: ['e2'],
    },
    {
      name: 'greaterThanEqualTo',
      filter: new Filter<Employee>().and('rating', FilterConditions.greaterThanEqualTo(4.5)),
      keys: ['e1', 'e3'],
    },
  ])('filters: $name', async ({ filter, keys }) => {
    expect(keysOf(await coreByAge().filters(filter).getMany())).toEqual(keys);
  });

  it('pages with limit and cursor through ties on the range attribute, in both directions', async () => {
    for (const sort of [Sort.ASC, Sort.DESC]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const query = coreByAge().sort(sort).limit(2);
        const page = await (cursor ? query.cursor(cursor) : query).getMany();
        expect(page.results.length).toBeLessThanOrEqual(2);
        seen.push(...keysOf(page));
        cursor = page.nextCursor;
      } while (cursor);
      const expected = ['e2', 'e6', 'e1', 'e7', 'e3'];
      expect(seen).toEqual(sort === Sort.ASC ? expected : [...expected].reverse());
    }
  });

  it('limit defaults to 10 and may not exceed 100', async () => {
    for (let i = 0; i < 12; i += 1) await employees().set(`bulk-${String(i).padStart(2, '0')}`, { team: 'bulk', age: i });
    const bulk = () => employees().query().index('by-team-age', { partition: ['bulk'] });
    const firstPage = await bulk().getMany();
    expect(firstPage.results).toHaveLength(10);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    await expect(bulk().limit(101).getMany()).rejects.toMatchObject({ code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE' });
    await expect(bulk().limit(0).getMany()).rejects.toMatchObject({ code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE' });
  });

  it('applies filters after the limit, so a page can be empty while a cursor points at more', async () => {
    const onlyClark = new Filter<Employee>().and('surname', FilterConditions.equalTo('Clark'));
    const firstPage = await coreByAge().filters(onlyClark).limit(2).getMany();
    expect(firstPage.results).toEqual([]);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
  });

  it('moves a value between partitions when an indexed attribute changes', async () => {
    await employees().set('e2', { ...STAFF.e2, team: 'edge' });
    expect(keysOf(await coreByAge().getMany())).toEqual(['e6', 'e1', 'e7', 'e3']);
    expect(keysOf(await employees().query().index('by-team-age', { partition: ['edge'] }).getMany())).toEqual(['e2', 'e4']);
    await employees().delete('e4');
    expect(keysOf(await employees().query().index('by-team-age', { partition: ['edge'] }).getMany())).toEqual(['e2']);
  });

  const onNickname = new Filter<{ nickname: string }>().and('nickname', FilterConditions.exists());
  it.each([
    {
      what: 'an undeclared index',
      run: () => employees().query().index('by-nothing').getMany(),
      code: 'INVALID_ENTITY_INDEX',
      status: 400,
    },
    {
      what: 'an undeclared entity',
      run: () => kvs.entity('ghost').query().index('by-key').getMany(),
      code: 'INVALID_ENTITY_TYPE',
      status: 400,
    },
    {
      what: 'a missing partition',
      run: () => employees().query().index('by-team-age').getMany(),
      code: 'INVALID_PARTITION',
      status: 400,
    },
    {
      what: 'a partition of the wrong type',
      run: () => employees().query().index('by-team-age', { partition: [7] }).getMany(),
      code: 'INVALID_PARTITION',
      status: 400,
    },
    {
      what: 'a where value of the wrong type',
      run: () => coreByAge().where(WhereConditions.equalTo('30')).getMany(),
      code: 'INVALID_FILTER_VALUES',
      status: 400,
    },
    {
      what: 'beginsWith on a number',
      run: () => coreByAge().where(WhereConditions.beginsWith(3)).getMany(),
      code: 'INVALID_FILTER_CONDITION',
      status: 400,
    },
    {
      what: 'a filter on an any attribute',
      run: () => coreByAge().filters(exists('profile')).getMany(),
      code: 'UNSUPPORTED_ATTRIBUTE_TYPE',
      status: 422,
    },
    {
      what: 'a filter on an undeclared attribute',
      run: () => kvs.entity<{ nickname: string }>('employee').query().index('by-key').filters(onNickname).getMany(),
      code: 'INVALID_ENTITY_ATTRIBUTE',
      status: 400,
    },
    {
      what: 'greaterThan on a boolean',
      run: () => coreByAge().filters(new Filter<Employee>().and('active', FilterConditions.greaterThan(0))).getMany(),
      code: 'INVALID_FILTER_CONDITION',
      status: 400,
    },
    {
      what: 'a cursor from another partition',
      run: async () => {
        const page = await coreByAge().limit(1).getMany();
        return employees().query().index('by-team-age', { partition: ['edge'] }).cursor(page.nextCursor ?? '').getMany();
      },
      code: 'INVALID_CURSOR',
      status: 400,
    },
    {
      what: 'a cursor from another index',
      run: async () => {
        const page = await coreByAge().limit(1).getMany();
        return employees().query().index('by-key').cursor(page.nextCursor ?? '').getMany();
      },
      code: 'INVALID_CURSOR',
      status: 400,
    },
  ])('refuses $what with $status $code', async ({ run, code, status }) => {
    await expect(run()).rejects.toMatchObject({ code, responseDetails: { status } });
  });
});

describe('entities from the manifest', () => {
  it('reads the app manifest: sprint-snapshot and work-type-decision with their indexes', async () => {
    const manifest = readFileSync(join(__dirname, '..', '..', 'manifest.yml'), 'utf8');
    const entities = KvsStorage.entitiesFromManifest(manifest);
    const snapshot = entities.find((entity) => entity.name === 'sprint-snapshot');
    expect(snapshot?.attributes.endedAt).toEqual({ type: 'integer' });
    expect(snapshot?.attributes.shape).toEqual({ type: 'any' });
    expect(snapshot?.indexes).toEqual([{ name: 'by-board-end', partition: ['boardId'], range: ['endedAt'] }]);
    const decision = entities.find((entity) => entity.name === 'work-type-decision');
    expect(decision?.indexes).toEqual(
      expect.arrayContaining([
        { name: 'by-setter-time', partition: ['setByAccountId'], range: ['setAt'] },
        { name: 'by-issue-key', partition: [], range: ['issueKey'] },
      ]),
    );

    harness.storage.close();
    harness = installStorage({ entities });
    await kvs.entity('sprint-snapshot').set('s1', { boardId: 1, sprintId: 11, endedAt: 100, shape: { version: 1 } });
    await kvs.entity('sprint-snapshot').set('s2', { boardId: 1, sprintId: 12, endedAt: 50, shape: { version: 1 } });
    await kvs.entity('sprint-snapshot').set('s3', { boardId: 2, sprintId: 13, endedAt: 75, shape: { version: 1 } });
    const page = await kvs.entity('sprint-snapshot').query().index('by-board-end', { partition: [1] }).getMany();
    expect(keysOf(page)).toEqual(['s2', 's1']);
  });

  it('reads a shorthand index as a range-only index named after its attribute', () => {
    const manifest = [
      'app:',
      '  storage:',
      '    entities:',
      '      - name: note',
      '        attributes:',
      '          title: { type: string }',
      '        indexes:',
      '          - title',
    ].join('\n');
    expect(KvsStorage.entitiesFromManifest(manifest)).toEqual([
      { name: 'note', attributes: { title: { type: 'string' } }, indexes: [{ name: 'title', partition: [], range: ['title'] }] },
    ]);
  });

  it('refuses a declaration the platform would refuse', () => {
    const anyIndexed: EntityDeclaration = { name: 'x', attributes: { a: { type: 'any' } }, indexes: [{ name: 'by-a', range: ['a'] }] };
    const byKeyDeclared: EntityDeclaration = { name: 'x', attributes: {}, indexes: [{ name: 'by-key', range: ['a'] }] };
    expect(() => new KvsStorage({ file: ':memory:', entities: [anyIndexed] })).toThrow(/any-typed/);
    expect(() => new KvsStorage({ file: ':memory:', entities: [byKeyDeclared] })).toThrow(/reserved/);
  });
});
