import path from 'node:path';
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
}

export function createGovflowWorker(options: GovflowWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: options.activities,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  });
}
