/**
 * `npx govflow` runs the compiled CLI (dist/cli.js, see bin/build.js), built again first whenever it is
 * missing or older than a source it was built from, so an edit never runs stale; and the slow packages load
 * only when a command uses them, so `govflow --help` answers in a fraction of a second (issue 17).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../support/processes';

/**
 * A build directory of this file's own, inside the project as GOVFLOW_BUILD_DIR asks: the tests here remove
 * and age the build, which a govflow run elsewhere in the suite would otherwise build again first.
 */
const DIST = path.join(projectRoot, 'dist', `compiled-test-${process.pid}`);
const BUILD = path.join(DIST, 'cli.js');
const INPUTS = path.join(DIST, 'cli.inputs.json');
const SLOW = ['@temporalio/client', '@grpc/grpc-js', '@temporalio/proto', '@temporalio/worker', 'tsx'];

let preload: string;
beforeAll(async () => {
  // Loaded before bin/govflow.js: on exit, the npm packages the process loaded, as the last line on stderr.
  const dir = await mkdtemp(path.join(tmpdir(), 'govflow-loaded-'));
  preload = path.join(dir, 'loaded.cjs');
  await mkdir(DIST, { recursive: true });
  await writeFile(
    preload,
    `process.on('exit', () => {
      const names = Object.keys(require.cache).flatMap((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)\\//.exec(f)?.[1] ?? []);
      process.stderr.write('\\nLOADED ' + JSON.stringify([...new Set(names)]) + '\\n');
    });\n`,
  );
});
afterAll(async () => {
  await rm(path.dirname(preload), { recursive: true, force: true });
  await rm(DIST, { recursive: true, force: true });
});

/** bin/govflow.js as `npx govflow` runs it, with the packages it loaded. */
function govflow(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; loaded: string[] }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--require', preload, path.join(projectRoot, 'bin', 'govflow.js'), ...args],
        { cwd: projectRoot, env: { ...process.env, GOVFLOW_BUILD_DIR: DIST, ...env } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('error', reject);
      child.once('close', (code) => {
        const loaded = /\nLOADED (.*)\n$/.exec(stderr)?.[1];
        resolve({
          code,
          stdout,
          stderr: stderr.replace(/\nLOADED .*\n$/, ''),
          loaded: loaded ? (JSON.parse(loaded) as string[]) : [],
        });
      });
    },
  );
}

const builtAt = async () => (await stat(BUILD)).mtimeMs;

describe('the compiled CLI', () => {
  it('is built when missing, then run as built', async () => {
    await rm(INPUTS, { force: true });
    const first = await govflow(['--help']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('Usage: govflow');
    expect(first.loaded).toContain('esbuild');
    const built = await builtAt();

    const second = await govflow(['--help']);
    expect(second.code).toBe(0);
    expect(second.loaded).not.toContain('esbuild');
    expect(await builtAt()).toBe(built);
  });

  it('is built again when a source is newer than the build', async () => {
    await govflow(['--help']);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(BUILD, hourAgo, hourAgo);
    const result = await govflow(['--help']);
    expect(result.code).toBe(0);
    expect(result.loaded).toContain('esbuild');
    expect(await builtAt()).toBeGreaterThan(hourAgo.getTime() + 1000);
  });

  it('--help loads neither the Temporal client, gRPC, the protobufs, the worker nor tsx', async () => {
    await govflow(['--help']);
    const result = await govflow(['--help']);
    expect(result.code).toBe(0);
    expect(result.loaded).toContain('@temporalio/common');
    expect(result.loaded.filter((name) => SLOW.includes(name))).toEqual([]);
  });

  it('ends quietly, exit 0, when its reader stops early (govflow … | head)', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(projectRoot, 'bin', 'govflow.js'), 'standing-orders', 'show', 'southampton-jcb'],
        { cwd: projectRoot, env: { ...process.env, GOVFLOW_BUILD_DIR: DIST } },
      );
      let stderr = '';
      // Like `head -1`: the reader closes its end after the first chunk.
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('error', reject);
      child.once('close', (exit) => resolve({ code: exit, stderr }));
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('status loads the client when it talks to Temporal, and a refusal is still one line, exit 2', async () => {
    const result = await govflow(['status', 'decision/no-such-board/none'], {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
    });
    expect(result.stderr).toMatch(/^govflow: workflowId: no process "decision\/no-such-board\/none"/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.code).toBe(2);
    expect(result.loaded).toContain('@temporalio/client');
    expect(result.loaded).not.toContain('@temporalio/worker');
  });

  it('npm start runs compiled too (dist/start.js, built when missing), and bad config is one line, exit 2', async () => {
    const START = path.join(DIST, 'start.js');
    await rm(path.join(DIST, 'start.inputs.json'), { force: true });
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--require', preload, path.join(projectRoot, 'bin', 'start.js')],
        {
          cwd: projectRoot,
          env: { ...process.env, GOVFLOW_BUILD_DIR: DIST, GOVFLOW_HTTP_PORT: 'eighty' },
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('error', reject);
      child.once('close', (exit) => resolve({ code: exit, stderr }));
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^govflow: GOVFLOW_HTTP_PORT: .*number/m);
    expect(JSON.parse(/\nLOADED (.*)\n$/.exec(stderr)![1]!)).toContain('esbuild');
    expect((await stat(START)).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  });
});
