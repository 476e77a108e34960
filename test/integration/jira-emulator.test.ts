/** The Jira emulator's operations: paging, bulk fetch, edits, app field values, properties, links, agile, errors. */
import { JiraEmulator } from '../sandbox/jira/emulator';
import { callJira, searchKeys } from '../sandbox/jira/emulator-client';
import { FIXTURE_APP, FIXTURE_FIELDS, FIXTURE_NOW, FIXTURE_USERS, buildFixtureSite } from '../sandbox/jira/fixture-site';
import type { JiraIssue } from '../sandbox/jira/model';

const { ada, eli, vic } = FIXTURE_USERS;
const newEmulator = (): JiraEmulator => new JiraEmulator(buildFixtureSite(), { ...FIXTURE_APP, now: () => FIXTURE_NOW });

type Json = Record<string, unknown>;
const bodyOf = (response: { body?: unknown }): Json => response.body as Json;
const issueByKey = (emulator: JiraEmulator, key: string): JiraIssue => {
  const issue = emulator.site.issues.find((candidate) => candidate.key === key);
  if (!issue) throw new Error(`no ${key}`);
  return issue;
};

describe('search paging', () => {
  test('nextPageToken walks the pages and is omitted on the last one', async () => {
    const emulator = newEmulator();
    const seen: string[] = [];
    let token: string | undefined;
    const pages: Json[] = [];
    do {
      const response = await callJira(emulator, 'POST', '/rest/api/3/search/jql', {
        body: { jql: 'project = UP ORDER BY key', fields: ['summary'], maxResults: 5, ...(token ? { nextPageToken: token } : {}) },
      });
      const page = bodyOf(response);
      pages.push(page);
      seen.push(...(page.issues as Json[]).map((issue) => String(issue.key)));
      token = typeof page.nextPageToken === 'string' ? page.nextPageToken : undefined;
    } while (token);
    expect(pages.map((page) => (page.issues as Json[]).length)).toEqual([5, 5, 4]);
    expect(pages.map((page) => page.isLast)).toEqual([false, false, true]);
    expect('nextPageToken' in pages[2]).toBe(false);
    expect('total' in pages[0]).toBe(false);
    expect(seen).toEqual(Array.from({ length: 14 }, (_, i) => `UP-${i + 1}`));
  });

  test('a page token from another query is a 400', async () => {
    const emulator = newEmulator();
    const first = bodyOf(await callJira(emulator, 'POST', '/rest/api/3/search/jql', { body: { jql: 'project = UP', maxResults: 2 } }));
    const reused = await callJira(emulator, 'POST', '/rest/api/3/search/jql', { body: { jql: 'project = SEC', nextPageToken: first.nextPageToken } });
    expect(reused.status).toBe(400);
  });

  test('default fields are the id only; explicit fields are rendered', async () => {
    const emulator = newEmulator();
    const bare = bodyOf(await callJira(emulator, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('key = UP-2')}`));
    expect(bare.issues).toEqual([{ id: '10002' }]);
    const rich = bodyOf(await callJira(emulator, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('key = UP-2')}&fields=summary,${FIXTURE_FIELDS.sprint},-summary,status&properties=upstream-origin`));
    const issue = (rich.issues as Json[])[0];
    expect(Object.keys(issue.fields as Json).sort()).toEqual([FIXTURE_FIELDS.sprint, 'status']);
    expect((issue.fields as Json)[FIXTURE_FIELDS.sprint]).toEqual([
      expect.objectContaining({ id: 1, name: 'UP Sprint 1', state: 'closed', boardId: 1, goal: 'Ship one-click checkout' }),
    ]);
    expect(issue.properties).toEqual({ 'upstream-origin': expect.objectContaining({ customers: ['Acme', 'Globex'] }) });
  });

  test('maxResults is capped at 100 with fields and 5000 for ids and keys', async () => {
    const emulator = newEmulator();
    const template = issueByKey(emulator, 'UP-14');
    for (let i = 0; i < 150; i++) emulator.site.issues.push({ ...structuredClone(template), id: String(20000 + i), key: `UP-${100 + i}` });
    const withFields = bodyOf(await callJira(emulator, 'POST', '/rest/api/3/search/jql', { body: { jql: 'project = UP', fields: ['summary'], maxResults: 1000 } }));
    expect((withFields.issues as Json[]).length).toBe(100);
    expect(withFields.isLast).toBe(false);
    const keysOnly = bodyOf(await callJira(emulator, 'POST', '/rest/api/3/search/jql', { body: { jql: 'project = UP', fields: ['key'], maxResults: 1000 } }));
    expect((keysOnly.issues as Json[]).length).toBe(164);
    expect(keysOnly.isLast).toBe(true);
  });

  test('approximate count counts what the caller can see', async () => {
    const emulator = newEmulator();
    const count = async (asUser?: string) => bodyOf(await callJira(emulator, 'POST', '/rest/api/3/search/approximate-count', { body: { jql: 'labels = checkout' }, asUser })).count;
    expect(await count()).toBe(5);
    expect(await count(eli)).toBe(4);
  });
});

