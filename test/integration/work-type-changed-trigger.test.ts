/**
 * The work-type-changed trigger: a person who sets the field in Jira itself (the field's inline edit,
 * Automation, REST) is recorded as having set it; Upstream's own writes are not recorded twice.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS, WORK_TYPE_FIELD_ID } from '../sandbox/seed';
import { retryPolicy } from '../../src/jira/client';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
beforeAll(() => {
  sandbox = new Sandbox({ today });
  retryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());

const unclassifiedKey = (projectKey: string, skip = 0): string => {
  const project = sandbox.jira.site.projects.find((p) => p.key === projectKey)!;
  const issues = sandbox.jira.site.issues.filter((i) => i.projectId === project.id && i.customFields[WORK_TYPE_FIELD_ID] === undefined);
  return issues[skip].key;
};

/** What Jira's issue view does when a person saves the field: an edit as that person, not through the app. */
async function editInJira(issueKey: string, accountId: string, value: string | null): Promise<number> {
  const res = await sandbox.jira.handle({
    method: 'PUT',
    path: `/rest/api/3/issue/${issueKey}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { [WORK_TYPE_FIELD_ID]: value } }),
    asUser: accountId,
  });
  return res.status;
}

const decisionOf = async (issueKey: string) => {
  const answer = (await sandbox.invoke({ accountId: SEED_USERS.engineer, moduleKey: 'context-panel', extension: {} }, 'panel.context', {
    issueKey,
  })) as { ok: true; data: { workType: { value: string | null; decision: null | { workType: string | null; setBy: { accountId: string }; acceptedSuggestion: boolean } } } };
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.data.workType;
};

it('records the person who set the field in Jira', async () => {
  const key = unclassifiedKey('PAY');
  expect(await editInJira(key, SEED_USERS.designer, 'Innovative')).toBe(204);
  await sandbox.settleTriggers();
  const workType = await decisionOf(key);
  expect(workType.value).toBe('Innovative');
  expect(workType.decision).toMatchObject({ workType: 'Innovative', setBy: { accountId: SEED_USERS.designer }, acceptedSuggestion: false });
});

it('records a clear as a decision with no work type', async () => {
  const key = unclassifiedKey('PAY', 1);
  await editInJira(key, SEED_USERS.engineer, 'Enabling');
  await editInJira(key, SEED_USERS.productLead, null);
  await sandbox.settleTriggers();
  expect(await decisionOf(key)).toMatchObject({ value: null });
  const stored = await sandbox.asApp(async () => (await import('../../src/store/work-type-decision-repository')).getDecision(
    sandbox.jira.site.issues.find((i) => i.key === key)!.id,
  ));
  expect(stored).toMatchObject({ workType: null, setByAccountId: SEED_USERS.productLead });
});

it("leaves the decision workType.set recorded: Upstream's own writes are not recorded twice", async () => {
  const key = unclassifiedKey('INV');
  const set = await sandbox.invoke({ accountId: SEED_USERS.engineer, moduleKey: 'context-panel', extension: {} }, 'workType.set', {
    issueKey: key,
    workType: 'Corrective',
    acceptedSuggestion: true,
  });
  expect(set).toMatchObject({ ok: true });
  await sandbox.settleTriggers();
  expect((await decisionOf(key)).decision).toMatchObject({ workType: 'Corrective', acceptedSuggestion: true, setBy: { accountId: SEED_USERS.engineer } });
});

it('does nothing for edits that do not touch the work type', async () => {
  const key = unclassifiedKey('INV', 1);
  const res = await sandbox.jira.handle({
    method: 'PUT',
    path: `/rest/api/3/issue/${key}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { summary: 'Renamed while triaging' } }),
    asUser: SEED_USERS.engineer,
  });
  expect(res.status).toBe(204);
  await sandbox.settleTriggers();
  expect((await decisionOf(key)).decision).toBeNull();
});
