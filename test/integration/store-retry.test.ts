/**
 * Storage faults inside src/store: every repository function that reaches Forge storage retries a 429 or 5xx
 * (through the real @forge/kvs SDK against the sandbox's storage link), a fault that outlasts the retries
 * becomes an AppError a person can act on, and answers that are not faults — a failed transaction condition,
 * a refused request — keep their meaning and are not retried.
 */
import { ForgeKvsAPIError } from '@forge/kvs';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { seedAppData, seededSignalId } from '../sandbox/seed/app-data';
import type { FaultStatus } from '../sandbox/instrument';
import { AppError } from '../../src/errors';
import { storageRetryPolicy, withStorageRetry } from '../../src/store/kvs-retry';
import * as settingsStore from '../../src/store/settings-store';
import * as signalRepository from '../../src/store/signal-repository';
import * as signalReads from '../../src/store/signal-reads';
import * as discoveryNotes from '../../src/store/discovery-note-repository';
import * as decisions from '../../src/store/work-type-decision-repository';
import * as snapshots from '../../src/store/sprint-snapshot-repository';
import * as suggestionRules from '../../src/store/suggestion-rules-store';
import * as targetMix from '../../src/store/target-mix-store';

const today = new Date('2026-11-26T10:00:00Z');
const nowSeconds = Math.floor(today.getTime() / 1000);
let sandbox: Sandbox;
let waits: number[];

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  await seedAppData(sandbox, today);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  waits = [];
  storageRetryPolicy.sleep = async (ms) => {
    waits.push(ms);
  };
  sandbox.storageLink.clearFaults();
  sandbox.clearLogs();
});

const app = <T>(work: () => Promise<T>): Promise<T> => sandbox.asApp(work);
const requestsTo = (path: string): number => sandbox.storageLink.log.filter((r) => r.path === path).length;

const snapshot = (sprintId: number): snapshots.SprintSnapshot => ({
  boardId: 1,
  sprintId,
  endedAt: nowSeconds,
  shape: {
    version: 1,
    sprint: { name: `Sprint ${sprintId}`, startDate: null, endDate: null, completeDate: null },
    totals: { counts: { Innovative: 1, Corrective: 1, Enabling: 0, Unclassified: 0 }, estimates: null, issueCount: 2, doneCount: 2, missingEstimates: 0 },
    estimationFieldId: null,
    source: 'backfill',
    takenAt: today.toISOString(),
  },
});
const signal = (externalId: string): signalRepository.StoredSignal => ({
  externalId,
  source: 'crm',
  state: 'new',
  receivedAt: nowSeconds,
  customer: 'Tidewater',
  text: 'Please retry me.',
  raisedByName: 'Jordan Reyes',
});

/** Every function of the store that reaches storage, with the storage path its (first) request goes to. */
const REACHES_STORAGE: Record<string, [path: string, call: (n: number) => Promise<unknown>]> = {
  readIntakeSecret: ['/api/v1/secret/get', () => settingsStore.readIntakeSecret()],
  readIntakeSecretRotatedAt: ['/api/v1/get', () => settingsStore.readIntakeSecretRotatedAt()],
  writeIntakeSecret: ['/api/v1/secret/set', () => settingsStore.writeIntakeSecret('s3cret-s3cret-s3cret-s3cret-s3cret', today.toISOString())],
  readSuggestionRules: ['/api/v1/get', () => suggestionRules.readSuggestionRules()],
  writeSuggestionRules: ['/api/v1/set', () => suggestionRules.writeSuggestionRules({ issueTypes: { Bug: 'Corrective' }, labels: {}, keywords: {} }, today.toISOString(), SEED_USERS.admin)],
  readTargetMix: ['/api/v1/get', () => targetMix.readTargetMix()],
  writeTargetMix: ['/api/v1/set', () => targetMix.writeTargetMix({ Innovative: 40, Corrective: 30, Enabling: 30 }, today.toISOString())],
  createSignalOnce: ['/api/v1/transaction', (n) => signalRepository.createSignalOnce(signal(`retry-${n}`))],
  getSignal: ['/api/v1/entity/get', () => signalRepository.getSignal(seededSignalId('crm-4471'))],
  getSignals: ['/api/v1/batch/get', () => signalReads.getSignals([seededSignalId('crm-4471'), seededSignalId('form-889')])],
  recentSignals: ['/api/v1/entity/query', () => signalReads.recentSignals('new', 5)],
  getDiscoveryNote: ['/api/v1/entity/get', () => discoveryNotes.getDiscoveryNote('note-instant-payouts')],
  getDiscoveryNotes: ['/api/v1/batch/get', () => discoveryNotes.getDiscoveryNotes(['note-instant-payouts', 'note-multi-currency'])],
  saveDiscoveryNote: [
    '/api/v1/entity/set',
    () => discoveryNotes.saveDiscoveryNote({ id: 'note-retry', title: 'Retry', problem: 'Storage hiccups', status: 'draft', updatedAt: nowSeconds, engineeringInput: [] }),
  ],
  recentDiscoveryNotes: ['/api/v1/entity/query', () => discoveryNotes.recentDiscoveryNotes('ready', 5)],
  saveDecisions: [
    '/api/v1/batch/set',
    () => decisions.saveDecisions([{ issueId: '80001', issueKey: 'PAY-8001', workType: 'Enabling', setByAccountId: SEED_USERS.engineer, setAt: today, acceptedSuggestion: false }]),
  ],
  getDecision: ['/api/v1/entity/get', () => decisions.getDecision('80001')],
  findDecisionByIssueKey: ['/api/v1/entity/query', () => decisions.findDecisionByIssueKey('PAY-8001')],
  createSnapshotOnce: ['/api/v1/transaction', (n) => snapshots.createSnapshotOnce(snapshot(880000 + n))],
  getSnapshot: ['/api/v1/entity/get', () => snapshots.getSnapshot(880000)],
  latestSnapshots: ['/api/v1/entity/query', () => snapshots.latestSnapshots(1, 6)],
};

