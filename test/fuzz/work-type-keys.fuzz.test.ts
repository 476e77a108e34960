/** Fuzz: the work-type and settings.rules keys (see resolver-fuzz.ts for what is generated and checked). */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { retryPolicy } from '../../src/jira/client';
import { DEFAULT_SUGGESTION_RULES } from '../../src/domain/suggestion-rules';
import { fuzzKey } from './resolver-fuzz';

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = new Sandbox({ today: new Date('2026-11-26T10:00:00Z') });
  retryPolicy.sleep = async () => undefined;
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterAll(() => sandbox.close());

/** The admin too: settings keys accept only a Jira admin, and every key must see some inputs accepted. */
const people = [SEED_USERS.engineer, SEED_USERS.restricted, SEED_USERS.sales, SEED_USERS.admin];

it.each([
  ['workType.set', [{ issueKey: 'PAY-3', workType: 'Innovative' }, { issueKey: 'OPS-4', workType: null, acceptedSuggestion: true }]],
  ['workType.setMany', [{ assignments: [{ issueKey: 'PAY-3', workType: 'Enabling' }, { issueKey: 'INV-5', workType: 'Corrective' }] }]],
  ['triage.unclassified', [{ projectKey: 'INV', pageSize: 5 }, { projectKey: 'OPS' }]],
  ['settings.rules.get', [{}]],
  ['settings.rules.save', [{ rules: DEFAULT_SUGGESTION_RULES }, { rules: { issueTypes: {}, labels: {}, keywords: {} } }]],
] as const)('%s: 10,000 payloads, always an envelope, never internal, rejected inputs write nothing', async (key, valid) => {
  const { rejected, accepted } = await fuzzKey(sandbox, key, valid as unknown as Record<string, unknown>[], people, 'triage-queue');
  // Both halves must happen: a key that refused every input (a caller who may never use it, a sample the contract
  // no longer accepts) would pass every other check here while fuzzing nothing past the input parse.
  expect(accepted).toBeGreaterThan(0);
  expect(rejected).toBeGreaterThan(0);
}, 120_000);
