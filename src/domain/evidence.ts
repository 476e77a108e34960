/**
 * How much evidence stands behind a cluster of signals, as one number the Inbox sorts by.
 *
 *   strength = ln(1 + signals) + 2·ln(1 + distinct customers) + ln(1 + ARR / 10 000)
 *   score    = strength + lastSeenAt / RECENCY_E_FOLDING_MS
 *
 * - Logarithms, because the tenth signal adds less than the second, and one huge account must not drown ten
 *   small ones; distinct customers count double, because many customers asking is the strongest evidence a
 *   cluster can have; ARR in units of 10 000 so a 50 k account is worth about as much as a second customer.
 * - Recency as a decay with a 30-day half-life: the evidence of a cluster last seen at t, looked at now, is
 *   e^strength · e^(−(now − t)/τ). Its logarithm is strength + t/τ − now/τ, and `now/τ` is the same for every
 *   cluster, so ordering by `strength + t/τ` is ordering by decayed evidence at any moment. The stored score
 *   therefore never goes stale as time passes: it changes only when the cluster's signals do.
 *
 * The same formula exists once more, in SQL, in cluster-repository.ts (`evidenceScoreSql`), because the score is
 * recomputed inside the statement that recounts a cluster; a test checks the two agree.
 */

export const EVIDENCE_HALF_LIFE_DAYS = 30;
/** τ: the time over which the recency factor shrinks by e (half-life / ln 2), in milliseconds. */
export const RECENCY_E_FOLDING_MS = (EVIDENCE_HALF_LIFE_DAYS * 24 * 60 * 60 * 1000) / Math.LN2;
/** The ARR that counts as one unit of evidence strength. */
export const ARR_UNIT = 10_000;
export const CUSTOMER_WEIGHT = 2;

export interface ClusterEvidence {
  signalCount: number;
  customerCount: number;
  /** Sum over distinct customers of each customer's ARR (its largest stated ARR), so a customer is counted once. */
  arrTotal: number;
  /** Unix milliseconds of the cluster's latest signal. */
  lastSeenAt: number;
}

export function evidenceStrength({ signalCount, customerCount, arrTotal }: Omit<ClusterEvidence, 'lastSeenAt'>): number {
  return Math.log1p(Math.max(0, signalCount)) + CUSTOMER_WEIGHT * Math.log1p(Math.max(0, customerCount)) + Math.log1p(Math.max(0, arrTotal) / ARR_UNIT);
}

export function evidenceScore(evidence: ClusterEvidence): number {
  return evidenceStrength(evidence) + evidence.lastSeenAt / RECENCY_E_FOLDING_MS;
}
