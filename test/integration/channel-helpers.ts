/**
 * Requests as each tool sends them to the signal-intake webtrigger's channel paths, signed with that tool's
 * scheme, plus the admin's set-up through the real resolvers. Shared by the channel integration and fuzz tests.
 */
import { sql } from '@forge/sql';
import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import type { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { applyMigrations } from '../../src/store/sql/run';
import { signSlack } from '../../src/services/signals/channels/slack';
import { signHubSpot } from '../../src/services/signals/channels/hubspot';
import { signZendesk } from '../../src/services/signals/channels/zendesk';
import { signIntercom } from '../../src/services/signals/channels/intercom';

export const HOST = 'upstream.example';
export const admin = { accountId: SEED_USERS.admin, moduleKey: 'settings', extension: {} };

export function request(path: string, body: string, headers: Record<string, string>, method = 'POST'): WebTriggerRequest {
  return {
    method: method as WebTriggerRequest['method'],
    path: `/x1/signal-intake${path}`,
    body,
    headers: Object.fromEntries(Object.entries({ host: HOST, ...headers }).map(([k, v]) => [k, [v]])),
    queryParameters: {},
  };
}

export const send = (sandbox: Sandbox, req: WebTriggerRequest): Promise<WebTriggerResponse> => sandbox.webtrigger('signal-intake', req);

export async function invokeOk<T>(sandbox: Sandbox, key: string, payload: unknown): Promise<T> {
  const result = (await sandbox.invoke(admin, key, payload)) as { ok: boolean; data?: T; error?: unknown };
  if (!result.ok) throw new Error(`${key} failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

export const SECRETS = { slack: 'slack-signing-secret-8f2a', hubspot: 'hubspot-client-secret-91bd', zendesk: 'zendesk-webhook-secret-77c1', intercom: 'intercom-client-secret-4e0f' };
export const SALESFORCE_ORG = '00D5g000004XyZaEAK';

/** Sets every pasted secret and Salesforce's organisation, and rotates Salesforce's path secret (returned). */
export async function connectAll(sandbox: Sandbox): Promise<{ salesforceSecret: string }> {
  for (const [channel, secret] of Object.entries(SECRETS)) await invokeOk(sandbox, 'settings.channels.setSecret', { channel, secret });
  await invokeOk(sandbox, 'settings.channels.setSalesforceOrg', { organizationId: SALESFORCE_ORG });
  const rotated = await invokeOk<{ secret: string }>(sandbox, 'settings.channels.rotateSalesforce', {});
  return { salesforceSecret: rotated.secret };
}

export const nowSeconds = () => String(Math.floor(Date.now() / 1000));

export function slackRequest(body: string, contentType = 'application/x-www-form-urlencoded', secret = SECRETS.slack, ts = nowSeconds()): WebTriggerRequest {
  return request('/slack', body, { 'Content-Type': contentType, 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': signSlack(secret, ts, body) });
}
export function hubspotRequest(body: string, secret = SECRETS.hubspot, ts = String(Date.now())): WebTriggerRequest {
  const uri = `https://${HOST}/x1/signal-intake/hubspot`;
  return request('/hubspot', body, { 'Content-Type': 'application/json', 'X-HubSpot-Request-Timestamp': ts, 'X-HubSpot-Signature-v3': signHubSpot(secret, 'POST', uri, body, ts) });
}
export function zendeskRequest(body: string, secret = SECRETS.zendesk, ts = new Date().toISOString()): WebTriggerRequest {
  return request('/zendesk', body, { 'Content-Type': 'application/json', 'X-Zendesk-Webhook-Signature-Timestamp': ts, 'X-Zendesk-Webhook-Signature': signZendesk(secret, ts, body) });
}
export function intercomRequest(body: string, secret = SECRETS.intercom): WebTriggerRequest {
  return request('/intercom', body, { 'Content-Type': 'application/json', 'X-Hub-Signature': signIntercom(secret, body) });
}
export function salesforceRequest(body: string, pathSecret: string): WebTriggerRequest {
  return request(`/salesforce/${pathSecret}`, body, { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' });
}

export const messageAction = (overrides: Record<string, unknown> = {}) => ({
  type: 'message_action',
  callback_id: 'send_to_upstream',
  trigger_id: '1234.5678.abcd',
  team: { id: 'T024BE7LD', domain: 'northwind' },
  channel: { id: 'C07ACME01', name: 'deal-brightwater' },
  user: { id: 'U0MARCUS', name: 'marcus.bell' },
  message: {
    type: 'message',
    user: 'U0MARCUS',
    ts: '1764669600.000200',
    text: 'Brightwater: finance cannot split one invoice across two cost centres, they export to Excel every month',
    user_profile: { real_name: 'Marcus Bell', display_name: 'marcus' },
  },
  response_url: 'https://hooks.slack.com/app/T024BE7LD/1/abc',
  ...overrides,
});

export const slashCommand = (text: string, triggerId = '13345224609.738474920.8088930838d88f008e0') =>
  new URLSearchParams({
    token: 'deprecated',
    team_id: 'T024BE7LD',
    team_domain: 'northwind',
    channel_id: 'C07ACME01',
    channel_name: 'deal-brightwater',
    user_id: 'U0MARCUS',
    user_name: 'marcus.bell',
    command: '/signal',
    text,
    response_url: 'https://hooks.slack.com/commands/1234/5678',
    trigger_id: triggerId,
  }).toString();

export const hubspotRecord = (objectId = 9001, overrides: Record<string, unknown> = {}) => ({
  objectId,
  objectType: 'CONTACT',
  properties: { hs_note_body: 'Wants approvals on invoices over 10k before they are sent', firstname: 'Dana', lastname: 'Lee', email: 'dana@meridian.example' },
  'associated-company': { 'company-id': 77, properties: { name: { value: 'Meridian Health Partners' }, hs_arr: { value: '420000' } } },
  ...overrides,
});

export const zendeskTicket = (id = '4412', overrides: Record<string, unknown> = {}) => ({
  ticket: { id, subject: 'Refund to original card', description: 'We need refunds to go back to the original card, not store credit.', url: 'northwind.zendesk.com/agent/tickets/4412' },
  requester: { name: 'Sam Ortiz', email: 'sam@harborfresh.example' },
  organization: { name: 'Harbor Fresh Foods', arr: '96000' },
  ...overrides,
});

export const intercomConversation = (id = '215467891', topic = 'conversation.user.created') => ({
  type: 'notification_event',
  app_id: 'abc123',
  topic,
  id: `notif_${id}`,
  created_at: Math.floor(Date.now() / 1000),
  data: {
    type: 'notification_event_data',
    item: {
      type: 'conversation',
      id,
      source: { type: 'conversation', body: '<p>Can we export payouts as CSV <b>per day</b>?</p>', author: { type: 'user', name: 'Lena Fischer', email: 'lena@kestrel.example' } },
      companies: { type: 'company.list', data: [{ type: 'company', name: 'Kestrel Outfitters', monthly_spend: 1500 }] },
    },
  },
});

export const salesforceMessage = (org: string, notifications: Array<{ id: string; caseId: string; description: string }>) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${org}</OrganizationId>
   <ActionId>04k5g000000XyZaAAK</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://northwind.my.salesforce.com/services/Soap/c/59.0/00D5g000004XyZa</EnterpriseUrl>
   <PartnerUrl>https://northwind.my.salesforce.com/services/Soap/u/59.0/00D5g000004XyZa</PartnerUrl>
${notifications
  .map(
    (n) => `   <Notification>
    <Id>${n.id}</Id>
    <sObject xsi:type="sf:Case" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>${n.caseId}</sf:Id>
     <sf:Account_ARR__c>250000.00</sf:Account_ARR__c>
     <sf:Account_Name__c>Atlas Freight &amp; Co</sf:Account_Name__c>
     <sf:Description>${n.description}</sf:Description>
     <sf:Owner_Name__c>Marcus Bell</sf:Owner_Name__c>
     <sf:Subject>Feature request</sf:Subject>
    </sObject>
   </Notification>`,
  )
  .join('\n')}
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;

/** The tables exist before anything is counted (the app creates them on first write, or from the sweeper). */
export const migrate = (sandbox: Sandbox) => sandbox.asApp(() => applyMigrations());

/** Signals and their raw payloads, read through @forge/sql as the app. */
export const signalCount = (sandbox: Sandbox) =>
  sandbox.asApp(async () => {
    const { rows } = await sql.prepare<{ n: number | string }>('SELECT COUNT(*) AS n FROM `signal`').execute();
    return Number(rows[0]?.n ?? 0);
  });

export interface SignalRow {
  source: string;
  external_id: string;
  customer: string;
  text: string;
  raised_by_name: string;
  raised_by_email: string | null;
  arr: string | number | null;
  raw_payload: string | null;
}
export const signalsFrom = (sandbox: Sandbox, source: string) =>
  sandbox.asApp(async () => {
    const { rows } = await sql
      .prepare<SignalRow>('SELECT source, external_id, customer, text, raised_by_name, raised_by_email, arr, raw_payload FROM `signal` WHERE source = ? ORDER BY external_id')
      .bindParams(source)
      .execute();
    return rows;
  });
