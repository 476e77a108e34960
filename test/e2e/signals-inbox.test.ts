/**
 * The signal Inbox on PAY's triage page, as a product lead works it: the clusters with their evidence; a cluster
 * opened from the keyboard with every signal's category and the reason it is there; two clusters merged from the
 * keyboard and the merge undone with `z` (the counts back as they were); a Slack message shortcut and a HubSpot
 * webhook, signed as those tools sign, arriving in the Inbox categorised and with their reasons once the events
 * queue has clustered them; and a sales rep, who sees the same Inbox without the actions. Screenshots in both
 * themes go to /tmp/shots/inbox-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { signHubSpot } from '../../src/services/signals/channels/hubspot';
import { signSlack } from '../../src/services/signals/channels/slack';
import { connectAll, hubspotRecord, messageAction, SECRETS } from '../integration/channel-helpers';
import { openTriageInbox, resolverData, useWorld, type E2eWorld } from './harness';

const SHOTS = '/tmp/shots';
const PROJECT = 'PAY';

type Summary = { id: string; title: string; signalCount: number; customerCount: number; arrTotal: number; version: number };
type Inbox = { clusters: Summary[]; nextCursor: string | null; canTriage: boolean };
type Cluster = {
  cluster: Summary;
  signals: Array<{ id: string; text: string; category: string | null; categorySource: string | null; reason: { how: string } | null }>;
  similar: Array<{ cluster: Summary; score: number; sharedTerms: string[] }>;
};

const started = useWorld((world) => seedAppData(world.sandbox, new Date()));

const inboxAs = (persona: 'productLead' | 'sales', extra: Record<string, unknown> = {}) =>
  resolverData<Inbox>(started(), persona, 'triage-queue', 'signals.inbox', { projectKey: PROJECT, pageSize: 50, ...extra });
const clusterAs = (clusterId: string) => resolverData<Cluster>(started(), 'productLead', 'triage-queue', 'signals.cluster', { projectKey: PROJECT, clusterId });

/** What has the keyboard focus in the triage frame: its focus key (`c:…`, `s:…`, `m:…`), or its tag. */
const focusInFrame = (page: Page): Promise<string> => {
  const frame: Frame | undefined = page.frames().find((f) => f.url().includes('module=triage-queue'));
  if (!frame) throw new Error('No triage frame');
  return frame.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.dataset.focusKey ?? active?.tagName ?? 'none';
  });
};

const openInbox = (persona: 'productLead' | 'sales', colorMode: 'light' | 'dark' = 'light') => openTriageInbox(started(), persona, { projectKey: PROJECT, colorMode });

const row = (triage: FrameLocator, clusterId: string) => triage.locator(`tr[data-focus-key="c:${clusterId}"]`);
/** The top of the page, where the open cluster is: a whole Inbox page is too tall to read in one picture. */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `inbox-${name}.png`), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } });

beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

/** A cluster on the first page whose most similar cluster is on the first page too: the pair to merge. */
async function mergeablePair(): Promise<{ from: Cluster; into: Cluster['similar'][number] }> {
  const inbox = await inboxAs('productLead');
  const listed = new Set(inbox.clusters.map((c) => c.id));
  for (const summary of inbox.clusters) {
    const view = await clusterAs(summary.id);
    const into = view.similar[0];
    if (into && listed.has(into.cluster.id)) return { from: view, into };
  }
  throw new Error('No cluster on the first page has a similar cluster on it');
}

