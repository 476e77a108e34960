/**
 * The checks `npm run lint:forge` adds to Atlassian's lint (scripts/forge-extra-lint.ts): each passes on the
 * real manifest and src/, and fails on a fixture that breaks it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { declaredScopes, forgeExtraLint, storageImports, type SourceFile } from '../../scripts/forge-extra-lint';

const root = path.resolve(__dirname, '../..');
const realManifest = (): Record<string, unknown> => parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as Record<string, unknown>;

function sourceFilesUnder(dir: string): SourceFile[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = `${dir}/${name}`;
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFilesUnder(relative);
    return /\.(ts|tsx|js)$/.test(name) ? [{ path: relative, text: readFileSync(path.join(root, relative), 'utf8') }] : [];
  });
}

/** The real manifest with its scopes replaced. */
function withScopes(scopes: unknown): Record<string, unknown> {
  const manifest = realManifest();
  return { ...manifest, permissions: { ...(manifest.permissions as Record<string, unknown>), scopes } };
}

const scopesOf = (manifest: Record<string, unknown>): string[] => [...declaredScopes(manifest)];

describe('lint:forge extra rules on the real app', () => {
  it('find nothing wrong with manifest.yml and src/', () => {
    expect(forgeExtraLint(realManifest(), sourceFilesUnder('src'))).toEqual([]);
  });

  it('see that src/ does use the storage packages, so the storage rule is exercised by the real code', () => {
    const importing = sourceFilesUnder('src').filter((file) => storageImports(file).length > 0);
    expect(importing.length).toBeGreaterThan(0);
  });
});

describe('storage-app-scope', () => {
  const withoutStorage = (): Record<string, unknown> => withScopes(scopesOf(realManifest()).filter((scope) => scope !== 'storage:app'));

  it('fails every src/ file that imports @forge/kvs when storage:app is missing, naming the line', () => {
    const files = sourceFilesUnder('src');
    const problems = forgeExtraLint(withoutStorage(), files);
    const imports = files.flatMap((file) => storageImports(file).map((found) => ({ file: file.path, ...found })));
    expect(problems).toHaveLength(imports.length);
    expect(new Set(problems.map((problem) => problem.rule))).toEqual(new Set(['storage-app-scope']));
    expect(problems.map((problem) => `${problem.file}:${problem.line}`).sort()).toEqual(imports.map((found) => `${found.file}:${found.line}`).sort());
    const first = problems[0]!;
    const firstLine = files.find((file) => file.path === first.file)!.text.split('\n')[first.line! - 1];
    expect(firstLine).toMatch(/@forge\/(kvs|sql)/);
    expect(first.message).toMatch(/storage:app/);
  });

  it('recognises every way of importing @forge/kvs or @forge/sql, and nothing else', () => {
    const file: SourceFile = {
      path: 'src/store/fixture.ts',
      text: [
        "import { kvs } from '@forge/kvs';", // 1
        "export { sql } from '@forge/sql';", // 2
        "const legacy = require('@forge/kvs');", // 3
        "const later = () => import('@forge/sql/out/sql');", // 4
        "import kvsAgain = require('@forge/kvs');", // 5
        "// import { kvs } from '@forge/kvs' is only a comment", // 6
        "const text = \"from '@forge/sql'\";", // 7
        "import { other } from '@forge/kvs-extra';", // 8
        "import api from '@forge/api';", // 9
      ].join('\n'),
    };
    expect(storageImports(file).map(({ packageName, line }) => `${line}:${packageName}`)).toEqual([
      '1:@forge/kvs',
      '2:@forge/sql',
      '3:@forge/kvs',
      '4:@forge/sql',
      '5:@forge/kvs',
    ]);
  });

  it('looks only at src/ (scripts and tests may use storage without the app needing the scope)', () => {
    const files: SourceFile[] = [
      { path: 'test/sandbox/storage/fixture.ts', text: "import { kvs } from '@forge/kvs';" },
      { path: 'src/store/fixture.ts', text: "import { sql } from '@forge/sql';" },
    ];
    expect(forgeExtraLint(withoutStorage(), files).map((problem) => problem.file)).toEqual(['src/store/fixture.ts']);
  });

  it('accepts storage:app in the map form of scopes, and fails the map without it', () => {
    const file: SourceFile = { path: 'src/store/fixture.ts', text: "import { kvs } from '@forge/kvs';" };
    expect(forgeExtraLint(withScopes({ 'read:jira-work': { allowImpersonation: true }, 'storage:app': {} }), [file])).toEqual([]);
    expect(forgeExtraLint(withScopes({ 'read:jira-work': { allowImpersonation: true } }), [file])).toHaveLength(1);
  });
});

describe('custom-field-view-native', () => {
  const withWorkTypeView = (view: Record<string, unknown>): Record<string, unknown> => {
    const manifest = realManifest();
    const modules = manifest.modules as Record<string, Array<Record<string, unknown>>>;
    const fields = modules['jira:customField']!.map((field) => (field.key === 'work-type' ? { ...field, view } : field));
    return { ...manifest, modules: { ...modules, 'jira:customField': fields } };
  };

  it('passes the real work-type field, whose view is UI Kit', () => {
    const field = (realManifest().modules as Record<string, Array<Record<string, unknown>>>)['jira:customField']!.find((f) => f.key === 'work-type');
    expect(field?.view).toMatchObject({ resource: 'work-type-view', render: 'native' });
    expect(forgeExtraLint(realManifest(), []).filter((problem) => problem.rule === 'custom-field-view-native')).toEqual([]);
  });

  it('fails a field whose view is a Custom UI resource (no render, or render: default)', () => {
    for (const view of [
      { resource: 'main', experience: ['issue-view'] },
      { resource: 'main', render: 'default', experience: ['issue-view'] },
    ]) {
      const problems = forgeExtraLint(withWorkTypeView(view), []);
      expect(problems).toEqual([expect.objectContaining({ rule: 'custom-field-view-native', file: 'manifest.yml', moduleKey: 'work-type' })]);
      expect(problems[0]!.message).toMatch(/render: native/);
    }
  });

  it('passes a field that shows only its formatter (no view resource)', () => {
    expect(forgeExtraLint(withWorkTypeView({ formatter: { expression: 'value' }, experience: ['issue-view'] }), [])).toEqual([]);
  });

  it('applies to jira:customFieldType too', () => {
    const manifest = {
      modules: { 'jira:customFieldType': [{ key: 'risk-type', view: { resource: 'main' } }] },
      permissions: { scopes: ['storage:app'] },
    };
    expect(forgeExtraLint(manifest, []).map((problem) => problem.moduleKey)).toEqual(['risk-type']);
  });
});
