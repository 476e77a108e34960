/**
 * The admin's view of each intake channel: where to point the tool (URL), whether its secret is set, and what
 * happened to the last request it sent. Secrets are write-only here: a pasted one is never returned, and
 * Salesforce's generated one is returned once, by the rotation that made it.
 */
import { randomBytes } from 'node:crypto';
import type { ResolverOutput } from '../../contract';
import { channelLastRequestSchema, channelPath, INTAKE_CHANNELS, type IntakeChannel, type PastedSecretChannel } from '../../contract/signals';
import { signalIntakeUrl } from '../../jira/webtrigger-url';
import {
  readChannelSecret,
  readChannelSecretSetAt,
  readLastRequest,
  readSalesforceOrganizationId,
  writeChannelSecret,
  writeSalesforceOrganizationId,
} from '../../store/channel-store';
import { clock } from '../clock';
import { requireJiraAdmin } from './jira-admin';

async function channelOverview(channel: IntakeChannel, webtriggerUrl: string | null) {
  const [secret, setAt, last] = await Promise.all([readChannelSecret(channel), readChannelSecretSetAt(channel), readLastRequest(channel)]);
  const path = channelPath(channel);
  // A stored outcome from a later version that this one does not know reads as no last request, not a failure.
  const lastRequest = last ? channelLastRequestSchema.safeParse(last) : null;
  return {
    channel,
    path,
    // Salesforce's real URL holds its secret, which is not shown again: the placeholder stays in the path.
    url: webtriggerUrl ? `${webtriggerUrl}${path}` : null,
    secretConfigured: secret !== null,
    secretSetAt: secret ? setAt : null,
    lastRequest: lastRequest?.success ? lastRequest.data : null,
  };
}

export async function channelSettings(): Promise<ResolverOutput<'settings.channels.get'>> {
  await requireJiraAdmin();
  const webtriggerUrl = await signalIntakeUrl();
  const [channels, salesforceOrganizationId] = await Promise.all([
    Promise.all(INTAKE_CHANNELS.map((channel) => channelOverview(channel, webtriggerUrl))),
    readSalesforceOrganizationId(),
  ]);
  return { webtriggerUrl, channels, salesforceOrganizationId };
}

export async function setChannelSecret(channel: PastedSecretChannel, secret: string): Promise<ResolverOutput<'settings.channels.setSecret'>> {
  await requireJiraAdmin();
  const setAt = clock.now().toISOString();
  await writeChannelSecret(channel, secret, setAt);
  return { channel, setAt };
}

export async function rotateSalesforceSecret(): Promise<ResolverOutput<'settings.channels.rotateSalesforce'>> {
  await requireJiraAdmin();
  // URL-safe on purpose: it becomes a path segment Salesforce calls as it is.
  const secret = randomBytes(32).toString('base64url');
  const rotatedAt = clock.now().toISOString();
  await writeChannelSecret('salesforce', secret, rotatedAt);
  const webtriggerUrl = await signalIntakeUrl();
  const path = channelPath('salesforce', secret);
  return { secret, path, url: webtriggerUrl ? `${webtriggerUrl}${path}` : null, rotatedAt };
}

export async function setSalesforceOrganization(organizationId: string): Promise<ResolverOutput<'settings.channels.setSalesforceOrg'>> {
  await requireJiraAdmin();
  await writeSalesforceOrganizationId(organizationId);
  return { organizationId };
}
