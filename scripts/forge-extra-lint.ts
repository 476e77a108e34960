/**
 * Checks `@forge/lint` does not make, run by `npm run lint:forge` beside it (test/unit/forge-extra-lint.test.ts
 * proves each can fail):
 *
 * - `storage-app-scope`: code under src/ that imports `@forge/kvs` or `@forge/sql` needs the `storage:app` scope.
 *   `@forge/lint` 6.1 only recognises the retired `storage` export of `@forge/api`, so an app on the current
 *   packages passes its lint and fails at runtime, on the first storage call, without the scope.
 * - `custom-field-view-native`: a `jira:customField` (or `jira:customFieldType`) whose `view` names a
 *   `resource` must render it with UI Kit (`render: native`). Jira does not render a Custom UI view resource for
 *   a field, and the manifest validator accepts one anyway: the field would show only its formatter, or nothing.
 */
import ts from 'typescript';

export interface SourceFile {
  /** Relative to the repository root, with `/` separators (`src/store/kvs.ts`). */
  path: string;
  text: string;
}

export type ExtraLintRule = 'storage-app-scope' | 'custom-field-view-native';

export interface ExtraLintProblem {
  rule: ExtraLintRule;
  /** The file to fix: a source file, or `manifest.yml`. */
  file: string;
  /** 1-based, where known; for manifest problems, `moduleKey` says where instead. */
  line?: number;
  column?: number;
  moduleKey?: string;
  message: string;
}

const STORAGE_PACKAGES = ['@forge/kvs', '@forge/sql'] as const;
const STORAGE_SCOPE = 'storage:app';
const FIELD_MODULE_TYPES = ['jira:customField', 'jira:customFieldType'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The manifest's scopes, in either form Forge accepts: a list of names, or a map of name → options. */
export function declaredScopes(manifest: unknown): Set<string> {
  const permissions = isRecord(manifest) && isRecord(manifest.permissions) ? manifest.permissions : {};
  const scopes = permissions.scopes;
  if (Array.isArray(scopes)) {
    return new Set(scopes.flatMap((scope: unknown) => (typeof scope === 'string' ? [scope] : isRecord(scope) ? Object.keys(scope) : [])));
  }
  return new Set(isRecord(scopes) ? Object.keys(scopes) : []);
}

const storagePackageOf = (specifier: string): string | undefined =>
  STORAGE_PACKAGES.find((name) => specifier === name || specifier.startsWith(`${name}/`));

/**
 * Every `import … from`, `export … from`, `import()`, `require()` and `import x = require()` of a storage
 * package, found by TypeScript's own import scanner (so a mention in a comment or string does not count).
 */
export function storageImports(file: SourceFile): Array<{ packageName: string; line: number; column: number }> {
  const scanned = ts.preProcessFile(file.text, true, true);
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false);
  return scanned.importedFiles.flatMap((imported) => {
    const packageName = storagePackageOf(imported.fileName);
    if (!packageName) return [];
    const { line, character } = source.getLineAndCharacterOfPosition(imported.pos);
    return [{ packageName, line: line + 1, column: character + 1 }];
  });
}

function storageScopeProblems(manifest: unknown, files: readonly SourceFile[]): ExtraLintProblem[] {
  if (declaredScopes(manifest).has(STORAGE_SCOPE)) return [];
  return files
    .filter((file) => file.path.replace(/\\/g, '/').startsWith('src/'))
    .flatMap((file) =>
      storageImports(file).map(({ packageName, line, column }) => ({
        rule: 'storage-app-scope' as const,
        file: file.path,
        line,
        column,
        message: `imports ${packageName}, which needs the ${STORAGE_SCOPE} scope; add it to permissions.scopes in manifest.yml`,
      })),
    );
}

function customFieldViewProblems(manifest: unknown): ExtraLintProblem[] {
  const modules = isRecord(manifest) && isRecord(manifest.modules) ? manifest.modules : {};
  return FIELD_MODULE_TYPES.flatMap((moduleType) => {
    const entries = modules[moduleType];
    if (!Array.isArray(entries)) return [];
    return entries.filter(isRecord).flatMap((entry): ExtraLintProblem[] => {
      const view = entry.view;
      if (!isRecord(view) || typeof view.resource !== 'string' || view.render === 'native') return [];
      const moduleKey = typeof entry.key === 'string' ? entry.key : '(no key)';
      return [
        {
          rule: 'custom-field-view-native',
          file: 'manifest.yml',
          moduleKey,
          message:
            `${moduleType} "${moduleKey}": view.resource "${view.resource}" is not render: native. Jira renders a field's view only ` +
            'with UI Kit or the formatter, never a Custom UI resource; write the view with @forge/react and set view.render: native.',
        },
      ];
    });
  });
}

export function forgeExtraLint(manifest: unknown, files: readonly SourceFile[]): ExtraLintProblem[] {
  return [...storageScopeProblems(manifest, files), ...customFieldViewProblems(manifest)];
}
