/**
 * The sprint-shape gadget's resolvers through the real `getDefinitions()` handler, against the seeded sandbox:
 * each state the view can be in, who may see what, bad configurations, and what the data path costs.
 */
import { Sandbox } from '../sandbox/sandbox';
import { BOARD_IDS, SEED_USERS, STORY_POINTS_FIELD_ID, WORK_TYPE_FIELD_ID } from '../sandbox/seed';
import type { JiraSite } from '../sandbox/jira/model';
import { retryPolicy } from '../../src/jira/client';
import { forgetWorkTypeFieldId } from '../../src/jira/fields';
import { forgetBoardEstimations } from '../../src/jira/boards';
import type { GadgetConfig, SprintShapeView } from '../../src/contract/sprint-shape';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let site: JiraSite;

const gadget = (accountId: string | null = SEED_USERS.engineer) => ({ accountId, moduleKey: 'sprint-shape', extension: {} });
const TARGET = { Innovative: 50, Corrective: 25, Enabling: 25 };
const config = (overrides: Partial<GadgetConfig> = {}): GadgetConfig => ({
  boardId: BOARD_IDS.INV,
  sprint: { kind: 'active' },
  target: TARGET,
  measure: 'estimate',
  driftThreshold: 10,
  ...overrides,
});
const view = async (cfg: unknown, accountId: string = SEED_USERS.engineer) => sandbox.invoke(gadget(accountId), 'sprintShape.get', { config: cfg });
const ready = (result: unknown): Extract<SprintShapeView, { state: 'ready' }> => {
  const r = result as { ok: boolean; data: SprintShapeView };
  expect(r).toMatchObject({ ok: true, data: { state: 'ready' } });
  return r.data as Extract<SprintShapeView, { state: 'ready' }>;
};
const sprintOf = (boardId: number, state: 'active' | 'future' | 'closed') => site.sprints.find((s) => s.boardId === boardId && s.state === state)!;
const writes = () => sandbox.storageLink.log.filter((r) => !/\/(get|query)$/.test(r.path));

/** What the shape should count, straight from the site: parent-level issues ever in the sprint. */
const membersOf = (sprintId: number) => {
  const subtaskTypes = new Set(site.issueTypes.filter((t) => t.subtask).map((t) => t.id));
  return site.issues.filter((i) => i.sprintIds.includes(sprintId) && !subtaskTypes.has(i.issueTypeId));
};

beforeAll(() => {
  sandbox = new Sandbox({ today });
  site = sandbox.jira.site;
  retryPolicy.sleep = async () => undefined;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.jiraLink.clearFaults();
  sandbox.setLatency(0);
  forgetWorkTypeFieldId();
  forgetBoardEstimations();
});

