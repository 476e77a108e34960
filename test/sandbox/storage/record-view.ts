/**
 * How a stored record goes back over the wire. `createdAt`/`updatedAt` are epoch seconds and `expireTime` an
 * ISO-8601 instant, matching the examples in `@forge/kvs`'s own tests (the docs give no unit; seconds was
 * chosen because the SDK's sample value 1718236800 is a plausible date only in seconds).
 */
import type { StoredRecord } from './record-store';
import type { MetadataFieldName } from './validation';

export interface RecordView {
  key: string;
  value: unknown;
  createdAt?: number;
  updatedAt?: number;
  expireTime?: string;
}

const ALL_FIELDS: readonly MetadataFieldName[] = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

/**
 * Get and set answers always carry the metadata (the SDK picks what the caller asked for); query and batch
 * answers reach the caller as sent, so they carry only the fields requested.
 */
export function recordView(record: StoredRecord, fields: readonly MetadataFieldName[] | 'all'): RecordView {
  const wanted = fields === 'all' ? ALL_FIELDS : fields;
  const view: RecordView = { key: record.key, value: JSON.parse(record.valueJson) as unknown };
  if (wanted.includes('CREATED_AT')) view.createdAt = Math.floor(record.createdAt / 1000);
  if (wanted.includes('UPDATED_AT')) view.updatedAt = Math.floor(record.updatedAt / 1000);
  if (wanted.includes('EXPIRE_TIME') && record.expireAt !== null) {
    view.expireTime = new Date(record.expireAt).toISOString();
  }
  return view;
}
