/**
 * Each intake channel through the real webtrigger handler (`sandbox.webtrigger`): signed the tool's way, stored
 * once with its raw payload and the customer and ARR the tool sends; refused the tool's way with nothing
 * written; and the settings page's view of each channel (secret set, URL, last request).
 */
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { retryPolicy } from '../../src/jira/client';
import { forgetSignalIntakeUrl, webtriggerUrlPolicy } from '../../src/jira/webtrigger-url';
import { SENT_TEXT } from '../../src/services/signals/channels/slack';
import {
  SALESFORCE_ORG,
  SECRETS,
  connectAll,
  hubspotRecord,
  hubspotRequest,
  intercomConversation,
  intercomRequest,
  invokeOk,
  migrate,
  messageAction,
  request,
  salesforceMessage,
  salesforceRequest,
  send,
  signalCount,
  signalsFrom,
  slackRequest,
  slashCommand,
  zendeskRequest,
  zendeskTicket,
} from './channel-helpers';

let sandbox: Sandbox;
let salesforceSecret: string;
beforeAll(async () => {
  sandbox = new Sandbox({ today: new Date() });
  retryPolicy.sleep = async () => undefined;
  webtriggerUrlPolicy.get = async () => 'https://abc123.hello.atlassian-dev.net/x1/signal-intake-id';
  forgetSignalIntakeUrl();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await migrate(sandbox);
});
afterAll(() => sandbox.close());

type Overview = {
  webtriggerUrl: string | null;
  channels: Array<{ channel: string; url: string | null; secretConfigured: boolean; lastRequest: { outcome: string; status: number; reason: string } | null }>;
  salesforceOrganizationId: string | null;
};
const overview = () => invokeOk<Overview>(sandbox, 'settings.channels.get', {});
const last = async (channel: string) => (await overview()).channels.find((c) => c.channel === channel)?.lastRequest;
const bodyOf = (res: { body?: string }) => JSON.parse(res.body ?? '{}') as Record<string, unknown>;

describe('before a channel is connected', () => {
  it('answers 503 not-configured in the tool\'s own style and stores nothing', async () => {
    const res = await send(sandbox, zendeskRequest(JSON.stringify(zendeskTicket())));
    expect(res.statusCode).toBe(503);
    expect(bodyOf(res)).toMatchObject({ error: 'not-configured' });
    const slack = await send(sandbox, slackRequest(slashCommand('Acme: x')));
    expect(slack.statusCode).toBe(503);
    expect(bodyOf(slack)).toMatchObject({ response_type: 'ephemeral' });
    expect(await signalCount(sandbox)).toBe(0);
    expect(await last('zendesk')).toMatchObject({ outcome: 'refused', status: 503 });
  });

  it('refuses the settings keys to anyone but a Jira admin', async () => {
    const result = await sandbox.invoke({ accountId: SEED_USERS.sales, moduleKey: 'settings', extension: {} }, 'settings.channels.setSecret', { channel: 'slack', secret: 'x'.repeat(20) });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers 404 for a path that is no channel, and keeps the JSON intake at the trigger URL itself', async () => {
    expect((await send(sandbox, request('/teams', '{}', { 'Content-Type': 'application/json' }))).statusCode).toBe(404);
    expect((await send(sandbox, request('/slack/extra', '{}', { 'Content-Type': 'application/json' }))).statusCode).toBe(404);
    const json = await send(sandbox, request('', '{}', { 'Content-Type': 'application/json' }));
    expect(bodyOf(json)).toMatchObject({ error: 'not-configured' }); // the JSON intake's own answer: its secret is not set
  });
});

