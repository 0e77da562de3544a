/**
 * `npm run demo` against whatever is already on the stack (issue 12, item 3, cases a and e): the README's
 * review clock started on its own for southampton-jcb, and a board an officer had proposed themselves. The
 * demo leaves both alone and says so, takes on the rest, exits 0 quickly, and leaves no process FAILED; once
 * the clock is ended, the next run proposes and establishes the board, whose own review takes its own ID.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, compareCivilDates, londonCivilDate } from '../../governance/civil-date';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { DEMO_ITEMS } from '../../client/actions/demo-plan';
import { govflow, ownStack, projectRoot, startGovflow, type CommandResult } from '../support/processes';

function npmRunDemo(env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'demo'], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const demoLines = (out: string) => out.split('\n').filter((line) => line.startsWith('demo: '));

describe('npm run demo on a stack that is already in use', () => {
  let dataDir: string | undefined;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves what others started alone and says so, takes on the rest, and no process ever FAILED', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'govflow-demo-in-use-'));
    const env = {
      ...(await ownStack(dataDir)),
      GOVFLOW_TASK_QUEUE: 'govflow',
    };
    const cliEnv = { ...env, TEMPORAL_ADDRESS: `127.0.0.1:${env.GOVFLOW_TEMPORAL_PORT}` };
    // The dev server runs on real time: the officer's dates are found from real today.
    const today = londonCivilDate(Date.now());
    const bath = resolveStandingOrders('bath-nes-joint-committee', today);
    const bathMeeting = bath.meetings.find((m) => compareCivilDates(m, addDays(today, 14)) >= 0)!;
    const tor = path.join(dataDir, 'tor.md');
    await writeFile(tor, '# Bath and North East Somerset Joint Committee: Terms of Reference\n');

    const stack = startGovflow(env);
    const connection = { current: undefined as Connection | undefined };
    try {
      await stack.waitFor('govflow is running.');
      connection.current = await Connection.connect({ address: cliEnv.TEMPORAL_ADDRESS });
      const client = new Client({ connection: connection.current });
      const failedOrStopped = async () => {
        const ids: string[] = [];
        for await (const info of client.workflow.list({
          query:
            "ExecutionStatus = 'Failed' OR ExecutionStatus = 'Terminated' OR ExecutionStatus = 'TimedOut'",
        }))
          ids.push(`${info.workflowId} ${info.status.name}`);
        return ids;
      };
      const runIds = async () => {
        const ids = new Map<string, string>();
        for await (const info of client.workflow.list({ query: 'GovflowProcess IS NOT NULL' }))
          ids.set(info.workflowId, info.runId);
        return ids;
      };

      // (a) The README's first command, then (e) an officer proposes a board of their own.
      const clock = await govflow(
        [
          'review',
          'start',
          '--board',
          'southampton-jcb',
          '--name',
          'Southampton JCB',
          '--from',
          addDays(today, -5),
          '--notify',
          'democratic.services@southampton.example.org',
          '--json',
        ],
        cliEnv,
      );
      expect(clock.stderr).toBe('');
      expect(JSON.parse(clock.stdout)).toMatchObject({ workflowId: 'review-clock/southampton-jcb/1' });
      const officers = await govflow(
        [
          'board',
          'propose',
          '--standing-orders',
          'bath-nes-joint-committee',
          '--terms-of-reference',
          tor,
          '--first-meeting',
          bathMeeting,
        ],
        cliEnv,
      );
      expect(officers.stderr).toBe('');
      expect(officers.code).toBe(0);

      // Without a worker on its task queue the demo says so at once and starts nothing.
      const noWorker = await npmRunDemo({ ...env, GOVFLOW_TASK_QUEUE: 'nobody-polls-this' });
      expect(noWorker.code).toBe(2);
      expect(noWorker.stderr.trim()).toBe(
        'demo: no worker polls task queue nobody-polls-this in namespace default: start one with `npm start` (or `npm run worker` against your cluster) and run the demo again',
      );
      expect([...(await runIds()).keys()].sort()).toEqual([
        'board/bath-nes-joint-committee',
        'review-clock/southampton-jcb/1',
      ]);

      const first = await npmRunDemo(env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toBe('');
      const lines = demoLines(first.stdout);
      expect(lines).toContain(
        'demo: board southampton-jcb: not proposed: review-clock/southampton-jcb/1, a review clock started on its own, is running for southampton-jcb; ' +
          'a board proposed here runs its own reviews: end the clock first (temporal workflow terminate --workflow-id review-clock/southampton-jcb/1 --reason "board proposed"), then propose the board',
      );
      expect(lines).toContain(
        `demo: board bath-nes-joint-committee: left as it is: board/bath-nes-joint-committee was started before the demo, not by it (running, at proposed: the first meeting on ${bathMeeting}, which considers the draft Terms of Reference)`,
      );
      expect(lines).toContain(
        'demo: board wiltshire-adult-jcb: the NHS board asked for amendments: democratic services must submit version 2',
      );
      // Every item is where its story says, but Southampton's: an item runs under its board's registered
      // standing orders, and that board was not proposed. Nothing is blamed on the worker.
      expect(lines.filter((line) => line.startsWith('demo: item '))).toEqual(
        DEMO_ITEMS.map((item) =>
          item.preset === 'southampton-jcb'
            ? `demo: item southampton-jcb/${item.ref}: not proposed: board: no board "southampton-jcb" is registered; propose it first with govflow board propose (govflow list --process board lists the boards)`
            : `demo: item ${item.preset}/${item.ref}: ${item.story}`,
        ),
      );
      expect(lines.filter((line) => /not as planned|worker/.test(line))).toEqual([]);
      expect(first.stdout).toMatch(/^ {2}review-clock\/southampton-jcb\/1 +running +awaiting-reminder /m);
      expect(first.stdout).toMatch(/^ {2}board\/bath-nes-joint-committee +running +proposed /m);
      expect(await failedOrStopped()).toEqual([]);
      const status = await govflow(['status', 'southampton-jcb'], cliEnv);
      expect(status.stderr.trim()).toBe(
        'govflow: workflowId: no process "southampton-jcb" in namespace default (tried board/southampton-jcb)',
      );

      // Again: the same report for what it left alone, nothing started twice.
      const before = await runIds();
      const second = await npmRunDemo(env);
      expect(second.code, second.stderr).toBe(0);
      expect(demoLines(second.stdout).filter((line) => line.startsWith('demo: board '))).toEqual(
        lines.filter((line) => line.startsWith('demo: board ')),
      );
      expect(await runIds()).toEqual(before);

      // (a) Once the clock is ended, as the demo said, the board is proposed and established; its own first
      // review is review/southampton-jcb/1, which the clock never held.
      await client.workflow.getHandle('review-clock/southampton-jcb/1').terminate('board proposed');
      const third = await npmRunDemo(env);
      expect(third.code, third.stderr).toBe(0);
      expect(demoLines(third.stdout)).toContain(
        'demo: board southampton-jcb: established: both parent bodies approved the Terms of Reference; the 12-month review clock runs',
      );
      // Now every item is where its story says: Southampton's are proposed under the board's standing orders.
      expect(demoLines(third.stdout).filter((line) => line.startsWith('demo: item '))).toEqual(
        DEMO_ITEMS.map((item) => `demo: item ${item.preset}/${item.ref}: ${item.story}`),
      );
      expect((await client.workflow.getHandle('review/southampton-jcb/1').describe()).status.name).toBe(
        'RUNNING',
      );
      expect((await client.workflow.getHandle('board/southampton-jcb').describe()).status.name).toBe(
        'RUNNING',
      );
      expect(await failedOrStopped()).toEqual(['review-clock/southampton-jcb/1 TERMINATED']);
      const established = await govflow(['status', 'southampton-jcb'], cliEnv);
      expect(established.code).toBe(0);
      expect(established.stdout).toContain('  state:       running: it moves on by itself and takes actions');
      expect(established.stdout).toContain('  stage:       awaiting-review');
    } finally {
      await connection.current?.close();
      stack.child.kill('SIGTERM');
      await stack.exited;
    }
  });
});
