/**
 * The `upstream-origin` issue property, written as the user: Jira itself then checks that they may browse and
 * edit the issue, so an origin is never recorded on an issue by someone who could not change it.
 *
 * It also carries `ready` (indexed as `upstreamReady`, so `upstreamReady = true` finds issues ready to build):
 * Upstream's own judgement of the issue's readiness, written as the app (below) because an engineer who may only
 * browse an issue still moves its readiness by acknowledging its walkthrough. Properties written before `ready`
 * existed have none, which reads as not ready.
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
  ready: z.boolean().optional(),
});

/** The property with Upstream's readiness judgement beside the origin. */
export type OriginPropertyWithReadiness = OriginProperty & { ready?: boolean };

/** The property as Jira returned it, or null when absent or not in Upstream's shape. */
export function parseOriginProperty(raw: unknown): OriginPropertyWithReadiness | null {
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

/**
 * Records whether the issue is ready, beside its origin, as the app: the value is Upstream's own judgement, not
 * the person's input, and the person whose acknowledgement changed it may only browse the issue. `current` is
 * the property as just read; an issue with no origin property gets none (no origin: not ready, which is what
 * an absent `ready` means).
 */
export async function writeReadyFlag(issueKey: string, current: OriginPropertyWithReadiness, ready: boolean): Promise<void> {
  const body: OriginPropertyWithReadiness = { ...originPropertySchema.parse(current), ready };
  await requestJira(route`/rest/api/3/issue/${issueKey}/properties/${ORIGIN_PROPERTY_KEY}`, {
    as: 'app',
    method: 'PUT',
    body,
    subject: `issue ${issueKey}`,
  });
}