test('the Inbox lists clusters with their evidence; Enter opens one with each signal’s category and reason, and the similar clusters', async () => {
  const inbox = await inboxAs('productLead');
  expect(inbox.canTriage).toBe(true);
  const { page, triage, close } = await openInbox('productLead');
  try {
    const rows = triage.getByTestId('inbox-cluster');
    expect(await rows.count()).toBe(inbox.clusters.length);
    const first = inbox.clusters[0]!;
    const firstRow = row(triage, first.id);
    expect(await firstRow.getByTestId('inbox-cluster-title').innerText()).toBe(first.title);
    expect(await firstRow.getByTestId('inbox-cluster-signals').innerText()).toBe(`${first.signalCount} signal${first.signalCount === 1 ? '' : 's'}`);
    expect(await firstRow.getByTestId('inbox-cluster-arr').innerText()).toContain(first.arrTotal.toLocaleString('en-US'));
    // The exact time stands behind the relative one.
    expect(await firstRow.locator('time').first().getAttribute('title')).toBeTruthy();
    await triage.getByText('Keys:', { exact: false }).first().waitFor();

    // Keyboard only from here: focus the list, j moves, k comes back, Enter opens and puts the focus on the first signal.
    await firstRow.focus();
    await page.keyboard.press('j');
    expect(await focusInFrame(page)).toBe(`c:${inbox.clusters[1]!.id}`);
    await page.keyboard.press('k');
    expect(await focusInFrame(page)).toBe(`c:${first.id}`);
    await page.keyboard.press('Enter');
    const detail = triage.getByTestId('inbox-detail');
    await detail.waitFor();
    const view = await clusterAs(first.id);
    const signals = detail.getByTestId('inbox-signal');
    expect(await signals.count()).toBe(view.signals.length);
    expect(await focusInFrame(page)).toBe(`s:${view.signals[0]!.id}`);
    // Every signal says why it is here and what it is.
    for (const reason of await detail.getByTestId('inbox-signal-reason').allInnerTexts()) expect(reason).toMatch(/^(Joined this cluster|Started this cluster|Moved here by)/);
    for (const category of await detail.getByTestId('inbox-signal-category').allInnerTexts()) expect(category).toMatch(/suggested|confirmed|No category/);
    expect(await detail.getByTestId('inbox-similar').count()).toBe(view.similar.length);
    await shot(page, 'open-light');

    // `?` shows every key; Escape closes the cluster and the focus goes back to its row.
    await page.keyboard.press('?');
    await triage.getByTestId('inbox-keys-table').waitFor();
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    expect(await focusInFrame(page)).toBe(`c:${first.id}`);
  } finally {
    await close();
  }
});

test('m then 1 merges the open cluster into its most similar one, and z undoes it: the counts are as they were', async () => {
  const { from, into } = await mergeablePair();
  const { page, triage, close } = await openInbox('productLead');
  try {
    const intoRow = row(triage, into.cluster.id);
    const countsBefore = await intoRow.getByTestId('inbox-cluster-signals').innerText();
    await row(triage, from.cluster.id).focus();
    await page.keyboard.press('Enter');
    await triage.getByTestId('inbox-similar').first().waitFor();
    expect(await triage.getByTestId('inbox-similar-title').first().innerText()).toBe(into.cluster.title);

    await page.keyboard.press('m');
    await triage.getByTestId('inbox-merge-armed').waitFor();
    await page.keyboard.press('1');
    // The merged cluster leaves the list; the one it went into holds both, open, with the focus on its row.
    await row(triage, from.cluster.id).waitFor({ state: 'detached' });
    const merged = from.cluster.signalCount + into.cluster.signalCount;
    await intoRow.getByTestId('inbox-cluster-signals').getByText(`${merged} signals`).waitFor();
    await triage.getByTestId('upstream-announcer').getByText('Press z to undo', { exact: false }).waitFor();
    expect(await focusInFrame(page)).toBe(`c:${into.cluster.id}`);
    await triage.getByTestId('inbox-undo').getByText('Undo:', { exact: false }).waitFor();
    expect((await clusterAs(into.cluster.id)).signals).toHaveLength(merged);

    await page.keyboard.press('z');
    await row(triage, from.cluster.id).waitFor();
    await intoRow.getByTestId('inbox-cluster-signals').getByText(countsBefore, { exact: true }).waitFor();
    await triage.getByTestId('upstream-announcer').getByText('Undone:', { exact: false }).waitFor();
    expect(await row(triage, from.cluster.id).getByTestId('inbox-cluster-signals').innerText()).toBe(
      `${from.cluster.signalCount} signal${from.cluster.signalCount === 1 ? '' : 's'}`,
    );
    expect((await clusterAs(from.cluster.id)).signals.map((s) => s.id).sort()).toEqual(from.signals.map((s) => s.id).sort());
    expect((await clusterAs(into.cluster.id)).signals).toHaveLength(into.cluster.signalCount);
    // The focus stayed in the list.
    expect(await focusInFrame(page)).toMatch(/^c:/);
  } finally {
    await close();
  }
});

