/**
 * Persist, then process: signals arrive through the signed intake webtrigger, each commits its signal and its
 * `cluster-signal` outbox row before the 2xx, and the events queue's consumer categorises, indexes and clusters
 * it (services/signals/cluster.ts). Near-duplicates join one cluster with the reason (shared terms, concepts,
 * score); unrelated signals start their own. Then the same under faults — 20 % of deliveries failing, duplicate
 * deliveries, pushes failing, the effect's own statements failing part-way — until nothing is pending: every
 * signal is stored once and clustered once, no cluster is made twice, and every cluster's evidence is its recount.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { signedIntakeRequest } from '../sandbox/intake-request';
import { clock } from '../../src/services/clock';
import { clusterSignal, featuresOf, newClusterIdFor } from '../../src/services/signals/cluster';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { executeWrite, selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { getCluster } from '../../src/store/cluster-repository';
import { getSignalClustering } from '../../src/store/signal-repository';
import { termsOfClusters, termsOfSignal } from '../../src/store/term-repository';
import { conceptListForClustering } from '../../src/store/concept-list-store';
import { indexSignalTerms } from '../../src/services/signals/terms';
import { evidenceScore } from '../../src/domain/evidence';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let secret: string;
let fakeNow = Date.now();
const realNow = clock.now;
const realSleep = storageRetryPolicy.sleep;

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  fakeNow = Date.now();
  clock.now = () => new Date(fakeNow);
  const rotated = (await sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.rotateIntakeSecret', {})) as {
    data: { secret: string };
  };
  secret = rotated.data.secret;
});
afterAll(async () => {
  clock.now = realNow;
  storageRetryPolicy.sleep = realSleep;
  await sandbox.close();
});

const intake = (signal: Record<string, unknown>) =>
  sandbox.webtrigger('signal-intake', signedIntakeRequest(secret, signal, Math.floor(fakeNow / 1000)) as never);

const send = async (externalId: string, text: string, customer = 'Brightwater Logistics', arr?: number): Promise<string> => {
  const res = await intake({ externalId, source: 'crm', customer, text, raisedBy: { name: 'Marcus Bell' }, ...(arr !== undefined ? { arr } : {}) });
  expect([200, 202]).toContain(res.statusCode);
  return (JSON.parse(res.body ?? '{}') as { id: string }).id;
};

const clusteringOf = (id: string) => sandbox.asApp(() => getSignalClustering(id));

/** Every cluster with signals: its stored evidence next to a recount from its signals. */
async function evidenceAgainstRecount() {
  return sandbox.asApp(async () => {
    const clusters = await selectRows(db.selectFrom('cluster').select(['id', 'signal_count', 'customer_count', 'arr_total', 'evidence_score', 'last_seen_at']).compile());
    const signals = await selectRows(db.selectFrom('signal').select(['id', 'cluster_id', 'customer', 'arr', 'received_at']).where('cluster_id', 'is not', null).compile());
    return clusters.map((cluster) => {
      const members = signals.filter((s) => s.cluster_id === cluster.id);
      const arrByCustomer = new Map<string, number>();
      for (const s of members) arrByCustomer.set(s.customer, Math.max(arrByCustomer.get(s.customer) ?? 0, Number(s.arr ?? 0)));
      const recount = {
        signalCount: members.length,
        customerCount: arrByCustomer.size,
        arrTotal: [...arrByCustomer.values()].reduce((a, b) => a + b, 0),
      };
      return {
        id: cluster.id,
        stored: { signalCount: Number(cluster.signal_count), customerCount: Number(cluster.customer_count), arrTotal: Number(cluster.arr_total) },
        recount,
        scoreOk:
          members.length === 0 ||
          Math.abs(Number(cluster.evidence_score) - evidenceScore({ ...recount, lastSeenAt: Math.max(...members.map((s) => Number(s.received_at))) })) < 1e-6,
      };
    });
  });
}

