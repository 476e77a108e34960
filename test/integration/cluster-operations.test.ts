/**
 * A person's changes to clusters, on the sandbox's MariaDB, over clusters the pipeline made from signals sent
 * through the signed intake webtrigger: move, split, merge (and the concept list learning from it), undo —
 * which must restore exactly what was there (membership, reasons, states, titles, evidence, terms) — "not the
 * same" (remembered, and respected by clustering), confirming a category, and conflicts on stale versions.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { signedIntakeRequest } from '../sandbox/intake-request';
import { clock } from '../../src/services/clock';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { ClusterConflict, getCluster, type ClusterRead } from '../../src/store/cluster-repository';
import { getSignalClustering } from '../../src/store/signal-repository';
import { clusterCandidates } from '../../src/store/term-repository';
import { readConceptList } from '../../src/store/concept-list-store';
import { DEFAULT_CONCEPTS } from '../../src/domain/concepts';
import { signalFeatures } from '../../src/domain/signal-features';
import {
  confirmCategory,
  markNotSame,
  mergeClusters,
  moveSignal,
  SignalConflict,
  splitSignals,
  undoClusterChange,
} from '../../src/services/signals/cluster-operations';
import { AppError } from '../../src/errors';
import { TOPIC_A, TOPIC_B } from './two-topics';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let secret: string;
let fakeNow = Date.now();
const realNow = clock.now;
const realSleep = storageRetryPolicy.sleep;
const PRIYA = 'account-priya';


let a: string[] = [];
let b: string[] = [];
let clusterA = '';
let clusterB = '';

const intake = (signal: Record<string, unknown>) =>
  sandbox.webtrigger('signal-intake', signedIntakeRequest(secret, signal, Math.floor(fakeNow / 1000)) as never);

async function send(externalId: string, text: string, customer: string, arr?: number): Promise<string> {
  const res = await intake({ externalId, source: 'crm', customer, text, raisedBy: { name: 'Ana' }, ...(arr !== undefined ? { arr } : {}) });
  expect([200, 202]).toContain(res.statusCode);
  await sandbox.events.settle();
  return (JSON.parse(res.body ?? '{}') as { id: string }).id;
}

const cluster = async (id: string): Promise<ClusterRead> => (await sandbox.asApp(() => getCluster(id)))!;
const version = async (id: string) => ({ id, version: (await cluster(id)).version });
const signal = (id: string) => sandbox.asApp(() => getSignalClustering(id));

/** Everything undo must restore for these clusters, without versions and update times. */
async function snapshot(clusterIds: string[]) {
  return sandbox.asApp(async () => {
    const clusters = await selectRows(
      db
        .selectFrom('cluster')
        .select(['id', 'title', 'state', 'reason', 'category', 'signal_count', 'customer_count', 'arr_total', 'evidence_score', 'first_seen_at', 'last_seen_at'])
        .where('id', 'in', clusterIds)
        .orderBy('id')
        .compile(),
    );
    const signals = await selectRows(db.selectFrom('signal').select(['id', 'cluster_id', 'cluster_reason', 'category']).where('cluster_id', 'in', clusterIds).orderBy('id').compile());
    const terms = await selectRows(db.selectFrom('cluster_term').select(['cluster_id', 'term', 'weight']).where('cluster_id', 'in', clusterIds).orderBy('cluster_id').orderBy('term').compile());
    return {
      clusters: clusters.map((c) => ({ ...c, evidence_score: Number(Number(c.evidence_score).toFixed(9)), arr_total: Number(c.arr_total) })),
      signals,
      terms: terms.map((t) => ({ ...t, weight: Number(Number(t.weight).toFixed(9)) })),
    };
  });
}

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  fakeNow = Date.now();
  clock.now = () => new Date(fakeNow);
  const rotated = (await sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.rotateIntakeSecret', {})) as {
    data: { secret: string };
  };
  secret = rotated.data.secret;
  a = [];
  b = [];
  for (const [i, text] of TOPIC_A.entries()) a.push(await send(`ops-a-${i}`, text, `Grower ${i}`, 5_000 * (i + 1)));
  for (const [i, text] of TOPIC_B.entries()) b.push(await send(`ops-b-${i}`, text, `Port ${i}`));
  clusterA = (await signal(a[0]))!.clusterId!;
  clusterB = (await signal(b[0]))!.clusterId!;
}, 120_000);
afterAll(async () => {
  clock.now = realNow;
  storageRetryPolicy.sleep = realSleep;
  await sandbox.close();
});

