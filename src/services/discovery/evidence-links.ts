/**
 * Changing who has the problem after a note was started (resolver keys `discovery.linkEvidence` and
 * `discovery.unlinkEvidence`): a product lead links more clusters or signals, or removes some. Everything named
 * is looked up before anything is written, so a link to a cluster or signal that does not exist is refused
 * whole; a remove of what is not linked is not an error (the person sees the note as it now is).
 */
import type { z } from 'zod';
import type { Contract, DiscoveryNoteView } from '../../contract';
import { AppError } from '../../errors';
import { getClusters } from '../../store/cluster-repository';
import { getDiscoveryNote, linkNoteEvidence, unlinkNoteEvidence } from '../../store/discovery-note-repository';
import { getSignals } from '../../store/signal-reads';
import { requireDiscoveryLead } from './access';
import { noteNotFound, noteViewFor } from './notes';

type InputOf<K extends keyof Contract> = z.output<Contract[K]['input']>;

const AS_LEAD = Promise.resolve({ canEdit: true });

const missing = (what: string, ids: readonly string[], field: string): AppError =>
  new AppError(
    'not-found',
    `There is no ${what} ${ids.join(', ')} (a merge or an undo may have removed it). Nothing was linked; reload the Inbox and choose again.`,
    { fields: { [field]: `names no ${what}` } },
  );

export async function linkEvidence(input: InputOf<'discovery.linkEvidence'>, callerId: string): Promise<DiscoveryNoteView> {
  const [, note, clusters, signals] = await Promise.all([
    requireDiscoveryLead(input.projectKey),
    getDiscoveryNote(input.noteId),
    getClusters(input.clusterIds),
    input.signalIds.length > 0 ? getSignals(input.signalIds) : Promise.resolve(new Map<string, unknown>()),
  ]);
  if (!note) throw noteNotFound(input.noteId);
  // A merged cluster has given its signals to another: linking it would link nothing.
  const found = new Set(clusters.filter((c) => c.state !== 'merged').map((c) => c.id));
  const noCluster = input.clusterIds.filter((id) => !found.has(id));
  if (noCluster.length > 0) throw missing(noCluster.length === 1 ? 'cluster' : 'clusters', noCluster, 'clusterIds');
  const noSignal = input.signalIds.filter((id) => !signals.has(id));
  if (noSignal.length > 0) throw missing(noSignal.length === 1 ? 'signal' : 'signals', noSignal, 'signalIds');
  await linkNoteEvidence(input.noteId, { clusterIds: input.clusterIds, signalIds: input.signalIds }, callerId, Date.now());
  return noteViewFor(input.noteId, callerId, AS_LEAD);
}

export async function unlinkEvidence(input: InputOf<'discovery.unlinkEvidence'>, callerId: string): Promise<DiscoveryNoteView> {
  const [, note] = await Promise.all([requireDiscoveryLead(input.projectKey), getDiscoveryNote(input.noteId)]);
  if (!note) throw noteNotFound(input.noteId);
  await unlinkNoteEvidence(input.noteId, { clusterIds: input.clusterIds, signalIds: input.signalIds });
  return noteViewFor(input.noteId, callerId, AS_LEAD);
}