describe('sprintShape.get: the stories the seed tells', () => {
  it("shows Payments drowning in corrective work: drift past the threshold, with a warning", async () => {
    const shape = ready(await view(config({ boardId: BOARD_IDS.PAY })));
    expect(shape.sprint.id).toBe(sprintOf(BOARD_IDS.PAY, 'active').id);
    expect(shape.measure).toBe('estimate');
    expect(shape.estimationField).toEqual({ fieldId: STORY_POINTS_FIELD_ID, name: 'Story Points' });
    const reading = shape.readings.estimate!;
    expect(reading.drift!.Corrective).toBeGreaterThan(10);
    const corrective = shape.shape.byEstimate!.classified.percents.Corrective;
    expect(reading.warnings).toContainEqual({
      kind: 'drift',
      workType: 'Corrective',
      classifiedPercent: corrective,
      targetPercent: 25,
      drift: corrective - 25,
    });
  });

  it('answers drift and warnings in both measures, each against the shares of classified work it reports', async () => {
    const shape = ready(await view(config({ boardId: BOARD_IDS.PAY, measure: 'count' })));
    expect(shape.measure).toBe('count');
    for (const [measured, reading] of [
      [shape.shape.byCount, shape.readings.count],
      [shape.shape.byEstimate!, shape.readings.estimate!],
    ] as const) {
      const classifiedTotal = measured.amounts.Innovative + measured.amounts.Corrective + measured.amounts.Enabling;
      expect(measured.classified.total).toBe(classifiedTotal);
      for (const type of ['Innovative', 'Corrective', 'Enabling'] as const) {
        expect(reading.drift![type]).toBe(measured.classified.percents[type] - TARGET[type]);
        // The share of classified work is not the share of the sprint when some work is unclassified.
        expect(Math.abs(measured.classified.percents[type] - (measured.amounts[type] / classifiedTotal) * 100)).toBeLessThan(1);
      }
    }
    expect(shape.readings.count.warnings.some((w) => w.kind === 'missing-estimates')).toBe(false);
    expect(shape.readings.estimate!.warnings.some((w) => w.kind === 'missing-estimates')).toBe(shape.shape.missingEstimates > 0);
  });

  it('shows Invoicing balanced but with much of its active sprint unclassified', async () => {
    const shape = ready(await view(config()));
    for (const drift of Object.values(shape.readings.estimate!.drift!)) expect(Math.abs(drift)).toBeLessThanOrEqual(10);
    const unclassified = shape.readings.estimate!.warnings.find((w) => w.kind === 'unclassified');
    expect(unclassified).toMatchObject({ kind: 'unclassified' });
    expect(shape.shape.byEstimate!.percents.Unclassified).toBeGreaterThanOrEqual(25);
  });

  it('counts parent-level issues only, by count and by story points, exactly as the site holds them', async () => {
    const sprint = sprintOf(BOARD_IDS.INV, 'active');
    const members = membersOf(sprint.id);
    const shape = ready(await view(config({ measure: 'count' })));
    expect(shape.measure).toBe('count');
    expect(shape.shape.issueCount).toBe(members.length);
    const unclassified = members.filter((i) => i.customFields[WORK_TYPE_FIELD_ID] == null);
    expect(shape.shape.byCount.amounts.Unclassified).toBe(unclassified.length);
    const points = members.reduce((sum, i) => sum + (typeof i.customFields[STORY_POINTS_FIELD_ID] === 'number' ? (i.customFields[STORY_POINTS_FIELD_ID] as number) : 0), 0);
    expect(shape.shape.byEstimate!.total).toBe(points);
    expect(shape.shape.missingEstimates).toBe(members.filter((i) => typeof i.customFields[STORY_POINTS_FIELD_ID] !== 'number').length);
    // The site has sub-tasks in this sprint; they are not counted.
    expect(site.issues.filter((i) => i.sprintIds.includes(sprint.id)).length).toBeGreaterThan(members.length);
    for (const measured of [shape.shape.byCount, shape.shape.byEstimate!]) {
      expect(Object.values(measured.percents).reduce((a, b) => a + b, 0)).toBe(100);
    }
  });

  it('links each segment to JQL a person would write: the sprint and the field by name', async () => {
    const shape = ready(await view(config()));
    const name = shape.sprint.name;
    expect(shape.segmentJql.Corrective).toBe(`sprint = "${name}" AND issuetype not in subTaskIssueTypes() AND "Work type" = Corrective`);
    expect(shape.segmentJql.Unclassified).toBe(`sprint = "${name}" AND issuetype not in subTaskIssueTypes() AND "Work type" IS EMPTY`);
  });

  it("each segment's JQL finds exactly the issues the shape counts in it, as the same user", async () => {
    const shape = ready(await view(config({ measure: 'count' })));
    for (const segment of ['Innovative', 'Corrective', 'Enabling', 'Unclassified'] as const) {
      const result = (await sandbox.jira.handle({
        method: 'POST',
        path: '/rest/api/3/search/jql',
        headers: {},
        body: JSON.stringify({ jql: shape.segmentJql[segment], fields: ['id'], maxResults: 5000 }),
        asUser: SEED_USERS.engineer,
      })) as { status: number; body: { issues: unknown[] } };
      expect({ segment, status: result.status, count: result.body.issues.length }).toEqual({
        segment,
        status: 200,
        count: shape.shape.byCount.amounts[segment],
      });
    }
  });

  it('falls back to cf[N] when another field has the Work type field’s name, and to the sprint id for a name of digits', async () => {
    const sprint = sprintOf(BOARD_IDS.INV, 'active');
    const originalName = sprint.name;
    site.customFields.push({ ...site.customFields.find((f) => f.id === WORK_TYPE_FIELD_ID)!, id: 'customfield_19999', schemaCustom: 'com.example:other', appOwned: false });
    sprint.name = '2026';
    try {
      const shape = ready(await view(config()));
      expect(shape.segmentJql.Enabling).toBe(`sprint = ${sprint.id} AND issuetype not in subTaskIssueTypes() AND cf[10050] = Enabling`);
    } finally {
      site.customFields.pop();
      sprint.name = originalName;
    }
  });

  it('follows the next future sprint for planning', async () => {
    const shape = ready(await view(config({ sprint: { kind: 'next' } })));
    expect(shape.sprint).toMatchObject({ id: sprintOf(BOARD_IDS.INV, 'future').id, state: 'future' });
  });

  it('follows a specific closed sprint of the board', async () => {
    const closed = sprintOf(BOARD_IDS.PAY, 'closed');
    const shape = ready(await view(config({ boardId: BOARD_IDS.PAY, sprint: { kind: 'sprint', sprintId: closed.id } })));
    expect(shape.sprint).toMatchObject({ id: closed.id, state: 'closed' });
  });

  it('reads the board, the sprint, its ids and its issues as the user, in at most three sequential round trips', async () => {
    await view(config()); // warm the field-id and estimation caches
    sandbox.setLatency(20);
    sandbox.clearLogs();
    await view(config());
    sandbox.setLatency(0);
    const log = sandbox.jiraLink.log;
    expect(log.every((r) => r.asUser === SEED_USERS.engineer)).toBe(true);
    expect(log.filter((r) => r.path.startsWith('/rest/api/3/search/jql'))).toHaveLength(1);
    expect(log.filter((r) => r.path.startsWith('/rest/api/3/issue/bulkfetch')).length).toBe(1);
    const { sequentialDepth } = await import('../sandbox/instrument');
    expect(sequentialDepth(log)).toBe(3);
  });
});