const EXPORT_TEXTS = [
  'Finance cannot export invoices to CSV for the quarterly reconciliation',
  'We need to export our invoices as CSV files so finance can reconcile each quarter',
  'Exporting invoices to CSV is missing; finance reconciles invoices quarterly in spreadsheets',
];
const LOGIN_TEXTS = [
  'Login with Okta SSO fails after a password reset and staff get locked out',
  'Staff are locked out after a password reset when they sign in through Okta SSO',
];
const UNRELATED = 'The iPhone app has no dark mode and the contrast at night hurts our drivers';

describe('clustering through the pipeline', () => {
  it('categorises and clusters each signal: near-duplicates join with their reasons, unrelated ones start their own', async () => {
    const exportIds: string[] = [];
    // One at a time: signals clustered at the same moment do not see each other (see the report on concurrency).
    for (const [i, text] of EXPORT_TEXTS.entries()) {
      exportIds.push(await send(`pipe-export-${i}`, text, `Customer ${i}`, 10_000 * (i + 1)));
      await sandbox.events.settle();
    }
    const loginIds: string[] = [];
    for (const [i, text] of LOGIN_TEXTS.entries()) {
      loginIds.push(await send(`pipe-login-${i}`, text));
      await sandbox.events.settle();
    }
    const unrelatedId = await send('pipe-unrelated', UNRELATED);
    await sandbox.events.settle();

    const exports = await Promise.all(exportIds.map(clusteringOf));
    const first = exports[0]!;
    // The first signal of a topic starts a cluster whose id is derived from its own.
    expect(first.clusterId).toBe(newClusterIdFor(exportIds[0]));
    expect(first.clusterReason).toMatchObject({ how: 'started' });
    for (const joined of exports.slice(1)) {
      expect(joined!.clusterId).toBe(first.clusterId);
      expect(joined!.clusterReason).toMatchObject({ how: 'joined', sharedTerms: expect.arrayContaining(['csv', 'invoic']), sharedConcepts: expect.arrayContaining(['export']) });
      expect(joined!.clusterReason!.score).toBeGreaterThanOrEqual(0.5);
      expect(joined!.clusteredAt).toEqual(expect.any(Number));
    }
    // Categorised: a suggestion with the words it came from.
    for (const s of exports) {
      expect(s!.categorySource).toBe('suggested');
      expect(['request', 'pain-point', 'confusion', 'bug', 'other']).toContain(s!.category);
      expect(Array.isArray(s!.categoryWords)).toBe(true);
    }
    const logins = await Promise.all(loginIds.map(clusteringOf));
    expect(logins[1]!.clusterId).toBe(logins[0]!.clusterId);
    expect(logins[0]!.clusterId).not.toBe(first.clusterId);
    const unrelated = await clusteringOf(unrelatedId);
    expect(new Set([unrelated!.clusterId, first.clusterId, logins[0]!.clusterId]).size).toBe(3);
    expect(unrelated!.clusterReason).toMatchObject({ how: 'started' });

    const cluster = await sandbox.asApp(() => getCluster(first.clusterId!));
    expect(cluster).toMatchObject({ signalCount: 3, customerCount: 3, arrTotal: 60_000, state: 'new' });
    expect(cluster!.title).toMatch(/export/);
    // The cluster's terms are its signals' summed terms, concepts included.
    const terms = (await sandbox.asApp(() => termsOfClusters([first.clusterId!]))).get(first.clusterId!)!;
    expect(terms.map((t) => t.term)).toEqual(expect.arrayContaining(['csv', 'invoic', '~export']));
    for (const row of await evidenceAgainstRecount()) {
      expect({ id: row.id, ...row.stored }).toEqual({ id: row.id, ...row.recount });
      expect(row.scoreOk).toBe(true);
    }
  });

  it('never clusters a signal twice: a repeated effect only finishes what a stopped one began', async () => {
    const id = await send('pipe-repeat', 'The warehouse barcode scanner drops pallets when the label is printed twice');
    await sandbox.events.settle();
    const before = await clusteringOf(id);
    expect(before!.clusterId).toBe(newClusterIdFor(id));
    const again = await sandbox.asApp(() => clusterSignal(id));
    expect(again).toEqual({ outcome: 'already-clustered', signalId: id, clusterId: before!.clusterId });
    expect(await clusteringOf(id)).toEqual(before);
    expect(await sandbox.asApp(() => getCluster(before!.clusterId!))).toMatchObject({ signalCount: 1 });

    // A delivery that stops right after the first clustering (the cluster's upsert fails) is finished by the retry.
    sandbox.sqlLink.injectFault({ match: (req) => /insert into `cluster` /i.test(req.body ?? ''), status: 503, times: 4 });
    const stoppedId = await send('pipe-stopped', 'Customs paperwork for Norwegian shipments is rejected because the tariff code field is truncated');
    await sandbox.events.settle();
    sandbox.sqlLink.clearFaults();
    for (let sweeps = 0; sweeps < 5; sweeps += 1) {
      fakeNow += 16 * 60_000;
      await sandbox.runScheduledTrigger('sweeper');
      await sandbox.events.settle();
    }
    const stopped = await clusteringOf(stoppedId);
    expect(stopped!.clusterId).toBe(newClusterIdFor(stoppedId));
    expect(await sandbox.asApp(() => getCluster(stopped!.clusterId!))).toMatchObject({ signalCount: 1, customerCount: 1 });
    const outbox = await sandbox.asApp(() => selectRows(db.selectFrom('outbox').select(['state', 'attempts']).where('id', '=', `cluster-signal:${stoppedId}`).compile()));
    expect(outbox[0]).toMatchObject({ state: 'done' });
    expect(Number(outbox[0].attempts)).toBeGreaterThan(0);
  });

  it('signals about one thing clustered at the same moment still end in one cluster, with no empty cluster left', async () => {
    const texts = [
      'Orchard harvest crates are weighed twice by the conveyor scale at the packing shed',
      'The conveyor scale at the packing shed weighs orchard harvest crates twice',
      'Harvest crates from the orchard get weighed twice on the packing shed conveyor scale',
      'Packing shed conveyor scale double-weighs the orchard harvest crates',
    ];
    // All sent before any is clustered: the queue delivers them four at a time.
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) ids.push(await send(`pipe-together-${i}`, text, `Orchard ${i}`));
    await sandbox.events.settle();
    const read = await Promise.all(ids.map(clusteringOf));
    const clusters = new Set(read.map((s) => s!.clusterId));
    expect(clusters.size).toBe(1);
    const [clusterId] = [...clusters];
    expect(await sandbox.asApp(() => getCluster(clusterId!))).toMatchObject({ signalCount: 4, customerCount: 4 });
    // The clusters the others started were emptied and deleted.
    const others = ids.map(newClusterIdFor).filter((id) => id !== clusterId);
    const left = await sandbox.asApp(() => selectRows(db.selectFrom('cluster').select('id').where('id', 'in', others).compile()));
    expect(left).toEqual([]);
    const terms = await sandbox.asApp(() => selectRows(db.selectFrom('cluster_term').select('cluster_id').where('cluster_id', 'in', others).compile()));
    expect(terms).toEqual([]);
  });

  it('the index-signal-terms effect writes exactly the features clustering uses (Porter stems and concepts)', async () => {
    const text = 'Finance keeps exporting invoices to spreadsheets by hand every quarter';
    const id = await send('pipe-index-terms', text);
    await sandbox.events.settle();
    const clustered = await sandbox.asApp(() => termsOfSignal(id));
    await sandbox.asApp(() => executeWrite(db.deleteFrom('signal_term').where('signal_id', '=', id).compile()));
    await sandbox.asApp(() => indexSignalTerms(id));
    const indexed = await sandbox.asApp(() => termsOfSignal(id));
    const concepts = await sandbox.asApp(() => conceptListForClustering(fakeNow));
    const expected = [...featuresOf(text, concepts, 'Brightwater Logistics').features.terms].sort((a, b) => (a.term < b.term ? -1 : 1));
    expect(indexed).toEqual(expected);
    // The rows clustering wrote and the rows the effect writes are the same rows: stems ("invoic"), not the light stemmer's "invoice".
    expect(indexed).toEqual(clustered);
    expect(indexed.map((t) => t.term)).toEqual(expect.arrayContaining(['invoic', '~export']));
    expect(indexed.map((t) => t.term)).not.toContain('invoice');
  });

  it('counts SQL statements: the intake request, and the consumer’s processing', async () => {
    await sandbox.events.settle();
    const counts: Array<{ intake: number; processing: number }> = [];
    for (const [i, text] of [EXPORT_TEXTS[0], 'Our dispatchers want route optimisation that respects driver break rules'].entries()) {
      sandbox.clearLogs();
      const res = await intake({ externalId: `pipe-count-${i}`, source: 'crm', customer: 'Counted Co', text: `${text} (${i})`, raisedBy: { name: 'Marcus Bell' } });
      const answeredAt = performance.now();
      expect(res.statusCode).toBe(202);
      const intakeStatements = sandbox.sqlLink.log.filter((r) => r.startedAt <= answeredAt).length;
      await sandbox.events.settle();
      counts.push({ intake: intakeStatements, processing: sandbox.sqlLink.log.length - intakeStatements });
    }
    console.log(`clustering statements (join, then new): ${JSON.stringify(counts)}`);
    for (const count of counts) {
      expect(count.intake).toBeLessThanOrEqual(4);
      // The consumer's outbox bookkeeping (read, claim, done) plus clustering's six (seven to start a cluster).
      expect(count.processing).toBeLessThanOrEqual(10);
    }
  });
});