describe('the clusters the pipeline made', () => {
  it('are two: three signals in A, two in B', async () => {
    expect(clusterA).not.toBe(clusterB);
    for (const id of a) expect((await signal(id))!.clusterId).toBe(clusterA);
    for (const id of b) expect((await signal(id))!.clusterId).toBe(clusterB);
    expect(await cluster(clusterA)).toMatchObject({ signalCount: 3, customerCount: 3, arrTotal: 30_000 });
    expect(await cluster(clusterB)).toMatchObject({ signalCount: 2 });
  });
});

describe('move, split and merge, each undone exactly', () => {
  it('moves a signal to another cluster, recounting both, and undo restores exactly', async () => {
    const before = await snapshot([clusterA, clusterB]);
    const result = await sandbox.asApp(() => moveSignal({ signalId: a[2], from: { id: clusterA, version: 0 }, to: { id: clusterB, version: 0 }, by: PRIYA }).catch((e: unknown) => e));
    // Stale versions: nothing changes.
    expect(result).toBeInstanceOf(ClusterConflict);
    expect((result as ClusterConflict).code).toBe('conflict');
    expect((result as ClusterConflict).current.map((c) => c.id).sort()).toEqual([clusterA, clusterB].sort());
    expect(await snapshot([clusterA, clusterB])).toEqual(before);

    const moved = await sandbox.asApp(async () => moveSignal({ signalId: a[2], from: await version(clusterA), to: await version(clusterB), by: PRIYA }));
    expect(moved.changeId).toEqual(expect.any(String));
    expect(moved.clusters.find((c) => c.id === clusterA)).toMatchObject({ signalCount: 2, customerCount: 2, arrTotal: 15_000 });
    expect(moved.clusters.find((c) => c.id === clusterB)).toMatchObject({ signalCount: 3 });
    const after = await signal(a[2]);
    expect(after).toMatchObject({ clusterId: clusterB, clusterReason: { how: 'moved', by: PRIYA } });

    const undone = await sandbox.asApp(() => undoClusterChange({ by: PRIYA }));
    expect(undone.undone).toMatchObject({ id: moved.changeId, kind: 'move' });
    expect(await snapshot([clusterA, clusterB])).toEqual(before);
    // Undone once only.
    await expect(sandbox.asApp(() => undoClusterChange({ by: PRIYA, changeId: moved.changeId }))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('splits signals into a new cluster, and undo removes it and restores exactly', async () => {
    const before = await snapshot([clusterA]);
    const split = await sandbox.asApp(async () => splitSignals({ signalIds: [a[1], a[2]], from: await version(clusterA), by: PRIYA }));
    const created = split.clusters.find((c) => c.id !== clusterA)!;
    expect(created).toMatchObject({ signalCount: 2, state: 'new' });
    expect(created.title).toMatch(/humid|condensat|alarm|greenhous|night|sensor/);
    expect(split.clusters.find((c) => c.id === clusterA)).toMatchObject({ signalCount: 1 });
    expect((await signal(a[1]))!.clusterId).toBe(created.id);

    await sandbox.asApp(() => undoClusterChange({ by: PRIYA, onlyMine: true }));
    expect(await sandbox.asApp(() => getCluster(created.id))).toBeNull();
    expect(await snapshot([clusterA, created.id])).toEqual(before);
  });

  it('merges two clusters, the concept list learns from it, and undo restores both exactly', async () => {
    const before = await snapshot([clusterA, clusterB]);
    const merged = await sandbox.asApp(async () => mergeClusters({ from: await version(clusterB), into: await version(clusterA), by: PRIYA }));
    expect(merged.clusters.find((c) => c.id === clusterB)).toMatchObject({ state: 'merged', signalCount: 0 });
    expect(merged.clusters.find((c) => c.id === clusterA)).toMatchObject({ signalCount: 5 });
    for (const id of b) expect((await signal(id))!.clusterId).toBe(clusterA);
    // The merged cluster takes no new signals: not a candidate any more.
    const terms = signalFeatures(TOPIC_B[0], DEFAULT_CONCEPTS).terms;
    expect((await sandbox.asApp(() => clusterCandidates(terms))).map((c) => c.clusterId)).not.toContain(clusterB);
    const concepts = await sandbox.asApp(() => readConceptList());
    expect(concepts.state).toBe('stored');
    expect(concepts.list.evidence.length).toBeGreaterThan(0);

    await sandbox.asApp(() => undoClusterChange({ by: PRIYA }));
    expect(await snapshot([clusterA, clusterB])).toEqual(before);
  });

  it('claims both clusters or neither: a stale target leaves the source untouched', async () => {
    const fromBefore = await version(clusterA);
    const err = await sandbox.asApp(async () => mergeClusters({ from: fromBefore, into: { id: clusterB, version: 1 }, by: PRIYA }).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(ClusterConflict);
    expect(await version(clusterA)).toEqual(fromBefore);
  });
});

describe('not the same', () => {
  it('is remembered, and clustering never puts the signal in that cluster', async () => {
    // The push fails, so the signal is stored and its clustering waits for the sweeper: a person marks it first.
    sandbox.events.configure({ pushFailureRate: 1 });
    const res = await intake({ externalId: 'ops-not-same', source: 'crm', customer: 'Grower 9', text: TOPIC_A[1], raisedBy: { name: 'Ana' } });
    sandbox.events.configure({ pushFailureRate: 0 });
    const id = (JSON.parse(res.body ?? '{}') as { id: string }).id;
    await sandbox.asApp(() => markNotSame({ subjectId: id, clusterId: clusterA, by: PRIYA }));
    const terms = signalFeatures(TOPIC_A[1], DEFAULT_CONCEPTS).terms;
    expect((await sandbox.asApp(() => clusterCandidates(terms, id))).map((c) => c.clusterId)).not.toContain(clusterA);
    expect((await sandbox.asApp(() => clusterCandidates(terms))).map((c) => c.clusterId)).toContain(clusterA);
    fakeNow += 16 * 60_000;
    await sandbox.runScheduledTrigger('sweeper');
    await sandbox.events.settle();
    const clustered = await signal(id);
    expect(clustered!.clusterId).toEqual(expect.any(String));
    expect(clustered!.clusterId).not.toBe(clusterA);
    expect(clustered!.clusterReason).toMatchObject({ how: 'started' });
  });

  it('can be said while moving a signal out, and between two clusters both ways round', async () => {
    const moved = await sandbox.asApp(async () => moveSignal({ signalId: a[2], from: await version(clusterA), to: { new: true }, by: PRIYA, notSame: true }));
    const rows = await sandbox.asApp(() => selectRows(db.selectFrom('not_same').select(['subject_id', 'cluster_id']).compile()));
    expect(rows).toContainEqual({ subject_id: a[2], cluster_id: clusterA });
    await sandbox.asApp(() => markNotSame({ subjectId: clusterA, clusterId: clusterB, by: PRIYA, subjectIsCluster: true }));
    const again = await sandbox.asApp(() => selectRows(db.selectFrom('not_same').select(['subject_id', 'cluster_id']).compile()));
    expect(again).toEqual(expect.arrayContaining([{ subject_id: clusterA, cluster_id: clusterB }, { subject_id: clusterB, cluster_id: clusterA }]));
    await sandbox.asApp(() => undoClusterChange({ by: PRIYA, changeId: moved.changeId }));
    expect((await signal(a[2]))!.clusterId).toBe(clusterA);
  });
});

describe('category', () => {
  it('is confirmed or changed by a person naming the version they saw; a stale version is a conflict', async () => {
    const before = (await signal(a[0]))!;
    expect(before.categorySource).toBe('suggested');
    const confirmed = await sandbox.asApp(() => confirmCategory({ signalId: a[0], category: 'pain-point', expectedVersion: before.version, by: PRIYA }));
    expect(confirmed).toMatchObject({ category: 'pain-point', categorySource: 'confirmed', version: before.version + 1 });
    const stale = await sandbox.asApp(() => confirmCategory({ signalId: a[0], category: 'bug', expectedVersion: before.version, by: PRIYA }).catch((e: unknown) => e));
    expect(stale).toBeInstanceOf(SignalConflict);
    expect((stale as SignalConflict).current).toMatchObject({ category: 'pain-point' });
    await expect(sandbox.asApp(() => confirmCategory({ signalId: 'signal-nope', category: 'bug', expectedVersion: 1, by: PRIYA }))).rejects.toBeInstanceOf(AppError);
  });

  it('a confirmed category is never written over by clustering', async () => {
    sandbox.events.configure({ pushFailureRate: 1 });
    const res = await intake({ externalId: 'ops-confirmed-first', source: 'crm', customer: 'Port 7', text: 'The ferry app crashes when the timetable loads', raisedBy: { name: 'Ana' } });
    sandbox.events.configure({ pushFailureRate: 0 });
    const id = (JSON.parse(res.body ?? '{}') as { id: string }).id;
    const stored = (await signal(id))!;
    await sandbox.asApp(() => confirmCategory({ signalId: id, category: 'request', expectedVersion: stored.version, by: PRIYA }));
    fakeNow += 16 * 60_000;
    await sandbox.runScheduledTrigger('sweeper');
    await sandbox.events.settle();
    expect(await signal(id)).toMatchObject({ category: 'request', categorySource: 'confirmed', clusterId: expect.any(String) });
  });
});
