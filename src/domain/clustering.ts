/**
 * Which open cluster a new signal joins, or whether it starts one — the one decision intake (candidates from
 * SQL, `term-repository.ts`) and the offline command (`scripts/signals.ts`, candidates from
 * `InMemoryClusterIndex`) both make, with this code, so what the offline evaluation measures is what runs.
 *
 * Two steps:
 * 1. **Prefilter** (SQL `similarClusters`, or `InMemoryClusterIndex.candidates` with the same formula): the top
 *    clusters by Σ over shared terms of (cluster_term.weight × query weight) / cluster.signal_count — the dot
 *    product of the query with the cluster's centroid. It is cheap and index-friendly, but unbounded, so it only
 *    ranks; each candidate comes back with its matched (term, summed weight) rows and its signal count.
 * 2. **Final score** (`scoreCandidate`): how much of the query the cluster's centroid covers,
 *
 *        score = Σ over shared terms t of min(q_t, c_t) / min(Σ over the query's terms t of q_t, SCORE_MASS_CAP)
 *
 *    where q_t is the query's weight, c_t = w_t / n the centroid (w_t the cluster's summed weight, n its signal
 *    count: the mean weight of t per signal). It is in [0, 1] (clamped); 1 when the cluster's typical signal says
 *    all the query says; a term only one signal in five of a cluster has counts a fifth; a query term the cluster
 *    lacks counts against it. A weighted overlap (a generalised Jaccard on the query's side) rather than a
 *    cosine, because a candidate carries only the *shared* terms — the cluster's own norm is not known — and this
 *    needs nothing more than what the index returns. The denominator is capped at SCORE_MASS_CAP (8, about 6–8
 *    terms) so that a long, chatty signal (call notes with names, numbers and asides) is judged by whether it
 *    shares the weight of a typical short signal, not by the share of all it says. For two single signals of
 *    the same total weight it is symmetric; in general it is the query's containment in the cluster, which is
 *    what "does this signal belong there" asks. Sums run in term order, so the order rows arrive in does not
 *    change a score by a rounding error.
 *
 * The join rule (`assignCluster`): the best-scoring candidate not marked "not the same" (ties by cluster id)
 * joins when its score is at least the threshold **and** it shares at least one word and two index terms in
 * all (two words, or a word and a concept). One shared term alone never joins, nor do concepts alone: a concept
 * is broad, and precision matters more than recall (a wrong merge costs a product lead a wrong picture of
 * demand; a missed one costs a merge click later).
 *
 * DEFAULT_JOIN_THRESHOLD = 0.44, measured with `npm run signals -- eval` (B-cubed precision / recall / F1), with
 * Porter-stemmed terms and the general concept list (`signal-features.ts`, `concepts.ts`):
 *
 *    threshold                                   0.35               0.40               0.44               0.50
 *    seeded payments (150 signals)               .80 / .53 / .64    .86 / .51 / .64    .91 / .50 / .64    .94 / .46 / .62
 *    dev set, 3 other products (180 signals)     .93 / .52 / .67    .94 / .52 / .67    .96 / .50 / .65    .97 / .47 / .63
 *
 * (the dev set is test/fixtures/signals-dev/: a clinic scheduling app, a courier dispatch app and a CI service,
 * written for tuning; the held-out set in test/fixtures/signals-labelled/ was not used to choose anything.)
 * 0.44 is the lowest threshold whose precision stays at or above 0.9 on the realistic seeded set (call notes,
 * Slack shorthand, tickets), where the product's everyday words make unrelated signals look alike; below it,
 * precision falls faster than recall rises. The threshold is an option, so a product can move it.
 */
import { CONCEPT_PREFIX, isConceptTerm } from './concepts';
import type { WeightedTerm } from './terms';

export const DEFAULT_JOIN_THRESHOLD = 0.44;
/** How many candidates the prefilter hands to the final score (intake's SQL uses the same). */
export const CANDIDATE_LIMIT = 10;
/** A join needs at least this many shared words (concepts aside)… */
export const MIN_SHARED_WORDS = 1;
/** …and this many shared index terms in all (words and concepts): one shared term alone is never enough. */
export const MIN_SHARED_TERMS = 2;
/**
 * The most query weight a score is divided by (about 6–8 terms): a long, chatty signal (call notes with names,
 * numbers and asides) is judged by whether it shares the weight of a typical short signal with the cluster, not
 * by the share of all it says.
 */
export const SCORE_MASS_CAP = 8;

/** A cluster the prefilter found for a query: its matched index rows (the query's terms it has, with its summed weight) and size. */
export interface ClusterCandidate {
  clusterId: string;
  signalCount: number;
  matched: Array<{ term: string; weight: number }>;
}

