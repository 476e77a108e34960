/**
 * The Slack bot token on the admin page: Upstream's direct messages and thread replies to the reps who raised
 * signals are posted with it. Write-only: the page shows the workspace and bot the token belongs to, never the
 * token. Saving asks Slack first, so a token Slack refuses is refused beside the field and nothing changes.
 */
import { useId, useState } from 'react';
import Heading from '@atlaskit/heading';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import TextField from '@atlaskit/textfield';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { slackBotTokenInputSchema, type ResolverOutput } from '../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { formatDate, plural } from '../ui/format';
import './slack-settings.css';

type View = ResolverOutput<'settings.slack.get'>;
type Checked = ResolverOutput<'settings.slack.test'>;

function Status({ view }: { view: View }) {
  if (!view.connected) {
    return (
      <Text as="p" testId="slack-status">
        No bot token yet: reps hear what became of their signals only on the My signals page. Paste one to send them a direct message (and a reply in the Slack thread a signal came from) at every step.
      </Text>
    );
  }
  return (
    <Stack space="space.050">
      <Text as="p" testId="slack-status">
        Posting as @{view.botName} in {view.teamName}
        {view.setAt ? `, set ${formatDate(view.setAt)}${view.setBy ? ` by ${view.setBy}` : ''}` : ''}.
      </Text>
      {view.missingScopes.length > 0 && (
        <Text as="p" color="color.text.warning" testId="slack-missing-scopes">
          The token lacks {view.missingScopes.join(', ')}: add {view.missingScopes.length === 1 ? 'it' : 'them'} under OAuth &amp; Permissions in your Slack app, reinstall it and paste the new token.
        </Text>
      )}
    </Stack>
  );
}

function TokenForm({ view, onSaved }: { view: View; onSaved: (saved: ResolverOutput<'settings.slack.save'>) => void }) {
  const id = useId();
  const [token, setToken] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const save = async () => {
    setFailure(null);
    const parsed = slackBotTokenInputSchema.safeParse(token);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'That is not a Slack bot token.');
      return;
    }
    setProblem(null);
    setSaving(true);
    try {
      const saved = await callResolver('settings.slack.save', { token: parsed.data });
      setToken('');
      onSaved(saved);
    } catch (error: unknown) {
      const refused = asResolverCallError(error);
      // Slack's refusal belongs beside the field; anything else (busy, forbidden) is the page's error.
      if (refused.code === 'invalid-input') setProblem(refused.message);
      else setFailure(refused);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack space="space.050">
      <label htmlFor={id} className="slack-label">
        Bot User OAuth Token
      </label>
      <Inline space="space.100" alignBlock="center">
        <div className="slack-token-field">
          <TextField
            id={id}
            type="password"
            autoComplete="off"
            value={token}
            isInvalid={problem !== null}
            onChange={(event) => {
              setToken(event.currentTarget.value);
              setProblem(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void save();
            }}
            placeholder={view.connected ? 'Paste a new token to replace the current one' : 'xoxb-…'}
            aria-describedby={`${id}-hint`}
            testId="slack-token"
          />
        </div>
        <Button appearance="primary" onClick={() => void save()} isDisabled={token.trim() === ''} isLoading={saving} testId="slack-token-save">
          {view.connected ? 'Replace token' : 'Save token'}
        </Button>
      </Inline>
      {problem !== null ? (
        <Text color="color.text.danger" testId="slack-token-problem">
          {problem}
        </Text>
      ) : (
        <Text color="color.text.subtle" id={`${id}-hint`}>
          From api.slack.com → your app → OAuth &amp; Permissions, after installing it to your workspace. Upstream checks it with Slack before saving it.
        </Text>
      )}
      {failure && <LazyErrorMessage error={failure} onRetry={() => void save()} />}
    </Stack>
  );
}

function SlackBot({ initial }: { initial: View }) {
  const [view, setView] = useState(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const check = async () => {
    setChecking(true);
    setFailure(null);
    try {
      setChecked(await callResolver('settings.slack.test', {}));
    } catch (error: unknown) {
      setFailure(asResolverCallError(error));
    } finally {
      setChecking(false);
    }
  };
  return (
    <Stack space="space.150">
      <Status view={view} />
      {view.heldMessages > 0 && (
        <SectionMessage appearance="warning" title={`${plural(view.heldMessages, 'message')} to reps waiting`} testId="slack-held">
          <Text as="p">Slack did not take them with the current token (or none was set). Save a working token and they are sent at once.</Text>
        </SectionMessage>
      )}
      {notice && (
        <SectionMessage appearance="success" testId="slack-notice">
          <Text as="p">{notice}</Text>
        </SectionMessage>
      )}
      <TokenForm
        view={view}
        onSaved={(saved) => {
          setView(saved);
          setChecked(null);
          setNotice(`Saved. Upstream posts as @${saved.botName} in ${saved.teamName}.${saved.resentMessages > 0 ? ` ${plural(saved.resentMessages, 'held update')} ${saved.resentMessages === 1 ? 'is' : 'are'} being sent now.` : ''}`);
        }}
      />
      {view.connected && (
        <div>
          <Button onClick={() => void check()} isLoading={checking} testId="slack-token-test">
            Check the token with Slack
          </Button>
        </div>
      )}
      {checked && (
        <Text as="p" color={checked.state === 'working' ? 'color.text.success' : 'color.text.danger'} testId="slack-token-checked">
          {checked.message}
        </Text>
      )}
      {failure && <LazyErrorMessage error={failure} onRetry={() => void check()} />}
    </Stack>
  );
}

export function SlackSettings() {
  const slack = useResolver('settings.slack.get', {});
  return (
    <Stack space="space.150" testId="slack-settings">
      <Heading size="small" as="h2">
        Slack: telling reps what became of their signals
      </Heading>
      <Resolved result={slack} what="Slack settings">
        {(data) => <SlackBot initial={data} />}
      </Resolved>
    </Stack>
  );
}
