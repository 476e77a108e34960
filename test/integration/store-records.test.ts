/**
 * Stored records that do not match their schema, of every kind the store keeps, written through the real
 * @forge/kvs and @forge/sql SDKs into the sandbox's storage and database: each is reported once, by kind and
 * id, in the same words, and the read around it carries on with the records it can read. Where a caller must
 * not treat an unreadable record as missing, it gets an UnreadableRecordError instead; and records a later
 * version might write (a new state, source, route or kind of rule) still read.
 */
import { kvs } from '@forge/kvs';
import { sql } from '@forge/sql';
import { Sandbox } from '../sandbox/sandbox';
import { BOARD_IDS, SEED_USERS } from '../sandbox/seed';
import { seedAppData, seededSignalId } from '../sandbox/seed/app-data';
import type { JiraSprint } from '../sandbox/jira/model';
import { retryPolicy } from '../../src/jira/client';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { UnreadableRecordError } from '../../src/store/stored-record';
import { createSignalOnce, getSignal, signalKey } from '../../src/store/signal-repository';
import { getSignals, recentSignals } from '../../src/store/signal-reads';
import { findDecisionByIssueKey, getDecision, saveDecisions, WORK_TYPE_DECISION_ENTITY } from '../../src/store/work-type-decision-repository';
import {
  createSnapshotOnce,
  getSnapshot,
  latestSnapshots,
  snapshotKey,
  SPRINT_SNAPSHOT_ENTITY,
  type SprintSnapshot,
} from '../../src/store/sprint-snapshot-repository';
import { readSuggestionRules } from '../../src/store/suggestion-rules-store';
import { readTargetMix } from '../../src/store/target-mix-store';
import { readIntakeSecret, readIntakeSecretRotatedAt } from '../../src/store/settings-store';

const today = new Date('2026-11-26T10:00:00Z');
const nowSeconds = Math.floor(today.getTime() / 1000);
let sandbox: Sandbox;
let warnings: string[];

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  retryPolicy.sleep = async () => undefined;
  storageRetryPolicy.sleep = async () => undefined;
  await seedAppData(sandbox, today);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  warnings = [];
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  });
});
afterEach(() => jest.restoreAllMocks());

const app = <T>(work: () => Promise<T>): Promise<T> => sandbox.asApp(work);
/** The one warning shape every kind shares. */
const reported = (kind: string, id: string, issue: RegExp | string) =>
  expect.stringMatching(new RegExp(`^stored ${kind} ${id.replace(/[.:]/g, '\\$&')} does not match its schema: ${typeof issue === 'string' ? issue : issue.source}`));

describe('signals', () => {
  const corruptId = signalKey('form', 'corrupt-signal-1');
  const good = seededSignalId('form-966'); // state 'new', received today
  /** A statement the app never sends, as a hand edit or an older version's bug would leave the row. */
  const statement = (query: string, ...params: (string | number | null)[]) => app(() => sql.prepare(query).bindParams(...params).execute());

  beforeAll(async () => {
    // Newer than every seeded 'new' signal, so it sits first in the state's page; then its source is blanked.
    const written = { externalId: 'corrupt-signal-1', source: 'form', state: 'new', receivedAt: nowSeconds + 60, customer: 'Tidewater', text: 'x', raisedByName: 'Feedback form' } as const;
    await app(() => createSignalOnce(written));
    await statement("UPDATE `signal` SET source = '' WHERE id = ?", corruptId);
  });

  it('getSignals reports the unreadable one by id and returns the others', async () => {
    const signals = await app(() => getSignals([good, corruptId]));
    expect([...signals.keys()]).toEqual([good]);
    expect(warnings).toEqual([reported('signal', corruptId, 'source: ')]);
  });

  it('recentSignals leaves it out of the page and keeps the rest', async () => {
    const page = await app(() => recentSignals('new', 20));
    expect(page.map((s) => s.id)).toContain(good);
    expect(page.map((s) => s.id)).not.toContain(corruptId);
    expect(warnings).toEqual([reported('signal', corruptId, 'source: ')]);
  });

  it("getSignal throws UnreadableRecordError, so intake does not call the unreadable record a duplicate", async () => {
    await expect(app(() => getSignal(corruptId))).rejects.toBeInstanceOf(UnreadableRecordError);
    const redelivery = { externalId: 'corrupt-signal-1', source: 'form', state: 'new', receivedAt: nowSeconds, customer: 'Tidewater', text: 'x', raisedByName: 'Feedback form' } as const;
    await expect(app(() => createSignalOnce(redelivery))).rejects.toMatchObject({ name: 'UnreadableRecordError', kind: 'signal', id: corruptId });
    expect(warnings).toEqual([reported('signal', corruptId, 'source: '), reported('signal', corruptId, 'source: ')]);
  });

  it('reads a signal with a state, source and route a later version might add, the unknown route as none', async () => {
    const id = signalKey('email', 'later-1');
    // Written by hand: today's write schema refuses all three values, as it should.
    await statement(
      'INSERT INTO `signal` (id, source, external_id, state, received_at, customer, text, raised_by_name, route, category, cluster_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      id,
      'email',
      'later-1',
      'clustered',
      nowSeconds * 1000,
      'Tidewater',
      'From a later version',
      'Ana Ruiz (Support)',
      'merged-into-cluster',
      'request',
      'cluster-1',
      nowSeconds * 1000,
    );
    const signal = (await app(() => getSignals([id]))).get(id);
    expect(signal).toMatchObject({ id, source: 'email', state: 'clustered', text: 'From a later version', receivedAt: nowSeconds });
    expect(signal?.route).toBeUndefined();
    expect(await app(() => getSignal(id))).toMatchObject({ state: 'clustered' });
    expect(warnings).toEqual([]);
  });
});

