/** Fuzz: the HubSpot channel of the signal-intake webtrigger (see channel-fuzz.ts for what is generated and checked). */
import fc from 'fast-check';
import { hubspotRecord, hubspotRequest, request, SECRETS } from '../integration/channel-helpers';
import { connectedSandbox, fuzzChannel, mutateJson, randomBody } from './channel-fuzz';

const world = connectedSandbox();

const valid = fc.integer({ min: 1, max: 1e12 }).map((id) => hubspotRequest(JSON.stringify(hubspotRecord(id))));
const signedMalformed = fc.oneof(
  mutateJson(hubspotRecord()).map((record) => hubspotRequest(JSON.stringify(record) ?? '')),
  mutateJson([hubspotRecord(1), { eventId: 1, subscriptionType: 'contact.creation', objectId: 1 }]).map((records) => hubspotRequest(JSON.stringify(records) ?? '')),
  randomBody.map((body) => hubspotRequest(body)),
);
const badlySigned = fc.oneof(
  fc.tuple(randomBody, fc.string({ maxLength: 60 })).map(([body, sig]) => request('/hubspot', body, { 'X-HubSpot-Request-Timestamp': String(Date.now()), 'X-HubSpot-Signature-v3': sig })),
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => hubspotRequest(JSON.stringify(hubspotRecord(5)), `${s}${SECRETS.hubspot}`)),
  fc.integer({ min: 5 * 60 * 1000 + 1, max: 1e10 }).map((age) => hubspotRequest(JSON.stringify(hubspotRecord(6)), SECRETS.hubspot, String(Date.now() - age))),
  fc.constantFrom('', 'abc', '-5', '1.5').map((ts) => hubspotRequest(JSON.stringify(hubspotRecord(7)), SECRETS.hubspot, ts)),
  randomBody.map((body) => request('/hubspot', body, {})),
);

it('HubSpot: 10,000 requests, never a 500, nothing written unless stored, some stored', async () => {
  const result = await fuzzChannel(world.sandbox, fc.oneof({ weight: 1, arbitrary: valid }, { weight: 6, arbitrary: signedMalformed }, { weight: 3, arbitrary: badlySigned }), (res) => res.statusCode === 202, 20261203);
  expect(result.accepted).toBeGreaterThan(100);
  expect(result.statuses[400]).toBeGreaterThan(100);
  expect(result.statuses[401]).toBeGreaterThan(100);
}, 300_000);
