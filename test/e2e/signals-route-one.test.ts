/**
 * Routing one signal from inside an open cluster, as a product lead does it from the keyboard (and its Route…
 * button), and each decision's notification state on the Routed tab:
 *
 * - q on a signal row routes that signal alone, with a reason: it leaves the cluster (the open cluster and the
 *   counts follow, the focus on the signal that took its place), and its own cluster is in Routed with the
 *   decision and who was told: without a Slack bot token, "waiting for a Slack token", the problems listed in the
 *   cluster's detail with the next step; once an admin saves the token, "told";
 * - a colleague moving the signal meanwhile is a conflict: its sentence shown, the reason typed kept.
 */
import { kvs } from '@forge/kvs';
import type { FrameLocator } from 'playwright-core';
import { SEED_USERS } from '../sandbox/seed';
import { sandboxSlack } from '../sandbox/slack/slack-emulator';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';
import { attachSignal, createCluster } from '../../src/store/cluster-repository';
import { createSignalOnce, recordFirstClustering } from '../../src/store/signal-repository';
import { eventually, openTriageInbox, resolverData, useWorld } from './harness';

const PROJECT = 'PAY';
type Summary = { id: string; title: string; version: number; signalCount: number };
type Notifications = { sent: number; held: number; failed: number; unreachable: number; problems: Array<{ state: string; channel: string }> };
type Tab = {
  clusters: Summary[];
  counts: { inbox: number; parking: number; routed: number; declined: number } | null;
  details: Record<string, { decision: { route: string; rationale: string } | null; notifications: Notifications | null }>;
};

const started = useWorld();
const tabAs = (state: string) => resolverData<Tab>(started(), 'productLead', 'triage-queue', 'signals.inbox', { projectKey: PROJECT, state, pageSize: 100 });

let n = 0;
/** A cluster of three signals: Jordan's (a CRM rep Slack knows by email), Sam's (Jira access) and one nobody can reach. */
async function clusterOfThree(title: string): Promise<{ clusterId: string; jordan: string; sam: string; nobody: string }> {
  n += 1;
  const clusterId = `cluster-route-one-${n}`;
  const now = Date.now();
  const ids = await started().sandbox.asApp(async () => {
    await createCluster({ id: clusterId, title, state: 'new' }, now);
    const made: string[] = [];
    for (const s of [
      { source: 'hubspot' as const, externalId: `hubspot-one-${n}`, customer: 'Acme Foods', text: 'Can the export include cost centres? Finance re-keys them every month.', raisedByName: 'Jordan Reyes', raisedByEmail: 'jordan@brightforge.dev', arr: 40_000 },
      { source: 'form' as const, externalId: `form-one-${n}`, customer: 'Borealis Clinics', text: 'We need cost centres on every exported line.', raisedByName: 'Sam Whitaker', raisedByAccountId: SEED_USERS.sales, arr: 30_000 },
      { source: 'crm' as const, externalId: `crm-one-${n}`, customer: 'Cobalt Freight', text: 'Export by cost centre, please.', raisedByName: 'Unknown CRM user', arr: 20_000 },
    ]) {
      const { id } = await createSignalOnce({ ...s, state: 'new', receivedAt: Math.floor(now / 1000) });
      // Clustered, as the engine would have (a signal not yet clustered cannot be routed on its own).
      await recordFirstClustering(id, { clusterId, reason: { how: 'joined', score: 0.6, sharedTerms: ['cost', 'centr'], sharedConcepts: [], at: now }, category: 'request', categoryWords: [] }, now);
      await attachSignal(id, clusterId, now);
      made.push(id);
    }
    return made;
  });
  return { clusterId, jordan: ids[0]!, sam: ids[1]!, nobody: ids[2]! };
}

const openTriage = () => openTriageInbox(started(), 'productLead', { projectKey: PROJECT });

const row = (triage: FrameLocator, clusterId: string) => triage.locator(`tr[data-focus-key="c:${clusterId}"]`);
const signalRow = (triage: FrameLocator, signalId: string) => triage.locator(`tr[data-focus-key="s:${signalId}"]`);
const announced = (triage: FrameLocator, text: string) => triage.getByTestId('upstream-announcer').getByText(text, { exact: false }).waitFor();
const focusedKey = (triage: FrameLocator) => triage.locator('body').evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focusKey ?? null);

