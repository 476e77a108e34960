/**
 * The layering rules from DESIGN.md, checked in `npm test` (test/unit/architecture.test.ts runs this).
 * Keep the rules here and the prose in DESIGN.md saying the same thing.
 */
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
      to: { path: ['^src/(?!contract/|domain/)', '(^|/)node_modules/@forge/(api|kvs|resolver)/'] },
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
    exclude: { path: ['static/build', 'node_modules'] },
  },
};
