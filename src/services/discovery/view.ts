/**
 * A discovery note as the note page and the Discovery tab show it: names for every person (as written with
 * the note, so no lookup), the ready rule's verdict with its reasons in words, and what the caller may do.
 */
import type { DiscoveryNoteSummary, DiscoveryNoteView } from '../../contract';
import {
  canMarkReady,
  isFromEngineer,
  isOpenQuestion,
  nextStatuses,
  noteStatusOf,
  type InputForReadiness,
  type ReadyBlock,
  type ReadyCheck,
  type TeamRole,
} from '../../domain/discovery';
import type { DiscoveryNote, EngineeringInputEntry, NoteEvidenceLink, NoteEvidenceSignal } from '../../store/discovery-note-repository';
import type { DiscoveryAccess } from './access';
import { noteEvidence } from './evidence';

const UNKNOWN_PERSON = 'Someone no longer in Jira';
const EXCERPT_LENGTH = 200;

const isoOfSeconds = (seconds: number): string => new Date(seconds * 1000).toISOString();
const millisOf = (iso: string): number => Date.parse(iso);
const person = (accountId: string, name: string | null | undefined) => ({ accountId, displayName: name ?? UNKNOWN_PERSON });

export function readinessInputOf(entry: EngineeringInputEntry): InputForReadiness {
  return { id: entry.id, kind: entry.kind, authorRoles: entry.authorRoles, resolvedAt: entry.resolution ? millisOf(entry.resolution.at) : null };
}

/** The ready rule applied to a note as stored (src/domain/discovery.ts). */
export function readyCheckOfNote(note: DiscoveryNote): ReadyCheck {
  const waiver = note.waiver ? { by: note.waiver.by, at: millisOf(note.waiver.at), reason: note.waiver.reason } : null;
  return canMarkReady({ waiver }, note.engineeringInput.map(readinessInputOf));
}

const BLOCK_MESSAGES: Record<ReadyBlock['reason'], (block: ReadyBlock) => string> = {
  'no-engineering-input': () => 'No one in the engineering role has added input yet: ask an engineer for their constraints, questions, risks or the technical shape.',
  'open-questions': (block) => {
    const n = block.reason === 'open-questions' ? block.inputIds.length : 0;
    return `${n === 1 ? '1 engineering question is' : `${n} engineering questions are`} still open: resolve ${n === 1 ? 'it' : 'them'} first.`;
  },
};

export function readyCheckView(check: ReadyCheck): DiscoveryNoteView['ready'] {
  return {
    ok: check.ok,
    waived: check.waived,
    reasons: check.reasons.map((block) => ({ reason: block.reason, message: BLOCK_MESSAGES[block.reason](block), inputIds: block.reason === 'open-questions' ? block.inputIds : [] })),
  };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_LENGTH) return flat;
  const cut = flat.slice(0, EXCERPT_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A note as the Discovery tab lists it. */
export function noteSummary(note: DiscoveryNote, links: readonly NoteEvidenceLink[], signals: readonly NoteEvidenceSignal[]): DiscoveryNoteSummary {
  const inputs = note.engineeringInput.map(readinessInputOf);
  const { clusters, totals } = noteEvidence(note.id, links, signals);
  return {
    id: note.id,
    title: note.title,
    status: note.status,
    problemExcerpt: excerpt(note.problem),
    updatedAt: isoOfSeconds(note.updatedAt),
    version: note.version,
    input: { total: inputs.length, fromEngineers: inputs.filter(isFromEngineer).length, openQuestions: inputs.filter(isOpenQuestion).length },
    evidence: { clusterCount: clusters.length, signalCount: totals.signalCount, customerCount: totals.customerCount, arrTotal: totals.arrTotal },
    ready: readyCheckView(readyCheckOfNote(note)),
  };
}

/** Who may resolve a question: whoever asked it, or someone in the engineering role now. */
export const mayResolve = (entry: Pick<EngineeringInputEntry, 'authorAccountId'>, callerId: string, callerRoles: readonly TeamRole[]): boolean =>
  entry.authorAccountId === callerId || callerRoles.includes('engineering');

function inputView(entry: EngineeringInputEntry, callerId: string, callerRoles: readonly TeamRole[]): DiscoveryNoteView['engineeringInput'][number] {
  const question =
    entry.kind !== 'question'
      ? null
      : {
          open: entry.resolution === null,
          resolvedBy: entry.resolution ? person(entry.resolution.by, entry.resolution.byName) : null,
          resolvedAt: entry.resolution?.at ?? null,
          resolution: entry.resolution?.text ?? null,
          canResolve: entry.resolution === null && mayResolve(entry, callerId, callerRoles),
          canReopen: entry.resolution !== null && mayResolve(entry, callerId, callerRoles),
        };
  return {
    id: entry.id,
    kind: entry.kind,
    text: entry.text,
    author: person(entry.authorAccountId, entry.authorName),
    authorRoles: entry.authorRoles ?? [],
    rolesRecorded: entry.authorRoles !== null,
    fromEngineer: isFromEngineer(entry),
    at: entry.at,
    question,
  };
}

export interface NoteViewParts {
  note: DiscoveryNote;
  links: readonly NoteEvidenceLink[];
  signals: readonly NoteEvidenceSignal[];
  linkedIssues: DiscoveryNoteView['linkedIssues'];
  access: DiscoveryAccess;
  callerId: string;
  callerRoles: readonly TeamRole[];
}

export function noteView({ note, links, signals, linkedIssues, access, callerId, callerRoles }: NoteViewParts): DiscoveryNoteView {
  return {
    note: {
      id: note.id,
      title: note.title,
      status: note.status,
      version: note.version,
      createdAt: isoOfSeconds(note.createdAt),
      updatedAt: isoOfSeconds(note.updatedAt),
      createdBy: note.createdBy ? person(note.createdBy, note.createdByName) : null,
      problem: note.problem,
      desiredOutcome: note.desiredOutcome,
      designDirection: note.designDirection,
      participants: note.participants.map((p) => ({ accountId: p.accountId, displayName: p.name || UNKNOWN_PERSON, role: p.role })),
      waiver: note.waiver ? { by: person(note.waiver.by, note.waiver.byName), at: note.waiver.at, reason: note.waiver.reason } : null,
    },
    engineeringInput: note.engineeringInput.map((entry) => inputView(entry, callerId, callerRoles)),
    evidence: noteEvidence(note.id, links, signals),
    linkedIssues,
    ready: readyCheckView(readyCheckOfNote(note)),
    // A status this version does not know may only start over (exploring).
    nextStatuses: [...nextStatuses(noteStatusOf(note.status) ?? note.status)],
    can: { edit: access.canEdit, addInput: true, waive: access.canEdit },
  };
}
