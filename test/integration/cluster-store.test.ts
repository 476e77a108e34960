/**
 * Clusters and the term index on the sandbox's MariaDB: ~300 generated signals in 40 clusters, attached through
 * the repository, then every Inbox filter and sort checked against a brute-force computation over the generated
 * data, the evidence columns against a recount, and similarity against the cluster that shares the most terms.
 */
import mysql from 'mysql2/promise';
import type { Insertable } from 'kysely';
import { evidenceScore } from '../../src/domain/evidence';
import { SIGNAL_CATEGORIES, SIGNAL_STATES } from '../../src/domain/signals';
import { termsOf } from '../../src/domain/terms';
import { DEFAULT_CONCEPTS } from '../../src/domain/concepts';
import { signalFeatures } from '../../src/domain/signal-features';
import { attachSignal, createCluster, getCluster, inboxPage, type ClusterRead, type InboxQuery } from '../../src/store/cluster-repository';
import { db, type SignalTable } from '../../src/store/sql/schema';
import { applyMigrations, executeWrite, selectRows } from '../../src/store/sql/run';
import { similarClusters, termsOfSignal, writeSignalTerms } from '../../src/store/term-repository';
import { indexSignalTerms } from '../../src/services/signals/terms';
import { Sandbox } from '../sandbox/sandbox';
import { SeededRandom } from '../sandbox/seed/random';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 15, 12);
const CLUSTERS = 40;
const SIGNALS = 300;
const CUSTOMERS = Array.from({ length: 25 }, (_, i) => `Customer ${String(i).padStart(2, '0')}`);
/** Words every cluster uses, so similarity has to rank, not just match. */
const COMMON_WORDS = ['invoice', 'report', 'dashboard', 'export', 'permission', 'login', 'slow', 'mobile'];

interface GeneratedSignal {
  id: string;
  customer: string;
  arr: number | null;
  receivedAt: number;
  clusterId: string;
  text: string;
}

interface GeneratedCluster {
  id: string;
  state: string;
  category: string | undefined;
  /** Words only this cluster's signals use (alphanumeric, so the stemmer leaves them alone). */
  themeWords: string[];
}

const random = new SeededRandom(20260315);
const clusters: GeneratedCluster[] = Array.from({ length: CLUSTERS }, (_, c) => ({
  id: `cluster-${String(c).padStart(3, '0')}`,
  state: random.pick(SIGNAL_STATES),
  category: random.chance(0.15) ? undefined : random.pick(SIGNAL_CATEGORIES),
  themeWords: Array.from({ length: 6 }, (_, k) => `theme${c}w${k}`),
}));
const dormant = (clusterId: string): boolean => Number(clusterId.slice(-3)) % 4 === 0;
const baseArr = new Map(CUSTOMERS.map((customer) => [customer, random.integer(1, 40) * 5_000]));
const signals: GeneratedSignal[] = Array.from({ length: SIGNALS }, (_, s) => {
  const cluster = clusters[s < CLUSTERS ? s : random.integer(0, CLUSTERS - 1)];
  const customer = random.pick(CUSTOMERS);
  // Some signals state no ARR and some a larger one than the customer's others: the total counts each customer once, at their largest.
  const arr = random.chance(0.2) ? null : baseArr.get(customer)! + (random.chance(0.2) ? 1_000 : 0);
  const words = [...random.shuffle(cluster.themeWords).slice(0, 3), ...random.shuffle(COMMON_WORDS).slice(0, 3)];
  return {
    id: `signal-${String(s).padStart(4, '0')}`,
    customer,
    arr,
    // Every fourth cluster is dormant (nothing in the last 30 days), so the "received since" filter has clusters to leave out.
    receivedAt: NOW - random.integer(dormant(cluster.id) ? 31 * DAY_MS : 0, 90 * DAY_MS),
    clusterId: cluster.id,
    text: `The ${words.join(' and ')} keeps failing for our team`,
  };
});

