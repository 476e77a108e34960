/**
 * Routing a cluster of signals: where each route leaves the cluster, what a rationale must be, which routes have
 * a Jira side, and when a parked cluster comes back to the Inbox. Pure: no I/O, no clock (times are passed in).
 */
import type { SignalRoute } from './signals';

/** Cluster states a decision moves a cluster to (the Inbox lists `new`; `merged` is what a merge leaves). */
export const ROUTED_CLUSTER_STATES = ['routed', 'parked', 'declined', 'merged'] as const;
export type RoutedClusterState = (typeof ROUTED_CLUSTER_STATES)[number];

/**
 * Where a route leaves the cluster. A duplicate is merged into the cluster it duplicates (the merge's own state,
 * so that undoing the merge is undoing the duplicate); roadmap and quick fix both leave the Inbox as `routed`.
 */
export const CLUSTER_STATE_OF_ROUTE: Readonly<Record<SignalRoute, RoutedClusterState>> = {
  roadmap: 'routed',
  'quick-fix': 'routed',
  'parking-lot': 'parked',
  declined: 'declined',
  duplicate: 'merged',
};

/** States a cluster may be routed from: the Inbox (`new`, `triaged`) and the parking lot (a change of mind). */
export const ROUTABLE_CLUSTER_STATES = ['new', 'triaged', 'parked'] as const;

export const isRoutable = (state: string): boolean => (ROUTABLE_CLUSTER_STATES as readonly string[]).includes(state);

/** Routes whose decision owes Jira something (an issue created or linked, its origin property set). */
export const hasJiraSide = (route: SignalRoute): boolean => route === 'roadmap' || route === 'quick-fix';

/** A rationale is read by the people who raised the signals: between these bounds, after trimming. */
export const RATIONALE_MAX_CHARS = 2000;
export const RATIONALE_REQUIRED = 'Say why, in a sentence: the people who raised these signals will read it.';
export const RATIONALE_TOO_LONG = `Keep the rationale under ${RATIONALE_MAX_CHARS.toLocaleString('en')} characters.`;

/** The rationale as stored, or why it cannot be: required, trimmed, at most RATIONALE_MAX_CHARS. */
export function checkRationale(raw: string): { ok: true; rationale: string } | { ok: false; problem: string } {
  const rationale = raw.trim();
  if (rationale.length === 0) return { ok: false, problem: RATIONALE_REQUIRED };
  if (rationale.length > RATIONALE_MAX_CHARS) return { ok: false, problem: RATIONALE_TOO_LONG };
  return { ok: true, rationale };
}

/** Evidence of a cluster at one moment: how many signals, and the summed ARR of its distinct customers. */
export interface ParkedEvidence {
  signals: number;
  arr: number;
}

/**
 * When a parked cluster comes back to the Inbox: this many new signals since parking, or this much more ARR.
 * Named constants in one place so that a settings read can replace them (settings are the next round).
 */
export interface ParkingThresholds {
  newSignals: number;
  addedArr: number;
}
export const DEFAULT_PARKING_THRESHOLDS: ParkingThresholds = { newSignals: 3, addedArr: 50_000 };

/**
 * Whether new evidence since parking crosses a threshold. Only growth counts: a cluster that lost signals (a
 * split, a merge undone) does not come back for it. A threshold of 0 or less never triggers by itself — "no
 * threshold" — so a misconfigured setting cannot bounce every parked cluster back at once.
 */
export function parkedClusterReturns(parkedAt: ParkedEvidence, now: ParkedEvidence, thresholds: ParkingThresholds = DEFAULT_PARKING_THRESHOLDS): boolean {
  const newSignals = now.signals - parkedAt.signals;
  const addedArr = now.arr - parkedAt.arr;
  const bySignals = thresholds.newSignals > 0 && newSignals >= thresholds.newSignals;
  const byArr = thresholds.addedArr > 0 && addedArr >= thresholds.addedArr;
  return bySignals || byArr;
}

/** The Jira side of a decision: pending until the outbox has done it, failed for good after the outbox's attempts. */
export const JIRA_SIDE_STATES = ['none', 'pending', 'done', 'failed'] as const;
export type JiraSideState = (typeof JIRA_SIDE_STATES)[number];

/** The Jira side a decision starts with. */
export const initialJiraSide = (route: SignalRoute): JiraSideState => (hasJiraSide(route) ? 'pending' : 'none');

/** A failed Jira side may be retried; nothing else can (pending is on its way, done is done, none has none). */
export const canRetryJiraSide = (state: string): boolean => state === 'failed';
