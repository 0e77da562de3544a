import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { decisionWorkflowId } from '../definitions';
import { keyItem, southampton } from './items';
import type { MemorySample, MemoryWorkerConfig } from './memory-worker';
import { now, pool, round } from './support';

const MiB = 1024 * 1024;

export interface MemoryPoint {
  open: number;
  rssMiB: number;
  heapUsedMiB: number;
  /** (RSS with `open` workflows - RSS with none) / open. */
  perWorkflowKiB: number;
  startSeconds: number;
}

export interface MemoryCurve {
  kind: 'decision' | 'idle';
  what: string;
  maxCachedWorkflows: number;
  /** --max-old-space-size of the worker process, if set (else Node's default for the machine). */
  heapMb?: number;
  emptyRssMiB: number;
  points: MemoryPoint[];
  /** The worker process died before the next point: how many workflows had been started, and why. */
  failure?: { startedBeforeFailure: number; error: string };
}

/** The child worker process, and a way to ask it for its memory. */
async function startWorkerProcess(
  config: MemoryWorkerConfig,
  heapMb?: number,
): Promise<{
  child: ChildProcess;
  measure(): Promise<MemorySample>;
  stop(): Promise<void>;
  lastError(): string;
}> {
  const child = fork(path.join(__dirname, 'memory-worker.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(heapMb ? [`--max-old-space-size=${heapMb}`] : [])],
    env: { ...process.env, GOVFLOW_BENCH_MEMORY_WORKER: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  // Keep the end of the worker's stderr: if it dies, its last words say why.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
    if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
  });
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  let id = 0;
  const waiting = new Map<number, { resolve: (s: MemorySample) => void; reject: (e: Error) => void }>();
  let dead: Error | undefined;
  let ready!: () => void;
  let failed!: (e: Error) => void;
  const isReady = new Promise<void>((resolve, reject) => ((ready = resolve), (failed = reject)));
  child.on('message', (m: { type: string; id?: number; sample?: MemorySample }) => {
    if (m.type === 'ready') ready();
    if (m.type === 'sample') waiting.get(m.id!)?.resolve(m.sample!);
  });
  child.once('exit', (code, signal) => {
    dead = new Error(`the worker process exited (code ${code}, signal ${signal})`);
    failed(dead);
    for (const w of waiting.values()) w.reject(dead);
  });
  await isReady;
  return {
    child,
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

/** Waits until the worker holds `open` workflows in its cache with nothing in flight, then samples it. */
async function settle(
  measure: () => Promise<MemorySample>,
  open: number,
  cacheSize: number,
): Promise<MemorySample> {
  const deadline = Date.now() + 600_000;
  let quiet = 0;
  for (;;) {
    const s = await measure();
    // With a cache smaller than `open`, the cache is full once every workflow has run its first tasks.
    const settled =
      s.cachedWorkflows >= Math.min(open, cacheSize) &&
      s.runningWorkflowTasks === 0 &&
      s.runningActivities === 0;
    quiet = settled ? quiet + 1 : 0;
    if (quiet >= (open > cacheSize ? 8 : 1)) break;
    if (Date.now() > deadline)
      throw new Error(`the worker did not settle at ${open} open workflows: ${JSON.stringify(s)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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
 * Resident memory of a worker process (a child of this one) holding `counts` open workflows in its
 * sticky cache. `decision`: key decisions whose meeting is in 2031, each waiting on its agenda timer
 * after its first register writes (Forward Plan); `idle`: the bare baseline that only sleeps.
 */
export async function memoryCurve(
  address: string,
  bundlePath: string,
  kind: MemoryCurve['kind'],
  counts: number[],
  {
    terminate = false,
    maxCachedWorkflows = Math.max(...counts) + 1000,
    heapMb,
  }: { terminate?: boolean; maxCachedWorkflows?: number; heapMb?: number } = {},
): Promise<MemoryCurve> {
  const taskQueue = `bench-memory-${kind}-${process.pid}-${Date.now()}`;
  const worker = await startWorkerProcess({ address, taskQueue, bundlePath, maxCachedWorkflows }, heapMb);
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const started: string[] = [];
  let startedCount = 0;
  try {
    const empty = await settle(worker.measure, 0, maxCachedWorkflows);
    const points: MemoryPoint[] = [];
    let open = 0;
    let failure: MemoryCurve['failure'];
    try {
      for (const target of counts) {
        const t0 = now();
        const from = open;
        await pool(target - from, 32, async (i) => {
          const n = from + i;
          const ref = `m${n}`;
          const workflowId =
            kind === 'decision'
              ? `${decisionWorkflowId(southampton.board.id, ref)}-${taskQueue}`
              : `idle-${n}-${taskQueue}`;
          if (terminate) started.push(workflowId);
          startedCount++;
          if (kind === 'decision') {
            await client.workflow.start('decision', {
              taskQueue,
              workflowId,
              args: [keyItem(ref, '2031-03-13')],
            });
          } else {
            await client.workflow.start('idle', { taskQueue, workflowId, args: [] });
          }
        });
        open = target;
        const sample = await settle(worker.measure, open, maxCachedWorkflows);
        points.push({
          open,
          rssMiB: round(sample.rssBytes / MiB, 1),
          heapUsedMiB: round(sample.heapUsedBytes / MiB, 1),
          perWorkflowKiB: round((sample.rssBytes - empty.rssBytes) / open / 1024, 1),
          startSeconds: round((now() - t0) / 1000, 1),
        });
      }
    } catch (error) {
      failure = { startedBeforeFailure: startedCount, error: `${worker.lastError() || String(error)}` };
    }
    return {
      kind,
      what:
        kind === 'decision'
          ? 'open key decisions (meeting 2031-03-13), each after its classified and Forward Plan register writes, waiting on its agenda timer'
          : 'open bare workflows that only sleep (bench/baseline-workflow.ts `idle`)',
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
