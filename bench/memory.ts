import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { decisionWorkflowId } from '../definitions';
import { addDays, londonCivilDate } from '../governance/civil-date';
import { keyItem, southampton, southamptonMeeting } from './items';
import type { CacheSetting, MemorySample, MemoryWorkerConfig } from './memory-worker';
import { now, pool, round } from './support';

const MiB = 1024 * 1024;

export interface MemoryPoint {
  open: number;
  rssMiB: number;
  heapUsedMiB: number;
  /** (RSS with `open` workflows - RSS with none) / open. */
  perWorkflowKiB: number;
  /** The same growth per workflow held in the sticky cache (fewer than `open` when the cache is smaller). */
  perCachedWorkflowKiB: number;
  cached: number;
  /** Seconds to start them (in batches, each left to reach its first wait) and settle. */
  startSeconds: number;
  /** Since the worker started, as its SDK logged them: workflow tasks over 5 s, and workflow tasks failed (a timed-out activation). */
  slowWorkflowTasks: number;
  failedWorkflowTasks: number;
}

export interface MemoryCurve {
  kind: 'decision' | 'idle';
  what: string;
  /** How the cache size was chosen, and the size the worker ended up with. */
  cache: CacheSetting;
  maxCachedWorkflows: number;
  /** --max-old-space-size of the worker process, if set (else Node's default for the machine). */
  heapMb?: number;
  emptyRssMiB: number;
  points: MemoryPoint[];
  /** The worker died or never settled before the next point: how many workflows had been started, and why. */
  failure?: {
    startedBeforeFailure: number;
    error: string;
    slowWorkflowTasks: number;
    failedWorkflowTasks: number;
  };
}

/** The child worker process, and a way to ask it for its memory. */
async function startWorkerProcess(
  config: MemoryWorkerConfig,
  heapMb?: number,
): Promise<{
  child: ChildProcess;
  maxCachedWorkflows: number;
  measure(): Promise<MemorySample>;
  stop(): Promise<void>;
  lastError(): string;
  troubles: { slowWorkflowTasks: number; failedWorkflowTasks: number };
}> {
  const child = fork(path.join(__dirname, 'memory-worker.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(heapMb ? [`--max-old-space-size=${heapMb}`] : [])],
    env: { ...process.env, GOVFLOW_BENCH_MEMORY_WORKER: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Keep the end of the worker's output (the SDK logs to both) off the table: if it fails, its last words
  // say why. Count the SDK's complaints about workflow tasks, line by line: how a strained worker shows.
  let stderr = '';
  const troubles = { slowWorkflowTasks: 0, failedWorkflowTasks: 0 };
  const keep = () => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = chunk.toString();
      stderr = (stderr + text).slice(-20_000);
      if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (line.includes('TMPRL1104')) troubles.slowWorkflowTasks++;
        if (line.includes('Failing workflow task')) troubles.failedWorkflowTasks++;
      }
    };
  };
  child.stdout?.on('data', keep());
  child.stderr?.on('data', keep());
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  let id = 0;
  const waiting = new Map<number, { resolve: (s: MemorySample) => void; reject: (e: Error) => void }>();
  let dead: Error | undefined;
  let ready!: (maxCachedWorkflows: number) => void;
  let failed!: (e: Error) => void;
  const isReady = new Promise<number>((resolve, reject) => ((ready = resolve), (failed = reject)));
  child.on(
    'message',
    (m: { type: string; id?: number; sample?: MemorySample; maxCachedWorkflows?: number }) => {
      if (m.type === 'ready') ready(m.maxCachedWorkflows!);
      if (m.type === 'sample') waiting.get(m.id!)?.resolve(m.sample!);
    },
  );
  child.once('exit', (code, signal) => {
    dead = new Error(`the worker process exited (code ${code}, signal ${signal})`);
    failed(dead);
    for (const w of waiting.values()) w.reject(dead);
  });
  const maxCachedWorkflows = await isReady;
  return {
    child,
    maxCachedWorkflows,
    troubles,
    lastError: () => {
      const lines = stderr.split('\n').filter((l) => /Error|error:|exited/.test(l));
      return [dead?.message, ...lines.slice(0, 3)].filter(Boolean).join(' | ').slice(0, 1000);
    },
    measure: () =>
      new Promise<MemorySample>((resolve, reject) => {
        if (dead) return reject(dead);
        const request = ++id;
        waiting.set(request, { resolve, reject });
        child.send({ type: 'measure', id: request });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (dead) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        process.removeListener('exit', reap);
      }),
  };
}

/**
 * Waits until the worker holds `open` workflows in its cache (or a full cache) with nothing in flight,
 * for `samples` readings in a row 250 ms apart.
 */
