/**
 * Walkthroughs on Forge SQL (the sandbox's MariaDB): a version lands whole and only on the latest (of two saves
 * built on the same version exactly one lands), versions are never rewritten, the reader's view is two statements
 * for 10 versions and 20 acknowledgements with items only for the two versions it shows in full, acknowledging
 * twice is one row, a question is answered once, and text survives byte for byte.
 */
import type { WalkthroughItem } from '../../src/domain/walkthrough';
import {
  answerWalkthroughQuestion,
  insertWalkthroughQuestion,
  insertWalkthroughVersion,
  latestWalkthroughVersion,
  recordWalkthroughAck,
  walkthroughActivity,
  walkthroughQuestionById,
  walkthroughVersionsForReader,
  walkthroughVersionsWithItems,
  type NewWalkthroughVersion,
} from '../../src/store/walkthrough-repository';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { Sandbox } from '../sandbox/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = new Sandbox({ sql: { enabled: true } });
  await sandbox.sql.ready();
}, 180_000);
afterAll(() => sandbox.close());

const app = <T>(work: () => Promise<T>): Promise<T> => sandbox.asApp(work);
const statements = () => sandbox.sqlLink.log.filter((r) => r.path.startsWith('/api/v1/execute')).length;

const TRICKY = `It's "quoted" \\ back\\\\slashed %_ 💸🇪🇺 naïve; DROP TABLE walkthrough_version; -- \n\t`;
const errorState = (id: string, state: 'designed' | 'deferred' | 'open', reason: string | null = null): WalkthroughItem => ({
  id,
  kind: 'error-state',
  title: `Error ${id}`,
  whatHappens: 'A banner says what failed and what to do.',
  state,
  reason,
});

const version = (issueKey: string, basedOn: number | null, items: WalkthroughItem[], summary = `Built on ${basedOn ?? 'nothing'}`): NewWalkthroughVersion => ({
  issueKey,
  basedOn,
  authorAccountId: 'account-tomas',
  authorName: 'Tomás Ortega',
  createdAt: 1_780_000_000_000 + (basedOn ?? 0),
  designUrl: 'https://www.figma.com/design/AbCdEf123456/Payouts?node-id=1-2',
  summary,
  items,
});

describe('versions', () => {
  it('lands version 1 on nothing, then only basedOn + 1 on the latest; a stale or future base writes nothing', async () => {
    const key = 'PAY-101';
    expect(await app(() => insertWalkthroughVersion(version(key, null, [errorState('e1', 'open')])))).toBe(true);
    expect(await app(() => insertWalkthroughVersion(version(key, null, [])))).toBe(false);
    expect(await app(() => insertWalkthroughVersion(version(key, 1, [errorState('e1', 'designed')])))).toBe(true);
    expect(await app(() => insertWalkthroughVersion(version(key, 1, [], 'stale')))).toBe(false);
    expect(await app(() => insertWalkthroughVersion(version(key, 5, [], 'future')))).toBe(false);
    expect(await app(() => latestWalkthroughVersion(key))).toBe(2);
    const rows = await app(() => selectRows(db.selectFrom('walkthrough_version').select(['version', 'summary']).where('issue_key', '=', key).orderBy('version').compile()));
    expect(rows).toEqual([
      { version: 1, summary: 'Built on nothing' },
      { version: 2, summary: 'Built on 1' },
    ]);
  });

  it('lets exactly one of two saves built on the same version land', async () => {
    const key = 'PAY-102';
    await app(() => insertWalkthroughVersion(version(key, null, [])));
    const results = await app(() => Promise.all([insertWalkthroughVersion(version(key, 1, [], 'Tomás')), insertWalkthroughVersion(version(key, 1, [], 'Maya'))]));
    expect(results.filter(Boolean)).toHaveLength(1);
    const [stored] = await app(() => walkthroughVersionsWithItems(key, [2]));
    expect(['Tomás', 'Maya']).toContain(stored.summary);
  });

  it('keeps items and text byte for byte', async () => {
    const key = 'PAY-103';
    const items: WalkthroughItem[] = [
      { id: 'n1', kind: 'new', title: TRICKY, detail: TRICKY },
      { id: 'd1', kind: 'decision', title: 'Use a sheet', why: TRICKY, alternatives: ['A modal', TRICKY] },
      errorState('e1', 'deferred', TRICKY),
      { id: 'q1', kind: 'question', title: 'Who approves?', detail: '' },
    ];
    await app(() => insertWalkthroughVersion({ ...version(key, null, items), summary: TRICKY }));
    const [stored] = await app(() => walkthroughVersionsWithItems(key, [1]));
    expect(stored).toMatchObject({ version: 1, summary: TRICKY, authorName: 'Tomás Ortega', items });
  });

  it('skips an unreadable item with a report instead of failing the version', async () => {
    const key = 'PAY-104';
    await app(() => insertWalkthroughVersion(version(key, null, [errorState('e1', 'open'), { id: 'x', kind: 'hologram', title: 'From the future' } as unknown as WalkthroughItem])));
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const [stored] = await app(() => walkthroughVersionsWithItems(key, [1]));
    warn.mockRestore();
    expect(stored.items!.map((i) => i.id)).toEqual(['e1']);
  });
});

