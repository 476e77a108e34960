/**
 * Sprint history: the sprint-closed trigger writes a snapshot once, and the gadget's trend backfills sprints
 * that closed before Upstream was installed, once, even when two views ask at the same time.
 */
import { Sandbox } from '../sandbox/sandbox';
import { BOARD_IDS, SEED_USERS } from '../sandbox/seed';
import type { JiraSite, JiraSprint } from '../sandbox/jira/model';
import { retryPolicy } from '../../src/jira/client';
import { getSnapshot, latestSnapshots } from '../../src/store/sprint-snapshot-repository';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let site: JiraSite;

const gadget = (accountId: string = SEED_USERS.engineer) => ({ accountId, moduleKey: 'sprint-shape', extension: {} });
const trend = (boardId: number, accountId?: string) => sandbox.invoke(gadget(accountId), 'sprintShape.trend', { boardId });
const snapshotWrites = () => sandbox.storageLink.log.filter((r) => r.path === '/api/v1/transaction');
const sprintOf = (boardId: number, state: JiraSprint['state']) => site.sprints.find((s) => s.boardId === boardId && s.state === state)!;

beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined); // the ignored-event test logs on purpose
  sandbox = new Sandbox({ today });
  site = sandbox.jira.site;
  retryPolicy.sleep = async () => undefined;
});
afterEach(() => {
  sandbox.close();
  jest.restoreAllMocks();
});

/** Closes a sprint the way Jira does before it sends the event. */
function closeSprint(sprint: JiraSprint): void {
  sprint.state = 'closed';
  sprint.completeDate = today.toISOString();
}

describe('the sprint-closed trigger', () => {
  it('writes a snapshot of the closed sprint once, however often the event arrives', async () => {
    const sprint = sprintOf(BOARD_IDS.INV, 'active');
    closeSprint(sprint);
    const event = { eventType: 'avi:jira-software:closed:sprint', sprint: { id: String(sprint.id), originBoardId: BOARD_IDS.INV, state: 'closed', name: sprint.name } };

    expect(await sandbox.fireTrigger('sprint-closed', event)).toEqual({ outcome: 'recorded', sprintId: sprint.id, boardId: BOARD_IDS.INV });
    expect(await sandbox.fireTrigger('sprint-closed', event)).toEqual({ outcome: 'already-recorded', sprintId: sprint.id, boardId: BOARD_IDS.INV });

    const snapshot = await sandbox.asApp(() => getSnapshot(sprint.id));
    expect(snapshot).toMatchObject({
      boardId: BOARD_IDS.INV,
      sprintId: sprint.id,
      endedAt: Math.floor(today.getTime() / 1000),
      shape: { version: 1, source: 'sprint-closed', sprint: { name: sprint.name }, estimationFieldId: 'customfield_10016' },
    });
    expect(snapshot!.shape.totals.counts.Unclassified).toBeGreaterThan(0);
    expect(await sandbox.asApp(() => latestSnapshots(BOARD_IDS.INV, 10))).toHaveLength(1);
  });

  it('runs as the app: no Jira call is made as a user', async () => {
    const sprint = sprintOf(BOARD_IDS.PAY, 'active');
    closeSprint(sprint);
    sandbox.clearLogs();
    await sandbox.fireTrigger('sprint-closed', { sprint: { id: String(sprint.id), state: 'closed' } });
    expect(sandbox.jiraLink.log.length).toBeGreaterThan(0);
    expect(sandbox.jiraLink.log.every((r) => r.asUser === null)).toBe(true);
  });

  it('ignores an event for a sprint Jira says is not closed, and an event without a sprint id', async () => {
    const sprint = sprintOf(BOARD_IDS.INV, 'active');
    expect(await sandbox.fireTrigger('sprint-closed', { sprint: { id: String(sprint.id), state: 'closed' } })).toMatchObject({ outcome: 'ignored' });
    expect(await sandbox.fireTrigger('sprint-closed', { sprint: { name: 'no id' } })).toEqual({ outcome: 'invalid-event' });
    expect(snapshotWrites()).toHaveLength(0);
  });

  it('shows the new snapshot at the end of the trend', async () => {
    const sprint = sprintOf(BOARD_IDS.INV, 'active');
    closeSprint(sprint);
    await sandbox.fireTrigger('sprint-closed', { sprint: { id: String(sprint.id), state: 'closed' } });
    const result = (await trend(BOARD_IDS.INV)) as { ok: true; data: { points: Array<{ sprint: { id: number } }>; backfilled: number } };
    expect(result.data.points.at(-1)!.sprint.id).toBe(sprint.id);
    expect(result.data.backfilled).toBe(4); // the four seeded closed sprints predate the app
  });
});

describe('sprintShape.trend and its backfill', () => {
  it("backfills the board's closed sprints on first view, oldest first, and reads snapshots after", async () => {
    const first = (await trend(BOARD_IDS.PAY)) as { ok: true; data: { points: Array<{ sprint: { id: number; state: string }; byCount: { percents: Record<string, number> } }>; backfilled: number } };
    expect(first.ok).toBe(true);
    const closed = site.sprints.filter((s) => s.boardId === BOARD_IDS.PAY && s.state === 'closed').map((s) => s.id);
    expect(first.data.points.map((p) => p.sprint.id)).toEqual(closed);
    expect(first.data.backfilled).toBe(closed.length);
    for (const point of first.data.points) expect(Object.values(point.byCount.percents).reduce((a, b) => a + b, 0)).toBe(100);
    // Payments' story: corrective work is the largest share in every closed sprint.
    for (const point of first.data.points) {
      expect(point.byCount.percents.Corrective).toBeGreaterThan(point.byCount.percents.Innovative);
    }

    sandbox.clearLogs();
    const second = (await trend(BOARD_IDS.PAY)) as { ok: true; data: { backfilled: number; points: unknown[] } };
    expect(second.data).toEqual({ ...first.data, backfilled: 0 });
    expect(snapshotWrites()).toHaveLength(0);
    expect(sandbox.jiraLink.log.some((r) => r.path.startsWith('/rest/api/3/search/jql'))).toBe(false);
  });

  it('stores each sprint once when two first views backfill at the same time', async () => {
    sandbox.clearLogs();
    const [a, b] = await Promise.all([trend(BOARD_IDS.INV), trend(BOARD_IDS.INV, SEED_USERS.productLead)]);
    expect(a).toMatchObject({ ok: true });
    expect((a as { data: { points: unknown } }).data.points).toEqual((b as { data: { points: unknown } }).data.points);
    // Both views tried to write each sprint; the conditional transaction let exactly one write through per sprint.
    const attempts = snapshotWrites();
    const closedCount = site.sprints.filter((s) => s.boardId === BOARD_IDS.INV && s.state === 'closed').length;
    expect(attempts.filter((r) => r.status === 204)).toHaveLength(closedCount);
    expect(attempts.length).toBeGreaterThan(closedCount);
    const stored = await sandbox.asApp(() => latestSnapshots(BOARD_IDS.INV, 20));
    expect(stored.map((s) => s.sprintId).sort()).toEqual(
      site.sprints.filter((s) => s.boardId === BOARD_IDS.INV && s.state === 'closed').map((s) => s.id).sort(),
    );
  });

  it('refuses the trend of a board the user cannot see, and backfills nothing for it', async () => {
    expect(await trend(BOARD_IDS.OPS, SEED_USERS.restricted)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(snapshotWrites()).toHaveLength(0);
  });

  it('has no trend for a kanban board', async () => {
    expect(await trend(BOARD_IDS.OPS)).toEqual({ ok: true, data: { points: [], backfilled: 0 } });
  });
});