test('on a signal 4 sets Bug and a accepts the suggestion; x selects, s splits; a cluster changed meanwhile is reloaded with the selection kept', async () => {
  const inbox = await inboxAs('productLead');
  // Three signals at least: one to categorise, two to select and split out, and one left behind. (The seed's
  // routed clusters are in the Routed tab and the Parking lot now, not the Inbox.)
  const target = inbox.clusters.find((c) => c.signalCount >= 3);
  if (!target) throw new Error(`No Inbox cluster has 3 signals or more: ${inbox.clusters.map((c) => c.signalCount).join(', ')}`);
  const before = await clusterAs(target.id);
  const { page, triage, close } = await openInbox('productLead');
  try {
    await row(triage, target.id).focus();
    await page.keyboard.press('Enter');
    await triage.getByTestId('inbox-signal').first().waitFor();
    const [first, second, third] = before.signals;

    // 4 → Bug on the focused signal, confirmed by a person.
    await page.keyboard.press('4');
    await triage.getByTestId('upstream-announcer').getByText('now bug', { exact: false }).waitFor();
    const afterBug = await clusterAs(target.id);
    expect(afterBug.signals.find((s) => s.id === first!.id)).toMatchObject({ category: 'bug', categorySource: 'confirmed' });
    expect(await focusInFrame(page)).toBe(`s:${first!.id}`);

    // j, then a accepts the second signal's suggestion as it stands.
    await page.keyboard.press('j');
    const suggested = afterBug.signals.find((s) => s.id === second!.id)!;
    await page.keyboard.press('a');
    if (suggested.categorySource === 'suggested') {
      await triage.getByTestId('upstream-announcer').getByText('as suggested', { exact: false }).waitFor();
      expect((await clusterAs(target.id)).signals.find((s) => s.id === second!.id)).toMatchObject({ category: suggested.category, categorySource: 'confirmed' });
    }

    // x on the second and third; meanwhile someone renames the cluster (its version moves on).
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    expect(await triage.getByTestId('inbox-selected-count').innerText()).toBe('2 signals selected');
    const renamed = await resolverData<{ cluster: Summary }>(started(), 'productLead', 'triage-queue', 'signals.renameCluster', {
      projectKey: PROJECT,
      clusterId: target.id,
      version: target.version,
      title: 'Renamed by a colleague',
    });
    await page.keyboard.press('s');
    await triage.getByTestId('inbox-notice').getByText('changed meanwhile', { exact: false }).waitFor();
    // Reloaded: the new title shows, nothing moved, and the two signals are still selected.
    await row(triage, target.id).getByTestId('inbox-cluster-title').getByText('Renamed by a colleague').waitFor();
    expect((await clusterAs(target.id)).signals).toHaveLength(before.signals.length);
    expect(await triage.getByTestId('inbox-selected-count').innerText()).toBe('2 signals selected');
    expect(renamed.cluster.version).toBeGreaterThan(target.version);

    // s again splits them into a new cluster; the focus stays on a signal of this one.
    await page.keyboard.press('s');
    await triage.getByTestId('upstream-announcer').getByText('2 signals split out', { exact: false }).waitFor();
    await triage.locator(`tr[data-signal-id="${second!.id}"]`).waitFor({ state: 'detached' });
    expect(await triage.getByTestId('inbox-signal').count()).toBe(before.signals.length - 2);
    expect(await focusInFrame(page)).toMatch(/^(s|m):/);
    const after = await clusterAs(target.id);
    expect(after.signals.map((s) => s.id)).not.toContain(third!.id);

    // z puts them back.
    await page.keyboard.press('z');
    await triage.getByTestId('upstream-announcer').getByText('Undone:', { exact: false }).waitFor();
    await triage.locator(`tr[data-signal-id="${third!.id}"]`).waitFor();
    expect((await clusterAs(target.id)).signals).toHaveLength(before.signals.length);
  } finally {
    await close();
  }
});

