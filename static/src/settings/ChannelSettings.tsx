/**
 * The intake channels on the admin page: for each tool, the URL to give it, its secret (pasted from the tool,
 * never shown back; Salesforce's made here and shown once, inside its URL), and the last request it sent — when,
 * accepted or refused, and why — so an admin can fix a refused tool without reading logs.
 */
import { Suspense, lazy, useId, useState } from 'react';
import Heading from '@atlaskit/heading';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import TextField from '@atlaskit/textfield';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../../src/contract';
import type { IntakeChannel, PastedSecretChannel } from '../../../src/contract/signals';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { formatDate, timeAgo } from '../ui/format';

type Overview = ResolverOutput<'settings.channels.get'>;
type ChannelView = Overview['channels'][number];

const RotateSecretDialog = lazy(() => import('./RotateSecretDialog'));

const NAMES: Record<IntakeChannel, string> = { slack: 'Slack', hubspot: 'HubSpot', zendesk: 'Zendesk', intercom: 'Intercom', salesforce: 'Salesforce' };
/** Where each tool keeps the secret the admin pastes here. */
const SECRET_HINTS: Record<PastedSecretChannel, string> = {
  slack: 'Signing secret (api.slack.com → your app → Basic Information → App Credentials)',
  hubspot: 'Client secret (HubSpot developer account → your app → Auth)',
  zendesk: "Webhook signing secret (Admin Center → Apps and integrations → Webhooks → the webhook → Reveal secret)",
  intercom: 'Client secret (Developer Hub → your app → Basic information)',
};

function LastRequest({ channel }: { channel: ChannelView }) {
  const last = channel.lastRequest;
  if (!last) return <Text color="color.text.subtle">No request received yet.</Text>;
  const what = { accepted: 'accepted', duplicate: 'accepted (already had it)', ignored: 'answered, nothing to store', refused: 'refused' }[last.outcome];
  return (
    <Text color={last.outcome === 'refused' ? 'color.text.danger' : 'color.text.subtle'} testId={`channel-last-${channel.channel}`}>
      Last request {timeAgo(last.at)} ({formatDate(last.at)}): {what}, HTTP {last.status} — {last.reason}
    </Text>
  );
}

/** A field with its label shown above it, not only read out: people copy these values into another tool's form. */
function LabelledField({ label, children }: { label: string; children: (id: string) => JSX.Element }) {
  const id = useId();
  return (
    <Stack space="space.050">
      <label htmlFor={id} className="ch-label">
        {label}
      </label>
      {children(id)}
    </Stack>
  );
}

function UrlField({ label, value }: { label: string; value: string }) {
  return <LabelledField label={label}>{(id) => <TextField id={id} value={value} isReadOnly isMonospaced onFocus={(event) => event.currentTarget.select()} />}</LabelledField>;
}