// Unreadable discovery-note and engineering-input rows, and statuses and kinds a later version adds, are covered
// by discovery-note-store.test.ts, next to the SQL repository that reads them.

describe('work-type decisions', () => {
  it('an unreadable decision reads as none, and does not hide a readable one for the same issue key', async () => {
    const decidedAt = new Date(today.getTime() - 3600_000);
    await app(() => saveDecisions([{ issueId: '90001', issueKey: 'PAY-9001', workType: 'Corrective', setByAccountId: SEED_USERS.engineer, setAt: decidedAt, acceptedSuggestion: true }]));
    // Newer, for the same key (as after a move), with a work type no version of Upstream writes.
    await app(() =>
      kvs.entity(WORK_TYPE_DECISION_ENTITY).set('90002', {
        issueId: '90002',
        issueKey: 'PAY-9001',
        workType: 'Urgent',
        setByAccountId: SEED_USERS.engineer,
        setAt: nowSeconds,
        acceptedSuggestion: false,
      }),
    );
    expect(await app(() => getDecision('90002'))).toBeNull();
    expect(await app(() => findDecisionByIssueKey('PAY-9001'))).toMatchObject({ issueId: '90001', workType: 'Corrective' });
    expect(warnings).toEqual([reported('work-type-decision', '90002', 'workType: '), reported('work-type-decision', '90002', 'workType: ')]);
  });
});

describe('sprint snapshots', () => {
  const closedSprints = (): JiraSprint[] =>
    sandbox.jira.site.sprints.filter((s) => s.boardId === BOARD_IDS.PAY && s.state === 'closed').sort((a, b) => a.id - b.id);

  it('the trend reports an unreadable snapshot, still draws every sprint, and leaves the record as it was', async () => {
    const first = await sandbox.invoke({ accountId: SEED_USERS.engineer, moduleKey: 'sprint-shape', extension: {} }, 'sprintShape.trend', { boardId: BOARD_IDS.PAY });
    expect(first).toMatchObject({ ok: true });
    const points = (first as { data: { points: unknown[] } }).data.points.length;
    expect(points).toBeGreaterThan(1);

    const broken = closedSprints()[closedSprints().length - 1];
    const key = snapshotKey(broken.id);
    const stored = (await app(() => getSnapshot(broken.id)))!;
    const corrupt = { ...stored, shape: { ...stored.shape, totals: { ...stored.shape.totals, counts: 'lost' } } };
    await app(() => kvs.entity(SPRINT_SNAPSHOT_ENTITY).set(key, corrupt));
    warnings = [];

    const latest = await app(() => latestSnapshots(BOARD_IDS.PAY, 10));
    expect(latest).toHaveLength(points - 1);
    expect(latest.map((s) => s.sprintId)).not.toContain(broken.id);

    const again = await sandbox.invoke({ accountId: SEED_USERS.engineer, moduleKey: 'sprint-shape', extension: {} }, 'sprintShape.trend', { boardId: BOARD_IDS.PAY });
    expect(again).toMatchObject({ ok: true });
    expect((again as { data: { points: unknown[] } }).data.points).toHaveLength(points);
    expect(warnings.length).toBeGreaterThan(0);
    expect(new Set(warnings)).toEqual(new Set([reported('sprint-snapshot', key, 'shape.totals.counts: ')]));
    expect(await app(() => kvs.entity(SPRINT_SNAPSHOT_ENTITY).get(key))).toEqual(corrupt);
  });

  it('getSnapshot throws UnreadableRecordError; createSnapshotOnce lets the computed one stand in without overwriting', async () => {
    const sprintId = 777001;
    const corrupt = { boardId: BOARD_IDS.INV, sprintId, endedAt: nowSeconds, shape: { version: 2 } };
    await app(() => kvs.entity(SPRINT_SNAPSHOT_ENTITY).set(snapshotKey(sprintId), corrupt));
    await expect(app(() => getSnapshot(sprintId))).rejects.toBeInstanceOf(UnreadableRecordError);

    const computed: SprintSnapshot = {
      boardId: BOARD_IDS.INV,
      sprintId,
      endedAt: nowSeconds,
      shape: {
        version: 1,
        sprint: { name: 'INV Sprint X', startDate: null, endDate: null, completeDate: null },
        totals: {
          counts: { Innovative: 1, Corrective: 0, Enabling: 0, Unclassified: 0 },
          estimates: null,
          issueCount: 1,
          doneCount: 1,
          missingEstimates: 0,
        },
        estimationFieldId: null,
        source: 'backfill',
        takenAt: today.toISOString(),
      },
    };
    expect(await app(() => createSnapshotOnce(computed))).toEqual({ snapshot: computed, created: false });
    expect(await app(() => kvs.entity(SPRINT_SNAPSHOT_ENTITY).get(snapshotKey(sprintId)))).toEqual(corrupt);
    expect(warnings).toEqual([reported('sprint-snapshot', snapshotKey(sprintId), 'shape.version: '), reported('sprint-snapshot', snapshotKey(sprintId), 'shape.version: ')]);
  });
});

