/** Fuzz: panel.context and origin.* (see resolver-fuzz.ts for what is generated and checked). */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { seedAppData, seededSignalId } from '../sandbox/seed/app-data';
import { retryPolicy } from '../../src/jira/client';
import { fuzzKey } from './resolver-fuzz';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = new Sandbox({ today });
  retryPolicy.sleep = async () => undefined;
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await seedAppData(sandbox, today);
});
afterAll(() => sandbox.close());

/** The admin too: settings keys accept only a Jira admin, and every key must see some inputs accepted. */
const people = [SEED_USERS.engineer, SEED_USERS.restricted, SEED_USERS.sales, SEED_USERS.admin];

it.each([
  ['panel.context', [{ issueKey: 'PAY-3' }, { issueKey: 'OPS-2' }]],
  ['origin.link', [{ issueKey: 'PAY-3', signalIds: [seededSignalId('form-934')] }, { issueKey: 'INV-4', signalIds: [], discoveryNoteId: 'note-payment-plans' }]],
  ['origin.unlink', [{ issueKey: 'PAY-3', signalId: seededSignalId('form-934') }, { issueKey: 'INV-4', discoveryNote: true }]],
  ['origin.markNone', [{ issueKey: 'PAY-3' }, { issueKey: 'OPS-7' }]],
  ['origin.candidates', [{ issueKey: 'PAY-3', query: 'refund' }, { issueKey: 'INV-4' }]],
] as const)('%s: 10,000 payloads, always an envelope, never internal, rejected inputs write nothing', async (key, valid) => {
  const { rejected, accepted } = await fuzzKey(sandbox, key, valid as unknown as Record<string, unknown>[], people, 'context-panel');
  // Both halves must happen: a key that refused every input (a caller who may never use it, a sample the contract
  // no longer accepts) would pass every other check here while fuzzing nothing past the input parse.
  expect(accepted).toBeGreaterThan(0);
  expect(rejected).toBeGreaterThan(0);
}, 120_000);