function PastedSecret({ channel, onSaved }: { channel: ChannelView & { channel: PastedSecretChannel }; onSaved: () => void }) {
  const [secret, setSecret] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      await callResolver('settings.channels.setSecret', { channel: channel.channel, secret: secret.trim() });
      setSecret('');
      onSaved();
    } catch (error: unknown) {
      setFailure(asResolverCallError(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center">
        <TextField
          type="password"
          autoComplete="off"
          value={secret}
          onChange={(event) => setSecret(event.currentTarget.value)}
          aria-label={`${NAMES[channel.channel]} ${SECRET_HINTS[channel.channel]}`}
          placeholder={channel.secretConfigured ? 'Paste a new secret to replace the current one' : 'Paste the secret'}
          testId={`channel-secret-${channel.channel}`}
        />
        <Button onClick={() => void save()} isDisabled={secret.trim().length < 8} isLoading={saving} testId={`channel-secret-save-${channel.channel}`}>
          {channel.secretConfigured ? 'Replace secret' : 'Save secret'}
        </Button>
      </Inline>
      <Text color="color.text.subtle">{SECRET_HINTS[channel.channel]}</Text>
      {failure && <LazyErrorMessage error={failure} onRetry={() => void save()} />}
    </Stack>
  );
}

function SalesforceSetup({ channel, organizationId, onSaved }: { channel: ChannelView; organizationId: string | null; onSaved: () => void }) {
  const [org, setOrg] = useState(organizationId ?? '');
  const [savingOrg, setSavingOrg] = useState(false);
  const [rotated, setRotated] = useState<ResolverOutput<'settings.channels.rotateSalesforce'> | null>(null);
  const [confirming, setConfirming] = useState<boolean | null>(null);
  // A URL made on this page counts as configured at once: the overview is not reloaded (that would remount this
  // section and lose the URL shown once), and a second click must ask before replacing the URL just shown.
  const configured = channel.secretConfigured || rotated !== null;
  const [failure, setFailure] = useState<{ error: ResolverCallError; retry: () => void } | null>(null);
  const saveOrg = async () => {
    setSavingOrg(true);
    setFailure(null);
    try {
      await callResolver('settings.channels.setSalesforceOrg', { organizationId: org.trim() });
      onSaved();
    } catch (error: unknown) {
      setFailure({ error: asResolverCallError(error), retry: () => void saveOrg() });
    } finally {
      setSavingOrg(false);
    }
  };
  const rotate = async () => {
    setConfirming(false);
    setFailure(null);
    try {
      setRotated(await callResolver('settings.channels.rotateSalesforce', {}));
    } catch (error: unknown) {
      setFailure({ error: asResolverCallError(error), retry: () => void rotate() });
    }
  };
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="end">
        <LabelledField label="Salesforce organisation id (Setup → Company Information)">
          {(id) => <TextField id={id} value={org} onChange={(event) => setOrg(event.currentTarget.value)} placeholder="00D…" testId="salesforce-org" />}
        </LabelledField>
        <Button onClick={() => void saveOrg()} isDisabled={!/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(org.trim()) || org.trim() === organizationId} isLoading={savingOrg}>
          Save organisation id
        </Button>
      </Inline>
      <Text color="color.text.subtle">Salesforce cannot sign its Outbound Messages: Upstream checks the organisation id inside each one and a secret in the URL.</Text>
      <div>
        <Button onClick={() => (configured ? setConfirming(true) : void rotate())} testId="salesforce-rotate">
          {configured ? 'Rotate Salesforce URL secret…' : 'Create Salesforce URL'}
        </Button>
      </div>
      {confirming !== null && (
        <Suspense fallback={null}>
          <RotateSecretDialog
            isOpen={confirming}
            onConfirm={() => void rotate()}
            onCancel={() => setConfirming(false)}
            title="Rotate the Salesforce URL secret?"
            consequence="Salesforce's outbound messages to the current URL will be refused until you give it the new one."
            detail="Salesforce keeps retrying refused messages for 24 hours, so nothing is lost if you update the endpoint URL today. Upstream shows the new URL only once."
          />
        </Suspense>
      )}
      {rotated && (
        <SectionMessage appearance="success" title="New Salesforce endpoint URL" testId="salesforce-new-url">
          <Stack space="space.100">
            <Text as="p">Copy it now into the Outbound Message's Endpoint URL: Upstream shows it only once. The previous URL no longer works.</Text>
            <UrlField label="New Salesforce endpoint URL" value={rotated.url ?? `<the signal-intake webtrigger URL>${rotated.path}`} />
          </Stack>
        </SectionMessage>
      )}
      {failure && <LazyErrorMessage error={failure.error} onRetry={failure.retry} />}
    </Stack>
  );
}

function Channel({ channel, overview, onSaved }: { channel: ChannelView; overview: Overview; onSaved: () => void }) {
  const name = NAMES[channel.channel];
  return (
    <section className="rl-section" aria-label={name} data-testid={`channel-${channel.channel}`}>
      <h3>{name}</h3>
      <Text>
        {channel.secretConfigured
          ? `Connected${channel.secretSetAt ? `: secret set ${formatDate(channel.secretSetAt)}` : ''}.`
          : 'Not connected: requests are refused until the secret is set.'}
      </Text>
      <UrlField label={`${name} request URL`} value={channel.url ?? `<the signal-intake webtrigger URL>${channel.path}`} />
      {channel.channel === 'salesforce' ? (
        <SalesforceSetup channel={channel} organizationId={overview.salesforceOrganizationId} onSaved={onSaved} />
      ) : (
        <PastedSecret channel={channel as ChannelView & { channel: PastedSecretChannel }} onSaved={onSaved} />
      )}
      <LastRequest channel={channel} />
    </section>
  );
}

export function ChannelSettings() {
  const overview = useResolver('settings.channels.get', {});
  return (
    <Stack space="space.150">
      <Heading size="small" as="h2">
        Signal channels
      </Heading>
      <Resolved result={overview} what="signal channels">
        {(data) => (
          <Stack space="space.150">
            {data.webtriggerUrl === null && (
              <Text as="p" color="color.text.subtle">
                Upstream could not ask Forge for the webtrigger URL just now: run `forge webtrigger create` and add each path below to it.
              </Text>
            )}
            {data.channels.map((channel) => (
              <Channel key={channel.channel} channel={channel} overview={data} onSaved={overview.reload} />
            ))}
          </Stack>
        )}
      </Resolved>
    </Stack>
  );
}