export interface CandidateScore {
  /** In [0, 1]; see the module comment. */
  score: number;
  /** The words (not concepts) the query and the cluster share, heaviest in the query first (ties by term). */
  sharedTerms: string[];
  /** The concept ids they share, sorted. */
  sharedConcepts: string[];
}

export type Assignment =
  | { kind: 'join'; clusterId: string; score: number; sharedTerms: string[]; sharedConcepts: string[] }
  | { kind: 'new'; title: string; bestScore?: number };

export interface AssignOptions {
  threshold: number;
  /** Clusters a person said this signal (or its cluster) is not the same as: never suggested. */
  notSame: ReadonlySet<string>;
}

const byTerm = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const finitePositive = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0);

/**
 * The query's terms as a map in term order, duplicates summed, non-finite or non-positive weights ignored. Sums are
 * taken in term order so a score does not depend on the order rows arrive in (floating-point addition is not
 * associative): SQL and the in-memory index give the same rows in different orders.
 */
function queryWeights(query: readonly WeightedTerm[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const { term, weight } of [...query].sort((a, b) => byTerm(a.term, b.term) || a.weight - b.weight)) {
    const w = finitePositive(weight);
    if (w > 0) weights.set(term, (weights.get(term) ?? 0) + w);
  }
  return weights;
}

/** The final similarity of a query to a candidate cluster (see the module comment). */
export function scoreCandidate(query: readonly WeightedTerm[], candidate: ClusterCandidate): CandidateScore {
  const q = queryWeights(query);
  const n = Math.max(1, Math.floor(finitePositive(candidate.signalCount)));
  const matched = new Map<string, number>();
  for (const { term, weight } of [...candidate.matched].sort((a, b) => byTerm(a.term, b.term) || a.weight - b.weight)) {
    const w = finitePositive(weight);
    if (w > 0 && q.has(term)) matched.set(term, (matched.get(term) ?? 0) + w);
  }
  let total = 0;
  for (const w of q.values()) total += w;
  let overlap = 0;
  const shared: Array<[string, number]> = [];
  for (const [term, w] of [...matched].sort((a, b) => byTerm(a[0], b[0]))) {
    const qt = q.get(term)!;
    overlap += Math.min(qt, w / n);
    shared.push([term, qt]);
  }
  shared.sort((a, b) => b[1] - a[1] || byTerm(a[0], b[0]));
  const denominator = Math.min(total, SCORE_MASS_CAP);
  const score = denominator > 0 ? Math.min(1, Math.max(0, overlap / denominator)) : 0;
  return {
    score,
    sharedTerms: shared.filter(([term]) => !isConceptTerm(term)).map(([term]) => term),
    sharedConcepts: shared
      .filter(([term]) => isConceptTerm(term))
      .map(([term]) => term.slice(CONCEPT_PREFIX.length))
      .sort(byTerm),
  };
}

/** Whether a score's shared terms are enough evidence to join: a word, and two index terms in all. */
const enoughEvidence = ({ sharedTerms, sharedConcepts }: CandidateScore): boolean =>
  sharedTerms.length >= MIN_SHARED_WORDS && sharedTerms.length + sharedConcepts.length >= MIN_SHARED_TERMS;

/**
 * Joins the best candidate (highest score, ties by cluster id) that is not in `notSame`, if it clears the
 * threshold and shares enough (see the module comment); otherwise a new cluster, titled from the query, with the
 * best score seen (if any candidate was scored) so a person can see how close it came.
 */
export function assignCluster(query: readonly WeightedTerm[], candidates: readonly ClusterCandidate[], options: AssignOptions): Assignment {
  let best: { clusterId: string; scored: CandidateScore } | undefined;
  let bestScore: number | undefined;
  for (const candidate of candidates) {
    if (options.notSame.has(candidate.clusterId)) continue;
    const scored = scoreCandidate(query, candidate);
    if (bestScore === undefined || scored.score > bestScore) bestScore = scored.score;
    if (!enoughEvidence(scored)) continue;
    if (!best || scored.score > best.scored.score || (scored.score === best.scored.score && byTerm(candidate.clusterId, best.clusterId) < 0)) {
      best = { clusterId: candidate.clusterId, scored };
    }
  }
  if (best && best.scored.score >= options.threshold) {
    return { kind: 'join', clusterId: best.clusterId, ...best.scored };
  }
  return bestScore === undefined ? { kind: 'new', title: suggestClusterTitle(query) } : { kind: 'new', title: suggestClusterTitle(query), bestScore };
}

