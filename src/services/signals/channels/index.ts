/**
 * The channels of the signal-intake webtrigger: `/slack`, `/hubspot`, `/zendesk`, `/intercom` and
 * `/salesforce/<secret>`. The checks every channel makes in the same order (POST, size, a configured secret)
 * are here, answered in each tool's own style; then the channel verifies its own signature and reads its own
 * payload. Every answer is recorded as the channel's "last request" for the settings page.
 */
import { intakeChannelSchema, MAX_INTAKE_BODY_BYTES, MAX_SALESFORCE_BODY_BYTES, type IntakeChannel } from '../../../contract/signals';
import { AppError } from '../../../errors';
import { signalIntakeUrl } from '../../../jira/webtrigger-url';
import { readChannelSecret, readSalesforceOrganizationId, writeLastRequest } from '../../../store/channel-store';
import { clock } from '../../clock';
import { byteLength, refuseJson, sourceName, type ChannelAnswer, type ChannelRequest } from './common';
import { handleHubSpot } from './hubspot';
import { handleIntercom } from './intercom';
import { handleSalesforce, refuseSalesforce } from './salesforce';
import { handleSlack, refuseSlack } from './slack';
import { handleZendesk } from './zendesk';

export type { ChannelAnswer, ChannelRequest } from './common';

type Refuse = (status: number, error: string, message: string, headers?: Record<string, string>) => ChannelAnswer;
const refuseWith: Record<IntakeChannel, Refuse> = {
  slack: refuseSlack,
  hubspot: (s, e, m, h) => ({ ...refuseJson(s, e, m), ...(h ? { headers: h } : {}) }),
  zendesk: (s, e, m, h) => ({ ...refuseJson(s, e, m), ...(h ? { headers: h } : {}) }),
  intercom: (s, e, m, h) => ({ ...refuseJson(s, e, m), ...(h ? { headers: h } : {}) }),
  salesforce: refuseSalesforce,
};

/** `/slack` → slack; `/salesforce/abc` → salesforce with rest `abc`; anything else → null. */
export function routeChannel(path: string): { channel: IntakeChannel; rest: string } | null {
  const [first = '', ...others] = path.replace(/^\/+|\/+$/g, '').split('/');
  const parsed = intakeChannelSchema.safeParse(first.toLowerCase());
  if (!parsed.success) return null;
  const rest = others.join('/');
  // Only Salesforce takes a segment after its name (its secret); `/slack/x` is not Slack's URL.
  if ((parsed.data === 'salesforce') !== (rest.length > 0)) return parsed.data === 'salesforce' ? { channel: 'salesforce', rest: '' } : null;
  return { channel: parsed.data, rest };
}

async function answer(channel: IntakeChannel, req: ChannelRequest & { method: string; query: string }, nowMs: number): Promise<ChannelAnswer> {
  const refuse = refuseWith[channel];
  if (req.method !== 'POST') return refuse(405, 'method-not-allowed', `${sourceName(channel)} sends with POST; this was ${req.method.slice(0, 10) || 'no method'}.`);
  const limit = channel === 'salesforce' ? MAX_SALESFORCE_BODY_BYTES : MAX_INTAKE_BODY_BYTES;
  if (byteLength(req.rawBody) > limit) return refuse(413, 'too-large', `The body is over ${limit / 1024} KiB, so Upstream did not read it.`);
  const secret = await readChannelSecret(channel);
  if (!secret) {
    return refuse(503, 'not-configured', `${sourceName(channel)} is not connected yet: a Jira admin sets its secret on the Upstream settings page.`);
  }
  switch (channel) {
    case 'slack':
      return handleSlack(req, secret, nowMs);
    case 'hubspot': {
      // HubSpot signs the full URI it called: the platform's URL for this trigger is one candidate beside the
      // ones the webtrigger could build from the request itself.
      const base = await signalIntakeUrl();
      const candidateUrls = base ? [...req.candidateUrls, `${base}/hubspot${req.query}`] : req.candidateUrls;
      return handleHubSpot({ ...req, candidateUrls }, secret, nowMs, req.method);
    }
    case 'zendesk':
      return handleZendesk(req, secret, nowMs);
    case 'intercom':
      return handleIntercom(req, secret, nowMs);
    case 'salesforce':
      return handleSalesforce(req, secret, await readSalesforceOrganizationId(), nowMs);
  }
}

/** Answers one request to a channel. Storage faults become each tool's "retry later"; anything else is a bug and is thrown. */
export async function receiveChannelRequest(channel: IntakeChannel, req: ChannelRequest & { method: string; query: string }): Promise<ChannelAnswer> {
  const now = clock.now();
  let result: ChannelAnswer;
  try {
    result = await answer(channel, req, now.getTime());
  } catch (error: unknown) {
    if (!(error instanceof AppError && (error.code === 'storage-unavailable' || error.code === 'rate-limited'))) throw error;
    const seconds = error.details.retryAfterSeconds ?? 5;
    // Slack does not retry a person's command: they are told to try again. The others retry a 503 by themselves.
    result =
      channel === 'slack'
        ? refuseSlack(200, error.code, `Upstream could not store this just now, so nothing was sent. Try again in ${seconds} s.`)
        : refuseWith[channel](503, error.code, `Upstream could not store the signal just now; retry in ${seconds} s.`, { 'Retry-After': String(seconds) });
  }
  try {
    await writeLastRequest(channel, { at: now.toISOString(), outcome: result.outcome, status: result.status, reason: result.reason.slice(0, 500) });
  } catch (error: unknown) {
    // The answer matters more to the sender than the record does to the settings page.
    console.warn(`could not record the last ${channel} request:`, error instanceof Error ? error.message : error);
  }
  return result;
}
