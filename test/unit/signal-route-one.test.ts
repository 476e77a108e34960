/**
 * Routing one signal and telling its raisers, the pure halves: the route keys on a signal in an open cluster route
 * that signal (elsewhere the cluster, as before); a signal quoted in the dialog's title; a decision's notification
 * state in words (the row's line, each problem with who, how and the next step); and the state as the listing
 * answers it (problems ordered by what a lead can act on, capped, the rest counted).
 */
import { inboxCommandForKey, ROUTE_KEYS, type KeyContext, type KeyPress } from '../../static/src/triage/signals/inbox-keys';
import { signalInWords } from '../../static/src/triage/signals/signal-words';
import { nextStepOf, notificationSummary, problemInWords, recipientInWords } from '../../static/src/triage/signals/notification-words';
import { notificationDtoOf } from '../../src/services/signals/routing-dto';
import { NOTIFICATION_PROBLEMS_SHOWN, notificationStateDtoSchema } from '../../src/contract/signals';

const press = (key: string): KeyPress => ({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false });
const base = { inField: false, mergeArmed: false, hasSelection: false, selectClusters: true };
const LIST: KeyContext = { ...base, level: 'list', on: 'cluster' };
const SIGNAL: KeyContext = { ...base, level: 'cluster', on: 'signal' };
const SIMILAR: KeyContext = { ...base, level: 'cluster', on: 'similar' };

describe('route keys', () => {
  it.each(ROUTE_KEYS.map((r) => [r.key, r.route] as const))('%s on a signal routes that signal on its own (%s)', (key, route) => {
    expect(inboxCommandForKey(press(key), SIGNAL)).toEqual({ type: 'route', route, signal: true });
  });

  it('on a cluster row, or on a similar cluster, they route clusters as before', () => {
    expect(inboxCommandForKey(press('q'), LIST)).toEqual({ type: 'route', route: 'quick-fix' });
    expect(inboxCommandForKey(press('d'), { ...LIST, level: 'cluster' })).toEqual({ type: 'route', route: 'declined' });
    expect(inboxCommandForKey(press('p'), SIMILAR)).toEqual({ type: 'route', route: 'parking-lot' });
  });

  it('typing in a field is never a route', () => {
    expect(inboxCommandForKey(press('q'), { ...SIGNAL, inField: true })).toBeNull();
  });
});

describe('a signal in words', () => {
  it('names the customer and quotes the words, cut with an ellipsis', () => {
    expect(signalInWords({ customer: 'Acme', text: 'Can the export\n include cost centres?' })).toBe('the signal from Acme: “Can the export include cost centres?”');
    const long = signalInWords({ customer: 'Acme', text: 'word '.repeat(40) }, 20);
    expect(long).toBe('the signal from Acme: “word word word word…”');
  });
});

describe('a notification state in words', () => {
  const state = { sent: 3, held: 1, failed: 1, unreachable: 1, problems: [], problemsLeftOut: 0 };

  it('says the counts that are not zero, and "Nobody told yet" when all are', () => {
    expect(notificationSummary(state)).toBe('3 told · 1 waiting for a Slack token · 1 not delivered · 1 could not be reached');
    expect(notificationSummary({ ...state, failed: 0, unreachable: 0 })).toBe('3 told · 1 waiting for a Slack token');
    expect(notificationSummary({ ...state, sent: 0, held: 0, failed: 0, unreachable: 0 })).toBe('Nobody told yet');
  });

  it('names who each problem was for, how, and the next step', () => {
    expect(recipientInWords({ channel: 'slack-dm', recipient: 'email:jordan@brightforge.dev' })).toBe('a Slack message to jordan@brightforge.dev');
    expect(recipientInWords({ channel: 'slack-dm', recipient: 'U0MARCUS' })).toBe('a Slack message to Slack user U0MARCUS');
    expect(recipientInWords({ channel: 'slack-thread', recipient: 'C07ACME01:1764000010.000100' })).toBe('a reply in the Slack thread in channel C07ACME01');
    expect(problemInWords({ step: 'in-jira', channel: 'none', recipient: 'Unknown CRM user (signal signal-1)', recipientName: null, state: 'unreachable', detail: null })).toBe(
      'The Jira issue, Unknown CRM user (signal signal-1): could not be reached.',
    );
    expect(nextStepOf({ state: 'held', channel: 'slack-dm' })).toMatch(/^Save a Slack bot token in Upstream settings/);
    expect(nextStepOf({ state: 'failed', channel: 'slack-thread' })).toMatch(/\/invite @upstream/);
    expect(nextStepOf({ state: 'unreachable', channel: 'none' })).toMatch(/^Tell them yourself/);
  });
});

describe('the state as the listing answers it', () => {
  const problem = (state: 'held' | 'failed' | 'unreachable', step: 'decided' | 'in-jira', recipient: string) => ({ step, channel: 'slack-dm' as const, recipient, recipientName: null, state, detail: null });

  it('is all zero for a decision nobody was told of yet', () => {
    expect(notificationDtoOf(undefined)).toEqual({ sent: 0, held: 0, failed: 0, unreachable: 0, problems: [], problemsLeftOut: 0 });
  });

  it('lists held first, then failed, then unreachable, each by step, and counts what it leaves out', () => {
    const problems = [problem('unreachable', 'decided', 'a'), problem('held', 'in-jira', 'b'), problem('failed', 'decided', 'c'), problem('held', 'decided', 'd')];
    const dto = notificationDtoOf({ sent: 2, held: 2, failed: 1, unreachable: 1, problems });
    expect(dto.problems.map((p) => p.recipient)).toEqual(['d', 'b', 'c', 'a']);
    expect(notificationStateDtoSchema.parse(dto)).toEqual(dto);

    const many = Array.from({ length: NOTIFICATION_PROBLEMS_SHOWN + 7 }, (_, i) => problem('unreachable', 'decided', `r${i}`));
    const capped = notificationDtoOf({ sent: 0, held: 0, failed: 0, unreachable: many.length, problems: many });
    expect(capped.problems).toHaveLength(NOTIFICATION_PROBLEMS_SHOWN);
    expect(capped.problemsLeftOut).toBe(7);
    expect(notificationStateDtoSchema.safeParse(capped).success).toBe(true);
  });
});
