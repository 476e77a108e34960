/**
 * Jira's limits in the emulator: 429 for too many requests at once or per second (off by default), a search
 * index that sees writes only after a delay while GET issue and bulkfetch see them at once, and 501 for the JQL
 * functions it does not evaluate.
 */
import { InstrumentedHandler } from '../sandbox/instrument';
import { JiraEmulator } from '../sandbox/jira/emulator';
import { callJira, searchKeys } from '../sandbox/jira/emulator-client';
import { FIXTURE_APP, FIXTURE_FIELDS, FIXTURE_NOW, FIXTURE_USERS, buildFixtureSite } from '../sandbox/jira/fixture-site';
import type { SandboxResponse } from '../sandbox/http';

const { eli } = FIXTURE_USERS;
type Json = Record<string, unknown>;

/** An emulator on a hand-driven monotonic clock, so one-second windows and index delays are exact. */
function emulatorWithClock(): { emulator: JiraEmulator; advance: (ms: number) => void } {
  let t = 1_000_000;
  const emulator = new JiraEmulator(buildFixtureSite(), { ...FIXTURE_APP, now: () => FIXTURE_NOW, clock: () => t });
  return { emulator, advance: (ms) => void (t += ms) };
}

const myself = (emulator: JiraEmulator): Promise<SandboxResponse> => callJira(emulator, 'GET', '/rest/api/3/myself', { asUser: eli });
const statuses = (responses: SandboxResponse[]): number[] => responses.map((response) => response.status).sort();

describe('rate limiting', () => {
  test('is off by default: 60 parallel requests all answer, none is refused', async () => {
    const { emulator } = emulatorWithClock();
    emulator.processingMs = 5;
    const responses = await Promise.all(Array.from({ length: 60 }, () => myself(emulator)));
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([200]));
    expect(emulator.rateLimitStats()).toMatchObject({ refusedConcurrent: 0, refusedPerSecond: 0, inFlight: 0, peakInFlight: 60 });
  });

  test('too many at once: requests past maxConcurrent answer 429 with Jira’s headers, and the rest answer', async () => {
    const { emulator } = emulatorWithClock();
    emulator.processingMs = 30;
    emulator.rateLimit = { maxConcurrent: 2, retryAfterSeconds: 3 };
    const responses = await Promise.all(Array.from({ length: 5 }, () => myself(emulator)));
    expect(statuses(responses)).toEqual([200, 200, 429, 429, 429]);
    const refused = responses.find((response) => response.status === 429);
    expect(refused?.headers).toMatchObject({
      'retry-after': '3',
      'ratelimit-reason': 'jira-burst-based',
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      // FIXTURE_NOW (12:00:00) + 3 s, rounded up to the minute as Jira's yyyy-MM-ddTHH:mmZ.
      'x-ratelimit-reset': '2026-02-01T12:01Z',
    });
    expect(refused?.body).toEqual({ errorMessages: ['Too many concurrent requests.'], errors: {} });
    expect(emulator.rateLimitStats()).toMatchObject({ inFlight: 0, peakInFlight: 2, refusedConcurrent: 3 });
    // Once the two in flight have answered, there is room again.
    expect((await myself(emulator)).status).toBe(200);
  });

  test('concurrency is counted until the answer is ready, so one-at-a-time callers are never refused', async () => {
    const { emulator } = emulatorWithClock();
    emulator.processingMs = 10;
    emulator.rateLimit = { maxConcurrent: 1 };
    for (let i = 0; i < 5; i += 1) expect((await myself(emulator)).status).toBe(200);
    const [first, second] = await Promise.all([myself(emulator), myself(emulator)]);
    expect([first.status, second.status]).toEqual([200, 429]);
  });

  test('per second: each endpoint and method has its own window, which frees up a second later', async () => {
    const { emulator, advance } = emulatorWithClock();
    emulator.rateLimit = { perSecond: 3 };
    const search = (method: 'GET' | 'POST') =>
      method === 'GET'
        ? callJira(emulator, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = UP')}`)
        : callJira(emulator, 'POST', '/rest/api/3/search/jql', { body: { jql: 'project = UP' } });
    const burst = [];
    for (let i = 0; i < 4; i += 1) burst.push(await search('POST'));
    expect(burst.map((response) => response.status)).toEqual([200, 200, 200, 429]);
    expect(burst[3].headers).toMatchObject({ 'retry-after': '1', 'ratelimit-reason': 'jira-burst-based', 'x-ratelimit-limit': '3' });
    expect(burst[3].body).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    // Another endpoint, and the same route with another method, are not held back by that burst.
    expect((await myself(emulator)).status).toBe(200);
    expect((await search('GET')).status).toBe(200);
    advance(999);
    expect((await search('POST')).status).toBe(429);
    advance(1);
    expect((await search('POST')).status).toBe(200);
    expect(emulator.rateLimitStats().refusedPerSecond).toBe(2);
  });

  test('a refused write changes nothing and fires no issue event', async () => {
    const { emulator } = emulatorWithClock();
    const events: string[] = [];
    emulator.onIssueUpdated((event) => events.push(event.issue.key));
    emulator.processingMs = 20;
    emulator.rateLimit = { maxConcurrent: 1 };
    const edit = (summary: string) => callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', { asUser: eli, body: { fields: { summary } } });
    const [kept, refused] = await Promise.all([edit('First writer'), edit('Second writer')]);
    expect([kept.status, refused.status]).toEqual([204, 429]);
    expect(emulator.site.issues.find((issue) => issue.key === 'UP-6')?.summary).toBe('First writer');
    expect(events).toEqual(['UP-6']);
  });

  test('through the instrumented link, the log records each request with the status it got', async () => {
    const { emulator } = emulatorWithClock();
    // Long enough that the link's four 10 ms latencies all end while the first two are still being worked on.
    emulator.processingMs = 200;
    emulator.rateLimit = { maxConcurrent: 2 };
    const link = new InstrumentedHandler(emulator);
    link.latencyMs = 10;
    const paths = ['/rest/api/3/myself', '/rest/api/3/serverInfo', '/rest/api/3/field', '/rest/api/3/issueLinkType'];
    const responses = await Promise.all(paths.map((path) => link.handle({ method: 'GET', path, headers: {}, asUser: eli })));
    expect(link.log.map((entry) => entry.path).sort()).toEqual([...paths].sort());
    for (const entry of link.log) {
      expect(entry.status).toBe(responses[paths.indexOf(entry.path)].status);
      expect(entry.endedAt).toBeGreaterThanOrEqual(entry.startedAt);
    }
    expect(link.log.map((entry) => entry.status).sort()).toEqual([200, 200, 429, 429]);
  });
});

