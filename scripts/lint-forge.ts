/**
 * `npm run lint:forge`: Atlassian's own checks, offline. `forge lint` needs a login, so this calls the same
 * client-side linters from `@forge/lint` directly, plus `@forge/manifest`'s FULL validation, over the real
 * manifest, src/ and the UI Kit resources' sources; then the checks Atlassian's lint misses
 * (scripts/forge-extra-lint.ts). The permission linter reads Jira's OpenAPI files from ../shared/jira-openapi
 * when that folder exists, and downloads them (as `forge lint` does) when it does not. Any error or warning
 * fails. The manifest's Custom UI resource is a build (static/build), so a missing build is made first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';
import { lint, problemCount, type LintResult } from '@forge/lint';
import { forgeExtraLint, type ExtraLintProblem } from './forge-extra-lint';
import { uiKitResources } from './uikit-resources';

const root = path.resolve(__dirname, '..');
const openapi = path.resolve(root, '../shared/jira-openapi');
/** Node 20 reached end of life on 2026-04-30; the CLI's feature-flag service lists it as deprecated. */
const DEPRECATED_RUNTIMES = ['nodejs18.x', 'nodejs20.x'];

function useLocalOpenApi(): void {
  if (!existsSync(path.join(openapi, 'jira-platform.v3.json'))) {
    console.log(`lint:forge: ${openapi} not found; the permission linter downloads Atlassian's OpenAPI files.`);
    return;
  }
  const empty = path.join(openapi, 'empty.json');
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: path.join(openapi, 'jira-platform.v3.json'),
    LOCAL_JSW_SWAGGER: path.join(openapi, 'jira-software.v3.json'),
    LOCAL_JSM_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js)$/.test(name) ? [path.relative(root, full)] : [];
  });
}

/** The manifest validator checks that resource paths exist, and `main` points at the Custom UI build. */
function ensureBuilt(): boolean {
  if (existsSync(path.join(root, 'static/build/index.html'))) return true;
  console.log('lint:forge: static/build is missing (the manifest points its `main` resource there); running `npm run build:static`.');
  const build = spawnSync('npm', ['run', 'build:static'], { cwd: root, stdio: 'inherit' });
  if (build.status === 0 && existsSync(path.join(root, 'static/build/index.html'))) return true;
  console.error('lint:forge: `npm run build:static` failed, so the manifest cannot be checked against its resources.');
  return false;
}

/** Where an extra-lint problem is: its own line, or the line of its module's `key:` in manifest.yml. */
function locate(problem: ExtraLintProblem, manifestText: string): string {
  if (problem.line !== undefined) return `${problem.file}:${problem.line}:${problem.column ?? 0}`;
  const lines = manifestText.split('\n');
  const index = problem.moduleKey ? lines.findIndex((line) => new RegExp(`^\\s*-?\\s*key:\\s*${problem.moduleKey}\\s*$`).test(line)) : -1;
  return `${problem.file}:${index + 1}:0`;
}

async function main(): Promise<number> {
  process.chdir(root);
  useLocalOpenApi();
  if (!ensureBuilt()) return 1;

  const validation = await ProcessorBuilder.instance()
    .withValidation(ValidationTypes.FULL)
    .withOptions({ deprecatedRuntimes: DEPRECATED_RUNTIMES })
    .build()
    .process(path.join(root, 'manifest.yml'));
  const manifestProblems = validation.errors ?? [];
  for (const e of manifestProblems) console.log(`manifest.yml:${e.line ?? 0}:${e.column ?? 0} ${e.level} ${e.message}`);

  // @forge/lint bundles its own copy of @forge/manifest's types; the parsed YAML is what both describe.
  const manifestText = readFileSync(path.join(root, 'manifest.yml'), 'utf8');
  const manifest = parse(manifestText) as Parameters<typeof lint>[1];
  // `forge lint` reads the app's code; here that is src/ and the UI Kit sources the manifest names.
  const filesToLint = [...sourceFiles(path.join(root, 'src')), ...uiKitResources(manifest).map((resource) => resource.source)];
  const statsig = { getDeprecatedRuntimes: async () => DEPRECATED_RUNTIMES };
  // The linters report some failures only through the logger ("Could not perform some linting actions …"):
  // those count as warnings, or a linter that silently gave up would pass.
  const loggedProblems: string[] = [];
  const logger = {
    info: (message: string) => {
      console.log(message);
      if (/could not|unhandled error|failed/i.test(message)) loggedProblems.push(message);
    },
  };
  const results: LintResult[] = await lint(
    filesToLint,
    manifest,
    'development',
    logger,
    statsig as unknown as Parameters<typeof lint>[4],
    { linter: { mode: 'client-side' } },
  );
  for (const result of results) {
    for (const rule of [...result.errors, ...result.warnings]) {
      console.log(`${path.relative(root, result.file) || result.file}:${rule.line}:${rule.column} ${rule.class} ${rule.message} (${rule.reference})`);
    }
  }
  const extraProblems = forgeExtraLint(
    manifest,
    filesToLint.map((file) => ({ path: file.split(path.sep).join('/'), text: readFileSync(path.join(root, file), 'utf8') })),
  );
  for (const problem of extraProblems) console.log(`${locate(problem, manifestText)} error ${problem.message} (upstream/${problem.rule})`);

  const counts = problemCount(results);
  const manifestErrors = manifestProblems.filter((e) => e.level === 'error').length;
  const manifestWarnings = manifestProblems.length - manifestErrors;
  const errors = counts.errors + manifestErrors + extraProblems.length;
  const warnings = counts.warnings + manifestWarnings + loggedProblems.length;
  console.log(
    `lint:forge: ${errors} errors, ${warnings} warnings (manifest FULL validation: ${validation.success ? 'passed' : 'failed'}; ` +
      `Upstream's own checks: ${extraProblems.length} problems).`,
  );
  return errors === 0 && warnings === 0 && validation.success ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('lint:forge could not run:', error);
    process.exit(2);
  },
);
