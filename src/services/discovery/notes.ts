/**
 * The Discovery tab and a note's page (resolver keys `discovery.list`, `discovery.get`). Each read asks Jira
 * whether the caller may browse the project (access.ts) in parallel with its own reads, which are discarded on
 * refusal. The list is three statements at once (a page, the counts per status) then two at once (the page's
 * inputs come with it; its evidence links and signals); a note is one round of SQL and Jira reads together.
 */
import type { z } from 'zod';
import type { Contract, DiscoveryNoteView, ResolverOutput } from '../../contract';
import { DISCOVERY_NOTE_STATUSES, noteStatusOf, type TeamRole } from '../../domain/discovery';
import { AppError } from '../../errors';
import { discoveryNoteCounts, discoveryNoteEvidence, discoveryNotePage, getDiscoveryNote } from '../../store/discovery-note-repository';
import { requireDiscoveryReader, type DiscoveryAccess } from './access';
import { issuesFromNote } from './linked-issues';
import { teamRolesNow } from './team-roles';
import { noteSummary, noteView } from './view';

type InputOf<K extends keyof Contract> = z.output<Contract[K]['input']>;

export const noteNotFound = (noteId: string): AppError =>
  new AppError('not-found', `There is no discovery note ${noteId} (it may have been deleted, or the link is wrong). Nothing was changed; open the Discovery tab to find it.`);

export async function listDiscoveryNotes(input: InputOf<'discovery.list'>): Promise<ResolverOutput<'discovery.list'>> {
  const [access, page, stored] = await Promise.all([
    requireDiscoveryReader(input.projectKey),
    discoveryNotePage({ limit: input.pageSize, ...(input.status !== undefined ? { status: input.status } : {}), ...(input.cursor !== undefined ? { cursor: input.cursor } : {}) }),
    discoveryNoteCounts(),
  ]);
  const { links, signals } = await discoveryNoteEvidence(page.notes.map((n) => n.id));
  const counts = new Map<string, number>();
  for (const [status, n] of stored) {
    const known = noteStatusOf(status);
    if (known !== null) counts.set(known, (counts.get(known) ?? 0) + n);
  }
  return {
    notes: page.notes.map((note) => noteSummary(note, links, signals)),
    counts: DISCOVERY_NOTE_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 })),
    nextCursor: page.nextCursor,
    canCreate: access.canEdit,
  };
}

/** The first failure of several settled reads, or their values. */
function valuesOf<T extends readonly unknown[]>(results: { [K in keyof T]: PromiseSettledResult<T[K]> }): T {
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * A note in full as `callerId` sees it: the access check, the note, its evidence, the issues from it (as the
 * caller) and the caller's roles, all at once. A refusal wins over whatever the reads found or failed with, so
 * someone who may not browse the project learns nothing. Every change answers with this, read after it wrote.
 */
export async function noteViewFor(noteId: string, callerId: string, access: Promise<DiscoveryAccess>, callerRoles?: readonly TeamRole[]): Promise<DiscoveryNoteView> {
  const settled = await Promise.allSettled([access, getDiscoveryNote(noteId), discoveryNoteEvidence([noteId]), issuesFromNote(noteId), callerRoles ?? teamRolesNow(callerId)] as const);
  if (settled[0].status === 'rejected') throw settled[0].reason;
  const [allowed, note, evidence, linkedIssues, roles] = valuesOf<[DiscoveryAccess, Awaited<ReturnType<typeof getDiscoveryNote>>, Awaited<ReturnType<typeof discoveryNoteEvidence>>, DiscoveryNoteView['linkedIssues'], readonly TeamRole[]]>(settled);
  if (!note) throw noteNotFound(noteId);
  return noteView({ note, ...evidence, linkedIssues, access: allowed, callerId, callerRoles: roles });
}

export const discoveryNote = (input: InputOf<'discovery.get'>, callerId: string): Promise<DiscoveryNoteView> =>
  noteViewFor(input.noteId, callerId, requireDiscoveryReader(input.projectKey));