describe('injected faults', () => {
  test('a refusal (400, 403) answers in Jira\'s error shape and logs the status, as transient ones do', async () => {
    const { emulator } = emulatorWithClock();
    const link = new InstrumentedHandler(emulator);
    link.injectFault({ match: (req) => req.path === '/rest/api/3/myself', status: [400, 403], times: 2 });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await link.handle({ method: 'GET', path: '/rest/api/3/myself', headers: {}, asUser: eli }));
    expect(answers.slice(0, 2).map((a) => a.status).every((status) => status === 400 || status === 403)).toBe(true);
    for (const answer of answers.slice(0, 2)) expect((answer.body as { errorMessages: string[] }).errorMessages[0]).toMatch(/refused as invalid|permission/);
    expect(answers[2].status).toBe(200);
    expect(link.faultedCount).toBe(2);
    expect(link.log.map((entry) => entry.status)).toEqual(answers.map((a) => a.status));
  });
});

describe('search index delay', () => {
  const summaryOf = (response: SandboxResponse): unknown => ((response.body as Json).fields as Json).summary;

  async function searchIssues(emulator: JiraEmulator, jql: string, extra: Json = {}): Promise<Json[]> {
    const response = await callJira(emulator, 'POST', '/rest/api/3/search/jql', { body: { jql, fields: ['summary'], maxResults: 100, ...extra } });
    expect(response.status).toBe(200);
    return (response.body as { issues: Json[] }).issues;
  }

  test('is 0 by default: a search right after an edit sees it', async () => {
    const { emulator } = emulatorWithClock();
    await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', { asUser: eli, body: { fields: { summary: 'Franc sign fixed' } } });
    expect(await searchKeys(emulator, 'summary ~ "franc sign"')).toEqual(['UP-6']);
    expect(emulator.searchIndexPending).toBe(false);
  });

  test('an edited summary: GET issue and bulkfetch see it at once; search finds and shows the old one until the delay passes', async () => {
    const { emulator, advance } = emulatorWithClock();
    emulator.searchIndexDelayMs = 2000;
    const edit = await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', { asUser: eli, body: { fields: { summary: 'Franc sign fixed' } } });
    expect(edit.status).toBe(204);

    expect(summaryOf(await callJira(emulator, 'GET', '/rest/api/3/issue/UP-6?fields=summary'))).toBe('Franc sign fixed');
    const bulk = await callJira(emulator, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: ['UP-6'], fields: ['summary'] } });
    expect(((bulk.body as { issues: Json[] }).issues[0].fields as Json).summary).toBe('Franc sign fixed');

    expect(await searchKeys(emulator, 'summary ~ "franc sign"')).toEqual([]);
    const stale = await searchIssues(emulator, 'summary ~ "currency symbol"');
    expect(stale.map((issue) => [issue.key, (issue.fields as Json).summary])).toEqual([['UP-6', 'Currency symbol wrong for CHF']]);
    const count = await callJira(emulator, 'POST', '/rest/api/3/search/approximate-count', { body: { jql: 'summary ~ "franc sign"' } });
    expect(count.body).toEqual({ count: 0 });
    expect(emulator.searchIndexPending).toBe(true);

    advance(1999);
    expect(await searchKeys(emulator, 'summary ~ "franc sign"')).toEqual([]);
    advance(1);
    expect(await searchKeys(emulator, 'summary ~ "franc sign"')).toEqual(['UP-6']);
    expect(await searchKeys(emulator, 'summary ~ "currency symbol"')).toEqual([]);
    expect(emulator.searchIndexPending).toBe(false);
  });

  test('an app field value and an issue property lag the same way', async () => {
    const { emulator, advance } = emulatorWithClock();
    emulator.searchIndexDelayMs = 500;
    const field = await callJira(emulator, 'PUT', `/rest/api/3/app/field/${FIXTURE_FIELDS.workType}/value`, {
      body: { updates: [{ issueIds: [10007], value: 'Innovative' }] },
    });
    expect(field.status).toBe(204);
    const property = await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-9/properties/upstream-origin', { asUser: eli, body: { arr: 777 } });
    expect(property.status).toBe(201);

    const workTypeJql = `${FIXTURE_FIELDS.workType.replace('customfield_', 'cf[')}] = Innovative AND key = UP-7`;
    expect(await searchKeys(emulator, workTypeJql)).toEqual([]);
    expect(await searchKeys(emulator, 'issue.property[upstream-origin].arr = 777')).toEqual([]);
    const fresh = await callJira(emulator, 'GET', `/rest/api/3/issue/UP-7?fields=${FIXTURE_FIELDS.workType}`);
    expect(((fresh.body as Json).fields as Json)[FIXTURE_FIELDS.workType]).toBe('Innovative');

    advance(500);
    expect(await searchKeys(emulator, workTypeJql)).toEqual(['UP-7']);
    expect(await searchKeys(emulator, 'issue.property[upstream-origin].arr = 777')).toEqual(['UP-9']);
  });

  test('a new issue is not found until indexed, unless the search reconciles it', async () => {
    const { emulator, advance } = emulatorWithClock();
    emulator.searchIndexDelayMs = 1000;
    const created = await callJira(emulator, 'POST', '/rest/api/3/issue', {
      asUser: eli,
      body: { fields: { project: { key: 'UP' }, issuetype: { name: 'Task' }, summary: 'Rotate the webhook secret' } },
    });
    expect(created.status).toBe(201);
    const { id, key } = created.body as { id: string; key: string };

    expect(await searchKeys(emulator, 'summary ~ "webhook secret"')).toEqual([]);
    const bulk = await callJira(emulator, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: [key] } });
    expect((bulk.body as { issues: Json[] }).issues.map((issue) => issue.key)).toEqual([key]);
    const reconciled = await searchIssues(emulator, 'summary ~ "webhook secret"', { reconcileIssues: [Number(id)] });
    expect(reconciled.map((issue) => issue.key)).toEqual([key]);
    const reconciledGet = await callJira(emulator, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('summary ~ "webhook secret"')}&fields=key&reconcileIssues=${id}`);
    expect((reconciledGet.body as { issues: Json[] }).issues.map((issue) => issue.key)).toEqual([key]);

    advance(1000);
    expect(await searchKeys(emulator, 'summary ~ "webhook secret"')).toEqual([key]);
  });

  test('two edits become searchable one after the other, each after its own delay', async () => {
    const { emulator, advance } = emulatorWithClock();
    emulator.searchIndexDelayMs = 1000;
    const edit = (summary: string) => callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', { asUser: eli, body: { fields: { summary } } });
    await edit('Franc sign first pass');
    advance(600);
    await edit('Franc sign second pass');
    const searchedSummary = async () => (await searchIssues(emulator, 'key = UP-6')).map((issue) => (issue.fields as Json).summary);
    expect(await searchedSummary()).toEqual(['Currency symbol wrong for CHF']);
    advance(400);
    expect(await searchedSummary()).toEqual(['Franc sign first pass']);
    advance(600);
    expect(await searchedSummary()).toEqual(['Franc sign second pass']);
  });

  test('a refused write leaves nothing waiting for the index', async () => {
    const { emulator } = emulatorWithClock();
    emulator.searchIndexDelayMs = 1000;
    const refused = await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', { asUser: eli, body: { fields: { labels: ['two words'] } } });
    expect(refused.status).toBe(400);
    expect(emulator.searchIndexPending).toBe(false);
  });

  test('on the default clock the write shows up once the real delay has passed', async () => {
    const emulator = new JiraEmulator(buildFixtureSite(), { ...FIXTURE_APP, now: () => FIXTURE_NOW });
    emulator.searchIndexDelayMs = 50;
    await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', { asUser: eli, body: { fields: { summary: 'Franc sign fixed' } } });
    expect(await searchKeys(emulator, 'summary ~ "franc sign"')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await searchKeys(emulator, 'summary ~ "franc sign"')).toEqual(['UP-6']);
  });

  test('reconcileIssues takes at most 50 ids', async () => {
    const { emulator } = emulatorWithClock();
    const response = await callJira(emulator, 'POST', '/rest/api/3/search/jql', {
      body: { jql: 'project = UP', reconcileIssues: Array.from({ length: 51 }, (_, i) => 10001 + i) },
    });
    expect(response.status).toBe(400);
  });
});

describe('JQL functions the emulator does not evaluate', () => {
  const count = (emulator: JiraEmulator, jql: string) =>
    callJira(emulator, 'POST', '/rest/api/3/search/approximate-count', { body: { jql }, asUser: eli });
  const message = (response: SandboxResponse): string => ((response.body as { errorMessages: string[] }).errorMessages ?? []).join(' ');

  test.each([
    ['issue in linkedIssues(UP-1)', 'linkedIssues()'],
    ['issue in LINKEDISSUES(UP-1, "blocks")', 'linkedIssues()'],
    ['issue in (UP-2, linkedIssues(UP-1))', 'linkedIssues()'],
    ['assignee in membersOf("jira-software-users")', 'membersOf()'],
    ['issue in updatedBy(acc-eli-engineer)', 'updatedBy()'],
    ['issue in watchedIssues()', 'watchedIssues()'],
    // The field is not modelled either; the answer names the function, which is what a reader needs to know.
    ['fixVersion in unreleasedVersions()', 'unreleasedVersions()'],
  ])('%s answers 501 naming %s', async (jql, name) => {
    const { emulator } = emulatorWithClock();
    const response = await count(emulator, jql);
    expect(response.status).toBe(501);
    expect(message(response)).toBe(`The sandbox's Jira emulator does not model the function '${name}' in JQL.`);
    const search = await callJira(emulator, 'POST', '/rest/api/3/search/jql', { body: { jql } });
    expect(search.status).toBe(501);
  });

  test.each([
    // Not a Jira function at all: Jira's own 400.
    ['sprint in nextSprints()', "Unable to find JQL function 'nextSprints()'"],
    // A Jira function the emulator evaluates, on a field that does not take it: also Jira's 400.
    ['assignee = openSprints()', "Unable to find JQL function 'openSprints()' for field 'assignee'"],
  ])('%s stays a 400', async (jql, text) => {
    const { emulator } = emulatorWithClock();
    const response = await count(emulator, jql);
    expect(response.status).toBe(400);
    expect(message(response)).toContain(text);
  });

  test('the functions it does evaluate still work', async () => {
    const { emulator } = emulatorWithClock();
    const openSprintIds = new Set(emulator.site.sprints.filter((sprint) => sprint.state !== 'closed').map((sprint) => sprint.id));
    const expected = emulator.site.issues
      .filter((issue) => issue.assigneeAccountId === eli && issue.sprintIds.some((id) => openSprintIds.has(id)))
      .map((issue) => issue.key);
    expect(expected.length).toBeGreaterThan(0);
    const found = await searchKeys(emulator, 'assignee = currentUser() AND sprint in openSprints()', eli);
    expect(found.sort()).toEqual(expected.sort());
    expect((await count(emulator, 'issuetype in standardIssueTypes() AND created <= now()')).status).toBe(200);
  });
});
