/**
 * Pipeline health (`triage.health`) on a small known dataset: per UTC month of the signals received, the share
 * decided, the median hours to a decision, the median days to shipped, and the parked clusters that grew since
 * parking; in three SQL statements whatever the size; refused to someone who cannot browse the project.
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { clock } from '../../src/services/clock';
import { storageRetryPolicy } from '../../src/store/storage-retry';
import { attachSignal } from '../../src/store/cluster-repository';
import { recordShipped } from '../../src/store/signal-status-repository';
import { storeRouteDecision } from '../../src/store/routing-decision-repository';
import { as } from './work-type-helpers';
import { DAY, addSignals, clusterWith, issueIn } from './my-signals-fixture';

const today = new Date('2026-11-26T10:00:00Z');
const LEAD = SEED_USERS.productLead;
const SALES = SEED_USERS.sales;
let sandbox: Sandbox;
const realNow = clock.now;
const realSleep = storageRetryPolicy.sleep;
const utc = (iso: string): number => Date.parse(`${iso}T12:00:00Z`);

type Answer = { ok: true; data: { months: any[] } } | { ok: false; error: { code: string; message: string } };
const health = async (accountId: string, payload: unknown): Promise<Answer> =>
  (await sandbox.invoke(as(accountId, 'triage-queue', { project: { key: 'PAY' } }), 'triage.health', payload)) as Answer;

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  storageRetryPolicy.sleep = async () => undefined;
  clock.now = () => today;
  const signal = (externalId: string, day: string) => ({ externalId, raisedBy: SALES, text: `Signal ${externalId}`, customer: `Customer ${externalId}`, arr: 10_000, receivedAtMs: utc(day) });
  const [a, b, c, d, e, f, g, h, i] = await addSignals(sandbox, [
    signal('h-a', '2026-11-02'),
    signal('h-b', '2026-11-05'),
    signal('h-c', '2026-11-10'),
    signal('h-d', '2026-10-01'),
    signal('h-e', '2026-10-03'),
    signal('h-f', '2026-10-05'),
    // Parked clusters' signals arrived before the window: they count only as parked clusters.
    signal('h-g', '2026-08-01'),
    signal('h-h', '2026-08-02'),
    signal('h-i', '2026-08-03'),
  ]);
  const shippedIssue = issueIn(sandbox, 'PAY', 'done');
  // November: first decided after 24 h and 72 h (median 48 h); one shipped 10 days after it arrived; one undecided.
  const changedMind = await clusterWith(sandbox, [a!], 'declined', utc('2026-11-03'));
  // The lead changes their mind 17 days later: the decision that stands is newer, the time to FIRST decision is not.
  await sandbox.asApp(() =>
    storeRouteDecision(
      {
        clusterId: changedMind, decisionId: `decision-${changedMind}-again`, clusterVersion: 2_000, route: 'parking-lot', rationale: 'Not now after all.',
        decidedBy: 'lead-account', decidedByName: 'Hannah Okafor', jiraState: 'none', jiraEffectId: null, targetProjectKey: null, epicKey: null,
        epicSummary: null, intoNextSprint: null, duplicateOf: null, requireClusterAt: null, parkBaseline: false,
      },
      utc('2026-11-20'),
    ),
  );
  await clusterWith(sandbox, [b!], 'quick-fix', utc('2026-11-08'), { issueKey: shippedIssue });
  await clusterWith(sandbox, [c!], null, utc('2026-11-10'));
  await sandbox.asApp(() => recordShipped(shippedIssue, [b!], utc('2026-11-15')));
  // October: one cluster decided the day after its first signal, before its second joined (0 h); one after 6 days.
  const october = await clusterWith(sandbox, [d!], 'roadmap', utc('2026-10-02'));
  await sandbox.asApp(() => attachSignal(e!, october, utc('2026-10-03')));
  await clusterWith(sandbox, [f!], 'quick-fix', utc('2026-10-11'));
  // Parked in October, then grew by a signal; parked in November and did not grow.
  const grew = await clusterWith(sandbox, [g!], 'parking-lot', utc('2026-10-20'));
  await sandbox.asApp(() => attachSignal(h!, grew, utc('2026-10-25')));
  await clusterWith(sandbox, [i!], 'parking-lot', utc('2026-11-20'));
}, 180_000);

afterAll(async () => {
  clock.now = realNow;
  storageRetryPolicy.sleep = realSleep;
  await sandbox.close();
});

describe('triage.health', () => {
  it('answers each month: decided share, median time to decision and to shipped, parked clusters that grew', async () => {
    const answer = await health(LEAD, { projectKey: 'PAY', months: 3 });
    expect(answer.ok).toBe(true);
    const { months } = (answer as { ok: true; data: { months: any[] } }).data;
    expect(months).toEqual([
      { month: '2026-09', signals: 0, decided: 0, decidedShare: null, medianHoursToDecision: null, shipped: 0, medianDaysToShipped: null, parked: 0, parkedGrew: 0 },
      { month: '2026-10', signals: 3, decided: 3, decidedShare: 1, medianHoursToDecision: 24, shipped: 0, medianDaysToShipped: null, parked: 1, parkedGrew: 1 },
      { month: '2026-11', signals: 3, decided: 2, decidedShare: 2 / 3, medianHoursToDecision: 48, shipped: 1, medianDaysToShipped: 10, parked: 1, parkedGrew: 0 },
    ]);
  });

  it('costs three SQL statements, however many months', async () => {
    for (const months of [1, 12]) {
      await health(LEAD, { projectKey: 'PAY', months });
      sandbox.clearLogs();
      const answer = await health(LEAD, { projectKey: 'PAY', months });
      expect(answer.ok).toBe(true);
      expect((answer as { ok: true; data: { months: unknown[] } }).data.months).toHaveLength(months);
      expect(sandbox.sqlLink.log).toHaveLength(3);
    }
  });

  it('is refused, with a code and a next step, to someone who cannot browse the project', async () => {
    const hidden = sandbox.jira.site.projects.find((p) => !(p.permissions[SEED_USERS.restricted] ?? []).includes('BROWSE_PROJECTS'))!;
    const answer = (await sandbox.invoke(as(SEED_USERS.restricted, 'triage-queue', { project: { key: hidden.key } }), 'triage.health', { projectKey: hidden.key })) as Answer;
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Ask the project') } });
  });
});
