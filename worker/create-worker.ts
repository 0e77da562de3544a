import path from 'node:path';
import v8 from 'node:v8';
import {
  bundleWorkflowCode,
  Worker,
  type NativeConnection,
  type WorkflowBundle,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { GovernanceActivities } from '../activities/contract';
import { withEffects } from '../activities/effects';
import { workflowBundleOptions } from './bundle-options';

/** Webpack-bundles the workflow code once, so every worker (and every test) starts from the same bundle. */
export async function bundleWorkflows(): Promise<WorkflowBundle> {
  const { code } = await bundleWorkflowCode(
    workflowBundleOptions(path.join(__dirname, '..', 'workflows', 'index.ts')),
  );
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
 * Heap to allow per cached workflow. An open govflow decision takes about 0.5 MiB in the cache now that
 * govflow's modules load once per worker (worker/bundle-options.ts); it took 2.1–3.5 MiB when the SDK
 * evaluated zod and the schemas for every workflow. Four times the footprint leaves room for longer
 * histories and a board's state, and keeps the cache below the SDK's default (600 workflows per GiB).
 */
const HEAP_MIB_PER_CACHED_WORKFLOW = 2;

/**
 * The sticky cache sized to this process's heap limit (the workflow thread gets the same): about 1,970
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
    activities: withEffects(options.activities),
    maxCachedWorkflows: options.maxCachedWorkflows ?? defaultMaxCachedWorkflows(),
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  });
}
