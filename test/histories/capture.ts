/**
 * `npm run histories:capture [-- --tag <tag>] [-- --only <scenario>] [-- --out <dir>]`: runs each workflow's
 * main paths (scenarios.ts) on a time-skipping server with the current workflow code and writes
 * their histories as JSON next to this file, where the replay test checks every later version of the code
 * against them. --out writes them (and their index.json) to another directory instead, e.g. to compare a
 * capture with the committed histories without touching them.
 *
 * An existing history is never overwritten: it stands for workflows that may still be running in
 * production. To add a capture of changed code next to the old one, pass --tag (e.g. --tag 2027-02-patch-x):
 * files are then named <name>@<tag>.json. Delete an old history only when no workflow that could have it is
 * still running (see docs/reliability-and-security.md).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { format } from 'prettier';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { withEffects } from '../../activities/effects';
import type { GovernanceActivities } from '../../activities/contract';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { resolveTemporalBinaries } from '../../runtime/temporal-binaries';
import { bundleWorkflows } from '../../worker/create-worker';
import { SCENARIOS } from './scenarios';

const HISTORIES = __dirname;

/** The activities as a test double: every call succeeds; the histories record the calls and results. */
const activities: GovernanceActivities = {
  async notify(n) {
    return { sent: n.recipients.length, duplicate: false };
  },
  async record() {
    return { duplicate: false };
  },
  async committedToScheme() {
    return { committedGbp: 0 };
  },
  async checkRegistration() {
    return { ok: true, version: 1 };
  },
  async holdPooledBudget() {
    return { ok: true };
  },
  async listOnMeeting(listing) {
    return { ok: true, receipt: `${listing.item.ref} is on the agenda for ${listing.meeting.date}` };
  },
  async deliverMeetingOutcome() {
    return { ok: true, receipt: 'taken' };
  },
  async tellItemOfMeetingChange() {
    return { ok: true, receipt: 'told' };
  },
  async withdrawFromMeeting() {
    return { ok: true, receipt: 'withdrawn' };
  },
};

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const tag = option('--tag');
  if (tag !== undefined && !/^[A-Za-z0-9._-]+$/.test(tag))
    throw new Error(`--tag: "${tag}" must be letters, digits, dots, hyphens or underscores`);
  const only = option('--only');
  const out = option('--out');
  if (out !== undefined && (out === '' || out.startsWith('--')))
    throw new Error('--out: needs the directory to write the histories to');
  const dir = out === undefined ? HISTORIES : path.resolve(out);
  const binaries = await resolveTemporalBinaries({ log: (line) => console.log(`capture: ${line}`) });
  if (binaries.testServer.kind !== 'path')
    throw new Error('no time-skipping test server (run npm run setup)');
  const workflowBundle = await bundleWorkflows();
  await mkdir(dir, { recursive: true });
  const index: { file: string; workflowId: string; scenario: string; what: string; events: number }[] = [];
  for (const scenario of SCENARIOS.filter((s) => !only || s.name === only)) {
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: binaries.testServer.path } },
    });
    try {
      await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
      const taskQueue = `capture-${scenario.name}-${randomUUID()}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities: withEffects(activities),
      });
      const captured = await worker.runUntil(
        scenario.run({
          env,
          taskQueue,
          async clockTo(instant) {
            const ms = Date.parse(instant) - (await env.currentTimeMs());
            if (ms < 0) throw new Error(`the clock is already past ${instant}`);
            await env.sleep(ms);
          },
        }),
      );
      for (const execution of captured) {
        const file = `${execution.name}${tag ? `@${tag}` : ''}.json`;
        const target = path.join(dir, file);
        const history = await env.client.workflow
          .getHandle(execution.workflowId, execution.runId)
          .fetchHistory();
        const events = history.events?.length ?? 0;
        if (existsSync(target)) {
          console.log(
            `capture: ${file} exists; kept (running workflows may have this history; use --tag to add a new capture)`,
          );
          continue;
        }
        // Formatted as `npm run lint` (prettier) wants it, so a capture is committed as written.
        await writeFile(target, await format(historyToJSON(history), { parser: 'json' }));
        index.push({
          file,
          workflowId: execution.workflowId,
          scenario: scenario.name,
          what: scenario.what,
          events,
        });
        console.log(`capture: wrote ${file} (${events} events)`);
      }
      // A waiting run (a board between reviews) is left running on a server that is about to go away.
    } finally {
      await env.teardown();
    }
  }
  // The workflow ID each history was captured under, for the replayer (it is part of some commands).
  const indexFile = path.join(dir, 'index.json');
  const previous: typeof index = existsSync(indexFile) ? JSON.parse(readFileSync(indexFile, 'utf8')) : [];
  const merged = [...previous.filter((p) => !index.some((i) => i.file === p.file)), ...index].sort((a, b) =>
    a.file.localeCompare(b.file),
  );
  await writeFile(indexFile, await format(JSON.stringify(merged), { parser: 'json' }));
  console.log(
    `capture: ${index.length} new histor${index.length === 1 ? 'y' : 'ies'}; ${merged.length} in ${path.relative(process.cwd(), indexFile)}`,
  );
}

main().catch((error: unknown) => {
  console.error(`capture: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