async function quiet(
  measure: () => Promise<MemorySample>,
  open: number,
  cacheSize: number,
  samples: number,
): Promise<void> {
  const deadline = Date.now() + 600_000;
  let quietFor = 0;
  for (;;) {
    const s = await measure();
    // Every workflow is cached once it has run its first tasks; past the cache size the cache may be a
    // workflow or two short after evictions, so then only a longer quiet spell says all have run.
    const settled =
      (open > cacheSize || s.cachedWorkflows >= open) &&
      s.runningWorkflowTasks === 0 &&
      s.runningActivities === 0;
    quietFor = settled ? quietFor + 1 : 0;
    if (quietFor >= samples) return;
    if (Date.now() > deadline)
      throw new Error(`the worker did not settle at ${open} open workflows: ${JSON.stringify(s)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until the worker is quiet with `open` workflows, then samples it. */
async function settle(
  measure: () => Promise<MemorySample>,
  open: number,
  cacheSize: number,
): Promise<MemorySample> {
  await quiet(measure, open, cacheSize, open > cacheSize ? 8 : 1);
  // Let the worker's allocator and GC settle, then take the middle of three samples.
  const samples: MemorySample[] = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    samples.push(await measure());
  }
  samples.sort((a, b) => a.rssBytes - b.rssBytes);
  return samples[1]!;
}

/**
 * Workflows are started in batches, each left to reach its first wait before the next: decisions arrive
 * over months, not in one burst, and a burst far beyond the cache would measure eviction churn (workflows
 * evicted between their first tasks, then replayed) rather than what open workflows hold.
 */
const BATCH = 100;

/**
 * Resident memory of a worker process (a child of this one) with `counts` open workflows, as many as
 * fit in its sticky cache held there. `decision`: key decisions whose meeting is the board's first at
 * least a year after today (the dev server runs on real time, so none of their waits ends during the
 * run), each waiting on its agenda timer after its first register writes (Forward Plan); `idle`: the
 * bare baseline that only sleeps. The cache is the govflow worker's unless `cache` says otherwise.
 */
export async function memoryCurve(
  address: string,
  bundlePath: string,
  kind: MemoryCurve['kind'],
  counts: number[],
  {
    terminate = false,
    cache = 'govflow',
    heapMb,
  }: { terminate?: boolean; cache?: CacheSetting; heapMb?: number } = {},
): Promise<MemoryCurve> {
  const taskQueue = `bench-memory-${kind}-${process.pid}-${Date.now()}`;
  const meeting = southamptonMeeting(addDays(londonCivilDate(Date.now()), 365));
  const worker = await startWorkerProcess({ address, taskQueue, bundlePath, cache }, heapMb);
  const { maxCachedWorkflows } = worker;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const started: string[] = [];
  let startedCount = 0;
  const start = async (n: number) => {
    const ref = `m${n}`;
    const workflowId =
      kind === 'decision'
        ? `${decisionWorkflowId(southampton.board.id, ref)}-${taskQueue}`
        : `idle-${n}-${taskQueue}`;
    if (terminate) started.push(workflowId);
    startedCount++;
    if (kind === 'decision') {
      await client.workflow.start('decision', { taskQueue, workflowId, args: [keyItem(ref, meeting)] });
    } else {
      await client.workflow.start('idle', { taskQueue, workflowId, args: [] });
    }
  };
  try {
    const empty = await settle(worker.measure, 0, maxCachedWorkflows);
    const points: MemoryPoint[] = [];
    let open = 0;
    let failure: MemoryCurve['failure'];
    try {
      for (const target of counts) {
        const t0 = now();
        for (let from = open; from < target; from += BATCH) {
          const batch = Math.min(BATCH, target - from);
          await pool(batch, 32, (i) => start(from + i));
          await quiet(worker.measure, from + batch, maxCachedWorkflows, 2);
        }
        open = target;
        const sample = await settle(worker.measure, open, maxCachedWorkflows);
        const growth = sample.rssBytes - empty.rssBytes;
        points.push({
          open,
          rssMiB: round(sample.rssBytes / MiB, 1),
          heapUsedMiB: round(sample.heapUsedBytes / MiB, 1),
          perWorkflowKiB: round(growth / open / 1024, 1),
          perCachedWorkflowKiB: round(growth / Math.max(1, sample.cachedWorkflows) / 1024, 1),
          cached: sample.cachedWorkflows,
          startSeconds: round((now() - t0) / 1000, 1),
          ...worker.troubles,
        });
      }
    } catch (error) {
      failure = {
        startedBeforeFailure: startedCount,
        error: [String(error), worker.lastError()].filter(Boolean).join(' | '),
        ...worker.troubles,
      };
    }
    return {
      kind,
      what:
        kind === 'decision'
          ? `open key decisions (meeting ${meeting}, a year or more ahead), each after its classified and Forward Plan register writes, waiting on its agenda timer`
          : 'open bare workflows that only sleep (bench/baseline-workflow.ts `idle`)',
      cache,
      maxCachedWorkflows,
      heapMb,
      emptyRssMiB: round(empty.rssBytes / MiB, 1),
      points,
      failure,
    };
  } finally {
    // On a server that goes on (the test run's), leave nothing open; the bench stops its own server instead.
    await pool(started.length, 32, (i) =>
      client.workflow
        .getHandle(started[i]!)
        .terminate('benchmark finished')
        .catch(() => undefined),
    );
    await worker.stop();
    await connection.close();
  }
}
