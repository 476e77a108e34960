/**
 * The `upstream-origin` issue property, written as the user: Jira itself then checks that they may browse and
 * edit the issue, so an origin is never recorded on an issue by someone who could not change it.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { ORIGIN_PROPERTY_KEY, type OriginProperty } from '../domain/origin';
import { requestJira } from './client';

/** Read back from Jira through this schema: anyone with edit rights can write the property over REST. */
export const originPropertySchema = z.object({
  kind: z.enum(['linked', 'none']),
  signalIds: z.array(z.string()).max(500),
  discoveryNoteId: z.string().nullable(),
  customers: z.array(z.string()),
  arr: z.number().nonnegative(),
  linkedAt: z.string(),
  linkedBy: z.string(),
});

/** The property as Jira returned it, or null when absent or not in Upstream's shape. */
export function parseOriginProperty(raw: unknown): OriginProperty | null {
  const parsed = originPropertySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function writeOriginProperty(issueKey: string, origin: OriginProperty): Promise<void> {
  await requestJira(route`/rest/api/3/issue/${issueKey}/properties/${ORIGIN_PROPERTY_KEY}`, {
    as: 'user',
    method: 'PUT',
    body: origin,
    subject: `issue ${issueKey}`,
  });
}

export async function deleteOriginProperty(issueKey: string): Promise<void> {
  await requestJira(route`/rest/api/3/issue/${issueKey}/properties/${ORIGIN_PROPERTY_KEY}`, {
    as: 'user',
    method: 'DELETE',
    subject: `issue ${issueKey}`,
  });
}
