/**
 * Is an issue ready to be built? Each item says what is done and what is still to do. The function is pure: its
 * inputs say what the calling service found (the work type, the origin, the discovery note's engineering input,
 * the walkthrough), and an item whose facts the caller did not gather is left out rather than guessed, so a
 * caller that knows less (a work-type write) answers only the items it can judge.
 */
import type { WorkType } from './work-type';

export const READINESS_KEYS = ['classified', 'origin', 'discovery', 'walkthrough', 'error-states'] as const;
export type ReadinessKey = (typeof READINESS_KEYS)[number];

export interface ReadinessItem {
  key: ReadinessKey;
  label: string;
  state: 'done' | 'todo' | 'not-yet-available';
  detail: string;
}

/** What the service found about the discovery note the issue came from. */
export interface DiscoveryFacts {
  /** The linked note's title, or null when the origin names no note (or it no longer exists). */
  noteTitle: string | null;
  /** Entries of engineering input on that note. */
  engineeringInputCount: number;
}

/** What the service found about the issue's walkthrough. */
export interface WalkthroughFacts {
  /** The latest version, or null when there is no walkthrough. */
  latestVersion: number | null;
  /** Display names of the engineers who acknowledged the latest version. */
  latestAcknowledgedByEngineers: string[];
  /** Error states in the latest version, and those neither designed nor deferred with a reason. */
  errorStates: number;
  unsettledErrorStates: string[];
}

export interface ReadinessInput {
  workType: WorkType | null;
  originKind: 'linked' | 'none' | 'unknown';
  discovery?: DiscoveryFacts;
  walkthrough?: WalkthroughFacts;
}

const item = (key: ReadinessKey, label: string, state: ReadinessItem['state'], detail: string): ReadinessItem => ({ key, label, state, detail });

function classified(workType: WorkType | null): ReadinessItem {
  return workType
    ? item('classified', 'Work type set', 'done', `Classified as ${workType}.`)
    : item('classified', 'Work type set', 'todo', 'Choose Innovative, Corrective or Enabling.');
}

function origin(kind: ReadinessInput['originKind']): ReadinessItem {
  if (kind === 'linked') return item('origin', 'Origin known', 'done', 'Linked to the signals or discovery note it came from.');
  if (kind === 'none') return item('origin', 'Origin known', 'done', 'Marked as having no origin to record.');
  return item('origin', 'Origin known', 'todo', 'Link the signals or discovery note this came from, or mark that it has none.');
}

const DISCOVERY_LABEL = 'Engineering input in discovery';

/** An issue marked as having no origin has no discovery to look for: a person said so on purpose. */
function discovery(kind: ReadinessInput['originKind'], facts: DiscoveryFacts): ReadinessItem {
  if (kind === 'none') return item('discovery', DISCOVERY_LABEL, 'done', 'Marked as having no origin, so there is no discovery note to hold engineering input.');
  if (facts.noteTitle === null) {
    return item('discovery', DISCOVERY_LABEL, 'todo', 'Link the discovery note this came from, so the engineers’ input is on record.');
  }
  if (facts.engineeringInputCount === 0) {
    return item('discovery', DISCOVERY_LABEL, 'todo', `The discovery note “${facts.noteTitle}” has no engineering input yet: ask an engineer to add constraints, questions or risks.`);
  }
  const entries = facts.engineeringInputCount === 1 ? '1 entry' : `${facts.engineeringInputCount} entries`;
  return item('discovery', DISCOVERY_LABEL, 'done', `The discovery note “${facts.noteTitle}” has engineering input (${entries}).`);
}

const names = (list: readonly string[]): string =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;

function walkthrough(facts: WalkthroughFacts): ReadinessItem {
  const label = 'Design walkthrough acknowledged';
  if (facts.latestVersion === null) return item('walkthrough', label, 'todo', 'No walkthrough yet: the designer adds one to this issue.');
  if (facts.latestAcknowledgedByEngineers.length === 0) {
    return item('walkthrough', label, 'todo', `Version ${facts.latestVersion} is not acknowledged by an engineer yet.`);
  }
  return item('walkthrough', label, 'done', `Version ${facts.latestVersion} acknowledged by ${names(facts.latestAcknowledgedByEngineers)}.`);
}

function errorStates(facts: WalkthroughFacts): ReadinessItem {
  const label = 'Error states designed or deferred';
  if (facts.latestVersion === null) return item('error-states', label, 'todo', 'No walkthrough yet, so no error states have been discussed.');
  if (facts.errorStates === 0) {
    return item('error-states', label, 'todo', `Version ${facts.latestVersion} lists no error states: add what happens when things go wrong.`);
  }
  if (facts.unsettledErrorStates.length > 0) {
    const count = facts.unsettledErrorStates.length;
    return item('error-states', label, 'todo', `${count === 1 ? '1 error state is' : `${count} error states are`} neither designed nor deferred with a reason: ${names(facts.unsettledErrorStates.map((t) => `“${t}”`))}.`);
  }
  const count = facts.errorStates === 1 ? 'The 1 error state is' : `All ${facts.errorStates} error states are`;
  return item('error-states', label, 'done', `${count} designed or deferred with a reason.`);
}

/** Items without the walkthrough's facts: what a caller that did not read the walkthrough can answer. */
export type ReadinessItemWithoutWalkthrough = ReadinessItem & { key: Exclude<ReadinessKey, 'error-states'> };

export function readinessOf(input: ReadinessInput & { walkthrough: WalkthroughFacts }): ReadinessItem[];
export function readinessOf(input: ReadinessInput & { walkthrough?: undefined }): ReadinessItemWithoutWalkthrough[];
export function readinessOf(input: ReadinessInput): ReadinessItem[] {
  return [
    classified(input.workType),
    origin(input.originKind),
    ...(input.discovery ? [discovery(input.originKind, input.discovery)] : []),
    ...(input.walkthrough ? [walkthrough(input.walkthrough), errorStates(input.walkthrough)] : []),
  ];
}

/** Ready to build: every item judged, and every one done. */
export const isReady = (items: readonly ReadinessItem[]): boolean =>
  READINESS_KEYS.every((key) => items.some((i) => i.key === key && i.state === 'done'));
