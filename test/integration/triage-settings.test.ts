/**
 * Triage settings (`settings.triage.get|save`, Jira admins only): who may triage signals — project admins by
 * default, or a Jira group, or a project role in the project — applied to the Inbox's canTriage and to every
 * change; and the parking-lot thresholds, which `returnParkedClusters` reads when it is given none.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { clock } from '../../src/services/clock';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { attachSignal, createCluster, getCluster } from '../../src/store/cluster-repository';
import { returnParkedClusters } from '../../src/services/signals/routing-parking';
import { readTriageSettings } from '../../src/store/triage-settings-store';
import { as } from './work-type-helpers';
import { DAY, addSignals, clusterWith } from './my-signals-fixture';

const today = new Date('2026-11-26T10:00:00Z');
const { admin: ADMIN, productLead: LEAD, sales: SALES, engineer: ENGINEER } = SEED_USERS;
let sandbox: Sandbox;
const realNow = clock.now;
const realSleep = storageRetryPolicy.sleep;

type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
const settings = async (accountId: string, key: string, payload: unknown): Promise<Answer> =>
  (await sandbox.invoke(as(accountId, 'settings'), key, payload)) as Answer;
const inbox = async (accountId: string): Promise<Answer> =>
  (await sandbox.invoke(as(accountId, 'triage-queue', { project: { key: 'PAY' } }), 'signals.inbox', { projectKey: 'PAY' })) as Answer;
const canTriage = async (accountId: string): Promise<boolean> => {
  const answer = await inbox(accountId);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data.canTriage as boolean;
};
const rename = async (accountId: string, clusterId: string, title: string): Promise<Answer> => {
  const version = (await sandbox.asApp(() => getCluster(clusterId)))!.version;
  return (await sandbox.invoke(as(accountId, 'triage-queue', { project: { key: 'PAY' } }), 'signals.renameCluster', { projectKey: 'PAY', clusterId, version, title })) as Answer;
};

let salesGroupId = '';
let clusterId = '';

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  clock.now = () => today;
  const found = await settings(ADMIN, 'settings.roles.searchGroups', { query: 'sales' });
  if (!found.ok) throw new Error(found.error.message);
  salesGroupId = (found.data.groups as Array<{ groupId: string; name: string }>).find((g) => g.name === 'sales')!.groupId;
  clusterId = await sandbox.asApp(() => createCluster({ id: 'cluster-settings-rename', title: 'Rename me', state: 'new' }, today.getTime()));
}, 180_000);

afterAll(async () => {
  clock.now = realNow;
  storageRetryPolicy.sleep = realSleep;
  await sandbox.close();
});

describe('settings.triage', () => {
  it('starts on the defaults: project admins triage; 3 new signals or 50,000 ARR bring a parked cluster back', async () => {
    const answer = await settings(ADMIN, 'settings.triage.get', {});
    expect(answer).toMatchObject({ ok: true, data: { triagers: { kind: 'project-admins' }, parking: { newSignals: 3, addedArr: 50_000 }, updatedAt: null } });
    expect(await canTriage(LEAD)).toBe(true);
    expect(await canTriage(SALES)).toBe(false);
  });

  it('is for Jira admins only: others are refused with a next step, and nothing is written', async () => {
    expect(await settings(LEAD, 'settings.triage.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Ask a Jira admin') } });
    const save = await settings(LEAD, 'settings.triage.save', { triagers: { kind: 'group', groupId: salesGroupId }, parking: { newSignals: 1, addedArr: 0 } });
    expect(save).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await sandbox.asApp(() => readTriageSettings())).toBeNull();
  });

  it('a Jira group: its members may triage, a project admin outside it may not', async () => {
    const saved = await settings(ADMIN, 'settings.triage.save', { triagers: { kind: 'group', groupId: salesGroupId }, parking: { newSignals: 3, addedArr: 50_000 } });
    expect(saved).toMatchObject({ ok: true, data: { triagers: { kind: 'group', groupId: salesGroupId, name: 'sales', found: true }, updatedBy: expect.any(String) } });
    expect(await canTriage(SALES)).toBe(true);
    expect(await canTriage(LEAD)).toBe(false);
    expect(await rename(SALES, clusterId, 'Renamed by a sales rep')).toMatchObject({ ok: true });
    const refused = await rename(LEAD, clusterId, 'Renamed by the lead');
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('members of the Jira group sales') } });
    expect((await sandbox.asApp(() => getCluster(clusterId)))!.title).toBe('Renamed by a sales rep');
  });

  it('a project role: the people in it in the project may triage', async () => {
    const saved = await settings(ADMIN, 'settings.triage.save', { triagers: { kind: 'project-role', roleId: 10000, projectKey: 'PAY' }, parking: { newSignals: 3, addedArr: 50_000 } });
    expect(saved).toMatchObject({ ok: true, data: { triagers: { kind: 'project-role', roleId: 10000, roleName: 'Developers' } } });
    expect(await canTriage(ENGINEER)).toBe(true);
    expect(await canTriage(SALES)).toBe(false);
  });

  it('refuses a group or role Jira does not have, naming the field, and keeps what was saved', async () => {
    const before = await sandbox.asApp(() => readTriageSettings());
    const group = await settings(ADMIN, 'settings.triage.save', { triagers: { kind: 'group', groupId: '00000000-0000-0000-0000-000000000000' }, parking: { newSignals: 3, addedArr: 50_000 } });
    expect(group).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { 'triagers.groupId': expect.any(String) }, message: expect.stringContaining('nothing was saved') } });
    const role = await settings(ADMIN, 'settings.triage.save', { triagers: { kind: 'project-role', roleId: 99999, projectKey: 'PAY' }, parking: { newSignals: 3, addedArr: 50_000 } });
    expect(role).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { 'triagers.roleId': expect.any(String) } } });
    const negative = await settings(ADMIN, 'settings.triage.save', { triagers: { kind: 'project-admins' }, parking: { newSignals: -1, addedArr: 50_000 } });
    expect(negative).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await sandbox.asApp(() => readTriageSettings())).toEqual(before);
  });

  it('the parking thresholds decide when a parked cluster returns to the Inbox', async () => {
    const t = today.getTime();
    const [first, second] = await addSignals(sandbox, [
      { externalId: 'park-1', raisedBy: SALES, text: 'Invoice fonts', customer: 'Fontco', arr: 1_000, receivedAtMs: t - 3 * DAY },
      { externalId: 'park-2', raisedBy: SALES, text: 'Invoice typefaces', customer: 'Typeco', arr: 1_000, receivedAtMs: t - DAY },
    ]);
    await settings(ADMIN, 'settings.triage.save', { triagers: { kind: 'project-admins' }, parking: { newSignals: 3, addedArr: 50_000 } });
    const parked = await clusterWith(sandbox, [first!], 'parking-lot', t - 2 * DAY);
    await sandbox.asApp(() => attachSignal(second!, parked, t));
    // One new signal and 1,000 ARR: under the defaults it stays parked.
    expect(await sandbox.asApp(() => returnParkedClusters([parked]))).toEqual([]);
    expect((await sandbox.asApp(() => getCluster(parked)))!.state).toBe('parked');
    const saved = await settings(ADMIN, 'settings.triage.save', { triagers: { kind: 'project-admins' }, parking: { newSignals: 1, addedArr: 0 } });
    expect(saved).toMatchObject({ ok: true, data: { parking: { newSignals: 1, addedArr: 0 } } });
    expect(await sandbox.asApp(() => returnParkedClusters([parked]))).toEqual([parked]);
    expect((await sandbox.asApp(() => getCluster(parked)))!.state).toBe('new');
  });
});
