/**
 * Changes to discovery notes (resolver keys `discovery.create`, `update`, `addInput`, `resolveQuestion`,
 * `setStatus`). Each checks who is asking and everything it can before it writes, writes in as few statements
 * as the store allows (a version check in the statement where two people could collide), and answers the note
 * as it now is. Refused input writes nothing.
 *
 * The ready rule is checked twice on purpose: here, on the note as read, to refuse with the reasons before
 * anything is sent; and inside the store's one UPDATE, so an input that arrives between the read and the write
 * (a question someone just asked) still stops it.
 */
import type { z } from 'zod';
import type { Contract, DiscoveryNoteView } from '../../contract';
import { canMoveTo, describeReadyBlocks, noteStatusOf, type DiscoveryNoteStatus, type ReadyBlock, type TeamRole } from '../../domain/discovery';
import { AppError } from '../../errors';
import { displayNamesOf, currentUser } from '../../jira/users';
import { getCluster } from '../../store/cluster-repository';
import {
  addEngineeringInput,
  createDiscoveryNote,
  getDiscoveryNote,
  reopenEngineeringQuestion,
  resolveEngineeringQuestion,
  setDiscoveryNoteStatus,
  updateDiscoveryNote,
  NoteVersionConflict,
  type DiscoveryNote,
} from '../../store/discovery-note-repository';
import { requireDiscoveryLead, requireDiscoveryReader } from './access';
import { noteNotFound, noteViewFor } from './notes';
import { teamRolesNow } from './team-roles';
import { mayResolve, readyCheckOfNote } from './view';

type InputOf<K extends keyof Contract> = z.output<Contract[K]['input']>;

/** What a change answers once requireDiscoveryLead let it through. */
const AS_LEAD: Promise<{ canEdit: boolean }> = Promise.resolve({ canEdit: true });

async function existingNote(noteId: string): Promise<DiscoveryNote> {
  const note = await getDiscoveryNote(noteId);
  if (!note) throw noteNotFound(noteId);
  return note;
}

/** Starts a note; from a cluster, the cluster and its signals become its evidence in the same step. */
export async function createNote(input: InputOf<'discovery.create'>, callerId: string): Promise<DiscoveryNoteView> {
  const [, me, cluster] = await Promise.all([
    requireDiscoveryLead(input.projectKey),
    currentUser(),
    input.clusterId !== undefined ? getCluster(input.clusterId) : Promise.resolve(undefined),
  ]);
  if (input.clusterId !== undefined && !cluster) {
    throw new AppError('not-found', `There is no cluster ${input.clusterId} (a merge or an undo may have removed it). Nothing was created; reload the Inbox and start the note from the cluster again.`);
  }
  const note = await createDiscoveryNote({
    title: input.title,
    problem: input.problem,
    status: 'exploring',
    by: callerId,
    byName: me.displayName,
    ...(input.desiredOutcome ? { desiredOutcome: input.desiredOutcome } : {}),
    ...(input.clusterId !== undefined ? { fromClusterId: input.clusterId } : {}),
  });
  return noteViewFor(note.id, callerId, AS_LEAD);
}

/** The participants with their names from Jira; someone Jira does not know is refused by id, before anything is written. */
async function namedParticipants(participants: ReadonlyArray<{ accountId: string; role: TeamRole }>) {
  const names = participants.length > 0 ? await displayNamesOf(participants.map((p) => p.accountId)) : new Map<string, string>();
  const unknown = participants.filter((p) => !names.has(p.accountId)).map((p) => p.accountId);
  if (unknown.length > 0) {
    throw new AppError('invalid-input', `Jira has no user ${unknown.join(', ')}; nothing was saved. Choose the participants again from the people picker.`, {
      fields: { 'changes.participants': 'names someone Jira does not know' },
    });
  }
  return participants.map((p) => ({ accountId: p.accountId, name: names.get(p.accountId) ?? '', role: p.role }));
}

/** Changes the text or participants of the note at the version the caller saw. */
export async function updateNote(input: InputOf<'discovery.update'>, callerId: string): Promise<DiscoveryNoteView> {
  const { changes } = input;
  const [, participants] = await Promise.all([
    requireDiscoveryLead(input.projectKey),
    changes.participants !== undefined ? namedParticipants(changes.participants) : Promise.resolve(undefined),
  ]);
  // An emptied optional text is cleared rather than kept as an empty string.
  const cleared = (text: string | undefined) => (text === undefined ? undefined : text === '' ? null : text);
  await updateDiscoveryNote(input.noteId, input.version, {
    ...(changes.title !== undefined ? { title: changes.title } : {}),
    ...(changes.problem !== undefined ? { problem: changes.problem } : {}),
    ...(changes.desiredOutcome !== undefined ? { desiredOutcome: cleared(changes.desiredOutcome) } : {}),
    ...(changes.designDirection !== undefined ? { designDirection: cleared(changes.designDirection) } : {}),
    ...(participants !== undefined ? { participants } : {}),
  });
  return noteViewFor(input.noteId, callerId, AS_LEAD);
}

