/**
 * Recording where an issue came from: link signals and a discovery note, unlink one, or mark that it has
 * none. Every change is checked first (the caller may browse and edit the issue; every named record exists)
 * and written once, as the user, so that Jira applies its own permissions to the property write as well.
 */
import type { OriginDto } from '../../contract';
import { AppError } from '../../errors';
import { hasLinks, linkOrigin, noOrigin, ORIGIN_PROPERTY_KEY, unlinkOrigin, type OriginProperty } from '../../domain/origin';
import { myIssuePermissions } from '../../jira/issue-permissions';
import { getIssueRecord } from '../../jira/issue-reads';
import { refreshReadyFlag } from '../walkthrough/readiness';
import { deleteOriginProperty, parseOriginProperty, writeOriginProperty } from '../../jira/origin-property';
import { displayNamesOf } from '../../jira/users';
import { getDiscoveryNotes } from '../../store/discovery-note-repository';
import { getSignals, type SignalRecord } from '../../store/signal-reads';
import { clock } from '../clock';
import { accountIdsInTrail, originTrail } from './trail';

interface EditableIssue {
  key: string;
  origin: OriginProperty | null;
}

/** The issue's current origin, once the caller is known to be allowed to change it. */
async function editableIssue(issueKey: string): Promise<EditableIssue> {
  const [record, permissions] = await Promise.all([
    getIssueRecord('user', issueKey, ['issuetype'], [ORIGIN_PROPERTY_KEY]),
    myIssuePermissions(issueKey),
  ]);
  if (!permissions.edit) {
    throw new AppError('forbidden', `You can see ${issueKey} but do not have permission to edit it, so you cannot change its origin. Ask a project admin for Edit Issues permission.`);
  }
  return { key: record.key ?? issueKey, origin: parseOriginProperty(record.properties?.[ORIGIN_PROPERTY_KEY]) };
}

const forOrigin = (signals: ReadonlyMap<string, SignalRecord>) =>
  [...signals.values()].map((s) => ({ id: s.id, customer: s.customer, arr: s.arr ?? null }));

async function trailOf(origin: OriginProperty | null, known: ReadonlyMap<string, SignalRecord>): Promise<OriginDto> {
  const [signals, notes] = await Promise.all([
    getSignals((origin?.signalIds ?? []).filter((id) => !known.has(id))),
    getDiscoveryNotes(origin?.discoveryNoteId ? [origin.discoveryNoteId] : []),
  ]);
  for (const [id, s] of known) signals.set(id, s);
  const note = origin?.discoveryNoteId ? (notes.get(origin.discoveryNoteId) ?? null) : null;
  const names = await displayNamesOf(accountIdsInTrail(origin, note));
  return originTrail(origin, signals, notes, names);
}

export async function linkIssueOrigin(
  request: { issueKey: string; signalIds: string[]; discoveryNoteId?: string },
  accountId: string,
): Promise<{ origin: OriginDto }> {
  const noteIds = request.discoveryNoteId ? [request.discoveryNoteId] : [];
  const [issue, requested, notes] = await Promise.all([
    editableIssue(request.issueKey),
    getSignals(request.signalIds),
    getDiscoveryNotes(noteIds),
  ]);
  const absentSignals = request.signalIds.filter((id) => !requested.has(id));
  if (absentSignals.length > 0) {
    throw new AppError(
      'not-found',
      `${absentSignals.length === 1 ? `Signal ${absentSignals[0]} does not exist` : `Signals ${absentSignals.join(', ')} do not exist`} (it may have been deleted or merged). Nothing was linked; pick the signals again from the list.`,
    );
  }
  if (request.discoveryNoteId && !notes.has(request.discoveryNoteId)) {
    throw new AppError('not-found', `Discovery note ${request.discoveryNoteId} does not exist (it may have been deleted). Nothing was linked; pick the note again from the list.`);
  }
  // ARR and customers are recomputed over every signal the origin will name, not only the new ones.
  const earlier = await getSignals((issue.origin?.signalIds ?? []).filter((id) => !requested.has(id)));
  for (const [id, s] of requested) earlier.set(id, s);
  const next = linkOrigin(
    issue.origin,
    { signalIds: request.signalIds, discoveryNoteId: request.discoveryNoteId ?? null },
    forOrigin(earlier),
    accountId,
    clock.now().toISOString(),
  );
  await writeOriginProperty(issue.key, next);
  await refreshReadyFlag(issue.key);
  return { origin: await trailOf(next, earlier) };
}

export async function unlinkIssueOrigin(
  request: { issueKey: string; signalId?: string; discoveryNote?: true },
  accountId: string,
): Promise<{ origin: OriginDto }> {
  const issue = await editableIssue(request.issueKey);
  const current = issue.origin?.kind === 'linked' ? issue.origin : null;
  if (request.signalId !== undefined && !current?.signalIds.includes(request.signalId)) {
    throw new AppError('not-found', `Signal ${request.signalId} is not linked to ${issue.key}, so there is nothing to unlink.`);
  }
  if (request.discoveryNote && !current?.discoveryNoteId) {
    throw new AppError('not-found', `${issue.key} has no discovery note linked, so there is nothing to unlink.`);
  }
  const linked = current as OriginProperty;
  const remaining = await getSignals(linked.signalIds.filter((id) => id !== request.signalId));
  const next = unlinkOrigin(
    linked,
    request.signalId !== undefined ? { signalId: request.signalId } : { discoveryNote: true },
    forOrigin(remaining),
    accountId,
    clock.now().toISOString(),
  );
  // Nothing left: the origin is unknown again, not "none" (nobody said it has none).
  if (next) await writeOriginProperty(issue.key, next);
  else await deleteOriginProperty(issue.key);
  if (next) await refreshReadyFlag(issue.key);
  return { origin: await trailOf(next, remaining) };
}

export async function markIssueOriginNone(issueKey: string, accountId: string): Promise<{ origin: OriginDto }> {
  const issue = await editableIssue(issueKey);
  if (hasLinks(issue.origin)) {
    throw new AppError('conflict', `${issue.key} already has a recorded origin. Unlink its signals and discovery note first if it really has none.`);
  }
  const next = noOrigin(accountId, clock.now().toISOString());
  await writeOriginProperty(issue.key, next);
  await refreshReadyFlag(issue.key);
  return { origin: await trailOf(next, new Map()) };
}
