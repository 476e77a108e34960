import { Suspense, lazy, useState } from 'react';
import Heading from '@atlaskit/heading';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import TextField from '@atlaskit/textfield';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../../src/contract';
import type { SurfaceProps } from '../surface';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { formatDate } from '../ui/format';
import { RulesEditor } from './RulesEditor';
import { ChannelSettings } from './ChannelSettings';
import { ConceptSettings } from './ConceptSettings';
import { TeamRoleSettings } from './TeamRoleSettings';
import { TriageSettings } from './TriageSettings';
import { SlackSettings } from './SlackSettings';
import { TargetMixSettings } from '../sprint-shape/TargetMixSettings';

type RotatedSecret = ResolverOutput<'settings.rotateIntakeSecret'>;

// The confirmation (and Atlaskit's modal) is fetched the first time someone asks to rotate.
const RotateSecretDialog = lazy(() => import('./RotateSecretDialog'));

async function copyToClipboard(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard access can be denied inside an iframe; select the text so Ctrl/Cmd+C still works.
    field?.select();
    return false;
  }
}

function NewSecret({ rotated }: { rotated: RotatedSecret }) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'select'>('idle');
  const [field, setField] = useState<HTMLInputElement | null>(null);
  return (
    <SectionMessage appearance="success" title="New intake secret" testId="upstream-new-secret">
      <Stack space="space.100">
        <Text as="p">
          Copy it now: Upstream shows it only once. Paste it into your CRM or Slack bridge, which signs each request
          to the intake webtrigger with it. The previous secret no longer works.
        </Text>
        <Inline space="space.100" alignBlock="center">
          <TextField
            ref={setField}
            value={rotated.secret}
            isReadOnly
            isMonospaced
            aria-label="New intake secret"
            testId="upstream-secret-value"
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button onClick={async () => setCopyState((await copyToClipboard(rotated.secret, field)) ? 'copied' : 'select')}>
            Copy
          </Button>
        </Inline>
        {copyState === 'copied' && <Text color="color.text.success">Copied to the clipboard.</Text>}
        {copyState === 'select' && <Text>The secret is selected: press Ctrl+C (or ⌘C) to copy it.</Text>}
      </Stack>
    </SectionMessage>
  );
}

function IntakeSecret({ initial }: { initial: ResolverOutput<'settings.overview'> }) {
  // Kept locally after a rotation: reloading the overview would unmount the one-time secret before it is copied.
  const [overview, setOverview] = useState(initial);
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState<RotatedSecret | null>(null);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  // null until first asked, so the dialog's code is loaded only then; then kept mounted for its closing motion.
  const [confirming, setConfirming] = useState<boolean | null>(null);

  const rotate = async () => {
    setConfirming(false);
    setRotating(true);
    setFailure(null);
    try {
      const result = await callResolver('settings.rotateIntakeSecret', {});
      setRotated(result);
      setOverview({ intakeSecretConfigured: true, intakeSecretRotatedAt: result.rotatedAt });
    } catch (error: unknown) {
      setFailure(asResolverCallError(error));
    } finally {
      setRotating(false);
    }
  };
  // Creating the first secret breaks nobody; replacing one breaks every sender at once, so that asks first.
  const askOrCreate = () => (overview.intakeSecretConfigured ? setConfirming(true) : void rotate());

  return (
    <Stack space="space.150">
      <Heading size="small" as="h2">
        Signal intake secret
      </Heading>
      <Text as="p" testId="upstream-secret-status">
        {overview.intakeSecretConfigured
          ? `A secret is configured${overview.intakeSecretRotatedAt ? `, last rotated ${formatDate(overview.intakeSecretRotatedAt)}` : ''}. CRM and Slack bridges sign each signal with it.`
          : 'No secret yet: the intake webtrigger refuses every request until you create one.'}
      </Text>
      <div>
        <Button appearance={overview.intakeSecretConfigured ? 'default' : 'primary'} onClick={askOrCreate} isLoading={rotating} testId="rotate-secret">
          {overview.intakeSecretConfigured ? 'Rotate intake secret…' : 'Create intake secret'}
        </Button>
      </div>
      {confirming !== null && (
        <Suspense fallback={null}>
          <RotateSecretDialog isOpen={confirming} onConfirm={() => void rotate()} onCancel={() => setConfirming(false)} />
        </Suspense>
      )}
      {failure && <LazyErrorMessage error={failure} onRetry={() => void rotate()} />}
      {rotated && <NewSecret rotated={rotated} />}
    </Stack>
  );
}

/** Jira admins' settings: the intake secret CRM and Slack bridges sign with, the suggestion rules, the concepts clustering uses, the team roles, the default target mix. */
export default function SettingsPage(_props: SurfaceProps) {
  const overview = useResolver('settings.overview', {});
  return (
    <SurfaceLayout label="Upstream settings">
      <Heading size="large" as="h1">
        Upstream settings
      </Heading>
      <Resolved result={overview} what="settings">
        {(data) => (
          <>
            <IntakeSecret initial={data} />
            <ChannelSettings />
            <SlackSettings />
            {/* Only once the page is known to be this admin's: a refused overview shows one refusal, not two. */}
            <RulesEditor />
            <ConceptSettings />
            <TeamRoleSettings />
            <TriageSettings />
            <TargetMixSettings />
          </>
        )}
      </Resolved>
    </SurfaceLayout>
  );
}