describe('settings kept under plain keys', () => {
  afterEach(() =>
    app(async () => {
      await kvs.delete('settings:suggestion-rules');
      await kvs.delete('settings:target-mix');
      await kvs.delete('settings:intake-secret-rotated-at');
      await kvs.deleteSecret('signal-intake-secret');
    }),
  );

  it('suggestion rules that do not validate are reported and read as corrupt; a later kind of rule is ignored', async () => {
    await app(() => kvs.set('settings:suggestion-rules', { rules: { issueTypes: { Bug: 'Urgent' }, labels: {}, keywords: {} }, updatedAt: today.toISOString(), updatedBy: SEED_USERS.admin }));
    expect(await app(() => readSuggestionRules())).toEqual({ state: 'corrupt' });
    expect(warnings).toEqual([reported('suggestion-rules', 'settings:suggestion-rules', 'rules.issueTypes.Bug: ')]);

    const rules = { issueTypes: { Bug: 'Corrective' }, labels: {}, keywords: { upgrade: 'Enabling' } };
    await app(() => kvs.set('settings:suggestion-rules', { rules: { ...rules, components: { Billing: 'Innovative' } }, updatedAt: today.toISOString(), updatedBy: SEED_USERS.admin }));
    expect(await app(() => readSuggestionRules())).toEqual({ state: 'stored', rules, updatedAt: today.toISOString(), updatedBy: SEED_USERS.admin });
    expect(await sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.rules.get', {})).toMatchObject({
      ok: true,
      data: { rules, isDefault: false },
    });
  });

  it('a target mix that does not add up to 100 is reported and the app default is used', async () => {
    await app(() => kvs.set('settings:target-mix', { target: { Innovative: 60, Corrective: 30, Enabling: 20 }, updatedAt: today.toISOString() }));
    expect(await app(() => readTargetMix())).toBeNull();
    expect(warnings).toEqual([reported('target-mix', 'settings:target-mix', 'target: The target adds up to 110 %')]);
    expect(await sandbox.invoke({ accountId: SEED_USERS.engineer, moduleKey: 'sprint-shape', extension: {} }, 'settings.targetMix.get', {})).toMatchObject({
      ok: true,
      data: { isDefault: true },
    });
  });

  it('an intake secret or rotation time that is not what was written is reported and counts as none', async () => {
    await app(async () => {
      await kvs.setSecret('signal-intake-secret', 42);
      await kvs.set('settings:intake-secret-rotated-at', 'last Tuesday');
    });
    expect(await app(() => readIntakeSecret())).toBeNull();
    expect(await app(() => readIntakeSecretRotatedAt())).toBeNull();
    expect(warnings).toEqual([
      reported('setting', 'signal-intake-secret', ''),
      reported('setting', 'settings:intake-secret-rotated-at', ''),
    ]);
    expect(await sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.overview', {})).toEqual({
      ok: true,
      data: { intakeSecretConfigured: false, intakeSecretRotatedAt: null },
    });
  });
});
