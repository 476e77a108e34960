/**
 * The admin page's Slack section in Chromium: with no token it says reps are told only on My signals; a value that
 * is not a bot token is refused beside the field without asking Slack; a token Slack refuses is refused with
 * Slack's reason and nothing is saved; a working token (pasted, Enter) is saved and shown as the workspace and
 * bot it posts as — never the token itself — and "Check the token with Slack" asks Slack again.
 */
import { kvs } from '@forge/kvs';
import { sandboxSlack } from '../sandbox/slack/slack-emulator';
import { SANDBOX_SLACK_BOT_TOKEN } from '../sandbox/slack/web-api';
import { openPage, resolverData, signedInContext, surface, useWorld } from './harness';

const started = useWorld();
const slackSettings = () => resolverData<{ connected: boolean; teamName: string | null; botName: string | null }>(started(), 'admin', 'settings', 'settings.slack.get', {});

beforeEach(async () => {
  sandboxSlack.reset();
  await started().sandbox.asApp(async () => {
    await kvs.deleteSecret('slack-bot-token');
    await kvs.delete('settings:slack-connection');
  });
});

test('a bad value and a refused token are refused beside the field; a working token is saved, shown by workspace and bot, and checked', async () => {
  const context = await signedInContext(started(), 'admin');
  try {
    const page = await openPage(started(), context, '#/admin');
    const settings = surface(page, 'Upstream settings');
    const slack = settings.getByTestId('slack-settings');
    await slack.getByTestId('slack-status').getByText(/^No bot token yet: reps hear what became of their signals only on the My signals page\./).waitFor();

    // Not a bot token at all: refused here, Slack never asked.
    await slack.getByTestId('slack-token').fill('hello');
    await slack.getByTestId('slack-token-save').click();
    await slack.getByTestId('slack-token-problem').getByText(/^A Slack bot token starts with xoxb-/).waitFor();
    expect(sandboxSlack.api.calls).toEqual([]);

    // Shaped like one, but Slack does not know it: Slack's reason, nothing saved.
    await slack.getByTestId('slack-token').fill('xoxb-1111111111-9999999999-notAToken');
    await page.keyboard.press('Enter');
    await slack.getByTestId('slack-token-problem').getByText(/^Slack does not know this token\. .*Nothing was saved\.$/).waitFor();
    expect(sandboxSlack.api.calls.map((c) => `${c.method} ${c.error}`)).toEqual(['auth.test invalid_auth']);
    expect(await slackSettings()).toMatchObject({ connected: false });

    await slack.getByTestId('slack-token').fill(SANDBOX_SLACK_BOT_TOKEN);
    await page.keyboard.press('Enter');
    await slack.getByTestId('slack-notice').getByText('Saved. Upstream posts as @upstream in Brightforge.').waitFor();
    await slack.getByTestId('slack-status').getByText(/^Posting as @upstream in Brightforge, set .* by Ingrid Solberg\.$/).waitFor();
    expect(await slack.getByTestId('slack-token').inputValue()).toBe('');
    expect(await slackSettings()).toMatchObject({ connected: true, teamName: 'Brightforge', botName: 'upstream' });
    // The token is in the secret store, and nowhere on the page.
    expect(await settings.locator('body').innerHTML()).not.toContain('xoxb-1111111111-2222222222');

    await slack.getByTestId('slack-token-test').click();
    await slack.getByTestId('slack-token-checked').getByText('Slack accepts the token: it posts as @upstream in Brightforge.').waitFor();

    // Revoked in Slack since: the check says so, with what to do.
    sandboxSlack.api.revoke(SANDBOX_SLACK_BOT_TOKEN);
    await slack.getByTestId('slack-token-test').click();
    await slack.getByTestId('slack-token-checked').getByText(/^Slack does not know this token\./).waitFor();
  } finally {
    await context.close();
  }
}, 120_000);

test('an engineer is refused the Slack settings, and the keys', async () => {
  const answer = await started().sandbox.invoke({ accountId: (await import('../sandbox/seed')).SEED_USERS.engineer, moduleKey: 'settings', extension: {} }, 'settings.slack.save', { token: SANDBOX_SLACK_BOT_TOKEN });
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Only Jira admins can see or change Upstream settings. Ask a Jira admin to do this for you.' } });
  expect(sandboxSlack.api.calls).toEqual([]);
});
