/**
 * Screenshots of signal intake for the README's user guide, in both themes: the settings page's channel
 * sections (Slack connected with its last request accepted, HubSpot with its last request refused and why,
 * Salesforce's URL shown once), the Concepts list, the CSV import dialog (the column mapping and a preview with a
 * row that will be refused, then the summary with the refused rows), the "Share a signal" form, and the triage
 * page's Inbox with a cluster open (each signal's category and the reason it is there, the similar clusters)
 * and the keys shown with `?`. Only with UPSTREAM_SCREENSHOTS=1 (they rewrite files under docs/screenshots/);
 * otherwise skipped.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { seedAppData } from '../sandbox/seed/app-data';
import { signHubSpot } from '../../src/services/signals/channels/hubspot';
import { signSlack } from '../../src/services/signals/channels/slack';
import { hubspotRecord, messageAction, SECRETS } from '../integration/channel-helpers';
import { SCREENSHOT_DIR, eventually, openPage, resolverData, screenshotsWanted, signedInContext, startWorld, stopWorld, surface, type E2eWorld, shootBetween } from './harness';

/** Each frame resizes itself once its content is in; give that a moment before the picture is taken. */
const settle = (page: Page): Promise<void> => page.waitForTimeout(500);
const describeWhenWanted = screenshotsWanted() ? describe : describe.skip;

/** Tall enough for a dialog and an open cluster: a modal is placed in the frame's viewport, which the host sizes to the page. */
const VIEWPORT = { width: 1280, height: 3200 };
const PROJECT = 'PAY';
const SALESFORCE_ORG = '00D5g000004XyZaEAK';

type Summary = { id: string; title: string; signalCount: number; version: number };
type ClusterView = {
  cluster: Summary;
  signals: Array<{ reason: { how: string; sharedTerms?: string[]; sharedConcepts?: string[] } | null }>;
  similar: Array<{ cluster: Summary }>;
};

const inboxOf = (world: E2eWorld) =>
  resolverData<{ clusters: Summary[] }>(world, 'productLead', 'triage-queue', 'signals.inbox', { projectKey: PROJECT, pageSize: 50 });
const clusterOf = (world: E2eWorld, clusterId: string) =>
  resolverData<ClusterView>(world, 'productLead', 'triage-queue', 'signals.cluster', { projectKey: PROJECT, clusterId });

/**
 * One merge a product lead confirms, from the bottom of the Inbox's first page (the top stays as the seed made
 * it), so the settings page's concepts have word pairs gathering evidence.
 */
async function confirmOneMerge(world: E2eWorld): Promise<void> {
  for (const summary of [...(await inboxOf(world)).clusters].reverse()) {
    const into = (await clusterOf(world, summary.id)).similar[0];
    if (!into) continue;
    await resolverData(world, 'productLead', 'triage-queue', 'signals.merge', {
      projectKey: PROJECT,
      from: { clusterId: summary.id, version: summary.version },
      into: { clusterId: into.cluster.id, version: into.cluster.version },
    });
    return;
  }
  throw new Error('No cluster on the Inbox’s first page has a similar cluster to merge into');
}

/** A CRM export as people have them: its own header names, ARR with currency, dates day first, one ARR nobody can read, one ragged row. */
const CSV_FILE = [
  'Company,Feedback,ARR ($),Sales rep,Date received',
  'Quillon Mills,"We re-key every invoice into the ERP at month end; can we get them out as a CSV?","$48,000",Marcus Bell,14/11/2026',
  'Tarnwick Ferries,"Finance wants the payout report as a spreadsheet, not a PDF",120k,Marcus Bell,18/11/2026',
  'Osprey Vale Orchards,"Card payouts take four days to land, so the pickers are paid late",36000,Aisha Khan,19/11/2026',
  'Brackenridge Kilns,"The remittance export drops the VAT column",lots,Aisha Khan,21/11/2026',
  'Marram Dune Surf,"Could we approve refunds over 5k before they go out?","$22,500",Marcus Bell,24/11/2026',
  'Larkspur Dairy Cooperative,"Payouts to the island farms take a week, they want them same day","$64,000",Aisha Khan,25/11/2026',
  'Quillon Mills,"Export to Excel please, with the cost centre on every line",$48000,Marcus Bell,27/11/2026,extra',
  '',
].join('\r\n');

