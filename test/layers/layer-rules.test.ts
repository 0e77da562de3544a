import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The layer rules of .dependency-cruiser.cjs, run as `npm run lint` runs them.
const root = path.join(__dirname, '../..');
const configFile = path.join(root, '.dependency-cruiser.cjs');
const { forbidden } = (await import(configFile)) as { forbidden: { name: string }[] };

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs dependency-cruiser on `cwd` as `npm run lint` does; `json` gives the violations, `err` the exit status lint sees. */
function cruise(cwd: string, outputType: 'json' | 'err') {
  const bin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  return spawnSync(process.execPath, [bin, '--config', configFile, '--output-type', outputType, '.'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

const violationsIn = (cwd: string): Violation[] =>
  (JSON.parse(cruise(cwd, 'json').stdout) as { summary: { violations: Violation[] } }).summary.violations;

/** A tree in the project's shape with one file breaking each rule, and one import that is allowed. */
const FIXTURE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'preserve', moduleResolution: 'bundler' } }),
  'governance/notice.ts': "import { readFileSync } from 'node:fs';\nexport const notice = readFileSync;\n",
  'governance/voting.ts': "import { quorum } from './quorum';\nexport const vote = quorum;\n",
  'governance/quorum.ts': "import { vote } from './voting';\nexport const quorum = () => vote;\n",
  'definitions/decision.ts': "import { config } from '../runtime/config';\nexport const decision = config;\n",
  'workflows/decision.ts':
    "import { Client } from '@temporalio/client';\nimport type { Recipient } from '../activities/contract';\n" +
    'export const decision = (r: Recipient) => [Client, r];\n',
  'workflows/board.ts': "import { notify } from '../activities/contract';\nexport const board = notify;\n",
  'activities/contract.ts': 'export interface Recipient { name: string }\nexport const notify = 1;\n',
  'activities/mail.ts': "import { cli } from '../client/cli';\nexport const mail = cli;\n",
  'client/cli.ts': "import { decision } from '../workflows/decision';\nexport const cli = decision;\n",
  'client/demo.ts': "import { start } from '../scripts/start';\nexport const demo = start;\n",
  'runtime/config.ts': "import { cli } from '../client/cli';\nexport const config = cli;\n",
  'security/codec.ts': "import { cli } from '../client/cli';\nexport const codec = cli;\n",
  'publication/pages.ts': "import { run } from '../worker/run';\nexport const pages = run;\n",
  'worker/run.ts': "import { cli } from '../client/cli';\nexport const run = cli;\n",
  'console/server.ts':
    "import { run } from '../worker/run';\nimport { sessions } from '../activities/records/sessions';\n" +
    'export const server = [run, sessions];\n',
  'activities/records/sessions.ts': 'export const sessions = 1;\n',
  'publication/console-link.ts': "import { server } from '../console/server';\nexport const link = server;\n",
  'scripts/start.ts': "import { today } from '../test/support/dates';\nexport const start = today;\n",
  'test/support/dates.ts': 'export const today = 1;\n',
};

const EXPECTED: [rule: string, from: string, to: string][] = [
  ['governance-is-pure', 'governance/notice.ts', 'fs'],
  ['no-circular', 'governance/quorum.ts', 'governance/voting.ts'],
  ['definitions-on-governance-only', 'definitions/decision.ts', 'runtime/config.ts'],
  ['workflows-in-the-sandbox', 'workflows/decision.ts', '@temporalio/client'],
  ['workflows-know-activities-by-type', 'workflows/board.ts', 'activities/contract.ts'],
  ['activities-below-workflows-and-client', 'activities/mail.ts', 'client/cli.ts'],
  ['client-through-definitions', 'client/cli.ts', 'workflows/decision.ts'],
  ['entry-points-not-imported', 'client/demo.ts', 'scripts/start.ts'],
  ['runtime-and-security-below-client', 'runtime/config.ts', 'client/cli.ts'],
  ['runtime-and-security-below-client', 'security/codec.ts', 'client/cli.ts'],
  ['publication-reads-the-register', 'publication/pages.ts', 'worker/run.ts'],
  ['worker-below-client', 'worker/run.ts', 'client/cli.ts'],
  ['console-on-the-contract', 'console/server.ts', 'worker/run.ts'],
  ['console-at-the-top', 'publication/console-link.ts', 'console/server.ts'],
  ['test-only-from-test', 'scripts/start.ts', 'test/support/dates.ts'],
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('layer rules (npm run lint)', () => {
  it('report each forbidden import by its rule, and let a workflow import the activity contract as types', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govflow-layers-'));
    dirs.push(dir);
    for (const [file, text] of Object.entries(FIXTURE)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const found = violationsIn(dir).map((v) => [v.rule.name, v.from, v.to]);
    expect(found).toEqual(expect.arrayContaining(EXPECTED));
    expect(found).toHaveLength(EXPECTED.length);
    // Every rule is shown firing, so a rule whose pattern no longer matches anything fails here.
    expect(new Set(found.map(([rule]) => rule))).toEqual(new Set(forbidden.map((rule) => rule.name)));
    const lint = cruise(dir, 'err');
    expect(lint.status).not.toBe(0);
    expect(lint.stdout).toContain('error client-through-definitions: client/cli.ts → workflows/decision.ts');
  });

  it('pass on the project itself', () => {
    expect(violationsIn(root)).toEqual([]);
  });
});
