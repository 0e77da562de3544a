import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../runtime/dev-server';
import { ensureSearchAttributes } from '../runtime/search-attributes';
import { INSTALL_ADVICE, resolveTemporalBinaries } from '../runtime/temporal-binaries';
import { bundleWorkflows } from '../worker/create-worker';
import { freePort } from './support/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalUiUrl: string;
    testServerPath: string;
    workflowBundlePath: string;
  }
}

/** One dev server for the whole run, the binaries resolved once, the workflow code bundled once. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const binaries = await resolveTemporalBinaries({ log: (line) => console.log(`[test setup] ${line}`) });
  const missing = binaries.cli.kind !== 'path' || binaries.testServer.kind !== 'path';
  // In CI a missing server is a failure, never a skip. Elsewhere the SDK's own download is the last resort.
  if (missing && process.env.CI === 'true') throw new Error(INSTALL_ADVICE);
  if (missing)
    console.log(
      '[test setup] Temporal binaries not found locally: the Temporal SDK will download them (needs the internet)',
    );
  console.log(
    `[test setup] dev server: Temporal CLI ${binaries.cli.version}; time-skipping server: ${binaries.testServer.version}`,
  );
  const work = await mkdtemp(path.join(tmpdir(), 'govflow-test-'));
  const bundle = await bundleWorkflows();
  const workflowBundlePath = path.join(work, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, bundle.code);
  const server = await startDevServer({
    binary: binaries.cli,
    port: await freePort(),
    uiPort: await freePort(),
  });
  try {
    const connection = await Connection.connect({ address: server.address });
    await ensureSearchAttributes(connection, server.namespace);
    await connection.close();
  } catch (error) {
    await server.stop();
    throw error;
  }

  project.provide('temporalAddress', server.address);
  project.provide('temporalUiUrl', server.uiUrl ?? '');
  project.provide('testServerPath', binaries.testServer.kind === 'path' ? binaries.testServer.path : '');
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  };
}
