/**
 * The signal Inbox's resolvers (`signals.*`) through the real handler, against the sandbox: clusters made by the
 * pipeline from signals sent through the signed intake webtrigger, read and changed by the seeded personas. Who
 * may read (browse the project) and who may change (administer it: the product lead and the Jira admin, not the
 * sales rep nor the engineer); conflicts on stale versions; not-found for unknown ids; invalid input changing
 * nothing; undo of a merge restoring both clusters' evidence; and how many SQL statements each read costs.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { signedIntakeRequest } from '../sandbox/intake-request';
import { clock } from '../../src/services/clock';
import { retryPolicy } from '../../src/jira/client';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { getSignalClustering } from '../../src/store/signal-repository';
import type { ClusterSummary, ResolverOutput } from '../../src/contract';
import { as, writesIn } from './work-type-helpers';
import { TOPIC_A, TOPIC_B } from './two-topics';
import { type Answer, ok } from './resolver-answers';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;
let secret: string;
let fakeNow = Date.now();
const realNow = clock.now;

const LEAD = SEED_USERS.productLead;
const ADMIN = SEED_USERS.admin;
const SALES = SEED_USERS.sales;
const ENGINEER = SEED_USERS.engineer;
const CONTRACTOR = SEED_USERS.restricted;


let a: string[] = [];
let b: string[] = [];
let clusterA = '';
let clusterB = '';


const call = async <K extends keyof ResolverOutputs>(accountId: string, key: K, payload: unknown): Promise<Answer<ResolverOutputs[K]>> =>
  (await sandbox.invoke(as(accountId, 'triage-queue', { project: { key: 'PAY' } }), key, payload)) as Answer<ResolverOutputs[K]>;
type ResolverOutputs = {
  'signals.inbox': ResolverOutput<'signals.inbox'>;
  'signals.cluster': ResolverOutput<'signals.cluster'>;
  'signals.move': ResolverOutput<'signals.move'>;
  'signals.merge': ResolverOutput<'signals.merge'>;
  'signals.undo': ResolverOutput<'signals.undo'>;
  'signals.notSame': ResolverOutput<'signals.notSame'>;
  'signals.setCategory': ResolverOutput<'signals.setCategory'>;
  'signals.renameCluster': ResolverOutput<'signals.renameCluster'>;
  'signals.customers': ResolverOutput<'signals.customers'>;
  'signals.share': ResolverOutput<'signals.share'>;
  'signals.importCsv': ResolverOutput<'signals.importCsv'>;
};


async function send(externalId: string, text: string, customer: string, arr?: number): Promise<string> {
  const res = await sandbox.webtrigger(
    'signal-intake',
    signedIntakeRequest(secret, { externalId, source: 'crm', customer, text, raisedBy: { name: 'Ana' }, ...(arr !== undefined ? { arr } : {}) }, Math.floor(fakeNow / 1000)) as never,
  );
  expect([200, 202]).toContain(res.statusCode);
  await sandbox.events.settle();
  return (JSON.parse(res.body ?? '{}') as { id: string }).id;
}

const cluster = async (id: string): Promise<ClusterSummary> => ok(await call(LEAD, 'signals.cluster', { projectKey: 'PAY', clusterId: id })).cluster;
const expected = async (id: string) => ({ clusterId: id, version: (await cluster(id)).version });
const signal = (id: string) => sandbox.asApp(() => getSignalClustering(id));
const statements = () => sandbox.sqlLink.log.filter((r) => r.path === '/api/v1/execute').length;

/** Everything a change may alter in SQL, without versions and update times (they move on every change). */
async function tables() {
  return sandbox.asApp(async () => ({
    clusters: (
      await selectRows(
        db
          .selectFrom('cluster')
          .select(['id', 'title', 'state', 'reason', 'category', 'signal_count', 'customer_count', 'arr_total', 'evidence_score', 'first_seen_at', 'last_seen_at'])
          .orderBy('id')
          .compile(),
      )
    ).map((c) => ({ ...c, evidence_score: Number(Number(c.evidence_score).toFixed(9)), arr_total: Number(c.arr_total) })),
    signals: await selectRows(db.selectFrom('signal').select(['id', 'cluster_id', 'cluster_reason', 'category', 'category_source', 'version']).orderBy('id').compile()),
    terms: (await selectRows(db.selectFrom('cluster_term').select(['cluster_id', 'term', 'weight']).orderBy('cluster_id').orderBy('term').compile())).map((t) => ({
      ...t,
      weight: Number(Number(t.weight).toFixed(9)),
    })),
    changes: await selectRows(db.selectFrom('cluster_change').select(['id', 'undone_at']).orderBy('id').compile()),
    notSame: await selectRows(db.selectFrom('not_same').select(['subject_id', 'cluster_id']).orderBy('subject_id').orderBy('cluster_id').compile()),
  }));
}

