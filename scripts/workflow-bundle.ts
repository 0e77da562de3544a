import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { projectRoot } from '../runtime/paths';
import { workflowBundleOptions } from '../worker/bundle-options';

/** Where bundles are kept, one file per entry and key: dist/ is git-ignored and rebuilt on demand. */
export const BUNDLE_CACHE = path.join(projectRoot, 'dist', 'workflow-bundles');

/** Every file `workflowsPath` imports, found by esbuild (it resolves imports as webpack does), from the root. */
async function importedFiles(workflowsPath: string): Promise<string[]> {
  const { metafile } = await build({
    absWorkingDir: projectRoot,
    entryPoints: [workflowsPath],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs).filter((file) => !file.includes(':'));
}

/**
 * A hash of the files a bundle was made from, the installed packages (package-lock.json), this file and
 * worker/bundle-options.ts: an edit to any of them, a package install or a change to how bundles are made
 * gives a new key. A new import is an edit to a file already listed, and a file removed cannot be read:
 * both change the key.
 */
async function keyOf(files: string[]): Promise<string | undefined> {
  const hash = createHash('sha256');
  const all = [
    ...files,
    'package-lock.json',
    'tsconfig.json',
    path.relative(projectRoot, __filename),
    path.join('worker', 'bundle-options.ts'),
  ];
  try {
    for (const file of all.sort()) {
      hash.update(`${file}\0`);
      hash.update(await readFile(path.join(projectRoot, file)));
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex').slice(0, 20);
}

interface Manifest {
  key: string;
  inputs: string[];
}

/**
 * The webpack bundle of `workflowsPath` as bundleWorkflowCode makes it, from dist/workflow-bundles/ when
 * one was made from the same sources (see {@link keyOf}), else made now and kept there. Bundling takes
 * 5–13 s on a 2-CPU machine; hashing the 300 files it was made from, a few tens of milliseconds.
 */
export async function cachedWorkflowBundle(
  workflowsPath: string,
  { cacheDir = BUNDLE_CACHE, log }: { cacheDir?: string; log?: (line: string) => void } = {},
): Promise<WorkflowBundle> {
  const name = path
    .relative(projectRoot, workflowsPath)
    .replace(/\.ts$/, '')
    .replace(/[\\/.]+/g, '-');
  const manifestFile = path.join(cacheDir, `${name}.json`);
  const bundleFile = (key: string) => path.join(cacheDir, `${name}.${key}.js`);
  const manifest = await readFile(manifestFile, 'utf8')
    .then((json) => JSON.parse(json) as Manifest)
    .catch(() => undefined);
  if (manifest && (await keyOf(manifest.inputs)) === manifest.key) {
    const cached = await readFile(bundleFile(manifest.key), 'utf8').catch(() => undefined);
    if (cached !== undefined) return { code: cached };
  }
  log?.(
    `bundling ${path.relative(projectRoot, workflowsPath)} (new or changed sources; kept for the next start)`,
  );
  // The key is taken before bundling: a file edited meanwhile makes the next check miss, not hit.
  const inputs = await importedFiles(workflowsPath);
  const key = await keyOf(inputs);
  const { code } = await bundleWorkflowCode(workflowBundleOptions(workflowsPath));
  if (key === undefined) return { code };
  try {
    await mkdir(cacheDir, { recursive: true });
    for (const old of await readdir(cacheDir))
      if (old.startsWith(`${name}.`) && old.endsWith('.js'))
        await rm(path.join(cacheDir, old), { force: true });
    // Whole or not at all: two processes may bundle the same sources at once.
    await replace(bundleFile(key), code);
    await replace(manifestFile, JSON.stringify({ key, inputs } satisfies Manifest));
  } catch {
    // A read-only checkout still runs, bundling at every start.
  }
  return { code };
}

async function replace(file: string, contents: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}
