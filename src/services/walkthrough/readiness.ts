/**
 * What readiness needs to know about an issue's walkthrough and its discovery note, gathered from records the
 * caller has already read, and the issue's whole readiness after a walkthrough change — with the JQL-searchable
 * `ready` flag in the `upstream-origin` property kept in step with it.
 */
import type { DiscoveryFacts, WalkthroughFacts } from '../../domain/readiness';
import { isReady, readinessOf, type ReadinessItem } from '../../domain/readiness';
import { isCase, isSettled } from '../../domain/walkthrough';
import { isFromEngineer } from '../../domain/discovery';
import { ORIGIN_PROPERTY_KEY } from '../../domain/origin';
import { AppError } from '../../errors';
import { workTypeFieldId } from '../../jira/fields';
import { getIssueRecord } from '../../jira/issue-reads';
import { parseOriginProperty, writeReadyFlag, type OriginPropertyWithReadiness } from '../../jira/origin-property';
import { getDiscoveryNote, type DiscoveryNote } from '../../store/discovery-note-repository';
import { walkthroughActivity, walkthroughVersionsForReader, type StoredWalkthroughVersion, type WalkthroughAck } from '../../store/walkthrough-repository';
import { issueViewOf } from '../work-type/issue-facts';
import { FORMER_USER, isEngineerAck } from './present';

/** The walkthrough's part of readiness: `versions` oldest first, with the latest's items. */
export function walkthroughFactsOf(versions: readonly StoredWalkthroughVersion[], acks: readonly WalkthroughAck[]): WalkthroughFacts {
  const latest = versions.at(-1);
  if (!latest) return { latestVersion: null, latestAcknowledgedByEngineers: [], errorStates: 0, unsettledErrorStates: [] };
  const errorStates = (latest.items ?? []).filter(isCase).filter((item) => item.kind === 'error-state');
  return {
    latestVersion: latest.version,
    latestAcknowledgedByEngineers: acks.filter((a) => a.version === latest.version && isEngineerAck(a)).map((a) => a.displayName ?? FORMER_USER),
    errorStates: errorStates.length,
    unsettledErrorStates: errorStates.filter((item) => !isSettled(item)).map((item) => item.title),
  };
}

/**
 * The walkthrough's part of readiness read on its own (two SQL statements sent together), for a use case that
 * answers with readiness without reading the walkthrough otherwise (a work-type write, an origin change).
 */
export async function walkthroughFactsFor(issueKey: string): Promise<WalkthroughFacts> {
  const [versions, activity] = await Promise.all([walkthroughVersionsForReader(issueKey, ''), walkthroughActivity(issueKey)]);
  return walkthroughFactsOf(versions, activity.acks);
}

/** The discovery note's part read on its own: the note the origin names (one round trip, none without a note). */
export async function discoveryFactsFor(origin: OriginPropertyWithReadiness | null): Promise<DiscoveryFacts> {
  return discoveryFactsOf(origin?.discoveryNoteId ? await getDiscoveryNote(origin.discoveryNoteId) : null);
}

/**
 * The discovery note's part: the note the origin names, if it still exists, and its engineering input — only
 * entries by someone in the engineering role when they wrote it (recorded with each entry, so no Jira call here).
 */
export const discoveryFactsOf = (note: DiscoveryNote | null): DiscoveryFacts => ({
  noteTitle: note?.title ?? null,
  engineeringInputCount: note?.engineeringInput.filter(isFromEngineer).length ?? 0,
});

/**
 * Keeps `ready` in the origin property in step with the readiness just judged. Best effort: the walkthrough
 * change it follows has already been saved, so a Jira fault here is logged rather than reported as the change
 * failing (the next change or acknowledgement writes it again).
 */
export async function syncReadyFlag(issueKey: string, origin: OriginPropertyWithReadiness | null, ready: boolean): Promise<void> {
  if (!origin || (origin.ready ?? false) === ready) return;
  try {
    await writeReadyFlag(issueKey, origin, ready);
  } catch (error: unknown) {
    if (!(error instanceof AppError)) throw error;
    console.warn(`The readiness flag of ${issueKey} was not updated (${error.code}); the next walkthrough change will write it.`);
  }
}

/** What readiness needs from Jira and the discovery note, read as the user (so only for an issue they may see). */
export interface IssueForReadiness {
  key: string;
  workType: ReturnType<typeof issueViewOf>['workType'];
  origin: OriginPropertyWithReadiness | null;
  note: DiscoveryNote | null;
}

/** The issue (work type, origin) as the user, then the discovery note its origin names: two round trips. */
export async function issueForReadiness(issueKey: string): Promise<IssueForReadiness> {
  const [record, fieldId] = await Promise.all([getIssueRecord('user', issueKey, ['*navigable'], [ORIGIN_PROPERTY_KEY]), workTypeFieldId()]);
  const origin = parseOriginProperty(record.properties?.[ORIGIN_PROPERTY_KEY]);
  const note = origin?.discoveryNoteId ? await getDiscoveryNote(origin.discoveryNoteId) : null;
  return { key: record.key ?? issueKey, workType: issueViewOf(record, fieldId).workType, origin, note };
}

/** The issue's whole readiness after a walkthrough change, with the `ready` flag written when it changed. */
export async function judgeReadiness(issue: IssueForReadiness, facts: WalkthroughFacts): Promise<ReadinessItem[]> {
  const items = readinessOf({
    workType: issue.workType,
    originKind: issue.origin?.kind ?? 'unknown',
    discovery: discoveryFactsOf(issue.note),
    walkthrough: facts,
  });
  await syncReadyFlag(issue.key, issue.origin, isReady(items));
  return items;
}

/**
 * After an origin change (link, unlink, "none"), which rewrites the property without `ready`: judge the issue's
 * readiness again and write the flag. Best effort, like syncReadyFlag: the link has been saved either way.
 */
export async function refreshReadyFlag(issueKey: string): Promise<void> {
  try {
    const [issue, facts] = await Promise.all([issueForReadiness(issueKey), walkthroughFactsFor(issueKey)]);
    await judgeReadiness(issue, facts);
  } catch (error: unknown) {
    if (!(error instanceof AppError)) throw error;
    console.warn(`The readiness flag of ${issueKey} was not refreshed after its origin changed (${error.code}).`);
  }
}
