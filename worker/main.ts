import { connectWorker } from '../runtime/connection';
import { loadConfig } from '../runtime/config';
import { bundleWorkflows } from './create-worker';
import { runGovflow } from './run';
import { readFile } from 'node:fs/promises';
import { UserError } from '../definitions/errors';

/**
 * The worker alone, against a Temporal cluster named by TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE,
 * TEMPORAL_TLS_*, TEMPORAL_API_KEY). Used by the Docker image and by `npm start` on a real cluster.
 * GOVFLOW_WORKFLOW_BUNDLE names a bundle prebuilt by `npm run build:workflows`.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const { connection, namespace } = await connectWorker();
  const bundlePath = config.GOVFLOW_WORKFLOW_BUNDLE;
  const workflowBundle = bundlePath ? { code: await readFile(bundlePath, 'utf8') } : await bundleWorkflows();
  const govflow = await runGovflow({
    connection,
    namespace,
    taskQueue: config.GOVFLOW_TASK_QUEUE,
    workflowBundle,
    httpPort: config.GOVFLOW_HTTP_PORT,
    httpHost: config.GOVFLOW_HTTP_HOST,
  });
  console.log(
    `govflow worker polling "${config.GOVFLOW_TASK_QUEUE}" in namespace "${namespace}"; public pages on ${govflow.publication.url}`,
  );
  const stop = () => void govflow.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await govflow.finished;
  await govflow.stop();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(`govflow worker: ${error instanceof Error ? error.message : String(error)}`);
  // A setting to correct (exit 2, as the CLI), not a crash.
  process.exit(error instanceof UserError ? 2 : 1);
});