describe('the reader’s view', () => {
  const key = 'PAY-110';
  const reader = 'account-priya';

  beforeAll(async () => {
    for (let n = 0; n < 10; n += 1) {
      await app(() => insertWalkthroughVersion(version(key, n === 0 ? null : n, [errorState(`e${n}`, 'designed'), errorState('shared', n % 2 ? 'designed' : 'open')])));
    }
    for (let n = 0; n < 20; n += 1) {
      await app(() => recordWalkthroughAck(key, { accountId: n === 0 ? reader : `account-${n}`, version: n === 0 ? 4 : (n % 10) + 1, at: 1_780_000_000_000 + n, displayName: `Person ${n}`, roles: ['engineering'] }));
    }
  });

  it('reads 10 versions and 20 acknowledgements in two statements, with items for the latest and the reader’s only', async () => {
    sandbox.clearLogs();
    const [versions, activity] = await app(() => Promise.all([walkthroughVersionsForReader(key, reader), walkthroughActivity(key)]));
    expect(statements()).toBe(2);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(versions.filter((v) => v.items !== null).map((v) => v.version)).toEqual([4, 10]);
    expect(activity.acks).toHaveLength(20);
    expect(activity.acks.find((a) => a.accountId === reader)).toMatchObject({ version: 4, roles: ['engineering'], displayName: 'Person 0' });
  });

  it('gives someone who never acknowledged the latest version’s items only', async () => {
    const versions = await app(() => walkthroughVersionsForReader(key, 'account-nobody'));
    expect(versions.filter((v) => v.items !== null).map((v) => v.version)).toEqual([10]);
  });

  it('records an acknowledgement once however often it is made, keeping the first time', async () => {
    const ack = { accountId: 'account-again', version: 10, at: 1, displayName: 'Again', roles: [] };
    await app(() => recordWalkthroughAck(key, ack));
    await app(() => recordWalkthroughAck(key, { ...ack, at: 2 }));
    const { acks } = await app(() => walkthroughActivity(key));
    expect(acks.filter((a) => a.accountId === 'account-again')).toEqual([{ ...ack, roles: [] }]);
  });
});

describe('questions', () => {
  it('are asked on an item, answered once, and read back with the acknowledgements in one statement', async () => {
    const key = 'PAY-120';
    await app(() => insertWalkthroughVersion(version(key, null, [errorState('e1', 'open')])));
    const asked = await app(() => insertWalkthroughQuestion({ issueKey: key, version: 1, itemId: 'e1', askedBy: 'account-priya', askedByName: 'Priya Raman', text: TRICKY, askedAt: 5 }));
    const answer = { text: 'A retry button, then support.', by: 'account-tomas', byName: 'Tomás Ortega', at: 6 };
    expect(await app(() => answerWalkthroughQuestion(key, asked.id, answer))).toBe(true);
    expect(await app(() => answerWalkthroughQuestion(key, asked.id, { ...answer, text: 'Overwritten?' }))).toBe(false);
    expect(await app(() => answerWalkthroughQuestion('PAY-999', asked.id, answer))).toBe(false);
    sandbox.clearLogs();
    const { questions } = await app(() => walkthroughActivity(key));
    expect(statements()).toBe(1);
    expect(questions).toEqual([{ ...asked, answer }]);
    expect(await app(() => walkthroughQuestionById(key, asked.id))).toEqual({ ...asked, answer });
    expect(await app(() => walkthroughQuestionById(key, 'question-absent'))).toBeNull();
  });
});
