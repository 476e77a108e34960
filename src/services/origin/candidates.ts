/**
 * What a person can link an issue to: recent signals and open discovery notes matching what they typed.
 * Signals and notes are app data, so the issue is read as the caller first; the list is returned only if that
 * read succeeds. Reads run in parallel with it and are discarded on refusal.
 */
import type { ResolverOutput } from '../../contract';
import { ORIGIN_PROPERTY_KEY } from '../../domain/origin';
import { getIssueRecord } from '../../jira/issue-reads';
import { parseOriginProperty } from '../../jira/origin-property';
import { recentDiscoveryNotes, type DiscoveryNote } from '../../store/discovery-note-repository';
import { recentSignals, type SignalRecord } from '../../store/signal-reads';
import { originSignalView } from './trail';

const SIGNAL_STATES = ['new', 'triaged', 'routed'] as const;
// Notes an issue may come from: any not yet shipped (issues are usually linked as the note goes into delivery).
const NOTE_STATUSES = ['exploring', 'shaped', 'ready', 'in-delivery'] as const;
const SCAN_PER_PARTITION = 100;
const MAX_SIGNALS = 20;
const MAX_NOTES = 10;

/** Every word the person typed appears somewhere in the text (case-insensitive). */
function matches(query: string, ...texts: string[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  const haystack = texts.join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export async function originCandidates(issueKey: string, query: string): Promise<ResolverOutput<'origin.candidates'>> {
  const [record, signalPages, notePages] = await Promise.all([
    getIssueRecord('user', issueKey, ['issuetype'], [ORIGIN_PROPERTY_KEY]),
    Promise.all(SIGNAL_STATES.map((state) => recentSignals(state, SCAN_PER_PARTITION))),
    Promise.all(NOTE_STATUSES.map((status) => recentDiscoveryNotes(status, SCAN_PER_PARTITION))),
  ]);
  const origin = parseOriginProperty(record.properties?.[ORIGIN_PROPERTY_KEY]);
  const linked = new Set(origin?.signalIds ?? []);
  const signals = signalPages
    .flat()
    .filter((s: SignalRecord) => !linked.has(s.id) && matches(query, s.customer, s.text, s.raisedByName))
    .sort((a, b) => b.receivedAt - a.receivedAt)
    .slice(0, MAX_SIGNALS);
  const notes = notePages
    .flat()
    .filter((n: DiscoveryNote) => n.id !== origin?.discoveryNoteId && matches(query, n.title, n.problem))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, MAX_NOTES);
  return {
    signals: signals.map(originSignalView),
    discoveryNotes: notes.map((n) => ({ id: n.id, title: n.title, status: n.status })),
  };
}
