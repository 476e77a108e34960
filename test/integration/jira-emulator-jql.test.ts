/** JQL semantics of the Jira emulator: operators, fields, precedence, ORDER BY, permissions and errors. */
import { JiraEmulator } from '../sandbox/jira/emulator';
import { callJira, searchKeys } from '../sandbox/jira/emulator-client';
import { FIXTURE_APP, FIXTURE_NOW, FIXTURE_USERS, buildFixtureSite } from '../sandbox/jira/fixture-site';

const { eli, vic } = FIXTURE_USERS;
const newEmulator = (): JiraEmulator => new JiraEmulator(buildFixtureSite(), { ...FIXTURE_APP, now: () => FIXTURE_NOW });
/** Fixture order: UP before SEC, then by number. */
const sorted = (keys: string[]): string[] => {
  const rank = (key: string): number => (key.startsWith('UP-') ? 0 : 1000) + Number(key.split('-')[1]);
  return [...keys].sort((a, b) => rank(a) - rank(b));
};

async function keysFor(jql: string, asUser?: string): Promise<string[]> {
  return sorted(await searchKeys(newEmulator(), jql, asUser));
}

async function errorFor(jql: string, asUser?: string): Promise<{ status: number; message: string }> {
  const response = await callJira(newEmulator(), 'POST', '/rest/api/3/search/jql', { body: { jql }, asUser });
  const body = response.body as { errorMessages?: string[] };
  return { status: response.status, message: (body.errorMessages ?? []).join(' ') };
}

describe('JQL operators', () => {
  test.each<[string, string[]]>([
    ['project = up AND status = "in progress"', ['UP-1', 'UP-4', 'UP-8', 'UP-13']],
    ['project = UP AND status != "To Do" AND status != Done', ['UP-1', 'UP-4', 'UP-5', 'UP-8', 'UP-13']],
    ['status IN ("In Review", Done)', ['UP-2', 'UP-3', 'UP-5', 'UP-12', 'SEC-3', 'SEC-5']],
    ['project = UP AND status NOT IN ("To Do", "In Progress")', ['UP-2', 'UP-3', 'UP-5', 'UP-12']],
    ['project = UP AND assignee IS EMPTY', ['UP-6', 'UP-7', 'UP-10', 'UP-14']],
    ['project = SEC AND assignee IS NOT EMPTY', ['SEC-1', 'SEC-2', 'SEC-3', 'SEC-5']],
    ['project = UP AND assignee = EMPTY', ['UP-6', 'UP-7', 'UP-10', 'UP-14']],
    ['"Story Points" > 3', ['UP-2', 'UP-5', 'UP-7', 'UP-8', 'UP-12']],
    ['cf[10016] >= 8', ['UP-5', 'UP-7']],
    ['customfield_10016 <= 2', ['UP-4', 'UP-6', 'UP-11']],
    ['"story points" < 2', ['UP-6']],
    ['"Story Points" in (1, 13)', ['UP-6', 'UP-7']],
    ['summary ~ checkout', ['UP-1', 'UP-2', 'UP-11', 'UP-12']],
    ['summary ~ "CHECK*"', ['UP-1', 'UP-2', 'UP-11', 'UP-12']],
    ['summary ~ "cards saved"', ['UP-5']],
    ['summary ~ "\\"saved cards\\""', ['UP-5']],
    ['summary ~ "\\"cards saved\\""', []],
    ['project = UP AND summary !~ checkout AND labels = checkout', ['UP-3', 'UP-13']],
    ['text ~ security', ['SEC-1', 'SEC-2', 'SEC-3', 'SEC-4', 'SEC-5', 'SEC-6']],
    ['description ~ "payments team" AND priority = Lowest', ['UP-9']],
    ['priority > Medium AND project = UP', ['UP-1', 'UP-2', 'UP-3', 'UP-7', 'UP-13']],
    ['priority <= Low AND project = SEC', ['SEC-6']],
  ])('%s', async (jql, expected) => {
    expect(await keysFor(jql)).toEqual(expected);
  });

  test('!= and NOT IN leave out issues whose field is empty, as Jira does', async () => {
    expect(await keysFor(`project = UP AND assignee != ${eli}`)).toEqual(['UP-1', 'UP-5', 'UP-9', 'UP-12']);
    expect(await keysFor('project = UP AND labels NOT IN (checkout, growth)')).toEqual(['UP-4', 'UP-5', 'UP-6', 'UP-8', 'UP-10', 'UP-11']);
    expect(await keysFor('project = UP AND labels IN (EMPTY, invoices)')).toEqual(['UP-9', 'UP-10', 'UP-14']);
  });
});

