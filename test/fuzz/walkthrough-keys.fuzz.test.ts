/**
 * Fuzz: the walkthrough keys (`walkthrough.*`), 10,000 payloads each (resolver-fuzz.ts's generator: arbitrary
 * JSON and near-valid variants of real inputs), called by the designer and the engineer (who may edit PAY), the
 * sales rep (who may only browse), the contractor (who cannot browse OPS) and the Jira admin. Every answer is an
 * envelope, never `internal`, and a refused call wrote nothing: no Jira write, no KVS write (writesIn), and the
 * walkthrough tables checksum the same after it as before.
 *
 * Valid inputs name the walkthrough as it is at the moment of the call (placeholders resolved just before it):
 * the latest version, so a new version keeps landing after the ones before it, and an unanswered question.
 */
import { randomUUID } from 'node:crypto';
import type mysql from 'mysql2/promise';
import type { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { contract, type ResolverKey } from '../../src/contract';
import { closeSeededSandbox, fuzzKeyAgainstTables, openSeededSandbox, tablesChecksum } from './resolver-fuzz';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let database: mysql.Connection;
let payIssue = '';
let opsIssue = '';

const TABLES = ['walkthrough_version', 'walkthrough_ack', 'walkthrough_question'];

const sqlChecksum = (): Promise<string> => tablesChecksum(database, TABLES);

type Json = Record<string, unknown>;

const LIVE = { latest: '§latest', question: '§question' } as const;

/** The latest version of the PAY issue's walkthrough, and an unanswered question on it (one is put in if none is left). */
async function liveValues(): Promise<{ values: Record<string, string | number>; wrote: boolean }> {
  const [latestRows] = await database.query('SELECT MAX(version) AS latest FROM `walkthrough_version` WHERE issue_key = ?', [payIssue]);
  const latest = Number((latestRows as Array<{ latest: number | null }>)[0]?.latest ?? 1);
  const [questionRows] = await database.query('SELECT id FROM `walkthrough_question` WHERE issue_key = ? AND answer IS NULL LIMIT 1', [payIssue]);
  let question = (questionRows as Array<{ id: string }>)[0]?.id;
  let wrote = false;
  if (!question) {
    question = `question-fuzz-${randomUUID()}`;
    await database.query('INSERT INTO `walkthrough_question` (id, issue_key, version, item_id, asked_by, text, asked_at) VALUES (?, ?, 1, ?, ?, ?, ?)', [question, payIssue, 'e1', SEED_USERS.engineer, 'Which banner?', Date.now()]);
    wrote = true;
  }
  return { values: { [LIVE.latest]: latest, [LIVE.question]: question }, wrote };
}

const FIGMA = 'https://www.figma.com/design/AbCdEf123456/Instant-payouts?node-id=1-2';
const ITEMS = [
  { kind: 'new', id: 'n1', title: 'Instant payout toggle', detail: 'Beside the amount.' },
  { kind: 'decision', id: 'd1', title: 'Show the fee first', why: 'Sellers asked.', alternatives: ['Receipt only'] },
  { kind: 'error-state', id: 'e1', title: 'Card declined', whatHappens: 'A banner', state: 'deferred', reason: 'Needs PAY-API v3' },
  { kind: 'edge-case', title: 'Over the limit', whatHappens: 'Toggle disabled', state: 'open' },
  { kind: 'question', id: 'q1', title: 'Who approves refunds?' },
  { kind: 'change', id: 'c1', title: 'Fee moved', detail: 'Above the button', why: 'Seen first' },
];

let valid: Record<string, Json[]> = {};

beforeAll(async () => {
  ({ sandbox, database } = await openSeededSandbox(today));
  const site = sandbox.jira.site;
  const projectId = (key: string) => site.projects.find((p) => p.key === key)!.id;
  payIssue = site.issues.find((i) => i.projectId === projectId('PAY'))!.key;
  opsIssue = site.issues.find((i) => i.projectId === projectId('OPS'))!.key;
  // Two versions to read, diff, acknowledge and ask about.
  for (const basedOn of [null, 1]) {
    const answer = (await sandbox.invoke({ accountId: SEED_USERS.designer, moduleKey: 'context-panel', extension: {} }, 'walkthrough.addVersion', {
      issueKey: payIssue,
      basedOn,
      designUrl: FIGMA,
      summary: `Version ${(basedOn ?? 0) + 1}`,
      items: ITEMS.filter((i) => basedOn !== null || i.kind !== 'change'),
    })) as { ok: boolean };
    if (!answer.ok) throw new Error(`could not add version: ${JSON.stringify(answer)}`);
  }
  valid = {
    'walkthrough.view': [{ issueKey: payIssue }, { issueKey: opsIssue }],
    'walkthrough.version': [
      { issueKey: payIssue, version: 1 },
      { issueKey: payIssue, version: LIVE.latest },
    ],
    'walkthrough.diff': [
      { issueKey: payIssue, from: 1, to: LIVE.latest },
      { issueKey: payIssue, from: 2, to: 1 },
    ],
    'walkthrough.addVersion': [
      { issueKey: payIssue, basedOn: LIVE.latest, designUrl: FIGMA, summary: 'Declines deferred.', items: ITEMS },
      { issueKey: payIssue, basedOn: LIVE.latest, designUrl: 'https://miro.com/app/board/x', summary: 'Moved to a board.', items: [] },
      { issueKey: payIssue, basedOn: 1, designUrl: FIGMA, summary: 'Built on a stale version.', items: ITEMS },
      { issueKey: opsIssue, basedOn: null, designUrl: FIGMA, summary: 'Ops walkthrough.', items: ITEMS.slice(0, 3) },
    ],
    'walkthrough.acknowledge': [
      { issueKey: payIssue, version: LIVE.latest },
      { issueKey: payIssue, version: 1 },
      { issueKey: opsIssue, version: 1 },
    ],
    'walkthrough.ask': [
      { issueKey: payIssue, version: 1, itemId: 'e1', text: 'What does the banner say?' },
      { issueKey: payIssue, version: LIVE.latest, itemId: 'q1', text: 'Is this settled?' },
    ],
    'walkthrough.answer': [
      { issueKey: payIssue, questionId: LIVE.question, text: 'The red one.' },
      { issueKey: payIssue, questionId: 'question-absent', text: 'Nobody asked.' },
    ],
  };
}, 180_000);
afterAll(() => closeSeededSandbox({ sandbox, database }));

/** Who calls: both who may edit PAY, the one who may only browse, the contractor (no OPS), and the admin. */
const people = [SEED_USERS.designer, SEED_USERS.engineer, SEED_USERS.sales, SEED_USERS.restricted, SEED_USERS.admin];

const WALKTHROUGH_KEYS = Object.keys(contract).filter((key) => key.startsWith('walkthrough.')) as ResolverKey[];

const fuzzWalkthroughKey = (key: ResolverKey) =>
  fuzzKeyAgainstTables(sandbox, key, {
    valid: valid[key]!,
    callers: people,
    moduleKey: 'context-panel',
    live: liveValues,
    checksum: sqlChecksum,
    tablesName: 'walkthrough tables',
  });

it('covers every walkthrough.* key of the contract', () => {
  expect(WALKTHROUGH_KEYS.sort()).toEqual(Object.keys(valid).sort());
  // Each key named as a literal, as the foundation fuzz checks.
  expect(WALKTHROUGH_KEYS).toEqual(
    ['walkthrough.acknowledge', 'walkthrough.addVersion', 'walkthrough.answer', 'walkthrough.ask', 'walkthrough.diff', 'walkthrough.version', 'walkthrough.view'].sort(),
  );
});

it.each(['walkthrough.view', 'walkthrough.version', 'walkthrough.diff', 'walkthrough.addVersion', 'walkthrough.acknowledge', 'walkthrough.ask', 'walkthrough.answer'])(
  '%s: 10,000 payloads, always an envelope, never internal, refused inputs write nothing to Jira, KVS or SQL',
  async (key) => {
    const started = Date.now();
    const { accepted, rejected, sqlChecked } = await fuzzWalkthroughKey(key as ResolverKey);
    if (process.env.FUZZ_REPORT) console.log(`${key}: ${accepted} accepted, ${rejected} refused (${sqlChecked} SQL-checked) in ${Date.now() - started} ms`);
    // Both halves must happen: a key that refused every input would pass every check here while fuzzing nothing.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  },
  300_000,
);
