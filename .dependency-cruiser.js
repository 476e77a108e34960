/**
 * The layering rules from DESIGN.md, every arrow of its picture, checked in `npm test`
 * (test/unit/architecture.test.ts runs this over the real tree, and over a tree built to break each rule once).
 * Keep the rules here and the prose in DESIGN.md / the README saying the same thing.
 *
 *   static/src ──▶ contract, domain
 *   resolvers ──▶ contract, services, errors          (thin: no rules, no Jira, no storage)
 *   triggers, webtriggers ──▶ services, contract, domain, errors
 *   services ──▶ jira, store, domain, contract, errors
 *   jira ──▶ domain, errors, @forge/api               store ──▶ domain, errors, @forge/kvs, @forge/sql
 *   slack ──▶ domain, errors, @forge/api (outbound HTTP to hooks.slack.com, like jira for Jira)
 *   @forge/events only in store/work-queue.ts (the one queue adapter)
 *   contract ──▶ domain, zod                          domain ──▶ domain
 */
const FORGE_API = '(^|/)node_modules/@forge/api/';
const FORGE_STORAGE = '(^|/)node_modules/@forge/(kvs|sql)/';
const FORGE_RESOLVER = '(^|/)node_modules/@forge/resolver/';
const FORGE_EVENTS = '(^|/)node_modules/@forge/events/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds the model and its rules: it imports only other domain files (no @forge, no I/O, no node builtins).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'contract-imports-only-zod-and-domain',
      comment: 'src/contract is shared with the browser: zod and domain types only.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { pathNot: ['^src/contract/', '^src/domain/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'errors-is-a-leaf',
      comment: 'src/errors.ts is used by every layer but the domain, so it may know only the contract\'s error codes.',
      severity: 'error',
      from: { path: '^src/errors\\.ts$' },
      to: { path: '^src/', pathNot: '^src/contract/envelope\\.ts$' },
    },
    {
      name: 'jira-knows-only-domain-and-errors',
      comment: 'src/jira is every Jira REST call: it knows neither storage, the contract, services nor resolvers.',
      severity: 'error',
      from: { path: '^src/jira/' },
      to: { path: '^src/', pathNot: ['^src/jira/', '^src/domain/', '^src/errors\\.ts$'] },
    },
    {
      name: 'store-knows-only-domain-and-errors',
      comment: 'src/store keeps its own schemas for stored data: it knows neither Jira, the contract, services nor resolvers.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: ['^src/store/', '^src/domain/', '^src/errors\\.ts$'] },
    },
    {
      name: 'slack-knows-only-domain-and-errors',
      comment: 'src/slack is every outbound Slack call: like src/jira, it knows neither storage, the contract, services nor resolvers.',
      severity: 'error',
      from: { path: '^src/slack/' },
      to: { path: '^src/', pathNot: ['^src/slack/', '^src/domain/', '^src/errors\\.ts$'] },
    },
    {
      name: 'resolvers-are-thin',
      comment: 'Resolvers parse, authorise through a service, and map errors: they never reach Jira, storage or the rules directly.',
      severity: 'error',
      from: { path: '^src/resolvers/' },
      to: { path: ['^src/(jira|slack|store|domain|triggers|webtriggers)/', FORGE_API, FORGE_STORAGE] },
    },
    {
      name: 'services-do-not-reach-up',
      comment: 'Use cases are called by resolvers and handlers, never the other way round.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ['^src/(resolvers|triggers|webtriggers)/', '^src/index\\.ts$', FORGE_RESOLVER] },
    },
    {
      name: 'handlers-go-through-services',
      comment: 'Triggers and webtriggers parse their event and call a service; Jira and storage are the services\' business.',
      severity: 'error',
      from: { path: '^src/(triggers|webtriggers)/' },
      to: { path: ['^src/(jira|slack|store|resolvers)/', FORGE_STORAGE] },
    },
    {
      name: 'index-only-wires',
      comment: 'src/index.ts exports the handlers manifest.yml names, and nothing else.',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/', pathNot: '^src/(resolvers|triggers|webtriggers)/' },
    },
    {
      name: 'forge-api-only-in-jira',
      comment: 'Product calls go through src/jira/client.ts (retries, errors, the lint\'s scope check) and Slack calls through src/slack; webtriggers may use its request types.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(jira|slack|webtriggers)/' },
      to: { path: FORGE_API },
    },
    {
      name: 'forge-storage-only-in-store',
      comment: '@forge/kvs and @forge/sql are reached only through a repository in src/store.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: FORGE_STORAGE },
    },
    {
      name: 'forge-events-only-in-work-queue',
      comment: '@forge/events is reached only through src/store/work-queue.ts: the queue, its limits and the retry answer live in one adapter.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/work-queue\\.ts$' },
      to: { path: FORGE_EVENTS },
    },
    {
      name: 'src-does-not-import-tests',
      comment: 'Production code never reaches into test/ (the sandbox, fixtures).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'static-reaches-src-only-through-contract',
      comment: 'The browser bundle may use the contract and domain, never resolvers, services or Forge backend packages.',
      severity: 'error',
      from: { path: '^static/src/' },
      to: { path: ['^src/(?!contract/|domain/)', '(^|/)node_modules/@forge/(api|kvs|sql|resolver)/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // node_modules is not followed, but not excluded either: the rules about Forge's packages need to see them.
    exclude: { path: ['static/build'] },
  },
};
