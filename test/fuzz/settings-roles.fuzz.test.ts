/**
 * Fuzz: the team-role keys (`settings.roles.get`, `settings.roles.save`, `settings.roles.searchGroups`,
 * `settings.roles.projectRoles`). 10,000 payloads per key from four callers (only the admin may use them):
 * arbitrary JSON and near-valid inputs mutated from valid ones (fuzzKey). Every answer is an envelope, never
 * `internal`, and a refused input — a non-admin, a malformed choice, a group id Jira does not have — writes nothing.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { groupIdOf } from '../sandbox/jira/groups';
import { retryPolicy } from '../../src/jira/client';
import { fuzzKey, RUNS_PER_KEY } from './resolver-fuzz';

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = new Sandbox({ today: new Date('2026-11-26T10:00:00Z') });
  retryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());

const people = [SEED_USERS.engineer, SEED_USERS.restricted, SEED_USERS.sales, SEED_USERS.admin];
const allDefault = { engineering: null, design: null, product: null, sales: null };
const group = (name: string) => ({ groupId: groupIdOf(name) });

const VALID = {
  'settings.roles.get': [{}],
  'settings.roles.save': [
    { roles: allDefault },
    { roles: { ...allDefault, design: { groups: [group('design')], projectRoles: [] } } },
    { roles: { ...allDefault, engineering: { groups: [group('engineering'), group('contractors')], projectRoles: [{ projectId: '10000', roleId: 10000 }] } } },
    { roles: { engineering: { groups: [group('engineering')], projectRoles: [] }, design: { groups: [], projectRoles: [{ projectId: '10001', roleId: 10002 }] }, product: { groups: [group('product-management')], projectRoles: [] }, sales: null } },
    // Well-formed but unknown to Jira: refused by the service, after the contract.
    { roles: { ...allDefault, sales: { groups: [{ groupId: 'no-such-group' }], projectRoles: [] } } },
  ],
  'settings.roles.searchGroups': [{ query: '' }, { query: 'eng' }, { query: 'SALES' }],
  'settings.roles.projectRoles': [{ projectKey: 'PAY' }, { projectKey: 'ops' }, { projectKey: 'NOPE' }],
} as const;

it.each(Object.entries(VALID))('%s: 10,000 payloads, always an envelope, never internal, refused inputs write nothing', async (key, valid) => {
  const { accepted, rejected } = await fuzzKey(sandbox, key as keyof typeof VALID, valid as unknown as Record<string, unknown>[], people, 'settings');
  console.log(`${key}: ${accepted} accepted, ${rejected} refused`);
  expect(accepted + rejected).toBe(RUNS_PER_KEY);
  expect(accepted).toBeGreaterThan(0);
  expect(rejected).toBeGreaterThan(0);
}, 300_000);
