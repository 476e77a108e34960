/** When the OpenAPI contract suite runs, skips with a notice, or fails: it may skip on a laptop, never in CI. */
import path from 'node:path';
import { SPEC_FILES, isCi, planContractSuite } from '../contract/spec-availability';

const specDir = '/work/shared/jira-openapi';
const present = (files: readonly string[]) => (file: string): boolean => files.some((name) => file === path.join(specDir, name));

describe('planContractSuite', () => {
  test('runs when both specs are there, in CI or not', () => {
    for (const env of [{}, { CI: 'true' }]) {
      expect(planContractSuite({ specDir, env, exists: present(SPEC_FILES) })).toEqual({ kind: 'run' });
    }
  });

  test('skips with a reason naming the missing spec when not in CI', () => {
    const plan = planContractSuite({ specDir, env: {}, exists: present(['jira-platform.v3.json']) });
    expect(plan.kind).toBe('skip');
    expect(plan.kind !== 'run' && plan.reason).toContain('jira-software.v3.json is not in /work/shared/jira-openapi');
  });

  test('fails under CI=true when the specs are missing', () => {
    const plan = planContractSuite({ specDir, env: { CI: 'true' }, exists: present([]) });
    expect(plan.kind).toBe('fail');
    expect(plan.kind !== 'run' && plan.reason).toContain('jira-platform.v3.json and jira-software.v3.json are not in');
  });

  test('asks exactly for the two spec files, inside the spec folder', () => {
    const asked: string[] = [];
    planContractSuite({ specDir, env: {}, exists: (file) => (asked.push(file), true) });
    expect(asked).toEqual(SPEC_FILES.map((file) => path.join(specDir, file)));
  });
});

describe('isCi', () => {
  test.each([
    ['true', true],
    ['1', true],
    ['TRUE', true],
    ['false', false],
    ['0', false],
    ['', false],
  ])('CI=%p → %p', (value, expected) => {
    expect(isCi({ CI: value })).toBe(expected);
  });

  test('no CI variable is not CI', () => {
    expect(isCi({})).toBe(false);
  });
});
