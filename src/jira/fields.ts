import { route } from '@forge/api';
import { z } from 'zod';
import { AppError } from '../errors';
import { requestJira } from './client';
import { jqlCustomField, jqlString } from './jql';
import { fieldListSchema } from './schemas';

/**
 * Upstream's own custom field gets a site-specific id (customfield_NNNNN). Jira lists it with
 * `schema.custom` = the extension ARI, ending in `/static/<module key>`. Looked up once and kept briefly:
 * the id only changes if the app is reinstalled, the name only if an admin renames the field.
 */
const FIELD_ID_TTL_MS = 5 * 60 * 1000;

/** The field list with the names JQL accepts for each field (`clauseNames`), which the shared schema drops. */
const fieldsWithClauseNames = z.array(fieldListSchema.element.extend({ clauseNames: z.array(z.string()).optional() }));
type SiteField = z.infer<typeof fieldsWithClauseNames>[number];

export interface WorkTypeField {
  id: string;
  /** How JQL refers to it as a person writes it: `"Work type"`, or `cf[10050]` when the name is ambiguous. */
  jql: string;
}

let cached: { field: WorkTypeField; expiresAt: number } | null = null;

export const WORK_TYPE_MODULE_KEY = 'work-type';

/**
 * The field's name in JQL when the name can only mean this field: Jira accepts it (it is among the field's
 * clause names, when Jira lists them) and no other field — system or custom — is called the same or answers to
 * it in JQL. Otherwise `cf[N]`, which always means exactly this field.
 */
function jqlReference(field: SiteField, all: readonly SiteField[]): string {
  const name = field.name.trim();
  const folded = name.toLowerCase();
  const acceptedByJira = field.clauseNames === undefined || field.clauseNames.some((clause) => clause.toLowerCase() === folded);
  const taken = all.some(
    (other) => other.id !== field.id && (other.name.trim().toLowerCase() === folded || other.clauseNames?.some((clause) => clause.toLowerCase() === folded)),
  );
  return name !== '' && acceptedByJira && !taken ? jqlString(name) : jqlCustomField(field.id);
}

export async function workTypeField(now: number = Date.now()): Promise<WorkTypeField> {
  if (cached && cached.expiresAt > now) return cached.field;
  const fields = await requestJira(route`/rest/api/3/field`, { as: 'app', schema: fieldsWithClauseNames });
  const found = fields.find((f) => f.schema?.custom?.endsWith(`/static/${WORK_TYPE_MODULE_KEY}`));
  if (!found) {
    throw new AppError(
      'not-found',
      'The Work type field is not on this site yet. A Jira admin can fix this by reinstalling Upstream or restoring the field from the trash.',
    );
  }
  const field: WorkTypeField = { id: found.id, jql: jqlReference(found, fields) };
  cached = { field, expiresAt: now + FIELD_ID_TTL_MS };
  return field;
}

export async function workTypeFieldId(now: number = Date.now()): Promise<string> {
  return (await workTypeField(now)).id;
}

/** For tests that change the site's fields between cases. */
export function forgetWorkTypeFieldId(): void {
  cached = null;
}
