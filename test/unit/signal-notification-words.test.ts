/**
 * Who was told, by name: a problem with the recipient's name (as the delivery recorded it) names the person and
 * how they were to be told — "Marcus Bell, by Slack message" — and one without (recorded before names were, or
 * nobody's name known) reads as it is stored, as before. The listing carries the name through to the contract.
 */
import { problemInWords, recipientInWords, storedRecipientWords } from '../../static/src/triage/signals/notification-words';
import { notificationDtoOf } from '../../src/services/signals/routing-dto';
import { notificationStatesFrom } from '../../src/services/signals/notify-raisers';
import { notificationStateDtoSchema } from '../../src/contract/signals';

describe('a recipient in words', () => {
  it('names the person, then how: a Slack message, the thread reply, a Jira watcher', () => {
    expect(recipientInWords({ channel: 'slack-dm', recipient: 'U0MARCUS', recipientName: 'Marcus Bell' })).toBe('Marcus Bell, by Slack message');
    expect(recipientInWords({ channel: 'slack-dm', recipient: 'email:jordan@brightforge.dev', recipientName: 'Jordan Reyes' })).toBe('Jordan Reyes, by Slack message');
    expect(recipientInWords({ channel: 'slack-thread', recipient: 'C07ACME01:1764000010.000100', recipientName: 'Marcus Bell' })).toBe('Marcus Bell, in the Slack thread in channel C07ACME01');
    expect(recipientInWords({ channel: 'jira-watcher', recipient: '5b10a2844c20165700ede21g', recipientName: 'Sam Whitaker' })).toBe('Sam Whitaker, as a Jira watcher');
  });

  it('falls back to the recipient as stored when no name was recorded (or it is blank)', () => {
    expect(recipientInWords({ channel: 'slack-dm', recipient: 'U0MARCUS', recipientName: null })).toBe('a Slack message to Slack user U0MARCUS');
    expect(recipientInWords({ channel: 'slack-dm', recipient: 'email:jordan@brightforge.dev' })).toBe('a Slack message to jordan@brightforge.dev');
    expect(recipientInWords({ channel: 'slack-thread', recipient: 'C07ACME01:1764000010.000100', recipientName: '  ' })).toBe('a reply in the Slack thread in channel C07ACME01');
    expect(recipientInWords({ channel: 'jira-watcher', recipient: '5b10a2844c20165700ede21g', recipientName: null })).toBe('Jira account 5b10a2844c20165700ede21g as a watcher');
  });

  it('nobody to reach reads as stored: the raiser\'s name and which signal', () => {
    expect(recipientInWords({ channel: 'none', recipient: 'Unknown CRM user (signal signal-1)', recipientName: 'Unknown CRM user' })).toBe('Unknown CRM user (signal signal-1)');
  });

  it('in the problem\'s sentence, with the stored recipient kept for the tooltip', () => {
    const held = { step: 'decided', channel: 'slack-dm', recipient: 'U0MARCUS', recipientName: 'Marcus Bell', state: 'held', detail: null } as const;
    expect(problemInWords(held)).toBe('The decision, Marcus Bell, by Slack message: waiting for a Slack token.');
    expect(storedRecipientWords(held)).toBe('a Slack message to Slack user U0MARCUS');
    expect(storedRecipientWords({ ...held, recipientName: null })).toBeNull();
    expect(problemInWords({ ...held, step: 'in-jira', channel: 'jira-watcher', recipient: '5b10a2844c20165700ede21g', recipientName: 'Sam Whitaker', state: 'failed' })).toBe(
      'The Jira issue, Sam Whitaker, as a Jira watcher: not delivered.',
    );
  });
});

describe('the name through the listing', () => {
  it('reaches the contract with each problem, null where none was recorded', () => {
    const states = notificationStatesFrom([
      { decisionId: 'd1', step: 'decided', channel: 'slack-dm', recipient: 'U0MARCUS', recipientName: 'Marcus Bell', state: 'held', detail: 'No token.' },
      { decisionId: 'd1', step: 'decided', channel: 'slack-dm', recipient: 'email:jordan@brightforge.dev', recipientName: null, state: 'sent', detail: null },
      { decisionId: 'd1', step: 'decided', channel: 'none', recipient: 'Unknown CRM user (signal s3)', recipientName: null, state: 'unreachable', detail: 'Nobody.' },
    ]);
    const dto = notificationDtoOf(states.get('d1'));
    expect(dto.problems.map((p) => [p.recipient, p.recipientName])).toEqual([
      ['U0MARCUS', 'Marcus Bell'],
      ['Unknown CRM user (signal s3)', null],
    ]);
    expect(notificationStateDtoSchema.parse(dto)).toEqual(dto);
  });

  it('refuses a problem without the name field, so the two sides cannot drift', () => {
    const dto = notificationDtoOf({ sent: 0, held: 1, failed: 0, unreachable: 0, problems: [{ step: 'decided', channel: 'slack-dm', recipient: 'U0X', recipientName: null, state: 'held', detail: null }] });
    const { recipientName: _dropped, ...withoutName } = dto.problems[0]!;
    expect(notificationStateDtoSchema.safeParse({ ...dto, problems: [withoutName] }).success).toBe(false);
  });
});
