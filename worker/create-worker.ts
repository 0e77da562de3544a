import path from 'node:path';
import v8 from 'node:v8';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Worker,
  type NativeConnection,
  type WorkflowBundle,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { GovernanceActivities } from '../activities/contract';

/** Webpack-bundles the workflow code once, so every worker (and every test) starts from the same bundle. */
export async function bundleWorkflows(): Promise<WorkflowBundle> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, '..', 'workflows', 'index.ts'),
    // Webpack's progress lines are noise for officers starting govflow; warnings and errors still show.
    logger: new DefaultLogger('WARN'),
  });
  return { code };
}

export interface GovflowWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: GovernanceActivities;
  workflowBundle: WorkflowBundleOption;
  /** The encrypting data converter when a key is configured (security/codec.ts); Temporal's default otherwise. */
  dataConverter?: DataConverter;
  /** Open workflows kept in the sticky cache (GOVFLOW_MAX_CACHED_WORKFLOWS); {@link defaultMaxCachedWorkflows} otherwise. */
  maxCachedWorkflows?: number;
}

/**
 * Heap to allow per cached workflow. The SDK's default cache (600 workflows per GiB of heap) assumes about
 * 1.7 MiB each, but an open govflow decision takes about 2.1 MiB, most of it zod and the schemas, which the
 * SDK evaluates once per workflow. With a 4 GiB heap at the SDK's default (2,310 workflows), 3,000 open
 * decisions took the worker to 4.6 GiB and 90 of its workflow tasks over 5 s; at this setting, 3.5 GiB and
 * none (BENCHMARKS.md, "Worker memory"). Twice the footprint leaves room for longer histories and a
 * board's state.
 */
const HEAP_MIB_PER_CACHED_WORKFLOW = 4;

/**
 * The sticky cache sized to this process's heap limit (the workflow thread gets the same): about 980
 * workflows with Node's default 4 GiB heap. A workflow outside the cache replays its history on its next
 * task, about 0.1 s of CPU for a decision, so a smaller cache costs CPU only for workflows that are busy.
 */
export function defaultMaxCachedWorkflows(
  heapLimitMiB = v8.getHeapStatistics().heap_size_limit / 1024 / 1024,
): number {
  return Math.max(Math.floor((heapLimitMiB - 200) / HEAP_MIB_PER_CACHED_WORKFLOW), 10);
}

export function createGovflowWorker(options: GovflowWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: options.activities,
    maxCachedWorkflows: options.maxCachedWorkflows ?? defaultMaxCachedWorkflows(),
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  });
}
