/** Fuzz: the sprint-shape gadget's keys and the default target mix, from valid configurations and near misses. */
import { Sandbox } from '../sandbox/sandbox';
import { BOARD_IDS, SEED_USERS } from '../sandbox/seed';
import { retryPolicy } from '../../src/jira/client';
import { fuzzKey } from './resolver-fuzz';

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = new Sandbox({ today: new Date('2026-11-26T10:00:00Z') });
  retryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());

// The admin makes settings.targetMix.save reachable; the contractor cannot see the OPS board.
const people = [SEED_USERS.productLead, SEED_USERS.restricted, SEED_USERS.admin];
const target = { Innovative: 50, Corrective: 25, Enabling: 25 };
const config = (boardId: number, sprint: Record<string, unknown>) => ({ boardId, sprint, target, measure: 'estimate', driftThreshold: 10 });

const SPRINT_SHAPE = [
  ['sprintShape.sprints', [{ boardId: BOARD_IDS.PAY }, { boardId: BOARD_IDS.OPS }]],
  ['sprintShape.checkConfig', [{ config: config(BOARD_IDS.INV, { kind: 'active' }) }, { config: config(BOARD_IDS.PAY, { kind: 'next' }) }]],
  ['sprintShape.get', [{ config: config(BOARD_IDS.INV, { kind: 'active' }) }, { config: config(BOARD_IDS.OPS, { kind: 'active' }) }]],
  ['sprintShape.trend', [{ boardId: BOARD_IDS.PAY }, { boardId: BOARD_IDS.INV }]],
  ['settings.targetMix.get', [{}]],
  ['settings.targetMix.save', [{ target }, { target: { Innovative: 40, Corrective: 40, Enabling: 20 } }]],
] as const;

it.each(SPRINT_SHAPE)('%s: 10,000 payloads, always an envelope, never internal, rejected inputs write nothing', async (key, valid) => {
  const { rejected, accepted } = await fuzzKey(sandbox, key, valid as unknown as Record<string, unknown>[], people, 'sprint-shape');
  // Both halves must happen: a key that refused every input (a caller who may never use it, a sample the contract
  // no longer accepts) would pass every other check here while fuzzing nothing past the input parse.
  expect(accepted).toBeGreaterThan(0);
  expect(rejected).toBeGreaterThan(0);
}, 120_000);