describe('bulk fetch', () => {
  test('issues come back in ascending id order; missing and invisible ones go to issueErrors', async () => {
    const response = await callJira(newEmulator(), 'POST', '/rest/api/3/issue/bulkfetch', {
      body: { issueIdsOrKeys: ['UP-9', 'SEC-2', '10003', 'UP-999', 'up-1'] },
      asUser: eli,
    });
    const body = bodyOf(response);
    expect((body.issues as Json[]).map((issue) => issue.key)).toEqual(['UP-1', 'UP-3', 'UP-9']);
    expect((body.issueErrors as Json[]).map((error) => error.id)).toEqual(['SEC-2', 'UP-999']);
    expect(((body.issues as Json[])[0].fields as Json).summary).toBe('Checkout revamp');
  });

  test('more than 100 issues, or more than 5 properties, is a 400', async () => {
    const emulator = newEmulator();
    const tooMany = await callJira(emulator, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: Array.from({ length: 101 }, (_, i) => String(10001 + i)) } });
    expect(tooMany.status).toBe(400);
    const exactly100 = await callJira(emulator, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: Array.from({ length: 100 }, (_, i) => String(10001 + i)) } });
    expect(exactly100.status).toBe(200);
    const properties = await callJira(emulator, 'POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: ['UP-1'], properties: ['a', 'b', 'c', 'd', 'e', 'f'] } });
    expect(properties.status).toBe(400);
  });
});

