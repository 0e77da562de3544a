import { readFile } from 'node:fs/promises';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { environment } from '../../runtime/config';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { INSTALL_ADVICE, resolveTemporalBinaries } from '../../runtime/temporal-binaries';
import { bundleWorkflows } from '../../worker/create-worker';

/**
 * A fresh time-skipping server from the provisioned binary. Under CI a missing binary is a failure:
 * a rehearsal on a server downloaded at run time proves nothing about the pinned one.
 */
export async function startTimeSkippingServer(log: (line: string) => void): Promise<TestWorkflowEnvironment> {
  const { testServer } = await resolveTemporalBinaries({ log });
  let env: TestWorkflowEnvironment;
  if (testServer.kind === 'path') {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testServer.path } },
    });
  } else {
    if (environment().CI === 'true') throw new Error(INSTALL_ADVICE);
    log('no temporal-test-server installed: the Temporal SDK downloads one (needs the internet)');
    env = await TestWorkflowEnvironment.createTimeSkipping();
  }
  try {
    // The workflows upsert govflow's search attributes; the test server must know them first.
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
    return env;
  } catch (error) {
    await env.teardown();
    throw error;
  }
}

/** The real workflow code: a prebuilt bundle if GOVFLOW_WORKFLOW_BUNDLE names one, else bundled now. */
export async function workflowBundle(): Promise<WorkflowBundle> {
  const prebuilt = environment().GOVFLOW_WORKFLOW_BUNDLE;
  return prebuilt ? { code: await readFile(prebuilt, 'utf8') } : bundleWorkflows();
}
