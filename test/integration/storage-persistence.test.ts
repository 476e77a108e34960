/**
 * `npm start` keeps storage in a SQLite file: what one process writes, the next one reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetadataField, WhereConditions, kvs } from '@forge/kvs';
import { KvsStorage } from '../sandbox/storage/kvs-storage';
import { TEST_ENTITIES_MANIFEST, installStorage } from '../sandbox/storage/testing';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'kvs-storage-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('storage on disk', () => {
  it('reads back keys, secrets, entities, indexes, metadata and expiry after reopening the file', async () => {
    const file = join(directory, 'storage.sqlite');
    const start = Date.UTC(2026, 2, 1);
    const first = installStorage({ file, startMs: start });
    await kvs.set('settings:intake', { enabled: true });
    await kvs.set('lease', 'short', { ttl: { unit: 'MINUTES', value: 1 } });
    await kvs.setSecret('apiToken', 's3cr3t');
    await kvs.entity('employee').set('e1', { surname: 'Adams', team: 'core', age: 30 });
    await kvs.entity('employee').set('e2', { surname: 'Baker', team: 'core', age: 25 });
    first.storage.close();

    const second = installStorage({ file, startMs: start + 30_000 });
    expect(await kvs.get('settings:intake', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({
      key: 'settings:intake',
      value: { enabled: true },
      createdAt: start / 1000,
    });
    expect(await kvs.getSecret('apiToken')).toBe('s3cr3t');
    expect(await kvs.get('lease')).toBe('short');
    const page = await kvs.entity('employee').query().index('by-team-age', { partition: ['core'] }).getMany();
    expect(page.results.map((r) => r.key)).toEqual(['e2', 'e1']);
    second.advance(30_000);
    expect(await kvs.get('lease')).toBeUndefined();
    second.storage.close();
  });

  it('rebuilds indexes on open, so an index added to the manifest covers values written before it', async () => {
    const file = join(directory, 'storage.sqlite');
    const withoutTeamIndex = KvsStorage.entitiesFromManifest(TEST_ENTITIES_MANIFEST).map((entity) => ({
      ...entity,
      indexes: entity.indexes.filter((index) => index.name !== 'by-team-age'),
    }));
    const first = installStorage({ file, entities: withoutTeamIndex });
    await kvs.entity('employee').set('e1', { team: 'core', age: 30 });
    await expect(kvs.entity('employee').query().index('by-team-age', { partition: ['core'] }).getMany()).rejects.toMatchObject({
      code: 'INVALID_ENTITY_INDEX',
    });
    first.storage.close();

    const second = installStorage({ file });
    const page = await kvs.entity('employee').query().index('by-team-age', { partition: ['core'] }).getMany();
    expect(page.results).toEqual([{ key: 'e1', value: { team: 'core', age: 30 } }]);
    expect((await kvs.query().where('key', WhereConditions.beginsWith('e')).getMany()).results).toEqual([]);
    second.storage.close();
  });
});
