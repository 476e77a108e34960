/**
 * Salesforce Outbound Messages: SOAP, unsigned. What authenticates a message is the secret in the URL path
 * (`…/salesforce/<secret>`, compared in constant time) and the OrganizationId inside it, checked against the
 * configured one. Salesforce resends a message it got no Ack for, for 24 hours, possibly twice and out of order,
 * so the key is the record's own Id: whichever delivery arrives first stores it, every later one is a duplicate
 * and is still Acked (otherwise Salesforce would keep resending it).
 *
 * Fields: Outbound Messages carry only the object's own fields, so the customer and ARR come from the Account
 * itself (an Account message) or from formula fields on the object (`Account_Name__c`, `Account_ARR__c`).
 */
import { child, children, parseXml, XmlError, type XmlElement } from './xml';
import { MissingFields, readArr, safeEqual, storeChannelSignal, validExternalId, type ChannelAnswer, type ChannelRequest } from './common';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export const SALESFORCE_ACK =
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}"><soapenv:Body>` +
  '<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A SOAP fault: Salesforce records the faultstring in its outbound message queue, where the admin looks. */
export function refuseSalesforce(status: number, error: string, message: string, headers?: Record<string, string>): ChannelAnswer {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}"><soapenv:Body><soapenv:Fault>` +
    `<faultcode>soapenv:${status >= 500 ? 'Server' : 'Client'}</faultcode><faultstring>${escapeXml(`${error}: ${message}`)}</faultstring>` +
    '</soapenv:Fault></soapenv:Body></soapenv:Envelope>';
  return { status, contentType: 'text/xml; charset=utf-8', body, outcome: 'refused', reason: message, ...(headers ? { headers } : {}) };
}

const field = (sObject: XmlElement, names: readonly string[]): string | undefined => {
  for (const name of names) {
    const value = child(sObject, name)?.text.trim();
    if (value) return value;
  }
  return undefined;
};

function toSignal(notification: XmlElement, raw: string) {
  const sObject = child(notification, 'sObject');
  if (!sObject) throw new MissingFields('a Notification has no sObject');
  const id = field(sObject, ['Id']);
  if (!id) throw new MissingFields('an sObject has no Id: add Id to the outbound message fields');
  const type = (sObject.attributes['xsi:type'] ?? '').replace(/^.*:/, '');
  const text = field(sObject, ['Upstream_Signal__c', 'Description', 'Comments', 'Body', 'Subject']);
  if (!text) throw new MissingFields(`${type || 'record'} ${id.slice(0, 20)} has no Description, Comments, Body or Subject`);
  return {
    source: 'salesforce' as const,
    externalId: validExternalId(`${type || 'sobject'}:${id}`),
    customer: field(sObject, type === 'Account' ? ['Name'] : ['Account_Name__c', 'AccountName__c']),
    text,
    raisedByName: field(sObject, ['Owner_Name__c', 'CreatedBy_Name__c', 'SuppliedName']),
    raisedByEmail: field(sObject, ['Owner_Email__c', 'SuppliedEmail']),
    arr: readArr(field(sObject, ['Account_ARR__c', 'ARR__c', 'Upstream_ARR__c'])),
    rawPayload: raw,
  };
}

/** Salesforce's 18-character ids add a case-check suffix to the 15-character one: compare the 15. */
const org15 = (id: string) => id.trim().slice(0, 15);

export async function handleSalesforce(req: ChannelRequest, secret: string, organizationId: string | null, nowMs: number): Promise<ChannelAnswer> {
  if (!safeEqual(secret, req.rest)) return refuseSalesforce(401, 'bad-secret', 'The secret in the URL path does not match: copy the URL from the Upstream settings page again.');
  if (!organizationId) {
    return refuseSalesforce(503, 'not-configured', 'Salesforce intake needs the organisation id: a Jira admin sets it on the Upstream settings page.');
  }
  let envelope: XmlElement;
  try {
    envelope = parseXml(req.rawBody);
  } catch (error: unknown) {
    if (error instanceof XmlError) return refuseSalesforce(400, 'invalid-soap', `The body is not a SOAP message Upstream can read (${error.message}).`);
    throw error;
  }
  const notifications = child(child(envelope, 'Body'), 'notifications');
  if (envelope.name !== 'Envelope' || !notifications) return refuseSalesforce(400, 'invalid-soap', 'Expected a SOAP Envelope with Body/notifications (a Salesforce Outbound Message).');
  const org = child(notifications, 'OrganizationId')?.text.trim() ?? '';
  if (!safeEqual(org15(organizationId), org15(org))) {
    return refuseSalesforce(403, 'wrong-organization', 'The OrganizationId is not the Salesforce organisation configured in Upstream.');
  }
  const items = children(notifications, 'Notification');
  if (items.length === 0 || items.length > 100) return refuseSalesforce(400, 'invalid-soap', 'A message carries between 1 and 100 Notification elements.');
  const signals = [];
  const skipped: string[] = [];
  for (const item of items) {
    try {
      signals.push(toSignal(item, items.length === 1 ? req.rawBody : req.rawBody.slice(item.start, item.end)));
    } catch (error: unknown) {
      if (!(error instanceof MissingFields)) throw error;
      skipped.push(error.message);
    }
  }
  if (signals.length === 0) return refuseSalesforce(400, 'invalid-signal', `Nothing to store: ${skipped[0]}.`);
  let created = 0;
  for (const signal of signals) if ((await storeChannelSignal(signal, Math.floor(nowMs / 1000))).created) created += 1;
  const reason = `${created} stored, ${signals.length - created} already there${skipped.length ? `, ${skipped.length} skipped (${skipped[0]})` : ''}`;
  return { status: 200, contentType: 'text/xml; charset=utf-8', body: SALESFORCE_ACK, outcome: created > 0 ? 'accepted' : 'duplicate', reason };
}
