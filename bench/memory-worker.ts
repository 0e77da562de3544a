/**
 * The worker process of the memory benchmark, started by bench/memory.ts as a child process so that its
 * resident memory is the worker's own: the bench bundle, no-op activities, the sticky cache on. It says
 * how large its cache is when ready, and answers `measure` with its memory and the worker's cache count.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { defaultMaxCachedWorkflows } from '../worker/create-worker';
import { withEffects } from '../activities/effects';
import { noopActivities } from './activities';

/**
 * The sticky cache size: a number; `govflow`, what the govflow worker uses unless told otherwise
 * (worker/create-worker.ts); `sdk`, the Temporal SDK's own default (600 workflows per GiB of heap).
 */
export type CacheSetting = number | 'govflow' | 'sdk';

export interface MemoryWorkerConfig {
  address: string;
  taskQueue: string;
  bundlePath: string;
  cache: CacheSetting;
}

export interface MemorySample {
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  cachedWorkflows: number;
  runningWorkflowTasks: number;
  runningActivities: number;
}

type Request = { type: 'measure'; id: number } | { type: 'stop' };

async function main() {
  const config = JSON.parse(process.env.GOVFLOW_BENCH_MEMORY_WORKER ?? '') as MemoryWorkerConfig;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: config.address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: config.taskQueue,
    workflowBundle: { codePath: config.bundlePath },
    activities: withEffects(noopActivities()),
    ...(config.cache === 'sdk'
      ? {}
      : { maxCachedWorkflows: config.cache === 'govflow' ? defaultMaxCachedWorkflows() : config.cache }),
  });
  const running = worker.run();
  const send = (message: unknown) => process.send?.(message);
  process.on('message', async (request: Request) => {
    if (request.type === 'stop') {
      worker.shutdown();
      await running;
      await connection.close();
      process.exit(0);
    }
    if (request.type === 'measure') {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      const status = worker.getStatus();
      const sample: MemorySample = {
        rssBytes: m.rss,
        heapUsedBytes: m.heapUsed,
        externalBytes: m.external,
        cachedWorkflows: status.numCachedWorkflows,
        runningWorkflowTasks: status.numInFlightWorkflowActivations,
        runningActivities: status.numInFlightActivities,
      };
      send({ type: 'sample', id: request.id, sample });
    }
  });
  send({ type: 'ready', maxCachedWorkflows: worker.options.maxCachedWorkflows });
  await running;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