describe('connected', () => {
  beforeAll(async () => {
    ({ salesforceSecret } = await connectAll(sandbox));
  });

  it('shows each channel\'s URL and that its secret is set, never the secret', async () => {
    const view = await overview();
    expect(view.webtriggerUrl).toBe('https://abc123.hello.atlassian-dev.net/x1/signal-intake-id');
    expect(view.channels.map((c) => [c.channel, c.url, c.secretConfigured])).toEqual([
      ['slack', 'https://abc123.hello.atlassian-dev.net/x1/signal-intake-id/slack', true],
      ['hubspot', 'https://abc123.hello.atlassian-dev.net/x1/signal-intake-id/hubspot', true],
      ['zendesk', 'https://abc123.hello.atlassian-dev.net/x1/signal-intake-id/zendesk', true],
      ['intercom', 'https://abc123.hello.atlassian-dev.net/x1/signal-intake-id/intercom', true],
      ['salesforce', 'https://abc123.hello.atlassian-dev.net/x1/signal-intake-id/salesforce/<secret>', true],
    ]);
    expect(view.salesforceOrganizationId).toBe(SALESFORCE_ORG);
    expect(JSON.stringify(view)).not.toContain(SECRETS.slack);
    expect(JSON.stringify(view)).not.toContain(salesforceSecret);
  });

  describe('Slack', () => {
    it('answers the Events API url_verification challenge', async () => {
      const res = await send(sandbox, slackRequest(JSON.stringify({ token: 't', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' }), 'application/json'));
      expect(res.statusCode).toBe(200);
      expect(bodyOf(res)).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    });

    it('stores a message shortcut once, with its author, text and raw payload, and answers ephemerally', async () => {
      const body = new URLSearchParams({ payload: JSON.stringify(messageAction()) }).toString();
      const first = await send(sandbox, slackRequest(body));
      expect(first.statusCode).toBe(200);
      expect(bodyOf(first)).toEqual({ response_type: 'ephemeral', text: SENT_TEXT });
      const again = await send(sandbox, slackRequest(body));
      expect(bodyOf(again)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('already has') });
      const rows = await signalsFrom(sandbox, 'slack');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        external_id: 'C07ACME01:1764669600.000200',
        customer: 'Unknown customer',
        raised_by_name: 'Marcus Bell',
        text: messageAction().message.text,
        raw_payload: body,
      });
      expect(await last('slack')).toMatchObject({ outcome: 'duplicate', status: 200, reason: expect.stringContaining('https://northwind.slack.com/archives/C07ACME01/p1764669600000200') });
    });

    it('takes the customer from before the colon of /signal', async () => {
      const res = await send(sandbox, slackRequest(slashCommand('Harbor Fresh: they need refunds to the original card')));
      expect(bodyOf(res)).toEqual({ response_type: 'ephemeral', text: SENT_TEXT });
      const row = (await signalsFrom(sandbox, 'slack')).find((r) => r.external_id.includes(':cmd:'));
      expect(row).toMatchObject({ customer: 'Harbor Fresh', text: 'they need refunds to the original card', raised_by_name: 'marcus.bell' });
    });

    it('refuses an unknown payload type, an empty command, a wrong or replayed signature with a readable message, writing nothing', async () => {
      const before = await signalCount(sandbox);
      const unknown = await send(sandbox, slackRequest(new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions' }) }).toString()));
      expect(unknown.statusCode).toBe(200);
      expect(bodyOf(unknown)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('"block_actions"') });
      expect(await last('slack')).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('block_actions') });
      const empty = await send(sandbox, slackRequest(slashCommand('   ')));
      expect(bodyOf(empty).text).toContain('/signal Acme:');
      const wrong = await send(sandbox, slackRequest(slashCommand('Acme: x'), undefined, 'not-the-secret'));
      expect(wrong.statusCode).toBe(401);
      expect(bodyOf(wrong).text).toContain('signing secret');
      const stale = await send(sandbox, slackRequest(slashCommand('Acme: x'), undefined, SECRETS.slack, String(Math.floor(Date.now() / 1000) - 301)));
      expect(stale.statusCode).toBe(401);
      const big = await send(sandbox, slackRequest(slashCommand(`Acme: ${'x'.repeat(70 * 1024)}`)));
      expect(big.statusCode).toBe(413);
      expect(await signalCount(sandbox)).toBe(before);
      expect(await last('slack')).toMatchObject({ outcome: 'refused', status: 413 });
    });
  });

  describe('HubSpot', () => {
    it('stores a workflow webhook with the company name and ARR, once, and refuses a replayed timestamp', async () => {
      const body = JSON.stringify(hubspotRecord());
      const first = await send(sandbox, hubspotRequest(body));
      expect(first.statusCode).toBe(202);
      expect((await send(sandbox, hubspotRequest(body))).statusCode).toBe(200);
      const rows = await signalsFrom(sandbox, 'hubspot');
      expect(rows).toEqual([
        expect.objectContaining({ external_id: 'contact:9001', customer: 'Meridian Health Partners', raised_by_name: 'Dana Lee', raw_payload: body }),
      ]);
      expect(Number(rows[0]!.arr)).toBe(420000);
      const stale = await send(sandbox, hubspotRequest(JSON.stringify(hubspotRecord(9002)), SECRETS.hubspot, String(Date.now() - 6 * 60 * 1000)));
      expect(stale.statusCode).toBe(401);
      expect(await last('hubspot')).toMatchObject({ outcome: 'refused', status: 401 });
    });

    it('verifies against the platform URL too, and refuses a signature over another URI', async () => {
      const { signHubSpot } = await import('../../src/services/signals/channels/hubspot');
      const body = JSON.stringify(hubspotRecord(9003));
      const ts = String(Date.now());
      const platform = request('/hubspot', body, {
        'X-HubSpot-Request-Timestamp': ts,
        'X-HubSpot-Signature-v3': signHubSpot(SECRETS.hubspot, 'POST', 'https://abc123.hello.atlassian-dev.net/x1/signal-intake-id/hubspot', body, ts),
      });
      expect((await send(sandbox, platform)).statusCode).toBe(202);
      const other = request('/hubspot', body, { 'X-HubSpot-Request-Timestamp': ts, 'X-HubSpot-Signature-v3': signHubSpot(SECRETS.hubspot, 'POST', 'https://evil.example/hubspot', body, ts) });
      expect((await send(sandbox, other)).statusCode).toBe(401);
    });

    it('acknowledges subscription events (ids only) without storing, and refuses a record without text', async () => {
      const before = await signalCount(sandbox);
      const events = await send(sandbox, hubspotRequest(JSON.stringify([{ eventId: 1, subscriptionType: 'contact.creation', objectId: 5, portalId: 1, occurredAt: Date.now() }])));
      expect(events.statusCode).toBe(200);
      expect(await last('hubspot')).toMatchObject({ outcome: 'ignored' });
      const noText = await send(sandbox, hubspotRequest(JSON.stringify({ objectId: 7, properties: { firstname: 'A' } })));
      expect(noText.statusCode).toBe(400);
      expect((await send(sandbox, hubspotRequest('{not json'))).statusCode).toBe(400);
      expect(await signalCount(sandbox)).toBe(before);
    });
  });

  describe('Zendesk', () => {
    it('stores a ticket with its organisation and ARR, once', async () => {
      const body = JSON.stringify(zendeskTicket());
      expect((await send(sandbox, zendeskRequest(body))).statusCode).toBe(202);
      const again = await send(sandbox, zendeskRequest(body));
      expect(again.statusCode).toBe(200);
      expect(bodyOf(again)).toMatchObject({ duplicate: true });
      const [row] = await signalsFrom(sandbox, 'zendesk');
      expect(row).toMatchObject({ external_id: 'ticket-4412', customer: 'Harbor Fresh Foods', raised_by_name: 'Sam Ortiz', raised_by_email: 'sam@harborfresh.example', raw_payload: body });
      expect(row!.text).toContain('original card');
      expect(Number(row!.arr)).toBe(96000);
    });

    it('refuses a wrong signature, a stale timestamp and a ticket without id, writing nothing', async () => {
      const before = await signalCount(sandbox);
      const body = JSON.stringify(zendeskTicket('4413'));
      expect((await send(sandbox, zendeskRequest(body, 'wrong-secret-123'))).statusCode).toBe(401);
      expect((await send(sandbox, zendeskRequest(body, SECRETS.zendesk, new Date(Date.now() - 10 * 60 * 1000).toISOString()))).statusCode).toBe(401);
      const noId = await send(sandbox, zendeskRequest(JSON.stringify({ ticket: { subject: 'x' } })));
      expect(noId.statusCode).toBe(400);
      expect(bodyOf(noId).message).toContain('ticket.id');
      expect(await signalCount(sandbox)).toBe(before);
      expect(await last('zendesk')).toMatchObject({ outcome: 'refused', status: 400 });
    });
  });

  describe('Intercom', () => {
    it('stores a conversation with its company and ARR (monthly spend × 12), once per conversation', async () => {
      const body = JSON.stringify(intercomConversation());
      expect((await send(sandbox, intercomRequest(body))).statusCode).toBe(202);
      const reply = JSON.stringify(intercomConversation('215467891', 'conversation.user.replied'));
      expect((await send(sandbox, intercomRequest(reply))).statusCode).toBe(200);
      const rows = await signalsFrom(sandbox, 'intercom');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ external_id: 'conversation-215467891', customer: 'Kestrel Outfitters', text: 'Can we export payouts as CSV per day?', raised_by_name: 'Lena Fischer', raw_payload: body });
      expect(Number(rows[0]!.arr)).toBe(18000);
    });

    it('acknowledges a ping, and refuses a wrong signature writing nothing', async () => {
      const before = await signalCount(sandbox);
      const ping = await send(sandbox, intercomRequest(JSON.stringify({ type: 'notification_event', topic: 'ping', data: { item: { type: 'ping', message: 'hi' } } })));
      expect(ping.statusCode).toBe(200);
      const forged = await send(sandbox, intercomRequest(JSON.stringify(intercomConversation('999')), 'forged-secret-000'));
      expect(forged.statusCode).toBe(401);
      expect(await signalCount(sandbox)).toBe(before);
    });
  });

  describe('Salesforce', () => {
    it('stores each notification once by record id, tolerates a resend and out-of-order delivery, and always Acks', async () => {
      const message = salesforceMessage(SALESFORCE_ORG, [{ id: '04l5g00000AAAA1AAA', caseId: '5005g00000CASE1AAA', description: 'Needs multi-currency invoices for the EU entities' }]);
      const first = await send(sandbox, salesforceRequest(message, salesforceSecret));
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain('<Ack>true</Ack>');
      // Two in one message, the first of them resent (Salesforce retries what it got no Ack for).
      const batch = salesforceMessage(SALESFORCE_ORG.slice(0, 15), [
        { id: '04l5g00000AAAA2AAA', caseId: '5005g00000CASE2AAA', description: 'Wants a dunning schedule per customer' },
        { id: '04l5g00000AAAA1AAA', caseId: '5005g00000CASE1AAA', description: 'Needs multi-currency invoices for the EU entities' },
      ]);
      const second = await send(sandbox, salesforceRequest(batch, salesforceSecret));
      expect(second.body).toContain('<Ack>true</Ack>');
      const rows = await signalsFrom(sandbox, 'salesforce');
      expect(rows.map((r) => r.external_id)).toEqual(['Case:5005g00000CASE1AAA', 'Case:5005g00000CASE2AAA']);
      expect(rows[0]).toMatchObject({ customer: 'Atlas Freight & Co', raised_by_name: 'Marcus Bell', raw_payload: message });
      expect(Number(rows[0]!.arr)).toBe(250000);
      expect(rows[1]!.raw_payload).toMatch(/^<Notification>[\s\S]*CASE2[\s\S]*<\/Notification>$/);
    });

    it('refuses a wrong path secret, another organisation and broken SOAP with a SOAP fault, writing nothing', async () => {
      const before = await signalCount(sandbox);
      const good = salesforceMessage(SALESFORCE_ORG, [{ id: '04l5g00000AAAA9AAA', caseId: '5005g00000CASE9AAA', description: 'x' }]);
      const wrongSecret = await send(sandbox, salesforceRequest(good, 'guess'));
      expect(wrongSecret.statusCode).toBe(401);
      expect(wrongSecret.body).toContain('<soapenv:Fault>');
      const otherOrg = await send(sandbox, salesforceRequest(salesforceMessage('00D000000000001', [{ id: '04l', caseId: '500x', description: 'x' }]), salesforceSecret));
      expect(otherOrg.statusCode).toBe(403);
      const doctype = await send(sandbox, salesforceRequest(`<!DOCTYPE x [<!ENTITY a "aaaa">]>${good}`, salesforceSecret));
      expect(doctype.statusCode).toBe(400);
      const broken = await send(sandbox, salesforceRequest(good.slice(0, 200), salesforceSecret));
      expect(broken.statusCode).toBe(400);
      const huge = await send(sandbox, salesforceRequest(good.replace('<sf:Description>x', `<sf:Description>${'"'.repeat(130 * 1024)}`), salesforceSecret));
      expect(huge.statusCode).toBe(413);
      expect(huge.body).toContain('<soapenv:Fault>');
      expect(await signalCount(sandbox)).toBe(before);
      expect(await last('salesforce')).toMatchObject({ outcome: 'refused', status: 413 });
    });

    it('a rotation returns the full URL once and the old secret stops working', async () => {
      const rotated = await invokeOk<{ secret: string; url: string; path: string }>(sandbox, 'settings.channels.rotateSalesforce', {});
      expect(rotated.url).toBe(`https://abc123.hello.atlassian-dev.net/x1/signal-intake-id/salesforce/${rotated.secret}`);
      const message = salesforceMessage(SALESFORCE_ORG, [{ id: '04l5g00000AAAA3AAA', caseId: '5005g00000CASE3AAA', description: 'Approval chains' }]);
      expect((await send(sandbox, salesforceRequest(message, salesforceSecret))).statusCode).toBe(401);
      expect((await send(sandbox, salesforceRequest(message, rotated.secret))).statusCode).toBe(200);
      salesforceSecret = rotated.secret;
    });
  });

  it('answers 503 with Retry-After (Slack: an ephemeral "try again") while storage is down, writing nothing', async () => {
    const { storageRetryPolicy } = await import('../../src/store/storage-retry');
    const sleep = storageRetryPolicy.sleep;
    storageRetryPolicy.sleep = async () => undefined;
    try {
      const before = await signalCount(sandbox);
      sandbox.sqlLink.injectFault({ status: 503, times: Infinity });
      const zendesk = await send(sandbox, zendeskRequest(JSON.stringify(zendeskTicket('5000'))));
      const slack = await send(sandbox, slackRequest(slashCommand('Acme: storage down', 'trigger.storage.down')));
      sandbox.sqlLink.clearFaults();
      expect(zendesk.statusCode).toBe(503);
      expect(zendesk.headers?.['Retry-After']).toEqual(['5']);
      expect(slack.statusCode).toBe(200);
      expect(bodyOf(slack).text).toContain('Try again');
      expect(await signalCount(sandbox)).toBe(before);
    } finally {
      sandbox.sqlLink.clearFaults();
      storageRetryPolicy.sleep = sleep;
    }
  });

  it('refuses a settings input that is not a Salesforce organisation id or a usable secret', async () => {
    expect(await sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.channels.setSalesforceOrg', { organizationId: 'acme' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await sandbox.invoke({ accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} }, 'settings.channels.setSecret', { channel: 'salesforce', secret: 'x'.repeat(40) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
