/**
 * Fuzz: the discovery keys (`discovery.*`), 10,000 payloads each (resolver-fuzz.ts's generator: arbitrary JSON
 * and near-valid variants of real inputs built from the seed), called by every persona — the product lead and
 * the Jira admin (who may change notes), the engineer, the sales rep and the contractor (who cannot browse OPS).
 * Every answer is an envelope, never `internal`, and a refused call wrote nothing: no Jira write, no KVS write
 * (writesIn), and the discovery tables in Forge SQL checksum the same after it as before.
 *
 * Changes name a note's version as it is at the moment of the call (placeholders resolved just before it), so
 * they keep reaching the write path after the changes before them; fixed versions go stale and are kept too
 * (the conflict path). A refused call that sent no SQL at all cannot have written there, so only the others are
 * checksummed, against a checksum taken after the last accepted call.
 */
import type mysql from 'mysql2/promise';
import type { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { contract, type ResolverKey } from '../../src/contract';
import { closeSeededSandbox, fuzzKeyAgainstTables, openSeededSandbox, tablesChecksum } from './resolver-fuzz';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let database: mysql.Connection;

const TABLES = ['discovery_note', 'engineering_input', 'discovery_note_evidence'];

const sqlChecksum = (): Promise<string> => tablesChecksum(database, TABLES);

/** Placeholders for the data as it is at the moment of the call. */
const LIVE = {
  version: '§version',
  nextStatus: '§next-status',
  openQuestion: '§open-question',
  resolvedQuestion: '§resolved-question',
  cluster: '§cluster',
} as const;
/** The note the changes work on: exploring ⇄ shaped, so a move is always possible. */
const NOTE = 'note-payment-plans';

async function liveValues(): Promise<{ values: Record<string, string | number>; wrote: boolean }> {
  const [notes] = await database.query('SELECT version, status FROM `discovery_note` WHERE id = ?', [NOTE]);
  const [note] = notes as Array<{ version: number; status: string }>;
  const [questions] = await database.query("SELECT id FROM `engineering_input` WHERE note_id = ? AND kind = 'question' AND resolved_at IS NULL ORDER BY id LIMIT 1", [NOTE]);
  const [question] = questions as Array<{ id: string }>;
  const resolvedQuestion = async () =>
    ((await database.query("SELECT id FROM `engineering_input` WHERE note_id = ? AND kind = 'question' AND resolved_at IS NOT NULL ORDER BY id LIMIT 1", [NOTE]))[0] as Array<{ id: string }>)[0];
  let resolved = await resolvedQuestion();
  // reopenQuestion needs a resolved question, and each one it reopens is used up: when none is left, a resolved
  // question of its own is written (the open ones resolveQuestion works on are left as they are).
  let wrote = false;
  if (!resolved) {
    const now = Date.now();
    await database.query(
      "INSERT INTO `engineering_input` (id, note_id, kind, text, author_account_id, author_name, created_at, author_roles, resolved_at, resolved_by) VALUES (?, ?, 'question', 'Resolved for the fuzz?', ?, 'Priya Raman', ?, '[\"engineering\"]', ?, ?)",
      [`input-fuzz-resolved-${now}`, NOTE, SEED_USERS.engineer, now, now, SEED_USERS.engineer],
    );
    resolved = await resolvedQuestion();
    wrote = true;
  }
  const [clusters] = await database.query('SELECT id FROM `cluster` WHERE signal_count > 0 ORDER BY id LIMIT 1');
  const [cluster] = clusters as Array<{ id: string }>;
  const values = {
    [LIVE.version]: Number(note?.version ?? 1),
    [LIVE.nextStatus]: note?.status === 'shaped' ? 'exploring' : 'shaped',
    [LIVE.openQuestion]: question?.id ?? 'input-none',
    [LIVE.resolvedQuestion]: resolved?.id ?? 'input-none',
    [LIVE.cluster]: cluster?.id ?? 'cluster-none',
  };
  return { values, wrote };
}

type Json = Record<string, unknown>;
const VALID: Record<string, Json[]> = {
  'discovery.list': [{ projectKey: 'PAY' }, { projectKey: 'OPS', status: 'ready', pageSize: 2 }, { projectKey: 'INV', status: 'shaped' }],
  'discovery.get': [{ projectKey: 'PAY', noteId: 'note-multi-currency' }, { projectKey: 'OPS', noteId: 'note-e-invoicing-eu' }, { projectKey: 'PAY', noteId: 'note-nowhere' }],
  'discovery.create': [
    { projectKey: 'PAY', title: 'Same-day payouts', problem: 'Drivers want their money the same day.' },
    { projectKey: 'PAY', title: 'From a cluster', problem: 'Many customers ask.', desiredOutcome: 'They stop asking.', clusterId: LIVE.cluster },
  ],
  'discovery.update': [
    { projectKey: 'PAY', noteId: NOTE, version: LIVE.version, changes: { desiredOutcome: 'Split any invoice into up to six payments.' } },
    { projectKey: 'PAY', noteId: NOTE, version: LIVE.version, changes: { participants: [{ accountId: SEED_USERS.engineer, role: 'engineering' }], designDirection: '' } },
    { projectKey: 'PAY', noteId: NOTE, version: 1, changes: { title: 'Stale' } },
  ],
  'discovery.addInput': [
    { projectKey: 'PAY', noteId: NOTE, kind: 'question', text: 'Who owns dunning for a plan?' },
    { projectKey: 'OPS', noteId: 'note-portal-history', kind: 'risk', text: 'Statements must match the ledger.' },
  ],
  'discovery.resolveQuestion': [
    { projectKey: 'PAY', noteId: NOTE, inputId: LIVE.openQuestion, resolution: 'Finance owns it.' },
    { projectKey: 'PAY', noteId: NOTE, inputId: LIVE.openQuestion },
  ],
  'discovery.reopenQuestion': [
    { projectKey: 'PAY', noteId: NOTE, inputId: LIVE.resolvedQuestion },
    { projectKey: 'PAY', noteId: NOTE, inputId: LIVE.openQuestion },
  ],
  'discovery.linkEvidence': [
    { projectKey: 'PAY', noteId: NOTE, clusterIds: [LIVE.cluster] },
    { projectKey: 'PAY', noteId: NOTE, clusterIds: [], signalIds: ['signal-nowhere'] },
  ],
  'discovery.unlinkEvidence': [
    { projectKey: 'PAY', noteId: NOTE, clusterIds: [LIVE.cluster] },
    { projectKey: 'PAY', noteId: NOTE, signalIds: ['signal-nowhere'] },
  ],
  'discovery.setStatus': [
    { projectKey: 'PAY', noteId: NOTE, version: LIVE.version, status: LIVE.nextStatus },
    { projectKey: 'PAY', noteId: 'note-e-invoicing-eu', version: 1, status: 'ready' },
    { projectKey: 'PAY', noteId: NOTE, version: LIVE.version, status: 'ready', waiverReason: 'Signed off in planning.' },
  ],
};

beforeAll(async () => {
  ({ sandbox, database } = await openSeededSandbox(today));
}, 180_000);
afterAll(() => closeSeededSandbox({ sandbox, database }));

/** Who calls: both who may change notes, the engineer and the sales rep who may read and add input, and the contractor. */
const people = [SEED_USERS.productLead, SEED_USERS.admin, SEED_USERS.engineer, SEED_USERS.sales, SEED_USERS.restricted];

const fuzzDiscoveryKey = (key: ResolverKey) =>
  fuzzKeyAgainstTables(sandbox, key, {
    valid: VALID[key]!,
    callers: people,
    moduleKey: 'triage-queue',
    live: liveValues,
    checksum: sqlChecksum,
    tablesName: 'discovery tables',
    seed: 20261203,
  });

const DISCOVERY_KEYS = [
  'discovery.list',
  'discovery.get',
  'discovery.create',
  'discovery.update',
  'discovery.addInput',
  'discovery.resolveQuestion',
  'discovery.reopenQuestion',
  'discovery.linkEvidence',
  'discovery.unlinkEvidence',
  'discovery.setStatus',
] as const;

it('covers every discovery.* key of the contract', () => {
  expect(Object.keys(contract).filter((key) => key.startsWith('discovery.')).sort()).toEqual([...DISCOVERY_KEYS].sort());
  expect(Object.keys(VALID).sort()).toEqual([...DISCOVERY_KEYS].sort());
});

it.each(DISCOVERY_KEYS)(
  '%s: 10,000 payloads, always an envelope, never internal, refused inputs write nothing to Jira, KVS or SQL',
  async (key) => {
    const started = Date.now();
    const { accepted, rejected, sqlChecked } = await fuzzDiscoveryKey(key);
    if (process.env.FUZZ_REPORT) console.log(`${key}: ${accepted} accepted, ${rejected} refused (${sqlChecked} SQL-checked) in ${Date.now() - started} ms`);
    // Both halves must happen: a key that refused every input would pass every check here while fuzzing nothing.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  },
  // resolveQuestion took 118 s alone on two shared cores; room for a busier machine.
  600_000,
);