/** Exports of the store that never reach storage themselves. */
const PURE_HELPERS = new Set(['signalKey', 'snapshotKey']);

describe('every store function that reaches storage', () => {
  it('is in the table below (a new one has to be added to it)', () => {
    const modules = [settingsStore, signalRepository, signalReads, discoveryNotes, decisions, snapshots, suggestionRules, targetMix];
    const functions = modules.flatMap((m) => Object.entries(m).filter(([name, value]) => typeof value === 'function' && !PURE_HELPERS.has(name) && !/^[A-Z]/.test(name)).map(([name]) => name));
    expect(functions.sort()).toEqual(Object.keys(REACHES_STORAGE).sort());
  });

  const statuses: FaultStatus[] = [429, 500, 503];
  it.each(Object.entries(REACHES_STORAGE).map(([name, entry], n) => [name, statuses[n % 3], entry] as const))(
    '%s retries a %i and answers',
    async (_name, status, [path, call]) => {
      sandbox.storageLink.injectFault({ status, times: 1, match: (req) => req.path === path });
      await app(() => call(1));
      expect(sandbox.storageLink.faultedCount).toBe(1);
      expect(requestsTo(path)).toBeGreaterThanOrEqual(2);
      expect(waits).toHaveLength(1);
    },
  );

  it.each(Object.entries(REACHES_STORAGE).map(([name, entry]) => [name, entry] as const))(
    '%s turns a standing fault into an AppError after three retries',
    async (_name, [path, call]) => {
      sandbox.storageLink.injectFault({ status: 503, times: Infinity, match: (req) => req.path === path });
      const error = await app(() => call(2)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'storage-unavailable', message: expect.stringContaining('Try again in 5 s'), details: { retryAfterSeconds: 5 } });
      expect(requestsTo(path)).toBe(4);
    },
  );
});

describe('conditional writes', () => {
  it('a duplicate signal is a duplicate, not a fault: one transaction, no retry', async () => {
    expect(await app(() => signalRepository.createSignalOnce(signal('dup-1')))).toMatchObject({ created: true });
    sandbox.clearLogs();
    expect(await app(() => signalRepository.createSignalOnce(signal('dup-1')))).toMatchObject({ created: false });
    expect(requestsTo('/api/v1/transaction')).toBe(1);
    expect(waits).toEqual([]);
  });

  it('a storage that stays down is reported as such, without reading the record to guess', async () => {
    sandbox.storageLink.injectFault({ status: 500, times: Infinity, match: (req) => req.path === '/api/v1/transaction' });
    await expect(app(() => signalRepository.createSignalOnce(signal('down-1')))).rejects.toMatchObject({ code: 'storage-unavailable' });
    await expect(app(() => snapshots.createSnapshotOnce(snapshot(990001)))).rejects.toMatchObject({ code: 'storage-unavailable' });
    expect(requestsTo('/api/v1/entity/get')).toBe(0);
  });
});

describe('withStorageRetry', () => {
  const kvsError = (status: number, body: { code: string; message: string; [k: string]: unknown }) =>
    new ForgeKvsAPIError({ status, statusText: '' }, body);

  it('waits out a retry-after the storage sends in its body, up to 5 s', async () => {
    const failures = [kvsError(429, { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down', retryAfter: 2 })];
    const answer = await withStorageRetry(async () => {
      const next = failures.shift();
      if (next) throw next;
      return 'answered';
    });
    expect(answer).toBe('answered');
    expect(waits).toEqual([2000]);
  });

  it('tells the person to come back rather than wait out a longer one', async () => {
    let attempts = 0;
    const error = await withStorageRetry(async () => {
      attempts += 1;
      throw kvsError(429, { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down', retryAfter: 12 });
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate-limited', message: expect.stringContaining('Try again in 12 s'), details: { retryAfterSeconds: 12 } });
    expect(attempts).toBe(1);
    expect(waits).toEqual([]);
  });

  it('retries a 502 whose body was not the storage’s own (a proxy page)', async () => {
    const failures = [kvsError(502, { code: 'UNKNOWN_ERROR', message: 'Unexpected error in Forge KVS API', context: { responseText: '<html>Bad gateway</html>' } })];
    expect(
      await withStorageRetry(async () => {
        const next = failures.shift();
        if (next) throw next;
        return 1;
      }),
    ).toBe(1);
    expect(waits).toHaveLength(1);
  });

  it('retries a request that never got an answer, and reports it as storage-unavailable when it keeps failing', async () => {
    let attempts = 0;
    const error = await withStorageRetry(async () => {
      attempts += 1;
      throw new TypeError('fetch failed');
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'storage-unavailable', details: { retryAfterSeconds: 5 } });
    expect(attempts).toBe(4);
  });

  it.each([
    ['a failed transaction condition', kvsError(409, { code: 'CONDITION_CHECK_FAILED', message: 'condition' })],
    ['a refused request', kvsError(400, { code: 'INVALID_KEY', message: 'bad key' })],
    ['an error that is not the storage’s', new TypeError('undefined is not a function')],
  ])('passes %s through untouched, without retrying', async (_what, thrown) => {
    let attempts = 0;
    const error = await withStorageRetry(async () => {
      attempts += 1;
      throw thrown;
    }).catch((e: unknown) => e);
    expect(error).toBe(thrown);
    expect(attempts).toBe(1);
  });
});