/** The cluster rows with their versions too: a refused change must not even bump a version. */
const versions = () => sandbox.asApp(() => selectRows(db.selectFrom('cluster').select(['id', 'version']).orderBy('id').compile()));

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  retryPolicy.sleep = async () => undefined;
  storageRetryPolicy.sleep = async () => undefined;
  fakeNow = Date.now();
  clock.now = () => new Date(fakeNow);
  const rotated = (await sandbox.invoke(as(ADMIN, 'settings'), 'settings.rotateIntakeSecret', {})) as { data: { secret: string } };
  secret = rotated.data.secret;
  for (const [i, text] of TOPIC_A.entries()) a.push(await send(`inbox-a-${i}`, text, `Grower ${i}`, 5_000 * (i + 1)));
  for (const [i, text] of TOPIC_B.entries()) b.push(await send(`inbox-b-${i}`, text, `Port ${i}`));
  clusterA = (await signal(a[0]))!.clusterId!;
  clusterB = (await signal(b[0]))!.clusterId!;
}, 120_000);
afterAll(async () => {
  clock.now = realNow;
  await sandbox.close();
});
beforeEach(() => {
  fakeNow += 1000;
});

describe('signals.inbox', () => {
  it('lists the new clusters by evidence in 5 SQL statements over 2 round trips, for the product lead with the right to triage', async () => {
    sandbox.clearLogs();
    const page = ok(await call(LEAD, 'signals.inbox', { projectKey: 'PAY' }));
    // The page, the last change and the tab counts at once; then the page's decisions and 8-week trends at once.
    expect(statements()).toBe(5);
    expect(page.counts).toMatchObject({ inbox: expect.any(Number), parking: expect.any(Number), routed: expect.any(Number), declined: expect.any(Number) });
    expect(page.counts!.inbox).toBeGreaterThanOrEqual(page.clusters.length);
    expect(page.details[clusterA]).toMatchObject({ decision: null, sinceParking: null, trend: expect.any(Array) });
    expect(page.canTriage).toBe(true);
    expect(page.clusters.map((c) => c.id)).toEqual([clusterA, clusterB]);
    expect(page.clusters[0]).toMatchObject({ signalCount: 3, customerCount: 3, arrTotal: 30_000, state: 'new', firstSeenAt: expect.stringMatching(/Z$/) });
    expect(page.nextCursor).toBeNull();
    // One Jira call answers both questions (browse and administer).
    expect(sandbox.jiraLink.log.map((r) => r.path.split('?')[0])).toEqual(['/rest/api/3/mypermissions']);
  });

  it('pages with a cursor, and refuses a cursor from the other sort', async () => {
    const first = ok(await call(LEAD, 'signals.inbox', { projectKey: 'PAY', pageSize: 1 }));
    expect(first.clusters.map((c) => c.id)).toEqual([clusterA]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = ok(await call(LEAD, 'signals.inbox', { projectKey: 'PAY', pageSize: 1, cursor: first.nextCursor }));
    expect(second.clusters.map((c) => c.id)).toEqual([clusterB]);
    expect(await call(LEAD, 'signals.inbox', { projectKey: 'PAY', pageSize: 1, sort: 'recent', cursor: first.nextCursor })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('filters by customer', async () => {
    const page = ok(await call(LEAD, 'signals.inbox', { projectKey: 'PAY', customer: 'Port 1' }));
    expect(page.clusters.map((c) => c.id)).toEqual([clusterB]);
  });

  it('lets the sales rep and the engineer read without the right to triage', async () => {
    for (const who of [SALES, ENGINEER]) {
      const page = ok(await call(who, 'signals.inbox', { projectKey: 'PAY' }));
      expect(page).toMatchObject({ canTriage: false, undoable: null });
      expect(page.clusters).toHaveLength(2);
    }
  });

  it('refuses someone who cannot browse the project, saying what to ask for, and shows them nothing', async () => {
    const refused = await call(CONTRACTOR, 'signals.inbox', { projectKey: 'OPS' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Browse Projects') } });
    expect(JSON.stringify(refused)).not.toContain(clusterA);
    expect(await call(CONTRACTOR, 'signals.inbox', { projectKey: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ok(await call(CONTRACTOR, 'signals.inbox', { projectKey: 'PAY' })).canTriage).toBe(false);
  });

  it('refuses invalid input before asking anyone anything', async () => {
    sandbox.clearLogs();
    expect(await call(LEAD, 'signals.inbox', { projectKey: 'PAY', pageSize: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call(LEAD, 'signals.inbox', { projectKey: 'pay/../x' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect([...sandbox.jiraLink.log, ...sandbox.sqlLink.log]).toEqual([]);
  });
});

describe('signals.cluster', () => {
  it('shows every signal with why it is there, in 4 SQL statements (3 at once, then the terms that score the similar clusters)', async () => {
    sandbox.clearLogs();
    const view = ok(await call(SALES, 'signals.cluster', { projectKey: 'PAY', clusterId: clusterA }));
    expect(statements()).toBe(4);
    expect(view.canTriage).toBe(false);
    expect(view.cluster).toMatchObject({ id: clusterA, signalCount: 3 });
    // Oldest first; these arrived within one second, so the id decides.
    expect(view.signals.map((s) => s.id)).toEqual([...a].sort());
    const first = view.signals.find((s) => s.id === a[0])!;
    expect(first).toMatchObject({ customer: 'Grower 0', arr: 5000, pending: false, reason: { how: 'started', by: null } });
    const joined = view.signals.find((s) => s.id === a[1])!;
    expect(joined.reason).toMatchObject({ how: 'joined', by: null, score: expect.any(Number) });
    expect(joined.reason!.sharedTerms.length + joined.reason!.sharedConcepts.length).toBeGreaterThan(0);
    expect(view.signals.every((s) => s.category !== null && s.categorySource === 'suggested')).toBe(true);
    // The other topic shares no words: nothing is similar.
    expect(view.similar.map((s) => s.cluster.id)).not.toContain(clusterA);
  });

  it('answers not-found for an unknown cluster, and forbidden before that for someone who cannot browse', async () => {
    expect(await call(LEAD, 'signals.cluster', { projectKey: 'PAY', clusterId: 'cluster-nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call(CONTRACTOR, 'signals.cluster', { projectKey: 'OPS', clusterId: 'cluster-nope' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(LEAD, 'signals.cluster', { projectKey: 'PAY', clusterId: 'Cluster X' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('changes: who may make them, and what a refused one leaves', () => {
  it('refuses the sales rep and the engineer every change, and nothing is written', async () => {
    const before = await versions();
    const snapshot = await tables();
    const changes: Array<[keyof ResolverOutputs, unknown]> = [
      ['signals.move', { projectKey: 'PAY', signalIds: [a[2]], from: await expected(clusterA), to: await expected(clusterB) }],
      ['signals.merge', { projectKey: 'PAY', from: await expected(clusterB), into: await expected(clusterA) }],
      ['signals.undo', { projectKey: 'PAY' }],
      ['signals.notSame', { projectKey: 'PAY', clusterId: clusterA, otherClusterId: clusterB }],
      ['signals.setCategory', { projectKey: 'PAY', signalId: a[0], category: 'bug', version: (await signal(a[0]))!.version }],
      ['signals.renameCluster', { projectKey: 'PAY', clusterId: clusterA, version: (await cluster(clusterA)).version, title: 'Humidity alarms' }],
    ];
    for (const who of [SALES, ENGINEER]) {
      for (const [key, payload] of changes) {
        sandbox.clearLogs();
        const answer = await call(who, key, payload);
        expect({ key, answer }).toMatchObject({ key, answer: { ok: false, error: { code: 'forbidden', message: expect.stringMatching(/Administer Projects|project admins of PAY/) } } });
        expect(statements()).toBe(0);
        expect(writesIn(sandbox)).toEqual([]);
      }
    }
    expect(await versions()).toEqual(before);
    expect(await tables()).toEqual(snapshot);
  });

  it('invalid input changes nothing', async () => {
    const snapshot = await tables();
    const before = await versions();
    const bad: Array<[keyof ResolverOutputs, unknown]> = [
      ['signals.move', { projectKey: 'PAY', signalIds: [], from: await expected(clusterA), to: await expected(clusterB) }],
      ['signals.move', { projectKey: 'PAY', signalIds: [a[2]], from: await expected(clusterA), to: { new: true, title: '' } }],
      ['signals.move', { projectKey: 'PAY', signalIds: [a[2]], from: await expected(clusterA), to: await expected(clusterA) }],
      ['signals.merge', { projectKey: 'PAY', from: await expected(clusterA), into: await expected(clusterA) }],
      ['signals.merge', { projectKey: 'PAY', from: { clusterId: clusterA, version: -1 }, into: await expected(clusterB) }],
      ['signals.notSame', { projectKey: 'PAY', clusterId: clusterA, otherClusterId: clusterA }],
      ['signals.setCategory', { projectKey: 'PAY', signalId: a[0], category: 'feature', version: 0 }],
      ['signals.renameCluster', { projectKey: 'PAY', clusterId: clusterA, version: 0, title: 'x'.repeat(256) }],
      ['signals.undo', { projectKey: 'PAY', changeId: '' }],
    ];
    for (const [key, payload] of bad) {
      expect({ key, answer: await call(LEAD, key, payload) }).toMatchObject({ key, answer: { ok: false, error: { code: 'invalid-input' } } });
    }
    expect(await versions()).toEqual(before);
    expect(await tables()).toEqual(snapshot);
  });
});

describe('signals.move', () => {
  it('answers conflict on a stale version and not-found for unknown ids, writing nothing', async () => {
    const before = await versions();
    const stale = await call(LEAD, 'signals.move', { projectKey: 'PAY', signalIds: [a[2]], from: { clusterId: clusterA, version: 0 }, to: await expected(clusterB) });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('changed since you opened it') } });
    const unknownCluster = await call(LEAD, 'signals.move', { projectKey: 'PAY', signalIds: [a[2]], from: await expected(clusterA), to: { clusterId: 'cluster-nope', version: 0 } });
    expect(unknownCluster).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('cluster-nope') } });
    const unknownSignal = await call(LEAD, 'signals.move', { projectKey: 'PAY', signalIds: ['signal-nope'], from: await expected(clusterA), to: await expected(clusterB) });
    expect(unknownSignal).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('signal-nope') } });
    const notThere = await call(LEAD, 'signals.move', { projectKey: 'PAY', signalIds: [b[0]], from: await expected(clusterA), to: await expected(clusterB) });
    expect(notThere).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await versions()).toEqual(before);
  });

  it('moves a signal, answers both clusters and the Undo for it, and undo puts it back', async () => {
    const before = await tables();
    const moved = ok(await call(LEAD, 'signals.move', { projectKey: 'PAY', signalIds: [a[2]], from: await expected(clusterA), to: await expected(clusterB) }));
    expect(moved.clusters.map((c) => [c.id, c.signalCount])).toEqual([
      [clusterA, 2],
      [clusterB, 3],
    ]);
    const [titleA, titleB] = moved.clusters.map((c) => c.title);
    expect(moved.undoable).toEqual({ changeId: moved.changeId, kind: 'move', description: `Moved a signal from “${titleA}” to “${titleB}”`, at: expect.any(String) });

    // The Inbox offers the same Undo; the moved signal says who moved it, by name.
    expect(ok(await call(LEAD, 'signals.inbox', { projectKey: 'PAY' })).undoable).toEqual(moved.undoable);
    const viewB = ok(await call(LEAD, 'signals.cluster', { projectKey: 'PAY', clusterId: clusterB }));
    expect(viewB.signals.find((s) => s.id === a[2])!.reason).toMatchObject({ how: 'moved', by: 'Hannah Okafor' });
    // The Undo is the caller's own: the admin has none.
    expect(ok(await call(ADMIN, 'signals.inbox', { projectKey: 'PAY' })).undoable).toBeNull();

    const undone = ok(await call(LEAD, 'signals.undo', { projectKey: 'PAY' }));
    expect(undone.undone).toEqual(moved.undoable);
    expect(undone.undoable).toBeNull();
    expect(await tables()).toMatchObject({ clusters: before.clusters, signals: expect.any(Array), terms: before.terms });
    expect((await signal(a[2]))!.clusterId).toBe(clusterA);
  });

  it('splits several signals into a new cluster with a title, and the new cluster is similar to the old one until marked not the same', async () => {
    const split = ok(
      await call(LEAD, 'signals.move', { projectKey: 'PAY', signalIds: [a[1], a[2]], from: await expected(clusterA), to: { new: true, title: 'Night alarms' } }),
    );
    const created = split.clusters.find((c) => c.id !== clusterA)!;
    expect(created).toMatchObject({ title: 'Night alarms', signalCount: 2, state: 'new' });
    expect(split.undoable).toMatchObject({ kind: 'split', description: expect.stringMatching(/^Split 2 signals from “.+” into a new cluster “Night alarms”$/) });

    sandbox.clearLogs();
    const view = ok(await call(LEAD, 'signals.cluster', { projectKey: 'PAY', clusterId: created.id }));
    expect(statements()).toBe(4);
    const similar = view.similar.find((s) => s.cluster.id === clusterA);
    expect(similar).toMatchObject({ score: expect.any(Number), sharedTerms: expect.arrayContaining([expect.any(String)]) });
    // On the join's scale (0–1), like every other score the Inbox shows; a split-off part is clearly alike.
    expect(similar!.score).toBeGreaterThan(0);
    expect(similar!.score).toBeLessThanOrEqual(1);
    expect([...similar!.sharedTerms, ...similar!.sharedConcepts].every((t) => !t.startsWith('~'))).toBe(true);
    expect(view.similar.map((s) => s.cluster.id)).not.toContain(created.id);

    const notSame = await call(LEAD, 'signals.notSame', { projectKey: 'PAY', clusterId: created.id, otherClusterId: clusterA });
    expect(notSame).toEqual({ ok: true, data: { clusterId: created.id, otherClusterId: clusterA } });
    const pairs = await sandbox.asApp(() =>
      selectRows(db.selectFrom('not_same').select(['subject_id', 'cluster_id']).where('subject_id', 'in', [created.id, clusterA]).compile()),
    );
    expect(pairs).toEqual(
      expect.arrayContaining([
        { subject_id: created.id, cluster_id: clusterA },
        { subject_id: clusterA, cluster_id: created.id },
      ]),
    );
    // Both ways round: neither view suggests the other any more.
    expect(ok(await call(LEAD, 'signals.cluster', { projectKey: 'PAY', clusterId: created.id })).similar.map((s) => s.cluster.id)).not.toContain(clusterA);
    expect(ok(await call(LEAD, 'signals.cluster', { projectKey: 'PAY', clusterId: clusterA })).similar.map((s) => s.cluster.id)).not.toContain(created.id);

    const undone = ok(await call(LEAD, 'signals.undo', { projectKey: 'PAY', changeId: split.changeId }));
    expect(undone.undone).toMatchObject({ kind: 'split', changeId: split.changeId });
    expect(await call(LEAD, 'signals.cluster', { projectKey: 'PAY', clusterId: created.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await cluster(clusterA)).signalCount).toBe(3);
  });
});

describe('signals.merge and its undo', () => {
  it('merges, refuses a second merge of the merged cluster, and undo restores both clusters and their evidence', async () => {
    const before = await tables();
    const from = await expected(clusterB);
    const merged = ok(await call(LEAD, 'signals.merge', { projectKey: 'PAY', from, into: await expected(clusterA) }));
    const [fromAfter, intoAfter] = merged.clusters;
    expect(fromAfter).toMatchObject({ id: clusterB, state: 'merged', signalCount: 0 });
    expect(intoAfter).toMatchObject({ id: clusterA, signalCount: 5, customerCount: 5 });
    expect(merged.undoable).toMatchObject({ kind: 'merge', description: `Merged “${fromAfter.title}” into “${intoAfter.title}”` });

    // Nothing moves into or out of a merged cluster, even at its current version.
    const again = await call(LEAD, 'signals.merge', { projectKey: 'PAY', from: { clusterId: clusterB, version: fromAfter.version }, into: await expected(clusterA) });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('was merged') } });
    expect(await call(LEAD, 'signals.renameCluster', { projectKey: 'PAY', clusterId: clusterB, version: fromAfter.version, title: 'Ferries' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    const undone = ok(await call(LEAD, 'signals.undo', { projectKey: 'PAY' }));
    expect(undone.undone).toMatchObject({ changeId: merged.changeId, kind: 'merge' });
    const after = await tables();
    expect(after.clusters).toEqual(before.clusters);
    expect(after.terms).toEqual(before.terms);
    expect(after.signals.map((s) => [s.id, s.cluster_id, s.cluster_reason])).toEqual(before.signals.map((s) => [s.id, s.cluster_id, s.cluster_reason]));
    // A change is undone once.
    expect(await call(LEAD, 'signals.undo', { projectKey: 'PAY', changeId: merged.changeId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('answers not-found for an unknown cluster and conflict for a stale one', async () => {
    expect(await call(LEAD, 'signals.merge', { projectKey: 'PAY', from: { clusterId: 'cluster-nope', version: 0 }, into: await expected(clusterA) })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await call(LEAD, 'signals.merge', { projectKey: 'PAY', from: { clusterId: clusterB, version: 0 }, into: await expected(clusterA) })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});

describe('signals.undo', () => {
  it('answers not-found for an unknown change and when the caller has nothing to undo', async () => {
    expect(await call(LEAD, 'signals.undo', { projectKey: 'PAY', changeId: 'change-nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('change-nope') },
    });
    expect(await call(ADMIN, 'signals.undo', { projectKey: 'PAY' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it("lets another triager undo someone's change by its id", async () => {
    const moved = ok(await call(LEAD, 'signals.move', { projectKey: 'PAY', signalIds: [a[0]], from: await expected(clusterA), to: await expected(clusterB) }));
    const undone = ok(await call(ADMIN, 'signals.undo', { projectKey: 'PAY', changeId: moved.changeId }));
    expect(undone.undone.changeId).toBe(moved.changeId);
    expect((await signal(a[0]))!.clusterId).toBe(clusterA);
    expect(ok(await call(LEAD, 'signals.inbox', { projectKey: 'PAY' })).undoable).toBeNull();
  });
});

describe('signals.setCategory', () => {
  it('confirms a category at the version seen, and answers conflict on a stale one and not-found for an unknown signal', async () => {
    const current = await signal(a[0]);
    const set = ok(await call(LEAD, 'signals.setCategory', { projectKey: 'PAY', signalId: a[0], category: 'bug', version: current!.version }));
    expect(set.signal).toMatchObject({ id: a[0], category: 'bug', categorySource: 'confirmed', version: current!.version + 1 });
    expect(await call(LEAD, 'signals.setCategory', { projectKey: 'PAY', signalId: a[0], category: 'request', version: current!.version })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect((await signal(a[0]))!.category).toBe('bug');
    expect(await call(LEAD, 'signals.setCategory', { projectKey: 'PAY', signalId: 'signal-nope', category: 'bug', version: 0 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('signals.renameCluster', () => {
  it('renames at the version seen, with conflict when it moved on and not-found for an unknown cluster', async () => {
    const seen = await cluster(clusterA);
    const renamed = ok(await call(ADMIN, 'signals.renameCluster', { projectKey: 'PAY', clusterId: clusterA, version: seen.version, title: '  Condensation alarms at night ' }));
    expect(renamed.cluster).toMatchObject({ id: clusterA, title: 'Condensation alarms at night', version: seen.version + 1 });
    expect(await call(ADMIN, 'signals.renameCluster', { projectKey: 'PAY', clusterId: clusterA, version: seen.version, title: 'Other' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect((await cluster(clusterA)).title).toBe('Condensation alarms at night');
    expect(await call(ADMIN, 'signals.renameCluster', { projectKey: 'PAY', clusterId: 'cluster-nope', version: 0, title: 'Other' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('signals.notSame', () => {
  it('answers not-found for an unknown cluster', async () => {
    expect(await call(LEAD, 'signals.notSame', { projectKey: 'PAY', clusterId: clusterA, otherClusterId: 'cluster-nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('signals.customers, signals.share and signals.importCsv: anyone who can browse the project', () => {
  it('serves the sales rep, and refuses the contractor on a project they cannot browse without storing anything', async () => {
    const customers = ok(await call(SALES, 'signals.customers', { projectKey: 'PAY', query: 'Grower' }));
    expect(customers.customers.map((c) => c.name)).toEqual(expect.arrayContaining(['Grower 0', 'Grower 1']));

    const snapshot = await tables();
    const share = { projectKey: 'OPS', submissionId: '8f0c1a8e-4d53-4c38-9a3e-6c2b8d0f1e22', customer: 'Grower 9', text: 'The alarms wake the night shift every hour.' };
    expect(await call(CONTRACTOR, 'signals.share', share)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(CONTRACTOR, 'signals.importCsv', { projectKey: 'OPS', fileName: 'feedback.csv', rows: [{ rowNumber: 2, customer: 'Grower 9', text: 'Alarms' }] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(CONTRACTOR, 'signals.customers', { projectKey: 'OPS' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await tables()).toEqual(snapshot);

    const shared = ok(await call(SALES, 'signals.share', { ...share, projectKey: 'PAY' }));
    expect(shared).toMatchObject({ signalId: expect.any(String), created: true });
  });
});
