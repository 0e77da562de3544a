/**
 * How long `npm start` takes to say "govflow is running." (the dev server up with its search attributes, the
 * worker with the register and mail, the public pages and the console), as a developer meets it: a new
 * process from spawn to the banner, on ports and a data directory of its own.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import { now, summarise } from './support';

const root = path.join(__dirname, '..');
const BANNER = 'govflow is running.';

/** How the stack is started: as `npm start` runs it now, and as it ran before (the sources through tsx). */
const HOW = {
  /** bin/start.js: the compiled dist/start.js, built by the untimed first start if stale. */
  bin: [path.join(root, 'bin', 'start.js')],
  tsx: ['--require', 'tsx/cjs', path.join(root, 'scripts', 'start.ts')],
};
export type StartWay = keyof typeof HOW;

export interface StartTimings {
  what: string;
  runs: number;
  /** Whether every timed start found its data directory there (the dev server's database, the register). */
  warm: boolean;
  /** Timed starts that bundled the workflow code (a warm start finds the bundle kept: none should). */
  bundled: number;
  bannerMs: Partial<Record<StartWay, ReturnType<typeof summarise>>>;
}

/** npm start's own data directory and its own free ports (the dev server, Web UI, pages, console, SMTP). */
export async function ownStack(dataDir: string) {
  return {
    GOVFLOW_DATA_DIR: dataDir,
    GOVFLOW_TEMPORAL_PORT: String(await freePort()),
    GOVFLOW_UI_PORT: String(await freePort()),
    GOVFLOW_HTTP_PORT: String(await freePort()),
    GOVFLOW_CONSOLE_PORT: String(await freePort()),
    GOVFLOW_SMTP_PORT: String(await freePort()),
    TEMPORAL_ADDRESS: '',
  };
}

/**
 * One start, spawn to banner (ms), and whether it bundled the workflow code; then Ctrl-C, as a developer
 * stops it, awaited before the next.
 */
async function timedStart(how: StartWay, env: NodeJS.ProcessEnv): Promise<{ ms: number; bundled: boolean }> {
  const t0 = now();
  const child = spawn(process.execPath, HOW[how], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  try {
    return await new Promise((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        output += chunk;
        if (output.includes(BANNER)) resolve({ ms: now() - t0, bundled: /bundling workflows/.test(output) });
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.once('error', reject);
      void exited.then((code) => reject(new Error(`npm start (${how}) exited ${code}:\n${output.trim()}`)));
    });
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

export interface StartPlan {
  runs: number;
  ways: StartWay[];
  /** One untimed start by each way first, so that every timed start is warm. */
  untimedFirst: boolean;
  /**
   * Keep the data directories in dist/bench-start/ between bench runs, as the workflow bundles are kept:
   * the quick run, which has no time for an untimed start, then times a warm start from its second run on.
   */
  keep: boolean;
}

/** Where the quick run keeps its starts' data directories (git-ignored, like the workflow bundles). */
export const KEPT_START_DIR = path.join(root, 'dist', 'bench-start');

/**
 * `runs` timed starts by each way, taken in turn so load hits all alike, each way in a data directory of its
 * own. A start is warm when it finds that directory there (the dev server's database, the register and its
 * migrations), as anyone who started govflow before does.
 */
export async function startTimings({ runs, ways, untimedFirst, keep }: StartPlan): Promise<StartTimings> {
  const dir = keep ? KEPT_START_DIR : await mkdtemp(path.join(tmpdir(), 'govflow-bench-start-'));
  try {
    const samples: Partial<Record<StartWay, number[]>> = {};
    let bundled = 0;
    let cold = 0;
    for (let i = untimedFirst ? 0 : 1; i <= runs; i++) {
      for (const how of ways) {
        const dataDir = path.join(dir, how);
        const warm = existsSync(path.join(dataDir, 'temporal.db'));
        const start = await timedStart(how, await ownStack(dataDir));
        if (i === 0) continue;
        (samples[how] ??= []).push(start.ms);
        if (start.bundled) bundled++;
        if (!warm) cold++;
      }
    }
    return {
      what: `wall clock of \`npm start\`'s process from spawn to "${BANNER}", ports of its own; median of runs`,
      runs,
      warm: cold === 0,
      bundled,
      bannerMs: Object.fromEntries(Object.entries(samples).map(([how, ms]) => [how, summarise(ms)])),
    };
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
