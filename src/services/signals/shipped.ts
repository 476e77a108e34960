/**
 * Shipped: an issue with an Upstream origin reaches the Done status category (`avi:jira:updated:issue`, manifest
 * trigger `issue-shipped`, filtered on the `upstream-origin` property and `ignoreSelf`).
 *
 * The event is only a hint. Forge's property filter reads values "up to a few seconds older" than the event and
 * anyone may write the property over REST, so the issue's status and origin are read back from Jira (as the app,
 * one request) before anything is recorded. Recording is idempotent (`… WHERE shipped_at IS NULL`): a redelivered
 * event, or a later edit of a Done issue, changes nothing. The people who raised the signals are told through
 * notify-raisers.ts, on every Done event and not only the first: telling is idempotent there (one effect per
 * decision and step), so a crash between recording and telling is repaired by the next delivery.
 */
import { z } from 'zod';
import { ORIGIN_PROPERTY_KEY } from '../../domain/origin';
import { ISSUE_KEY_PATTERN } from '../../domain/issue-key';
import { AppError } from '../../errors';
import { getIssueRecord } from '../../jira/issue-reads';
import { parseOriginProperty } from '../../jira/origin-property';
import { decisionIdsOfIssue, recordShipped } from '../../store/signal-status-repository';
import { clock } from '../clock';
import { notifyRaisersShipped } from './notify-raisers';

/** The parts of `avi:jira:updated:issue` this trigger reads; anything else is ignored. */
export const issueShippedEventSchema = z.object({
  issue: z.object({
    id: z.string().min(1).max(32),
    key: z.string().regex(ISSUE_KEY_PATTERN),
    fields: z
      .object({ status: z.object({ statusCategory: z.object({ key: z.string().max(32) }).optional() }).passthrough().nullish() })
      .passthrough()
      .optional(),
  }),
  timestamp: z.number().int().positive().optional(),
});

const statusFieldSchema = z.object({ statusCategory: z.object({ key: z.string() }) });

export type ShippedOutcome =
  | { outcome: 'refused'; problem: string }
  | { outcome: 'ignored'; reason: 'not-done' | 'no-origin' | 'gone' }
  | { outcome: 'recorded'; issueKey: string; signalIds: string[]; decisions: number; signals: number };

export async function recordIssueShipped(event: unknown): Promise<ShippedOutcome> {
  const parsed = issueShippedEventSchema.safeParse(event);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const problem = `${first?.path.join('.') || '(event)'}: ${first?.message ?? 'not an issue event'}`;
    console.warn(`issue-shipped: an event that is not an issue update was ignored (${problem})`);
    return { outcome: 'refused', problem };
  }
  const { issue } = parsed.data;
  // Most updates are not a move to Done: answered from the event itself, without asking Jira anything.
  const hinted = issue.fields?.status?.statusCategory?.key;
  if (hinted !== undefined && hinted !== 'done') return { outcome: 'ignored', reason: 'not-done' };
  let record;
  try {
    record = await getIssueRecord('app', issue.key, ['status'], [ORIGIN_PROPERTY_KEY]);
  } catch (error: unknown) {
    // Deleted (or moved) since the event: nothing to record.
    if (error instanceof AppError && error.code === 'not-found') return { outcome: 'ignored', reason: 'gone' };
    throw error;
  }
  const status = statusFieldSchema.safeParse(record.fields.status);
  if (!status.success || status.data.statusCategory.key !== 'done') return { outcome: 'ignored', reason: 'not-done' };
  const origin = parseOriginProperty(record.properties?.[ORIGIN_PROPERTY_KEY]);
  if (!origin || origin.kind !== 'linked') return { outcome: 'ignored', reason: 'no-origin' };
  const key = record.key ?? issue.key;
  const at = parsed.data.timestamp ?? clock.now().getTime();
  const marked = await recordShipped(key, origin.signalIds, at);
  // The decision this issue was created for (kept in its origin, not indexed) and any other that linked it.
  const ownDecision = (record.properties?.[ORIGIN_PROPERTY_KEY] as { decisionId?: unknown } | undefined)?.decisionId;
  const decisionIds = new Set(await decisionIdsOfIssue(key));
  if (typeof ownDecision === 'string' && ownDecision.length > 0) decisionIds.add(ownDecision);
  for (const decisionId of decisionIds) await notifyRaisersShipped(decisionId, key, at);
  return { outcome: 'recorded', issueKey: key, signalIds: origin.signalIds, ...marked };
}
