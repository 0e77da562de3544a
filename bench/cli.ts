/**
 * How long the `govflow` CLI takes to answer, as an administrator meets it: a new Node process per command,
 * wall clock from spawn to exit, against a dev server whose worker answers the status query.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { decisionStatusQuery, decisionWorkflowId } from '../definitions';
import { londonCivilDate } from '../governance/civil-date';
import { southampton, todayItem } from './items';
import type { Session } from './overhead';
import { now, pollUntil, summarise } from './support';

const root = path.join(__dirname, '..');

/**
 * What a user types after `govflow`, and how the process is started for it. `npx govflow` adds npm's own
 * start (about 1.6–2 s here, BENCHMARKS.md section 8), which no change of ours can remove.
 */
const HOW = {
  /** bin/govflow.js, as `govflow` on the PATH (npm link, a global install) and `npx govflow` run it: the compiled CLI (dist/cli.js), built by the untimed first run if stale. */
  bin: [path.join(root, 'bin', 'govflow.js')],
  /** The TypeScript sources through tsx, as bin/govflow.js ran them at every call before the compiled CLI. */
  tsx: ['--require', 'tsx/cjs', path.join(root, 'client', 'cli.ts')],
};

export interface CliTimings {
  what: string;
  runs: number;
  /** Per way of running the CLI: `govflow --help` and `govflow status <decision>`, ms. */
  helpMs: Partial<Record<keyof typeof HOW, ReturnType<typeof summarise>>>;
  statusMs: Partial<Record<keyof typeof HOW, ReturnType<typeof summarise>>>;
}

/** One command's wall clock, ms; a command that fails is a broken bench, not a figure. */
function timed(how: keyof typeof HOW, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn(process.execPath, [...HOW[how], ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(now() - t0)
        : reject(new Error(`govflow ${args.join(' ')} (${how}) exited ${code}: ${stderr.trim()}`)),
    );
  });
}

/**
 * `runs` timings of each command by each way of running it, after one untimed run each (the file cache and
 * tsx's own cache warm, as for someone who has used the CLI before), taken in turn so load hits all alike.
 */
export async function timeCli(
  address: string,
  workflowId: string,
  runs: number,
  ways: (keyof typeof HOW)[],
): Promise<Omit<CliTimings, 'what'>> {
  const env = { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default' };
  const help: Record<string, number[]> = {};
  const status: Record<string, number[]> = {};
  for (let i = 0; i <= runs; i++) {
    for (const how of ways) {
      const h = await timed(how, ['--help'], env);
      const s = await timed(how, ['status', workflowId], env);
      if (i === 0) continue;
      (help[how] ??= []).push(h);
      (status[how] ??= []).push(s);
    }
  }
  const summaries = (samples: Record<string, number[]>) =>
    Object.fromEntries(Object.entries(samples).map(([how, ms]) => [how, summarise(ms)]));
  return { runs, helpMs: summaries(help), statusMs: summaries(status) };
}

/** A running decision on the session's worker, once it answers its status query. */
export async function answeringDecision(session: Session): Promise<WorkflowHandle> {
  const ref = `cli-${process.pid}-${Date.now().toString(36)}`;
  const handle = await session.client.workflow.start('decision', {
    taskQueue: session.taskQueue,
    workflowId: decisionWorkflowId(southampton.board.id, ref),
    args: [todayItem(ref, londonCivilDate(Date.now()))],
  });
  await pollUntil(
    () => handle.query(decisionStatusQuery).catch(() => undefined),
    (s) => s !== undefined,
    { what: 'the decision answering its status query' },
  );
  return handle;
}

/** The CLI figures against a dev server whose session's worker answers a running decision's status query. */
export async function cliTimings(
  address: string,
  session: Session,
  runs: number,
  ways: (keyof typeof HOW)[],
): Promise<CliTimings> {
  const handle = await answeringDecision(session);
  try {
    return {
      what: 'wall clock of a new `govflow` process from spawn to exit (node bin/govflow.js ...), median of runs after one untimed run: `--help`, and `status <id>` of a running decision (connect, describe, task-queue check, status query) on the dev server',
      ...(await timeCli(address, handle.workflowId, runs, ways)),
    };
  } finally {
    await handle.terminate('benchmark over');
  }
}
