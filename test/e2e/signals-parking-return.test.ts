/**
 * A parked cluster comes back, in Chromium as the product lead sees it: parked from the Inbox with `p` and a
 * reason, it stays in the Parking lot while new evidence is under the threshold (settings: 3 new signals or
 * 50,000 ARR), and once signals that join it through the real intake webtrigger cross it, it is back in the
 * Inbox, marked "Back from the parking lot" with the evidence since parking — without the lead reloading.
 */
import type { FrameLocator } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { signedIntakeRequest } from '../sandbox/intake-request';
import { eventually, openPage, resolverData, signedInContext, surface, useWorld } from './harness';

const PROJECT = 'PAY';
type Summary = { id: string; title: string; version: number; signalCount: number };
type Tab = { clusters: Summary[] };
type ClusterView = { cluster: Summary; signals: Array<{ id: string; text: string; customer: string }> };

const started = useWorld((world) => seedAppData(world.sandbox, new Date()));
const lead = <T>(key: string, payload: Record<string, unknown>) => resolverData<T>(started(), 'productLead', 'triage-queue', key, { projectKey: PROJECT, ...payload });
const row = (triage: FrameLocator, clusterId: string) => triage.locator(`tr[data-focus-key="c:${clusterId}"]`);

/** New signals from new customers, saying what the cluster's first signal said, through the signed webtrigger; then processed. */
async function moreEvidence(secret: string, text: string, from: number, count: number): Promise<void> {
  const world = started();
  for (let i = from; i < from + count; i += 1) {
    const request = signedIntakeRequest(secret, { externalId: `parking-return-${i}`, source: 'crm', customer: `Returning Customer ${i}`, text, arr: 1_000, raisedBy: { name: 'Marcus Bell' } });
    const response = await world.sandbox.webtrigger('signal-intake', request as never);
    expect([200, 202]).toContain(response.statusCode);
  }
  await world.sandbox.events.settle();
}

test('a parked cluster stays parked under the threshold and is back in the Inbox, marked, once new signals cross it', async () => {
  const world = started();
  const { secret } = await resolverData<{ secret: string }>(world, 'admin', 'settings', 'settings.rotateIntakeSecret', {});
  const inbox = await lead<Tab>('signals.inbox', { state: 'new', pageSize: 100 });
  // A cluster of one signal: new signals in its very words score 1 against it, above any other cluster.
  const target = inbox.clusters.find((c) => c.signalCount === 1)!;
  const view = await lead<ClusterView>('signals.cluster', { clusterId: target.id });
  const text = view.signals[0]!.text;

  const context = await signedInContext(world, 'productLead');
  try {
    const page = await openPage(world, context, `#/project/${PROJECT}`);
    const triage = surface(page, 'Upstream triage');
    await triage.getByTestId('triage-tab-inbox').click();
    await row(triage, target.id).focus();
    await page.keyboard.press('p');
    await triage.getByTestId('route-rationale').fill('Real, but one customer; park it until more ask.');
    await page.keyboard.press('Control+Enter');
    await triage.getByTestId('upstream-announcer').getByText('routed to Parking lot', { exact: false }).waitFor();
    await row(triage, target.id).waitFor({ state: 'detached' });

    // Two new signals join it: under the default threshold of 3, it stays in the Parking lot, counting them.
    await moreEvidence(secret, text, 1, 2);
    await triage.getByTestId('triage-tab-parking').click();
    const parked = row(triage, target.id);
    await parked.waitFor();
    const since = await eventually(() => parked.getByTestId('decision-since-parking').innerText(), (text) => /^Since parking: \+2 new signals of 3/.test(text), 15_000);
    expect(since).toMatch(/^Since parking: \+2 new signals of 3/);

    // The third crosses it: back in the Inbox, marked, with the evidence since parking.
    await moreEvidence(secret, text, 3, 1);
    await triage.getByTestId('triage-tab-inbox').click();
    const back = row(triage, target.id);
    await back.waitFor();
    await back.getByText('Back from the parking lot').waitFor();
    expect(await back.innerText()).toMatch(/\+3 new signals/);
    expect((await lead<Tab>('signals.inbox', { state: 'parked', pageSize: 100 })).clusters.map((c) => c.id)).not.toContain(target.id);
  } finally {
    await context.close();
  }
});