describe('JQL fields', () => {
  test.each<[string, string[]]>([
    ['project = 10001 AND statusCategory = "In Progress"', ['SEC-1', 'SEC-5']],
    ['project = "Security" AND statusCategory = done', ['SEC-3']],
    ['key = up-3 OR issuekey = SEC-2 OR id = 10004', ['UP-3', 'UP-4', 'SEC-2']],
    ['key IN (UP-1, UP-2)', ['UP-1', 'UP-2']],
    ['issuetype = Epic', ['UP-1']],
    ['type IN (bug) AND project = SEC', ['SEC-2', 'SEC-5']],
    ['labels = CHECKOUT', ['UP-1', 'UP-2', 'UP-3', 'UP-13', 'SEC-5']],
    ['parent = UP-1', ['UP-2', 'UP-3', 'UP-5', 'UP-7', 'UP-11']],
    ['parent IS EMPTY AND project = SEC AND labels = sso', ['SEC-6']],
    ['sprint = 1', ['UP-2', 'UP-3', 'UP-4', 'UP-12']],
    ['sprint = "UP Sprint 3"', ['UP-10', 'UP-11']],
    ['sprint IN openSprints()', ['UP-4', 'UP-5', 'UP-6', 'UP-7', 'UP-8', 'UP-9', 'UP-10', 'UP-11']],
    ['sprint IN closedSprints() AND sprint NOT IN openSprints()', ['UP-2', 'UP-3', 'UP-12']],
    ['sprint IN futureSprints()', ['UP-10', 'UP-11']],
    ['project = UP AND sprint IS EMPTY', ['UP-1', 'UP-13', 'UP-14']],
    ['cf[10020] = 2 AND "Story Points" > 5', ['UP-5', 'UP-7']],
    ['"Work type" = Innovative', ['UP-1', 'UP-2', 'UP-5', 'UP-12', 'SEC-3']],
    ['"work type" IN (corrective, Enabling) AND project = UP', ['UP-3', 'UP-4', 'UP-6', 'UP-8', 'UP-11']],
    ['"Work type" IS EMPTY AND project = UP', ['UP-7', 'UP-9', 'UP-10', 'UP-13', 'UP-14']],
    ['created >= "2026-01-20"', ['UP-13', 'UP-14', 'SEC-5', 'SEC-6']],
    ['created > -7d', ['UP-14']],
    ['created < "2026/01/04 00:00"', ['UP-1', 'UP-2', 'SEC-1']],
    ['updated >= startOfDay(-3) AND project = UP', ['UP-14']],
    ['resolutiondate IS NOT EMPTY', ['UP-2', 'UP-3', 'UP-12', 'SEC-3']],
    ['issue.property[upstream-origin].customers = acme', ['UP-2', 'UP-7']],
    ['issue.property["upstream-origin"].arr > 100000', ['UP-2', 'UP-7']],
    ['issue.property[upstream-origin].signals IS EMPTY AND project = UP AND labels = wallet', ['UP-7']],
  ])('%s', async (jql, expected) => {
    expect(await keysFor(jql)).toEqual(expected);
  });

  test('assignee = currentUser() is the calling user, and matches nothing for the app', async () => {
    expect(await keysFor('assignee = currentUser()', eli)).toEqual(['UP-2', 'UP-3', 'UP-4', 'UP-8', 'UP-11', 'UP-13']);
    expect(await keysFor('assignee = currentUser()')).toEqual([]);
    expect(await keysFor(`reporter = ${FIXTURE_USERS.ada} AND labels = sso`)).toEqual(['SEC-6']);
  });

  test('registered property aliases search the property with their declared type', async () => {
    const emulator = newEmulator();
    emulator.registerPropertyAliases([
      { propertyKey: 'upstream-origin', path: 'customers', type: 'string', searchAlias: 'originCustomer' },
      { propertyKey: 'upstream-origin', path: 'arr', type: 'number', searchAlias: 'originArr' },
    ]);
    expect(sorted(await searchKeys(emulator, 'originCustomer = globex'))).toEqual(['UP-2']);
    expect(sorted(await searchKeys(emulator, 'originArr >= 40000 AND originArr < 200000'))).toEqual(['UP-2', 'UP-5']);
    const rejected = await callJira(emulator, 'POST', '/rest/api/3/search/jql', { body: { jql: 'originCustomer ~ acme' } });
    expect(rejected.status).toBe(400);
  });
});