test('r renames the focused cluster in place; n on a similar cluster marks it not the same, and it is not suggested again', async () => {
  const { from, into } = await mergeablePair();
  const { page, triage, close } = await openInbox('productLead');
  try {
    await row(triage, from.cluster.id).focus();
    await page.keyboard.press('r');
    const field = triage.getByTestId('inbox-rename-input');
    await field.waitFor();
    // An empty title is refused where it is typed, and nothing is sent.
    await field.fill('   ');
    await page.keyboard.press('Enter');
    await triage.getByTestId('inbox-rename-error').getByText('A cluster needs a title.').waitFor();
    await field.fill('Bulk actions on invoices');
    await page.keyboard.press('Enter');
    await row(triage, from.cluster.id).getByTestId('inbox-cluster-title').getByText('Bulk actions on invoices').waitFor();
    expect(await focusInFrame(page)).toBe(`c:${from.cluster.id}`);
    expect((await clusterAs(from.cluster.id)).cluster.title).toBe('Bulk actions on invoices');

    // Enter, End (the last similar cluster), n.
    await page.keyboard.press('Enter');
    await triage.getByTestId('inbox-similar').first().waitFor();
    const similarIds = from.similar.map((m) => m.cluster.id);
    await page.keyboard.press('End');
    const last = similarIds[similarIds.length - 1]!;
    expect(await focusInFrame(page)).toBe(`m:${last}`);
    await page.keyboard.press('n');
    await triage.locator(`tr[data-focus-key="m:${last}"]`).waitFor({ state: 'detached' });
    await triage.getByTestId('upstream-announcer').getByText('are not the same', { exact: false }).waitFor();
    // The focus moved to the similar cluster before it, and the pair is never suggested again.
    expect(await focusInFrame(page)).toMatch(/^(m|s):/);
    expect((await clusterAs(from.cluster.id)).similar.map((m) => m.cluster.id)).not.toContain(last);
    expect(into.cluster.id).toBeTruthy();
  } finally {
    await close();
  }
});

test('in a narrow frame the Inbox stacks each cluster and signal, and the keys still work', async () => {
  const { from } = await mergeablePair();
  const { page, triage, close } = await openInbox('productLead');
  try {
    await page.setViewportSize({ width: 420, height: 900 });
    await row(triage, from.cluster.id).focus();
    await page.keyboard.press('Enter');
    await triage.getByTestId('inbox-signal').first().waitFor();
    await page.keyboard.press('?');
    await triage.getByTestId('inbox-keys-table').waitFor();
    const overflow = await triage.locator('body').evaluate((body) => body.scrollWidth - body.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(SHOTS, 'inbox-narrow-light.png'), fullPage: true, clip: { x: 0, y: 0, width: 420, height: 2000 } });
  } finally {
    await close();
  }
});

