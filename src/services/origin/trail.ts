/**
 * The origin trail as the issue panel shows it: the signals an issue came from in the customers' words, the
 * discovery note with its engineering input in brief, and the ids whose records no longer exist.
 */
import type { OriginDto } from '../../contract';
import type { OriginProperty } from '../../domain/origin';
import type { SignalRoute } from '../../domain/suggestion';
import type { DiscoveryNote } from '../../store/discovery-note-repository';
import type { SignalRecord } from '../../store/signal-reads';

/** Engineering input is shown in brief: the panel links to the note for the rest. */
const BRIEF_CHARS = 280;
const brief = (text: string): string => (text.length <= BRIEF_CHARS ? text : `${text.slice(0, BRIEF_CHARS - 1).trimEnd()}…`);

/** A signal as the trail and the link picker show it: the customer's words, their ARR, when and how it came. */
export const originSignalView = (s: SignalRecord): OriginDto['signals'][number] => ({
  id: s.id,
  customer: s.customer,
  quote: s.text,
  arr: s.arr ?? null,
  receivedAt: new Date(s.receivedAt * 1000).toISOString(),
  source: s.source,
  raisedBy: s.raisedByName,
  state: s.route ? `${s.state}: ${s.route}` : s.state,
});

/** The account ids whose names the trail shows. */
export function accountIdsInTrail(origin: OriginProperty | null, note: DiscoveryNote | null): string[] {
  const ids = origin ? [origin.linkedBy] : [];
  for (const entry of note?.engineeringInput ?? []) if (!entry.authorName) ids.push(entry.authorAccountId);
  return ids;
}

export function originTrail(
  origin: OriginProperty | null,
  signals: ReadonlyMap<string, SignalRecord>,
  notes: ReadonlyMap<string, DiscoveryNote>,
  names: ReadonlyMap<string, string>,
): OriginDto {
  if (!origin) {
    return { kind: 'unknown', signals: [], discoveryNote: null, customers: [], arr: 0, linkedAt: null, linkedBy: null, missing: [] };
  }
  const missing: string[] = [];
  const linkedSignals: OriginDto['signals'] = [];
  for (const id of origin.signalIds) {
    const s = signals.get(id);
    if (!s) {
      missing.push(id);
      continue;
    }
    linkedSignals.push(originSignalView(s));
  }
  let discoveryNote: OriginDto['discoveryNote'] = null;
  if (origin.discoveryNoteId) {
    const note = notes.get(origin.discoveryNoteId);
    if (!note) missing.push(origin.discoveryNoteId);
    else {
      discoveryNote = {
        id: note.id,
        title: note.title,
        problem: note.problem,
        status: note.status,
        engineeringInput: note.engineeringInput.map((e) => ({
          kind: e.kind,
          text: brief(e.text),
          author: e.authorName ?? names.get(e.authorAccountId) ?? 'A former user',
        })),
      };
    }
  }
  return {
    kind: origin.kind,
    signals: linkedSignals,
    discoveryNote,
    customers: origin.customers,
    arr: origin.arr,
    linkedAt: origin.linkedAt,
    linkedBy: { accountId: origin.linkedBy, displayName: names.get(origin.linkedBy) ?? 'A former user' },
    missing,
  };
}

/** What the origin tells the suggestion: how its existing signals were routed, and whether a note led to it. */
export function originFacts(
  origin: OriginProperty | null,
  signals: ReadonlyMap<string, SignalRecord>,
): { signalRoutes: SignalRoute[]; fromDiscoveryNote: boolean } | null {
  if (!origin || origin.kind !== 'linked') return null;
  const signalRoutes = origin.signalIds.map((id) => signals.get(id)?.route).filter((r): r is SignalRoute => r !== undefined);
  return { signalRoutes, fromDiscoveryNote: origin.discoveryNoteId !== null };
}