describe('JQL precedence and NOT', () => {
  test('AND binds tighter than OR', async () => {
    expect(await keysFor('project = SEC AND labels = sso OR project = UP AND labels = wallet')).toEqual(['UP-5', 'UP-7', 'SEC-6']);
    expect(await keysFor('labels = sso OR labels = wallet AND project = SEC')).toEqual(['SEC-6']);
  });

  test('parentheses override precedence', async () => {
    expect(await keysFor('(project = SEC OR project = UP) AND labels = wallet')).toEqual(['UP-5', 'UP-7']);
    expect(await keysFor('project = SEC OR (project = UP AND labels = wallet)')).toHaveLength(8);
  });

  test('NOT negates the clause that follows', async () => {
    expect(await keysFor('project = UP AND NOT labels = checkout')).toHaveLength(10);
    expect(await keysFor('project = UP AND NOT (labels = checkout OR labels = growth OR labels IS EMPTY)')).toEqual(['UP-4', 'UP-5', 'UP-6', 'UP-8', 'UP-10', 'UP-11']);
  });
});

describe('ORDER BY', () => {
  test('key orders by project then number, not as text', async () => {
    const keys = await searchKeys(newEmulator(), 'project = UP ORDER BY key DESC');
    expect(keys.slice(0, 6)).toEqual(['UP-14', 'UP-13', 'UP-12', 'UP-11', 'UP-10', 'UP-9']);
  });

  test('several fields, empty values last ascending and first descending', async () => {
    const emulator = newEmulator();
    expect(await searchKeys(emulator, 'project = UP ORDER BY "Story Points" DESC, key ASC')).toEqual([
      'UP-1', 'UP-9', 'UP-14', 'UP-7', 'UP-5', 'UP-2', 'UP-8', 'UP-12', 'UP-3', 'UP-10', 'UP-13', 'UP-4', 'UP-11', 'UP-6',
    ]);
    expect((await searchKeys(emulator, 'project = UP ORDER BY cf[10016] ASC, key DESC')).slice(-3)).toEqual(['UP-14', 'UP-9', 'UP-1']);
  });

  test('priority, created, updated and rank', async () => {
    const emulator = newEmulator();
    expect((await searchKeys(emulator, 'project = UP ORDER BY priority DESC, key ASC')).slice(0, 3)).toEqual(['UP-3', 'UP-13', 'UP-1']);
    expect((await searchKeys(emulator, 'project = UP ORDER BY created ASC')).slice(0, 2)).toEqual(['UP-1', 'UP-2']);
    expect((await searchKeys(emulator, 'project = UP ORDER BY updated DESC'))[0]).toBe('UP-14');
    expect((await searchKeys(emulator, 'project = SEC ORDER BY rank')).slice(0, 2)).toEqual(['SEC-1', 'SEC-2']);
  });

  test('an unsortable field is a 400', async () => {
    expect(await errorFor('project = UP ORDER BY labels')).toEqual({ status: 400, message: "Field 'labels' does not support sorting." });
  });
});

describe('permissions in search', () => {
  test("issues in projects the caller cannot browse are left out", async () => {
    expect(await keysFor('labels = checkout', eli)).toEqual(['UP-1', 'UP-2', 'UP-3', 'UP-13']);
    expect(await keysFor('labels = security', eli)).toEqual([]);
    expect(await keysFor('labels = security', vic)).toHaveLength(4);
  });

  test('naming an invisible project or issue is a 400, as for one that does not exist', async () => {
    expect(await errorFor('project = SEC', eli)).toEqual({ status: 400, message: "The value 'SEC' does not exist for the field 'project'." });
    expect(await errorFor('key = SEC-1', eli)).toEqual({ status: 400, message: "An issue with key 'SEC-1' does not exist for field 'key'." });
  });
});

describe('JQL errors', () => {
  test.each<[string, number, string]>([
    ['colour = red', 400, "Field 'colour' does not exist or you do not have permission to view it."],
    ['project = UP AND', 400, '(line 1, character 17)'],
    ['status = Nope', 400, "The value 'Nope' does not exist for the field 'status'."],
    ['summary = checkout', 400, "The operator '=' is not supported by the 'summary' field."],
    ['status ~ done', 400, "The operator '~' is not supported by the 'status' field."],
    ['sprint in nextSprints()', 400, "Unable to find JQL function 'nextSprints()'"],
    ['created > "31 Jan"', 400, "Date value '31 Jan' for field 'created' is invalid."],
    ['"Story Points" > lots', 400, "The value 'lots' is not a valid number for the field 'Story Points'."],
    ['ORDER BY key', 400, 'Unbounded JQL queries are not allowed here.'],
    ['', 400, 'Unbounded JQL queries are not allowed here.'],
    ['status WAS Done', 501, "The sandbox's Jira emulator does not model the 'WAS' operator"],
  ])('%s → %i', async (jql, status, message) => {
    const error = await errorFor(jql);
    expect(error.status).toBe(status);
    expect(error.message).toContain(message);
  });
});
