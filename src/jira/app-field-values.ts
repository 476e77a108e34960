/** Writes Upstream's own custom field through the app field value API, which only the owning app may call. */
import { route } from '@forge/api';
import type { FieldValueWrite } from '../domain/work-type-writes';
import { requestJira } from './client';

/**
 * One request per planned write, all in parallel: each names one value and its issues. Callers must have
 * checked that the person may edit every issue named, because this runs as the app.
 */
export async function writeFieldValues(fieldId: string, writes: readonly FieldValueWrite[]): Promise<void> {
  await Promise.all(
    writes.map((write) =>
      requestJira(route`/rest/api/3/app/field/${fieldId}/value`, {
        as: 'app',
        method: 'PUT',
        body: { updates: [{ issueIds: write.issueIds, value: write.value }] },
      }),
    ),
  );
}
