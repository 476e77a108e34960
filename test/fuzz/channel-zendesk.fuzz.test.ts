/** Fuzz: the Zendesk channel of the signal-intake webtrigger (see channel-fuzz.ts for what is generated and checked). */
import fc from 'fast-check';
import { request, SECRETS, zendeskRequest, zendeskTicket } from '../integration/channel-helpers';
import { connectedSandbox, fuzzChannel, mutateJson, randomBody } from './channel-fuzz';

const world = connectedSandbox();

const event = { type: 'zen:event-type:ticket.created', id: 'e1', detail: { id: '88', subject: 'Export', description: 'Needs CSV export' } };
const valid = fc.integer({ min: 1, max: 1e12 }).map((id) => zendeskRequest(JSON.stringify(zendeskTicket(String(id)))));
const signedMalformed = fc.oneof(
  mutateJson(zendeskTicket()).map((body) => zendeskRequest(JSON.stringify(body) ?? '')),
  mutateJson(event).map((body) => zendeskRequest(JSON.stringify(body) ?? '')),
  randomBody.map((body) => zendeskRequest(body)),
);
const badlySigned = fc.oneof(
  fc.tuple(randomBody, fc.string({ maxLength: 60 })).map(([body, sig]) =>
    request('/zendesk', body, { 'X-Zendesk-Webhook-Signature-Timestamp': new Date().toISOString(), 'X-Zendesk-Webhook-Signature': sig }),
  ),
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => zendeskRequest(JSON.stringify(zendeskTicket('9')), `${s}${SECRETS.zendesk}`)),
  fc.integer({ min: 5 * 60 * 1000 + 1, max: 1e10 }).map((age) => zendeskRequest(JSON.stringify(zendeskTicket('10')), SECRETS.zendesk, new Date(Date.now() - age).toISOString())),
  fc.constantFrom('', 'yesterday', '2026-13-45T00:00:00Z').map((ts) => zendeskRequest(JSON.stringify(zendeskTicket('11')), SECRETS.zendesk, ts)),
  randomBody.map((body) => request('/zendesk', body, {})),
);

it('Zendesk: 10,000 requests, never a 500, nothing written unless stored, some stored', async () => {
  const result = await fuzzChannel(world.sandbox, fc.oneof({ weight: 1, arbitrary: valid }, { weight: 6, arbitrary: signedMalformed }, { weight: 3, arbitrary: badlySigned }), (res) => res.statusCode === 202, 20261204);
  expect(result.accepted).toBeGreaterThan(100);
  expect(result.statuses[400]).toBeGreaterThan(100);
  expect(result.statuses[401]).toBeGreaterThan(100);
}, 300_000);
