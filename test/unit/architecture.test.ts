/**
 * The layering rules of DESIGN.md, checked with dependency-cruiser over the real tree, and once over a small
 * tree built to break them, so the check is known to be able to fail.
 */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(__dirname, '../..');
const depcruise = path.join(root, 'node_modules/.bin/depcruise');
const configFile = path.join(root, '.dependency-cruiser.js');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** dependency-cruiser is ESM-only, so it runs as its CLI with JSON output rather than inside Jest. */
function violationsIn(baseDir: string, entries: string[]): Violation[] {
  const run = spawnSync(depcruise, [...entries, '--config', configFile, '--output-type', 'json'], {
    cwd: baseDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`depcruise produced no output: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

describe('dependency rules', () => {
  it('src/ and static/src/ keep the layering DESIGN.md describes', () => {
    const violations = violationsIn(root, ['src', 'static/src']);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  /**
   * A small tree with one import that breaks each rule, and nothing else wrong: every rule must report exactly
   * its own file, so a rule that can no longer fail (a typo in a path, a rule shadowed by another) shows here.
   */
  it('reports each broken arrow with its own rule', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'upstream-arch-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    try {
      write('tsconfig.json', '{}\n');
      for (const pkg of ['@forge/api', '@forge/kvs', '@forge/resolver', 'zod']) {
        write(`node_modules/${pkg}/package.json`, JSON.stringify({ name: pkg, main: 'index.js' }));
        write(`node_modules/${pkg}/index.js`, 'module.exports = {};\n');
      }
      // Legitimate modules the broken ones import.
      write('src/domain/rule.ts', 'export const rule = 1;\n');
      write('src/contract/envelope.ts', "import { rule } from '../domain/rule';\nexport const envelope = rule;\n");
      write('src/contract/panel.ts', 'export const panel = 1;\n');
      write('src/services/load.ts', 'export const load = 1;\n');
      write('src/store/repo.ts', "import '@forge/kvs';\nexport const repo = 1;\n");
      write('src/jira/client.ts', "import '@forge/api';\nexport const client = 1;\n");
      write('src/resolvers/ok.ts', "import { load } from '../services/load';\nexport const ok = load;\n");
      write('test/fixture.ts', 'export const fixture = 2;\n');
      // One violation per rule.
      const broken: Record<string, [string, string]> = {
        'domain-is-pure': ['src/domain/impure.ts', "import { load } from '../services/load';\nexport const impure = load;\n"],
        'contract-imports-only-zod-and-domain': ['src/contract/bad.ts', "import { load } from '../services/load';\nexport const bad = load;\n"],
        'errors-is-a-leaf': ['src/errors.ts', "import { panel } from './contract/panel';\nexport const errors = panel;\n"],
        'jira-knows-only-domain-and-errors': ['src/jira/bad.ts', "import { panel } from '../contract/panel';\nexport const bad = panel;\n"],
        'store-knows-only-domain-and-errors': ['src/store/bad.ts', "import { client } from '../jira/client';\nexport const bad = client;\n"],
        'resolvers-are-thin': ['src/resolvers/bad.ts', "import { repo } from '../store/repo';\nexport const bad = repo;\n"],
        'services-do-not-reach-up': ['src/services/bad.ts', "import { ok } from '../resolvers/ok';\nexport const bad = ok;\n"],
        'handlers-go-through-services': ['src/triggers/bad.ts', "import { client } from '../jira/client';\nexport const bad = client;\n"],
        'index-only-wires': ['src/index.ts', "import { load } from './services/load';\nexport const handler = load;\n"],
        'forge-api-only-in-jira': ['src/services/calls-jira.ts', "import { asApp } from '@forge/api';\nexport const callsJira = asApp;\n"],
        'forge-storage-only-in-store': ['src/services/stores.ts', "import { kvs } from '@forge/kvs';\nexport const stores = kvs;\n"],
        'src-does-not-import-tests': ['src/services/uses-test.ts', "import { fixture } from '../../test/fixture';\nexport const usesTest = fixture;\n"],
        'static-reaches-src-only-through-contract': ['static/src/bad.ts', "import { load } from '../../src/services/load';\nexport const bad = load;\n"],
        'no-circular': ['src/services/cycle-a.ts', "import { b } from './cycle-b';\nexport const a = () => b;\n"],
      };
      write('src/services/cycle-b.ts', "import { a } from './cycle-a';\nexport const b = () => a;\n");
      for (const [file, text] of Object.values(broken)) write(file, text);

      const violations = violationsIn(dir, ['src', 'static/src']);
      const rulesReported = [...new Set(violations.map((v) => v.rule.name))].sort();
      expect(rulesReported).toEqual(Object.keys(broken).sort());
      for (const [rule, [file]] of Object.entries(broken)) {
        const fromFiles = violations.filter((v) => v.rule.name === rule).map((v) => v.from);
        expect({ rule, fromFiles }).toEqual({ rule, fromFiles: expect.arrayContaining([file]) });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
