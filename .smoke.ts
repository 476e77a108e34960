import { JiraEmulator } from '/work/main/test/sandbox/jira/emulator';
import { buildFixtureSite, FIXTURE_APP, FIXTURE_NOW, FIXTURE_USERS } from '/work/main/test/sandbox/jira/fixture-site';
const e = new JiraEmulator(buildFixtureSite(), { ...FIXTURE_APP, now: () => FIXTURE_NOW });
const call = async (method: string, path: string, body?: unknown, asUser: string | null = null) => {
  const r = await e.handle({ method, path, headers: {}, body: body === undefined ? undefined : JSON.stringify(body), asUser });
  console.log(method, path, r.status, JSON.stringify(r.body)?.slice(0, 600));
};
(async () => {
  await call('GET', '/rest/api/3/issue/UP-5?fields=summary,status,parent,issuelinks,customfield_10020');
  await call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = UP AND "Story Points" > 3 ORDER BY "Story Points" DESC')}&fields=key,customfield_10016`);
  await call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('sprint in openSprints() and statusCategory != Done')}&maxResults=3`);
  await call('POST', `/rest/api/3/search/jql`, { jql: 'issue.property[upstream-origin].customers = acme', fields: ['summary'] });
  await call('POST', `/rest/api/3/search/jql`, { jql: 'text ~ "checkout" order by key', fields: ['summary'] }, FIXTURE_USERS.eli);
  await call('POST', `/rest/api/3/search/jql`, { jql: 'project = SEC', fields: ['summary'] }, FIXTURE_USERS.eli);
  await call('POST', `/rest/api/3/search/jql`, { jql: 'foo = 1' });
  await call('POST', `/rest/api/3/search/jql`, { jql: 'project = ' });
  await call('POST', `/rest/api/3/search/jql`, { jql: 'order by key' });
  await call('GET', '/rest/api/3/nope');
  await call('GET', '/rest/agile/1.0/board/2/sprint');
  await call('GET', '/rest/agile/1.0/board/1/configuration');
})();
