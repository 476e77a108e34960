import { route } from '@forge/api';
import { AppError } from '../errors';
import { requestJira } from './client';
import { fieldListSchema } from './schemas';

/**
 * Upstream's own custom field gets a site-specific id (customfield_NNNNN). Jira lists it with
 * `schema.custom` = the extension ARI, ending in `/static/<module key>`. Looked up once and kept briefly:
 * the id only changes if the app is reinstalled.
 */
const FIELD_ID_TTL_MS = 5 * 60 * 1000;
let cached: { fieldId: string; expiresAt: number } | null = null;

export const WORK_TYPE_MODULE_KEY = 'work-type';

export async function workTypeFieldId(now: number = Date.now()): Promise<string> {
  if (cached && cached.expiresAt > now) return cached.fieldId;
  const fields = await requestJira(route`/rest/api/3/field`, { as: 'app', schema: fieldListSchema });
  const field = fields.find((f) => f.schema?.custom?.endsWith(`/static/${WORK_TYPE_MODULE_KEY}`));
  if (!field) {
    throw new AppError(
      'not-found',
      'The Work type field is not on this site yet. A Jira admin can fix this by reinstalling Upstream or restoring the field from the trash.',
    );
  }
  cached = { fieldId: field.id, expiresAt: now + FIELD_ID_TTL_MS };
  return field.id;
}

/** For tests that change the site's fields between cases. */
export function forgetWorkTypeFieldId(): void {
  cached = null;
}
