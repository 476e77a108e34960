/**
 * `npm run signals -- cluster FILE [--concepts FILE] [--threshold N]`
 *   Clusters and categorises the signals in FILE (a JSON array of { id, text, customer, arr }, or a CSV with those
 *   columns) with exactly the code intake runs: in file order, each signal's `signalFeatures` →
 *   `InMemoryClusterIndex.candidates` (the SQL prefilter's formula) → `assignCluster` → added to its cluster;
 *   `suggestCategory` for its category. Prints one JSON line per signal: { id, cluster, category, reasons }.
 *
 * `npm run signals -- eval FILE... [--confusion] [--concepts FILE] [--threshold N]`
 *   The same on labelled files (extra fields `cluster` and `category`), each file clustered on its own (one file
 *   is one product), then pairwise and B-cubed precision/recall/F1 and category accuracy per file and over all
 *   files (scripts/signals/metrics.ts); with --confusion, each category confusion matrix too.
 *
 * FILE may be `@seed`: the sandbox's seeded signals, labelled with the seed's themes and categories.
 * The concept list is DEFAULT_CONCEPTS unless --concepts names a JSON file that conceptListSchema accepts.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import { suggestCategory } from '../src/domain/category';
import { assignCluster, CANDIDATE_LIMIT, DEFAULT_JOIN_THRESHOLD, InMemoryClusterIndex, suggestClusterTitle } from '../src/domain/clustering';
import { DEFAULT_CONCEPTS, validateConceptList, type ConceptList } from '../src/domain/concepts';
import { signalFeatures, wordsOfTerms } from '../src/domain/signal-features';
import { evaluate, type Assignment, type ClusterEvaluation } from './signals/metrics';

export interface SignalInput {
  id: string;
  text: string;
  customer?: string;
  arr?: number;
}

export interface ClusteredSignal {
  id: string;
  cluster: string;
  category: string;
  reasons: {
    cluster:
      | { kind: 'join'; score: number; sharedTerms: string[]; sharedConcepts: string[] }
      | { kind: 'new'; title: string; bestScore?: number };
    category: { words: string[]; confidence: number };
  };
}

const inputSchema = z.object({
  id: z.coerce.string().min(1),
  text: z.coerce.string(),
  customer: z.coerce.string().optional(),
  arr: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().optional()),
  cluster: z.coerce.string().optional(),
  category: z.coerce.string().optional(),
});
type Row = z.infer<typeof inputSchema>;

/**
 * The concept list as a zod schema (for --concepts here; the settings store and the settings page's contract
 * can take it as it is): the domain's own check, issues kept with their paths.
 */