/** POSTs to the sandbox's webtrigger over HTTP, as Slack and HubSpot would. */
async function postToWebtrigger(world: E2eWorld, channelPath: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${world.host.url}/x1/signal-intake${channelPath}`, { method: 'POST', body, headers });
  return response.status;
}

const SLACK_TEXT = 'Zephyr Freight says the remittance PDF crashes every time they attach more than 40 invoices; it has been broken since Tuesday';
const HUBSPOT_TEXT = 'Would love an approval step for refunds over 5k before they go out: can you add that for the finance team?';

test('a Slack message shortcut and a HubSpot webhook arrive in the Inbox, categorised, with their reasons', async () => {
  const world = started();
  await connectAll(world.sandbox);
  const ts = String(Math.floor(Date.now() / 1000));
  const slackBody = new URLSearchParams({
    payload: JSON.stringify(messageAction({ message: { type: 'message', user: 'U0MARCUS', ts: '1764999999.000100', text: SLACK_TEXT, user_profile: { real_name: 'Marcus Bell' } } })),
  }).toString();
  expect(
    await postToWebtrigger(world, '/slack', slackBody, {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Slack-Request-Timestamp': ts,
      'X-Slack-Signature': signSlack(SECRETS.slack, ts, slackBody),
    }),
  ).toBe(200);
  const hubspotBody = JSON.stringify(hubspotRecord(424242, { properties: { hs_note_body: HUBSPOT_TEXT, firstname: 'Dana', lastname: 'Lee' } }));
  const ms = String(Date.now());
  const uri = `${world.host.url.replace(/\/$/, '')}/x1/signal-intake/hubspot`;
  expect(
    await postToWebtrigger(world, '/hubspot', hubspotBody, {
      'Content-Type': 'application/json',
      'X-HubSpot-Request-Timestamp': ms,
      'X-HubSpot-Signature-v3': signHubSpot(SECRETS.hubspot, 'POST', uri, hubspotBody, ms),
    }),
  ).toBeLessThan(300);
  // The queue categorises and clusters them.
  await world.sandbox.events.settle();

  const { page, triage, close } = await openInbox('productLead');
  try {
    // The newest first: both signals' clusters are at the top.
    await triage.getByTestId('inbox-sort').selectOption('recent');
    const recent = await inboxAs('productLead', { sort: 'recent' });
    await triage.locator(`tr[data-focus-key="c:${recent.clusters[0]!.id}"]`).waitFor();
    await page.waitForFunction(() => true);
    const found: Record<string, { category: string; reason: string }> = {};
    // The clusters the two signals are in, found through the resolver; both are among the most recent.
    const holding: string[] = [];
    for (const summary of recent.clusters.slice(0, 10)) {
      const view = await clusterAs(summary.id);
      if (view.signals.some((s) => s.text === SLACK_TEXT || s.text === HUBSPOT_TEXT)) holding.push(summary.id);
    }
    expect(holding.length).toBeGreaterThan(0);
    for (const summary of recent.clusters.filter((c) => holding.includes(c.id))) {
      await row(triage, summary.id).focus();
      await page.keyboard.press('Enter');
      const detail = triage.getByTestId('inbox-detail');
      await detail.getByTestId('inbox-signal').first().waitFor();
      for (const [name, text] of [['slack', SLACK_TEXT], ['hubspot', HUBSPOT_TEXT]] as const) {
        const signal = detail.getByTestId('inbox-signal').filter({ hasText: text.slice(0, 40) });
        if ((await signal.count()) === 0) continue;
        found[name] = {
          category: await signal.getByTestId('inbox-signal-category').innerText(),
          reason: await signal.getByTestId('inbox-signal-reason').innerText(),
        };
        // The words behind the suggestion are marked in the text.
        expect(await signal.locator('mark.si-cue').count()).toBeGreaterThan(0);
        if (name === 'slack') await shot(page, 'slack-light');
      }
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    }
    expect(found.slack?.category).toMatch(/^Bug/);
    expect(found.slack?.reason).toMatch(/^(Joined this cluster|Started this cluster)/);
    expect(found.hubspot?.category).toMatch(/^Request/);
    expect(found.hubspot?.reason).toMatch(/^(Joined this cluster|Started this cluster)/);
  } finally {
    await close();
  }
});

test('a sales rep sees the Inbox and the reasons, without the actions, and is told why', async () => {
  const inbox = await inboxAs('sales');
  expect(inbox.canTriage).toBe(false);
  const { page, triage, close } = await openInbox('sales');
  try {
    await triage.getByTestId('inbox-read-only').waitFor();
    expect(await triage.getByTestId('inbox-undo').count()).toBe(0);
    expect(await triage.getByRole('button', { name: 'Share a signal' }).count()).toBe(1);
    const first = inbox.clusters[0]!;
    await row(triage, first.id).focus();
    await page.keyboard.press('Enter');
    const detail = triage.getByTestId('inbox-detail');
    await detail.getByTestId('inbox-signal-reason').first().waitFor();
    expect(await detail.getByRole('button', { name: /Merge|Not the same|Accept/ }).count()).toBe(0);
    expect(await detail.locator('select, input[type="checkbox"]').count()).toBe(0);
    expect(await triage.getByRole('button', { name: /^Rename/ }).count()).toBe(0);
    // A key that would change something says why nothing happened, and changes nothing.
    await page.keyboard.press('4');
    await triage.getByTestId('upstream-announcer').getByText('Administer Projects', { exact: false }).waitFor();
    expect((await inboxAs('productLead')).clusters.find((c) => c.id === first.id)?.version).toBe(first.version);
    await shot(page, 'sales-light');
  } finally {
    await close();
  }
});

test.each([['light' as const], ['dark' as const]])('screenshots: the Inbox with a cluster open, %s theme', async (colorMode) => {
  const { from } = await mergeablePair();
  const { page, triage, close } = await openInbox('productLead', colorMode);
  try {
    await row(triage, from.cluster.id).focus();
    await page.keyboard.press('Enter');
    await triage.getByTestId('inbox-similar').first().waitFor();
    await page.keyboard.press('x');
    await shot(page, `list-${colorMode}`);
  } finally {
    await close();
  }
});