function recount(clusterId: string) {
  const members = signals.filter((s) => s.clusterId === clusterId);
  const arrByCustomer = new Map<string, number>();
  for (const s of members) arrByCustomer.set(s.customer, Math.max(arrByCustomer.get(s.customer) ?? 0, s.arr ?? 0));
  return {
    signalCount: members.length,
    customerCount: arrByCustomer.size,
    arrTotal: [...arrByCustomer.values()].reduce((a, b) => a + b, 0),
    firstSeenAt: Math.min(...members.map((s) => s.receivedAt)),
    lastSeenAt: Math.max(...members.map((s) => s.receivedAt)),
  };
}

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = new Sandbox({ sql: { enabled: true } });
  await sandbox.asApp(() => applyMigrations());
  // The signals go in directly (the intake path is another file's test); clusters and attachment go through the repository.
  const { socketPath, database } = await sandbox.sql.connectionInfo();
  const connection = await mysql.createConnection({ socketPath, user: 'root', database });
  try {
    const rows = signals.map(
      (s): Insertable<SignalTable> => ({
        id: s.id,
        source: 'crm',
        external_id: s.id,
        state: 'new',
        received_at: s.receivedAt,
        customer: s.customer,
        text: s.text,
        raised_by_name: 'Sam Seller',
        arr: s.arr,
        updated_at: NOW,
      }),
    );
    const insert = db.insertInto('signal').values(rows).compile();
    await connection.query(insert.sql, insert.parameters as unknown[]);
  } finally {
    await connection.end();
  }
  await sandbox.asApp(async () => {
    for (const cluster of clusters) {
      await createCluster({ id: cluster.id, title: `Cluster ${cluster.id}`, state: cluster.state as 'new', category: cluster.category as 'bug' | undefined }, NOW - 120 * DAY_MS);
    }
    for (const signal of signals) {
      await writeSignalTerms(signal.id, termsOf(signal.text));
      await attachSignal(signal.id, signal.clusterId, NOW);
    }
  });
}, 180_000);

afterAll(() => sandbox.close());

beforeEach(() => sandbox.activate());

const readAllClusters = (): Promise<ClusterRead[]> =>
  sandbox.asApp(async () => {
    const read: ClusterRead[] = [];
    for (const { id } of clusters) read.push((await getCluster(id))!);
    return read;
  });

describe('evidence', () => {
  it('equals a recount of each cluster’s signals, with the score from src/domain/evidence.ts', async () => {
    for (const cluster of await readAllClusters()) {
      const expected = recount(cluster.id);
      expect({ id: cluster.id, ...pickEvidence(cluster) }).toEqual({ id: cluster.id, ...expected });
      expect(cluster.evidenceScore).toBeCloseTo(evidenceScore(expected), 9);
    }
  });

  it('is unchanged by attaching the same signal to the same cluster again', async () => {
    const signal = signals[7];
    const before = await sandbox.asApp(() => getCluster(signal.clusterId));
    await sandbox.asApp(() => attachSignal(signal.id, signal.clusterId, NOW));
    await sandbox.asApp(() => attachSignal(signal.id, signal.clusterId, NOW));
    const after = await sandbox.asApp(() => getCluster(signal.clusterId));
    expect(pickEvidence(after!)).toEqual(pickEvidence(before!));
    expect(after!.evidenceScore).toBe(before!.evidenceScore);
    // Each attach is recorded (the version moves), even though the evidence does not.
    expect(after!.version).toBe(before!.version + 2);
  });

  it('is recounted on both sides when a signal moves to another cluster, and moving it back restores both', async () => {
    const signal = signals.find((s) => s.clusterId === clusters[3].id && signals.filter((o) => o.clusterId === s.clusterId).length > 1)!;
    const from = signal.clusterId;
    const to = clusters[5].id;
    const [fromBefore, toBefore] = [await sandbox.asApp(() => getCluster(from)), await sandbox.asApp(() => getCluster(to))];
    await sandbox.asApp(() => attachSignal(signal.id, to, NOW));
    signal.clusterId = to;
    try {
      expect(pickEvidence((await sandbox.asApp(() => getCluster(from)))!)).toEqual(recount(from));
      expect(pickEvidence((await sandbox.asApp(() => getCluster(to)))!)).toEqual(recount(to));
    } finally {
      await sandbox.asApp(() => attachSignal(signal.id, from, NOW));
      signal.clusterId = from;
    }
    expect(pickEvidence((await sandbox.asApp(() => getCluster(from)))!)).toEqual(pickEvidence(fromBefore!));
    expect(pickEvidence((await sandbox.asApp(() => getCluster(to)))!)).toEqual(pickEvidence(toBefore!));
  });
});

