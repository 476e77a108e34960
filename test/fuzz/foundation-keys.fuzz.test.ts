/** Fuzz: the foundation keys (viewer, workType.get, triage.overview, sprintShape.boards, settings). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { retryPolicy } from '../../src/jira/client';
import { RESOLVER_KEYS } from '../../src/contract';
import { fuzzKey } from './resolver-fuzz';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = new Sandbox({ today: new Date('2026-11-26T10:00:00Z') });
  retryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());

/** The admin too: settings keys accept only a Jira admin, and every key must see some inputs accepted. */
const people = [SEED_USERS.engineer, SEED_USERS.restricted, SEED_USERS.sales, SEED_USERS.admin];

const FOUNDATION = [
  ['viewer.get', [{}]],
  ['workType.get', [{ issueKey: 'PAY-3' }, { issueKey: 'INV-9' }]],
  ['triage.overview', [{ projectKey: 'PAY' }, { projectKey: 'OPS' }]],
  ['sprintShape.boards', [{}, { nameContains: 'Pay' }]],
  ['settings.overview', [{}]],
  ['settings.rotateIntakeSecret', [{}]],
  ['settings.channels.setSecret', [{ channel: 'slack', secret: 'slack-signing-secret-8f2a' }, { channel: 'zendesk', secret: 'zendesk-webhook-secret-77c1' }]],
  ['settings.channels.setSalesforceOrg', [{ organizationId: '00D5g000004XyZaEAK' }, { organizationId: '00D5g000004XyZa' }]],
  // The sandbox's Slack accepts its own bot token and refuses the other (checked with Slack before anything is stored).
  ['settings.slack.save', [{ token: SANDBOX_SLACK_BOT_TOKEN }, { token: 'xoxb-1111111111-9999999999-notAToken' }]],
  // My signals, pipeline health and triage settings: a valid input each, for the keys whose `{}` is not one.
  ['triage.health', [{ projectKey: 'PAY', months: 3 }, { projectKey: 'INV' }]],
  ['settings.triage.save', [{ triagers: { kind: 'project-admins' }, parking: { newSignals: 3, addedArr: 50_000 } }, { triagers: { kind: 'project-role', roleId: 10002, projectKey: 'PAY' }, parking: { newSignals: 0, addedArr: 0 } }]],
] as const;

/** Fuzzed with tailored samples in work-type-keys and origin-keys. */
const ELSEWHERE = new Set<string>([
  'workType.set', 'workType.setMany', 'triage.unclassified', 'settings.rules.get', 'settings.rules.save',
  'panel.context', 'origin.link', 'origin.unlink', 'origin.markNone', 'origin.candidates',
]);
/** Fuzzed with tailored samples in sprint-shape-keys. */
const SPRINT_SHAPE_KEYS = new Set<string>([
  'sprintShape.sprints', 'sprintShape.checkConfig', 'sprintShape.get', 'sprintShape.trend', 'settings.targetMix.get', 'settings.targetMix.save',
]);
/**
 * Keys added to the contract by other features (sprint shape …) are fuzzed here too, from `{}` and arbitrary
 * JSON, so that no key escapes the fuzz as the contract grows; their owners can give them tailored samples.
 */
const FOUNDATION_KEYS = new Set<string>(FOUNDATION.map(([k]) => k));
/** Namespaces fuzzed with tailored samples in a file of their own (checked below: the file exists and names each key). */
const OWN_FUZZ_FILES: Readonly<Record<string, string>> = {
  'signals.': 'signals-keys.fuzz.test.ts',
  'settings.concepts.': 'settings-concepts.fuzz.test.ts',
  'settings.roles.': 'settings-roles.fuzz.test.ts',
  'discovery.': 'discovery-keys.fuzz.test.ts',
  'walkthrough.': 'walkthrough-keys.fuzz.test.ts',
};
const ownFuzzFile = (key: string): string | undefined => Object.entries(OWN_FUZZ_FILES).find(([prefix]) => key.startsWith(prefix))?.[1];
const hasOwnFuzzFile = (key: string): boolean => ownFuzzFile(key) !== undefined;

it('each key left to a fuzz file of its own is named in that file', () => {
  const missing = RESOLVER_KEYS.filter(hasOwnFuzzFile).filter((key) => {
    const file = join(__dirname, ownFuzzFile(key) ?? '');
    return !existsSync(file) || !readFileSync(file, 'utf8').includes(`'${key}'`);
  });
  expect(missing).toEqual([]);
});
const UNTAILORED = RESOLVER_KEYS.filter((k) => !ELSEWHERE.has(k) && !SPRINT_SHAPE_KEYS.has(k) && !FOUNDATION_KEYS.has(k) && !hasOwnFuzzFile(k)).map((k) => [k, [{}]] as const);

it.each([...FOUNDATION, ...UNTAILORED])('%s: 10,000 payloads, always an envelope, never internal, rejected inputs write nothing', async (key, valid) => {
  const { rejected, accepted } = await fuzzKey(sandbox, key, valid as unknown as Record<string, unknown>[], people, 'context-panel');
  // Both halves must happen: a key that refused every input (a caller who may never use it, a sample the contract
  // no longer accepts) would pass every other check here while fuzzing nothing past the input parse.
  expect(accepted).toBeGreaterThan(0);
  expect(rejected).toBeGreaterThan(0);
}, 120_000);
