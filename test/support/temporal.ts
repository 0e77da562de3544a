import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { msToTs } from '@temporalio/common/lib/time';
import { inject } from 'vitest';
import type { GovernanceActivities } from '../../activities/contract';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { createGovflowWorker } from '../../worker/create-worker';
import { anchorMs } from './dates';

/** The workflow bundle made once by the global setup. */
export function workflowBundle(): WorkflowBundleOption {
  return { codePath: inject('workflowBundlePath') };
}

export function uniqueTaskQueue(name: string): string {
  return `${name}-${randomUUID()}`;
}

/** A client and a worker connection to the run's shared dev server. */
export async function devServer(namespace = 'default'): Promise<{
  client: Client;
  workerConnection: NativeConnection;
  close(): Promise<void>;
}> {
  const address = inject('temporalAddress');
  const connection = await Connection.connect({ address });
  const workerConnection = await NativeConnection.connect({ address });
  return {
    client: new Client({ connection, namespace }),
    workerConnection,
    async close() {
      await connection.close();
      await workerConnection.close();
    },
  };
}

/**
 * A namespace of its own on the run's shared dev server, with govflow's search attributes (unless told not): for a test whose
 * command acts on every running process of its namespace (`calendar import` tells them holiday news), so
 * it never reaches another test's processes.
 */
export async function isolatedNamespace(options: { searchAttributes?: boolean } = {}): Promise<string> {
  const namespace = `govflow-test-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    // The server's namespace cache takes a moment to know a new namespace.
    for (let i = 0; ; i++) {
      try {
        if (options.searchAttributes !== false) await ensureSearchAttributes(connection, namespace);
        await new Client({ connection, namespace }).workflow.count();
        return namespace;
      } catch (error) {
        if (i >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    await connection.close();
  }
}

/**
 * A fresh time-skipping server from the provisioned binary: a year passes in seconds. Its clock starts at
 * the tests' anchor (test/support/dates.ts): now, or a later GOVFLOW_TEST_ANCHOR day.
 */
export async function timeSkipping(): Promise<TestWorkflowEnvironment> {
  const path = inject('testServerPath');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: path ? { type: 'existing-path', path } : { type: 'cached-download' } },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  const ahead = anchorMs() - (await env.currentTimeMs());
  if (ahead > 0) await env.sleep(ahead);
  return env;
}

/** Runs `fn` while a govflow worker polls `taskQueue` with the given activities. */
export async function withWorker<T>(
  connection: NativeConnection,
  taskQueue: string,
  activities: GovernanceActivities,
  fn: () => Promise<T>,
  namespace = 'default',
): Promise<T> {
  const worker = await createGovflowWorker({
    connection,
    namespace,
    taskQueue,
    activities,
    workflowBundle: workflowBundle(),
  });
  return worker.runUntil(fn);
}
