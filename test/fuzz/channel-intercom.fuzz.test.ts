/** Fuzz: the Intercom channel of the signal-intake webtrigger (see channel-fuzz.ts for what is generated and checked). */
import fc from 'fast-check';
import { intercomConversation, intercomRequest, request, SECRETS } from '../integration/channel-helpers';
import { connectedSandbox, fuzzChannel, mutateJson, randomBody } from './channel-fuzz';

const world = connectedSandbox();

const valid = fc.integer({ min: 1, max: 1e12 }).map((id) => intercomRequest(JSON.stringify(intercomConversation(String(id)))));
const signedMalformed = fc.oneof(
  mutateJson(intercomConversation()).map((body) => intercomRequest(JSON.stringify(body) ?? '')),
  randomBody.map((body) => intercomRequest(body)),
);
const badlySigned = fc.oneof(
  fc.tuple(randomBody, fc.string({ maxLength: 60 })).map(([body, sig]) => request('/intercom', body, { 'X-Hub-Signature': sig })),
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => intercomRequest(JSON.stringify(intercomConversation('12')), `${s}${SECRETS.intercom}`)),
  randomBody.map((body) => request('/intercom', body, {})),
);

it('Intercom: 10,000 requests, never a 500, nothing written unless stored, some stored', async () => {
  const result = await fuzzChannel(world.sandbox, fc.oneof({ weight: 1, arbitrary: valid }, { weight: 6, arbitrary: signedMalformed }, { weight: 3, arbitrary: badlySigned }), (res) => res.statusCode === 202, 20261205);
  expect(result.accepted).toBeGreaterThan(100);
  expect(result.statuses[400]).toBeGreaterThan(100);
  expect(result.statuses[401]).toBeGreaterThan(100);
}, 300_000);
