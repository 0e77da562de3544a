import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../runtime/paths';
import { bundleWorkflows } from '../worker/create-worker';

/** `npm run build:workflows`: the workflow bundle a production worker loads (GOVFLOW_WORKFLOW_BUNDLE). */
async function main(): Promise<void> {
  const out = path.join(projectRoot, 'dist', 'workflow-bundle.js');
  await mkdir(path.dirname(out), { recursive: true });
  const { code } = await bundleWorkflows();
  await writeFile(out, code);
  console.log(`wrote ${path.relative(projectRoot, out)} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