describe('editing and creating issues', () => {
  test('edit applies fields and label updates, and stamps updated', async () => {
    const emulator = newEmulator();
    const response = await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', {
      body: { fields: { summary: 'CHF symbol', [FIXTURE_FIELDS.workType]: 'Enabling' }, update: { labels: [{ add: 'money' }, { remove: 'i18n' }] } },
      asUser: eli,
    });
    expect(response.status).toBe(204);
    const issue = issueByKey(emulator, 'UP-6');
    expect(issue).toMatchObject({ summary: 'CHF symbol', labels: ['money'], updated: FIXTURE_NOW.toISOString() });
    expect(issue.customFields[FIXTURE_FIELDS.workType]).toBe('Enabling');
  });

  test('an edit with one invalid field changes nothing', async () => {
    const emulator = newEmulator();
    const response = await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', {
      body: { fields: { summary: 'changed', [FIXTURE_FIELDS.workType]: 'Urgent' } },
      asUser: eli,
    });
    expect(response.status).toBe(400);
    expect(Object.keys(bodyOf(response).errors as Json)).toEqual([FIXTURE_FIELDS.workType]);
    expect(issueByKey(emulator, 'UP-6').summary).toBe('Currency symbol wrong for CHF');
  });

  test('a readOnly app field cannot be edited through the issue', async () => {
    const emulator = newEmulator();
    const field = emulator.site.customFields.find((candidate) => candidate.id === FIXTURE_FIELDS.workType);
    if (field) field.readOnly = true;
    const response = await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', { body: { fields: { [FIXTURE_FIELDS.workType]: 'Enabling' } }, asUser: eli });
    expect(response.status).toBe(400);
  });

  test('edit needs EDIT_ISSUES (403) and a visible issue (404)', async () => {
    const emulator = newEmulator();
    expect((await callJira(emulator, 'PUT', '/rest/api/3/issue/UP-6', { body: { fields: { summary: 'x' } }, asUser: vic })).status).toBe(403);
    expect((await callJira(emulator, 'PUT', '/rest/api/3/issue/SEC-6', { body: { fields: { summary: 'x' } }, asUser: eli })).status).toBe(404);
  });

  test('create gives the next key in the project and the new issue is searchable', async () => {
    const emulator = newEmulator();
    const response = await callJira(emulator, 'POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'UP' }, issuetype: { name: 'bug' }, summary: 'Fresh bug', [FIXTURE_FIELDS.sprint]: 2 }, properties: [{ key: 'upstream-origin', value: { customers: ['Umbrella'] } }] },
      asUser: eli,
    });
    expect(response.status).toBe(201);
    expect(bodyOf(response)).toMatchObject({ id: '10021', key: 'UP-15' });
    expect(await searchKeys(emulator, 'issue.property[upstream-origin].customers = umbrella AND sprint in openSprints()', eli)).toEqual(['UP-15']);
    expect(issueByKey(emulator, 'UP-15')).toMatchObject({ reporterAccountId: eli, statusId: '10000', created: FIXTURE_NOW.toISOString() });
  });
});

describe('app field values', () => {
  const path = `/rest/api/3/app/field/${FIXTURE_FIELDS.workType}/value`;

  test('the app sets and clears the work type', async () => {
    const emulator = newEmulator();
    expect((await callJira(emulator, 'PUT', path, { body: { updates: [{ issueIds: [10007, 10009], value: 'Innovative' }] } })).status).toBe(204);
    expect(await searchKeys(emulator, '"Work type" = Innovative AND labels = growth')).toEqual(expect.arrayContaining(['UP-7']));
    expect((await callJira(emulator, 'POST', '/rest/api/3/app/field/value', { body: { updates: [{ customField: FIXTURE_FIELDS.workType, issueIds: [10007], value: null }] } })).status).toBe(204);
    const issue = bodyOf(await callJira(emulator, 'GET', `/rest/api/3/issue/UP-7?fields=${FIXTURE_FIELDS.workType}`));
    expect(issue.fields).toEqual({ [FIXTURE_FIELDS.workType]: null });
    expect(issueByKey(emulator, 'UP-9').customFields[FIXTURE_FIELDS.workType]).toBe('Innovative');
  });

  test('only the app may call it, only for its own field, only with a work type', async () => {
    const emulator = newEmulator();
    expect((await callJira(emulator, 'PUT', path, { body: { updates: [{ issueIds: [10007], value: 'Innovative' }] }, asUser: ada })).status).toBe(403);
    const wrongValue = await callJira(emulator, 'PUT', path, { body: { updates: [{ issueIds: [10007], value: 'innovative' }] } });
    expect(wrongValue.status).toBe(400);
    expect(bodyOf(wrongValue)).toEqual({ errorMessages: [], errors: { [FIXTURE_FIELDS.workType]: expect.stringContaining('Innovative, Corrective or Enabling') } });
    const notOwned = await callJira(emulator, 'PUT', `/rest/api/3/app/field/${FIXTURE_FIELDS.storyPoints}/value`, { body: { updates: [{ issueIds: [10007], value: 3 }] } });
    expect(notOwned.status).toBe(403);
    expect(issueByKey(emulator, 'UP-7').customFields[FIXTURE_FIELDS.workType]).toBeUndefined();
    expect((await callJira(emulator, 'PUT', '/rest/api/3/app/field/work-type/value', { body: { updates: [{ issueIds: [10007], value: 'Corrective' }] } })).status).toBe(204);
  });
});
