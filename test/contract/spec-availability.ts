/**
 * Whether the contract suite can run. Atlassian's OpenAPI specs live beside the repository
 * (`../shared/jira-openapi`), not in it: on a laptop without that folder the suite skips with a notice, but CI
 * always has it, so there a missing spec means a broken checkout and must fail the run rather than pass
 * silently with the suite skipped.
 */
import path from 'node:path';

export const SPEC_FILES = ['jira-platform.v3.json', 'jira-software.v3.json'] as const;

export type ContractSuitePlan =
  | { kind: 'run' }
  | { kind: 'skip'; reason: string }
  | { kind: 'fail'; reason: string };

/**
 * CI services set `CI` (GitHub Actions, GitLab, CircleCI … set `CI=true`); `CI=false` or `CI=0` is someone
 * turning it off by hand, as tools like create-react-app honour too.
 */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

export function planContractSuite(options: {
  specDir: string;
  env: Readonly<Record<string, string | undefined>>;
  exists: (file: string) => boolean;
}): ContractSuitePlan {
  const missing = SPEC_FILES.filter((file) => !options.exists(path.join(options.specDir, file)));
  if (missing.length === 0) return { kind: 'run' };
  const where = `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not in ${options.specDir}`;
  if (isCi(options.env)) {
    return { kind: 'fail', reason: `the Jira OpenAPI specs are missing under CI: ${where}. CI always checks out ../shared beside the repository.` };
  }
  return { kind: 'skip', reason: `${where} (they live in ../shared/jira-openapi beside the repository)` };
}