function pickEvidence(cluster: ClusterRead) {
  const { signalCount, customerCount, arrTotal, firstSeenAt, lastSeenAt } = cluster;
  return { signalCount, customerCount, arrTotal, firstSeenAt, lastSeenAt };
}

describe('inboxPage', () => {
  /** The Inbox by brute force: every cluster, filtered and sorted in JavaScript from the generated data. */
  function bruteForce(query: InboxQuery, all: ClusterRead[]): string[] {
    const key = (c: ClusterRead) => (query.sort === 'evidence' ? c.evidenceScore : c.lastSeenAt);
    return all
      .filter((c) => c.state === query.state)
      .filter((c) => query.category === undefined || c.category === query.category)
      .filter((c) => query.receivedSince === undefined || c.lastSeenAt >= query.receivedSince)
      .filter(
        (c) =>
          query.customer === undefined ||
          signals.some((s) => s.clusterId === c.id && s.customer === query.customer && (query.receivedSince === undefined || s.receivedAt >= query.receivedSince)),
      )
      .sort((a, b) => key(b) - key(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((c) => c.id);
  }

  async function walk(query: Omit<InboxQuery, 'cursor'>): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await sandbox.asApp(() => inboxPage({ ...query, cursor }));
      expect(page.unreadable).toEqual([]);
      expect(page.clusters.length).toBeLessThanOrEqual(query.limit);
      seen.push(...page.clusters.map((c) => c.id));
      cursor = page.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('the Inbox did not end within 100 pages');
  }

  const since = NOW - 30 * DAY_MS;
  const busyCustomer = CUSTOMERS[3];
  const queries: Array<Omit<InboxQuery, 'cursor' | 'limit'>> = SIGNAL_STATES.flatMap((state) =>
    (['evidence', 'recent'] as const).flatMap((sort) => [
      { state, sort },
      { state, sort, category: 'bug' },
      { state, sort, receivedSince: since },
      { state, sort, customer: busyCustomer },
      { state, sort, customer: busyCustomer, receivedSince: since },
      { state, sort, category: 'request', customer: CUSTOMERS[10], receivedSince: NOW - 60 * DAY_MS },
    ]),
  );

  it.each(queries)('%j: every matching cluster exactly once, in order, across pages of 4', async (query) => {
    const all = await readAllClusters();
    const expected = bruteForce({ ...query, limit: 4 }, all);
    const walked = await walk({ ...query, limit: 4 });
    expect(walked).toEqual(expected);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it('the filters are not vacuous: the generated data gives each kind of query some clusters and leaves some out', async () => {
    const all = await readAllClusters();
    for (const query of [{ receivedSince: since }, { customer: busyCustomer }, { category: 'bug' }]) {
      const matching = SIGNAL_STATES.flatMap((state) => bruteForce({ state, sort: 'evidence', limit: 100, ...query }, all));
      expect(matching.length).toBeGreaterThan(0);
      expect(matching.length).toBeLessThan(CLUSTERS);
    }
  });

  it('answers the first page, filtered and sorted, in one SQL statement', async () => {
    sandbox.clearLogs();
    const page = await sandbox.asApp(() => inboxPage({ state: 'new', sort: 'evidence', category: 'bug', customer: busyCustomer, receivedSince: since, limit: 20 }));
    expect(sandbox.sqlLink.log.length).toBeLessThanOrEqual(2);
    expect(sandbox.sqlLink.log).toHaveLength(1);
    expect(page.clusters.every((c) => c.state === 'new' && c.category === 'bug')).toBe(true);
  });

  it('refuses a cursor made for the other sort rather than paging wrongly', async () => {
    const first = await sandbox.asApp(() => inboxPage({ state: 'new', sort: 'evidence', limit: 1 }));
    expect(first.nextCursor).toBeDefined();
    await expect(sandbox.asApp(() => inboxPage({ state: 'new', sort: 'recent', limit: 1, cursor: first.nextCursor }))).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(sandbox.asApp(() => inboxPage({ state: 'new', sort: 'recent', limit: 1, cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

const clusterTerms = async (clusterId: string) =>
  (await selectRows(db.selectFrom('cluster_term').select(['term', 'weight']).where('cluster_id', '=', clusterId).orderBy('term').compile())).map((r) => ({
    term: r.term,
    weight: Number(r.weight),
  }));

describe('the term index', () => {
  it('stores a signal’s terms once however often it is indexed', async () => {
    const signal = signals[11];
    await sandbox.asApp(() => writeSignalTerms(signal.id, termsOf(signal.text)));
    const stored = await sandbox.asApp(() => termsOfSignal(signal.id));
    const expected = termsOf(signal.text).sort((a, b) => (a.term < b.term ? -1 : 1));
    expect(stored).toEqual(expected);
  });

  it('keeps each cluster’s terms equal to the sum of its signals’ terms', async () => {
    const clusterId = clusters[9].id;
    const expected = new Map<string, number>();
    for (const s of signals.filter((s) => s.clusterId === clusterId)) {
      for (const { term, weight } of termsOf(s.text)) expected.set(term, (expected.get(term) ?? 0) + weight);
    }
    const rows = await sandbox.asApp(() => selectRows(db.selectFrom('cluster_term').select(['term', 'weight']).where('cluster_id', '=', clusterId).compile()));
    expect(new Set(rows.map((r) => r.term))).toEqual(new Set(expected.keys()));
    for (const row of rows) expect(Number(row.weight)).toBeCloseTo(expected.get(row.term)!, 9);
  });

  it('indexSignalTerms (the outbox effect) writes a signal’s terms and its cluster’s, the same however often it runs', async () => {
    const signal = signals[20];
    await sandbox.asApp(() => executeWrite(db.deleteFrom('signal_term').where('signal_id', '=', signal.id).compile()));
    await sandbox.asApp(() => executeWrite(db.deleteFrom('cluster_term').where('cluster_id', '=', signal.clusterId).compile()));
    await sandbox.asApp(() => indexSignalTerms(signal.id));
    const once = await sandbox.asApp(() => clusterTerms(signal.clusterId));
    await sandbox.asApp(() => indexSignalTerms(signal.id));
    // Clustering's features (Porter stems and concepts, the default concept list here), not the light tokeniser's.
    const features = signalFeatures(signal.text, DEFAULT_CONCEPTS).terms;
    expect(await sandbox.asApp(() => termsOfSignal(signal.id))).toEqual([...features].sort((a, b) => (a.term < b.term ? -1 : 1)));
    expect(await sandbox.asApp(() => clusterTerms(signal.clusterId))).toEqual(once);
    // Its cluster's terms came back from all of its signals' terms (the others written here with termsOf), not only this one's.
    const others = signals.filter((s) => s.clusterId === signal.clusterId && s.id !== signal.id).flatMap((s) => termsOf(s.text).map(({ term }) => term));
    expect(new Set(once.map((r) => r.term))).toEqual(new Set([...others, ...features.map(({ term }) => term)]));
  });

  it('indexSignalTerms does nothing for a signal that is not there', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      sandbox.clearLogs();
      await sandbox.asApp(() => indexSignalTerms('signal-that-never-was'));
      expect(sandbox.sqlLink.log).toHaveLength(1);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('signal-that-never-was'));
    } finally {
      warn.mockRestore();
    }
  });

  it('similarClusters ranks first the cluster whose signals share the most terms, in exactly one statement', async () => {
    for (const target of [clusters[2], clusters[17], clusters[33]]) {
      // A new signal in the target's words (four of its six) and some words every cluster uses.
      const text = `${target.themeWords.slice(0, 4).join(' ')} ${COMMON_WORDS.join(' ')}`;
      sandbox.clearLogs();
      const similar = await sandbox.asApp(() => similarClusters(termsOf(text)));
      expect(sandbox.sqlLink.log).toHaveLength(1);
      expect(similar[0].clusterId).toBe(target.id);
      expect(similar.length).toBeLessThanOrEqual(10);
      // Every other cluster shares only common words, so it shares fewer terms than the target.
      for (const other of similar.slice(1)) expect(other.sharedTerms).toBeLessThan(similar[0].sharedTerms);
      expect(similar.map((s) => s.score)).toEqual([...similar.map((s) => s.score)].sort((a, b) => b - a));
    }
  });

  it('similarClusters answers nothing for a text with no terms, without a statement', async () => {
    sandbox.clearLogs();
    await expect(sandbox.asApp(() => similarClusters(termsOf('the and of')))).resolves.toEqual([]);
    expect(sandbox.sqlLink.log).toHaveLength(0);
  });
});