/**
 * A short title for a cluster from its terms (a signal's, or a cluster's summed): its first concept, then its
 * three heaviest words — "export: csv, xero, journal". "untitled" when there are no terms. `words` gives the
 * word the signals wrote for a stemmed term (signal-features.ts `wordsOfTerms`): "invoices", not "invoic".
 */
export function suggestClusterTitle(terms: readonly WeightedTerm[], words: ReadonlyMap<string, string> = new Map()): string {
  const weights = queryWeights(terms);
  const sorted = [...weights].sort((a, b) => b[1] - a[1] || byTerm(a[0], b[0]));
  const shown = sorted.filter(([term]) => !isConceptTerm(term)).slice(0, 3).map(([term]) => words.get(term) ?? term);
  const concept = sorted.find(([term]) => isConceptTerm(term))?.[0].slice(CONCEPT_PREFIX.length);
  if (concept && shown.length > 0) return `${concept}: ${shown.join(', ')}`;
  if (concept) return concept;
  return shown.length > 0 ? shown.join(', ') : 'untitled';
}

/**
 * The term index in memory, for the offline command and tests: each cluster's summed terms and signal count,
 * and `candidates` with exactly the prefilter of `similarClusters` (term-repository.ts): Σ shared (cluster
 * weight × query weight) / max(signal count, 1), best first, ties by cluster id, at most `limit`. Closed clusters
 * are not candidates (SQL only returns open ones).
 */
export class InMemoryClusterIndex {
  private readonly clusters = new Map<string, { signalCount: number; terms: Map<string, number>; open: boolean }>();
  /** term → the clusters that have it (an inverted index, like `cluster_term`'s primary key). */
  private readonly postings = new Map<string, Set<string>>();

  /** Adds one signal's terms to a cluster (made if new): its signal count goes up by one, its term weights by the signal's. */
  add(clusterId: string, terms: readonly WeightedTerm[]): void {
    let cluster = this.clusters.get(clusterId);
    if (!cluster) {
      cluster = { signalCount: 0, terms: new Map(), open: true };
      this.clusters.set(clusterId, cluster);
    }
    cluster.signalCount += 1;
    for (const [term, weight] of queryWeights(terms)) {
      cluster.terms.set(term, (cluster.terms.get(term) ?? 0) + weight);
      let set = this.postings.get(term);
      if (!set) this.postings.set(term, (set = new Set()));
      set.add(clusterId);
    }
  }

  /** Closes (or reopens) a cluster: a closed one is never a candidate. */
  setOpen(clusterId: string, open: boolean): void {
    const cluster = this.clusters.get(clusterId);
    if (cluster) cluster.open = open;
  }

  /** The clusters' ids, in the order they were made. */
  clusterIds(): string[] {
    return [...this.clusters.keys()];
  }

  get size(): number {
    return this.clusters.size;
  }

  /** A cluster's summed terms (heaviest first, ties by term) and signal count; undefined for an unknown id. */
  cluster(clusterId: string): { signalCount: number; terms: WeightedTerm[] } | undefined {
    const cluster = this.clusters.get(clusterId);
    if (!cluster) return undefined;
    const terms = [...cluster.terms].map(([term, weight]) => ({ term, weight })).sort((a, b) => b.weight - a.weight || byTerm(a.term, b.term));
    return { signalCount: cluster.signalCount, terms };
  }

  /** The top `limit` open clusters by the prefilter, with their matched rows (sorted by term) and signal counts. */
  candidates(query: readonly WeightedTerm[], limit = CANDIDATE_LIMIT): ClusterCandidate[] {
    if (limit <= 0) return [];
    const q = queryWeights(query);
    const dots = new Map<string, { dot: number; matched: Array<{ term: string; weight: number }> }>();
    for (const [term, qw] of q) {
      for (const clusterId of this.postings.get(term) ?? []) {
        const cluster = this.clusters.get(clusterId)!;
        if (!cluster.open) continue;
        const weight = cluster.terms.get(term)!;
        const entry = dots.get(clusterId) ?? { dot: 0, matched: [] };
        entry.dot += weight * qw;
        entry.matched.push({ term, weight });
        dots.set(clusterId, entry);
      }
    }
    return [...dots]
      .map(([clusterId, { dot, matched }]) => {
        const signalCount = this.clusters.get(clusterId)!.signalCount;
        return { clusterId, signalCount, prefilter: dot / Math.max(signalCount, 1), matched: matched.sort((a, b) => byTerm(a.term, b.term)) };
      })
      .sort((a, b) => b.prefilter - a.prefilter || byTerm(a.clusterId, b.clusterId))
      .slice(0, limit)
      .map(({ clusterId, signalCount, matched }) => ({ clusterId, signalCount, matched }));
  }
}
