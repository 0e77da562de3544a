import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../runtime/paths';
import { cachedWorkflowBundle } from '../../scripts/workflow-bundle';

/** The bundle `npm start` and the bench reuse between runs: kept while its sources hold, never stale. */
describe('cached workflow bundle', () => {
  let dir: string;
  let cache: string;
  let entry: string;
  beforeAll(async () => {
    // Inside the project (git-ignored), where webpack finds the SDK's workflow modules.
    const artifacts = path.join(projectRoot, 'test-artifacts');
    await mkdir(artifacts, { recursive: true });
    dir = await mkdtemp(path.join(artifacts, 'workflow-bundle-'));
    cache = path.join(dir, 'cache');
    entry = path.join(dir, 'workflows.ts');
    await writeFile(path.join(dir, 'greeting.ts'), `export const greeting = 'first greeting';\n`);
    await writeFile(
      entry,
      `import { greeting } from './greeting';\nexport async function greet(): Promise<string> {\n  return 'entry one ' + greeting;\n}\n`,
    );
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const bundleFiles = async () => (await readdir(cache)).filter((f) => f.endsWith('.js'));

  it('bundles once, then serves the kept bundle while no source changes', async () => {
    const first = await cachedWorkflowBundle(entry, { cacheDir: cache });
    expect(first.code).toContain('entry one');
    expect(first.code).toContain('first greeting');
    const [file] = await bundleFiles();
    expect(await readFile(path.join(cache, file!), 'utf8')).toBe(first.code);
    // Marked on disk: only a bundle read from the cache carries the mark.
    await writeFile(path.join(cache, file!), `${first.code}\n// kept`);
    expect((await cachedWorkflowBundle(entry, { cacheDir: cache })).code).toBe(`${first.code}\n// kept`);
  });

  it('bundles again when the entry or a module it imports changes, and keeps only the new bundle', async () => {
    await writeFile(path.join(dir, 'greeting.ts'), `export const greeting = 'second greeting';\n`);
    const second = await cachedWorkflowBundle(entry, { cacheDir: cache });
    expect(second.code).toContain('second greeting');
    expect(second.code).not.toContain('// kept');
    await writeFile(entry, (await readFile(entry, 'utf8')).replace('entry one', 'entry two'));
    const third = await cachedWorkflowBundle(entry, { cacheDir: cache });
    expect(third.code).toContain('entry two');
    expect(third.code).not.toContain('entry one');
    expect(await bundleFiles()).toHaveLength(1);
  });
});
