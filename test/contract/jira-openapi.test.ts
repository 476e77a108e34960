/**
 * Contract checks: every operation the Jira emulator models exists in Atlassian's OpenAPI spec, and every
 * response it gives (successes and documented errors) satisfies that operation's response schema. Without the
 * specs the suite skips with a notice, except under CI, where it fails (spec-availability.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { JiraEmulator } from '../sandbox/jira/emulator';
import { FIXTURE_APP, FIXTURE_NOW, buildFixtureSite } from '../sandbox/jira/fixture-site';
import type { ContractCase } from './contract-cases';
import { CONTRACT_CASES } from './contract-cases';
import { issueFieldProblems, issuesIn } from './issue-field-shapes';
import { OpenApiValidator } from './openapi-validator';
import { planContractSuite } from './spec-availability';

const specDir = path.resolve(__dirname, '../../../shared/jira-openapi');
const plan = planContractSuite({ specDir, env: process.env, exists: fs.existsSync });

const newEmulator = (): JiraEmulator => new JiraEmulator(buildFixtureSite(), { ...FIXTURE_APP, now: () => FIXTURE_NOW });

async function run(emulator: JiraEmulator, contractCase: ContractCase) {
  const body = contractCase.rawBody ?? (contractCase.body === undefined ? undefined : JSON.stringify(contractCase.body));
  return emulator.handle({ method: contractCase.method, path: contractCase.path, headers: {}, body, asUser: contractCase.asUser ?? null });
}

if (plan.kind === 'fail') {
  test('the Jira OpenAPI specs are present', () => {
    throw new Error(`Jira contract suite cannot run: ${plan.reason}`);
  });
} else if (plan.kind === 'skip') {
  console.warn(`Jira contract suite skipped: ${plan.reason}`);
  test.skip(`Jira contract suite skipped: ${plan.reason}`, () => undefined);
} else {
  describe('Jira emulator against the Jira OpenAPI specs', () => {
    let validator: OpenApiValidator;
    beforeAll(() => {
      validator = new OpenApiValidator(specDir);
    });

    test('every emulated route is an operation in the spec', () => {
      const missing = newEmulator().routes().filter((route) => !validator.hasOperation(route.method, route.template));
      expect(missing).toEqual([]);
    });

    test('every emulated route has a contract case that succeeds', () => {
      const emulator = newEmulator();
      const covered = new Set(
        CONTRACT_CASES.filter((c) => c.status < 300)
          .map((c) => emulator.routeOf(c.method, c.path))
          .filter((route) => route !== undefined)
          .map((route) => `${route.method} ${route.template}`),
      );
      const uncovered = emulator.routes().map((route) => `${route.method} ${route.template}`).filter((route) => !covered.has(route));
      expect(uncovered).toEqual([]);
    });

    test.each(CONTRACT_CASES.map((c) => [`${c.method} ${c.path.slice(0, 90)} — ${c.name}`, c] as const))('%s', async (_title, contractCase) => {
      const emulator = newEmulator();
      const route = emulator.routeOf(contractCase.method, contractCase.path);
      expect(route).toBeDefined();
      if (!route) return;
      const response = await run(emulator, contractCase);
      expect({ status: response.status, body: response.body }).toMatchObject({ status: contractCase.status });
      expect(validator.documentedStatuses(route.method, route.template)).toContain(String(response.status));

      if (response.status >= 400) {
        // Jira's errors are an ErrorCollection, unless the operation documents its own shape (bulk create answers
        // a 400 as CreatedIssues, with each refused issue's errors).
        const declared = validator.checkResponse(route.method, route.template, response.status, response.body);
        const check = declared.schemaFound ? declared : validator.checkComponent('jira-platform', 'ErrorCollection', response.body);
        expect(check.errors).toBe('');
        return;
      }
      if (response.status === 204 || response.body === undefined) {
        expect(response.body).toBeUndefined();
        return;
      }
      const check = validator.checkResponse(route.method, route.template, response.status, response.body);
      expect(check.schemaFound).toBe(true);
      expect(check.errors).toBe('');
      const fieldProblems = issuesIn(response.body).flatMap((issue) => issueFieldProblems(validator, issue));
      expect(fieldProblems).toEqual([]);
    });

    describe("Jira's limits answer in Jira's error shape", () => {
      test('a request over the rate limit: 429 with an ErrorCollection and Retry-After', async () => {
        const emulator = newEmulator();
        emulator.rateLimit = { perSecond: 1 };
        const call = () => emulator.handle({ method: 'GET', path: '/rest/api/3/myself', headers: {}, asUser: null });
        expect((await call()).status).toBe(200);
        const refused = await call();
        expect(refused.status).toBe(429);
        expect(refused.headers?.['retry-after']).toMatch(/^\d+$/);
        expect(validator.checkComponent('jira-platform', 'ErrorCollection', refused.body).errors).toBe('');
      });

      test('a JQL function the emulator does not evaluate: 501 with an ErrorCollection', async () => {
        const response = await run(newEmulator(), {
          name: 'linkedIssues', method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'issue in linkedIssues(UP-1)' }, status: 501,
        });
        expect(response.status).toBe(501);
        expect(validator.checkComponent('jira-platform', 'ErrorCollection', response.body).errors).toBe('');
      });
    });

    describe('the validator can fail', () => {
      test('rejects a user whose accountId is a number', () => {
        const check = validator.checkResponse('GET', '/rest/api/3/myself', 200, { accountId: 42, displayName: 'x' });
        expect(check.valid).toBe(false);
        expect(check.errors).toContain('accountId');
      });

      test('rejects a search response carrying a total (SearchAndReconcileResults has none)', () => {
        const check = validator.checkResponse('GET', '/rest/api/3/search/jql', 200, { issues: [], isLast: true, total: 0 });
        expect(check.valid).toBe(false);
      });

      test('rejects a sprint whose id is a string (schema inferred from the spec example)', () => {
        const check = validator.checkResponse('GET', '/rest/agile/1.0/sprint/{sprintId}', 200, { id: '1', name: 's', state: 'active' });
        expect(check.schemaFound).toBe(true);
        expect(check.valid).toBe(false);
      });

      test('rejects an assignee carrying a key UserDetails does not have', () => {
        const problems = issueFieldProblems(validator, { id: '1', fields: { assignee: { accountId: 'a', locale: 'en' } } });
        expect(problems.join('\n')).toContain('fields.assignee');
      });
    });
  });
}

describe('a workflow transition over REST', () => {
  test('moves the issue, resolves it on Done and delivers avi:jira:updated:issue with the status change, as transitionIssue does', async () => {
    const { eli } = (await import('../sandbox/jira/fixture-site')).FIXTURE_USERS;
    const viaRest = newEmulator();
    const viaUi = newEmulator();
    const events: Array<{ via: string; event: unknown }> = [];
    viaRest.onIssueUpdated((event) => events.push({ via: 'rest', event }));
    viaUi.onIssueUpdated((event) => events.push({ via: 'ui', event }));

    const listed = await viaRest.handle({ method: 'GET', path: '/rest/api/3/issue/UP-6/transitions', headers: {}, asUser: eli });
    const done = (listed.body as { transitions: Array<{ id: string; name: string }> }).transitions.find((t) => t.name === 'Done');
    expect(done).toBeDefined();
    const moved = await viaRest.handle({ method: 'POST', path: '/rest/api/3/issue/UP-6/transitions', headers: {}, body: JSON.stringify({ transition: { id: done!.id } }), asUser: eli });
    expect(moved.status).toBe(204);
    expect(viaUi.transitionIssue('UP-6', 'Done', eli)).toBe(true);

    const issueOf = (emulator: JiraEmulator) => emulator.site.issues.find((i) => i.key === 'UP-6')!;
    expect(issueOf(viaRest).statusId).toBe(issueOf(viaUi).statusId);
    expect(issueOf(viaRest).resolutiondate).toBe(issueOf(viaUi).resolutiondate);
    expect(events.map((e) => e.via)).toEqual(['rest', 'ui']);
    expect(events[0]!.event).toEqual(events[1]!.event);
    expect(events[0]!.event).toMatchObject({ selfGenerated: false, atlassianId: eli, issue: { key: 'UP-6', fields: { status: { name: 'Done' } } } });

    // Already Done: Done is no longer offered, and asking for it again is refused.
    const again = await viaRest.handle({ method: 'POST', path: '/rest/api/3/issue/UP-6/transitions', headers: {}, body: JSON.stringify({ transition: { id: done!.id } }), asUser: eli });
    expect(again.status).toBe(400);
    expect(events).toHaveLength(2);
  });
});
