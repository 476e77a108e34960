/**
 * The sandbox seed's walkthroughs (test/sandbox/seed/walkthroughs.ts): a dozen issues with two or three versions,
 * acknowledgements by engineers, one assignee with a version newer than their acknowledgement, error states both
 * designed and deferred, and questions with answers; seeding again writes nothing new.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { seedAppData } from '../sandbox/seed/app-data';
import { seedWalkthroughs } from '../sandbox/seed/walkthroughs';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { as } from './work-type-helpers';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  await seedAppData(sandbox, today);
}, 180_000);
afterAll(() => sandbox.close());

const rows = () =>
  sandbox.asApp(async () => ({
    versions: await selectRows(db.selectFrom('walkthrough_version').select(['issue_key', 'version', 'items']).orderBy('issue_key').orderBy('version').compile()),
    acks: await selectRows(db.selectFrom('walkthrough_ack').selectAll().orderBy('issue_key').orderBy('account_id').orderBy('version').compile()),
    questions: await selectRows(db.selectFrom('walkthrough_question').selectAll().orderBy('id').compile()),
  }));

test('a dozen issues with two or three versions, acknowledgements, questions and both kinds of settled error state', async () => {
  const { versions, acks, questions } = await rows();
  const perIssue = new Map<string, number>();
  for (const v of versions) perIssue.set(v.issue_key, Math.max(perIssue.get(v.issue_key) ?? 0, Number(v.version)));
  expect(perIssue.size).toBe(12);
  expect([...perIssue.values()].every((n) => n >= 2 && n <= 3)).toBe(true);
  expect(new Set(acks.map((a) => a.issue_key)).size).toBeGreaterThanOrEqual(10);
  expect(questions.filter((q) => q.answer !== null).length).toBeGreaterThanOrEqual(4);
  expect(questions.some((q) => q.answer === null)).toBe(true);
  const states = versions.flatMap((v) => (JSON.parse(String(v.items)) as Array<{ kind: string; state?: string }>).filter((i) => i.kind === 'error-state').map((i) => i.state));
  expect(states).toEqual(expect.arrayContaining(['designed', 'deferred', 'open']));
});

test('the engineer assigned to PAY-9 has a new version since their acknowledgement: their panel badges it', async () => {
  const key = sandbox.jira.site.issues.find((i) => i.summary === 'Let merchants choose the payout day of the week')!.key;
  const answer = (await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: key })) as { ok: true; data: { walkthrough: Record<string, unknown> } };
  expect(answer.ok).toBe(true);
  expect(answer.data.walkthrough).toMatchObject({ latestVersion: 2, yourAcknowledgedVersion: 1, newSinceYourAcknowledgement: 1, nudge: true, latest: { version: 2, author: { displayName: 'Tomás Ortega' } } });
});

test('seeding again writes nothing new', async () => {
  const before = await rows();
  await seedWalkthroughs(sandbox, today);
  expect(await rows()).toEqual(before);
});