describeWhenWanted('signal intake screenshots in docs/screenshots', () => {
  let world: E2eWorld | undefined;
  const started = (): E2eWorld => {
    if (!world) throw new Error('The e2e world did not start');
    return world;
  };

  beforeAll(async () => {
    world = await startWorld();
    await seedAppData(world.sandbox, new Date());
    await confirmOneMerge(world);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }, 120_000);
  afterAll(() => stopWorld(world));

  /** POSTs to the sandbox's webtrigger over HTTP, as the tool would. */
  const post = async (channelPath: string, body: string, headers: Record<string, string>): Promise<number> =>
    (await fetch(`${started().host.url}/x1/signal-intake${channelPath}`, { method: 'POST', body, headers })).status;

  /** A Slack message shortcut on a rep's message, signed with the secret pasted into Upstream. */
  const slackShortcut = (text: string, ts: string) => {
    const body = new URLSearchParams({
      payload: JSON.stringify(messageAction({ message: { type: 'message', user: 'U0MARCUS', ts, text, user_profile: { real_name: 'Marcus Bell' } } })),
    }).toString();
    const now = String(Math.floor(Date.now() / 1000));
    return post('/slack', body, { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': now, 'X-Slack-Signature': signSlack(SECRETS.slack, now, body) });
  };

  /** A HubSpot workflow webhook signed with `secret`: the wrong one is what a refused request looks like. */
  const hubspotWebhook = (secret: string) => {
    const body = JSON.stringify(hubspotRecord(51234, { properties: { hs_note_body: 'Wants an approval step for refunds over 5k', firstname: 'Dana', lastname: 'Lee' } }));
    const ms = String(Date.now());
    const uri = `${started().host.url.replace(/\/$/, '')}/x1/signal-intake/hubspot`;
    return post('/hubspot', body, { 'Content-Type': 'application/json', 'X-HubSpot-Request-Timestamp': ms, 'X-HubSpot-Signature-v3': signHubSpot(secret, 'POST', uri, body, ms) });
  };

  test.each([['light' as const], ['dark' as const]])('%s theme: the settings page’s channels and concepts', async (colorMode) => {
    const shot = (name: string) => path.join(SCREENSHOT_DIR, `${name}-${colorMode}.png`);
    const context = await signedInContext(started(), 'admin', colorMode);
    try {
      const page = await openPage(started(), context, '#/admin');
      await page.setViewportSize(VIEWPORT);
      const settings = surface(page, 'Upstream settings');
      const slack = settings.getByTestId('channel-slack');
      const hubspot = settings.getByTestId('channel-hubspot');
      await slack.waitFor();

      // The admin pastes each tool's secret (the light run connects them; the dark run finds them connected).
      for (const [channel, secret] of [['slack', SECRETS.slack], ['hubspot', SECRETS.hubspot]] as const) {
        const section = settings.getByTestId(`channel-${channel}`);
        if ((await section.getByText('Not connected', { exact: false }).count()) > 0) {
          await settings.getByTestId(`channel-secret-${channel}`).fill(secret);
          await settings.getByTestId(`channel-secret-save-${channel}`).click();
          await section.getByText('Connected: secret set', { exact: false }).waitFor();
        }
      }
      // Then Slack sends a message shortcut, and HubSpot a webhook signed with an old secret.
      expect(await slackShortcut('Zephyr Freight: the remittance PDF crashes whenever they attach more than 40 invoices', `17647${colorMode === 'light' ? '1' : '2'}0000.000100`)).toBe(200);
      expect(await hubspotWebhook('the-previous-client-secret')).toBe(401);
      await page.reload();
      await settings.getByTestId('channel-last-slack').getByText('accepted', { exact: false }).waitFor();
      await settings.getByTestId('channel-last-hubspot').getByText('refused', { exact: false }).waitFor();
      await settle(page);
      await shootBetween(page, slack, shot('settings-channel-slack'));
      await shootBetween(page, hubspot, shot('settings-channel-hubspot'));

      // Salesforce: the organisation id, then its URL with the secret in the path, shown once.
      const salesforce = settings.getByTestId('channel-salesforce');
      await settings.getByTestId('salesforce-org').fill(SALESFORCE_ORG);
      const saveOrg = salesforce.getByRole('button', { name: 'Save organisation id' });
      if (await saveOrg.isEnabled()) {
        await saveOrg.click();
        await eventually(() => saveOrg.isEnabled(), (enabled) => !enabled);
      }
      // The first URL is made at once; the page then offers to rotate it, which asks first and says what breaks.
      if ((await settings.getByTestId('salesforce-rotate').innerText()).startsWith('Create')) {
        await settings.getByTestId('salesforce-rotate').click();
        await settings.getByTestId('salesforce-new-url').waitFor();
        await page.reload();
      }
      await settings.getByTestId('salesforce-rotate').getByText('Rotate Salesforce URL secret', { exact: false }).waitFor();
      await settings.getByTestId('salesforce-rotate').click();
      const dialog = settings.getByTestId('rotate-secret-dialog');
      await dialog.waitFor();
      await settle(page);
      await shootBetween(page, dialog, shot('settings-salesforce-rotate'), { margin: 16 });
      await settings.getByTestId('rotate-secret-confirm').click();
      await settings.getByTestId('salesforce-new-url').waitFor();
      await settle(page);
      await shootBetween(page, salesforce, shot('settings-channel-salesforce'));

      // The Concepts section, from its heading to its save bar: the list, and the word pairs a merge noted.
      await settings.getByTestId('concepts-table').getByTestId('concept-row').first().waitFor();
      await settings.getByTestId('concept-pair').first().waitFor();
      await settle(page);
      await shootBetween(page, settings.getByRole('heading', { name: 'Concepts', exact: true }), shot('settings-concepts'), { last: settings.getByTestId('concepts-bar') });
    } finally {
      await context.close();
    }
  }, 120_000);

  /** The PAY triage page on its Inbox tab, as the product lead. */
  async function openInbox(colorMode: 'light' | 'dark'): Promise<{ page: Page; triage: FrameLocator; close: () => Promise<void> }> {
    const context = await signedInContext(started(), 'productLead', colorMode);
    const page = await openPage(started(), context, `#/project/${PROJECT}`);
    await page.setViewportSize(VIEWPORT);
    const triage = surface(page, 'Upstream triage');
    await triage.getByTestId('triage-tab-inbox').click();
    await triage.getByTestId('inbox-cluster').first().waitFor();
    return { page, triage, close: () => context.close() };
  }

  test.each([['light' as const], ['dark' as const]])('%s theme: the CSV import and the Share a signal form', async (colorMode) => {
    const shot = (name: string) => path.join(SCREENSHOT_DIR, `${name}-${colorMode}.png`);
    const { page, triage, close } = await openInbox(colorMode);
    try {
      // The same file twice: the picture of its summary is the second import's, which adds nothing (the light
      // run's first import creates the signals; the dark run finds them all there), so both themes show the same.
      const dialog = triage.getByTestId('csv-import-dialog');
      for (const time of ['first', 'second'] as const) {
        await triage.getByTestId('inbox-import').click();
        await dialog.getByTestId('csv-file-input').setInputFiles({ name: 'crm-feedback-november.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${CSV_FILE}`, 'utf8') });
        await dialog.getByTestId('csv-preview').getByText('Will be refused', { exact: false }).waitFor();
        if (time === 'first') {
          await settle(page);
          await shootBetween(page, dialog, shot('csv-import-mapping'), { margin: 16 });
        }
        await dialog.getByTestId('csv-import').click();
        await dialog.getByTestId('csv-summary').waitFor();
        await dialog.getByTestId('csv-refused-rows').waitFor();
        if (time === 'second') {
          expect(await dialog.getByTestId('csv-created').innerText()).toBe('0');
          await settle(page);
          await shootBetween(page, dialog, shot('csv-import-summary'), { margin: 16 });
        }
        await dialog.getByTestId('csv-done').click();
        await dialog.waitFor({ state: 'detached' });
      }

      await triage.getByTestId('inbox-share').click();
      const share = triage.getByTestId('share-signal-dialog');
      await share.getByLabel('Customer').fill('Meridian');
      await share.getByText('Meridian Health Partners', { exact: false }).first().click();
      // A customer signals already name brings their ARR with them.
      expect(await share.getByLabel('ARR').inputValue()).toMatch(/^\d+$/);
      await share.getByLabel('Their words').fill('We export every invoice to a spreadsheet at month end, because the PDF does not show who approved it.');
      await share.getByLabel('What were they trying to do?').fill('Give the auditors the approval trail of each invoice');
      await share.getByLabel('Link').fill('https://northwind.example/crm/notes/8841');
      await share.getByTestId('share-raised-by-me').click();
      await share.getByText('Me (Hannah Okafor)').waitFor();
      await settle(page);
      await shootBetween(page, share, shot('share-signal'), { margin: 16 });
      await share.getByRole('button', { name: 'Cancel' }).click();
    } finally {
      await close();
    }
  }, 120_000);

  test.each([['light' as const], ['dark' as const]])('%s theme: the Inbox with a cluster open and its keys', async (colorMode) => {
    const shot = (name: string) => path.join(SCREENSHOT_DIR, `${name}-${colorMode}.png`);
    // A cluster near the top whose signals joined it for stated reasons, and which has similar clusters.
    let chosen: Summary | undefined;
    for (const summary of (await inboxOf(started())).clusters.slice(0, 8)) {
      const view = await clusterOf(started(), summary.id);
      const joined = view.signals.filter((s) => s.reason?.how === 'joined' && ((s.reason.sharedTerms?.length ?? 0) > 0 || (s.reason.sharedConcepts?.length ?? 0) > 0));
      if (joined.length >= 2 && view.similar.length > 0 && view.signals.length <= 8) {
        chosen = summary;
        break;
      }
    }
    if (!chosen) throw new Error('No cluster near the top of the Inbox has joined signals and similar clusters');

    const { page, triage, close } = await openInbox(colorMode);
    try {
      const row = triage.locator(`tr[data-focus-key="c:${chosen.id}"]`);
      await row.focus();
      await page.keyboard.press('Enter');
      await triage.getByTestId('inbox-detail').getByTestId('inbox-signal-reason').first().waitFor();
      await triage.getByTestId('inbox-similar').first().waitFor();
      await page.keyboard.press('?');
      await triage.getByTestId('inbox-keys-table').waitFor();
      // What the picture is for: signals that say why they joined, in words.
      const reasons = await triage.getByTestId('inbox-detail').getByTestId('inbox-signal-reason').allInnerTexts();
      expect(reasons.filter((reason) => /^Joined this cluster \(score \d\.\d\d\): shares /.test(reason)).length).toBeGreaterThanOrEqual(2);
      await settle(page);
      // From the top of the page to the end of the open cluster's similar clusters, as wide as the frame.
      const detail = await triage.getByTestId('inbox-detail').boundingBox();
      const frame = await page.locator('iframe[title="Upstream triage"]').boundingBox();
      if (!detail || !frame) throw new Error('The open cluster has no box');
      await page.screenshot({
        path: shot('inbox-cluster-open'),
        fullPage: true,
        clip: { x: 0, y: 0, width: Math.min(VIEWPORT.width, Math.ceil(frame.x + frame.width + 16)), height: Math.ceil(detail.y + detail.height + 24) },
      });
    } finally {
      await close();
    }
  }, 120_000);
});