describe('clustering under faults', () => {
  it('stores and clusters every signal exactly once with 20 % failed deliveries, duplicates and failing statements', async () => {
    const TOPICS = [
      (n: number) => `Greenhouse humidity sensors in bay ${n} report condensation alarms every night`,
      (n: number) => `Veterinary clinic ${n} needs vaccination certificates printed in Welsh`,
      (n: number) => `Ferry timetable widget for harbour ${n} shows cancelled sailings as departed`,
      (n: number) => `Beekeeping hive inspection log for apiary ${n} loses queen sighting notes`,
    ];
    const SIGNALS = 40;
    sandbox.events.configure({ failureRate: 0.2, duplicateRate: 0.15, pushFailureRate: 0.2, maxDeliveries: 2, seed: 7 });
    sandbox.sqlLink.injectFault({ match: (req) => /update `signal`|insert into `cluster`|update `cluster`/i.test(req.body ?? ''), status: 503, rate: 0.5, times: Infinity, seed: 5 });
    const ids: string[] = [];
    const before = { ...sandbox.events.stats };
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (let n = 0; n < SIGNALS; n += 1) {
        let res;
        // A 503 from intake (its own statements failing) is retried by the sender with the same externalId.
        for (let attempt = 0; attempt < 5; attempt += 1) {
          res = await intake({ externalId: `faults-${n}`, source: 'crm', customer: `Customer ${n % 6}`, text: TOPICS[n % TOPICS.length](n), raisedBy: { name: 'Ana' }, arr: 1_000 * (n % 6) });
          if (res.statusCode !== 503) break;
        }
        expect([200, 202]).toContain(res!.statusCode);
        ids.push((JSON.parse(res!.body ?? '{}') as { id: string }).id);
        if (n % 7 === 0) expect((await intake({ externalId: `faults-${n}`, source: 'crm', customer: `Customer ${n % 6}`, text: TOPICS[n % TOPICS.length](n), raisedBy: { name: 'Ana' } })).statusCode).toBe(200);
      }
      let sweeps = 0;
      for (;;) {
        await sandbox.events.settle();
        const pending = await sandbox.asApp(() =>
          selectRows(db.selectFrom('outbox').select('id').where('state', '=', 'pending').where('kind', '=', 'cluster-signal').compile()),
        );
        if (pending.length === 0 || sweeps >= 40) break;
        fakeNow += 16 * 60_000;
        await sandbox.runScheduledTrigger('sweeper');
        sweeps += 1;
      }
      sandbox.sqlLink.clearFaults();
      const stats = Object.fromEntries(Object.entries(sandbox.events.stats).map(([k, v]) => [k, v - before[k as keyof typeof before]])) as typeof before;
      console.log(`clustering under faults: ${SIGNALS} signals, ${sweeps} sweeps, queue ${JSON.stringify(stats)}, SQL faults ${sandbox.sqlLink.faultedCount}`);
      expect(stats.deliveryFailuresInjected).toBeGreaterThan(0);
      expect(stats.duplicatesDelivered).toBeGreaterThan(0);

      const rows = await sandbox.asApp(() =>
        selectRows(db.selectFrom('signal').select(['id', 'external_id', 'cluster_id', 'cluster_reason', 'clustered_at', 'category']).where('external_id', 'like', 'faults-%').compile()),
      );
      // Stored once each, clustered each, categorised each.
      expect(rows).toHaveLength(SIGNALS);
      expect(new Set(rows.map((r) => r.external_id)).size).toBe(SIGNALS);
      expect(rows.filter((r) => r.cluster_id === null || r.clustered_at === null || r.category === null)).toEqual([]);
      const outbox = await sandbox.asApp(() => selectRows(db.selectFrom('outbox').select(['id', 'state']).where('id', 'in', ids.map((id) => `cluster-signal:${id}`)).compile()));
      expect(outbox).toHaveLength(SIGNALS);
      expect(outbox.filter((r) => r.state !== 'done')).toEqual([]);
      // No cluster made twice: a cluster's id is derived from the signal that started it, so each of these
      // clusters is one signal's, and none is left empty (a cluster that lost its signals to a cluster started at
      // the same moment is deleted).
      const clusterIds = new Set(rows.map((r) => r.cluster_id!));
      const derived = new Map(rows.map((r) => [newClusterIdFor(r.id), r.id]));
      for (const clusterId of clusterIds) expect(derived.has(clusterId)).toBe(true);
      const made = await sandbox.asApp(() => selectRows(db.selectFrom('cluster').select(['id', 'signal_count']).where('id', 'in', [...derived.keys()]).compile()));
      expect(made.filter((c) => Number(c.signal_count) === 0)).toEqual([]);
      expect(new Set(made.map((c) => c.id))).toEqual(clusterIds);
      // Each signal that still says it started a cluster is in the cluster derived from its own id.
      for (const starter of rows.filter((r) => JSON.parse(r.cluster_reason!).how === 'started')) expect(starter.cluster_id).toBe(newClusterIdFor(starter.id));
      // Four topics that nothing before them mentions. The signals are sent one after another but clustered up to
      // four at once, and two signals clustered at the same moment do not see each other, so a topic may start
      // more than one cluster — never more than the queue's concurrency allows at once, and each by one signal.
      const byTopic = TOPICS.map((_, t) => new Set(rows.filter((r) => Number(r.external_id.slice('faults-'.length)) % TOPICS.length === t).map((r) => r.cluster_id)));
      console.log(`clusters per topic under faults: ${byTopic.map((set) => set.size).join(', ')}`);
      for (const set of byTopic) expect(set.size).toBeGreaterThanOrEqual(1);
      // No two topics ever share a cluster.
      expect(byTopic.reduce((n, set) => n + set.size, 0)).toBe(clusterIds.size);
      for (const row of await evidenceAgainstRecount()) {
        expect({ id: row.id, ...row.stored }).toEqual({ id: row.id, ...row.recount });
        expect(row.scoreOk).toBe(true);
      }
    } finally {
      warn.mockRestore();
      sandbox.sqlLink.clearFaults();
      sandbox.events.configure({ failureRate: 0, duplicateRate: 0, pushFailureRate: 0, maxDeliveries: Infinity });
    }
  }, 180_000);
});