export const conceptListSchema = z.unknown().transform((value, ctx): ConceptList => {
  const result = validateConceptList(value);
  if (result.ok) return result.list;
  for (const issue of result.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
});

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Clusters and categorises signals in order, as intake would one by one. Pure but for the index it builds. */
export function clusterSignals(signals: readonly SignalInput[], concepts: ConceptList = DEFAULT_CONCEPTS, threshold = DEFAULT_JOIN_THRESHOLD): ClusteredSignal[] {
  const index = new InMemoryClusterIndex();
  const notSame: ReadonlySet<string> = new Set();
  return signals.map((signal) => {
    const { terms } = signalFeatures(signal.text, concepts, signal.customer);
    const assignment = assignCluster(terms, index.candidates(terms, CANDIDATE_LIMIT), { threshold, notSame });
    const cluster = assignment.kind === 'join' ? assignment.clusterId : `c${index.size + 1}`;
    index.add(cluster, terms);
    const category = suggestCategory(signal.text);
    return {
      id: signal.id,
      cluster,
      category: category.category,
      reasons: {
        cluster:
          assignment.kind === 'join'
            ? { kind: 'join', score: round(assignment.score), sharedTerms: assignment.sharedTerms, sharedConcepts: assignment.sharedConcepts }
            : assignment.bestScore === undefined
              ? { kind: 'new', title: suggestClusterTitle(terms, wordsOfTerms([signal.text])) }
              : { kind: 'new', title: suggestClusterTitle(terms, wordsOfTerms([signal.text])), bestScore: round(assignment.bestScore) },
        category: { words: category.words, confidence: category.confidence },
      },
    };
  });
}

/** A minimal RFC 4180 reader (quotes, doubled quotes, CRLF), used when papaparse is not installed. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const nonEmpty = rows.filter((r) => r.some((f) => f.trim() !== ''));
  const [header, ...body] = nonEmpty;
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return body.map((r) => Object.fromEntries(names.map((name, k) => [name, r[k] ?? ''])));
}

async function readCsv(text: string): Promise<unknown[]> {
  try {
    const moduleName = 'papaparse';
    const papa = (await import(moduleName)) as { default?: { parse: Function }; parse?: Function };
    const parse = (papa.parse ?? papa.default?.parse) as (t: string, o: object) => { data: unknown[] };
    return parse(text, { header: true, skipEmptyLines: true, transformHeader: (h: string) => h.trim() }).data;
  } catch {
    return parseCsv(text);
  }
}

/** `@seed` names the sandbox's seeded signals, labelled with the seed's own theme and category. */
export const SEED_FILE = '@seed';

async function seedRows(): Promise<Row[]> {
  const { SEED_SIGNALS } = await import('../test/sandbox/seed/signals');
  return SEED_SIGNALS.map((s) => ({ id: s.externalId, text: s.text, customer: s.customerId, cluster: s.theme, category: s.category }));
}

export async function readSignalFile(path: string): Promise<Row[]> {
  if (path === SEED_FILE) return seedRows();
  const text = readFileSync(path, 'utf8');
  const raw: unknown = extname(path).toLowerCase() === '.csv' ? await readCsv(text) : JSON.parse(text);
  const rows = z.array(z.unknown()).parse(raw);
  return rows.map((row, i) => {
    const parsed = inputSchema.safeParse(row);
    if (!parsed.success) throw new Error(`${path}: row ${i + 1} is not { id, text, customer, arr }: ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data;
  });
}

function readConcepts(path: string | undefined): ConceptList {
  if (!path) return DEFAULT_CONCEPTS;
  return conceptListSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const fmt = (n: number): string => n.toFixed(3);

/**
 * The category confusion matrix as lines (rows: the label, columns: the suggestion), each row with its recall:
 * where the category cues go wrong, which accuracy alone hides.
 */
export function confusionLines(e: ClusterEvaluation): string[] {
  const { labels, confusion, perCategory } = e.category;
  const width = Math.max(10, ...labels.map((l) => l.length)) + 1;
  const header = `  ${'label \\ suggested'.padEnd(width + 8)}${labels.map((l) => l.padStart(width)).join('')}  recall`;
  const rows = labels.map((gold) => {
    const cells = labels.map((predicted) => String(confusion[gold]?.[predicted] ?? 0).padStart(width)).join('');
    return `  ${gold.padEnd(width + 8)}${cells}  ${fmt(perCategory[gold]?.recall ?? 0)}`;
  });
  return [header, ...rows];
}

function summary(name: string, e: ClusterEvaluation): string {
  return [
    `${name}: ${e.items} signals, ${e.predictedClusters} clusters (labelled ${e.goldClusters})`,
    `  pairwise  P ${fmt(e.pairwise.precision)}  R ${fmt(e.pairwise.recall)}  F1 ${fmt(e.pairwise.f1)}  (${e.pairwise.truePositivePairs} of ${e.pairwise.predictedPairs} predicted pairs right, ${e.pairwise.goldPairs} labelled pairs)`,
    `  B-cubed   P ${fmt(e.bcubed.precision)}  R ${fmt(e.bcubed.recall)}  F1 ${fmt(e.bcubed.f1)}`,
    `  category  accuracy ${fmt(e.category.accuracy)} (${e.category.correct}/${e.category.total})`,
  ].join('\n');
}

export async function main(argv: readonly string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const args = [...argv];
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = args[at + 1];
    if (value === undefined) throw new Error(`${name} needs a value`);
    args.splice(at, 2);
    return value;
  };
  const flag = (name: string): boolean => {
    const at = args.indexOf(name);
    if (at >= 0) args.splice(at, 1);
    return at >= 0;
  };
  const showConfusion = flag('--confusion');
  const concepts = readConcepts(option('--concepts'));
  const thresholdText = option('--threshold');
  const threshold = thresholdText === undefined ? DEFAULT_JOIN_THRESHOLD : Number(thresholdText);
  if (!Number.isFinite(threshold)) throw new Error(`--threshold ${thresholdText} is not a number`);
  const [command, ...files] = args;

  if (command === 'cluster' && files.length === 1) {
    const rows = await readSignalFile(files[0]!);
    for (const line of clusterSignals(rows, concepts, threshold)) out(JSON.stringify(line));
    return 0;
  }
  if (command === 'eval' && files.length >= 1) {
    const allPredicted: Assignment[] = [];
    const allLabels: Assignment[] = [];
    for (const [k, file] of files.entries()) {
      const rows = await readSignalFile(file);
      const missing = rows.find((r) => r.cluster === undefined || r.category === undefined);
      if (missing) throw new Error(`${file}: signal ${missing.id} has no cluster or category label`);
      const predicted = clusterSignals(rows, concepts, threshold).map((p) => ({ id: p.id, cluster: p.cluster, category: p.category }));
      const labels = rows.map((r) => ({ id: r.id, cluster: r.cluster!, category: r.category! }));
      const evaluation = evaluate(predicted, labels);
      out(summary(file, evaluation));
      if (showConfusion) for (const line of confusionLines(evaluation)) out(line);
      // Over all files: ids and clusters are namespaced by file, so products never mix.
      allPredicted.push(...predicted.map((p) => ({ ...p, id: `${k}/${p.id}`, cluster: `${k}/${p.cluster}` })));
      allLabels.push(...labels.map((l) => ({ ...l, id: `${k}/${l.id}`, cluster: `${k}/${l.cluster}` })));
    }
    if (files.length > 1) {
      const overall = evaluate(allPredicted, allLabels);
      out(summary('all files', overall));
      if (showConfusion) for (const line of confusionLines(overall)) out(line);
    }
    return 0;
  }
  process.stderr.write('usage: npm run signals -- cluster FILE | eval FILE... [--confusion] [--concepts FILE] [--threshold N]\n');
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