describe('sprintShape.get: states that say what to do', () => {
  it('says a kanban board has no sprints', async () => {
    expect(await view(config({ boardId: BOARD_IDS.OPS }))).toMatchObject({ ok: true, data: { state: 'no-sprints', board: { type: 'kanban' } } });
  });

  it('offers the future sprint when there is no active one, and says so when there is none to plan', async () => {
    const board = { ...site.boards.find((b) => b.id === BOARD_IDS.INV)!, id: 40, name: 'Invoicing planning' };
    site.boards.push(board);
    try {
      expect(await view(config({ boardId: 40 }))).toMatchObject({ ok: true, data: { state: 'no-active-sprint', nextSprint: null } });
      expect(await view(config({ boardId: 40, sprint: { kind: 'next' } }))).toMatchObject({ ok: true, data: { state: 'no-future-sprint' } });
      site.sprints.push({ id: 900, boardId: 40, name: 'Planning 1', state: 'future', goal: '', createdDate: today.toISOString() });
      expect(await view(config({ boardId: 40 }))).toMatchObject({
        ok: true,
        data: { state: 'no-active-sprint', nextSprint: { id: 900, name: 'Planning 1', state: 'future' } },
      });
      expect(await view(config({ boardId: 40, sprint: { kind: 'next' } }))).toMatchObject({
        ok: true,
        data: { state: 'empty-sprint', sprint: { id: 900 } },
      });
    } finally {
      site.boards.splice(site.boards.indexOf(board), 1);
      site.sprints.splice(site.sprints.findIndex((s) => s.id === 900), 1);
    }
  });

  it('refuses a board the user cannot see, showing nothing of it', async () => {
    const result = await view(config({ boardId: BOARD_IDS.OPS }), SEED_USERS.restricted);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(JSON.stringify(result)).not.toContain('Platform board');
  });

  it('refuses a sprint from another board', async () => {
    const paySprint = sprintOf(BOARD_IDS.PAY, 'active');
    const result = await view(config({ sprint: { kind: 'sprint', sprintId: paySprint.id } }));
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(JSON.stringify(result)).not.toContain(paySprint.name);
  });

  it('answers not-found for a board that does not exist', async () => {
    expect(await view(config({ boardId: 9999 }))).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('retries a 429 and still answers; past what a resolver can wait, says how long to wait', async () => {
    sandbox.jiraLink.injectFault({ status: 429, retryAfterSeconds: 1, times: 1 });
    ready(await view(config()));
    sandbox.jiraLink.injectFault({ status: 429, retryAfterSeconds: 40, times: Infinity });
    expect(await view(config())).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAfterSeconds: 40 } });
  });
});

