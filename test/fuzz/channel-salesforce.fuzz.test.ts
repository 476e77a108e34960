/** Fuzz: the Salesforce channel of the signal-intake webtrigger (see channel-fuzz.ts for what is generated and checked). */
import fc from 'fast-check';
import { SALESFORCE_ORG, salesforceMessage, salesforceRequest } from '../integration/channel-helpers';
import { connectedSandbox, fuzzChannel, randomBody } from './channel-fuzz';

const world = connectedSandbox();

/** Every generated message names records no earlier one named, so an Ack is a new row unless the message was refused. */
let serial = 0;
const fresh = fc.constant(null).map(() => (serial += 1));
const message = (n: number) => salesforceMessage(SALESFORCE_ORG, [{ id: `04l${n}`, caseId: `500${n}`, description: `Signal number ${n}` }]);
const XML_BITS = ['<', '>', '</x>', '<a/>', '&', '&amp;', '&#0;', '&#x110000;', '&foo;', '<![CDATA[', ']]>', '<!--', '<!DOCTYPE x>', '"', "'", '=', ':', 'sf:', '\u0000', '🙂'];
/** Edits to a valid message: cut it, insert XML-significant text somewhere, or swap an element's text. */
const mutatedXml = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 2000 }), fresh).map(([at, n]) => message(n).slice(0, at)),
  fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.constantFrom(...XML_BITS), fresh).map(([at, bit, n]) => {
    const m = message(n);
    return m.slice(0, at) + bit + m.slice(at);
  }),
  fc.tuple(fc.constantFrom('OrganizationId', 'sf:Id', 'sf:Description', 'Notification', 'notifications', 'soapenv:Body', 'sObject'), fc.string({ maxLength: 20 }), fresh).map(
    ([tag, text, n]) => message(n).replace(new RegExp(`<${tag}[^>]*>[\\s\\S]*?</${tag}>`), `<${tag}>${text.replace(/[<&]/g, '')}${tag === 'sf:Id' ? `-${n}` : ''}</${tag}>`),
  ),
  fresh.map((n) => message(n).replace(/<sf:Description>[^<]*<\/sf:Description>/, '').replace(/<sf:Subject>[^<]*<\/sf:Subject>/, '')),
);

const requests = fc.oneof(
  { weight: 1, arbitrary: fresh.map((n) => salesforceRequest(message(n), world.salesforceSecret)) },
  { weight: 5, arbitrary: mutatedXml.map((body) => salesforceRequest(body, world.salesforceSecret)) },
  { weight: 1, arbitrary: randomBody.map((body) => salesforceRequest(body, world.salesforceSecret)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 50 }).map((guess) => salesforceRequest(message(5), encodeURIComponent(guess))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 18 }).map((org) => salesforceRequest(salesforceMessage(org.replace(/[<&]/g, ''), [{ id: '04l6', caseId: '5006', description: 'x' }]), world.salesforceSecret)) },
);

it('Salesforce: 10,000 requests, never a 500, nothing written unless stored, some stored', async () => {
  const result = await fuzzChannel(world.sandbox, requests, (res) => res.statusCode === 200 && (res.body ?? '').includes('<Ack>true</Ack>'), 20261206);
  expect(result.accepted).toBeGreaterThan(100);
  expect(result.statuses[400]).toBeGreaterThan(100);
  expect(result.statuses[401]).toBeGreaterThan(100);
}, 300_000);
