/**
 * govflow's layer rules, checked by `npm run lint` (dependency-cruiser). The layers, innermost first:
 * governance/ (pure rules) <- definitions/ (the one contract) <- workflows/ and activities/ <- security/,
 * runtime/, publication/, worker/, client/ <- console/ <- scripts/, bench/, bin/; test/ may import anything.
 * test/layers/layer-rules.test.ts shows each rule firing on a file that breaks it.
 */

/** npm packages by name, wherever the resolver puts them. */
const npm = (...names) => names.map((name) => `^node_modules/${name}/`);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'governance-is-pure',
      comment:
        'governance/ holds the statutory rules: pure functions of the data they are given, run inside the ' +
        'workflow sandbox and by everyone else. No Temporal, no Node I/O, nothing of ours outside governance/.',
      severity: 'error',
      from: { path: '^governance/' },
      to: { pathNot: ['^governance/', ...npm('zod', '@noble/hashes')] },
    },
    {
      name: 'definitions-on-governance-only',
      comment:
        'definitions/ is the one contract (names, schemas, Update and Query definitions): it builds on governance/ ' +
        'and the libraries that define messages, nothing else.',
      severity: 'error',
      from: { path: '^definitions/' },
      to: {
        pathNot: ['^(definitions|governance)/', ...npm('zod', '@temporalio/common', '@temporalio/workflow')],
      },
    },
    {
      name: 'workflows-in-the-sandbox',
      comment:
        'workflows/ runs in the deterministic sandbox: governance/, definitions/, workflows/ and the workflow ' +
        'API only (the activities are known by their types, see workflows-know-activities-by-type).',
      severity: 'error',
      from: { path: '^workflows/' },
      to: {
        pathNot: [
          '^(workflows|definitions|governance)/',
          '^activities/contract\\.ts$',
          ...npm('zod', '@temporalio/common', '@temporalio/workflow'),
        ],
      },
    },
    {
      name: 'workflows-know-activities-by-type',
      comment:
        'A workflow calls activities through proxyActivities: it may import their contract, as types only ' +
        '(erased from the workflow bundle).',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'activities-below-workflows-and-client',
      comment:
        'activities/ do the I/O that workflows ask for; they never reach up into workflows/ or the CLI.',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: '^(workflows|client)/' },
    },
    {
      name: 'client-through-definitions',
      comment:
        'The CLI talks to workflows through definitions/ (names, Updates, Queries), never through workflow code.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^workflows/' },
    },
    {
      name: 'runtime-and-security-below-client',
      comment:
        'runtime/ and security/ serve the worker, the CLI and the scripts alike: they never import the CLI.',
      severity: 'error',
      from: { path: '^(runtime|security)/' },
      to: { path: '^client/' },
    },
    {
      name: 'publication-reads-the-register',
      comment:
        'The public pages read the register (activities/records); they never import workflows, the worker or the CLI.',
      severity: 'error',
      from: { path: '^publication/' },
      to: { path: '^(workflows|worker|client)/' },
    },
    {
      name: 'console-on-the-contract',
      comment:
        'The officers’ console acts through definitions/ (the same Updates as the CLI) with a Temporal client, ' +
        'asks governance/ who may do what, and keeps its sessions in the register (activities/records); ' +
        'never workflow code, the worker, the CLI, the public pages or the settings module (it is handed them).',
      severity: 'error',
      from: { path: '^console/' },
      to: {
        path: '^(workflows|worker|client|publication|runtime|security|activities/(?!records/))',
      },
    },
    {
      name: 'console-at-the-top',
      comment: 'Only the commands (scripts/) and the tests start the console; nothing below it imports it.',
      severity: 'error',
      from: { pathNot: '^(console|scripts|test)/' },
      to: { path: '^console/' },
    },
    {
      name: 'worker-below-client',
      comment:
        'The worker runs workflows and activities; the CLI may start one (simulate), never the other way.',
      severity: 'error',
      from: { path: '^worker/' },
      to: { path: '^client/' },
    },
    {
      name: 'entry-points-not-imported',
      comment:
        'scripts/ and bin/ are commands; bench/ is measured by its own command and checked by test/. ' +
        'bin/build.js is also the build that bin/govflow.js and bin/start.js run when their compiled entry point is missing or stale; ' +
        'scripts/workflow-bundle.ts the workflow bundle npm start keeps until a workflow source changes.',
      severity: 'error',
      from: { pathNot: '^(bench|test)/' },
      to: { path: '^(scripts|bin|bench)/', pathNot: '^(bin/build\\.js|scripts/workflow-bundle\\.ts)$' },
    },
    {
      name: 'test-only-from-test',
      comment: 'Test helpers and fixtures are for tests: nothing outside test/ imports them.',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: split out what both need.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^(node_modules|\\.tools|\\.data|dist|test-artifacts)/' },
    // Type-only imports count: a workflow that imports an activity's implementation "only for its types" is caught.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types'],
    },
  },
};