beforeEach(async () => {
  sandboxSlack.reset();
  // No Slack bot token: what the decision tells Slack users is held until an admin saves one.
  await started().sandbox.asApp(async () => {
    await kvs.deleteSecret('slack-bot-token');
    await kvs.delete('settings:slack-connection');
  });
});

test('q on a signal routes it alone with a reason: it leaves the cluster, its own cluster is in Routed with who was told, and a saved token sends what was held', async () => {
  const { clusterId, jordan } = await clusterOfThree('Cost centres in the export');
  const before = (await tabAs('new')).counts!;
  const { page, triage, close } = await openTriage();
  try {
    await row(triage, clusterId).focus();
    await page.keyboard.press('Enter');
    await signalRow(triage, jordan).waitFor();
    const order = await triage.locator(`[data-open-cluster="${clusterId}"] tr[data-place="signal"]`).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.signalId!));
    expect(order).toHaveLength(3);
    const at = order.indexOf(jordan);
    const takesItsPlace = order[at + 1] ?? order[at - 1]!;

    // The keys say it, under ?.
    await page.keyboard.press('?');
    await triage.getByTestId('inbox-keys-table').getByText('on a signal in an open cluster: route that signal on its own', { exact: false }).waitFor();
    await page.keyboard.press('?');

    await signalRow(triage, jordan).focus();
    await page.keyboard.press('q');
    const dialog = triage.getByTestId('route-dialog');
    await dialog.waitFor();
    await dialog.getByText('Route the signal from Acme Foods: “Can the export include cost centres?', { exact: false }).waitFor();
    expect(await triage.getByTestId('route-signal-note').innerText()).toContain('It leaves “Cost centres in the export” for a cluster of its own');
    // A reason is required here too.
    await triage.getByTestId('route-submit').click();
    await triage.getByTestId('route-error-rationale').waitFor();
    await triage.getByTestId('route-project').locator('option[value="PAY"]').waitFor({ state: 'attached' });
    await triage.getByTestId('route-rationale').fill('Acme alone needs it this quarter; a small fix for them.');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await announced(triage, 'routed to Quick fix as a cluster of its own');

    // It left the open cluster, which shows two signals now; the focus is on the one that took its place.
    await signalRow(triage, jordan).waitFor({ state: 'detached' });
    await signalRow(triage, takesItsPlace).waitFor();
    expect(await eventually(() => focusedKey(triage), (key) => key === `s:${takesItsPlace}`)).toBe(`s:${takesItsPlace}`);
    await row(triage, clusterId).getByTestId('inbox-cluster-signals').getByText('2 signals', { exact: true }).waitFor();
    await triage.getByTestId('triage-count-routed').getByText(String(before.routed + 1), { exact: true }).waitFor();
    await triage.getByTestId('triage-count-inbox').getByText(String(before.inbox), { exact: true }).waitFor();

    await started().sandbox.events.settle();
    const routed = await tabAs('routed');
    const own = routed.clusters.find((c) => routed.details[c.id]?.decision?.rationale === 'Acme alone needs it this quarter; a small fix for them.');
    expect(own).toMatchObject({ signalCount: 1 });
    // Decided and in Jira, each a Slack message to Jordan held for a token.
    expect(routed.details[own!.id]!.notifications).toMatchObject({ sent: 0, held: 2, failed: 0, unreachable: 0 });

    await triage.getByTestId('triage-tab-routed').click();
    const routedRow = row(triage, own!.id);
    await routedRow.waitFor();
    expect(await routedRow.getByTestId('decision-rationale').innerText()).toContain('Acme alone needs it this quarter');
    expect(await routedRow.getByTestId('decision-notifications').innerText()).toBe('Raisers: 2 waiting for a Slack token');
    // Open it: who was not told, why, and what to do.
    await routedRow.click();
    const problems = triage.getByTestId('decision-notification-problems');
    await problems.waitFor();
    expect(await problems.getByTestId('decision-notification-problem').count()).toBe(2);
    const first = await problems.getByTestId('decision-notification-problem').first().innerText();
    // Named as the signal names the rep; the address Slack was to find them by is in the name's tooltip.
    expect(first).toContain('The decision, Jordan Reyes, by Slack message: waiting for a Slack token.');
    expect(await problems.getByTestId('decision-notification-problem').first().getByText('The decision, Jordan Reyes', { exact: false }).getAttribute('title')).toBe('a Slack message to jordan@brightforge.dev');
    expect(first).toContain('Next: Save a Slack bot token in Upstream settings');

    // An admin saves the token: the held messages go out, and Routed says so.
    await resolverData(started(), 'admin', 'settings', 'settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN });
    await started().sandbox.events.settle();
    expect((await tabAs('routed')).details[own!.id]!.notifications).toMatchObject({ sent: 2, held: 0 });
    await triage.getByTestId('triage-tab-inbox').click();
    await triage.locator('[data-tab="inbox"]').waitFor();
    await triage.getByTestId('triage-tab-routed').click();
    await row(triage, own!.id).getByTestId('decision-notifications').getByText('Raisers: 2 told', { exact: true }).waitFor();
    expect(sandboxSlack.api.directMessagesTo('U0JORDAN')).toHaveLength(2);
  } finally {
    await close();
  }
}, 120_000);

