/**
 * `npm run signals -- cluster FILE` (scripts/signals.ts) on the seeded Northwind Ledger signals
 * (test/sandbox/seed/signals.ts), as JSON and as CSV: one JSON line per signal, in file order, each with its
 * cluster, category and reasons; and `eval` on the same signals with the seed's own labels (theme, category).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { SIGNAL_CATEGORIES } from '../../src/domain/signals';
import { main, parseCsv } from '../../scripts/signals';
import { seedCustomers } from '../sandbox/seed/customers';
import { SEED_SIGNALS } from '../sandbox/seed/signals';

function seededSignals(): Array<{ id: string; text: string; customer: string; arr: number; cluster: string; category: string }> {
  const customers = new Map(seedCustomers().map((c) => [c.id, c]));
  return SEED_SIGNALS.map((s) => ({
    id: s.externalId,
    text: s.text,
    customer: customers.get(s.customerId)?.name ?? s.customerId,
    arr: customers.get(s.customerId)?.arr ?? 0,
    cluster: s.theme,
    category: s.category,
  }));
}

const lineSchema = z
  .object({
    id: z.string(),
    cluster: z.string().regex(/^c\d+$/),
    category: z.enum(SIGNAL_CATEGORIES),
    reasons: z
      .object({
        cluster: z.union([
          z
            .object({ kind: z.literal('join'), score: z.number().min(0).max(1), sharedTerms: z.array(z.string()).min(1), sharedConcepts: z.array(z.string()) })
            .strict()
            .refine((join) => join.sharedTerms.length + join.sharedConcepts.length >= 2, 'a join shares a word and at least one more term'),
          z.object({ kind: z.literal('new'), title: z.string().min(1), bestScore: z.number().min(0).max(1).optional() }).strict(),
        ]),
        category: z.object({ words: z.array(z.string()), confidence: z.number().min(0).max(1) }).strict(),
      })
      .strict(),
  })
  .strict();

describe('npm run signals -- cluster', () => {
  const signals = seededSignals();
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'signals-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (args: string[]): Promise<string[]> => {
    const lines: string[] = [];
    expect(await main(args, (line) => lines.push(line))).toBe(0);
    return lines;
  };


  it('prints one well-formed line per signal, in file order; a join names a cluster made before it', async () => {
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify(signals.map(({ id, text, customer, arr }) => ({ id, text, customer, arr }))));
    const lines = (await run(['cluster', file])).map((line) => lineSchema.parse(JSON.parse(line)));
    expect(lines.map((l) => l.id)).toEqual(signals.map((s) => s.id));
    const made = new Set<string>();
    for (const line of lines) {
      if (line.reasons.cluster.kind === 'join') expect(made.has(line.cluster)).toBe(true);
      else {
        expect(made.has(line.cluster)).toBe(false);
        made.add(line.cluster);
      }
      // A category with no words behind it is a guess, said with low confidence.
      if (line.reasons.category.words.length === 0) expect(line.reasons.category.confidence).toBeLessThanOrEqual(0.5);
    }
    // The seed has about 50 needs among its signals: the engine must not lump them into a few clusters.
    expect(made.size).toBeGreaterThanOrEqual(new Set(signals.map((s) => s.cluster)).size);
  });

  it('evaluates against the seed’s labels: precision first', async () => {
    const file = join(dir, 'labelled.json');
    writeFileSync(file, JSON.stringify(signals));
    const text = (await run(['eval', file])).join('\n');
    const number = (re: RegExp) => Number(re.exec(text)?.[1]);
    expect(number(/B-cubed\s+P ([\d.]+)/)).toBeGreaterThanOrEqual(0.9);
    expect(number(/category\s+accuracy ([\d.]+)/)).toBeGreaterThanOrEqual(0.8);
  });

  it('with --confusion, prints each category confusion matrix: its cells add up to the signals, its diagonal to the correct ones', async () => {
    const file = join(dir, 'labelled.json');
    writeFileSync(file, JSON.stringify(signals));
    const lines = await run(['eval', file, '--confusion']);
    const header = lines.findIndex((line) => line.includes('label \\ suggested'));
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 1, header + 1 + SIGNAL_CATEGORIES.length).map((line) => line.trim().split(/\s+/));
    expect(rows.map((row) => row[0])).toEqual(['request', 'pain-point', 'confusion', 'bug', 'other']);
    const cells = rows.map((row) => row.slice(1, 1 + SIGNAL_CATEGORIES.length).map(Number));
    expect(cells.flat().reduce((a, b) => a + b, 0)).toBe(signals.length);
    const correct = Number(/category\s+accuracy [\d.]+ \((\d+)\//.exec(lines.join('\n'))?.[1]);
    expect(cells.reduce((sum, row, i) => sum + row[i]!, 0)).toBe(correct);
    // Without the flag, no matrix.
    expect((await run(['eval', file])).some((line) => line.includes('label \\ suggested'))).toBe(false);
  });

  it('gives the same lines for the same signals as CSV (quotes, commas, doubled quotes)', async () => {
    const csvFile = join(dir, 'seed.csv');
    const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
    writeFileSync(csvFile, ['id,text,customer,arr', ...signals.map((s) => [s.id, s.text, s.customer, s.arr].map(quote).join(','))].join('\r\n'));
    const jsonFile = join(dir, 'seed.json');
    writeFileSync(jsonFile, JSON.stringify(signals.map(({ id, text, customer, arr }) => ({ id, text, customer, arr }))));
    expect(await run(['cluster', csvFile])).toEqual(await run(['cluster', jsonFile]));
    expect(parseCsv('id,text\n1,"a ""b"", c"\n')).toEqual([{ id: '1', text: 'a "b", c' }]);
  });

  it('runs as a command (tsx), as npm run signals does', () => {
    const file = join(dir, 'first3.json');
    writeFileSync(file, JSON.stringify(signals.slice(0, 3)));
    const out = execFileSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '../../scripts/signals.ts'), 'cluster', file], { encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) lineSchema.parse(JSON.parse(line));
  });
});