/** Adds engineering input as the caller, with their team roles now (what the ready rule counts it by). */
export async function addInput(input: InputOf<'discovery.addInput'>, callerId: string): Promise<DiscoveryNoteView> {
  const [access, me, roles] = await Promise.all([requireDiscoveryReader(input.projectKey), currentUser(), teamRolesNow(callerId)]);
  await addEngineeringInput(input.noteId, { kind: input.kind, text: input.text, authorAccountId: callerId, authorName: me.displayName, authorRoles: roles });
  return noteViewFor(input.noteId, callerId, Promise.resolve(access), roles);
}

/** Resolves an open question: its author, or someone in the engineering role. */
export async function resolveQuestion(input: InputOf<'discovery.resolveQuestion'>, callerId: string): Promise<DiscoveryNoteView> {
  const [access, me, roles, note] = await Promise.all([requireDiscoveryReader(input.projectKey), currentUser(), teamRolesNow(callerId), existingNote(input.noteId)]);
  const entry = note.engineeringInput.find((e) => e.id === input.inputId);
  if (!entry) throw new AppError('not-found', `There is no entry ${input.inputId} on the note "${note.title}". Nothing was changed; reload the note.`);
  if (!mayResolve(entry, callerId, roles)) {
    throw new AppError('forbidden', 'Only whoever asked this question, or someone in the engineering role, can resolve it. Reply with your own input instead, or ask an engineer to resolve it.');
  }
  await resolveEngineeringQuestion(input.noteId, input.inputId, { by: callerId, byName: me.displayName, ...(input.resolution ? { text: input.resolution } : {}) });
  return noteViewFor(input.noteId, callerId, Promise.resolve(access), roles);
}

/** Reopens a resolved question (the people who may resolve it): it holds the note back from ready again. */
export async function reopenQuestion(input: InputOf<'discovery.reopenQuestion'>, callerId: string): Promise<DiscoveryNoteView> {
  const [access, roles, note] = await Promise.all([requireDiscoveryReader(input.projectKey), teamRolesNow(callerId), existingNote(input.noteId)]);
  const entry = note.engineeringInput.find((e) => e.id === input.inputId);
  if (!entry) throw new AppError('not-found', `There is no entry ${input.inputId} on the note "${note.title}". Nothing was changed; reload the note.`);
  if (!mayResolve(entry, callerId, roles)) {
    throw new AppError('forbidden', 'Only whoever asked this question, or someone in the engineering role, can reopen it. Add a question of your own instead, or ask an engineer to reopen it.');
  }
  await reopenEngineeringQuestion(input.noteId, input.inputId);
  return noteViewFor(input.noteId, callerId, Promise.resolve(access), roles);
}

const notReady = (note: DiscoveryNote, reasons: readonly ReadyBlock[]): AppError =>
  new AppError(
    'invalid-input',
    `"${note.title}" cannot be marked ready yet: ${describeReadyBlocks(reasons)}. Nothing was changed. Ask an engineer to add their input and resolve the open questions, or waive the rule with a reason (it stays visible on the note).`,
    { fields: { status: describeReadyBlocks(reasons) } },
  );

function refuseMove(note: DiscoveryNote, to: DiscoveryNoteStatus): void {
  const from = noteStatusOf(note.status) ?? note.status;
  if (from === to) throw new AppError('invalid-input', `"${note.title}" is already ${to}; nothing was changed.`, { fields: { status: `already ${to}` } });
  if (!canMoveTo(note.status, to)) {
    throw new AppError('invalid-input', `A note moves one step at a time (exploring → shaped → ready → in delivery → shipped, or one step back); "${note.title}" is ${from} and cannot go to ${to}. Nothing was changed.`, {
      fields: { status: `cannot go from ${from} to ${to}` },
    });
  }
}

/**
 * Moves a note one step (a product lead). To ready only when the rule holds or with a waiver's reason. The
 * version the caller saw is checked first against the note as read (a stale one is `conflict`, nothing lost),
 * then again inside the one UPDATE, so of two leads at once exactly one succeeds.
 */
export async function setNoteStatus(input: InputOf<'discovery.setStatus'>, callerId: string): Promise<DiscoveryNoteView> {
  const [, me, note] = await Promise.all([requireDiscoveryLead(input.projectKey), input.waiverReason !== undefined ? currentUser() : Promise.resolve(null), existingNote(input.noteId)]);
  if (note.version !== input.version) throw new NoteVersionConflict(note);
  refuseMove(note, input.status);
  const waiver = input.waiverReason !== undefined ? { by: callerId, byName: me?.displayName ?? '', reason: input.waiverReason } : undefined;
  if (input.status === 'ready' && !waiver) {
    const check = readyCheckOfNote(note);
    if (!check.ok) throw notReady(note, check.reasons);
  }
  const result = await setDiscoveryNoteStatus(input.noteId, input.version, { status: input.status, ...(waiver ? { waiver } : {}) });
  // The version still matched but the rule no longer held: an input arrived between the read and the write.
  if (!result.written) throw notReady(result.note, readyCheckOfNote(result.note).reasons);
  return noteViewFor(input.noteId, callerId, AS_LEAD);
}
