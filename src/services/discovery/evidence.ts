/**
 * Who has the problem: a note's linked clusters and the signals behind it (linked themselves or through a
 * cluster), each signal once, with customers and ARR counted once per customer (the rule origins use:
 * src/domain/origin.ts) and clusters strongest first (src/domain/evidence.ts).
 */
import type { DiscoveryNoteView } from '../../contract';
import { evidenceStrength } from '../../domain/evidence';
import { customersAndArr } from '../../domain/origin';
import type { NoteEvidenceLink, NoteEvidenceSignal } from '../../store/discovery-note-repository';

type NoteEvidence = DiscoveryNoteView['evidence'];

const isoOf = (ms: number): string => new Date(Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : 0).toISOString();

/** The signals of one note, each once (the first time it is reached). */
function uniqueSignals(noteId: string, signals: readonly NoteEvidenceSignal[]): NoteEvidenceSignal[] {
  const seen = new Map<string, NoteEvidenceSignal>();
  for (const signal of signals) if (signal.noteId === noteId && !seen.has(signal.id)) seen.set(signal.id, signal);
  return [...seen.values()].sort((a, b) => b.receivedAt - a.receivedAt || a.id.localeCompare(b.id));
}

export function noteEvidence(noteId: string, links: readonly NoteEvidenceLink[], signals: readonly NoteEvidenceSignal[]): NoteEvidence {
  const clusters = links
    .filter((link) => link.noteId === noteId && link.kind === 'cluster')
    .map((link) => ({
      id: link.subjectId,
      title: link.cluster?.title ?? null,
      state: link.cluster?.state ?? null,
      signalCount: link.cluster?.signalCount ?? 0,
      customerCount: link.cluster?.customerCount ?? 0,
      arrTotal: link.cluster?.arrTotal ?? 0,
      linkedAt: isoOf(link.linkedAt),
    }))
    .sort((a, b) => evidenceStrength(b) - evidenceStrength(a) || a.id.localeCompare(b.id));
  const behind = uniqueSignals(noteId, signals);
  const linkedItself = new Set(signals.filter((s) => s.noteId === noteId && s.via === 'signal').map((s) => s.id));
  const { customers, arr } = customersAndArr(behind);
  return {
    clusters,
    signals: behind.map((s) => ({
      id: s.id,
      customer: s.customer,
      quote: s.text,
      arr: s.arr,
      source: s.source,
      receivedAt: isoOf(s.receivedAt),
      clusterId: s.clusterId,
      linkedItself: linkedItself.has(s.id),
    })),
    totals: { clusterCount: clusters.length, signalCount: behind.length, customerCount: customers.length, arrTotal: arr, customers },
  };
}
