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

  it('reports a domain file that imports a service, and src importing test/', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'upstream-arch-'));
    try {
      mkdirSync(path.join(dir, 'src/domain'), { recursive: true });
      mkdirSync(path.join(dir, 'src/services'), { recursive: true });
      mkdirSync(path.join(dir, 'test'), { recursive: true });
      writeFileSync(path.join(dir, 'src/services/load.ts'), 'export const load = 1;\n');
      writeFileSync(path.join(dir, 'test/fixture.ts'), 'export const fixture = 2;\n');
      writeFileSync(path.join(dir, 'src/domain/rule.ts'), "import { load } from '../services/load';\nexport const rule = load;\n");
      writeFileSync(path.join(dir, 'src/services/uses-test.ts'), "import { fixture } from '../../test/fixture';\nexport const usesTest = fixture;\n");
      writeFileSync(path.join(dir, 'tsconfig.json'), '{}\n');
      const names = violationsIn(dir, ['src']).map((v) => v.rule.name).sort();
      expect(names).toEqual(['domain-is-pure', 'src-does-not-import-tests']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