describe('bad configurations are refused with invalid-input, before Jira is asked', () => {
  it.each([
    ['a board id that is not a number', { boardId: 'INV' }],
    ['no board', { boardId: undefined }],
    ['targets not adding to 100', { target: { Innovative: 50, Corrective: 25, Enabling: 20 } }],
    ['a negative target', { target: { Innovative: 110, Corrective: -10, Enabling: 0 } }],
    ['a threshold of 0', { driftThreshold: 0 }],
    ['a threshold over 50', { driftThreshold: 51 }],
    ['an unknown sprint choice', { sprint: { kind: 'last' } }],
    ['an unknown measure', { measure: 'hours' }],
  ])('%s', async (_what, overrides) => {
    sandbox.clearLogs();
    const result = await view({ ...config(), ...overrides });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(sandbox.jiraLink.log).toHaveLength(0);
    expect(writes()).toHaveLength(0);
  });
});

describe('sprintShape.sprints and sprintShape.checkConfig (the edit view)', () => {
  it("lists the board's active, then future, then latest closed sprints", async () => {
    const result = (await sandbox.invoke(gadget(), 'sprintShape.sprints', { boardId: BOARD_IDS.PAY })) as {
      ok: true;
      data: { sprints: Array<{ state: string; id: number }> };
    };
    expect(result.data.sprints.map((s) => s.state)).toEqual(['active', 'future', 'closed', 'closed', 'closed', 'closed']);
    expect(result.data.sprints.every((s) => site.sprints.find((x) => x.id === s.id)?.boardId === BOARD_IDS.PAY)).toBe(true);
  });

  it('lists no sprints for a kanban board, and refuses a board the user cannot see', async () => {
    expect(await sandbox.invoke(gadget(), 'sprintShape.sprints', { boardId: BOARD_IDS.OPS })).toMatchObject({ ok: true, data: { sprints: [] } });
    expect(await sandbox.invoke(gadget(SEED_USERS.restricted), 'sprintShape.sprints', { boardId: BOARD_IDS.OPS })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('accepts a good configuration and names its sprint', async () => {
    const result = await sandbox.invoke(gadget(), 'sprintShape.checkConfig', { config: config() });
    expect(result).toMatchObject({ ok: true, data: { board: { id: BOARD_IDS.INV }, sprint: { id: sprintOf(BOARD_IDS.INV, 'active').id } } });
  });

  it('refuses a sprint from another board, a missing board, and a bad target', async () => {
    const paySprint = sprintOf(BOARD_IDS.PAY, 'future');
    expect(await sandbox.invoke(gadget(), 'sprintShape.checkConfig', { config: config({ sprint: { kind: 'sprint', sprintId: paySprint.id } }) })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await sandbox.invoke(gadget(), 'sprintShape.checkConfig', { config: config({ boardId: 4242 }) })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(
      await sandbox.invoke(gadget(), 'sprintShape.checkConfig', { config: { ...config(), target: { Innovative: 40, Corrective: 40, Enabling: 40 } } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { 'config.target': expect.stringContaining('120') } } });
  });
});

describe('settings.targetMix', () => {
  it('gives everyone the app default until an admin saves one; only an admin may save', async () => {
    expect(await sandbox.invoke(gadget(), 'settings.targetMix.get', {})).toEqual({
      ok: true,
      data: { target: TARGET, isDefault: true, updatedAt: null },
    });
    sandbox.clearLogs();
    const refused = await sandbox.invoke(gadget(), 'settings.targetMix.save', { target: { Innovative: 60, Corrective: 20, Enabling: 20 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(writes()).toHaveLength(0);

    const bad = await sandbox.invoke(gadget(SEED_USERS.admin), 'settings.targetMix.save', { target: { Innovative: 60, Corrective: 30, Enabling: 20 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(writes()).toHaveLength(0);

    const saved = await sandbox.invoke({ ...gadget(SEED_USERS.admin), moduleKey: 'settings' }, 'settings.targetMix.save', {
      target: { Innovative: 60, Corrective: 20, Enabling: 20 },
    });
    expect(saved).toMatchObject({ ok: true, data: { target: { Innovative: 60 }, isDefault: false } });
    expect(await sandbox.invoke(gadget(SEED_USERS.restricted), 'settings.targetMix.get', {})).toMatchObject({
      ok: true,
      data: { target: { Innovative: 60, Corrective: 20, Enabling: 20 }, isDefault: false },
    });
  });
});