test('Route… on a signal opens the same dialog; a colleague moving the signal meanwhile is a conflict that keeps the reason typed', async () => {
  const { clusterId, sam } = await clusterOfThree('Cost centre column');
  const { page, triage, close } = await openTriage();
  try {
    await row(triage, clusterId).focus();
    await page.keyboard.press('Enter');
    await signalRow(triage, sam).waitFor();
    await signalRow(triage, sam).getByTestId('inbox-signal-route').click();
    const dialog = triage.getByTestId('route-dialog');
    await dialog.getByText('Route the signal from Borealis Clinics: “We need cost centres on every exported line.”', { exact: false }).waitFor();
    await triage.getByTestId('route-option-declined').check();
    await triage.getByTestId('route-rationale').fill('Borealis only, and they have a workaround.');
    // Meanwhile a colleague splits that signal out of the cluster.
    const cluster = (await tabAs('new')).clusters.find((c) => c.id === clusterId)!;
    await resolverData(started(), 'admin', 'triage-queue', 'signals.move', { projectKey: PROJECT, signalIds: [sam], from: { clusterId, version: cluster.version }, to: { new: true } });
    await triage.getByTestId('route-submit').click();
    const conflict = triage.getByTestId('route-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain(`Signal ${sam} is no longer in this cluster`);
    expect(await triage.getByTestId('route-rationale').inputValue()).toBe('Borealis only, and they have a workaround.');
    // Nothing of the lead's was decided.
    expect(Object.values((await tabAs('declined')).details).some((d) => d.decision?.rationale === 'Borealis only, and they have a workaround.')).toBe(false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  } finally {
    await close();
  }
}, 120_000);

test('the only signal of a cluster is routed as that cluster: nothing is split, and the cluster leaves the Inbox', async () => {
  const clusterId = 'cluster-route-one-alone';
  const now = Date.now();
  const signalId = await started().sandbox.asApp(async () => {
    await createCluster({ id: clusterId, title: 'Fax invoices', state: 'new' }, now);
    const { id } = await createSignalOnce({ source: 'crm', externalId: 'crm-one-alone', customer: 'Dunmore Printing', text: 'Could invoices go out by fax?', raisedByName: 'Unknown CRM user', state: 'new', receivedAt: Math.floor(now / 1000) });
    await recordFirstClustering(id, { clusterId, reason: { how: 'started', sharedTerms: [], sharedConcepts: [], at: now }, category: 'request', categoryWords: [] }, now);
    await attachSignal(id, clusterId, now);
    return id;
  });
  const { page, triage, close } = await openTriage();
  try {
    await row(triage, clusterId).focus();
    await page.keyboard.press('Enter');
    await signalRow(triage, signalId).waitFor();
    await signalRow(triage, signalId).focus();
    await page.keyboard.press('d');
    expect(await triage.getByTestId('route-signal-note').innerText()).toBe('It is the only signal in “Fax invoices”: that cluster is routed.');
    await triage.getByTestId('route-rationale').fill('Nobody sends faxes any more.');
    await page.keyboard.press('Control+Enter');
    await announced(triage, '“Fax invoices” routed to Declined');
    await row(triage, clusterId).waitFor({ state: 'detached' });
    const declined = await tabAs('declined');
    expect(declined.details[clusterId]?.decision).toMatchObject({ route: 'declined', rationale: 'Nobody sends faxes any more.' });
    expect(declined.clusters.find((c) => c.id === clusterId)).toMatchObject({ signalCount: 1 });
  } finally {
    await close();
  }
}, 120_000);
