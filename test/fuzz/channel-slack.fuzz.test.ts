/** Fuzz: the Slack channel of the signal-intake webtrigger (see channel-fuzz.ts for what is generated and checked). */
import fc from 'fast-check';
import { SENT_TEXT } from '../../src/services/signals/channels/slack';
import { messageAction, nowSeconds, request, SECRETS, slackRequest, slashCommand } from '../integration/channel-helpers';
import { connectedSandbox, fuzzChannel, mutateJson, oddValue, randomBody } from './channel-fuzz';

const world = connectedSandbox();

const FORM = 'application/x-www-form-urlencoded';
const shortcut = (payload: unknown) => new URLSearchParams({ payload: typeof payload === 'string' ? payload : JSON.stringify(payload) ?? '' }).toString();
/** A fresh message ts or trigger id per run, so valid requests store new signals rather than duplicates. */
const uniqueTs = fc.integer({ min: 1, max: 999_999 }).map((n) => `1764669600.${String(n).padStart(6, '0')}`);
const valid = fc.oneof(
  uniqueTs.map((ts) => slackRequest(shortcut(messageAction({ message: { ...messageAction().message, ts } })))),
  fc.integer({ min: 1, max: 1e9 }).map((n) => slackRequest(slashCommand(`Acme ${n}: they need per-day payouts`, `trigger.${n}`))),
);
const signedMalformed = fc.oneof(
  mutateJson(messageAction()).map((p) => slackRequest(shortcut(p))),
  fc.oneof(mutateJson(Object.fromEntries(new URLSearchParams(slashCommand('Acme: x'))))).map((p) =>
    slackRequest(new URLSearchParams(p && typeof p === 'object' && !Array.isArray(p) ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])) : {}).toString()),
  ),
  fc.tuple(fc.string({ maxLength: 20 }), oddValue).map(([type, extra]) => slackRequest(shortcut({ type, extra }))),
  fc.tuple(randomBody, fc.constantFrom(FORM, 'application/json', 'text/plain', '')).map(([body, type]) => slackRequest(body, type)),
  oddValue.map((v) => slackRequest(JSON.stringify({ type: 'url_verification', challenge: v }) ?? '', 'application/json')),
);
const badlySigned = fc.oneof(
  fc.tuple(randomBody, fc.string({ maxLength: 80 })).map(([body, sig]) => request('/slack', body, { 'Content-Type': FORM, 'X-Slack-Request-Timestamp': nowSeconds(), 'X-Slack-Signature': sig })),
  fc.string({ minLength: 1, maxLength: 30 }).map((secret) => slackRequest(slashCommand('Acme: forged'), FORM, `${secret}-not-${SECRETS.slack}`)),
  fc.integer({ min: 301, max: 10_000_000 }).map((age) => slackRequest(slashCommand('Acme: replayed'), FORM, SECRETS.slack, String(Math.floor(Date.now() / 1000) - age))),
  fc.constantFrom('', 'abc', '-1', '1e3', ' 1').map((ts) => slackRequest(slashCommand('Acme: bad ts'), FORM, SECRETS.slack, ts)),
  randomBody.map((body) => request('/slack', body, { 'Content-Type': FORM })),
);

it('Slack: 10,000 requests, never a 500, nothing written unless stored, some stored', async () => {
  const result = await fuzzChannel(
    world.sandbox,
    fc.oneof({ weight: 1, arbitrary: valid }, { weight: 6, arbitrary: signedMalformed }, { weight: 3, arbitrary: badlySigned }),
    (res) => res.statusCode === 200 && (JSON.parse(res.body ?? '{}') as { text?: string }).text === SENT_TEXT,
    20261202,
  );
  expect(result.accepted).toBeGreaterThan(100);
  expect(result.refused).toBeGreaterThan(5000);
  expect(result.statuses[401]).toBeGreaterThan(100);
}, 300_000);
