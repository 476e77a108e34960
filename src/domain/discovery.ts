/**
 * The discovery practice, defined once: a discovery note's statuses and how a note moves between them, the
 * kinds of engineering input, the team roles a person may hold, the limits on every text, and the rule that
 * decides when a note may be marked ready. Pure: no clock, no I/O; times arrive as arguments.
 */

export const DISCOVERY_NOTE_STATUSES = ['exploring', 'shaped', 'ready', 'in-delivery', 'shipped'] as const;
export type DiscoveryNoteStatus = (typeof DISCOVERY_NOTE_STATUSES)[number];

/**
 * Status names written before the lifecycle above (migration 020): read as their successor, so a note saved as
 * `draft` is an `exploring` note everywhere. A write with the old name stores the new one.
 */
export const LEGACY_NOTE_STATUSES: Readonly<Record<string, DiscoveryNoteStatus>> = { draft: 'exploring' };

export const ENGINEERING_INPUT_KINDS = ['constraint', 'question', 'risk', 'technical-shape'] as const;
export type EngineeringInputKind = (typeof ENGINEERING_INPUT_KINDS)[number];

/** The roles people hold in the team (the same four the roles settings map from Jira groups). */
export { TEAM_ROLES, type TeamRole } from './team-roles';

/** Text limits, shared by the contract (what a person may send) and the store (what it writes). */
export const DISCOVERY_LIMITS = {
  title: 255,
  problem: 10_000,
  desiredOutcome: 5_000,
  designDirection: 10_000,
  inputText: 5_000,
  resolution: 2_000,
  waiverReason: 1_000,
  participants: 30,
} as const;

const isStatus = (value: string): value is DiscoveryNoteStatus => (DISCOVERY_NOTE_STATUSES as readonly string[]).includes(value);

/** A stored status in today's vocabulary; null for one this version does not know (a later version's). */
export function noteStatusOf(stored: string): DiscoveryNoteStatus | null {
  if (isStatus(stored)) return stored;
  return Object.prototype.hasOwnProperty.call(LEGACY_NOTE_STATUSES, stored) ? LEGACY_NOTE_STATUSES[stored] : null;
}

/** Every stored name that reads as `status` (itself and its legacy names), for filtering in storage. */
export function storedNamesOf(status: DiscoveryNoteStatus): string[] {
  return [status, ...Object.entries(LEGACY_NOTE_STATUSES).flatMap(([legacy, now]) => (now === status ? [legacy] : []))];
}

/**
 * Where a note may go from each status: one step forward, or one step back where a person would take it
 * (a shaped problem needs more exploring, a ready note is not ready after all, delivery is paused, a shipped
 * note is reopened for a follow-up). Nothing skips a step, so `in-delivery` is reached only through `ready`.
 */
const TRANSITIONS: Readonly<Record<DiscoveryNoteStatus, readonly DiscoveryNoteStatus[]>> = {
  exploring: ['shaped'],
  shaped: ['exploring', 'ready'],
  ready: ['shaped', 'in-delivery'],
  'in-delivery': ['ready', 'shipped'],
  shipped: ['in-delivery'],
};

/** The statuses a note in `from` (as stored) may move to; a status this version does not know may only start over. */
export function nextStatuses(from: string): readonly DiscoveryNoteStatus[] {
  const status = noteStatusOf(from);
  return status === null ? ['exploring'] : TRANSITIONS[status];
}

export const canMoveTo = (from: string, to: DiscoveryNoteStatus): boolean => nextStatuses(from).includes(to);

/** A lead's decision to mark a note ready without what the rule asks for, with their reason; it stays visible. */
export interface ReadyWaiver {
  by: string;
  /** Unix milliseconds. */
  at: number;
  reason: string;
}

/** What the ready rule needs to know of one entry of engineering input. */
export interface InputForReadiness {
  id: string;
  kind: string;
  /** The author's team roles when they wrote it, or null when they were not recorded (entries from before 020). */
  authorRoles: readonly string[] | null;
  /** Unix milliseconds; null while a question is open (and for entries that are not questions). */
  resolvedAt: number | null;
}

export type ReadyBlock = { reason: 'no-engineering-input' } | { reason: 'open-questions'; inputIds: string[] };

export interface ReadyCheck {
  /** Whether the note may be marked ready now: the rule holds, or a lead waived it. */
  ok: boolean;
  /** What the rule found missing (empty when it holds), shown even when waived. */
  reasons: ReadyBlock[];
  /** The rule does not hold and a waiver stands in for it. */
  waived: boolean;
}

export const isOpenQuestion = (input: Pick<InputForReadiness, 'kind' | 'resolvedAt'>): boolean => input.kind === 'question' && input.resolvedAt === null;

/**
 * Written by someone in the engineering role at the time they wrote it. Roles are recorded with the entry, so
 * an engineer who later changes team still counts, and someone who joins engineering later does not make an
 * old entry count; an entry whose roles were never recorded does not count (the rule is a gate: unknown is no).
 */
export const isFromEngineer = (input: Pick<InputForReadiness, 'authorRoles'>): boolean => input.authorRoles?.includes('engineering') === true;

/**
 * The ready rule: a note may be marked ready only when someone in the engineering role has added input and no
 * question is open — or a lead has waived it with a reason.
 */
export function canMarkReady(
  note: { waiver: ReadyWaiver | null },
  inputs: readonly InputForReadiness[],
  isEngineer: (input: InputForReadiness) => boolean = isFromEngineer,
): ReadyCheck {
  const reasons: ReadyBlock[] = [];
  if (!inputs.some(isEngineer)) reasons.push({ reason: 'no-engineering-input' });
  const open = inputs.filter(isOpenQuestion).map((input) => input.id);
  if (open.length > 0) reasons.push({ reason: 'open-questions', inputIds: open });
  const waived = reasons.length > 0 && note.waiver !== null;
  return { ok: reasons.length === 0 || waived, reasons, waived };
}

/** The reasons in a sentence for a person ("no one in engineering has added input, and 2 questions are open"). */
export function describeReadyBlocks(reasons: readonly ReadyBlock[]): string {
  const parts = reasons.map((block) => {
    if (block.reason === 'no-engineering-input') return 'no one in the engineering role has added input yet';
    const n = block.inputIds.length;
    return n === 1 ? '1 engineering question is still open' : `${n} engineering questions are still open`;
  });
  return parts.join(', and ');
}
